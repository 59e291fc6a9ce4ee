#pragma once

#include "kube/ClusterConnection.h"
#include "kube/RolloutHistory.h"

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
class DeploymentsModel;
class KubeStateLabel;

// The deployments pane: live table, the rollout history of the selected deployment (revisions from its
// ReplicaSets), and restart / scale / undo, each confirmed with the exact request and disabled (with the
// reason) when RBAC says no.
class DeploymentsPane final : public QWidget
{
    Q_OBJECT
public:
    explicit DeploymentsPane(const Core::Clock &clock, QWidget *parent = nullptr);
    void setConnection(Kube::ClusterConnection *connection);

    DeploymentsModel *model() const { return m_model; }
    QTreeView *view() const { return m_view; }
    QTreeWidget *historyView() const { return m_history; }
    KubeStateLabel *stateLabel() const { return m_state; }
    const QList<Kube::Revision> &history() const { return m_revisions; }
    QString lastOutcome() const { return m_lastOutcome; }

    // "ns/name" of the current deployment.
    QString currentKey() const;
    void selectDeployment(const QString &key);
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
    void bindInformer();
    void checkPermissions();
    void confirmAndRun(const Kube::ActionPlan &plan);
    void showOutcome(const QString &sentence, bool ok);
    void updateButtons();

    const Core::Clock &m_clock;
    QPointer<Kube::ClusterConnection> m_connection;
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
    QString m_historyKey;
    Kube::AccessDecision m_canPatch;
    Kube::AccessDecision m_canScale;
    QString m_lastOutcome;
};

} // namespace Sitrep::Ui
