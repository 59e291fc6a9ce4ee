#pragma once

#include "core/Clock.h"
#include "core/IncidentDigest.h"
#include "core/IncidentSession.h"
#include "kube/ClusterConnection.h"
#include "kube/ClusterSpec.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

#include <memory>
#include <vector>

namespace Sitrep::Kube {

// The clusters an incident watches at once (prod-eu and prod-us side by side): one ClusterConnection each,
// with its own client, informers, action runner and health, so one cluster's 401, TLS error or slowness never
// holds up another's. Gives each a unique name and a colour, tells them to name themselves in journal entries
// when there are several, and sums their pod censuses for the wall (journaled as one snapshot with a line per
// cluster, so a follower wall shows the same).
class ClusterSet final : public QObject
{
    Q_OBJECT
public:
    ClusterSet(const Core::Clock &clock, Core::IncidentSession *session, QObject *parent = nullptr);
    ~ClusterSet() override;

    // Replaces the clusters. A cluster asked for again (same file and context) keeps its connection, and only
    // its namespace, name and colour follow; new ones are opened and started, missing ones closed. One that
    // cannot be opened (unknown context, unreadable certificate) stays listed with its error. Emits
    // clustersChanged() once.
    void setClusters(const QList<ClusterSpec> &specs);
    QList<ClusterSpec> specs() const;
    // The open clusters, in the order they were asked for.
    QList<ClusterConnection *> connections() const;
    ClusterConnection *connection(const QString &name) const;
    ClusterConnection *first() const;
    int openCount() const;
    bool isEmpty() const { return m_members.empty(); }
    // Clusters that could not be opened: their name and why.
    QList<QPair<QString, QString>> failures() const;

    void setSession(Core::IncidentSession *session);
    // Applied to every informer of clusters opened from now on (tests and benchmarks shorten timeouts).
    void setInformerSetup(ClusterConnection::InformerSetup setup) { m_setup = std::move(setup); }
    // The health probe of clusters opened from now on (default every 10 s, 5 s to answer).
    void setProbe(int intervalMs, int timeoutMs);
    // Shortest time between two journal entries of the pod counts (default 5 min); 0 = never.
    void setJournalIntervalMs(int ms) { m_intervalMs = ms; }
    void shutdown();

    // The pods of every cluster for the wall: counts summed, failing pods named (prefixed with their cluster
    // when there are several), and each cluster's own counts and staleness.
    Core::IncidentDigest::Pods pods() const;
    // The journal sentence of pods(): "api-gateway pods: prod-eu 3 CrashLoopBackOff · prod-us 3 Running"
    QString sentence() const;
    // A distinct banner-like colour for the n-th cluster.
    static QString paletteColour(int index);

signals:
    // The set of clusters changed (opened, closed, renamed): panes bind to connections() again.
    void clustersChanged();
    void healthChanged(const QString &name);
    void podsChanged();

private:
    struct Member
    {
        ClusterSpec spec;
        QString name;
        QString colour;
        std::unique_ptr<ClusterConnection> connection;
        QString error;
    };
    void open(Member &m);
    void watch(ClusterConnection *c);
    void censusChanged();
    // Every open cluster has listed its pods once, or failed, or stopped answering.
    bool settled() const;
    void journal();

    const Core::Clock &m_clock;
    QPointer<Core::IncidentSession> m_session;
    std::vector<Member> m_members;
    ClusterConnection::InformerSetup m_setup;
    int m_probeIntervalMs = 10000;
    int m_probeTimeoutMs = 5000;
    int m_intervalMs = 5 * 60 * 1000;
    qint64 m_lastJournalMs = 0;
    qint64 m_firstDeadlineMs = 0;
    QJsonObject m_lastJournaled;
    QTimer m_journalTimer;
};

} // namespace Sitrep::Kube
