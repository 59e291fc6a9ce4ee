#include "sim/MetricsModelKubeState.h"

#include "sim/ClusterState.h"
#include "sim/SimTime.h"

#include <QJsonArray>

#include <cmath>

using namespace Qt::Literals::StringLiterals;

namespace Sitrep::Sim {

namespace {

using Fn = std::function<double(double)>;
constexpr double kTau = 6.283185307179586;

Fn constant(double v)
{
    return [v](double) { return v; };
}

Fn counter(double rate, double amp, double period, double phase, double t0)
{
    return [=](double t) {
        if (t <= t0)
            return 0.0;
        return std::max(0.0, rate * (t - t0) - rate * amp * period / kTau *
                                                 (std::cos(kTau * t / period + phase) - std::cos(kTau * t0 / period + phase)));
    };
}

double quantity(const QString &q)
{
    if (q.endsWith(QLatin1Char('m')))
        return q.chopped(1).toDouble() / 1000.0;
    if (q.endsWith("Ki"_L1))
        return q.chopped(2).toDouble() * 1024;
    if (q.endsWith("Mi"_L1))
        return q.chopped(2).toDouble() * 1024 * 1024;
    if (q.endsWith("Gi"_L1))
        return q.chopped(2).toDouble() * 1024 * 1024 * 1024;
    return q.toDouble();
}

QByteArray esc(const QString &v)
{
    QByteArray b = v.toUtf8();
    b.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n");
    return b;
}

void add(QList<SimSeries> &out, const char *name, const char *type, const QByteArray &labels, Fn f)
{
    QByteArray family(name);
    if (QByteArray(type) == "counter" && family.endsWith("_total"))
        family.chop(6);
    out << SimSeries{family, type, QByteArray(name) + '{' + labels + '}', std::move(f)};
}

} // namespace

MetricsModelKubeState::MetricsModelKubeState(const ClusterState &state, const Scenario &scenario)
    : m_state(state)
    , m_scenario(scenario)
{}

QList<SimNode> MetricsModelKubeState::nodes() const
{
    QList<SimNode> out;
    int i = 0;
    for (const QJsonObject &n : m_state.list(u"nodes"_s)) {
        const QJsonObject capacity = n.value("status"_L1).toObject().value("capacity"_L1).toObject();
        SimNode node;
        node.name = n.value("metadata"_L1).toObject().value("name"_L1).toString();
        node.cpus = std::max(1, int(quantity(capacity.value("cpu"_L1).toString(u"4"_s))));
        node.memoryBytes = std::max(1.0, quantity(capacity.value("memory"_L1).toString(u"16Gi"_s)));
        node.index = i++;
        out << node;
    }
    return out;
}

void MetricsModelKubeState::podSeries(QList<SimSeries> &out, const QJsonObject &pod) const
{
    const qsizetype first = out.size();
    podSeriesOf(out, pod);
    const double created =
        double(SimTime::parseMs(pod.value("metadata"_L1).toObject().value("creationTimestamp"_L1).toString())) / 1000.0;
    for (qsizetype i = first; i < out.size(); ++i)
        out[i].since = created;
}

void MetricsModelKubeState::podSeriesOf(QList<SimSeries> &out, const QJsonObject &pod) const
{
    const QJsonObject meta = pod.value("metadata"_L1).toObject();
    const QJsonObject spec = pod.value("spec"_L1).toObject();
    const QJsonObject status = pod.value("status"_L1).toObject();
    const QString ns = meta.value("namespace"_L1).toString();
    const QString name = meta.value("name"_L1).toString();
    const QByteArray base = "namespace=\"" + esc(ns) + "\",pod=\"" + esc(name) + "\"";
    const QString uid = meta.value("uid"_L1).toString();
    const double created = double(SimTime::parseMs(meta.value("creationTimestamp"_L1).toString())) / 1000.0;
    const double phase = double(qHash(name) % 1000) / 160.0;
    QString ownerKind;
    QString ownerName;
    const QJsonArray owners = meta.value("ownerReferences"_L1).toArray();
    if (!owners.isEmpty()) {
        ownerKind = owners.first().toObject().value("kind"_L1).toString();
        ownerName = owners.first().toObject().value("name"_L1).toString();
    }
    add(out, "kube_pod_info", "gauge",
        base + ",uid=\"" + esc(uid) + "\",host_ip=\"" + esc(status.value("hostIP"_L1).toString()) + "\",pod_ip=\"" +
            esc(status.value("podIP"_L1).toString()) + "\",node=\"" + esc(spec.value("nodeName"_L1).toString()) +
            "\",created_by_kind=\"" + esc(ownerKind) + "\",created_by_name=\"" + esc(ownerName) +
            "\",priority_class=\"" + esc(spec.value("priorityClassName"_L1).toString()) + "\",host_network=\"false\"",
        constant(1));
    const QString podPhase = status.value("phase"_L1).toString(u"Pending"_s);
    for (const char *p : {"Pending", "Running", "Succeeded", "Failed", "Unknown"})
        add(out, "kube_pod_status_phase", "gauge", base + ",phase=\"" + p + "\"",
            constant(podPhase == QLatin1String(p) ? 1 : 0));
    const bool scheduled = !spec.value("nodeName"_L1).toString().isEmpty();
    for (const char *c : {"true", "false", "unknown"})
        add(out, "kube_pod_status_scheduled", "gauge", base + ",condition=\"" + c + "\"",
            constant((scheduled && QByteArray(c) == "true") || (!scheduled && QByteArray(c) == "false") ? 1 : 0));
    bool ready = false;
    for (const QJsonValue &c : status.value("conditions"_L1).toArray()) {
        if (c.toObject().value("type"_L1).toString() == "Ready"_L1)
            ready = c.toObject().value("status"_L1).toString() == "True"_L1;
    }
    for (const char *c : {"true", "false"})
        add(out, "kube_pod_status_ready", "gauge", base + ",condition=\"" + c + "\"",
            constant((ready == (QByteArray(c) == "true")) ? 1 : 0));

    // Containers: spec for resources, status for states.
    QHash<QString, QJsonObject> statuses;
    for (const QJsonValue &cs : status.value("containerStatuses"_L1).toArray())
        statuses.insert(cs.toObject().value("name"_L1).toString(), cs.toObject());
    double requestsCpu = 0;
    double limitsCpu = 0;
    bool anyLimits = false;
    bool guaranteed = true;
    for (const QJsonValue &cv : spec.value("containers"_L1).toArray()) {
        const QJsonObject c = cv.toObject();
        const QString container = c.value("name"_L1).toString();
        const QString image = c.value("image"_L1).toString();
        const QByteArray labels = base + ",container=\"" + esc(container) + "\"";
        const QJsonObject resources = c.value("resources"_L1).toObject();
        const QJsonObject requests = resources.value("requests"_L1).toObject();
        const QJsonObject limits = resources.value("limits"_L1).toObject();
        // Requests default to the limits, as the API server fills them in.
        const double cpuRequest = quantity(requests.value("cpu"_L1).toString(limits.value("cpu"_L1).toString()));
        const double memRequest = quantity(requests.value("memory"_L1).toString(limits.value("memory"_L1).toString()));
        if (cpuRequest > 0)
            add(out, "kube_pod_container_resource_requests", "gauge", labels + ",resource=\"cpu\",unit=\"core\"",
                constant(cpuRequest));
        if (memRequest > 0)
            add(out, "kube_pod_container_resource_requests", "gauge", labels + ",resource=\"memory\",unit=\"byte\"",
                constant(memRequest));
        requestsCpu += cpuRequest;
        limitsCpu += quantity(limits.value("cpu"_L1).toString());
        anyLimits = anyLimits || !limits.isEmpty();
        guaranteed = guaranteed && !limits.isEmpty() && limits == requests;
        const QJsonObject st = statuses.value(container);
        add(out, "kube_pod_container_info", "gauge",
            labels + ",image=\"" + esc(image) + "\",image_spec=\"" + esc(image) + "\",container_id=\"" +
                esc(st.value("containerID"_L1).toString()) + "\"",
            constant(1));
        const QJsonObject state = st.value("state"_L1).toObject();
        const QString waitingReason = state.value("waiting"_L1).toObject().value("reason"_L1).toString();
        add(out, "kube_pod_container_status_ready", "gauge", labels, constant(st.value("ready"_L1).toBool() ? 1 : 0));
        add(out, "kube_pod_container_status_running", "gauge", labels, constant(state.contains("running"_L1) ? 1 : 0));
        add(out, "kube_pod_container_status_waiting", "gauge", labels, constant(state.contains("waiting"_L1) ? 1 : 0));
        if (!waitingReason.isEmpty())
            add(out, "kube_pod_container_status_waiting_reason", "gauge",
                labels + ",reason=\"" + esc(waitingReason) + "\"", constant(1));
        const QJsonObject last = st.value("lastState"_L1).toObject().value("terminated"_L1).toObject();
        if (!last.isEmpty()) {
            add(out, "kube_pod_container_status_last_terminated_reason", "gauge",
                labels + ",reason=\"" + esc(last.value("reason"_L1).toString(u"Error"_s)) + "\"", constant(1));
            add(out, "kube_pod_container_status_last_terminated_exitcode", "gauge", labels,
                constant(last.value("exitCode"_L1).toInt()));
        }
        // cAdvisor per container: throttling, memory parts, file system; what the kubelet labels with image.
        const ImageProfile profile = m_scenario.profileFor(image);
        const bool running = state.contains("running"_L1);
        const QByteArray cadvisor = labels + ",image=\"" + esc(image) + "\",id=\"/kubepods/" + esc(uid) + "/" +
                                    esc(container) + "\",name=\"" + esc(container) + "\"";
        const double cpu = profile.cpuMilli / 1000.0 * (running ? 1.0 : 0.05);
        add(out, "container_cpu_cfs_periods_total", "counter", cadvisor, counter(10, 0.0, 3600, 0, created));
        add(out, "container_cpu_cfs_throttled_periods_total", "counter", cadvisor,
            counter(cpu > 0.3 ? 1.2 : 0.1, 0.5, 1800, phase, created));
        add(out, "container_cpu_cfs_throttled_seconds_total", "counter", cadvisor,
            counter(cpu > 0.3 ? 0.05 : 0.004, 0.5, 1800, phase, created));
        const double mem = running ? profile.memoryMi * 1048576.0 : 4.0 * 1048576.0;
        add(out, "container_memory_rss", "gauge", cadvisor, constant(mem * 0.8));
        add(out, "container_memory_cache", "gauge", cadvisor, constant(mem * 0.15));
        add(out, "container_memory_swap", "gauge", cadvisor, constant(0));
        add(out, "container_oom_events_total", "counter", cadvisor, constant(0));
        add(out, "container_fs_reads_total", "counter", cadvisor, counter(0.5, 0.5, 1800, phase, created));
        add(out, "container_fs_writes_total", "counter", cadvisor, counter(2, 0.5, 1800, phase, created));
        add(out, "container_fs_reads_bytes_total", "counter", cadvisor, counter(4096, 0.5, 1800, phase, created));
        add(out, "container_fs_writes_bytes_total", "counter", cadvisor, counter(32768, 0.5, 1800, phase, created));
    }
    const QByteArray qos = requestsCpu == 0 && !anyLimits ? "BestEffort" : guaranteed ? "Guaranteed" : "Burstable";
    for (const char *q : {"BestEffort", "Burstable", "Guaranteed"})
        add(out, "kube_pod_status_qos_class", "gauge", base + ",qos_class=\"" + q + "\"", constant(qos == q ? 1 : 0));
    Q_UNUSED(limitsCpu);
    // Network is per pod (the pause container's interface).
    const bool up = podPhase == "Running"_L1;
    const QByteArray net = base + ",interface=\"eth0\",id=\"/kubepods/" + esc(uid) + "\"";
    const double rate = up ? 40e3 + double(qHash(name) % 50) * 1e3 : 200;
    add(out, "container_network_receive_bytes_total", "counter", net, counter(rate, 0.4, 1800, phase, created));
    add(out, "container_network_transmit_bytes_total", "counter", net, counter(rate * 0.6, 0.4, 1800, phase + 1, created));
    add(out, "container_network_receive_packets_total", "counter", net, counter(rate / 800, 0.4, 1800, phase, created));
    add(out, "container_network_transmit_packets_total", "counter", net,
        counter(rate * 0.6 / 600, 0.4, 1800, phase + 1, created));
    add(out, "container_network_receive_packets_dropped_total", "counter", net, counter(up ? 0.01 : 0, 0.5, 1800, phase, created));
    add(out, "container_network_transmit_packets_dropped_total", "counter", net, constant(0));
    add(out, "container_network_receive_errors_total", "counter", net, constant(0));
    add(out, "container_network_transmit_errors_total", "counter", net, constant(0));
}

QList<SimSeries> MetricsModelKubeState::series() const
{
    QList<SimSeries> out;
    for (const QJsonObject &n : m_state.list(u"nodes"_s)) {
        const QJsonObject meta = n.value("metadata"_L1).toObject();
        const QJsonObject status = n.value("status"_L1).toObject();
        const QJsonObject info = status.value("nodeInfo"_L1).toObject();
        const QByteArray node = "node=\"" + esc(meta.value("name"_L1).toString()) + "\"";
        QString ip;
        for (const QJsonValue &a : status.value("addresses"_L1).toArray()) {
            if (a.toObject().value("type"_L1).toString() == "InternalIP"_L1)
                ip = a.toObject().value("address"_L1).toString();
        }
        add(out, "kube_node_info", "gauge",
            node + ",kernel_version=\"" + esc(info.value("kernelVersion"_L1).toString()) + "\",os_image=\"" +
                esc(info.value("osImage"_L1).toString()) + "\",container_runtime_version=\"" +
                esc(info.value("containerRuntimeVersion"_L1).toString()) + "\",kubelet_version=\"" +
                esc(info.value("kubeletVersion"_L1).toString()) + "\",internal_ip=\"" + esc(ip) + "\"",
            constant(1));
        const QJsonObject capacity = status.value("capacity"_L1).toObject();
        for (const auto &[resource, unit] : {std::pair{"cpu", "core"}, std::pair{"memory", "byte"}, std::pair{"pods", "integer"}}) {
            const double v = quantity(capacity.value(QLatin1String(resource)).toString());
            const QByteArray labels = node + ",resource=\"" + resource + "\",unit=\"" + unit + "\"";
            add(out, "kube_node_status_capacity", "gauge", labels, constant(v));
            add(out, "kube_node_status_allocatable", "gauge", labels, constant(v));
        }
        for (const QJsonValue &cv : status.value("conditions"_L1).toArray()) {
            const QJsonObject c = cv.toObject();
            const QString value = c.value("status"_L1).toString();
            for (const char *s : {"true", "false", "unknown"})
                add(out, "kube_node_status_condition", "gauge",
                    node + ",condition=\"" + esc(c.value("type"_L1).toString()) + "\",status=\"" + s + "\"",
                    constant(value.compare(QLatin1String(s), Qt::CaseInsensitive) == 0 ? 1 : 0));
        }
        add(out, "kube_node_spec_unschedulable", "gauge", node,
            constant(n.value("spec"_L1).toObject().value("unschedulable"_L1).toBool() ? 1 : 0));
    }
    for (const QString &ns : m_scenario.namespaces)
        add(out, "kube_namespace_status_phase", "gauge", "namespace=\"" + esc(ns) + "\",phase=\"Active\"", constant(1));
    for (const QString &ns : m_scenario.namespaces) {
        for (const QJsonObject &pod : m_state.list(u"pods"_s, ns))
            podSeries(out, pod);
    }
    for (const QJsonObject &d : m_state.list(u"deployments"_s)) {
        const QJsonObject meta = d.value("metadata"_L1).toObject();
        const QJsonObject status = d.value("status"_L1).toObject();
        const QByteArray labels = "namespace=\"" + esc(meta.value("namespace"_L1).toString()) + "\",deployment=\"" +
                                  esc(meta.value("name"_L1).toString()) + "\"";
        add(out, "kube_deployment_spec_replicas", "gauge", labels,
            constant(d.value("spec"_L1).toObject().value("replicas"_L1).toInt(1)));
        add(out, "kube_deployment_status_replicas", "gauge", labels, constant(status.value("replicas"_L1).toInt()));
        add(out, "kube_deployment_status_replicas_updated", "gauge", labels,
            constant(status.value("updatedReplicas"_L1).toInt()));
        add(out, "kube_deployment_status_replicas_unavailable", "gauge", labels,
            constant(status.value("unavailableReplicas"_L1).toInt()));
    }
    // Families together, as the exposition format wants them.
    std::stable_sort(out.begin(), out.end(), [](const SimSeries &a, const SimSeries &b) { return a.family < b.family; });
    return out;
}

} // namespace Sitrep::Sim
