#pragma once

#include "core/JournalReplica.h"
#include "core/Redactor.h"
#include "core/Result.h"
#include "team/Presence.h"
#include "team/ServerSchema.h"
#include "team/ServerUrl.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <functional>
#include <memory>

namespace Sitrep::Core {
class Journal;
}

namespace Sitrep::Team {

class ServerConnection;

// What one replica of a team incident needs to know to keep in step with the server.
struct ReplicaConfig
{
    QString journalPath;
    ServerUrl server;
    QString password; // empty: libpq's (URL, PGPASSWORD, ~/.pgpass)
    QString teamId;
    ServerSchema::Access access = ServerSchema::Access::Responder; // Wall: pull only
    Peer self;                                                     // how we announce ourselves
    std::shared_ptr<const Core::Redactor> redactor;
    int batch = 500;         // records per push transaction
    int pullBatch = 5000;    // records per pull
    int pollMs = 5000;       // slow poll when notifications are quiet (also notices a dead server)
    int localCheckMs = 200;  // how often the local file is checked for events other processes wrote
    int heartbeatMs = 10000; // presence announcements; a peer silent for 3 of them is gone
    int maxBackoffMs = 5000; // reconnect delay doubles from 250 ms up to this
    int minCycleGapMs = 25;  // between two exchanges: a flood is taken in batches
    // Test hook: runs after a push is committed and before its acknowledgement is read.
    std::function<void()> afterPushCommit;
};

// Where a replica stands, for the header, the CLI and tests.
struct ReplicaStatus
{
    enum class State { Stopped, Connecting, Online, Offline, Refused };
    State state = State::Stopped;
    QString message;       // a sentence when Offline/Refused: what failed and what happens next
    qint64 unshared = 0;   // local records the server has not acknowledged ("not yet shared: N")
    qint64 shared = 0;     // local records the server has acknowledged
    qint64 cursor = 0;     // the last server sequence pulled
    int retryInMs = 0;     // next reconnect attempt
    qint64 lastSyncMs = 0; // when the last exchange with the server finished
};

// The replicator of one team incident. Lives on a thread of its own (a QSqlDatabase belongs to the thread
// that opened it): it opens its own connection to the local journal and to the server, pushes what the
// server has not acknowledged (idempotent), pulls what came after its cursor, and writes both into the
// journal in one transaction per exchange. Woken by LISTEN/NOTIFY, by the local file changing, by nudges
// from the GUI thread, and by a slow poll; reconnects with backoff. Also usable synchronously (syncOnce)
// by headless commands.
class Replicator final : public QObject
{
    Q_OBJECT
public:
    explicit Replicator(ReplicaConfig config, QObject *parent = nullptr);
    ~Replicator() override;

    // Headless: connect, exchange until nothing is left to push or pull, and report. Needs no event loop.
    struct Outcome
    {
        int pushed = 0;
        int pulled = 0;
        qint64 localShared = 0;
        qint64 unshared = 0;
        qint64 serverRecords = 0;
        bool converged() const { return unshared == 0 && localShared == serverRecords; }
    };
    Core::Result<Outcome> syncOnce();

    ReplicaStatus status() const { return m_status; }
    QList<Peer> peers() const { return m_presence ? m_presence->peers() : QList<Peer>{}; }

public slots:
    // On the replicator's thread: open the journal, connect, exchange, and keep going.
    void start();
    // Says goodbye to the others and closes both connections.
    void stop();
    // Something was written locally: push soon.
    void syncSoon();

signals:
    void statusChanged(const Sitrep::Team::ReplicaStatus &status);
    void peersChanged(const QList<Sitrep::Team::Peer> &peers);
    // Events or acknowledgements were written into the journal: readers on other threads refresh().
    void journalChanged();

private:
    Core::Result<void> openJournal();
    Core::Result<void> connectServer();
    void dropServer(const Core::Error &why);
    // One exchange: push a batch, read its acknowledgement, pull a batch, write both locally.
    struct Step
    {
        int pushed = 0;
        int pulled = 0;
        bool more = false; // a full batch went either way: go again
    };
    Core::Result<Step> exchange();
    void cycle();
    void scheduleReconnect();
    void announce(PresenceTracker::State state);
    void onNotification(const QString &name, const QString &payload);
    void checkLocal();
    void heartbeat();
    void setState(ReplicaStatus::State state, const QString &message = {});
    void refreshCounts();

    ReplicaConfig m_config;
    std::unique_ptr<Core::Journal> m_journal;
    std::unique_ptr<Core::JournalReplica> m_replica;
    std::unique_ptr<ServerConnection> m_server;
    std::unique_ptr<PresenceTracker> m_presence;
    ReplicaStatus m_status;
    QTimer *m_syncTimer = nullptr;
    QTimer *m_pollTimer = nullptr;
    QTimer *m_localTimer = nullptr;
    QTimer *m_heartbeatTimer = nullptr;
    QTimer *m_reconnectTimer = nullptr;
    int m_backoffMs = 0;
    qint64 m_localVersion = -1;
    QElapsedTimer m_lastCycleEnd;
    bool m_lastCycleMoved = false; // only an exchange that moved records makes the next one wait
    bool m_running = false;
    bool m_inCycle = false;
};

} // namespace Sitrep::Team
