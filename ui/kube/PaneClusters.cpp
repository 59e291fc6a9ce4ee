#include "PaneClusters.h"

namespace Sitrep::Ui {

using Kube::ClusterConnection;
using Kube::ClusterHealth;

PaneClusters::PaneClusters(QObject *parent)
    : QObject(parent)
{}

void PaneClusters::watch(ClusterConnection *c)
{
    m_names.insert(c, c->clusterName());
    connect(c, &ClusterConnection::informersReplaced, this, [this, c] { emit informersReplaced(c); });
    connect(c->health(), &ClusterHealth::changed, this, [this, c] { emit healthChanged(c); });
    connect(c, &ClusterConnection::displayChanged, this, [this, c] {
        const QString from = m_names.value(c);
        m_names.insert(c, c->clusterName());
        if (from != c->clusterName())
            emit renamed(from, c->clusterName());
        emit listChanged();
    });
    // Closed behind the pane's back: its rows go.
    connect(c, &QObject::destroyed, this, [this, c] {
        for (const auto &link : m_links.take(c))
            QObject::disconnect(link);
        const QString name = m_names.take(c);
        m_connections.removeIf([](const QPointer<ClusterConnection> &p) { return p.isNull(); });
        emit removed(c, name);
        emit listChanged();
    });
}

void PaneClusters::keep(const ClusterConnection *c, QMetaObject::Connection link)
{
    m_links[c].append(link);
}

void PaneClusters::forget(ClusterConnection *c)
{
    for (const auto &link : m_links.take(c))
        QObject::disconnect(link);
    c->disconnect(this);
    c->health()->disconnect(this);
    emit removed(c, m_names.take(c));
}

void PaneClusters::set(const QList<ClusterConnection *> &connections)
{
    const QList<ClusterConnection *> before = this->connections();
    for (ClusterConnection *c : before)
        if (!connections.contains(c))
            forget(c);
    m_connections.clear();
    for (ClusterConnection *c : connections) {
        if (!c)
            continue;
        m_connections << c;
        if (!before.contains(c)) {
            watch(c);
            emit added(c);
        }
    }
    emit listChanged();
}

QList<ClusterConnection *> PaneClusters::connections() const
{
    QList<ClusterConnection *> out;
    for (const auto &c : m_connections)
        if (c)
            out << c.data();
    return out;
}

ClusterConnection *PaneClusters::byName(const QString &name) const
{
    const auto list = connections();
    for (ClusterConnection *c : list)
        if (c->clusterName() == name)
            return c;
    // Rows fed before a cluster had a name, or a caller that does not know it: one cluster is unambiguous.
    return list.size() == 1 && name.isEmpty() ? list.first() : nullptr;
}

ClusterConnection *PaneClusters::first() const
{
    const auto list = connections();
    return list.isEmpty() ? nullptr : list.first();
}

bool PaneClusters::singleNamespaces() const
{
    const auto list = connections();
    return !list.isEmpty() && std::all_of(list.begin(), list.end(), [](const ClusterConnection *c) {
        return !c->currentNamespace().isEmpty();
    });
}

QString PaneClusters::staleText(const ClusterConnection *c)
{
    const ClusterHealth::State st = c->health()->state();
    return st == ClusterHealth::State::Stale || st == ClusterHealth::State::Failed ? c->health()->text()
                                                                                 : QString();
}

} // namespace Sitrep::Ui
