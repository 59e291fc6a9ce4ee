#include "kube/ResourcePrinter.h"

#include "kube/JsonFields.h"
#include "kube/PodSummary.h"

#include <QJsonArray>

#include <cmath>

namespace Sitrep::Kube {

using namespace JsonFields;

namespace {

QString num(const QJsonObject &o, const char *key)
{
    const QJsonValue v = o.value(QLatin1String(key));
    return v.isDouble() ? QString::number(v.toInteger()) : QStringLiteral("0");
}

QString orNone(const QStringList &items)
{
    return items.isEmpty() ? QStringLiteral("<none>") : items.join(QLatin1Char(','));
}

QString age(const QJsonObject &o, const QDateTime &now)
{
    const QDateTime created =
        QDateTime::fromString(str(obj(o, "metadata"), "creationTimestamp"), Qt::ISODateWithMs);
    return created.isValid() ? timeSince(created.toMSecsSinceEpoch(), now) : QStringLiteral("<unknown>");
}

ResourcePrinter::Row nodeRow(const QJsonObject &node, const QDateTime &now)
{
    const QJsonObject meta = obj(node, "metadata");
    QString ready = QStringLiteral("Unknown");
    QStringList pressure;
    for (const QJsonValue &v : arr(obj(node, "status"), "conditions")) {
        const QJsonObject c = v.toObject();
        const QString type = str(c, "type");
        const bool isTrue = str(c, "status") == QLatin1String("True");
        if (type == QLatin1String("Ready"))
            ready = isTrue ? QStringLiteral("Ready") : QStringLiteral("NotReady");
        else if (isTrue)
            pressure << type; // MemoryPressure, DiskPressure, PIDPressure, NetworkUnavailable
    }
    QString status = ready;
    if (obj(node, "spec").value(QLatin1String("unschedulable")).toBool())
        status += QStringLiteral(",SchedulingDisabled");
    QStringList roles;
    const QJsonObject labels = obj(meta, "labels");
    for (auto it = labels.begin(); it != labels.end(); ++it) {
        if (it.key().startsWith(QLatin1String("node-role.kubernetes.io/")))
            roles << it.key().mid(24);
    }
    QStringList problems;
    if (ready != QLatin1String("Ready"))
        problems << QStringLiteral("node is %1").arg(ready);
    if (!pressure.isEmpty())
        problems << pressure.join(QStringLiteral(", "));
    return {{str(meta, "name"), status, orNone(roles), age(node, now),
             str(obj(obj(node, "status"), "nodeInfo"), "kubeletVersion"),
             pressure.isEmpty() ? QStringLiteral("none") : pressure.join(QLatin1Char(','))},
            problems.join(QStringLiteral("; "))};
}

ResourcePrinter::Row serviceRow(const QJsonObject &svc, const QDateTime &now)
{
    const QJsonObject spec = obj(svc, "spec");
    const QString type = str(spec, "type").isEmpty() ? QStringLiteral("ClusterIP") : str(spec, "type");
    QString external = QStringLiteral("<none>");
    if (type == QLatin1String("LoadBalancer")) {
        QStringList ips;
        for (const QJsonValue &v : arr(obj(obj(svc, "status"), "loadBalancer"), "ingress")) {
            const QJsonObject i = v.toObject();
            ips << (str(i, "ip").isEmpty() ? str(i, "hostname") : str(i, "ip"));
        }
        external = ips.isEmpty() ? QStringLiteral("<pending>") : ips.join(QLatin1Char(','));
    } else if (type == QLatin1String("ExternalName")) {
        external = str(spec, "externalName");
    }
    QStringList ports;
    for (const QJsonValue &v : arr(spec, "ports")) {
        const QJsonObject p = v.toObject();
        const QString protocol = str(p, "protocol").isEmpty() ? QStringLiteral("TCP") : str(p, "protocol");
        const QString node =
            p.contains(QLatin1String("nodePort")) ? QLatin1Char(':') + num(p, "nodePort") : QString();
        ports << QStringLiteral("%1%2/%3").arg(num(p, "port"), node, protocol);
    }
    const QString clusterIp =
        str(spec, "clusterIP").isEmpty() ? QStringLiteral("<none>") : str(spec, "clusterIP");
    return {{str(obj(svc, "metadata"), "name"), type, clusterIp, external, orNone(ports), age(svc, now)}, {}};
}

ResourcePrinter::Row endpointsRow(const QJsonObject &ep, const QDateTime &now)
{
    QStringList all;
    int notReady = 0;
    for (const QJsonValue &sv : arr(ep, "subsets")) {
        const QJsonObject subset = sv.toObject();
        QStringList ports;
        for (const QJsonValue &pv : arr(subset, "ports"))
            ports << num(pv.toObject(), "port");
        if (ports.isEmpty())
            ports << QString();
        for (const QJsonValue &av : arr(subset, "addresses")) {
            for (const QString &port : std::as_const(ports))
                all << (port.isEmpty() ? str(av.toObject(), "ip")
                                       : str(av.toObject(), "ip") + QLatin1Char(':') + port);
        }
        notReady += int(arr(subset, "notReadyAddresses").size());
    }
    // kubectl shows three and counts the rest.
    QString text = all.isEmpty() ? QStringLiteral("<none>") : all.mid(0, 3).join(QLatin1Char(','));
    if (all.size() > 3)
        text += QStringLiteral(" + %1 more...").arg(all.size() - 3);
    QString problem;
    if (all.isEmpty())
        problem = notReady > 0 ? QStringLiteral("no ready endpoints (%1 not ready)").arg(notReady)
                               : QStringLiteral("no endpoints");
    return {{str(obj(ep, "metadata"), "name"), text, age(ep, now)}, problem};
}

ResourcePrinter::Row ingressRow(const QJsonObject &ing, const QDateTime &now)
{
    const QJsonObject spec = obj(ing, "spec");
    QStringList hosts;
    for (const QJsonValue &v : arr(spec, "rules")) {
        const QString h = str(v.toObject(), "host");
        hosts << (h.isEmpty() ? QStringLiteral("*") : h);
    }
    QStringList addresses;
    for (const QJsonValue &v : arr(obj(obj(ing, "status"), "loadBalancer"), "ingress")) {
        const QJsonObject i = v.toObject();
        addresses << (str(i, "ip").isEmpty() ? str(i, "hostname") : str(i, "ip"));
    }
    const QString ports = arr(spec, "tls").isEmpty() ? QStringLiteral("80") : QStringLiteral("80, 443");
    const QString cls =
        str(spec, "ingressClassName").isEmpty() ? QStringLiteral("<none>") : str(spec, "ingressClassName");
    return {{str(obj(ing, "metadata"), "name"), cls,
             hosts.isEmpty() ? QStringLiteral("*") : hosts.join(QLatin1Char(',')),
             addresses.join(QLatin1Char(',')), ports, age(ing, now)},
            {}};
}

ResourcePrinter::Row hpaRow(const QJsonObject &hpa, const QDateTime &now)
{
    const QJsonObject spec = obj(hpa, "spec");
    const QJsonObject status = obj(hpa, "status");
    const QJsonObject target = obj(spec, "scaleTargetRef");
    // Current values by resource name, from status.currentMetrics.
    QHash<QString, QString> current;
    for (const QJsonValue &v : arr(status, "currentMetrics")) {
        const QJsonObject r = obj(v.toObject(), "resource");
        const QJsonObject c = obj(r, "current");
        if (c.contains(QLatin1String("averageUtilization")))
            current.insert(str(r, "name"), num(c, "averageUtilization") + QLatin1Char('%'));
        else if (c.contains(QLatin1String("averageValue")))
            current.insert(str(r, "name"), str(c, "averageValue"));
    }
    QStringList targets;
    for (const QJsonValue &v : arr(spec, "metrics")) {
        const QJsonObject m = v.toObject();
        if (str(m, "type") != QLatin1String("Resource")) {
            targets << QStringLiteral("%1: <unsupported>").arg(str(m, "type"));
            continue;
        }
        const QJsonObject r = obj(m, "resource");
        const QJsonObject t = obj(r, "target");
        const QString want = t.contains(QLatin1String("averageUtilization"))
                                 ? num(t, "averageUtilization") + QLatin1Char('%')
                                 : str(t, "averageValue");
        targets << QStringLiteral("%1: %2/%3")
                       .arg(str(r, "name"), current.value(str(r, "name"), QStringLiteral("<unknown>")), want);
    }
    const int replicas = status.value(QLatin1String("currentReplicas")).toInt();
    const int max = spec.value(QLatin1String("maxReplicas")).toInt();
    const QString min =
        spec.contains(QLatin1String("minReplicas")) ? num(spec, "minReplicas") : QStringLiteral("1");
    return {{str(obj(hpa, "metadata"), "name"), str(target, "kind") + QLatin1Char('/') + str(target, "name"),
             targets.isEmpty() ? QStringLiteral("<none>") : targets.join(QStringLiteral(", ")), min,
             QString::number(max), QString::number(replicas), age(hpa, now)},
            max > 0 && replicas >= max ? QStringLiteral("at its maximum of %1 replicas").arg(max)
                                       : QString()};
}

ResourcePrinter::Row replicaSetRow(const QJsonObject &rs, const QDateTime &now)
{
    const QJsonObject status = obj(rs, "status");
    const int desired = obj(rs, "spec").value(QLatin1String("replicas")).toInt();
    const int ready = status.value(QLatin1String("readyReplicas")).toInt();
    return {{str(obj(rs, "metadata"), "name"), QString::number(desired), num(status, "replicas"),
             QString::number(ready), age(rs, now)},
            ready < desired ? QStringLiteral("%1 of %2 ready").arg(ready).arg(desired) : QString()};
}

ResourcePrinter::Row topPodRow(const QJsonObject &m)
{
    double cores = 0;
    double bytes = 0;
    for (const QJsonValue &v : arr(m, "containers")) {
        const QJsonObject usage = obj(v.toObject(), "usage");
        cores += ResourcePrinter::cpuCores(str(usage, "cpu"));
        bytes += ResourcePrinter::memoryBytes(str(usage, "memory"));
    }
    return {{str(obj(m, "metadata"), "name"), QString::number(std::llround(cores * 1000)) + QLatin1Char('m'),
             QString::number(std::llround(bytes / (1024.0 * 1024.0))) + QStringLiteral("Mi")},
            {}};
}

ResourcePrinter::Row topNodeRow(const QJsonObject &m)
{
    const QJsonObject usage = obj(m, "usage");
    return {{str(obj(m, "metadata"), "name"), ResourcePrinter::cpuText(str(usage, "cpu")),
             ResourcePrinter::memoryText(str(usage, "memory"))},
            {}};
}

} // namespace

QList<ResourcePrinter::Kind> ResourcePrinter::kinds()
{
    return {Kind::Nodes, Kind::Services,    Kind::Endpoints, Kind::Ingresses,
            Kind::Hpas,  Kind::ReplicaSets, Kind::TopPods,   Kind::TopNodes};
}

QString ResourcePrinter::title(Kind kind)
{
    switch (kind) {
    case Kind::Nodes:
        return QStringLiteral("Nodes");
    case Kind::Services:
        return QStringLiteral("Services");
    case Kind::Endpoints:
        return QStringLiteral("Endpoints");
    case Kind::Ingresses:
        return QStringLiteral("Ingresses");
    case Kind::Hpas:
        return QStringLiteral("Horizontal pod autoscalers");
    case Kind::ReplicaSets:
        return QStringLiteral("Replica sets");
    case Kind::TopPods:
        return QStringLiteral("Top: pods (CPU, memory)");
    case Kind::TopNodes:
        return QStringLiteral("Top: nodes (CPU, memory)");
    }
    return {};
}

bool ResourcePrinter::isClusterScoped(Kind kind)
{
    return kind == Kind::Nodes || kind == Kind::TopNodes;
}

bool ResourcePrinter::isPolled(Kind kind)
{
    return kind == Kind::TopPods || kind == Kind::TopNodes;
}

ResourceRef ResourcePrinter::ref(Kind kind, const QString &ns)
{
    const QString scoped = isClusterScoped(kind) ? QString() : ns;
    auto make = [&scoped](const char *group, const char *version, const char *resource) {
        return ResourceRef{
            QLatin1String(group), QLatin1String(version), QLatin1String(resource), scoped, {}, {}};
    };
    switch (kind) {
    case Kind::Nodes:
        return make("", "v1", "nodes");
    case Kind::Services:
        return make("", "v1", "services");
    case Kind::Endpoints:
        return make("", "v1", "endpoints");
    case Kind::Ingresses:
        return make("networking.k8s.io", "v1", "ingresses");
    case Kind::Hpas:
        return make("autoscaling", "v2", "horizontalpodautoscalers");
    case Kind::ReplicaSets:
        return make("apps", "v1", "replicasets");
    case Kind::TopPods:
        return make("metrics.k8s.io", "v1beta1", "pods");
    case Kind::TopNodes:
        return make("metrics.k8s.io", "v1beta1", "nodes");
    }
    return {};
}

QStringList ResourcePrinter::headers(Kind kind)
{
    switch (kind) {
    case Kind::Nodes:
        return {QStringLiteral("NAME"), QStringLiteral("STATUS"),  QStringLiteral("ROLES"),
                QStringLiteral("AGE"),  QStringLiteral("VERSION"), QStringLiteral("PRESSURE")};
    case Kind::Services:
        return {QStringLiteral("NAME"),        QStringLiteral("TYPE"),    QStringLiteral("CLUSTER-IP"),
                QStringLiteral("EXTERNAL-IP"), QStringLiteral("PORT(S)"), QStringLiteral("AGE")};
    case Kind::Endpoints:
        return {QStringLiteral("NAME"), QStringLiteral("ENDPOINTS"), QStringLiteral("AGE")};
    case Kind::Ingresses:
        return {QStringLiteral("NAME"),    QStringLiteral("CLASS"), QStringLiteral("HOSTS"),
                QStringLiteral("ADDRESS"), QStringLiteral("PORTS"), QStringLiteral("AGE")};
    case Kind::Hpas:
        return {QStringLiteral("NAME"),    QStringLiteral("REFERENCE"), QStringLiteral("TARGETS"),
                QStringLiteral("MINPODS"), QStringLiteral("MAXPODS"),   QStringLiteral("REPLICAS"),
                QStringLiteral("AGE")};
    case Kind::ReplicaSets:
        return {QStringLiteral("NAME"), QStringLiteral("DESIRED"), QStringLiteral("CURRENT"),
                QStringLiteral("READY"), QStringLiteral("AGE")};
    case Kind::TopPods:
    case Kind::TopNodes:
        return {QStringLiteral("NAME"), QStringLiteral("CPU(cores)"), QStringLiteral("MEMORY(bytes)")};
    }
    return {};
}

ResourcePrinter::Row ResourcePrinter::print(Kind kind, const QJsonObject &object, const QDateTime &now)
{
    switch (kind) {
    case Kind::Nodes:
        return nodeRow(object, now);
    case Kind::Services:
        return serviceRow(object, now);
    case Kind::Endpoints:
        return endpointsRow(object, now);
    case Kind::Ingresses:
        return ingressRow(object, now);
    case Kind::Hpas:
        return hpaRow(object, now);
    case Kind::ReplicaSets:
        return replicaSetRow(object, now);
    case Kind::TopPods:
        return topPodRow(object);
    case Kind::TopNodes:
        return topNodeRow(object);
    }
    return {};
}

double ResourcePrinter::cpuCores(const QString &q)
{
    if (q.isEmpty())
        return 0;
    const QChar unit = q.back();
    const double scale = unit == QLatin1Char('n')   ? 1e-9
                         : unit == QLatin1Char('u') ? 1e-6
                         : unit == QLatin1Char('m') ? 1e-3
                                                    : 1.0;
    return (scale == 1.0 ? q : q.chopped(1)).toDouble() * scale;
}

double ResourcePrinter::memoryBytes(const QString &q)
{
    static const QList<std::pair<QString, double>> suffixes{
        {QStringLiteral("Ki"), 1024.0},
        {QStringLiteral("Mi"), 1024.0 * 1024},
        {QStringLiteral("Gi"), 1024.0 * 1024 * 1024},
        {QStringLiteral("Ti"), 1024.0 * 1024 * 1024 * 1024},
        {QStringLiteral("k"), 1e3},
        {QStringLiteral("M"), 1e6},
        {QStringLiteral("G"), 1e9},
        {QStringLiteral("T"), 1e12}};
    for (const auto &[suffix, scale] : suffixes) {
        if (q.endsWith(suffix))
            return q.chopped(suffix.size()).toDouble() * scale;
    }
    return q.toDouble();
}

QString ResourcePrinter::cpuText(const QString &quantity)
{
    return QStringLiteral("%1m").arg(std::llround(cpuCores(quantity) * 1000));
}

QString ResourcePrinter::memoryText(const QString &quantity)
{
    return QStringLiteral("%1Mi").arg(std::llround(memoryBytes(quantity) / (1024.0 * 1024.0)));
}

} // namespace Sitrep::Kube
