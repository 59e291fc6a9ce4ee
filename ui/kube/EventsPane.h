#pragma once

#include "kube/ClusterConnection.h"

#include <QPointer>
#include <QWidget>

class QCheckBox;
class QLineEdit;
class QSortFilterProxyModel;
class QTreeView;

namespace Sitrep::Ui {

class ClusterChips;
class EventsModel;
class KubeStateLabel;
class PaneClusters;

// The events pane: the events of every cluster of the incident, newest first, warnings highlighted (colour and
// bold "Warning"), filterable by text, warnings and cluster, and each row linked to its object (activate a row
// to jump to the pod or deployment of that cluster).
class EventsPane final : public QWidget
{
    Q_OBJECT
public:
    explicit EventsPane(const Core::Clock &clock, QWidget *parent = nullptr);
    void setConnections(const QList<Kube::ClusterConnection *> &connections);
    void setConnection(Kube::ClusterConnection *connection);
    EventsModel *model() const { return m_model; }
    QSortFilterProxyModel *proxy() const { return m_proxy; }
    QTreeView *view() const { return m_view; }
    KubeStateLabel *stateLabel() const { return m_state; }
    ClusterChips *clusterChips() const { return m_chips; }
    void setWarningsOnly(bool on);

signals:
    // cluster is empty when the pane follows one cluster.
    void objectActivated(const QString &kind, const QString &ns, const QString &name, const QString &cluster);

private:
    void bind(Kube::ClusterConnection *connection);
    void updateColumns();

    PaneClusters *m_clusters = nullptr;
    ClusterChips *m_chips = nullptr;
    EventsModel *m_model = nullptr;
    QSortFilterProxyModel *m_proxy = nullptr;
    QTreeView *m_view = nullptr;
    KubeStateLabel *m_state = nullptr;
    QLineEdit *m_filter = nullptr;
    QCheckBox *m_warningsOnly = nullptr;
};

} // namespace Sitrep::Ui
