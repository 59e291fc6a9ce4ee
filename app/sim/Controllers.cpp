#include "sim/Controllers.h"

#include "sim/ClusterState.h"
#include "sim/EventRecorder.h"
#include "sim/LabelSelector.h"
#include "sim/SimTime.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::Literals::StringLiterals;

namespace Sitrep::Sim {

namespace {

// The alphabet Kubernetes uses for generated name suffixes (no vowels, no confusable digits).
constexpr char kAlphabet[] = "bcdfghjklmnpqrstvwxz2456789";

QString encodeSuffix(quint64 value, int length)
{
    QString out;
    for (int i = 0; i < length; ++i) {
        out += QLatin1Char(kAlphabet[value % 27]);
        value /= 27;
    }
    return out;
}

QJsonObject metaOf(const QJsonObject &o)
{
    return o.value("metadata"_L1).toObject();
}

QString nameOf(const QJsonObject &o)
{
    return metaOf(o).value("name"_L1).toString();
}

QString nsOf(const QJsonObject &o)
{
    return metaOf(o).value("namespace"_L1).toString();
}

bool podReady(const QJsonObject &pod)
{
    for (const QJsonValue &c : pod.value("status"_L1).toObject().value("conditions"_L1).toArray()) {
        const QJsonObject cond = c.toObject();
        if (cond.value("type"_L1).toString() == "Ready"_L1)
            return cond.value("status"_L1).toString() == "True"_L1;
    }
    return false;
}

bool terminating(const QJsonObject &o)
{
    return metaOf(o).contains("deletionTimestamp"_L1);
}

int revisionOf(const QJsonObject &rs)
{
    return metaOf(rs)
        .value("annotations"_L1)
        .toObject()
        .value("deployment.kubernetes.io/revision"_L1)
        .toString()
        .toInt();
}

} // namespace

// Null fields ("creationTimestamp": null, as kubectl sends templates back) mean "absent".
static QJsonObject withoutNulls(const QJsonObject &o)
{
    QJsonObject out;
    for (auto it = o.begin(); it != o.end(); ++it) {
        if (it.value().isNull())
            continue;
        if (it.value().isObject()) {
            out.insert(it.key(), withoutNulls(it.value().toObject()));
        } else if (it.value().isArray()) {
            QJsonArray a;
            for (const QJsonValue &v : it.value().toArray())
                a.append(v.isObject() ? QJsonValue(withoutNulls(v.toObject())) : v);
            out.insert(it.key(), a);
        } else {
            out.insert(it.key(), it.value());
        }
    }
    return out;
}

QJsonObject Controllers::withLabel(QJsonObject object, const QString &key, const QString &value)
{
    QJsonObject labels = object.value("labels"_L1).toObject();
    labels.insert(key, value);
    object.insert("labels"_L1, labels);
    return object;
}

QString Controllers::nextServiceIp()
{
    const QString ip = u"10.96.%1.%2"_s.arg(m_ipCounter / 250).arg(m_ipCounter % 250 + 2);
    ++m_ipCounter;
    return ip;
}

QString Controllers::templateHash(const QJsonObject &podTemplate)
{
    QJsonObject t = withoutNulls(podTemplate);
    QJsonObject meta = t.value("metadata"_L1).toObject();
    QJsonObject labels = meta.value("labels"_L1).toObject();
    labels.remove("pod-template-hash"_L1);
    meta.insert("labels"_L1, labels);
    t.insert("metadata"_L1, meta);
    const QByteArray digest =
        QCryptographicHash::hash(QJsonDocument(t).toJson(QJsonDocument::Compact), QCryptographicHash::Sha1);
    quint64 v = 0;
    for (int i = 0; i < 8; ++i)
        v = (v << 8) | quint8(digest.at(i));
    return encodeSuffix(v, 10);
}

QJsonObject Controllers::ownerReference(const QJsonObject &owner)
{
    return {{u"apiVersion"_s, owner.value("apiVersion"_L1)},
            {u"kind"_s, owner.value("kind"_L1)},
            {u"name"_s, nameOf(owner)},
            {u"uid"_s, metaOf(owner).value("uid"_L1)},
            {u"controller"_s, true},
            {u"blockOwnerDeletion"_s, true}};
}

QString Controllers::controllerUid(const QJsonObject &object)
{
    for (const QJsonValue &r : metaOf(object).value("ownerReferences"_L1).toArray()) {
        if (r.toObject().value("controller"_L1).toBool())
            return r.toObject().value("uid"_L1).toString();
    }
    return {};
}

QString Controllers::nextPodSuffix()
{
    // Spread the counter so consecutive pods do not look alike.
    return encodeSuffix((++m_nameCounter) * 2654435761ULL % 14348907ULL, 5);
}

QString Controllers::nodeFor(int index) const
{
    // Like the scheduler: a cordoned node (spec.unschedulable, `kubectl cordon`) gets no new pods.
    QList<QJsonObject> nodes = m_state.list(u"nodes"_s);
    nodes.removeIf([](const QJsonObject &n) {
        return n.value("spec"_L1).toObject().value("unschedulable"_L1).toBool();
    });
    if (nodes.isEmpty())
        return {};
    return nameOf(nodes.at(index % nodes.size()));
}

QList<QJsonObject> Controllers::ownedBy(const QString &resource, const QJsonObject &owner) const
{
    const QString uid = metaOf(owner).value("uid"_L1).toString();
    return m_state.list(resource, nsOf(owner),
                        [&uid](const QJsonObject &o) { return controllerUid(o) == uid; });
}

QJsonObject Controllers::podFromTemplate(const QJsonObject &owner, const QJsonObject &podTemplate,
                                         const QString &name, const QString &hash)
{
    QJsonObject meta = podTemplate.value("metadata"_L1).toObject();
    if (!hash.isEmpty())
        meta = withLabel(meta, u"pod-template-hash"_s, hash);
    meta.insert("name"_L1, name);
    meta.insert("namespace"_L1, nsOf(owner));
    meta.insert("ownerReferences"_L1, QJsonArray{ownerReference(owner)});
    if (m_backdateMs > 0)
        meta.insert("creationTimestamp"_L1, SimTime::rfc3339(m_backdateMs));
    if (owner.value("kind"_L1).toString() == "ReplicaSet"_L1)
        meta.insert("generateName"_L1, nameOf(owner) + QLatin1Char('-'));
    QJsonObject spec = podTemplate.value("spec"_L1).toObject();
    const int index = int(m_nameCounter);
    spec.insert("nodeName"_L1, nodeFor(index));
    const QString ip = u"10.244.%1.%2"_s.arg((m_ipCounter / 250) % 250).arg(m_ipCounter % 250 + 2);
    ++m_ipCounter;
    return {{u"kind"_s, u"Pod"_s},
            {u"apiVersion"_s, u"v1"_s},
            {u"metadata"_s, meta},
            {u"spec"_s, spec},
            {u"status"_s, QJsonObject{{u"phase"_s, u"Pending"_s},
                                      {u"podIP"_s, ip},
                                      {u"podIPs"_s, QJsonArray{QJsonObject{{u"ip"_s, ip}}}},
                                      {u"qosClass"_s, u"Burstable"_s}}}};
}

void Controllers::reconcileReplicaSet(const QString &ns, const QString &name)
{
    const auto rs = m_state.get(u"replicasets"_s, ns, name);
    if (!rs)
        return;
    const int desired = rs->value("spec"_L1).toObject().value("replicas"_L1).toInt();
    QList<QJsonObject> pods = ownedBy(u"pods"_s, *rs);
    pods.erase(std::remove_if(pods.begin(), pods.end(), terminating), pods.end());
    const QJsonObject tmpl = rs->value("spec"_L1).toObject().value("template"_L1).toObject();
    const QString hash = metaOf(*rs).value("labels"_L1).toObject().value("pod-template-hash"_L1).toString();
    for (int i = int(pods.size()); i < desired; ++i) {
        const QString podName = name + QLatin1Char('-') + nextPodSuffix();
        const QJsonObject pod = podFromTemplate(*rs, tmpl, podName, hash);
        const QJsonObject created = m_state.create(u"pods"_s, pod);
        if (m_backdateMs > 0)
            continue;
        m_events.record(*rs, u"Normal"_s, u"SuccessfulCreate"_s, u"Created pod: %1"_s.arg(podName),
                        u"replicaset-controller"_s);
        m_events.record(created, u"Normal"_s, u"Scheduled"_s,
                        u"Successfully assigned %1/%2 to %3"_s.arg(
                            ns, podName, pod.value("spec"_L1).toObject().value("nodeName"_L1).toString()),
                        u"default-scheduler"_s);
    }
    if (pods.size() > desired) {
        // Scale down the newest, not-ready pods first (as the ReplicaSet controller ranks them).
        std::sort(pods.begin(), pods.end(), [](const QJsonObject &a, const QJsonObject &b) {
            if (podReady(a) != podReady(b))
                return !podReady(a);
            return metaOf(a).value("creationTimestamp"_L1).toString() >
                   metaOf(b).value("creationTimestamp"_L1).toString();
        });
        for (int i = 0; i < pods.size() - desired; ++i) {
            m_state.remove(u"pods"_s, ns, nameOf(pods.at(i)));
            m_events.record(*rs, u"Normal"_s, u"SuccessfulDelete"_s,
                            u"Deleted pod: %1"_s.arg(nameOf(pods.at(i))), u"replicaset-controller"_s);
        }
    }
    refreshReplicaSetStatus(ns, name);
}

void Controllers::reconcileStatefulSet(const QString &ns, const QString &name)
{
    const auto sts = m_state.get(u"statefulsets"_s, ns, name);
    if (!sts)
        return;
    const int desired = sts->value("spec"_L1).toObject().value("replicas"_L1).toInt();
    const QJsonObject tmpl = sts->value("spec"_L1).toObject().value("template"_L1).toObject();
    for (int i = 0; i < desired; ++i) {
        const QString podName = name + QLatin1Char('-') + QString::number(i);
        if (m_state.get(u"pods"_s, ns, podName))
            continue;
        QJsonObject pod = podFromTemplate(*sts, tmpl, podName, QString());
        QJsonObject meta = pod.value("metadata"_L1).toObject();
        meta = withLabel(meta, u"statefulset.kubernetes.io/pod-name"_s, podName);
        pod.insert("metadata"_L1, meta);
        m_state.create(u"pods"_s, pod);
        if (m_backdateMs > 0)
            continue;
        m_events.record(*sts, u"Normal"_s, u"SuccessfulCreate"_s,
                        u"create Pod %1 in StatefulSet %2 successful"_s.arg(podName, name),
                        u"statefulset-controller"_s);
    }
    for (const QJsonObject &pod : ownedBy(u"pods"_s, *sts)) {
        const int ordinal = nameOf(pod).section(QLatin1Char('-'), -1).toInt();
        if (ordinal >= desired)
            m_state.remove(u"pods"_s, ns, nameOf(pod));
    }
    refreshStatefulSetStatus(ns, name);
}

void Controllers::reconcileDeployment(const QString &ns, const QString &name)
{
    auto found = m_state.get(u"deployments"_s, ns, name);
    if (!found)
        return;
    QJsonObject deployment = *found;
    const QJsonObject spec = deployment.value("spec"_L1).toObject();
    const QJsonObject tmpl = spec.value("template"_L1).toObject();
    const int replicas = spec.value("replicas"_L1).toInt(1);
    const QString hash = templateHash(tmpl);
    const QList<QJsonObject> sets = ownedBy(u"replicasets"_s, deployment);
    int maxRevision = 0;
    std::optional<QJsonObject> current;
    for (const QJsonObject &rs : sets) {
        maxRevision = qMax(maxRevision, revisionOf(rs));
        if (metaOf(rs).value("labels"_L1).toObject().value("pod-template-hash"_L1).toString() == hash)
            current = rs;
    }
    const QJsonObject deploymentAnnotations = metaOf(deployment).value("annotations"_L1).toObject();
    const QString changeCause = deploymentAnnotations.value("kubernetes.io/change-cause"_L1).toString();
    QString currentName;
    if (!current) {
        const QJsonObject hashedMeta =
            withLabel(tmpl.value("metadata"_L1).toObject(), u"pod-template-hash"_s, hash);
        QJsonObject annotations{{u"deployment.kubernetes.io/revision"_s, QString::number(maxRevision + 1)},
                                {u"deployment.kubernetes.io/desired-replicas"_s, QString::number(replicas)}};
        if (!changeCause.isEmpty())
            annotations.insert("kubernetes.io/change-cause"_L1, changeCause);
        QJsonObject matchLabels = spec.value("selector"_L1).toObject().value("matchLabels"_L1).toObject();
        matchLabels.insert("pod-template-hash"_L1, hash);
        currentName = name + QLatin1Char('-') + hash;
        m_state.create(
            u"replicasets"_s,
            {{u"kind"_s, u"ReplicaSet"_s},
             {u"apiVersion"_s, u"apps/v1"_s},
             {u"metadata"_s, QJsonObject{{u"name"_s, currentName},
                                         {u"namespace"_s, ns},
                                         {u"labels"_s, hashedMeta.value("labels"_L1)},
                                         {u"annotations"_s, annotations},
                                         {u"ownerReferences"_s, QJsonArray{ownerReference(deployment)}}}},
             {u"spec"_s, QJsonObject{{u"replicas"_s, replicas},
                                     {u"selector"_s, QJsonObject{{u"matchLabels"_s, matchLabels}}},
                                     {u"template"_s, QJsonObject{{u"metadata"_s, hashedMeta},
                                                                 {u"spec"_s, tmpl.value("spec"_L1)}}}}},
             {u"status"_s, QJsonObject{{u"replicas"_s, 0}}}});
        m_events.record(deployment, u"Normal"_s, u"ScalingReplicaSet"_s,
                        u"Scaled up replica set %1 to %2"_s.arg(currentName).arg(replicas),
                        u"deployment-controller"_s);
        maxRevision += 1;
    } else {
        QJsonObject rs = *current;
        currentName = nameOf(rs);
        QJsonObject meta = metaOf(rs);
        QJsonObject annotations = meta.value("annotations"_L1).toObject();
        const int oldReplicas = rs.value("spec"_L1).toObject().value("replicas"_L1).toInt();
        bool changed = false;
        if (revisionOf(rs) != maxRevision) {
            // A rollback re-uses the old ReplicaSet and gives it the next revision number.
            annotations.insert("deployment.kubernetes.io/revision"_L1, QString::number(maxRevision + 1));
            if (!changeCause.isEmpty())
                annotations.insert("kubernetes.io/change-cause"_L1, changeCause);
            maxRevision += 1;
            changed = true;
        }
        if (oldReplicas != replicas) {
            QJsonObject rsSpec = rs.value("spec"_L1).toObject();
            rsSpec.insert("replicas"_L1, replicas);
            rs.insert("spec"_L1, rsSpec);
            m_events.record(deployment, u"Normal"_s, u"ScalingReplicaSet"_s,
                            u"Scaled %1 replica set %2 to %3"_s
                                .arg(replicas > oldReplicas ? u"up"_s : u"down"_s, currentName)
                                .arg(replicas),
                            u"deployment-controller"_s);
            changed = true;
        }
        if (changed) {
            meta.insert("annotations"_L1, annotations);
            rs.insert("metadata"_L1, meta);
            m_state.update(u"replicasets"_s, rs, oldReplicas != replicas);
        }
    }
    // Every other ReplicaSet scales to zero (the rollout completes at once).
    for (const QJsonObject &rs : ownedBy(u"replicasets"_s, deployment)) {
        if (nameOf(rs) == currentName)
            continue;
        QJsonObject rsSpec = rs.value("spec"_L1).toObject();
        if (rsSpec.value("replicas"_L1).toInt() != 0) {
            rsSpec.insert("replicas"_L1, 0);
            QJsonObject updated = rs;
            updated.insert("spec"_L1, rsSpec);
            m_state.update(u"replicasets"_s, updated, true);
            m_events.record(deployment, u"Normal"_s, u"ScalingReplicaSet"_s,
                            u"Scaled down replica set %1 to 0"_s.arg(nameOf(rs)), u"deployment-controller"_s);
        }
        reconcileReplicaSet(ns, nameOf(rs));
    }
    reconcileReplicaSet(ns, currentName);
    if (auto latest = m_state.get(u"deployments"_s, ns, name)) {
        QJsonObject d = *latest;
        QJsonObject meta = metaOf(d);
        QJsonObject annotations = meta.value("annotations"_L1).toObject();
        if (annotations.value("deployment.kubernetes.io/revision"_L1).toString() !=
            QString::number(maxRevision)) {
            annotations.insert("deployment.kubernetes.io/revision"_L1, QString::number(maxRevision));
            meta.insert("annotations"_L1, annotations);
            d.insert("metadata"_L1, meta);
            m_state.update(u"deployments"_s, d);
        }
    }
    refreshDeploymentStatus(ns, name);
}

void Controllers::refreshReplicaSetStatus(const QString &ns, const QString &name)
{
    auto rs = m_state.get(u"replicasets"_s, ns, name);
    if (!rs)
        return;
    int total = 0, ready = 0;
    for (const QJsonObject &pod : ownedBy(u"pods"_s, *rs)) {
        ++total;
        ready += podReady(pod) ? 1 : 0;
    }
    QJsonObject status{{u"replicas"_s, total},
                       {u"fullyLabeledReplicas"_s, total},
                       {u"readyReplicas"_s, ready},
                       {u"availableReplicas"_s, ready},
                       {u"observedGeneration"_s, metaOf(*rs).value("generation"_L1).toInteger(1)}};
    if (ready == 0)
        status.remove("readyReplicas"_L1), status.remove("availableReplicas"_L1);
    if (rs->value("status"_L1).toObject() != status) {
        QJsonObject updated = *rs;
        updated.insert("status"_L1, status);
        m_state.update(u"replicasets"_s, updated);
    }
}

void Controllers::refreshDeploymentStatus(const QString &ns, const QString &name)
{
    auto found = m_state.get(u"deployments"_s, ns, name);
    if (!found)
        return;
    const QJsonObject &d = *found;
    const QString hash = templateHash(d.value("spec"_L1).toObject().value("template"_L1).toObject());
    const int desired = d.value("spec"_L1).toObject().value("replicas"_L1).toInt(1);
    int total = 0, ready = 0, updated = 0;
    for (const QJsonObject &rs : ownedBy(u"replicasets"_s, d)) {
        const bool isNew =
            metaOf(rs).value("labels"_L1).toObject().value("pod-template-hash"_L1).toString() == hash;
        for (const QJsonObject &pod : ownedBy(u"pods"_s, rs)) {
            ++total;
            ready += podReady(pod) ? 1 : 0;
            updated += isNew ? 1 : 0;
        }
    }
    const QString now = SimTime::rfc3339(m_state.nowMs());
    const QJsonObject old = d.value("status"_L1).toObject();
    auto condition = [&](const QString &type, bool ok, const QString &reason, const QString &message) {
        QString transition = now;
        for (const QJsonValue &c : old.value("conditions"_L1).toArray()) {
            const QJsonObject co = c.toObject();
            if (co.value("type"_L1).toString() == type &&
                co.value("status"_L1).toString() == (ok ? "True"_L1 : "False"_L1))
                transition = co.value("lastTransitionTime"_L1).toString();
        }
        return QJsonObject{{u"type"_s, type},
                           {u"status"_s, ok ? u"True"_s : u"False"_s},
                           {u"reason"_s, reason},
                           {u"message"_s, message},
                           {u"lastUpdateTime"_s, transition},
                           {u"lastTransitionTime"_s, transition}};
    };
    const bool available = ready >= qMax(1, desired - desired / 4);
    QJsonObject status{
        {u"observedGeneration"_s, metaOf(d).value("generation"_L1).toInteger(1)},
        {u"replicas"_s, total},
        {u"updatedReplicas"_s, updated},
        {u"readyReplicas"_s, ready},
        {u"availableReplicas"_s, ready},
        {u"unavailableReplicas"_s, qMax(0, total - ready)},
        {u"conditions"_s,
         QJsonArray{condition(u"Available"_s, available,
                              available ? u"MinimumReplicasAvailable"_s : u"MinimumReplicasUnavailable"_s,
                              available ? u"Deployment has minimum availability."_s
                                        : u"Deployment does not have minimum availability."_s),
                    condition(u"Progressing"_s, true,
                              updated == desired && ready == desired ? u"NewReplicaSetAvailable"_s
                                                                     : u"ReplicaSetUpdated"_s,
                              u"ReplicaSet \"%1-%2\" is progressing."_s.arg(name, hash))}},
    };
    for (const char *key : {"readyReplicas", "availableReplicas", "unavailableReplicas", "updatedReplicas"}) {
        if (status.value(QLatin1String(key)).toInt() == 0)
            status.remove(QLatin1String(key));
    }
    if (old != status) {
        QJsonObject next = d;
        next.insert("status"_L1, status);
        m_state.update(u"deployments"_s, next);
    }
}

void Controllers::refreshStatefulSetStatus(const QString &ns, const QString &name)
{
    auto sts = m_state.get(u"statefulsets"_s, ns, name);
    if (!sts)
        return;
    int total = 0, ready = 0;
    for (const QJsonObject &pod : ownedBy(u"pods"_s, *sts)) {
        ++total;
        ready += podReady(pod) ? 1 : 0;
    }
    const QJsonObject status{{u"replicas"_s, total},
                             {u"readyReplicas"_s, ready},
                             {u"currentReplicas"_s, total},
                             {u"updatedReplicas"_s, total},
                             {u"availableReplicas"_s, ready},
                             {u"observedGeneration"_s, metaOf(*sts).value("generation"_L1).toInteger(1)}};
    if (sts->value("status"_L1).toObject() != status) {
        QJsonObject updated = *sts;
        updated.insert("status"_L1, status);
        m_state.update(u"statefulsets"_s, updated);
    }
}

void Controllers::podChanged(const QJsonObject &pod)
{
    const QString ns = nsOf(pod);
    for (const QJsonValue &r : metaOf(pod).value("ownerReferences"_L1).toArray()) {
        const QJsonObject ref = r.toObject();
        const QString kind = ref.value("kind"_L1).toString();
        const QString owner = ref.value("name"_L1).toString();
        if (kind == "ReplicaSet"_L1) {
            refreshReplicaSetStatus(ns, owner);
            if (auto rs = m_state.get(u"replicasets"_s, ns, owner)) {
                for (const QJsonValue &dr : metaOf(*rs).value("ownerReferences"_L1).toArray())
                    refreshDeploymentStatus(ns, dr.toObject().value("name"_L1).toString());
            }
        } else if (kind == "StatefulSet"_L1) {
            refreshStatefulSetStatus(ns, owner);
        }
    }
    refreshEndpoints(ns);
}

void Controllers::podDeleted(const QJsonObject &pod)
{
    const QString ns = nsOf(pod);
    for (const QJsonValue &r : metaOf(pod).value("ownerReferences"_L1).toArray()) {
        const QJsonObject ref = r.toObject();
        if (ref.value("kind"_L1).toString() == "ReplicaSet"_L1)
            reconcileReplicaSet(ns, ref.value("name"_L1).toString());
        else if (ref.value("kind"_L1).toString() == "StatefulSet"_L1)
            reconcileStatefulSet(ns, ref.value("name"_L1).toString());
    }
    podChanged(pod);
}

void Controllers::deleteDependents(const QJsonObject &owner, const QString &propagation)
{
    if (propagation == "Orphan"_L1)
        return;
    const QString kind = owner.value("kind"_L1).toString();
    QStringList resources;
    if (kind == "Deployment"_L1)
        resources << u"replicasets"_s;
    else if (kind == "ReplicaSet"_L1 || kind == "StatefulSet"_L1)
        resources << u"pods"_s;
    for (const QString &resource : resources) {
        for (const QJsonObject &child : ownedBy(resource, owner)) {
            if (auto removed = m_state.remove(resource, nsOf(child), nameOf(child)))
                deleteDependents(*removed, propagation);
        }
    }
    refreshEndpoints(nsOf(owner));
}

void Controllers::refreshEndpoints(const QString &ns)
{
    for (const QJsonObject &svc : m_state.list(u"services"_s, ns)) {
        const QJsonObject spec = svc.value("spec"_L1).toObject();
        const QJsonObject selectorLabels = spec.value("selector"_L1).toObject();
        if (selectorLabels.isEmpty())
            continue;
        const LabelSelector selector =
            LabelSelector::fromMatchLabels(QJsonObject{{u"matchLabels"_s, selectorLabels}});
        QJsonArray ready, notReady;
        for (const QJsonObject &pod : m_state.list(u"pods"_s, ns, [&](const QJsonObject &p) {
                 return selector.matches(metaOf(p).value("labels"_L1).toObject());
             })) {
            const QJsonObject address{{u"ip"_s, pod.value("status"_L1).toObject().value("podIP"_L1)},
                                      {u"nodeName"_s, pod.value("spec"_L1).toObject().value("nodeName"_L1)},
                                      {u"targetRef"_s, QJsonObject{{u"kind"_s, u"Pod"_s},
                                                                   {u"namespace"_s, ns},
                                                                   {u"name"_s, nameOf(pod)},
                                                                   {u"uid"_s, metaOf(pod).value("uid"_L1)}}}};
            (podReady(pod) ? ready : notReady).append(address);
        }
        QJsonArray ports;
        for (const QJsonValue &p : spec.value("ports"_L1).toArray()) {
            const QJsonObject po = p.toObject();
            ports.append(
                QJsonObject{{u"name"_s, po.value("name"_L1)},
                            {u"port"_s, po.value("targetPort"_L1).toInt(po.value("port"_L1).toInt())},
                            {u"protocol"_s, u"TCP"_s}});
        }
        QJsonObject subset{{u"ports"_s, ports}};
        if (!ready.isEmpty())
            subset.insert("addresses"_L1, ready);
        if (!notReady.isEmpty())
            subset.insert("notReadyAddresses"_L1, notReady);
        const QJsonArray subsets = ready.isEmpty() && notReady.isEmpty() ? QJsonArray() : QJsonArray{subset};
        const auto existing = m_state.get(u"endpoints"_s, ns, nameOf(svc));
        if (existing && existing->value("subsets"_L1).toArray() == subsets)
            continue;
        QJsonObject ep =
            existing ? *existing
                     : QJsonObject{{u"kind"_s, u"Endpoints"_s},
                                   {u"apiVersion"_s, u"v1"_s},
                                   {u"metadata"_s, QJsonObject{{u"name"_s, nameOf(svc)},
                                                               {u"namespace"_s, ns},
                                                               {u"labels"_s, metaOf(svc).value("labels"_L1)},
                                                               {u"creationTimestamp"_s,
                                                                metaOf(svc).value("creationTimestamp"_L1)}}}};
        if (subsets.isEmpty())
            ep.remove("subsets"_L1);
        else
            ep.insert("subsets"_L1, subsets);
        if (existing)
            m_state.update(u"endpoints"_s, ep);
        else
            m_state.create(u"endpoints"_s, ep);
    }
}

} // namespace Sitrep::Sim
