#pragma once

#include "kube/AccessReview.h"
#include "kube/ClusterConnection.h"

#include <QHash>
#include <QPointer>
#include <QWidget>

class QComboBox;
class QInputDialog;
class QLabel;
class QLineEdit;
class QMenu;
class QTreeView;

namespace Sitrep::Ui {

class ActionConfirmDialog;
class ClusterChips;
class KubeStateLabel;
class PaneClusters;
class PodsFilterProxy;
class PodsModel;

// The pods pane: a sortable, filterable live table of the pods of every cluster of the incident (text, label
// selector, status class, cluster chips with each cluster's counts and state), the connection state line, and a
// context menu for logs, describe and actions. An action acts on its row's own cluster, is confirmed with the
// exact request and the cluster's name, and is disabled with the reason when that cluster's RBAC says no.
// Multi-select; works from the keyboard.
class PodsPane final : public QWidget
{
    Q_OBJECT
public:
    explicit PodsPane(const Core::Clock &clock, QWidget *parent = nullptr);
    ~PodsPane() override;

    // Binds to the clusters' pod informers (and follows namespace switches); a cluster that stays keeps its
    // rows. An empty list unbinds.
    void setConnections(const QList<Kube::ClusterConnection *> &connections);
    // One cluster (nullptr unbinds).
    void setConnection(Kube::ClusterConnection *connection);
    // The first cluster (the only one, usually).
    Kube::ClusterConnection *connection() const;
    QList<Kube::ClusterConnection *> connections() const;
    ClusterChips *clusterChips() const { return m_chips; }

    PodsModel *model() const { return m_model; }
    PodsFilterProxy *proxy() const { return m_proxy; }
    QTreeView *view() const { return m_view; }
    KubeStateLabel *stateLabel() const { return m_state; }
    QLineEdit *filterEdit() const { return m_filter; }
    QLineEdit *selectorEdit() const { return m_selector; }
    QComboBox *statusCombo() const { return m_status; }
    // "ns/name" of the selected rows, in view order.
    QStringList selectedKeys() const;
    // The cluster of the current row ("" when none).
    QString currentCluster() const;
    // The context menu for the current selection (the view's right-click shows the same one).
    QMenu *buildContextMenu(QWidget *parent);
    QString lastOutcome() const { return m_lastOutcome; }
    // Makes "ns/name" (of that cluster; of any when empty) the current, selected, visible row (clearing
    // filters that hide it). False, with a sentence in the outcome line, when the pod is not in the table
    // (deleted since, another namespace).
    bool selectPod(const QString &key, const QString &cluster = {});

    // Actions, reachable from menu, keyboard and tests. Each asks for confirmation first.
    void deleteSelected();
    // Asks for a field selector (default status.phase=Failed), then deleteMatching() with it.
    QInputDialog *askDeleteMatching();
    // Lists the pods of the namespace matching fieldSelector (and the label selector filter) in the current
    // row's cluster (the only one, else), then confirms deleting exactly those, listed by name.
    void deleteMatching(const QString &fieldSelector);
    void restartOwnerOfCurrent();
    void describeCurrent();

signals:
    // Logs of the selected pods (of the current one when none is selected), by name; ns is empty
    // when they span namespaces.
    void logsRequested(const QString &ns, const QStringList &pods);
    // A confirmation dialog was opened (tests accept or reject it).
    void confirmationShown(Sitrep::Ui::ActionConfirmDialog *dialog);
    void describeShown(QWidget *dialog);
    void fieldSelectorAsked(QInputDialog *dialog);
    void actionFinished(const QString &sentence, bool ok);

private:
    struct Selected
    {
        QString cluster;
        QString key; // "ns/name"
    };
    void bind(Kube::ClusterConnection *connection);
    void updateColumns();
    void checkPermissions(Kube::ClusterConnection *connection);
    void confirmAndRun(const Kube::ActionPlan &plan, Kube::ClusterConnection *connection);
    void showOutcome(const QString &sentence, bool ok);
    void updateCount();
    QString currentKey() const;
    QList<Selected> selectedRows() const;
    // The cluster deleteMatching acts on: the current row's, or the only one.
    Kube::ClusterConnection *matchingCluster() const;
    Kube::AccessDecision decision(const QHash<QString, Kube::AccessDecision> &map,
                                  const QString &cluster) const;
    void requestLogs(const QStringList &keys);
    static QString deploymentOfOwner(const QString &owner);

    const Core::Clock &m_clock;
    PaneClusters *m_clusters = nullptr;
    ClusterChips *m_chips = nullptr;
    PodsModel *m_model = nullptr;
    PodsFilterProxy *m_proxy = nullptr;
    QTreeView *m_view = nullptr;
    KubeStateLabel *m_state = nullptr;
    QLineEdit *m_filter = nullptr;
    QLineEdit *m_selector = nullptr;
    QComboBox *m_status = nullptr;
    QLabel *m_selectorError = nullptr;
    QLabel *m_outcome = nullptr;
    QHash<QString, Kube::AccessDecision> m_canDelete; // by cluster
    QHash<QString, Kube::AccessDecision> m_canPatchDeployments;
    QString m_lastOutcome;
};

} // namespace Sitrep::Ui
