#pragma once

#include <QJsonObject>
#include <QString>

namespace Sitrep::Sim {

class ClusterState;
class EventRecorder;

// The simulated controller manager: Deployment -> ReplicaSets (revisions) -> Pods, StatefulSet -> Pods,
// Service -> Endpoints, cascading deletes. Called after every change the API makes, and by the simulation.
class Controllers final
{
public:
    Controllers(ClusterState &state, EventRecorder &events)
        : m_state(state)
        , m_events(events)
    {}

    void reconcileDeployment(const QString &ns, const QString &name);
    void reconcileReplicaSet(const QString &ns, const QString &name);
    void reconcileStatefulSet(const QString &ns, const QString &name);
    // Pod status changed: refresh owner status (RS, Deployment, StatefulSet) and Endpoints.
    void podChanged(const QJsonObject &pod);
    // A pod went away: its owner makes a replacement.
    void podDeleted(const QJsonObject &pod);
    // DELETE with propagationPolicy (Background/Foreground delete dependents, Orphan keeps them).
    void deleteDependents(const QJsonObject &owner, const QString &propagation);
    void refreshEndpoints(const QString &ns);

    // Pods made from now on "already existed" since then (scenario load; no events); 0 = now.
    void setBackdate(qint64 ms) { m_backdateMs = ms; }
    // Pod and Service IPs come from one counter, so no two objects share an address.
    QString nextServiceIp();
    // A generated name suffix ("x7k2p"), as Kubernetes gives pods of ReplicaSets.
    QString nextPodSuffix();
    void refreshDeploymentStatus(const QString &ns, const QString &name);

    static QString templateHash(const QJsonObject &podTemplate);
    static QJsonObject withLabel(QJsonObject object, const QString &key, const QString &value);
    static QJsonObject ownerReference(const QJsonObject &owner);
    static QString controllerUid(const QJsonObject &object);

private:
    QJsonObject podFromTemplate(const QJsonObject &owner, const QJsonObject &podTemplate, const QString &name,
                                const QString &hash);
    void refreshReplicaSetStatus(const QString &ns, const QString &name);
    void refreshStatefulSetStatus(const QString &ns, const QString &name);
    QList<QJsonObject> ownedBy(const QString &resource, const QJsonObject &owner) const;
    QString nodeFor(int index) const;

    ClusterState &m_state;
    EventRecorder &m_events;
    qint64 m_backdateMs = 0; // scenario load: pods "already existed" since then (and no events)
    quint64 m_nameCounter = 0;
    quint64 m_ipCounter = 10;
};

} // namespace Sitrep::Sim
