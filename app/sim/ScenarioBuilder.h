#pragma once

#include "sim/Scenario.h"

namespace Sitrep::Sim {

class ClusterState;
class Controllers;

// Turns a scenario's cluster into API objects as a real cluster would hold them: nodes, namespaces, and
// each workload with its revision history (one ReplicaSet per revision), pods, Service, Endpoints, HPA
// and Ingress. The controllers then keep them moving.
class ScenarioBuilder final
{
public:
    ScenarioBuilder(ClusterState &state, Controllers &controllers)
        : m_state(state)
        , m_controllers(controllers)
    {}

    void createNamespace(const QString &name, qint64 createdMs);
    void createNode(const NodeSpec &node);
    void createWorkload(const Workload &workload);
    // Pods for the synthetic load (benchmarks): plain Running pods with no owner.
    void createSyntheticPods(const QString &ns, int count);

private:
    ClusterState &m_state;
    Controllers &m_controllers;
};

} // namespace Sitrep::Sim
