#pragma once

#include "core/Clock.h"
#include "core/IncidentDigest.h"
#include "core/IncidentSession.h"
#include "kube/ObjectEvent.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QTimer>

namespace Sitrep::Kube {

// Counts the incident's pods by kubectl STATUS and names the failing ones, for the wall display's pod tile.
// Fed by the pod informer. Changes also go to the journal (at most one entry per interval) so a follower
// wall on another PC, and the postmortem, see how pod health moved.
class PodCensus final : public QObject
{
    Q_OBJECT
public:
    PodCensus(const Core::Clock &clock, Core::IncidentSession *session, QObject *parent = nullptr);

    void setSession(Core::IncidentSession *session);
    // Only pods of this workload count (label app / app.kubernetes.io/name, or a "<name>-" prefix);
    // when no pod matches, every pod counts. Empty: the incident's service.
    void setWorkload(const QString &name);
    // Shortest time between two journal entries (default 5 min: crash loops flap); 0 = never journal.
    void setJournalIntervalMs(int ms) { m_intervalMs = ms; }

    void onPodEvents(const Sitrep::Kube::ObjectEvents &events);
    // The informer was replaced (another namespace): start counting afresh.
    void reset();
    // Whether the pod source is live; while it is not, asOfMs stays at the last live moment.
    void setSourceLive(bool live);

    Core::IncidentDigest::Pods pods() const;
    // "api-gateway: 3 Running, 2 CrashLoopBackOff"
    QString sentence() const;
    static QJsonObject toPayload(const Core::IncidentDigest::Pods &pods);
    static bool matchesWorkload(const QJsonObject &pod, const QString &name);

signals:
    void changed();

private:
    struct Entry
    {
        QString status;
        bool workload = false;
    };
    QString workload() const;
    void recount();
    void journal();

    const Core::Clock &m_clock;
    QPointer<Core::IncidentSession> m_session;
    QString m_workload;
    QHash<QString, Entry> m_pods; // "ns/name" -> status
    Core::IncidentDigest::Pods m_current;
    QString m_scope; // what was counted: the workload, or "all pods"
    bool m_live = false;
    qint64 m_lastLiveMs = 0;
    int m_intervalMs = 5 * 60 * 1000;
    qint64 m_lastJournalMs = 0;
    QJsonObject m_lastJournaled;
    QTimer m_journalTimer;
};

} // namespace Sitrep::Kube
