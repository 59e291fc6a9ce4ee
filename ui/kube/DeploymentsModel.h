#pragma once

#include "BatchTableModel.h"
#include "core/Clock.h"

namespace Sitrep::Ui {

// One deployment as kubectl get deployments shows it, plus revision, images and rollout state.
struct DeploymentRow
{
    QString cluster;
    QString ns;
    QString name;
    int replicas = 0;
    int ready = 0;
    int updated = 0;
    int available = 0;
    QString revision;
    QString images;
    QString rollout; // "complete", "progressing", "stalled (ProgressDeadlineExceeded)", "paused"
    qint64 createdMs = 0;
    QString key() const { return ns + QLatin1Char('/') + name; }
};

// The deployments table fed by the deployment informers of the incident's clusters.
class DeploymentsModel final : public BatchTableModel<DeploymentRow>
{
    Q_OBJECT
public:
    enum Column {
        Cluster,
        Namespace,
        Name,
        Ready,
        UpToDate,
        Available,
        Revision,
        Rollout,
        Images,
        Age,
        ColumnCount
    };
    enum Role { KeyRole = Qt::UserRole + 1, SortRole, NamespaceRole, NameRole, ClusterRole };

    explicit DeploymentsModel(const Core::Clock &clock, QObject *parent = nullptr);
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

protected:
    DeploymentRow makeRow(const QString &cluster, const QJsonObject &object,
                          const DeploymentRow *previous) const override;

private:
    const Core::Clock &m_clock;
};

} // namespace Sitrep::Ui
