#pragma once

#include "core/Clock.h"
#include "core/IncidentSession.h"
#include "kube/ObjectEvent.h"
#include "kube/PodCensus.h"

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QPointer>

namespace Sitrep::Kube {

// Appends notable cluster changes to the incident journal as KubeEvent entries, de-duplicated: a pod entering
// CrashLoopBackOff / OOMKilled / image pull errors, restarts climbing, a deployment rollout starting,
// finishing or stalling, and Warning events. Feed it the batches of pod, deployment and event informers.
class ClusterJournaler final : public QObject
{
    Q_OBJECT
public:
    ClusterJournaler(Core::IncidentSession *session, const Core::Clock &clock, QString contextName,
                     QObject *parent = nullptr);

    void setSession(Core::IncidentSession *session) { m_session = session; }
    // Recorded with every entry; with several clusters, summaries start with it ("prod-eu: pod ...").
    void setClusterName(const QString &name, bool namedInSentences)
    {
        m_cluster = name;
        m_named = namedInSentences;
    }
    // Pods are parsed once, here; the census gets each one with the batch's end.
    void setCensus(PodCensus *census) { m_census = census; }
    void onPodEvents(const Sitrep::Kube::ObjectEvents &events);
    void onDeploymentEvents(const Sitrep::Kube::ObjectEvents &events);
    void onClusterEvents(const Sitrep::Kube::ObjectEvents &events);

    // Record again after this many more restarts of a pod (default 3).
    void setRestartStep(int n) { m_restartStep = n; }
    // The same notable thing is not recorded twice within this window (default 10 min).
    void setDedupWindowMs(qint64 ms) { m_dedupMs = ms; }
    // Warning events older than start minus this are history, not news (default 5 min).
    void setEventLookbackMs(qint64 ms) { m_lookbackMs = ms; }
    int recordedCount() const { return m_recorded; }
    // Changes the journal refused to take (disk full, read-only file): retried on their next change.
    int unrecordedCount() const { return m_unrecorded; }

    static bool isNotablePodStatus(const QString &status);

signals:
    void recorded(const QString &summary, const QJsonObject &payload);

private:
    struct PodMemo
    {
        QString status;
        int baselineRestarts = 0;
        int recordedRestarts = 0;
    };
    struct DeploymentMemo
    {
        QString revision;
        bool rolling = false;
        bool stalled = false;
    };
    void emitEvent(const QString &dedupKey, const QString &summary, QJsonObject payload);

    QPointer<Core::IncidentSession> m_session;
    QPointer<PodCensus> m_census;
    const Core::Clock &m_clock;
    QString m_context;
    QString m_cluster;
    bool m_named = false;
    qint64 m_startMs;
    QHash<QString, PodMemo> m_pods;
    QHash<QString, DeploymentMemo> m_deployments;
    QHash<QString, qint64> m_lastRecorded; // dedup key -> when
    int m_restartStep = 3;
    qint64 m_dedupMs = 10 * 60 * 1000;
    qint64 m_lookbackMs = 5 * 60 * 1000;
    int m_recorded = 0;
    int m_unrecorded = 0;
};

} // namespace Sitrep::Kube
