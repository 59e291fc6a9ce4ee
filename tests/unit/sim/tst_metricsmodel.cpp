// /metrics follows the scenario: 5xx climb while api-gateway crash-loops and stop after the rollback;
// the OpenMetrics backfill is in seconds, ordered, and ends where the live counters start.
#include "core/ManualClock.h"
#include "sim/ClusterState.h"
#include "sim/Controllers.h"
#include "sim/SimServer.h"

#include <QJsonArray>
#include <QtTest>

using Sitrep::Sim::SimServer;

namespace {
double sample(const QByteArray &text, const QByteArray &series)
{
    for (const QByteArray &line : text.split('\n'))
        if (line.startsWith(series + ' '))
            return line.mid(series.size() + 1).split(' ').value(0).toDouble();
    return -1;
}
const QByteArray kGw503 = "http_requests_total{service=\"api-gateway\",method=\"GET\",code=\"503\"}";
const QByteArray kGw200 = "http_requests_total{service=\"api-gateway\",method=\"GET\",code=\"200\"}";
} // namespace

class TstMetricsModel final : public QObject
{
    Q_OBJECT
private slots:
    void errorsFollowReadiness();
    void backfillEndsWhereLiveStarts();
    void nodeExporterAndKubeStateMetrics();

private:
    void stepSeconds(SimServer &sim, Sitrep::Core::ManualClock &clock, int seconds);
};

void TstMetricsModel::stepSeconds(SimServer &sim, Sitrep::Core::ManualClock &clock, int seconds)
{
    for (int i = 0; i < seconds; ++i) {
        clock.advanceSecs(1);
        sim.step();
    }
}

void TstMetricsModel::errorsFollowReadiness()
{
    Sitrep::Core::ManualClock clock;
    SimServer sim(nullptr, &clock);
    sim.setRunning(false);
    QVERIFY(sim.loadScenario(QStringLiteral("api-gateway-rollout")).ok());
    const QByteArray m0 = sim.metricsText();
    stepSeconds(sim, clock, 60);
    const QByteArray m1 = sim.metricsText();
    const double errors = sample(m1, kGw503) - sample(m0, kGw503);
    const double ok = sample(m1, kGw200) - sample(m0, kGw200);
    QVERIFY2(errors > ok, qPrintable(QStringLiteral("503: %1, 200: %2").arg(errors).arg(ok)));
    QVERIFY(m1.contains("kube_pod_container_status_restarts_total{namespace=\"demo\",pod=\"api-gateway-"));

    // Roll back to 1.4.2 (what `kubectl rollout undo` amounts to) and let the pods start.
    auto dep = *sim.state().get(QStringLiteral("deployments"), QStringLiteral("demo"),
                                QStringLiteral("api-gateway"));
    QJsonObject spec = dep.value(QLatin1String("spec")).toObject();
    QJsonObject tmpl = spec.value(QLatin1String("template")).toObject();
    QJsonObject podSpec = tmpl.value(QLatin1String("spec")).toObject();
    QJsonArray containers = podSpec.value(QLatin1String("containers")).toArray();
    QJsonObject gateway = containers.at(0).toObject();
    gateway.insert(QLatin1String("image"), QStringLiteral("registry.local/api-gateway:1.4.2"));
    containers.replace(0, gateway);
    podSpec.insert(QLatin1String("containers"), containers);
    tmpl.insert(QLatin1String("spec"), podSpec);
    spec.insert(QLatin1String("template"), tmpl);
    dep.insert(QLatin1String("spec"), spec);
    sim.state().update(QStringLiteral("deployments"), dep, true);
    sim.controllers().reconcileDeployment(QStringLiteral("demo"), QStringLiteral("api-gateway"));
    stepSeconds(sim, clock, 10);
    const QByteArray m2 = sim.metricsText();
    stepSeconds(sim, clock, 60);
    const QByteArray m3 = sim.metricsText();
    const double errorsAfter = sample(m3, kGw503) - sample(m2, kGw503);
    const double okAfter = sample(m3, kGw200) - sample(m2, kGw200);
    QVERIFY2(okAfter > 1000 && errorsAfter < okAfter * 0.01,
             qPrintable(QStringLiteral("503: %1, 200: %2").arg(errorsAfter).arg(okAfter)));
}

