#include "sim/ScenarioTimeline.h"

#include "sim/ClusterState.h"
#include "sim/Controllers.h"
#include "sim/EventRecorder.h"
#include "sim/SimTime.h"

#include <QJsonObject>
#include <QRegularExpression>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace Sitrep::Sim {

namespace {

// "90", 90, "90s", "2m", "1h30m" -> seconds; -1 when it is none of these.
int parseSeconds(const QJsonValue &v)
{
    if (v.isDouble())
        return v.toInt(-1);
    static const QRegularExpression re(u"^(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s?)?$"_s);
    const QString text = v.toString().trimmed();
    const auto m = re.match(text);
    if (text.isEmpty() || !m.hasMatch())
        return -1;
    return m.captured(1).toInt() * 3600 + m.captured(2).toInt() * 60 + m.captured(3).toInt();
}

QString pluralOf(const QString &kind)
{
    static const QHash<QString, QString> plurals{{u"Pod"_s, u"pods"_s},
                                                 {u"Deployment"_s, u"deployments"_s},
                                                 {u"StatefulSet"_s, u"statefulsets"_s},
                                                 {u"ReplicaSet"_s, u"replicasets"_s},
                                                 {u"Node"_s, u"nodes"_s},
                                                 {u"Service"_s, u"services"_s}};
    return plurals.value(kind);
}

} // namespace

ScenarioTimeline::ScenarioTimeline(ClusterState &state, Controllers &controllers, EventRecorder &events,
                                   QList<TimelineStep> steps, qint64 startMs)
    : m_state(state)
    , m_controllers(controllers)
    , m_events(events)
    , m_steps(std::move(steps))
    , m_startMs(startMs)
{
    std::stable_sort(m_steps.begin(), m_steps.end(),
                     [](const TimelineStep &a, const TimelineStep &b) { return a.atSeconds < b.atSeconds; });
}

Core::Result<QList<TimelineStep>> ScenarioTimeline::parse(const QJsonArray &array, const QString &where,
                                                          const Scenario &scenario)
{
    static const QStringList actions{u"rollout"_s, u"scale"_s, u"nodeCondition"_s, u"event"_s};
    QList<TimelineStep> out;
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QJsonObject o = array.at(i).toObject();
        const QString at = where + u": timeline[%1]"_s.arg(i);
        TimelineStep s;
        s.atSeconds = parseSeconds(o.value("at"_L1));
        if (s.atSeconds < 0)
            return Core::makeError(
                u"\"at\" must be seconds after the start (90, \"90s\", \"2m\", \"1h30m\")"_s, at + u".at"_s);
        s.action = o.value("action"_L1).toString();
        if (!actions.contains(s.action))
            return Core::makeError(
                u"unknown action \"%1\" (one of %2)"_s.arg(s.action, actions.join(u", "_s)),
                at + u".action"_s);
        s.ns = o.value("namespace"_L1).toString(u"default"_s);
        s.target = o.value("target"_L1).toString();
        if (s.target.isEmpty())
            return Core::makeError(u"a step needs a \"target\" (workload, node or object name)"_s,
                                   at + u".target"_s);
        s.kind = o.value("kind"_L1).toString(s.action == "nodeCondition"_L1 ? u"Node"_s : u"Deployment"_s);
        s.image = o.value("image"_L1).toString();
        s.changeCause = o.value("changeCause"_L1).toString();
        s.replicas = o.value("replicas"_L1).toInt(-1);
        s.condition = o.value("condition"_L1).toString();
        s.status = o.value("status"_L1).toString(u"True"_s);
        s.reason = o.value("reason"_L1).toString();
        s.message = o.value("message"_L1).toString();
        if (s.action == "rollout"_L1 && s.image.isEmpty())
            return Core::makeError(u"a rollout needs an \"image\""_s, at + u".image"_s);
        if (s.action == "rollout"_L1 && !scenario.images.contains(s.image))
            return Core::makeError(u"image \"%1\" has no profile in \"images\""_s.arg(s.image),
                                   at + u".image"_s);
        if (s.action == "scale"_L1 && s.replicas < 0)
            return Core::makeError(u"a scale needs \"replicas\""_s, at + u".replicas"_s);
        if (s.action == "nodeCondition"_L1 && s.condition.isEmpty())
            return Core::makeError(
                u"a node condition needs \"condition\" (MemoryPressure, DiskPressure ...)"_s,
                at + u".condition"_s);
        if (s.action == "event"_L1 && (s.reason.isEmpty() || pluralOf(s.kind).isEmpty()))
            return Core::makeError(
                u"an event needs a \"reason\" and a \"kind\" (Pod, Deployment, Node ...)"_s, at);
        out << s;
    }
    return out;
}

void ScenarioTimeline::advance(qint64 nowMs)
{
    while (m_next < m_steps.size() && nowMs - m_startMs >= qint64(m_steps[m_next].atSeconds) * 1000)
        m_log << apply(m_steps[m_next++]);
}

