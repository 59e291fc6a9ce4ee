#include "sim/Simulation.h"

#include "sim/ClusterState.h"
#include "sim/Controllers.h"
#include "sim/EventRecorder.h"
#include "sim/PodLogs.h"
#include "sim/ScenarioBuilder.h"
#include "sim/SimTime.h"

#include <QJsonArray>

#include <limits>

using namespace Qt::Literals::StringLiterals;

namespace Sitrep::Sim {

namespace {

QJsonObject metaOf(const QJsonObject &o)
{
    return o.value("metadata"_L1).toObject();
}

QString fieldPath(const QString &container)
{
    return u"spec.containers{%1}"_s.arg(container);
}

const QStringList kPaths{u"/v1/orders"_s,  u"/v1/orders/{id}"_s, u"/v1/cart"_s,     u"/v1/payments"_s,
                         u"/v1/catalog"_s, u"/healthz"_s,        u"/v1/users/me"_s, u"/v1/search"_s};

} // namespace

Simulation::Simulation(ClusterState &state, Controllers &controllers, EventRecorder &events, PodLogs &logs,
                       QObject *parent)
    : QObject(parent)
    , m_state(state)
    , m_controllers(controllers)
    , m_events(events)
    , m_logs(logs)
{
    connect(&m_timer, &QTimer::timeout, this, &Simulation::step);
    connect(&m_state, &ClusterState::changed, this, &Simulation::onChanged);
}

void Simulation::load(const Scenario &scenario)
{
    m_scenario = scenario;
    m_rng.seed(scenario.seed);
    m_timer.setInterval(scenario.tickMs);
    const qint64 now = m_state.nowMs();
    ScenarioBuilder builder(m_state, m_controllers);
    for (const NodeSpec &node : scenario.nodes)
        builder.createNode(node);
    for (const QString &ns : scenario.namespaces)
        builder.createNamespace(ns, now - 30LL * 86400 * 1000);
    for (const Workload &w : scenario.workloads)
        builder.createWorkload(w);
    if (scenario.syntheticPods > 0)
        builder.createSyntheticPods(scenario.syntheticNamespace, scenario.syntheticPods);
    m_lastStepMs = now;
    step();
}

void Simulation::start()
{
    m_lastStepMs = m_state.nowMs();
    m_timer.start();
}

void Simulation::stop()
{
    m_timer.stop();
}

void Simulation::onChanged(const WatchEvent &event)
{
    if (event.resource == "pods"_L1 && event.type == "DELETED"_L1) {
        const QJsonObject meta = metaOf(event.object);
        const QString ns = meta.value("namespace"_L1).toString();
        const QString name = meta.value("name"_L1).toString();
        m_pods.remove(ClusterState::keyOf(ns, name));
        m_logs.removePod(ns, name);
    }
}

void Simulation::step()
{
    const qint64 now = m_state.nowMs();
    for (const QString &ns : m_scenario.namespaces) {
        if (ns == m_scenario.syntheticNamespace && m_scenario.syntheticPods > 0)
            continue;
        for (const QJsonObject &pod : m_state.list(u"pods"_s, ns))
            stepPod(pod, now);
    }
    m_lastStepMs = now;
    emit stepped();
}

Simulation::PodRuntime Simulation::initRuntime(const QJsonObject &pod, qint64 now)
{
    PodRuntime rt;
    const qint64 created = SimTime::parseMs(metaOf(pod).value("creationTimestamp"_L1).toString());
    rt.startMs = created > 0 ? created : now;
    const qint64 age = now - rt.startMs;
    for (const QJsonValue &cv : pod.value("spec"_L1).toObject().value("containers"_L1).toArray()) {
        const QJsonObject co = cv.toObject();
        ContainerRuntime c;
        c.name = co.value("name"_L1).toString();
        c.image = co.value("image"_L1).toString();
        c.nextMs = rt.startMs + 1000;
        if (age > 5000) {
            // The pod "already existed": replay its life quietly (no events, a bounded log backlog).
            const ImageProfile profile = m_scenario.profileFor(c.image);
            if (profile.behaviour == "crashloop"_L1) {
                const qint64 cycle = qint64(profile.crashAfterSeconds + profile.backoffSeconds) * 1000;
                // Pods of one ReplicaSet do not crash in lockstep: each gets its own phase in the cycle.
                const qint64 offset = qint64(qHash(metaOf(pod).value("name"_L1).toString()) % quint64(cycle));
                const qint64 lived = age - 1000 + offset;
                c.restarts = int(lived / cycle);
                const qint64 cycleStart = rt.startMs + 1000 - offset + c.restarts * cycle;
                if (c.restarts > 0) {
                    const qint64 prevStart = cycleStart - cycle;
                    startContainer(pod, c, prevStart, true);
                    crashContainer(pod, c, prevStart + profile.crashAfterSeconds * 1000, true);
                    c.restarts -= 1; // crashContainer counted the one already included
                }
                startContainer(pod, c, cycleStart, true);
                if (c.restarts > 0) {
                    m_events.record(pod, u"Warning"_s, u"BackOff"_s,
                                    u"Back-off restarting failed container %1 in pod %2_%3(%4)"_s.arg(
                                        c.name, metaOf(pod).value("name"_L1).toString(),
                                        metaOf(pod).value("namespace"_L1).toString(),
                                        metaOf(pod).value("uid"_L1).toString()),
                                    u"kubelet"_s,
                                    pod.value("spec"_L1).toObject().value("nodeName"_L1).toString(),
                                    fieldPath(c.name), c.restarts, rt.startMs + 5000);
                }
                c.stage = ContainerRuntime::Stage::Running;
                c.nextMs = cycleStart + profile.crashAfterSeconds * 1000;
            } else {
                startContainer(pod, c, rt.startMs + 1000, true);
                c.ready = true;
                emitLogs(pod, c, qMax(rt.startMs + 1000, now - 10 * 60000), now, 300);
                c.nextMs = std::numeric_limits<qint64>::max();
            }
        }
        rt.containers << c;
    }
    return rt;
}

void Simulation::startContainer(const QJsonObject &pod, ContainerRuntime &c, qint64 at, bool quiet)
{
    const ImageProfile profile = m_scenario.profileFor(c.image);
    const QJsonObject meta = metaOf(pod);
    const QString ns = meta.value("namespace"_L1).toString();
    const QString name = meta.value("name"_L1).toString();
    if (!quiet) {
        const QString node = pod.value("spec"_L1).toObject().value("nodeName"_L1).toString();
        m_events.record(pod, u"Normal"_s, u"Pulled"_s,
                        u"Container image \"%1\" already present on machine"_s.arg(c.image), u"kubelet"_s,
                        node, fieldPath(c.name));
        m_events.record(pod, u"Normal"_s, u"Created"_s, u"Created container %1"_s.arg(c.name), u"kubelet"_s,
                        node, fieldPath(c.name));
        m_events.record(pod, u"Normal"_s, u"Started"_s, u"Started container %1"_s.arg(c.name), u"kubelet"_s,
                        node, fieldPath(c.name));
    }
    // The previous run's logs stay readable until the next start (kubectl logs shows the crash meanwhile).
    if (c.everStarted)
        m_logs.rotate(ns, name, c.name);
    c.stage = ContainerRuntime::Stage::Running;
    c.startedMs = at;
    c.everStarted = true;
    c.logCarry = 0;
    qint64 t = at;
    for (const QString &line : profile.startupLogs) {
        t += 7;
        m_logs.append(ns, name, c.name, t, renderLine(line, t));
    }
    if (profile.behaviour == "crashloop"_L1) {
        c.ready = false;
        c.nextMs = at + profile.crashAfterSeconds * 1000;
    } else {
        c.nextMs = at + profile.readyAfterSeconds * 1000; // readiness probe passes
    }
}

void Simulation::crashContainer(const QJsonObject &pod, ContainerRuntime &c, qint64 at, bool quiet)
{
    const ImageProfile profile = m_scenario.profileFor(c.image);
    const QJsonObject meta = metaOf(pod);
    const QString ns = meta.value("namespace"_L1).toString();
    const QString name = meta.value("name"_L1).toString();
    if (!profile.crashLog.isEmpty())
        m_logs.append(ns, name, c.name, at, renderLine(profile.crashLog, at));
    m_logs.endRun(ns, name, c.name);
    c.lastStartedMs = c.startedMs;
    c.lastFinishedMs = at;
    c.restarts += 1;
    c.ready = false;
    c.stage = ContainerRuntime::Stage::BackOff;
    c.nextMs = at + profile.backoffSeconds * 1000;
    if (!quiet) {
        m_events.record(pod, u"Warning"_s, u"BackOff"_s,
                        u"Back-off restarting failed container %1 in pod %2_%3(%4)"_s.arg(
                            c.name, name, ns, meta.value("uid"_L1).toString()),
                        u"kubelet"_s, pod.value("spec"_L1).toObject().value("nodeName"_L1).toString(),
                        fieldPath(c.name));
    }
}

void Simulation::advanceContainer(const QJsonObject &pod, ContainerRuntime &c, qint64 now)
{
    const ImageProfile profile = m_scenario.profileFor(c.image);
    int guard = 0;
    while (now >= c.nextMs && guard++ < 100) {
        switch (c.stage) {
        case ContainerRuntime::Stage::Creating:
        case ContainerRuntime::Stage::BackOff:
            startContainer(pod, c, c.nextMs, false);
            break;
        case ContainerRuntime::Stage::Running:
            if (profile.behaviour == "crashloop"_L1) {
                crashContainer(pod, c, c.nextMs, false);
            } else {
                c.ready = true;
                c.nextMs = std::numeric_limits<qint64>::max();
            }
            break;
        }
    }
    if (c.stage == ContainerRuntime::Stage::Running && profile.behaviour != "crashloop"_L1)
        emitLogs(pod, c, qMax(m_lastStepMs, c.startedMs), now, 1000);
}

void Simulation::emitLogs(const QJsonObject &pod, ContainerRuntime &c, qint64 from, qint64 to, int maxLines)
{
    const ImageProfile profile = m_scenario.profileFor(c.image);
    if (profile.logs.isEmpty() || profile.logLinesPerSecond <= 0 || to <= from)
        return;
    c.logCarry += profile.logLinesPerSecond * double(to - from) / 1000.0;
    int lines = int(c.logCarry);
    c.logCarry -= lines;
    lines = qMin(lines, maxLines);
    if (lines <= 0)
        return;
    const QJsonObject meta = metaOf(pod);
    const QString ns = meta.value("namespace"_L1).toString();
    const QString name = meta.value("name"_L1).toString();
    const qint64 span = to - from;
    for (int i = 0; i < lines; ++i) {
        const qint64 ts = from + span * (i + 1) / (lines + 1);
        const QString &tmpl = profile.logs.at(int(m_rng.bounded(quint32(profile.logs.size()))));
        m_logs.append(ns, name, c.name, ts, renderLine(tmpl, ts));
    }
}

QString Simulation::renderLine(const QString &tmpl, qint64 ts)
{
    if (!tmpl.contains(QLatin1Char('{')))
        return tmpl;
    QString line = tmpl;
    static const QStringList methods{u"GET"_s, u"GET"_s, u"GET"_s, u"POST"_s, u"PUT"_s};
    const quint32 r = m_rng.generate();
    line.replace("{ts}"_L1, SimTime::rfc3339Nano(ts).left(23) + QLatin1Char('Z'));
    line.replace("{method}"_L1, methods.at(int(r % quint32(methods.size()))));
    line.replace("{path}"_L1, kPaths.at(int((r >> 4) % quint32(kPaths.size()))));
    line.replace("{status}"_L1, QString::number((r >> 8) % 50 == 0 ? 404 : 200));
    line.replace("{ms}"_L1, QString::number(4 + (r >> 12) % 180));
    line.replace("{id}"_L1, QString::number(r, 16).rightJustified(8, QLatin1Char('0')));
    line.replace("{n}"_L1, QString::number((r >> 16) % 64));
    return line;
}

QJsonObject Simulation::buildStatus(const QJsonObject &pod, const PodRuntime &rt) const
{
    QJsonObject status = pod.value("status"_L1).toObject();
    QJsonArray statuses;
    bool allReady = !rt.containers.isEmpty();
    bool anyStarted = false;
    for (const ContainerRuntime &c : rt.containers) {
        QJsonObject state;
        switch (c.stage) {
        case ContainerRuntime::Stage::Creating:
            state = {{u"waiting"_s, QJsonObject{{u"reason"_s, u"ContainerCreating"_s}}}};
            break;
        case ContainerRuntime::Stage::Running:
            state = {{u"running"_s, QJsonObject{{u"startedAt"_s, SimTime::rfc3339(c.startedMs)}}}};
            break;
        case ContainerRuntime::Stage::BackOff: {
            const ImageProfile profile = m_scenario.profileFor(c.image);
            state = {
                {u"waiting"_s,
                 QJsonObject{{u"reason"_s, u"CrashLoopBackOff"_s},
                             {u"message"_s, u"back-off %1s restarting failed container=%2 pod=%3_%4(%5)"_s
                                                .arg(profile.backoffSeconds)
                                                .arg(c.name, metaOf(pod).value("name"_L1).toString(),
                                                     metaOf(pod).value("namespace"_L1).toString(),
                                                     metaOf(pod).value("uid"_L1).toString())}}}};
            break;
        }
        }
        QJsonObject cs{{u"name"_s, c.name},
                       {u"image"_s, c.image},
                       {u"imageID"_s, c.image + u"@sha256:5f1c0e3a"_s},
                       {u"ready"_s, c.ready},
                       {u"started"_s, c.stage == ContainerRuntime::Stage::Running},
                       {u"restartCount"_s, c.restarts},
                       {u"state"_s, state},
                       {u"lastState"_s, QJsonObject()}};
        if (c.everStarted)
            cs.insert("containerID"_L1,
                      u"containerd://%1"_s.arg(qHash(c.name + metaOf(pod).value("uid"_L1).toString()), 16, 16,
                                               QLatin1Char('0')));
        if (c.lastFinishedMs > 0) {
            const ImageProfile profile = m_scenario.profileFor(c.image);
            cs.insert("lastState"_L1,
                      QJsonObject{{u"terminated"_s,
                                   QJsonObject{{u"exitCode"_s, profile.exitCode},
                                               {u"reason"_s, u"Error"_s},
                                               {u"startedAt"_s, SimTime::rfc3339(c.lastStartedMs)},
                                               {u"finishedAt"_s, SimTime::rfc3339(c.lastFinishedMs)}}}});
        }
        statuses.append(cs);
        allReady = allReady && c.ready;
        anyStarted = anyStarted || c.everStarted;
    }
    const QString start = SimTime::rfc3339(rt.startMs);
    auto condition = [&](const QString &type, bool ok) {
        QJsonObject c{
            {u"type"_s, type}, {u"status"_s, ok ? u"True"_s : u"False"_s}, {u"lastTransitionTime"_s, start}};
        if (!ok && (type == "Ready"_L1 || type == "ContainersReady"_L1))
            c.insert("reason"_L1, u"ContainersNotReady"_s);
        return c;
    };
    status.insert("phase"_L1, anyStarted ? u"Running"_s : u"Pending"_s);
    status.insert("startTime"_L1, start);
    status.insert("hostIP"_L1, u"10.0.1.11"_s);
    status.insert("conditions"_L1,
                  QJsonArray{condition(u"PodReadyToStartContainers"_s, true),
                             condition(u"Initialized"_s, true), condition(u"Ready"_s, allReady),
                             condition(u"ContainersReady"_s, allReady), condition(u"PodScheduled"_s, true)});
    status.insert("containerStatuses"_L1, statuses);
    return status;
}

void Simulation::stepPod(const QJsonObject &pod, qint64 now)
{
    // A pod that has ended (Failed: evicted, or Succeeded) is not run again: it stays as it is until deleted.
    const QString phase = pod.value("status"_L1).toObject().value("phase"_L1).toString();
    if (phase == "Failed"_L1 || phase == "Succeeded"_L1)
        return;
    const QJsonObject meta = metaOf(pod);
    const QString key =
        ClusterState::keyOf(meta.value("namespace"_L1).toString(), meta.value("name"_L1).toString());
    auto it = m_pods.find(key);
    if (it == m_pods.end())
        it = m_pods.insert(key, initRuntime(pod, now));
    for (ContainerRuntime &c : it->containers)
        advanceContainer(pod, c, now);
    const QJsonObject status = buildStatus(pod, *it);
    if (status != pod.value("status"_L1).toObject()) {
        QJsonObject updated = pod;
        updated.insert("status"_L1, status);
        m_controllers.podChanged(m_state.update(u"pods"_s, updated));
    }
}

} // namespace Sitrep::Sim
