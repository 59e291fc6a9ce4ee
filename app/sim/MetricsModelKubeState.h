#pragma once

#include "sim/MetricsModelNodes.h"
#include "sim/Scenario.h"

#include <QJsonObject>
#include <QList>

namespace Sitrep::Sim {

class ClusterState;

// The simulated cluster as kube-state-metrics and the kubelet's cAdvisor describe it: kube_pod_info,
// kube_pod_status_*, kube_pod_container_* (requests, waiting and last-terminated reasons), kube_node_*,
// kube_namespace_status_phase, kube_deployment_*, and per-container CPU throttling, memory, file system and
// per-pod network counters, so that Kubernetes dashboards (pods, namespaces, nodes views) have data. Read
// from the cluster's current objects each scrape.
class MetricsModelKubeState final
{
public:
    MetricsModelKubeState(const ClusterState &state, const Scenario &scenario);

    QList<SimSeries> series() const;
    // The nodes as node-exporter sees them.
    QList<SimNode> nodes() const;

private:
    void podSeries(QList<SimSeries> &out, const QJsonObject &pod) const;
    void podSeriesOf(QList<SimSeries> &out, const QJsonObject &pod) const;

    const ClusterState &m_state;
    Scenario m_scenario;
};

} // namespace Sitrep::Sim
