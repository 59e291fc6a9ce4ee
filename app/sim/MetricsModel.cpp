#include "sim/MetricsModel.h"

#include "sim/ClusterState.h"
#include "sim/SimTime.h"

#include <QJsonArray>
#include <QJsonObject>

#include <cmath>

using namespace Qt::Literals::StringLiterals;

namespace Sitrep::Sim {

namespace {

constexpr double kSigma = 0.6;

double normalCdf(double x)
{
    return 0.5 * std::erfc(-x / std::sqrt(2.0));
}

// Share of requests at or under `bound` seconds for a log-normal latency with the given median.
double shareUnder(double bound, double medianSeconds)
{
    return normalCdf((std::log(bound) - std::log(medianSeconds)) / kSigma);
}

QString fmt(double v)
{
    return QString::number(v, 'f', v == std::floor(v) ? 0 : 3);
}

double parseQuantity(const QString &q)
{
    if (q.endsWith(QLatin1Char('m')))
        return q.chopped(1).toDouble() / 1000.0;
    if (q.endsWith("Mi"_L1))
        return q.chopped(2).toDouble() * 1024 * 1024;
    if (q.endsWith("Gi"_L1))
        return q.chopped(2).toDouble() * 1024 * 1024 * 1024;
    return q.toDouble();
}

const QStringList kCodesOk{u"GET|200"_s, u"GET|404"_s, u"POST|201"_s};
const QStringList kCodesErr{u"GET|503"_s, u"GET|500"_s, u"POST|503"_s, u"POST|500"_s};

} // namespace

MetricsModel::MetricsModel(const ClusterState &state, const Scenario &scenario, qint64 startMs)
    : m_state(state)
    , m_scenario(scenario)
    , m_startMs(startMs)
    , m_lastMs(startMs)
    , m_nodes(startMs - 12LL * 86400 * 1000)
    , m_kubeState(state, scenario)
{
    // Live counters continue where the backfill model ends, so Prometheus sees no reset at the seam.
    constexpr qint64 kEpochHours = 24;
    const qint64 epoch = startMs - kEpochHours * 3600 * 1000;
    for (const Workload &w : m_scenario.workloads) {
        if (w.traffic.requestsPerSecond <= 0)
            continue;
        Counters c;
        c.buckets = QList<double>(bucketBounds().size() + 1, 0.0);
        for (qint64 t = epoch; t < startMs; t += 15000)
            addTraffic(c, w, healthAt(w, t), 15.0, t);
        m_live.insert(w.name, c);
    }
}

QList<double> MetricsModel::bucketBounds()
{
    return {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5};
}

double MetricsModel::noise(qint64 step, quint32 salt)
{
    quint64 x = quint64(step) * 0x9E3779B97F4A7C15ULL ^ (quint64(salt) << 17);
    x ^= x >> 31;
    x *= 0xBF58476D1CE4E5B9ULL;
    x ^= x >> 29;
    return double(x % 20001) / 10000.0 - 1.0; // [-1, 1]
}

double MetricsModel::healthAt(const Workload &w, qint64 atMs) const
{
    double health = 1.0;
    for (const Revision &r : w.revisions) {
        if (m_startMs - qint64(r.minutesAgo) * 60000 <= atMs)
            health = m_scenario.profileFor(r.image).behaviour == "crashloop"_L1 ? 0.0 : 1.0;
    }
    return health;
}

double MetricsModel::liveHealth(const Workload &w) const
{
    const QString resource = w.kind == "StatefulSet"_L1 ? u"statefulsets"_s : u"deployments"_s;
    const auto object = m_state.get(resource, w.ns, w.name);
    if (!object)
        return 0.0;
    const int desired = object->value("spec"_L1).toObject().value("replicas"_L1).toInt(1);
    const int ready = object->value("status"_L1).toObject().value("readyReplicas"_L1).toInt();
    return desired <= 0 ? 0.0 : qBound(0.0, double(ready) / desired, 1.0);
}

void MetricsModel::addTraffic(Counters &c, const Workload &w, double health, double seconds,
                              qint64 atMs) const
{
    const qint64 step = atMs / 15000;
    const quint32 salt = qHash(w.name);
    const double diurnal = 1.0 + 0.15 * std::sin(2 * M_PI * double(atMs % 86400000) / 86400000.0);
    const double total = w.traffic.requestsPerSecond * seconds * diurnal * (1.0 + 0.05 * noise(step, salt));
    const double errorRatio = qBound(
        0.0, w.traffic.baselineErrorRatio * (1.0 + 0.5 * noise(step, salt + 1)) + (1.0 - health) * 0.85, 1.0);
    const double errors = total * errorRatio;
    const double ok = total - errors;
    c.requests[kCodesOk.at(0)] += ok * 0.78;
    c.requests[kCodesOk.at(1)] += ok * 0.02;
    c.requests[kCodesOk.at(2)] += ok * 0.20;
    c.requests[kCodesErr.at(0)] += errors * 0.56;
    c.requests[kCodesErr.at(1)] += errors * 0.24;
    c.requests[kCodesErr.at(2)] += errors * 0.14;
    c.requests[kCodesErr.at(3)] += errors * 0.06;
    // Failed requests are fast (the proxy answers 503 at once); successful ones follow the service's p50.
    const double okMedian = w.traffic.p50Ms / 1000.0 * (1.0 + 0.1 * noise(step, salt + 2));
    const double errMedian = 0.003;
    const QList<double> bounds = bucketBounds();
    for (int i = 0; i < bounds.size(); ++i)
        c.buckets[i] +=
            ok * shareUnder(bounds.at(i), okMedian) + errors * shareUnder(bounds.at(i), errMedian);
    c.buckets[bounds.size()] += total;
    c.sum +=
        ok * okMedian * std::exp(kSigma * kSigma / 2) + errors * errMedian * std::exp(kSigma * kSigma / 2);
    c.count += total;
}

void MetricsModel::advance(qint64 nowMs)
{
    if (nowMs <= m_lastMs)
        return;
    const double seconds = double(nowMs - m_lastMs) / 1000.0;
    for (const Workload &w : m_scenario.workloads) {
        auto it = m_live.find(w.name);
        if (it != m_live.end())
            addTraffic(*it, w, liveHealth(w), seconds, nowMs);
    }
    for (const QString &ns : m_scenario.namespaces) {
        for (const QJsonObject &pod : m_state.list(u"pods"_s, ns)) {
            const QJsonObject meta = pod.value("metadata"_L1).toObject();
            for (const QJsonValue &cs :
                 pod.value("status"_L1).toObject().value("containerStatuses"_L1).toArray()) {
                const QJsonObject s = cs.toObject();
                const QString key = meta.value("namespace"_L1).toString() + QLatin1Char('/') +
                                    meta.value("name"_L1).toString() + QLatin1Char('/') +
                                    s.value("name"_L1).toString();
                const ImageProfile profile = m_scenario.profileFor(s.value("image"_L1).toString());
                const bool running = s.value("state"_L1).toObject().contains("running"_L1);
                const double rate = profile.cpuMilli / 1000.0 * (running ? 1.0 : 0.05) *
                                    (profile.behaviour == "crashloop"_L1 ? 0.3 : 1.0);
                if (!m_cpuSeconds.contains(key)) {
                    const qint64 created = SimTime::parseMs(meta.value("creationTimestamp"_L1).toString());
                    m_cpuSeconds.insert(key, rate * double(qMax<qint64>(0, m_lastMs - created)) / 1000.0);
                }
                m_cpuSeconds[key] += rate * seconds * (1.0 + 0.15 * noise(nowMs / 1000, qHash(key)));
            }
        }
    }
    m_lastMs = nowMs;
}

QByteArray MetricsModel::prometheusText() const
{
    QString out;
    out += u"# HELP http_requests_total Requests served, by service, method and status code.\n"_s
           u"# TYPE http_requests_total counter\n"_s;
    QStringList services = m_live.keys();
    services.sort();
    for (const QString &service : services) {
        const Counters &c = m_live.value(service);
        for (const QString &key : kCodesOk + kCodesErr) {
            out += u"http_requests_total{service=\"%1\",method=\"%2\",code=\"%3\"} %4\n"_s.arg(
                service, key.section(QLatin1Char('|'), 0, 0), key.section(QLatin1Char('|'), 1),
                fmt(std::floor(c.requests.value(key))));
        }
    }
    out +=
        u"# HELP http_request_duration_seconds Request latency.\n# TYPE http_request_duration_seconds histogram\n"_s;
    const QList<double> bounds = bucketBounds();
    for (const QString &service : services) {
        const Counters &c = m_live.value(service);
        for (int i = 0; i <= bounds.size(); ++i) {
            const QString le = i < bounds.size() ? QString::number(bounds.at(i)) : u"+Inf"_s;
            out += u"http_request_duration_seconds_bucket{service=\"%1\",le=\"%2\"} %3\n"_s.arg(
                service, le, fmt(std::floor(c.buckets.at(i))));
        }
        out += u"http_request_duration_seconds_sum{service=\"%1\"} %2\n"_s.arg(
            service, QString::number(c.sum, 'f', 3));
        out += u"http_request_duration_seconds_count{service=\"%1\"} %2\n"_s.arg(service,
                                                                                 fmt(std::floor(c.count)));
    }

    QString restarts, cpu, memory, limits;
    for (const QString &ns : m_scenario.namespaces) {
        for (const QJsonObject &pod : m_state.list(u"pods"_s, ns)) {
            const QJsonObject meta = pod.value("metadata"_L1).toObject();
            const QString podName = meta.value("name"_L1).toString();
            const QString base = u"namespace=\"%1\",pod=\"%2\""_s.arg(ns, podName);
            QHash<QString, QJsonObject> specs;
            for (const QJsonValue &c : pod.value("spec"_L1).toObject().value("containers"_L1).toArray())
                specs.insert(c.toObject().value("name"_L1).toString(), c.toObject());
            for (const QJsonValue &cs :
                 pod.value("status"_L1).toObject().value("containerStatuses"_L1).toArray()) {
                const QJsonObject s = cs.toObject();
                const QString container = s.value("name"_L1).toString();
                const QString labels = base + u",container=\"%1\""_s.arg(container);
                // cAdvisor labels container series with their image; dashboards select image!="".
                const QString withImage = labels + u",image=\"%1\""_s.arg(s.value("image"_L1).toString());
                restarts += u"kube_pod_container_status_restarts_total{%1} %2\n"_s.arg(labels).arg(
                    s.value("restartCount"_L1).toInt());
                const QString key = ns + QLatin1Char('/') + podName + QLatin1Char('/') + container;
                cpu += u"container_cpu_usage_seconds_total{%1} %2\n"_s.arg(
                    withImage, QString::number(m_cpuSeconds.value(key), 'f', 3));
                const ImageProfile profile = m_scenario.profileFor(s.value("image"_L1).toString());
                const bool running = s.value("state"_L1).toObject().contains("running"_L1);
                const double mem = running ? profile.memoryMi * 1048576.0 *
                                                 (1.0 + 0.05 * noise(m_lastMs / 15000, qHash(key)))
                                           : 4.0 * 1048576.0;
                memory += u"container_memory_working_set_bytes{%1} %2\n"_s.arg(withImage,
                                                                               QString::number(mem, 'f', 0));
                const QJsonObject lim =
                    specs.value(container).value("resources"_L1).toObject().value("limits"_L1).toObject();
                if (lim.contains("cpu"_L1))
                    limits +=
                        u"kube_pod_container_resource_limits{%1,resource=\"cpu\",unit=\"core\"} %2\n"_s.arg(
                            labels, QString::number(parseQuantity(lim.value("cpu"_L1).toString())));
                if (lim.contains("memory"_L1))
                    limits +=
                        u"kube_pod_container_resource_limits{%1,resource=\"memory\",unit=\"byte\"} %2\n"_s
                            .arg(labels,
                                 QString::number(parseQuantity(lim.value("memory"_L1).toString()), 'f', 0));
            }
        }
    }
    out +=
        u"# HELP kube_pod_container_status_restarts_total Container restarts.\n# TYPE kube_pod_container_status_restarts_total counter\n"_s +
        restarts;
    out +=
        u"# HELP container_cpu_usage_seconds_total CPU time consumed.\n# TYPE container_cpu_usage_seconds_total counter\n"_s +
        cpu;
    out +=
        u"# HELP container_memory_working_set_bytes Working set memory.\n# TYPE container_memory_working_set_bytes gauge\n"_s +
        memory;
    out +=
        u"# HELP kube_pod_container_resource_limits Container resource limits.\n# TYPE kube_pod_container_resource_limits gauge\n"_s +
        limits;
    QString deployments;
    for (const QJsonObject &d : m_state.list(u"deployments"_s)) {
        const QJsonObject meta = d.value("metadata"_L1).toObject();
        deployments += u"kube_deployment_status_replicas_available{namespace=\"%1\",deployment=\"%2\"} %3\n"_s
                           .arg(meta.value("namespace"_L1).toString(), meta.value("name"_L1).toString())
                           .arg(d.value("status"_L1).toObject().value("availableReplicas"_L1).toInt());
    }
    out +=
        u"# HELP kube_deployment_status_replicas_available Available replicas.\n# TYPE kube_deployment_status_replicas_available gauge\n"_s +
        deployments;
    QByteArray text = out.toUtf8();
    // kube-state-metrics and cAdvisor, then node-exporter (its own job and instances: the demo's scrape
    // honours them, as a federated or relabelled setup would).
    MetricsModelNodes::writeText(text, m_kubeState.series(), m_lastMs);
    MetricsModelNodes::writeText(text, m_nodes.series(m_kubeState.nodes()), m_lastMs);
    return text;
}

QByteArray MetricsModel::openMetricsBackfill(int hours, int stepSeconds) const
{
    stepSeconds = qMax(1, stepSeconds);
    constexpr qint64 kEpochHours = 24;
    const qint64 epoch = m_startMs - kEpochHours * 3600 * 1000;
    const qint64 from = m_startMs - qint64(qBound(1, hours, int(kEpochHours))) * 3600 * 1000;
    const qint64 stepMs = 15000;
    // Integrate on the live model's 15 s grid; emit every `stepSeconds`.
    struct Sample
    {
        qint64 t;
        Counters c;
    };
    QHash<QString, QList<Sample>> perService;
    for (const Workload &w : m_scenario.workloads) {
        if (w.traffic.requestsPerSecond <= 0)
            continue;
        Counters c;
        c.buckets = QList<double>(bucketBounds().size() + 1, 0.0);
        QList<Sample> samples;
        qint64 nextEmit = from;
        for (qint64 t = epoch; t < m_startMs; t += stepMs) {
            addTraffic(c, w, healthAt(w, t), 15.0, t);
            if (t + stepMs >= nextEmit) {
                samples.append(Sample{t + stepMs, c});
                nextEmit = t + stepMs + qint64(stepSeconds) * 1000;
            }
        }
        perService.insert(w.name, samples);
    }
    QByteArray out;
    QStringList services = perService.keys();
    services.sort();
    out += "# HELP http_requests Requests served, by service, method and status code.\n# TYPE http_requests "
           "counter\n";
    for (const QString &service : services) {
        for (const QString &key : kCodesOk + kCodesErr) {
            const QByteArray labels =
                u"{service=\"%1\",method=\"%2\",code=\"%3\"}"_s
                    .arg(service, key.section(QLatin1Char('|'), 0, 0), key.section(QLatin1Char('|'), 1))
                    .toUtf8();
            for (const Sample &s : perService.value(service))
                out += "http_requests_total" + labels + ' ' +
                       fmt(std::floor(s.c.requests.value(key))).toLatin1() + ' ' +
                       QByteArray::number(s.t / 1000) + '\n';
        }
    }
    out += "# HELP http_request_duration_seconds Request latency.\n# TYPE http_request_duration_seconds "
           "histogram\n";
    const QList<double> bounds = bucketBounds();
    for (const QString &service : services) {
        for (const Sample &s : perService.value(service)) {
            const QByteArray ts = QByteArray::number(s.t / 1000);
            for (int i = 0; i <= bounds.size(); ++i) {
                const QByteArray le =
                    i < bounds.size() ? QByteArray::number(bounds.at(i)) : QByteArray("+Inf");
                out += "http_request_duration_seconds_bucket{service=\"" + service.toUtf8() + "\",le=\"" +
                       le + "\"} " + fmt(std::floor(s.c.buckets.at(i))).toLatin1() + ' ' + ts + '\n';
            }
            out += "http_request_duration_seconds_count{service=\"" + service.toUtf8() + "\"} " +
                   fmt(std::floor(s.c.count)).toLatin1() + ' ' + ts + '\n';
            out += "http_request_duration_seconds_sum{service=\"" + service.toUtf8() + "\"} " +
                   QByteArray::number(s.c.sum, 'f', 3) + ' ' + ts + '\n';
        }
    }
    // Restarts of the pods alive at the start, as the crash-loop model accumulates them.
    out += "# HELP kube_pod_container_status_restarts Container restarts.\n# TYPE "
           "kube_pod_container_status_restarts counter\n";
    for (const QString &ns : m_scenario.namespaces) {
        for (const QJsonObject &pod : m_state.list(u"pods"_s, ns)) {
            const QJsonObject meta = pod.value("metadata"_L1).toObject();
            const qint64 created = SimTime::parseMs(meta.value("creationTimestamp"_L1).toString());
            for (const QJsonValue &cv : pod.value("spec"_L1).toObject().value("containers"_L1).toArray()) {
                const QJsonObject c = cv.toObject();
                const ImageProfile profile = m_scenario.profileFor(c.value("image"_L1).toString());
                const qint64 cycle = qint64(profile.crashAfterSeconds + profile.backoffSeconds) * 1000;
                const QByteArray labels =
                    u"{namespace=\"%1\",pod=\"%2\",container=\"%3\"}"_s
                        .arg(ns, meta.value("name"_L1).toString(), c.value("name"_L1).toString())
                        .toUtf8();
                for (qint64 t = qMax(from, created - created % 1000); t < m_startMs;
                     t += qint64(stepSeconds) * 1000) {
                    const qint64 restarts =
                        profile.behaviour == "crashloop"_L1 && t > created ? (t - created - 1000) / cycle : 0;
                    out += "kube_pod_container_status_restarts_total" + labels + ' ' +
                           QByteArray::number(qMax<qint64>(0, restarts)) + ' ' +
                           QByteArray::number(t / 1000) + '\n';
                }
            }
        }
    }
    // The dashboards' history: kube-state-metrics and cAdvisor for the pods alive, node-exporter for what
    // the first rows of a node dashboard show (every 30 s: enough for rate() over $__rate_interval).
    MetricsModelNodes::writeOpenMetrics(out, m_kubeState.series(), from, m_startMs - 1000, 60);
    MetricsModelNodes::writeOpenMetrics(out, m_nodes.series(m_kubeState.nodes()), from, m_startMs - 1000, 30,
                                        {"node_cpu_seconds", "node_memory_", "node_filesystem_", "node_load",
                                         "node_network_receive_bytes", "node_network_transmit_bytes",
                                         "node_pressure_", "node_boot_time", "node_time", "node_uname",
                                         "node_disk_read_bytes", "node_disk_written_bytes", "node_disk_io_time"});
    out += "# EOF\n";
    return out;
}

} // namespace Sitrep::Sim
