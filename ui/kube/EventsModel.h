#pragma once

#include "BatchTableModel.h"
#include "core/Clock.h"

namespace Sitrep::Ui {

// One Kubernetes Event as the events table shows it.
struct EventRow
{
    QString cluster;
    QString k;
    QString ns;
    QString type; // Normal / Warning
    QString reason;
    QString objectKind;
    QString objectName;
    QString message;
    QString source;
    int count = 1;
    qint64 lastMs = 0; // lastTimestamp, else eventTime, else creation
    QString key() const { return k; }
    bool warning() const { return type == QLatin1String("Warning"); }
};

// The events table (kubectl get events --sort-by=.lastTimestamp) of every cluster of the incident: warnings
// highlighted, each row linked to its involved object, a stale cluster's rows grey.
class EventsModel final : public BatchTableModel<EventRow>
{
    Q_OBJECT
public:
    enum Column { Cluster, LastSeen, Type, Reason, Object, Message, Count, Namespace, ColumnCount };
    enum Role {
        SortRole = Qt::UserRole + 1,
        WarningRole,
        ObjectKindRole,
        ObjectNameRole,
        NamespaceRole,
        ClusterRole
    };

    explicit EventsModel(const Core::Clock &clock, QObject *parent = nullptr);
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

protected:
    EventRow makeRow(const QString &cluster, const QJsonObject &object, const EventRow *previous) const override;

private:
    const Core::Clock &m_clock;
};

} // namespace Sitrep::Ui
