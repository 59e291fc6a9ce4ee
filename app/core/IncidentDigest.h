#pragma once

#include "core/TimelineEvent.h"

#include <QList>
#include <QMap>
#include <QString>

namespace Sitrep::Core {

// A glanceable summary of the journal for the wall display and the header: firing alerts, runbook
// progress, latest cluster state, newest entries. Built from events only, so a read-only follower of
// a journal written elsewhere sees the same thing as the commander's laptop.
struct IncidentDigest
{
    struct Alert
    {
        QString fingerprint;
        QString name;
        QString severity;
        QString summary;
        qint64 sinceMs = 0;
    };
    struct Runbook
    {
        QString key; // the runbook's path, as the wizard opened it
        QString name;
        QString phase;    // of the last step touched; empty before the first
        QString lastStep; // the last step touched (its text, or the command run)
        QString nextStep; // the first unfinished step after it, when the wizard said
        int done = 0;
        int total = 0;
        qint64 updatedMs = 0;
    };
    // One cluster's share of the pods, when the incident watches several (prod-eu, prod-us).
    struct ClusterPods
    {
        QString name;
        QMap<QString, int> byState;
        qint64 staleSinceMs = 0; // the cluster stopped answering then; 0 = it answers
        bool failed = false;     // 401, 403, TLS: no pod data at all

        // "3 CrashLoopBackOff", "ok", "no pods", "no data"
        QString summary() const;
        // Every pod Running or Completed, and the cluster answers.
        bool ok() const;
    };
    struct Pods
    {
        QMap<QString, int> byState; // "Running" -> 3, "CrashLoopBackOff" -> 2
        QStringList crashing;       // pod names in a failing state
        qint64 asOfMs = 0;
        QList<ClusterPods> clusters; // per cluster, when there are several

        // "prod-eu 3 CrashLoopBackOff · prod-us ok" (a cluster is ok when every pod is Running or Completed);
        // empty for fewer than two clusters.
        QString clustersLine() const;
    };

    QList<Alert> firing; // oldest first
    Runbook runbook;
    Pods pods;
    QList<TimelineEvent> latest; // newest last
    qint64 lastEventMs = 0;

    // Event payload conventions (documented in docs/journal-events.md):
    //   alert:          {fingerprint, alertname|name, state: firing|resolved, severity, summary}
    //   checklist-step: {runbook, stepId, phase, state, text, done, total, nextStep}
    //   kube-event:     {podSummary: {byState: {...}, crashing: [...], clusters: [{name, byState,
    //                    staleSinceMs, failed}]}} snapshots from the cluster panes
    void apply(const TimelineEvent &e);
    static IncidentDigest fromEvents(const QList<TimelineEvent> &events, int latestCount = 8);
    int latestCount = 8;
};

} // namespace Sitrep::Core
