#pragma once

#include "core/ReplicaRecord.h"
#include "core/Result.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

namespace Sitrep::Team {

class ServerConnection;

// A team incident as the server lists it for Join: derived from its events (the same fold every replica
// uses), plus who wrote to it.
struct TeamIncident
{
    QString teamId;
    QString title;
    QString service;
    QString severity;
    QString status; // investigating, identified, monitoring, resolved
    QString commander;
    QStringList responders; // everyone who wrote an event, by name
    QString sharedBy;       // user@host
    qint64 startMs = 0;     // impact start, else the declaration
    qint64 events = 0;
    qint64 lastSeq = 0;

    bool isOpen() const { return status != QLatin1String("resolved"); }
};

// The push/pull protocol against one open connection. Pushes are idempotent (INSERT ... ON CONFLICT
// (uuid) DO NOTHING), so a push repeated after a lost acknowledgement adds nothing; the server numbers
// what it stores, and a pull asks for what came after the last number seen.
class ServerStore final
{
public:
    explicit ServerStore(ServerConnection &connection)
        : m_c(connection)
    {}

    // Registers an incident under teamId. Returns false when teamId is taken by another incident (a
    // different declaration); true when it is new or already this incident's.
    Core::Result<bool> registerIncident(const QString &teamId, const QString &incidentId,
                                        const QString &declaredUuid, const QString &title,
                                        const QString &sharedBy);
    Core::Result<bool> incidentExists(const QString &teamId);

    // Stores records in order (events before the pins that refer to them) in one transaction, then
    // reads back the sequence number of every one of them (new or already there).
    Core::Result<QList<Core::ReplicaAck>> push(const QString &teamId,
                                               const QList<Core::ReplicaRecord> &records);
    // The commit happened; the acknowledgement is read in a second step (hook point for tests).
    Core::Result<void> insert(const QString &teamId, const QList<Core::ReplicaRecord> &records);
    Core::Result<QList<Core::ReplicaAck>> acknowledgements(const QList<Core::ReplicaRecord> &records);

    // Records of teamId with seq > afterSeq, in server order.
    Core::Result<QList<Core::ReplicaRecord>> pull(const QString &teamId, qint64 afterSeq, int limit);

    struct Counts
    {
        qint64 records = 0;
        qint64 lastSeq = 0;
    };
    Core::Result<Counts> counts(const QString &teamId);

    Core::Result<QList<TeamIncident>> incidents();
    Core::Result<TeamIncident> incident(const QString &teamId);

    // Presence and other ephemeral messages (NOTIFY: no table privilege needed, nothing stored).
    Core::Result<void> notify(const QString &channel, const QString &payload);

private:
    Core::Result<QList<TeamIncident>> fold(const QString &where);

    ServerConnection &m_c;
};

} // namespace Sitrep::Team
