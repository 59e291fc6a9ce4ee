#pragma once

#include "core/ReplicaRecord.h"
#include "core/Result.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace Sitrep::Core {

class Journal;

// The replication side of a journal (schema 3): which records a team server has acknowledged and in
// what order, which are not yet shared, records pulled from the server, and the team settings (team id,
// server, pull cursor). Works on a journal opened in the calling thread: the replicator opens its own.
class JournalReplica final
{
public:
    explicit JournalReplica(Journal &journal)
        : m_journal(journal)
    {}

    static inline const QString kTeam = QStringLiteral("team");
    static inline const QString kServer = QStringLiteral("server");
    static inline const QString kCursor = QStringLiteral("cursor");

    bool isAvailable() const; // the file has the replication tables (schema 3 or later)
    QString setting(const QString &key) const;
    Result<void> setSetting(const QString &key, const QString &value);
    QString teamId() const { return setting(kTeam); }
    QString server() const { return setting(kServer); }
    qint64 cursor() const { return setting(kCursor).toLongLong(); }

    // Records not yet acknowledged: events in the order written, then pin changes, so a pin never
    // travels before the event it pins.
    Result<QList<ReplicaRecord>> unshared(int limit) const;
    qint64 unsharedCount() const;
    qint64 sharedCount() const; // records (events and pin changes) the server has acknowledged

    struct Applied
    {
        int events = 0; // new events from the server
        int pins = 0;   // new pin changes from the server
        int acknowledged = 0;
    };
    // One transaction (one fsync): the acknowledgements of pushed records, the records pulled from the
    // server (ones already here only get their acknowledgement) and the new pull cursor. Pulled text goes
    // through the journal's redactor like anything written locally.
    Result<Applied> apply(const QList<ReplicaAck> &acks, const QList<ReplicaRecord> &pulled, qint64 cursor);

    // The declaration's UUID and incident id (how a server tells this incident from another).
    QString declarationUuid() const;
    // Every event's UUID in timeline order (replicas holding the same events list the same).
    QStringList timelineUuids() const;
    // Changes when another connection commits (cheap: PRAGMA data_version).
    qint64 dataVersion() const;

private:
    Journal &m_journal;
};

} // namespace Sitrep::Core
