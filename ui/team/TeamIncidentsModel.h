#pragma once

#include "team/ServerStore.h"

#include <QAbstractTableModel>

namespace Sitrep::Ui {

// The open incidents of a team server, for File > Join team incident: title, severity, status,
// commander, age and who has written to it.
class TeamIncidentsModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        TitleColumn,
        SeverityColumn,
        StatusColumn,
        CommanderColumn,
        AgeColumn,
        RespondersColumn,
        IdColumn,
        ColumnCount
    };
    enum Role { TeamIdRole = Qt::UserRole + 1, StartRole };

    explicit TeamIncidentsModel(QObject *parent = nullptr);

    void setIncidents(const QList<Sitrep::Team::TeamIncident> &incidents);
    const Sitrep::Team::TeamIncident &incidentAt(int row) const { return m_incidents.at(row); }
    void setNowMs(qint64 nowMs); // tests pin the clock; default: the wall clock at each data() call

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    static QString age(qint64 sinceMs, qint64 nowMs); // "42 min", "3 h 05 min", "2 d"

private:
    QList<Sitrep::Team::TeamIncident> m_incidents;
    qint64 m_nowMs = 0;
};

} // namespace Sitrep::Ui
