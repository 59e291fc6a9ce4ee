#include "SilencesModel.h"

#include <QDateTime>
#include <QHash>

namespace Sitrep::Ui {

using Sitrep::Prom::Matcher;
using Sitrep::Prom::Silence;

namespace {

bool stillMutes(const Silence &s)
{
    return s.state == QLatin1String("active") || s.state == QLatin1String("pending");
}

bool sameRow(const Silence &a, const Silence &b)
{
    return a.state == b.state && a.endsAtMs == b.endsAtMs && a.startsAtMs == b.startsAtMs &&
           a.comment == b.comment && a.createdBy == b.createdBy &&
           SilencesModel::matchersText(a.matchers) == SilencesModel::matchersText(b.matchers);
}

} // namespace

SilencesModel::SilencesModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

QString SilencesModel::matchersText(const QList<Matcher> &matchers)
{
    QStringList parts;
    for (const Matcher &m : matchers) {
        const QString op = m.isEqual ? (m.isRegex ? QStringLiteral("=~") : QStringLiteral("="))
                                     : (m.isRegex ? QStringLiteral("!~") : QStringLiteral("!="));
        QString value = m.value;
        value.replace(QLatin1Char('\\'), QLatin1String("\\\\"))
            .replace(QLatin1Char('"'), QLatin1String("\\\""));
        parts << m.name + op + QLatin1Char('"') + value + QLatin1Char('"');
    }
    return QLatin1Char('{') + parts.join(QStringLiteral(", ")) + QLatin1Char('}');
}

void SilencesModel::setSilences(const QList<Silence> &silences)
{
    QHash<QString, Silence> incoming;
    QStringList order; // Alertmanager's order for new rows
    for (const Silence &s : silences) {
        if (stillMutes(s) && !s.id.isEmpty() && !incoming.contains(s.id)) {
            incoming.insert(s.id, s);
            order << s.id;
        }
    }
    for (int r = int(m_rows.size()) - 1; r >= 0; --r) {
        if (incoming.contains(m_rows[r].id))
            continue;
        beginRemoveRows({}, r, r);
        m_rows.removeAt(r);
        endRemoveRows();
    }
    for (int r = 0; r < m_rows.size(); ++r) {
        const Silence s = incoming.take(m_rows[r].id);
        if (!sameRow(s, m_rows[r])) {
            m_rows[r] = s;
            emit dataChanged(index(r, 0), index(r, ColumnCount - 1));
        }
    }
    QList<Silence> added;
    for (const QString &id : std::as_const(order)) {
        if (incoming.contains(id))
            added << incoming.value(id);
    }
    if (!added.isEmpty()) {
        beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + added.size()) - 1);
        m_rows += added;
        endInsertRows();
    }
}

Silence SilencesModel::silenceAt(int row) const
{
    return m_rows.value(row);
}

int SilencesModel::rowOf(const QString &id) const
{
    for (int r = 0; r < m_rows.size(); ++r) {
        if (m_rows[r].id == id)
            return r;
    }
    return -1;
}

int SilencesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int SilencesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SilencesModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Silence &s = m_rows[index.row()];
    switch (role) {
    case IdRole:
        return s.id;
    case StateRole:
        return s.state;
    case EndsAtMsRole:
        return s.endsAtMs;
    case Qt::ToolTipRole:
        // Long matchers and comments are cut in the cell; the whole text is a hover away.
        switch (Column(index.column())) {
        case MatchersColumn:
            return matchersText(s.matchers);
        case EndsColumn:
            return QDateTime::fromMSecsSinceEpoch(s.endsAtMs, Qt::UTC).toString(Qt::ISODate);
        case CommentColumn:
            return s.comment;
        default:
            return QStringLiteral("Silence %1").arg(s.id);
        }
    case Qt::DisplayRole:
        switch (Column(index.column())) {
        case MatchersColumn:
            return matchersText(s.matchers);
        case StateColumn:
            return s.state;
        case EndsColumn:
            return QDateTime::fromMSecsSinceEpoch(s.endsAtMs).toString(QStringLiteral("yyyy-MM-dd HH:mm"));
        case CreatedByColumn:
            return s.createdBy;
        case CommentColumn:
            return s.comment;
        case ColumnCount:
            break;
        }
        break;
    default:
        break;
    }
    return {};
}

QVariant SilencesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case MatchersColumn:
        return QStringLiteral("Matchers");
    case StateColumn:
        return QStringLiteral("State");
    case EndsColumn:
        return QStringLiteral("Ends at");
    case CreatedByColumn:
        return QStringLiteral("Created by");
    case CommentColumn:
        return QStringLiteral("Comment");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace Sitrep::Ui
