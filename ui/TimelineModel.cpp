#include "TimelineModel.h"

#include "core/Journal.h"

#include <QBrush>
#include <QColor>
#include <QFont>
#include <QSet>

using namespace Sitrep::Core;

namespace Sitrep::Ui {

TimelineModel::TimelineModel(QObject *parent)
    : QAbstractTableModel(parent)
{
    m_flushTimer.setSingleShot(true);
    m_flushTimer.setInterval(0);
    connect(&m_flushTimer, &QTimer::timeout, this, &TimelineModel::flush);
}

void TimelineModel::setJournal(Journal *journal)
{
    disconnect(m_appendConn);
    disconnect(m_changeConn);
    disconnect(m_reorderConn);
    m_journal = journal;
    reload();
    if (journal) {
        m_appendConn = connect(journal, &Journal::eventsAppended, this, &TimelineModel::enqueue);
        m_changeConn = connect(journal, &Journal::eventChanged, this, &TimelineModel::onChanged);
        // A team incident's event landed before ones shown already: take the timeline again.
        m_reorderConn = connect(journal, &Journal::reordered, this, &TimelineModel::reload);
        connect(journal, &QObject::destroyed, this, [this] { setJournal(nullptr); });
    }
}

void TimelineModel::setUtc(bool utc)
{
    m_utc = utc;
    if (!m_events.isEmpty())
        emit dataChanged(index(0, TimeColumn), index(rowCount() - 1, TimeColumn));
}

void TimelineModel::enqueue(const QList<TimelineEvent> &events)
{
    m_pending += events;
    if (!m_flushTimer.isActive())
        m_flushTimer.start();
}

void TimelineModel::flush()
{
    m_flushTimer.stop();
    if (m_pending.isEmpty())
        return;
    // The journal emits each new event once, in timeline order; one already shown (e.g. seen by a reset)
    // is skipped.
    QList<TimelineEvent> fresh;
    QSet<qint64> queued;
    for (auto &e : m_pending) {
        if (!m_rowOfId.contains(e.id) && !queued.contains(e.id)) {
            queued.insert(e.id);
            fresh.append(std::move(e));
        }
    }
    m_pending.clear();
    if (fresh.isEmpty())
        return;
    beginInsertRows({}, int(m_events.size()), int(m_events.size() + fresh.size() - 1));
    for (auto &e : fresh) {
        m_rowOfId.insert(e.id, int(m_events.size()));
        m_events.append(std::move(e));
    }
    endInsertRows();
}

void TimelineModel::reload()
{
    m_flushTimer.stop();
    m_pending.clear();
    beginResetModel();
    m_events = m_journal ? m_journal->events() : QList<TimelineEvent>{};
    m_rowOfId.clear();
    for (int row = 0; row < m_events.size(); ++row)
        m_rowOfId.insert(m_events.at(row).id, row);
    endResetModel();
}

void TimelineModel::setTeamMode(bool team)
{
    if (m_team == team)
        return;
    m_team = team;
    if (!m_events.isEmpty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

void TimelineModel::onChanged(const TimelineEvent &event)
{
    const int row = rowForId(event.id);
    if (row < 0)
        return;
    m_events[row] = event;
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

int TimelineModel::rowForId(qint64 id) const
{
    return m_rowOfId.value(id, -1);
}

int TimelineModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_events.size());
}

int TimelineModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TimelineModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const TimelineEvent &e = m_events.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case TimeColumn: {
            const QDateTime t = m_utc ? e.time() : e.time().toLocalTime();
            return t.toString(QStringLiteral("MM-dd HH:mm:ss")) + (m_utc ? QStringLiteral("Z") : QString());
        }
        case KindColumn:
            return (e.pinned ? QStringLiteral("\u2605 ") : QString()) +
                   (m_team && e.seq == 0 ? QStringLiteral("\u25cc ") : QString()) +
                   (e.kind == EventKind::Unknown ? e.kindName : eventKindTitle(e.kind));
        case AuthorColumn:
            if (m_team && !e.origin.isEmpty())
                return e.origin.section(QLatin1Char('@'), 0, 0) == e.author
                           ? e.origin
                           : QStringLiteral("%1 (%2)").arg(e.author, e.origin);
            return e.author;
        case SummaryColumn:
            return e.summary;
        }
        return {};
    case Qt::ToolTipRole:
        if (m_team && e.seq == 0 && index.column() == KindColumn)
            return tr("Not yet shared: the team server has not acknowledged this entry yet");
        if (index.column() == AuthorColumn && !e.origin.isEmpty())
            return tr("%1, written on %2").arg(e.author, e.origin);
        return index.column() == SummaryColumn ? e.summary : QVariant();
    case Qt::FontRole: {
        const bool bold = e.pinned || e.kind == EventKind::StatusChange || e.kind == EventKind::Declared;
        const bool unshared = m_team && e.seq == 0;
        if (!bold && !unshared)
            return {};
        QFont f;
        f.setBold(bold);
        f.setItalic(unshared);
        return f;
    }
    case Qt::ForegroundRole:
        if (e.kind == EventKind::Alert || e.kind == EventKind::Escalation)
            return QBrush(QColor(0xe5, 0x39, 0x35));
        return {};
    case EventIdRole:
        return e.id;
    case KindRole:
        return int(e.kind);
    case KindNameRole:
        return e.kindName;
    case PinnedRole:
        return e.pinned;
    case TimestampRole:
        return e.tsMs;
    case PayloadRole:
        return e.payload;
    case OriginRole:
        return e.origin;
    case SharedRole:
        return !m_team || e.seq > 0;
    }
    return {};
}

QVariant TimelineModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case KindColumn:
        return tr("Kind");
    case AuthorColumn:
        return tr("Who");
    case SummaryColumn:
        return tr("What");
    }
    return {};
}

} // namespace Sitrep::Ui