QString ScenarioTimeline::apply(const TimelineStep &step)
{
    if (step.action == "rollout"_L1)
        return rollout(step);
    if (step.action == "scale"_L1)
        return scale(step);
    if (step.action == "nodeCondition"_L1)
        return nodeCondition(step);
    return event(step);
}

QString ScenarioTimeline::changeWorkload(const TimelineStep &step,
                                         const std::function<void(QJsonObject &)> &change)
{
    const QString plural = pluralOf(step.kind);
    auto object = m_state.get(plural, step.ns, step.target);
    if (!object)
        return u"%1 of %2/%3: no such %4"_s.arg(step.action, step.ns, step.target, step.kind);
    QJsonObject o = *object;
    change(o);
    m_state.update(plural, o, true);
    // The controllers react as they do to a kubectl patch.
    if (plural == "deployments"_L1)
        m_controllers.reconcileDeployment(step.ns, step.target);
    else if (plural == "statefulsets"_L1)
        m_controllers.reconcileStatefulSet(step.ns, step.target);
    return {};
}

QString ScenarioTimeline::rollout(const TimelineStep &step)
{
    const QString failed = changeWorkload(step, [&step](QJsonObject &o) {
        QJsonObject spec = o.value("spec"_L1).toObject();
        QJsonObject tmpl = spec.value("template"_L1).toObject();
        QJsonObject podSpec = tmpl.value("spec"_L1).toObject();
        QJsonArray containers = podSpec.value("containers"_L1).toArray();
        if (containers.isEmpty())
            return; // nothing to roll out (the workload has no containers)
        QJsonObject first = containers.first().toObject();
        first.insert("image"_L1, step.image);
        containers.replace(0, first);
        podSpec.insert("containers"_L1, containers);
        tmpl.insert("spec"_L1, podSpec);
        spec.insert("template"_L1, tmpl);
        o.insert("spec"_L1, spec);
        QJsonObject meta = o.value("metadata"_L1).toObject();
        QJsonObject annotations = meta.value("annotations"_L1).toObject();
        annotations.insert("kubernetes.io/change-cause"_L1, step.changeCause.isEmpty()
                                                                ? u"rollout to %1"_s.arg(step.image)
                                                                : step.changeCause);
        meta.insert("annotations"_L1, annotations);
        o.insert("metadata"_L1, meta);
    });
    return failed.isEmpty() ? u"rolled out %1/%2 to %3"_s.arg(step.ns, step.target, step.image) : failed;
}

QString ScenarioTimeline::scale(const TimelineStep &step)
{
    const QString failed = changeWorkload(step, [&step](QJsonObject &o) {
        QJsonObject spec = o.value("spec"_L1).toObject();
        spec.insert("replicas"_L1, step.replicas);
        o.insert("spec"_L1, spec);
    });
    return failed.isEmpty() ? u"scaled %1/%2 to %3"_s.arg(step.ns, step.target).arg(step.replicas) : failed;
}

QString ScenarioTimeline::nodeCondition(const TimelineStep &step)
{
    auto node = m_state.get(u"nodes"_s, QString(), step.target);
    if (!node)
        return u"condition on node %1: no such node"_s.arg(step.target);
    QJsonObject o = *node;
    QJsonObject status = o.value("status"_L1).toObject();
    QJsonArray conditions = status.value("conditions"_L1).toArray();
    const QString now = SimTime::rfc3339(m_state.nowMs());
    QJsonObject c{{u"type"_s, step.condition},
                  {u"status"_s, step.status},
                  {u"reason"_s, step.reason.isEmpty() ? u"Kubelet"_s + step.condition : step.reason},
                  {u"message"_s, step.message},
                  {u"lastHeartbeatTime"_s, now},
                  {u"lastTransitionTime"_s, now}};
    bool replaced = false;
    for (qsizetype i = 0; i < conditions.size(); ++i) {
        if (conditions.at(i).toObject().value("type"_L1).toString() == step.condition) {
            conditions.replace(i, c);
            replaced = true;
        }
    }
    if (!replaced)
        conditions.append(c);
    status.insert("conditions"_L1, conditions);
    o.insert("status"_L1, status);
    m_state.update(u"nodes"_s, o);
    if (step.status == "True"_L1 && step.condition != "Ready"_L1)
        m_events.record(o, u"Warning"_s, step.reason.isEmpty() ? u"Node"_s + step.condition : step.reason,
                        step.message.isEmpty()
                            ? u"Node %1 status is now: %2"_s.arg(step.target, step.condition)
                            : step.message,
                        u"kubelet"_s, step.target);
    return u"node %1: %2=%3"_s.arg(step.target, step.condition, step.status);
}

QString ScenarioTimeline::event(const TimelineStep &step)
{
    const QString plural = pluralOf(step.kind);
    const QString ns = plural == "nodes"_L1 ? QString() : step.ns;
    auto object = m_state.get(plural, ns, step.target);
    if (!object)
        return u"event on %1 %2: no such object"_s.arg(step.kind, step.target);
    m_events.record(*object, u"Warning"_s, step.reason, step.message, u"sitrep-drill"_s);
    return u"event %1 on %2 %3"_s.arg(step.reason, step.kind, step.target);
}

} // namespace Sitrep::Sim
