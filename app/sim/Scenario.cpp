#include "sim/Scenario.h"

#include "sim/ExecRules.h"
#include "sim/ScenarioTimeline.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

using namespace Qt::Literals::StringLiterals;

static void initSimResources()
{
    Q_INIT_RESOURCE(sim_scenarios);
}

namespace Sitrep::Sim {

namespace {

QStringList strings(const QJsonValue &v)
{
    QStringList out;
    for (const QJsonValue &s : v.toArray())
        out << s.toString();
    return out;
}

Core::Result<ContainerSpec> parseContainer(const QJsonObject &o, const QString &where)
{
    ContainerSpec c;
    c.name = o.value("name"_L1).toString();
    if (c.name.isEmpty())
        return Core::makeError(u"container needs a \"name\""_s, where);
    c.image = o.value("image"_L1).toString();
    c.port = o.value("port"_L1).toInt();
    c.cpuLimit = o.value("cpuLimit"_L1).toString(c.cpuLimit);
    c.memoryLimit = o.value("memoryLimit"_L1).toString(c.memoryLimit);
    return c;
}

} // namespace

QStringList Scenario::builtinNames()
{
    initSimResources();
    QStringList out;
    for (const QString &f : QDir(u":/sitrep/scenarios"_s).entryList({u"*.json"_s}, QDir::Files))
        out << QFileInfo(f).completeBaseName();
    return out;
}

Core::Result<Scenario> Scenario::load(const QString &nameOrPath)
{
    initSimResources();
    QString path = nameOrPath;
    if (!QFileInfo::exists(path))
        path = u":/sitrep/scenarios/%1.json"_s.arg(nameOrPath);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return Core::makeError(
            u"no scenario named \"%1\" (built in: %2)"_s.arg(nameOrPath, builtinNames().join(", "_L1)),
            nameOrPath);
    }
    return fromJson(file.readAll(), nameOrPath);
}

