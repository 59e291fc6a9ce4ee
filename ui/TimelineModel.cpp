#include "TimelineModel.h"

#include "core/Journal.h"

#include <QBrush>
#include <QColor>
#include <QFont>

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
    m_flushTimer.stop();
    m_pending.clear();
    beginResetModel();
    m_journal = journal;
    m_events = journal ? journal->events() : QList<TimelineEvent>{};
    endResetModel();
    if (journal) {
        m_appendConn = connect(journal, &Journal::eventsAppended, this, &TimelineModel::enqueue);
        m_changeConn = connect(journal, &Journal::eventChanged, this, &TimelineModel::onChanged);
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
    // Ids only grow; anything at or below the last row is already shown (e.g. seen by a reset).
    const qint64 lastId = m_events.isEmpty() ? 0 : m_events.last().id;
    QList<TimelineEvent> fresh;
    for (auto &e : m_pending) {
        if (e.id > lastId && (fresh.isEmpty() || e.id > fresh.last().id))
            fresh.append(std::move(e));
    }
    m_pending.clear();
    if (fresh.isEmpty())
        return;
    beginInsertRows({}, int(m_events.size()), int(m_events.size() + fresh.size() - 1));
    m_events += fresh;
    endInsertRows();
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
    // Ids are increasing: binary search.
    const auto it = std::lower_bound(m_events.cbegin(), m_events.cend(), id,
                                     [](const TimelineEvent &e, qint64 v) { return e.id < v; });
    return it != m_events.cend() && it->id == id ? int(it - m_events.cbegin()) : -1;
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
                   (e.kind == EventKind::Unknown ? e.kindName : eventKindTitle(e.kind));
        case AuthorColumn:
            return e.author;
        case SummaryColumn:
            return e.summary;
        }
        return {};
    case Qt::ToolTipRole:
        return index.column() == SummaryColumn ? e.summary : QVariant();
    case Qt::FontRole:
        if (e.pinned || e.kind == EventKind::StatusChange || e.kind == EventKind::Declared) {
            QFont f;
            f.setBold(true);
            return f;
        }
        return {};
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
