#pragma once

#include "sim/Scenario.h"

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QRandomGenerator>
#include <QTimer>

namespace Sitrep::Sim {

class ClusterState;
class Controllers;
class EventRecorder;
class PodLogs;
struct WatchEvent;

// The time-driven part of the simulated cluster (the kubelets): starts containers, crash-loops the
// ones whose image says so, writes their logs and events. Runs on a QTimer, or step by step in tests.
class Simulation final : public QObject
{
    Q_OBJECT
public:
    Simulation(ClusterState &state, Controllers &controllers, EventRecorder &events, PodLogs &logs,
               QObject *parent = nullptr);

    // Creates the scenario's nodes, namespaces and workloads; pods that "already existed" are
    // fast-forwarded (restart counts, log backlog) to their age.
    void load(const Scenario &scenario);
    const Scenario &scenario() const { return m_scenario; }

    void start();
    void stop();
    // One step of simulated time (the timer calls this with the time since the last step).
    void step();

signals:
    void stepped();

private:
    struct ContainerRuntime
    {
        QString name;
        QString image;
        enum class Stage { Creating, Running, BackOff } stage = Stage::Creating;
        qint64 nextMs = 0;
        qint64 startedMs = 0;
        qint64 lastStartedMs = 0;
        qint64 lastFinishedMs = 0;
        int restarts = 0;
        bool ready = false;
        bool everStarted = false;
        double logCarry = 0;
    };
    struct PodRuntime
    {
        QList<ContainerRuntime> containers;
        qint64 startMs = 0;
    };

    void stepPod(const QJsonObject &pod, qint64 now);
    PodRuntime initRuntime(const QJsonObject &pod, qint64 now);
    void advanceContainer(const QJsonObject &pod, ContainerRuntime &c, qint64 now);
    void startContainer(const QJsonObject &pod, ContainerRuntime &c, qint64 at, bool quiet);
    void crashContainer(const QJsonObject &pod, ContainerRuntime &c, qint64 at, bool quiet);
    void emitLogs(const QJsonObject &pod, ContainerRuntime &c, qint64 from, qint64 to, int maxLines);
    QString renderLine(const QString &tmpl, qint64 ts);
    QJsonObject buildStatus(const QJsonObject &pod, const PodRuntime &rt) const;
    void onChanged(const WatchEvent &event);

    ClusterState &m_state;
    Controllers &m_controllers;
    EventRecorder &m_events;
    PodLogs &m_logs;
    Scenario m_scenario;
    QHash<QString, PodRuntime> m_pods;
    QTimer m_timer;
    QRandomGenerator m_rng;
    qint64 m_lastStepMs = 0;
};

} // namespace Sitrep::Sim
