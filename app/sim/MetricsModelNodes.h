#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <functional>

namespace Sitrep::Sim {

// One series of the simulated /metrics: a family, its type, the sample's name with labels, and its value as
// a function of time (seconds since the epoch), so that the live text and the OpenMetrics backfill agree.
struct SimSeries
{
    QByteArray family; // OpenMetrics family: the counter's name without _total
    QByteArray type;   // counter, gauge
    QByteArray sample; // name{labels}
    std::function<double(double)> value;
    double since = 0; // seconds: the series has no samples before (a pod created later)
};

// A node as node-exporter would describe it.
struct SimNode
{
    QString name;
    int cpus = 4;
    double memoryBytes = 16.0 * 1024 * 1024 * 1024;
    int index = 0;
};

// The simulated cluster's nodes as node-exporter exposes them (node_cpu_seconds_total, node_memory_*,
// node_filesystem_*, node_disk_*, node_network_*, load, pressure, netstat, sockstat, vmstat, timex ...), with
// instance "<node>:9100" and job "node-exporter" as a real scrape of node-exporter gives them. Values are
// smooth daily-looking waves; counters are their exact integrals, so rates read back the waves.
class MetricsModelNodes final
{
public:
    explicit MetricsModelNodes(qint64 bootMs);

    QList<SimSeries> series(const QList<SimNode> &nodes) const;
    // Prometheus text for the live /metrics at nowMs.
    static void writeText(QByteArray &out, const QList<SimSeries> &series, qint64 nowMs);
    // OpenMetrics samples over [fromMs, toMs] every stepS seconds (family by family, series in time order);
    // `families` limits the backfill to those families (empty: all).
    static void writeOpenMetrics(QByteArray &out, const QList<SimSeries> &series, qint64 fromMs, qint64 toMs,
                                 int stepS, const QList<QByteArray> &familyPrefixes = {});

private:
    double m_boot = 0; // seconds
};

} // namespace Sitrep::Sim