Core::Result<Scenario> Scenario::fromJson(const QByteArray &json, const QString &where)
{
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        return Core::makeError(u"invalid JSON at offset %1: %2"_s.arg(error.offset).arg(error.errorString()),
                               where);
    const QJsonObject root = doc.object();
    Scenario s;
    s.name = root.value("name"_L1).toString();
    if (s.name.isEmpty())
        return Core::makeError(u"missing \"name\""_s, where);
    s.description = root.value("description"_L1).toString();
    s.tickMs = qBound(50, root.value("tickMs"_L1).toInt(1000), 60000);
    s.seed = quint32(root.value("seed"_L1).toInt(1));
    s.namespaces = strings(root.value("namespaces"_L1));
    if (!s.namespaces.contains("default"_L1))
        s.namespaces.prepend(u"default"_s);
    s.deniedVerbs = strings(root.value("deniedVerbs"_L1));
    const QJsonObject synthetic = root.value("synthetic"_L1).toObject();
    s.syntheticNamespace = synthetic.value("namespace"_L1).toString(s.syntheticNamespace);
    s.syntheticPods = synthetic.value("pods"_L1).toInt(0);

    int nodeIndex = 0;
    for (const QJsonValue &v : root.value("nodes"_L1).toArray()) {
        const QJsonObject o = v.toObject();
        NodeSpec n;
        n.name = o.value("name"_L1).toString();
        if (n.name.isEmpty())
            return Core::makeError(u"node %1 needs a \"name\""_s.arg(nodeIndex), where + u": nodes"_s);
        n.cpu = o.value("cpu"_L1).toString(n.cpu);
        n.memory = o.value("memory"_L1).toString(n.memory);
        n.internalIp = o.value("internalIP"_L1).toString(u"10.0.1.%1"_s.arg(11 + nodeIndex));
        s.nodes << n;
        ++nodeIndex;
    }
    if (s.nodes.isEmpty())
        s.nodes << NodeSpec{u"sim-node-1"_s, u"8"_s, u"32Gi"_s, u"10.0.1.11"_s};

    const QJsonObject images = root.value("images"_L1).toObject();
    for (auto it = images.begin(); it != images.end(); ++it) {
        const QJsonObject o = it.value().toObject();
        ImageProfile p;
        p.image = it.key();
        p.behaviour = o.value("behaviour"_L1).toString(p.behaviour);
        if (p.behaviour != "healthy"_L1 && p.behaviour != "crashloop"_L1)
            return Core::makeError(
                u"behaviour must be \"healthy\" or \"crashloop\", not \"%1\""_s.arg(p.behaviour),
                where + u": images.%1.behaviour"_s.arg(it.key()));
        p.logLinesPerSecond = o.value("logLinesPerSecond"_L1).toDouble(p.logLinesPerSecond);
        p.logs = strings(o.value("logs"_L1));
        p.startupLogs = strings(o.value("startupLogs"_L1));
        p.crashLog = o.value("crashLog"_L1).toString();
        p.exitCode = o.value("exitCode"_L1).toInt(p.exitCode);
        p.crashAfterSeconds = o.value("crashAfterSeconds"_L1).toInt(p.crashAfterSeconds);
        p.backoffSeconds = o.value("backoffSeconds"_L1).toInt(p.backoffSeconds);
        p.readyAfterSeconds = o.value("readyAfterSeconds"_L1).toInt(p.readyAfterSeconds);
        p.cpuMilli = o.value("cpuMilli"_L1).toInt(p.cpuMilli);
        p.memoryMi = o.value("memoryMi"_L1).toInt(p.memoryMi);
        p.exec = o.value("exec"_L1).toObject();
        if (auto rules = ExecRules::fromJson(p.exec, where + u": images.%1.exec"_s.arg(it.key())); !rules)
            return rules.error();
        s.images.insert(p.image, p);
    }

    int index = 0;
    for (const QJsonValue &v : root.value("workloads"_L1).toArray()) {
        const QString at = where + u": workloads[%1]"_s.arg(index++);
        const QJsonObject o = v.toObject();
        Workload w;
        w.kind = o.value("kind"_L1).toString(w.kind);
        if (w.kind != "Deployment"_L1 && w.kind != "StatefulSet"_L1)
            return Core::makeError(u"kind must be Deployment or StatefulSet"_s, at);
        w.ns = o.value("namespace"_L1).toString(u"default"_s);
        w.name = o.value("name"_L1).toString();
        if (w.name.isEmpty())
            return Core::makeError(u"workload needs a \"name\""_s, at);
        if (!s.namespaces.contains(w.ns))
            s.namespaces << w.ns;
        w.replicas = o.value("replicas"_L1).toInt(w.replicas);
        w.strategy = o.value("strategy"_L1).toString(w.strategy);
        w.labels = o.value("labels"_L1).toObject();
        if (w.labels.isEmpty())
            w.labels.insert("app"_L1, w.name);
        for (const QJsonValue &c : o.value("containers"_L1).toArray()) {
            auto container = parseContainer(c.toObject(), at + u".containers"_s);
            if (!container)
                return container.error();
            w.containers << *container;
        }
        if (w.containers.isEmpty())
            return Core::makeError(u"workload needs at least one container"_s, at);
        for (const QJsonValue &r : o.value("revisions"_L1).toArray()) {
            const QJsonObject ro = r.toObject();
            w.revisions << Revision{ro.value("image"_L1).toString(), ro.value("changeCause"_L1).toString(),
                                    ro.value("minutesAgo"_L1).toInt(0)};
        }
        if (w.revisions.isEmpty())
            w.revisions << Revision{
                w.containers.first().image, {}, o.value("createdMinutesAgo"_L1).toInt(2880)};
        w.createdMinutesAgo = o.value("createdMinutesAgo"_L1).toInt(qMax(w.revisions.first().minutesAgo, 60));
        w.servicePort = o.value("servicePort"_L1).toInt(0);
        const QJsonObject hpa = o.value("hpa"_L1).toObject();
        w.hpaMin = hpa.value("min"_L1).toInt();
        w.hpaMax = hpa.value("max"_L1).toInt();
        w.hpaCpuPercent = hpa.value("cpuPercent"_L1).toInt(70);
        w.ingressHost = o.value("ingressHost"_L1).toString();
        const QJsonObject traffic = o.value("traffic"_L1).toObject();
        w.traffic.requestsPerSecond = traffic.value("rps"_L1).toDouble(0);
        w.traffic.baselineErrorRatio = traffic.value("baselineErrorRatio"_L1).toDouble(0.0005);
        w.traffic.p50Ms = traffic.value("p50Ms"_L1).toDouble(30);
        for (const Revision &r : w.revisions) {
            if (!r.image.isEmpty() && !s.images.contains(r.image))
                s.images.insert(r.image, ImageProfile{r.image});
        }
        s.workloads << w;
    }
    s.counters = root.value("counters"_L1).toObject();
    if (auto counters = ExecCounters::fromJson(s.counters, where); !counters)
        return counters.error();
    auto timeline = ScenarioTimeline::parse(root.value("timeline"_L1).toArray(), where, s);
    if (!timeline)
        return timeline.error();
    s.timeline = *timeline;
    return s;
}

ImageProfile Scenario::profileFor(const QString &image) const
{
    const auto it = images.constFind(image);
    if (it != images.constEnd())
        return *it;
    ImageProfile p;
    p.image = image;
    return p;
}

} // namespace Sitrep::Sim
