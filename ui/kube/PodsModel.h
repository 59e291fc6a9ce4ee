#pragma once

#include "BatchTableModel.h"
#include "core/Clock.h"
#include "kube/PodSummary.h"

namespace Sitrep::Ui {

// One pod row: kubectl's columns plus restarts since the incident started.
struct PodRow
{
    QString cluster; // which cluster of the incident ("" when the table follows one cluster only)
    Kube::PodSummary pod;
    int baselineRestarts = 0; // restarts at the incident's start, or when first seen
    qint64 firstSeenMs = 0;
    bool sinceConnect =
        false; // the pod predates the incident and Sitrep: counted from when it was first seen
    QString key() const { return pod.key(); }
};

// The pods table (kubectl get pods -o wide, plus last termination and restarts since connect), fed by the pod
// informers of the incident's clusters in coalesced batches; CLUSTER says whose pod a row is. Cell text is built
// in data(); colours always come with text; a stale cluster's rows are grey.
class PodsModel final : public BatchTableModel<PodRow>
{
    Q_OBJECT
public:
    enum Column {
        Cluster,
        Namespace,
        Name,
        Ready,
        Status,
        Restarts,
        RestartsSinceConnect,
        LastTermination,
        Age,
        Ip,
        Node,
        ColumnCount
    };
    Q_ENUM(Column)
    enum Role {
        KeyRole = Qt::UserRole + 1, // "ns/name"
        SortRole,                   // typed sort key per column
        HealthRole,                 // int(PodSummary::Health)
        NamespaceRole,
        NameRole,
        StatusRole,
        LabelsRole,
        NodeRole,
        OwnerRole, // "ReplicaSet/api-7d9f"
        RestartsRole,
        AttentionRole, // why a pod whose STATUS reads Running is not healthy, or empty
        ClusterRole,   // the row's cluster name
        StaleRole,     // whether the row's cluster stopped answering
    };
    Q_ENUM(Role)

    explicit PodsModel(const Core::Clock &clock, QObject *parent = nullptr);

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // Restarts count from the incident's start (0: no incident, from when each pod was first seen). A pod
    // created after the start counts all its restarts; one seen before the start counts from the start; an
    // older pod first seen later counts from then, and says so (the cluster keeps no restart history).
    void setIncidentStart(qint64 ms);
    qint64 incidentStart() const { return m_incidentStartMs; }

    // Emits dataChanged for the time columns (AGE, RESTARTS "(5m ago)") without touching sort keys.
    void refreshTimes();

    static QColor healthColor(Kube::PodSummary::Health h);

    // A restart this recent keeps a Running pod out of the healthy colour: a crash-looping pod reads Running
    // for most of each back-off cycle, and must not look fine while it does.
    static constexpr qint64 kRecentRestartMs = 10 * 60 * 1000;
    // Why a Running pod is not healthy (a container restarted in the last 10 minutes, restarts since the
    // incident or since Sitrep connected), or empty.
    QString attentionOf(const PodRow &row) const;
    // The same question without building the sentence (the proxy asks it ~500,000 times per sort).
    bool needsAttention(const PodRow &row) const;
    // The pod's health as the table shows it: Running with attention is a warning (Progressing).
    Kube::PodSummary::Health healthOf(const PodRow &row) const;

protected:
    PodRow makeRow(const QString &cluster, const QJsonObject &object, const PodRow *previous) const override;

private:
    const Core::Clock &m_clock;
    qint64 m_incidentStartMs = 0;
    QTimer m_tick;
};

} // namespace Sitrep::Ui
