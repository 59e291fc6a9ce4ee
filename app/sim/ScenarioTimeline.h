#pragma once

#include "core/Result.h"
#include "sim/Scenario.h"

#include <QJsonArray>
#include <QJsonObject>

#include <functional>

namespace Sitrep::Sim {

class ClusterState;
class Controllers;
class EventRecorder;

// Plays a scenario's timeline: at each step's time after the start, it changes the cluster the way a
// person or the platform would (rolls out an image, scales, sets a node condition, records an event), and
// the simulated controllers react as they do to kubectl. Drills use it to make things go wrong on cue.
class ScenarioTimeline final
{
public:
    ScenarioTimeline(ClusterState &state, Controllers &controllers, EventRecorder &events,
                     QList<TimelineStep> steps, qint64 startMs);

    // Parses "timeline": [{"at": "90s" | "2m" | 90, "action": ..., ...}]; errors name timeline[i].field.
    static Core::Result<QList<TimelineStep>> parse(const QJsonArray &array, const QString &where,
                                                   const Scenario &scenario);

    // Applies every step that is due at nowMs and was not applied yet, in order.
    void advance(qint64 nowMs);
    int applied() const { return m_next; }
    // What each applied step did or why it could not ("rollout api-gateway to ...: no such deployment").
    const QStringList &log() const { return m_log; }

private:
    QString apply(const TimelineStep &step);
    // Changes a workload and lets the controllers react; an empty string, or why it could not.
    QString changeWorkload(const TimelineStep &step, const std::function<void(QJsonObject &)> &change);
    QString rollout(const TimelineStep &step);
    QString scale(const TimelineStep &step);
    QString nodeCondition(const TimelineStep &step);
    QString event(const TimelineStep &step);

    ClusterState &m_state;
    Controllers &m_controllers;
    EventRecorder &m_events;
    QList<TimelineStep> m_steps;
    qint64 m_startMs;
    int m_next = 0;
    QStringList m_log;
};

} // namespace Sitrep::Sim
