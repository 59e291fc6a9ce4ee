#pragma once

#include "sim/MetricsModelKubeState.h"
#include "sim/MetricsModelNodes.h"
#include "sim/Scenario.h"

#include <QByteArray>
#include <QHash>
#include <QString>

namespace Sitrep::Sim {

class ClusterState;

// The simulated services' Prometheus metrics: request counters and latency histograms whose 5xx share
// follows the readiness of the backing pods, restarts, CPU and memory; plus what node-exporter and
// kube-state-metrics would say about the cluster (MetricsModelNodes, MetricsModelKubeState), so community
// dashboards have data. The same model produces the live /metrics text and an OpenMetrics backfill of the
// hours before the simulation started.
class MetricsModel final
{
public:
    MetricsModel(const ClusterState &state, const Scenario &scenario, qint64 startMs);

    // Integrates traffic up to `nowMs` using the cluster's current readiness.
    void advance(qint64 nowMs);
    QByteArray prometheusText() const;
    // OpenMetrics text for [start - hours, start], timestamps in seconds, ending in "# EOF".
    QByteArray openMetricsBackfill(int hours, int stepSeconds = 15) const;

    static QList<double> bucketBounds();

private:
    struct Counters
    {
        QHash<QString, double> requests; // "method|code" -> count
        QList<double> buckets;           // cumulative per bound, +Inf last
        double sum = 0;
        double count = 0;
    };
    void addTraffic(Counters &c, const Workload &w, double health, double seconds, qint64 atMs) const;
    double healthAt(const Workload &w, qint64 atMs) const; // backfill: from the revision timeline
    double liveHealth(const Workload &w) const;            // live: from pod readiness
    static double noise(qint64 step, quint32 salt);

    const ClusterState &m_state;
    Scenario m_scenario;
    qint64 m_startMs = 0;
    qint64 m_lastMs = 0;
    QHash<QString, Counters> m_live;     // per service
    QHash<QString, double> m_cpuSeconds; // "ns/pod/container"
    MetricsModelNodes m_nodes;
    MetricsModelKubeState m_kubeState;
};

} // namespace Sitrep::Sim
