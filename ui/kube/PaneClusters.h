#pragma once

#include "kube/ClusterConnection.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>

namespace Sitrep::Ui {

// The clusters one pane shows, and what changed about them, so the pane redoes only what it must: a cluster
// joined (bind to its informers), left (drop its rows), was renamed (relabel its rows), had its informers
// replaced (another namespace: its rows go, the new informers list afresh) or changed health (its rows turn
// grey or come back). Informers deliver changes, not state, so a pane never drops the rows of a cluster that
// stays. Shared by the pods, events, deployments and cluster panes.
class PaneClusters final : public QObject
{
    Q_OBJECT
public:
    explicit PaneClusters(QObject *parent = nullptr);

    // Emits removed() and added() for the difference, then listChanged().
    void set(const QList<Kube::ClusterConnection *> &connections);
    QList<Kube::ClusterConnection *> connections() const;
    Kube::ClusterConnection *byName(const QString &name) const;
    Kube::ClusterConnection *first() const;
    bool isEmpty() const { return connections().isEmpty(); }
    bool several() const { return connections().size() > 1; }
    // Whether every cluster shows one namespace (the NAMESPACE column is then hidden).
    bool singleNamespaces() const;
    // Keeps a link made for one cluster (its informer feeding the pane's model, its runner's outcomes) and
    // breaks it when the cluster leaves the pane.
    void keep(const Kube::ClusterConnection *connection, QMetaObject::Connection link);
    // The "stale since ..." sentence of a cluster that stopped answering (or failed), else "".
    static QString staleText(const Kube::ClusterConnection *connection);

signals:
    void added(Sitrep::Kube::ClusterConnection *connection);
    // The pointer only identifies what the pane connected for it: the cluster may be destroyed already.
    void removed(const Sitrep::Kube::ClusterConnection *connection, const QString &name);
    void renamed(const QString &from, const QString &to);
    void listChanged();
    void informersReplaced(Sitrep::Kube::ClusterConnection *connection);
    void healthChanged(Sitrep::Kube::ClusterConnection *connection);

private:
    void watch(Kube::ClusterConnection *c);
    void forget(Kube::ClusterConnection *c);

    QList<QPointer<Kube::ClusterConnection>> m_connections;
    QHash<const Kube::ClusterConnection *, QString> m_names; // a destroyed one can no longer say its name
    QHash<const Kube::ClusterConnection *, QList<QMetaObject::Connection>> m_links;
};

} // namespace Sitrep::Ui
