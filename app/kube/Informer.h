#pragma once

#include "kube/ObjectEvent.h"
#include "kube/ObjectIndex.h"
#include "kube/WatchLineBuffer.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

namespace Sitrep::Kube {

class KubeCall;
class KubeClient;

// Which collection an informer follows: group ("" = core), version, plural resource, namespace ("" = all).
struct ResourceRef
{
    QString group;
    QString version = QStringLiteral("v1");
    QString resource;
    QString ns;
    QString labelSelector;
    QString fieldSelector;

    QString describe() const; // "pods in demo", "pods in all namespaces"
    static ResourceRef pods(const QString &ns)
    {
        return {QString(), QStringLiteral("v1"), QStringLiteral("pods"), ns, {}, {}};
    }
    static ResourceRef events(const QString &ns)
    {
        return {QString(), QStringLiteral("v1"), QStringLiteral("events"), ns, {}, {}};
    }
    static ResourceRef deployments(const QString &ns)
    {
        return {QStringLiteral("apps"), QStringLiteral("v1"), QStringLiteral("deployments"), ns, {}, {}};
    }
    static ResourceRef replicaSets(const QString &ns)
    {
        return {QStringLiteral("apps"), QStringLiteral("v1"), QStringLiteral("replicasets"), ns, {}, {}};
    }
    static ResourceRef nodes()
    {
        return {QString(), QStringLiteral("v1"), QStringLiteral("nodes"), {}, {}, {}};
    }
};

// List+watch like client-go's reflector: a paginated list (limit/continue, parsed off the GUI thread), then a
// watch from the list's resourceVersion with bookmarks; reconnects with backoff, and on 410 Gone relists and
// reconciles (missed deletions are emitted). The state is always visible: connecting, live, reconnecting (n),
// or the error.
class Informer final : public QObject
{
    Q_OBJECT
public:
    enum class State { Stopped, Connecting, Live, Reconnecting, Failed };
    Q_ENUM(State)

    Informer(KubeClient *client, ResourceRef ref, QObject *parent = nullptr);
    ~Informer() override;

    const ResourceRef &resource() const { return m_ref; }
    void start();
    void stop();
    // Lists again now (user asked to refresh); reconciles like after 410.
    void relist();

    State state() const { return m_state; }
    // "live", "connecting", "reconnecting (3): <why>", or the error sentence.
    QString stateText() const;
    QString lastError() const { return m_lastError; }
    int reconnectAttempt() const { return m_attempt; }
    bool hasSynced() const { return m_synced; }
    QString resourceVersion() const { return m_rv; }
    qsizetype objectCount() const { return m_index.size(); }
    int relists() const { return m_relists; }

    void setPageSize(int n) { m_pageSize = n; }
    // The server ends each watch after this many seconds (random in [min, max] like client-go).
    void setWatchTimeoutSeconds(int min, int max)
    {
        m_watchMin = min;
        m_watchMax = max;
    }
    // Silence tolerated on a watch before it is considered hung and reopened.
    void setWatchIdleTimeoutMs(int ms) { m_watchIdleMs = ms; }
    void setListTimeoutMs(int ms) { m_listTimeoutMs = ms; }
    void setBackoff(int initialMs, int maxMs)
    {
        m_backoffInitialMs = initialMs;
        m_backoffMaxMs = maxMs;
    }

signals:
    // A batch of changes in order; the first list arrives as Added batches page by page.
    void eventsReady(const Sitrep::Kube::ObjectEvents &events);
    // The first complete list has been delivered (and after every relist).
    void synced();
    void stateChanged(Sitrep::Kube::Informer::State state, const QString &text);

private:
    struct Page;
    void listPage(const QString &continueToken);
    void onPage(Page page);
    void watch();
    void onWatchChunk(const QByteArray &data);
    void onWatchFinished(KubeCall *call);
    void handleLine(const QByteArray &line, ObjectEvents &out);
    void scheduleRetry(const QString &error, bool fatal = false);
    void scheduleRelist(int delayMs);
    void setState(State s);
    void abortCalls();
    QUrlQuery baseQuery() const;
    QString path() const;

    KubeClient *m_client;
    ResourceRef m_ref;
    ObjectIndex m_index;
    WatchLineBuffer m_lines;
    QPointer<KubeCall> m_listCall;
    QPointer<KubeCall> m_watchCall;
    QTimer m_retry;
    QString m_rv;
    QString m_lastError;
    State m_state = State::Stopped;
    quint64 m_generation = 0; // guards off-thread parse results against stop()/restart
    int m_attempt = 0;
    int m_relists = 0;
    int m_pageSize = 500;
    int m_watchMin = 300;
    int m_watchMax = 600;
    int m_watchIdleMs = 120000;
    int m_listTimeoutMs = 60000;
    int m_backoffInitialMs = 800;
    int m_backoffMaxMs = 30000;
    bool m_synced = false;
    bool m_watchFailed = false;
};

} // namespace Sitrep::Kube
