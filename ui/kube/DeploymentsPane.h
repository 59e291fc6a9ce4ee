#pragma once

#include "kube/ClusterConnection.h"
#include "kube/RolloutHistory.h"

#include <QHash>
#include <QPointer>
#include <QWidget>

class QLabel;
class QPushButton;
class QSortFilterProxyModel;
class QSpinBox;
class QTreeView;
class QTreeWidget;

namespace Sitrep::Ui {

class ActionConfirmDialog;
class ClusterChips;
class DeploymentsModel;
class KubeStateLabel;
class PaneClusters;

// The deployments pane: live table of every cluster of the incident, the rollout history of the selected
// deployment (revisions from its ReplicaSets in its own cluster), and restart / scale / undo on that
// cluster, each confirmed with the exact request and the cluster's name and disabled (with the reason)
// when that cluster's RBAC says no.
class DeploymentsPane final : public QWidget
{
    Q_OBJECT
public:
    explicit DeploymentsPane(const Core::Clock &clock, QWidget *parent = nullptr);
    void setConnections(const QList<Kube::ClusterConnection *> &connections);
    void setConnection(Kube::ClusterConnection *connection);
    ClusterChips *clusterChips() const { return m_chips; }

    DeploymentsModel *model() const { return m_model; }
    QTreeView *view() const { return m_view; }
    QTreeWidget *historyView() const { return m_history; }
    KubeStateLabel *stateLabel() const { return m_state; }
    const QList<Kube::Revision> &history() const { return m_revisions; }
    QString lastOutcome() const { return m_lastOutcome; }

    // "ns/name" of the current deployment, and its cluster.
    QString currentKey() const;
    QString currentCluster() const;
    // In that cluster (in any when empty).
    void selectDeployment(const QString &key, const QString &cluster = {});
    void restartCurrent();
    void scaleCurrent(int replicas);
    // 0 = the previous revision, else the chosen one (the selected history row in the UI).
    void undoCurrent(qint64 toRevision);
    void refreshHistory();

signals:
    void confirmationShown(Sitrep::Ui::ActionConfirmDialog *dialog);
    void historyLoaded();
    void actionFinished(const QString &sentence, bool ok);

private:
    void bind(Kube::ClusterConnection *connection);
    void updateColumns();
    void checkPermissions(Kube::ClusterConnection *connection);
    void confirmAndRun(const Kube::ActionPlan &plan, Kube::ClusterConnection *connection);
    void showOutcome(const QString &sentence, bool ok);
    void updateButtons();
    Kube::ClusterConnection *currentConnection() const;
    Kube::AccessDecision decision(const QHash<QString, Kube::AccessDecision> &map) const;

    const Core::Clock &m_clock;
    PaneClusters *m_clusters = nullptr;
    ClusterChips *m_chips = nullptr;
    DeploymentsModel *m_model = nullptr;
    QSortFilterProxyModel *m_proxy = nullptr;
    QTreeView *m_view = nullptr;
    QTreeWidget *m_history = nullptr;
    KubeStateLabel *m_state = nullptr;
    QPushButton *m_restart = nullptr;
    QPushButton *m_scale = nullptr;
    QSpinBox *m_replicas = nullptr;
    QPushButton *m_undo = nullptr;
    QLabel *m_outcome = nullptr;
    QList<Kube::Revision> m_revisions;
    QString m_historyKey; // cluster and "ns/name" the history was asked for
    QHash<QString, Kube::AccessDecision> m_canPatch; // by cluster
    QHash<QString, Kube::AccessDecision> m_canScale;
    QString m_lastOutcome;
};

} // namespace Sitrep::Ui
