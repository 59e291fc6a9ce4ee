#include "sim/TableRenderer.h"

#include "sim/SimTime.h"

#include <QStringList>

using namespace Qt::Literals::StringLiterals;

namespace Sitrep::Sim {

namespace {

QJsonObject col(const QString &name, const QString &type = u"string"_s, int priority = 0,
                const QString &format = {})
{
    return {{u"name"_s, name},
            {u"type"_s, type},
            {u"format"_s, format},
            {u"description"_s, name},
            {u"priority"_s, priority}};
}

QJsonObject metaOf(const QJsonObject &o)
{
    return o.value("metadata"_L1).toObject();
}

QString ageOf(const QJsonObject &o, qint64 now)
{
    const qint64 created = SimTime::parseMs(metaOf(o).value("creationTimestamp"_L1).toString());
    return created < 0 ? u"<unknown>"_s : SimTime::age(created, now);
}

QString orNone(const QString &s)
{
    return s.isEmpty() ? u"<none>"_s : s;
}

QString selectorText(const QJsonObject &labels)
{
    QStringList parts;
    for (auto it = labels.begin(); it != labels.end(); ++it)
        parts << it.key() + QLatin1Char('=') + it.value().toString();
    return parts.join(QLatin1Char(','));
}

QString containerNames(const QJsonObject &podSpec, const char *field)
{
    QStringList out;
    for (const QJsonValue &c : podSpec.value("containers"_L1).toArray())
        out << c.toObject().value(QLatin1String(field)).toString();
    return out.join(QLatin1Char(','));
}

} // namespace

TableRenderer::IncludeObject TableRenderer::parseInclude(const QString &param)
{
    if (param == "Object"_L1)
        return IncludeObject::Object;
    if (param == "None"_L1)
        return IncludeObject::None;
    return IncludeObject::Metadata;
}

QJsonArray TableRenderer::columns(const QString &resource)
{
    const QString name = u"Name"_s;
    if (resource == "pods"_L1)
        return {col(name, u"string"_s, 0, u"name"_s),
                col(u"Ready"_s),
                col(u"Status"_s),
                col(u"Restarts"_s, u"string"_s),
                col(u"Age"_s),
                col(u"IP"_s, u"string"_s, 1),
                col(u"Node"_s, u"string"_s, 1),
                col(u"Nominated Node"_s, u"string"_s, 1),
                col(u"Readiness Gates"_s, u"string"_s, 1)};
    if (resource == "deployments"_L1)
        return {col(name, u"string"_s, 0, u"name"_s),
                col(u"Ready"_s),
                col(u"Up-to-date"_s, u"integer"_s),
                col(u"Available"_s, u"integer"_s),
                col(u"Age"_s),
                col(u"Containers"_s, u"string"_s, 1),
                col(u"Images"_s, u"string"_s, 1),
                col(u"Selector"_s, u"string"_s, 1)};
    if (resource == "replicasets"_L1)
        return {col(name, u"string"_s, 0, u"name"_s),
                col(u"Desired"_s, u"integer"_s),
                col(u"Current"_s, u"integer"_s),
                col(u"Ready"_s, u"integer"_s),
                col(u"Age"_s),
                col(u"Containers"_s, u"string"_s, 1),
                col(u"Images"_s, u"string"_s, 1),
                col(u"Selector"_s, u"string"_s, 1)};
    if (resource == "statefulsets"_L1)
        return {col(name, u"string"_s, 0, u"name"_s), col(u"Ready"_s), col(u"Age"_s),
                col(u"Containers"_s, u"string"_s, 1), col(u"Images"_s, u"string"_s, 1)};
    if (resource == "services"_L1)
        return {col(name, u"string"_s, 0, u"name"_s),
                col(u"Type"_s),
                col(u"Cluster-IP"_s),
                col(u"External-IP"_s),
                col(u"Port(s)"_s),
                col(u"Age"_s),
                col(u"Selector"_s, u"string"_s, 1)};
    if (resource == "endpoints"_L1)
        return {col(name, u"string"_s, 0, u"name"_s), col(u"Endpoints"_s), col(u"Age"_s)};
    if (resource == "nodes"_L1)
        return {col(name, u"string"_s, 0, u"name"_s),
                col(u"Status"_s),
                col(u"Roles"_s),
                col(u"Age"_s),
                col(u"Version"_s),
                col(u"Internal-IP"_s, u"string"_s, 1),
                col(u"External-IP"_s, u"string"_s, 1),
                col(u"OS-Image"_s, u"string"_s, 1),
                col(u"Kernel-Version"_s, u"string"_s, 1),
                col(u"Container-Runtime"_s, u"string"_s, 1)};
    if (resource == "namespaces"_L1)
        return {col(name, u"string"_s, 0, u"name"_s), col(u"Status"_s), col(u"Age"_s)};
    if (resource == "events"_L1)
        return {col(u"Last Seen"_s),
                col(u"Type"_s),
                col(u"Reason"_s),
                col(u"Object"_s),
                col(u"Message"_s),
                col(u"Source"_s, u"string"_s, 1),
                col(u"First Seen"_s, u"string"_s, 1),
                col(u"Count"_s, u"integer"_s, 1),
                col(name, u"string"_s, 1, u"name"_s)};
    if (resource == "horizontalpodautoscalers"_L1)
        return {col(name, u"string"_s, 0, u"name"_s),
                col(u"Reference"_s),
                col(u"Targets"_s),
                col(u"MinPods"_s, u"string"_s),
                col(u"MaxPods"_s, u"integer"_s),
                col(u"Replicas"_s, u"integer"_s),
                col(u"Age"_s)};
    if (resource == "ingresses"_L1)
        return {col(name, u"string"_s, 0, u"name"_s),
                col(u"Class"_s),
                col(u"Hosts"_s),
                col(u"Address"_s),
                col(u"Ports"_s),
                col(u"Age"_s)};
    if (resource == "configmaps"_L1)
        return {col(name, u"string"_s, 0, u"name"_s), col(u"Data"_s, u"integer"_s), col(u"Age"_s)};
    if (resource == "secrets"_L1)
        return {col(name, u"string"_s, 0, u"name"_s), col(u"Type"_s), col(u"Data"_s, u"integer"_s),
                col(u"Age"_s)};
    if (resource == "serviceaccounts"_L1)
        return {col(name, u"string"_s, 0, u"name"_s), col(u"Secrets"_s, u"integer"_s), col(u"Age"_s)};
    if (resource == "daemonsets"_L1)
        return {col(name, u"string"_s, 0, u"name"_s), col(u"Desired"_s, u"integer"_s),
                col(u"Current"_s, u"integer"_s), col(u"Ready"_s, u"integer"_s), col(u"Up-to-date"_s, u"integer"_s),
                col(u"Available"_s, u"integer"_s), col(u"Node Selector"_s), col(u"Age"_s)};
    return {col(name, u"string"_s, 0, u"name"_s), col(u"Age"_s)};
}

QString TableRenderer::podStatusReason(const QJsonObject &pod)
{
    const QJsonObject status = pod.value("status"_L1).toObject();
    QString reason = status.value("reason"_L1).toString(status.value("phase"_L1).toString());
    for (const QJsonValue &cv : status.value("containerStatuses"_L1).toArray()) {
        const QJsonObject state = cv.toObject().value("state"_L1).toObject();
        const QString waiting = state.value("waiting"_L1).toObject().value("reason"_L1).toString();
        const QJsonObject terminated = state.value("terminated"_L1).toObject();
        if (!waiting.isEmpty())
            reason = waiting;
        else if (!terminated.isEmpty())
            reason = terminated.value("reason"_L1)
                         .toString(u"ExitCode:%1"_s.arg(terminated.value("exitCode"_L1).toInt()));
    }
    if (metaOf(pod).contains("deletionTimestamp"_L1))
        reason = u"Terminating"_s;
    return reason;
}

QJsonArray TableRenderer::cells(const QString &resource, const QJsonObject &o, qint64 now)
{
    const QJsonObject meta = metaOf(o);
    const QString name = meta.value("name"_L1).toString();
    const QJsonObject spec = o.value("spec"_L1).toObject();
    const QJsonObject status = o.value("status"_L1).toObject();
    if (resource == "pods"_L1) {
        int ready = 0, restarts = 0;
        qint64 lastRestart = -1;
        const QJsonArray statuses = status.value("containerStatuses"_L1).toArray();
        for (const QJsonValue &cv : statuses) {
            const QJsonObject cs = cv.toObject();
            ready += cs.value("ready"_L1).toBool() ? 1 : 0;
            restarts += cs.value("restartCount"_L1).toInt();
            const qint64 finished = SimTime::parseMs(cs.value("lastState"_L1)
                                                         .toObject()
                                                         .value("terminated"_L1)
                                                         .toObject()
                                                         .value("finishedAt"_L1)
                                                         .toString());
            lastRestart = qMax(lastRestart, finished);
        }
        const int total = int(spec.value("containers"_L1).toArray().size());
        QString restartText = QString::number(restarts);
        if (restarts > 0 && lastRestart > 0)
            restartText += u" (%1 ago)"_s.arg(SimTime::age(lastRestart, now));
        return {name,
                u"%1/%2"_s.arg(ready).arg(total),
                podStatusReason(o),
                restartText,
                ageOf(o, now),
                orNone(status.value("podIP"_L1).toString()),
                orNone(spec.value("nodeName"_L1).toString()),
                u"<none>"_s,
                u"<none>"_s};
    }
    if (resource == "deployments"_L1 || resource == "replicasets"_L1 || resource == "statefulsets"_L1) {
        const QJsonObject podSpec = spec.value("template"_L1).toObject().value("spec"_L1).toObject();
        const int desired = spec.value("replicas"_L1).toInt();
        const int ready = status.value("readyReplicas"_L1).toInt();
        const QString selector =
            selectorText(spec.value("selector"_L1).toObject().value("matchLabels"_L1).toObject());
        if (resource == "deployments"_L1)
            return {name,
                    u"%1/%2"_s.arg(ready).arg(desired),
                    status.value("updatedReplicas"_L1).toInt(),
                    status.value("availableReplicas"_L1).toInt(),
                    ageOf(o, now),
                    containerNames(podSpec, "name"),
                    containerNames(podSpec, "image"),
                    selector};
        if (resource == "replicasets"_L1)
            return {name,
                    desired,
                    status.value("replicas"_L1).toInt(),
                    ready,
                    ageOf(o, now),
                    containerNames(podSpec, "name"),
                    containerNames(podSpec, "image"),
                    selector};
        return {name, u"%1/%2"_s.arg(ready).arg(desired), ageOf(o, now), containerNames(podSpec, "name"),
                containerNames(podSpec, "image")};
    }
    if (resource == "services"_L1) {
        QStringList ports;
        for (const QJsonValue &p : spec.value("ports"_L1).toArray())
            ports << u"%1/%2"_s.arg(p.toObject().value("port"_L1).toInt())
                         .arg(p.toObject().value("protocol"_L1).toString(u"TCP"_s));
        return {name,
                spec.value("type"_L1).toString(u"ClusterIP"_s),
                spec.value("clusterIP"_L1).toString(),
                u"<none>"_s,
                ports.join(QLatin1Char(',')),
                ageOf(o, now),
                orNone(selectorText(spec.value("selector"_L1).toObject()))};
    }
    if (resource == "endpoints"_L1) {
        QStringList eps;
        for (const QJsonValue &s : o.value("subsets"_L1).toArray()) {
            for (const QJsonValue &a : s.toObject().value("addresses"_L1).toArray()) {
                for (const QJsonValue &p : s.toObject().value("ports"_L1).toArray())
                    eps << u"%1:%2"_s.arg(a.toObject().value("ip"_L1).toString())
                               .arg(p.toObject().value("port"_L1).toInt());
            }
        }
        QString text = eps.mid(0, 3).join(QLatin1Char(','));
        if (eps.size() > 3)
            text += u" + %1 more..."_s.arg(eps.size() - 3);
        return {name, orNone(text), ageOf(o, now)};
    }
    if (resource == "nodes"_L1) {
        QString internal;
        for (const QJsonValue &a : status.value("addresses"_L1).toArray()) {
            if (a.toObject().value("type"_L1).toString() == "InternalIP"_L1)
                internal = a.toObject().value("address"_L1).toString();
        }
        QStringList roles;
        const QJsonObject labels = meta.value("labels"_L1).toObject();
        for (auto it = labels.begin(); it != labels.end(); ++it) {
            if (it.key().startsWith("node-role.kubernetes.io/"_L1))
                roles << it.key().mid(24);
        }
        const QJsonObject info = status.value("nodeInfo"_L1).toObject();
        return {name,
                u"Ready"_s,
                orNone(roles.join(QLatin1Char(','))),
                ageOf(o, now),
                info.value("kubeletVersion"_L1).toString(),
                internal,
                u"<none>"_s,
                info.value("osImage"_L1).toString(),
                info.value("kernelVersion"_L1).toString(),
                info.value("containerRuntimeVersion"_L1).toString()};
    }
    if (resource == "namespaces"_L1)
        return {name, status.value("phase"_L1).toString(u"Active"_s), ageOf(o, now)};
    if (resource == "events"_L1) {
        const QJsonObject inv = o.value("involvedObject"_L1).toObject();
        const qint64 last = SimTime::parseMs(o.value("lastTimestamp"_L1).toString());
        const qint64 first = SimTime::parseMs(o.value("firstTimestamp"_L1).toString());
        const QJsonObject source = o.value("source"_L1).toObject();
        QString sourceText = source.value("component"_L1).toString();
        if (!source.value("host"_L1).toString().isEmpty())
            sourceText += u", "_s + source.value("host"_L1).toString();
        return {last > 0 ? SimTime::age(last, now) : u"<unknown>"_s,
                o.value("type"_L1).toString(),
                o.value("reason"_L1).toString(),
                inv.value("kind"_L1).toString().toLower() + QLatin1Char('/') +
                    inv.value("name"_L1).toString(),
                o.value("message"_L1).toString(),
                sourceText,
                first > 0 ? SimTime::age(first, now) : u"<unknown>"_s,
                o.value("count"_L1).toInt(1),
                name};
    }
    if (resource == "horizontalpodautoscalers"_L1) {
        const QJsonObject ref = spec.value("scaleTargetRef"_L1).toObject();
        int current = -1, target = 0;
        for (const QJsonValue &m : status.value("currentMetrics"_L1).toArray())
            current = m.toObject()
                          .value("resource"_L1)
                          .toObject()
                          .value("current"_L1)
                          .toObject()
                          .value("averageUtilization"_L1)
                          .toInt(-1);
        for (const QJsonValue &m : spec.value("metrics"_L1).toArray())
            target = m.toObject()
                         .value("resource"_L1)
                         .toObject()
                         .value("target"_L1)
                         .toObject()
                         .value("averageUtilization"_L1)
                         .toInt();
        const QString targets =
            u"cpu: %1/%2%"_s.arg(current < 0 ? u"<unknown>"_s : QString::number(current) + QLatin1Char('%'))
                .arg(target);
        return {name,
                ref.value("kind"_L1).toString() + QLatin1Char('/') + ref.value("name"_L1).toString(),
                targets,
                QString::number(spec.value("minReplicas"_L1).toInt(1)),
                spec.value("maxReplicas"_L1).toInt(),
                status.value("currentReplicas"_L1).toInt(),
                ageOf(o, now)};
    }
    if (resource == "ingresses"_L1) {
        QStringList hosts, addresses;
        for (const QJsonValue &r : spec.value("rules"_L1).toArray())
            hosts << r.toObject().value("host"_L1).toString(u"*"_s);
        for (const QJsonValue &a : status.value("loadBalancer"_L1).toObject().value("ingress"_L1).toArray())
            addresses << a.toObject().value("ip"_L1).toString();
        return {name,
                orNone(spec.value("ingressClassName"_L1).toString()),
                hosts.join(QLatin1Char(',')),
                addresses.join(QLatin1Char(',')),
                u"80"_s,
                ageOf(o, now)};
    }
    if (resource == "configmaps"_L1)
        return {name, int(o.value("data"_L1).toObject().size()), ageOf(o, now)};
    if (resource == "secrets"_L1)
        return {name, o.value("type"_L1).toString(u"Opaque"_s), int(o.value("data"_L1).toObject().size()),
                ageOf(o, now)};
    if (resource == "serviceaccounts"_L1)
        return {name, int(o.value("secrets"_L1).toArray().size()), ageOf(o, now)};
    if (resource == "daemonsets"_L1) {
        const QJsonObject st = o.value("status"_L1).toObject();
        QStringList selector;
        const QJsonObject ns = o.value("spec"_L1)
                                   .toObject()
                                   .value("template"_L1)
                                   .toObject()
                                   .value("spec"_L1)
                                   .toObject()
                                   .value("nodeSelector"_L1)
                                   .toObject();
        for (auto it = ns.begin(); it != ns.end(); ++it)
            selector << it.key() + QLatin1Char('=') + it.value().toString();
        return {name,
                st.value("desiredNumberScheduled"_L1).toInt(),
                st.value("currentNumberScheduled"_L1).toInt(),
                st.value("numberReady"_L1).toInt(),
                st.value("updatedNumberScheduled"_L1).toInt(),
                st.value("numberAvailable"_L1).toInt(),
                orNone(selector.join(QLatin1Char(','))),
                ageOf(o, now)};
    }
    return {name, ageOf(o, now)};
}

QJsonObject TableRenderer::row(const QString &resource, const QJsonObject &object, qint64 nowMs,
                               IncludeObject include)
{
    QJsonObject r{{u"cells"_s, cells(resource, object, nowMs)}};
    if (include == IncludeObject::Object)
        r.insert("object"_L1, object);
    else if (include == IncludeObject::Metadata)
        r.insert("object"_L1, QJsonObject{{u"kind"_s, u"PartialObjectMetadata"_s},
                                          {u"apiVersion"_s, u"meta.k8s.io/v1"_s},
                                          {u"metadata"_s, object.value("metadata"_L1)}});
    return r;
}

QJsonObject TableRenderer::table(const QString &resource, const QList<QJsonObject> &objects, qint64 nowMs,
                                 IncludeObject include, const QString &resourceVersion,
                                 const QString &continueToken, bool withColumns)
{
    QJsonArray rows;
    for (const QJsonObject &o : objects)
        rows.append(row(resource, o, nowMs, include));
    QJsonObject meta{{u"resourceVersion"_s, resourceVersion}};
    if (!continueToken.isEmpty())
        meta.insert("continue"_L1, continueToken);
    QJsonObject t{{u"kind"_s, u"Table"_s}, {u"apiVersion"_s, u"meta.k8s.io/v1"_s}, {u"metadata"_s, meta}};
    t.insert("columnDefinitions"_L1, withColumns ? columns(resource) : QJsonArray());
    t.insert("rows"_L1, rows);
    return t;
}

} // namespace Sitrep::Sim
