#include "team/Replicator.h"

#include "core/Journal.h"
#include "team/ServerConnection.h"
#include "team/ServerStore.h"

#include <QDateTime>
#include <QLoggingCategory>
#include <QSqlDriver>
#include <QUuid>

Q_LOGGING_CATEGORY(lcTeam, "sitrep.team")

using namespace Sitrep::Core;

namespace Sitrep::Team {

namespace {

const QString kEventsChannel = QStringLiteral("sitrep_events");
const QString kPresenceChannel = QStringLiteral("sitrep_presence");
constexpr int kFirstBackoffMs = 250;
constexpr int kRefusedRetryMs = 30000;
constexpr int kBatchesPerCycle = 20; // then let notifications and stop() in

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

} // namespace

Replicator::Replicator(ReplicaConfig config, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
{
    if (m_config.self.session.isEmpty())
        m_config.self.session = QUuid::createUuid().toString(QUuid::WithoutBraces);
    if (!m_config.redactor)
        m_config.redactor = std::make_shared<Redactor>();
    qRegisterMetaType<Sitrep::Team::ReplicaStatus>();
    qRegisterMetaType<QList<Sitrep::Team::Peer>>();
}

Replicator::~Replicator() = default; // stop() ran on the replicator's thread and closed everything

Result<void> Replicator::openJournal()
{
    m_journal = std::make_unique<Journal>();
    m_journal->setRedactor(m_config.redactor);
    if (auto r = m_journal->open(m_config.journalPath); !r)
        return r;
    if (m_journal->isReadOnly())
        return makeError(
            QStringLiteral("the incident file is read-only (%1): it cannot take the team's events")
                .arg(m_journal->readOnlyReason()),
            m_config.journalPath);
    m_replica = std::make_unique<JournalReplica>(*m_journal);
    if (!m_replica->isAvailable())
        return makeError(QStringLiteral("the incident file cannot be replicated"), m_config.journalPath);
    const QString team = m_replica->teamId();
    if (!team.isEmpty() && team != m_config.teamId)
        return makeError(QStringLiteral("the incident file belongs to team incident %1, not %2")
                             .arg(team, m_config.teamId),
                         m_config.journalPath);
    m_status.cursor = m_replica->cursor();
    m_localVersion = m_replica->dataVersion();
    refreshCounts();
    return {};
}

Result<void> Replicator::connectServer()
{
    const QString app = QStringLiteral("sitrep %1 %2").arg(m_config.self.kind, m_config.self.origin).left(60);
    auto server = std::make_unique<ServerConnection>(m_config.server, m_config.password, app);
    if (auto r = server->open(); !r)
        return r;
    if (auto r = ServerSchema::check(*server, m_config.access); !r)
        return r;
    ServerStore store(*server);
    auto exists = store.incidentExists(m_config.teamId);
    if (!exists)
        return exists.error();
    if (!*exists)
        return makeError(QStringLiteral("the team server has no incident \"%1\"").arg(m_config.teamId),
                         m_config.server.display());
    m_server = std::move(server);
    return {};
}

void Replicator::start()
{
    m_running = true;
    m_presence = std::make_unique<PresenceTracker>(m_config.teamId, m_config.self.session);
    auto timer = [this](int ms, bool single, void (Replicator::*slot)()) {
        auto *t = new QTimer(this);
        t->setSingleShot(single);
        t->setInterval(ms);
        connect(t, &QTimer::timeout, this, slot);
        return t;
    };
    m_syncTimer = timer(0, true, &Replicator::cycle);
    m_pollTimer = timer(m_config.pollMs, false, &Replicator::syncSoon);
    m_localTimer = timer(m_config.localCheckMs, false, &Replicator::checkLocal);
    m_heartbeatTimer = timer(m_config.heartbeatMs, false, &Replicator::heartbeat);
    m_reconnectTimer = timer(0, true, &Replicator::cycle);
    if (auto r = openJournal(); !r) {
        setState(ReplicaStatus::State::Refused, r.error().text());
        m_journal.reset();
        m_replica.reset();
        return;
    }
    setState(ReplicaStatus::State::Connecting);
    m_pollTimer->start();
    m_localTimer->start();
    m_heartbeatTimer->start();
    cycle();
}

void Replicator::stop()
{
    if (!m_running)
        return;
    m_running = false;
    for (QTimer *t : {m_syncTimer, m_pollTimer, m_localTimer, m_heartbeatTimer, m_reconnectTimer}) {
        if (t)
            t->stop();
    }
    if (m_server)
        announce(PresenceTracker::State::Bye);
    m_server.reset();
    m_replica.reset();
    m_journal.reset();
    if (m_presence && m_presence->clear())
        emit peersChanged({});
    setState(ReplicaStatus::State::Stopped);
}

void Replicator::syncSoon()
{
    if (!m_running || !m_syncTimer || m_syncTimer->isActive())
        return;
    // Under a flood (twenty laptops writing), one exchange takes everything that arrived meanwhile: at most
    // one exchange per minCycleGapMs keeps the journal's write lock free for the console's own writes.
    const qint64 since =
        m_lastCycleEnd.isValid() && m_lastCycleMoved ? m_lastCycleEnd.elapsed() : m_config.minCycleGapMs;
    m_syncTimer->start(int(std::max<qint64>(0, m_config.minCycleGapMs - since)));
}

void Replicator::checkLocal()
{
    if (!m_replica)
        return;
    const qint64 v = m_replica->dataVersion();
    if (v == m_localVersion)
        return;
    m_localVersion = v; // another process (the GUI, `sitrep incident note`) wrote to the file
    syncSoon();
}

void Replicator::dropServer(const Error &why)
{
    const bool lost = m_server && m_server->lastErrorWasConnectionLost();
    m_server.reset();
    if (m_presence && m_presence->clear())
        emit peersChanged({});
    refreshCounts();
    setState(lost ? ReplicaStatus::State::Offline : ReplicaStatus::State::Refused, why.text());
    scheduleReconnect();
}

void Replicator::scheduleReconnect()
{
    if (!m_running || !m_reconnectTimer)
        return;
    int delay = 0;
    if (m_status.state == ReplicaStatus::State::Refused) {
        delay = kRefusedRetryMs;
    } else {
        m_backoffMs = m_backoffMs == 0 ? kFirstBackoffMs : std::min(m_backoffMs * 2, m_config.maxBackoffMs);
        delay = m_backoffMs;
    }
    m_status.retryInMs = delay;
    emit statusChanged(m_status);
    m_reconnectTimer->start(delay);
}

void Replicator::cycle()
{
    if (!m_running || m_inCycle || !m_replica)
        return;
    m_inCycle = true;
    if (!m_server) {
        if (m_reconnectTimer->isActive()) {
            // Offline and waiting to retry: only the "not yet shared" count moves.
            refreshCounts();
            emit statusChanged(m_status);
            m_inCycle = false;
            return;
        }
        if (auto r = connectServer(); !r) {
            // Connection trouble (refused, timeout, unknown host) is retried quickly; a refusal (password,
            // certificate, schema, privileges) slowly.
            const QString text = r.error().message;
            const bool transient = text.contains(QLatin1String("connection refused")) ||
                                   text.contains(QLatin1String("did not answer")) ||
                                   text.contains(QLatin1String("unknown host")) ||
                                   text.contains(QLatin1String("lost the connection")) ||
                                   text.contains(QLatin1String("starting up")) ||
                                   text.contains(QLatin1String("shutting down")) ||
                                   text.contains(QLatin1String("cannot connect"));
            refreshCounts();
            setState(transient ? ReplicaStatus::State::Offline : ReplicaStatus::State::Refused,
                     r.error().text());
            scheduleReconnect();
            m_inCycle = false;
            return;
        }
        m_backoffMs = 0;
        m_status.retryInMs = 0;
        QSqlDriver *driver = m_server->database().driver();
        connect(driver, &QSqlDriver::notification, this,
                [this](const QString &name, QSqlDriver::NotificationSource, const QVariant &payload) {
                    onNotification(name, payload.toString());
                });
        driver->subscribeToNotification(kEventsChannel);
        driver->subscribeToNotification(kPresenceChannel);
        announce(PresenceTracker::State::Hello);
    }
    m_lastCycleMoved = false;
    for (int i = 0; i < kBatchesPerCycle; ++i) {
        auto step = exchange();
        if (!step) {
            m_inCycle = false;
            if (!m_server || m_server->lastErrorWasConnectionLost() || !m_server->isOpen() ||
                step.error().where == m_config.server.display()) {
                dropServer(step.error());
            } else { // the local journal refused the write: say so, try again later
                refreshCounts();
                setState(ReplicaStatus::State::Refused, step.error().text());
                m_reconnectTimer->start(m_config.maxBackoffMs);
            }
            return;
        }
        m_lastCycleMoved = m_lastCycleMoved || step->pushed > 0 || step->pulled > 0;
        if (!step->more)
            break;
        if (i + 1 == kBatchesPerCycle)
            syncSoon();
    }
    refreshCounts();
    m_status.lastSyncMs = nowMs();
    setState(ReplicaStatus::State::Online);
    m_lastCycleEnd.start();
    m_inCycle = false;
}

Result<Replicator::Step> Replicator::exchange()
{
    Step step;
    ServerStore store(*m_server);
    QList<ReplicaAck> acks;
    if (m_config.access == ServerSchema::Access::Responder) {
        auto records = m_replica->unshared(m_config.batch);
        if (!records)
            return records.error();
        if (!records->isEmpty()) {
            if (auto r = store.insert(m_config.teamId, *records); !r)
                return r.error();
            if (m_config.afterPushCommit)
                m_config.afterPushCommit();
            auto read = store.acknowledgements(*records);
            if (!read)
                return read.error();
            acks = std::move(read).value();
            step.pushed = int(records->size());
            step.more = records->size() >= m_config.batch;
        }
    }
    auto pulled = store.pull(m_config.teamId, m_status.cursor, m_config.pullBatch);
    if (!pulled)
        return pulled.error();
    const qint64 cursor = pulled->isEmpty() ? m_status.cursor : pulled->last().seq;
    if (!acks.isEmpty() || !pulled->isEmpty()) {
        auto applied = m_replica->apply(acks, *pulled, cursor);
        if (!applied)
            return makeError(applied.error().message, m_config.journalPath);
        m_status.cursor = cursor;
        // Our own write leaves this connection's data_version as it was, so m_localVersion stays: reading it
        // again here would swallow an event the console wrote meanwhile, and it would wait for the slow poll.
        emit journalChanged();
    }
    step.pulled = int(pulled->size());
    step.more = step.more || pulled->size() >= m_config.pullBatch;
    return step;
}

Result<Replicator::Outcome> Replicator::syncOnce()
{
    Outcome out;
    if (auto r = openJournal(); !r)
        return r.error();
    if (auto r = connectServer(); !r)
        return r.error();
    // Others may write while we exchange: go on until both sides hold the same, or nothing moves.
    for (int round = 0; round < 10000; ++round) {
        auto step = exchange();
        if (!step)
            return step.error();
        out.pushed += step->pushed;
        out.pulled += step->pulled;
        if (step->more)
            continue;
        auto counts = ServerStore(*m_server).counts(m_config.teamId);
        if (!counts)
            return counts.error();
        out.serverRecords = counts->records;
        out.localShared = m_replica->sharedCount();
        out.unshared = m_replica->unsharedCount();
        if (out.converged() || (step->pushed == 0 && step->pulled == 0 && counts->lastSeq <= m_status.cursor))
            break;
    }
    m_server.reset();
    m_replica.reset();
    m_journal.reset();
    return out;
}

void Replicator::onNotification(const QString &name, const QString &payload)
{
    if (name == kEventsChannel) {
        if (payload == m_config.teamId)
            syncSoon();
        return;
    }
    if (name != kPresenceChannel || !m_presence)
        return;
    bool answer = false;
    if (m_presence->receive(payload, nowMs(), &answer))
        emit peersChanged(m_presence->peers());
    if (answer)
        announce(PresenceTracker::State::Here);
}

void Replicator::announce(PresenceTracker::State state)
{
    if (!m_server)
        return;
    // Best effort: a lost connection shows up on the next exchange.
    (void)ServerStore(*m_server).notify(kPresenceChannel,
                                        PresenceTracker::encode(m_config.teamId, m_config.self, state));
}

void Replicator::heartbeat()
{
    if (!m_server)
        return;
    announce(PresenceTracker::State::Here);
    if (m_presence && m_presence->expire(nowMs(), 3LL * m_config.heartbeatMs))
        emit peersChanged(m_presence->peers());
}

void Replicator::setState(ReplicaStatus::State state, const QString &message)
{
    m_status.state = state;
    m_status.message = message;
    if (state == ReplicaStatus::State::Online || state == ReplicaStatus::State::Connecting)
        m_status.retryInMs = 0;
    if (state != ReplicaStatus::State::Online && !message.isEmpty())
        qCInfo(lcTeam, "%s", qPrintable(message));
    emit statusChanged(m_status);
}

void Replicator::refreshCounts()
{
    if (!m_replica)
        return;
    m_status.unshared = m_replica->unsharedCount();
    m_status.shared = m_replica->sharedCount();
}

} // namespace Sitrep::Team