void TstMetricsModel::backfillEndsWhereLiveStarts()
{
    Sitrep::Core::ManualClock clock;
    SimServer sim(nullptr, &clock);
    sim.setRunning(false);
    QVERIFY(sim.loadScenario(QStringLiteral("api-gateway-rollout")).ok());
    const QByteArray backfill = sim.openMetricsBackfill(3, 60);
    QVERIFY(backfill.endsWith("# EOF\n"));
    const qint64 startSeconds = clock.nowMs() / 1000;
    qint64 lastTs = 0;
    double lastValue = -1;
    int samples = 0;
    for (const QByteArray &line : backfill.split('\n')) {
        if (!line.startsWith(kGw503 + ' '))
            continue;
        const QList<QByteArray> parts = line.mid(kGw503.size() + 1).split(' ');
        const qint64 ts = parts.value(1).toLongLong();
        QVERIFY(ts > lastTs);                            // in time order
        QVERIFY(ts <= startSeconds);                     // seconds, not milliseconds
        QVERIFY(ts >= startSeconds - 3 * 3600 - 60);     // the window asked for
        QVERIFY(parts.value(0).toDouble() >= lastValue); // a counter
        lastTs = ts;
        lastValue = parts.value(0).toDouble();
        ++samples;
    }
    QVERIFY(samples >= 170);
    // The live counter continues from the backfill's last value (no reset at the seam).
    const double live = sample(sim.metricsText(), kGw503);
    QVERIFY2(live >= lastValue && live - lastValue < 60 * 40,
             qPrintable(QStringLiteral("%1 vs %2").arg(live).arg(lastValue)));
}

// Community dashboards (Node Exporter Full, Kubernetes pods views) read node-exporter's and
// kube-state-metrics' families: they are there, with the labels those dashboards select on, and the CPU
// counters grow at most one second per second per CPU.
void TstMetricsModel::nodeExporterAndKubeStateMetrics()
{
    Sitrep::Core::ManualClock clock;
    SimServer sim(nullptr, &clock);
    sim.setRunning(false);
    QVERIFY(sim.loadScenario(QStringLiteral("api-gateway-rollout")).ok());
    const QByteArray m0 = sim.metricsText();
    for (const char *family :
         {"# TYPE node_cpu_seconds_total counter", "# TYPE node_memory_MemTotal_bytes gauge",
          "# TYPE node_memory_MemAvailable_bytes gauge", "# TYPE node_filesystem_avail_bytes gauge",
          "# TYPE node_network_receive_bytes_total counter", "# TYPE node_load1 gauge",
          "# TYPE node_uname_info gauge", "# TYPE kube_pod_info gauge", "# TYPE kube_pod_status_phase gauge",
          "# TYPE kube_pod_container_resource_requests gauge", "# TYPE kube_node_info gauge",
          "# TYPE container_cpu_usage_seconds_total counter"})
        QVERIFY2(m0.contains(family), family);
    // node-exporter's labels: job and instance as a scrape of it gives them, cpu and mode per sample.
    QByteArray idle;
    for (const QByteArray &line : m0.split('\n'))
        if (line.startsWith("node_cpu_seconds_total{") && line.contains("mode=\"idle\"") &&
            line.contains("cpu=\"0\"")) {
            idle = line.left(line.lastIndexOf(' '));
            break;
        }
    QVERIFY2(idle.contains("job=\"node-exporter\"") && idle.contains(":9100\""), idle.constData());
    // kube_pod_info names every pod of the scenario with its namespace and node.
    QVERIFY(m0.contains("kube_pod_info{namespace=\"demo\",pod=\"api-gateway-"));
    QVERIFY(m0.contains("kube_pod_status_phase{namespace=\"demo\",pod=\"api-gateway-"));

    stepSeconds(sim, clock, 30);
    const QByteArray m1 = sim.metricsText();
    const double idleRate = (sample(m1, idle) - sample(m0, idle)) / 30;
    QVERIFY2(idleRate > 0 && idleRate <= 1.0001, qPrintable(QString::number(idleRate)));
}

QTEST_GUILESS_MAIN(TstMetricsModel)
#include "tst_metricsmodel.moc"
