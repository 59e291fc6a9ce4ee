#include "TeamIncidentsModel.h"

#include <QDateTime>

namespace Sitrep::Ui {

TeamIncidentsModel::TeamIncidentsModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void TeamIncidentsModel::setIncidents(const QList<Team::TeamIncident> &incidents)
{
    beginResetModel();
    m_incidents = incidents;
    endResetModel();
}

void TeamIncidentsModel::setNowMs(qint64 nowMs)
{
    m_nowMs = nowMs;
    if (!m_incidents.isEmpty())
        emit dataChanged(index(0, AgeColumn), index(rowCount() - 1, AgeColumn));
}

QString TeamIncidentsModel::age(qint64 sinceMs, qint64 nowMs)
{
    if (sinceMs <= 0)
        return tr("unknown");
    const qint64 minutes = std::max<qint64>(0, nowMs - sinceMs) / 60000;
    if (minutes < 60)
        return tr("%1 min").arg(minutes);
    if (minutes < 48 * 60)
        return tr("%1 h %2 min").arg(minutes / 60).arg(minutes % 60, 2, 10, QLatin1Char('0'));
    return tr("%1 d").arg(minutes / (24 * 60));
}

int TeamIncidentsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_incidents.size());
}

int TeamIncidentsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TeamIncidentsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Team::TeamIncident &t = m_incidents.at(index.row());
    if (role == TeamIdRole)
        return t.teamId;
    if (role == StartRole)
        return t.startMs;
    if (role == Qt::ToolTipRole && index.column() == TitleColumn)
        return tr("%1 (shared by %2, %3 events)").arg(t.title, t.sharedBy).arg(t.events);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case TitleColumn:
        return t.service.isEmpty() ? t.title : QStringLiteral("%1 \u00b7 %2").arg(t.title, t.service);
    case SeverityColumn:
        return t.severity;
    case StatusColumn:
        return t.status;
    case CommanderColumn:
        return t.commander.isEmpty() ? tr("unassigned") : t.commander;
    case AgeColumn:
        return age(t.startMs, m_nowMs > 0 ? m_nowMs : QDateTime::currentMSecsSinceEpoch());
    case RespondersColumn:
        return t.responders.join(QStringLiteral(", "));
    case IdColumn:
        return t.teamId;
    }
    return {};
}

QVariant TeamIncidentsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TitleColumn:
        return tr("Incident");
    case SeverityColumn:
        return tr("Severity");
    case StatusColumn:
        return tr("Status");
    case CommanderColumn:
        return tr("Commander");
    case AgeColumn:
        return tr("Age");
    case RespondersColumn:
        return tr("Responders");
    case IdColumn:
        return tr("Team id");
    }
    return {};
}

} // namespace Sitrep::Ui
