#pragma once

#include <QObject>
#include <QPointer>

#include <functional>

class QWidget;

namespace Sitrep::Ui {

class DeploymentsPane;
class EventsPane;
class PodsPane;

// Follows an activated event to its object in the event's own cluster: a pod's event selects the pod in the
// pods pane, a deployment's (or one of its ReplicaSets') selects the deployment. Bringing the pane forward differs by host (a tab in
// ClusterWorkspace, a dock in the main window), so the host passes that step in.
class EventLinks final : public QObject
{
    Q_OBJECT
public:
    using Raise = std::function<void(QWidget *pane)>;
    EventLinks(EventsPane *events, PodsPane *pods, DeploymentsPane *deployments, Raise raise,
               QObject *parent = nullptr);

    // What activating an event does; returns whether the object was found and selected (in that cluster,
    // or in any when cluster is empty).
    bool follow(const QString &kind, const QString &ns, const QString &name, const QString &cluster = {});

signals:
    void followed(const QString &kind, const QString &key, bool found);

private:
    QPointer<PodsPane> m_pods;
    QPointer<DeploymentsPane> m_deployments;
    Raise m_raise;
};

} // namespace Sitrep::Ui
