#pragma once

#include "core/Clock.h"
#include "core/IncidentDigest.h"
#include "core/IncidentSession.h"
#include "kube/ObjectEvent.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QTimer>

namespace Sitrep::Kube {

struct PodSummary;

// Counts the incident's pods by kubectl STATUS and names the failing ones, for the wall display's pod tile.
// The cluster journaler feeds it the pods it has already parsed (update/remove, then commit per batch);
// counts are kept incrementally, so a batch costs what it changes. Changes also go to the journal (at most
// one entry per interval) so a follower wall on another PC, and the postmortem, see how pod health moved.
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

    void update(const QString &key, const PodSummary &pod);
    void remove(const QString &key);
    // The end of a batch: recounts what changed, emits changed() and schedules the journal entry.
    void commit();
    // For a pod source without a journaler: parses each pod, then commits.
    void onPodEvents(const Sitrep::Kube::ObjectEvents &events);
    // The informer was replaced (another namespace): start counting afresh.
    void reset();
    // Whether the pod source is live; while it is not, asOfMs stays at the last live moment.
    void setSourceLive(bool live);

    Core::IncidentDigest::Pods pods() const;
    // Every pod of the source by STATUS, whatever the workload (the pods pane's per-cluster summary).
    const QMap<QString, int> &allByState() const { return m_all.byState; }
    int allCount() const { return m_all.count; }
    // "api-gateway pods: 2 CrashLoopBackOff, 1 Running"
    QString sentence() const;
    // What is counted: the workload's name, or "All" when none of its pods are here.
    QString scope() const { return m_scope; }
    static QJsonObject toPayload(const Core::IncidentDigest::Pods &pods);
    static bool matchesWorkload(const PodSummary &pod, const QString &name);

signals:
    void changed();

private:
    struct Entry
    {
        QString key; // "ns/name"
        QString name;
        QString status;
        QStringList appLabels; // values of app and app.kubernetes.io/name
        bool failing = false;
    };
    struct Tally
    {
        QMap<QString, int> byState;
        QSet<QString> failing; // keys of failing pods
        int count = 0;
        void add(const Entry &e, int sign);
    };
    static Entry entryOf(const QString &key, const PodSummary &pod);
    static bool matches(const Entry &e, const QString &name);
    QString workload() const;
    void retally();
    void journal();

    const Core::Clock &m_clock;
    QPointer<Core::IncidentSession> m_session;
    QString m_workload;
    QString m_tallied;            // the workload m_mine was counted for
    QHash<QString, Entry> m_pods; // by "ns/name"
    Tally m_all;
    Tally m_mine; // the workload's pods
    Core::IncidentDigest::Pods m_current;
    QMap<QString, int> m_signalledAll; // m_all's counts when changed() was last emitted
    QString m_scope; // what was counted: the workload, or "All"
    bool m_live = false;
    qint64 m_lastLiveMs = 0;
    int m_intervalMs = 5 * 60 * 1000;
    qint64 m_lastJournalMs = 0;
    QJsonObject m_lastJournaled;
    QTimer m_journalTimer;
};

} // namespace Sitrep::Kube
