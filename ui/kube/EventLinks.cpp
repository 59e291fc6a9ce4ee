#include "EventLinks.h"

#include "DeploymentsModel.h"
#include "DeploymentsPane.h"
#include "EventsPane.h"
#include "PodsPane.h"

namespace Sitrep::Ui {

EventLinks::EventLinks(EventsPane *events, PodsPane *pods, DeploymentsPane *deployments, Raise raise,
                       QObject *parent)
    : QObject(parent)
    , m_pods(pods)
    , m_deployments(deployments)
    , m_raise(std::move(raise))
{
    connect(events, &EventsPane::objectActivated, this,
            [this](const QString &kind, const QString &ns, const QString &name, const QString &cluster) {
                (void)follow(kind, ns, name, cluster);
            });
}

bool EventLinks::follow(const QString &kind, const QString &ns, const QString &name, const QString &cluster)
{
    const QString key = ns.isEmpty() ? name : ns + QLatin1Char('/') + name;
    bool found = false;
    QWidget *pane = nullptr;
    if (kind == QLatin1String("Pod") && m_pods) {
        pane = m_pods;
        found = m_pods->selectPod(key, cluster);
    } else if ((kind == QLatin1String("Deployment") || kind == QLatin1String("ReplicaSet")) &&
               m_deployments) {
        QString deployment = key;
        // A ReplicaSet is "<deployment>-<pod-template-hash>": its events are its deployment's rollout.
        if (kind == QLatin1String("ReplicaSet") && key.lastIndexOf(QLatin1Char('-')) > 0)
            deployment = key.left(key.lastIndexOf(QLatin1Char('-')));
        m_deployments->model()->flush();
        found = (cluster.isEmpty() ? m_deployments->model()->rowOf(deployment)
                                   : m_deployments->model()->rowOf(deployment, cluster)) >= 0;
        if (found) {
            pane = m_deployments;
            m_deployments->selectDeployment(deployment, cluster);
        }
    }
    if (pane && m_raise)
        m_raise(pane);
    emit followed(kind, key, found);
    return found;
}

} // namespace Sitrep::Ui
