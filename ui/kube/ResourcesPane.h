#pragma once

#include "ClusterFilterProxy.h"
#include "kube/ClusterConnection.h"
#include "kube/ResourcePrinter.h"

#include <QHash>
#include <QPointer>
#include <QSet>
#include <QTimer>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QMenu;
class QSortFilterProxyModel;
class QTreeView;

namespace Sitrep::Ui {

class ActionConfirmDialog;
class ClusterChips;
class KubeStateLabel;
class PaneClusters;
class ResourcesModel;

// The rest of the incident's clusters, one kind at a time: nodes (Ready, pressure), services, endpoints,
// ingresses, HPAs, replica sets, and `kubectl top` for pods and nodes, every cluster's rows together with a
// CLUSTER column. Watched like the other panes; metrics are polled (metrics.k8s.io has no watch), and a cluster
// without metrics-server is told so in words. Nodes can be cordoned and uncordoned from the context menu, on
// the row's own cluster, confirmed with the exact request and gated by that cluster's RBAC.
class ResourcesPane final : public QWidget
{
    Q_OBJECT
public:
    explicit ResourcesPane(const Core::Clock &clock, QWidget *parent = nullptr);
    ~ResourcesPane() override;

    void setConnections(const QList<Kube::ClusterConnection *> &connections);
    void setConnection(Kube::ClusterConnection *connection);
    ClusterChips *clusterChips() const { return m_chips; }
    void setKind(Kube::ResourcePrinter::Kind kind);
    Kube::ResourcePrinter::Kind kind() const;
    // How often metrics are asked for (default 15 s, metrics-server's own resolution).
    void setPollIntervalMs(int ms) { m_poll.setInterval(ms); }

    ResourcesModel *model() const { return m_model; }
    QSortFilterProxyModel *proxy() const { return m_proxy; }
    QTreeView *view() const { return m_view; }
    KubeStateLabel *stateLabel() const { return m_state; }
    QString lastOutcome() const { return m_lastOutcome; }

    // The context menu for the current row (right-click and the Menu key show the same one).
    QMenu *buildContextMenu(QWidget *parent);
    // The node of the current row ("" when the pane does not show nodes), its cluster, and whether it is
    // cordoned.
    QString currentNode() const;
    QString currentCluster() const;
    bool currentNodeCordoned() const;
    // `kubectl cordon|uncordon NODE` on the current node, after confirmation.
    void cordonCurrent(bool cordon);

signals:
    // A metrics poll answered (ok or not); tests wait on it.
    void polled(bool ok);
    void confirmationShown(Sitrep::Ui::ActionConfirmDialog *dialog);
    void actionFinished(const QString &sentence, bool ok);

private:
    void rebind();
    void bind(Kube::ClusterConnection *connection);
    void poll();
    void pollOne(Kube::ClusterConnection *connection);
    void showPollState();
    void checkPermissions(Kube::ClusterConnection *connection);
    void updateColumns();

    const Core::Clock &m_clock;
    PaneClusters *m_clusters;
    ClusterChips *m_chips;
    // One informer per cluster for the kind shown (owned: one kind at a time).
    QHash<const Kube::ClusterConnection *, QPointer<Kube::Informer>> m_informers;
    QTimer m_poll;
    QHash<QString, QSet<QString>> m_polledKeys; // by cluster
    QHash<QString, QPair<bool, QString>> m_pollState; // by cluster: ok, sentence
    bool m_columnsSized = false; // columns fit the first rows of each kind, then the user's widths stay
    ResourcesModel *m_model;
    ClusterFilterProxy *m_proxy;
    QComboBox *m_kind;
    QLineEdit *m_filter;
    QTreeView *m_view;
    KubeStateLabel *m_state;
    QLabel *m_outcome;
    QHash<QString, Kube::AccessDecision> m_canPatchNodes; // by cluster
    QString m_lastOutcome;
};

} // namespace Sitrep::Ui
