#pragma once

#include "core/JournalHealth.h"
#include "core/Redactor.h"
#include "core/Result.h"
#include "core/TimelineEvent.h"

#include <QList>
#include <QObject>
#include <QString>
#include <QTimer>

#include <memory>
#include <set>

class QSqlQuery;
class QThread;

namespace Sitrep::Core {

// The single source of truth of one incident: an append-only SQLite file (WAL, synchronous=FULL).
// An event is durable once append() returns; a write that fails is an error value and a signal, never
// silent. Every open checks the file (PRAGMA quick_check); a damaged file opens read-only with every
// event that can still be read, and says what was lost. Other processes may append to the same file;
// watch() notices their events and emits them like local ones.
class Journal final : public QObject
{
    Q_OBJECT
public:
    static constexpr int kSchemaVersion = 3;
    // Files up to this size are checked while opening (10,000 events are ~4 MB); bigger ones in the
    // background, and export waits for the result.
    static constexpr qint64 kForegroundCheckBytes = 64 * 1024 * 1024;
    enum class Mode { ReadWrite, ReadOnly };
    // Moves the foreground/background limit (tests and benchmarks exercise both paths).
    static void setForegroundCheckBytes(qint64 bytes);

    // The PRAGMAs that make the durability promise, as the connection reports them.
    struct Durability
    {
        QString journalMode;  // "wal"
        int synchronous = -1; // 2 = FULL
    };

    explicit Journal(QObject *parent = nullptr);
    ~Journal() override;

    // Opens (creating it in ReadWrite mode) the journal at path. A file written by a newer Sitrep
    // is opened read-only, with readOnlyReason() saying why.
    Result<void> open(const QString &path, Mode mode = Mode::ReadWrite);
    void close();
    bool isOpen() const { return m_open; }
    bool isReadOnly() const { return m_readOnly; }
    QString readOnlyReason() const { return m_readOnlyReason; }
    QString path() const { return m_path; }
    int schemaVersion() const { return m_schemaVersion; }
    const JournalHealth &health() const { return m_health; }
    Durability durability() const;
    // Why exporting now would be wrong (a damaged file, a check still running); empty when it is fine.
    QString exportBlocker() const;
    // The last write that failed, while writes keep failing (empty once one succeeds again).
    QString writeError() const { return m_writeError; }

    void setRedactor(std::shared_ptr<const Redactor> redactor);
    const Redactor &redactor() const { return *m_redactor; }

    // Redacts summary and payload, stores the event durably and returns it with its id.
    Result<TimelineEvent> append(TimelineEvent event);
    // Appends all of them in one transaction (all or none), in order: for copies and catch-ups where
    // one fsync per event would take minutes.
    Result<QList<TimelineEvent>> appendAll(QList<TimelineEvent> events);
    // Blocks until a background integrity check has finished (for headless commands).
    void waitForCheck();
    Result<void> setPinned(qint64 eventId, bool pinned);
    // Before an action on production: writes what is about to happen (not a timeline entry; the outcome
    // is) and returns its id for the outcome's payload. An error means the action must not run: its
    // record could not be kept.
    Result<qint64> recordIntent(const QString &author, const QString &what, const QJsonObject &payload = {});

    // In timeline order: a team incident's shared events in the server's order, then the ones not yet
    // shared in the order they were written (for an incident that is not shared: the order written).
    QList<TimelineEvent> events() const;
    // Events stored after id (new rows, also those another process or the replicator wrote), in timeline
    // order.
    QList<TimelineEvent> eventsAfter(qint64 id) const;
    // Only these kinds (by name), in timeline order: what a fold needs, without the notes and logs.
    QList<TimelineEvent> eventsOfKinds(const QStringList &kinds) const;
    // One event by its row id. QObject's event(QEvent *) stays visible beside it (clang warns otherwise).
    using QObject::event;
    std::optional<TimelineEvent> event(qint64 id) const;
    qint64 lastEventId() const { return m_lastEventId; }

    // Poll for changes made by other processes (cheap: PRAGMA data_version).
    void watch(int intervalMs = 250);
    // Check once now; also called by the watch timer.
    void refresh();

signals:
    void eventsAppended(const QList<Sitrep::Core::TimelineEvent> &events);
    void eventChanged(const Sitrep::Core::TimelineEvent &event);
    // The integrity check finished or a read found damage: health() has the details.
    void healthChanged();
    // A write failed ("the journal cannot be written: ..."); emitted for every failed write.
    void writeFailed(const QString &error);
    // A write succeeded again after failures.
    void writeRecovered();
    // The timeline order of events already emitted changed (a team incident: an event arrived from the
    // server ahead of one not yet shared, or the server acknowledged one out of turn). Read events() again.
    void reordered();

private:
    Result<void> openConnection(const QString &path, bool readOnly, bool immutable = false);
    Result<void> makeDurable();
    Result<void> migrate();
    Result<void> openDamaged(const QString &path, const QString &damage);
    QString writeProbe();
    void checkIntegrity(bool inBackground);
    void onCheckResult(quint64 generation, const QString &damage, qint64 ms);
    Result<void> failWrite(const QString &what, const QString &sqlError);
    void prepareForWrite(TimelineEvent &event) const;
    bool insert(QSqlQuery &q, const TimelineEvent &event) const;
    void succeedWrite();
    QList<TimelineEvent> query(const QString &where, const QVariantList &binds, qint64 afterId,
                               qint64 onlyId = -1) const;
    void noticeReadError(const QString &error) const;
    qint64 dataVersion() const;
    void loadReplicaState();
    bool place(const TimelineEvent &event); // true when the timeline order of earlier events changes
    bool readNewShares(QList<qint64> &changed);
    friend class JournalReplica;

    QString m_connection;
    bool m_open = false;
    QString m_path;
    bool m_readOnly = false;
    QString m_readOnlyReason;
    int m_schemaVersion = 0;
    qint64 m_lastEventId = 0;
    qint64 m_lastPinId = 0;
    qint64 m_dataVersion = -1;
    std::shared_ptr<const Redactor> m_redactor;
    QTimer m_watchTimer;
    // A damaged file is read once, salvaged, and served from memory (it is read-only).
    mutable JournalHealth m_health;
    mutable QList<TimelineEvent> m_salvaged;
    mutable bool m_readErrorQueued = false;
    QString m_writeError;
    QThread *m_checkThread = nullptr;
    static qint64 s_foregroundCheckBytes;
    quint64 m_generation = 0; // bumped by close(): a late check result for an old file is dropped
    // Team replication (schema 3): what this connection has emitted, to tell an append at the end of
    // the timeline from one that lands before events already shown.
    bool m_replicated = false;
    qint64 m_maxSharedSeq = 0;
    qint64 m_lastShareId = 0;
    std::set<qint64> m_unshared; // ids of events emitted but not yet acknowledged by a team server
};

} // namespace Sitrep::Core
