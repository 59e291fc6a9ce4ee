#pragma once

#include <QList>
#include <QString>

namespace Sitrep::Core {

// One journal entry as it travels between the replicas of a team incident: an event, or a pin change
// (target set: the UUID of the event pinned or unpinned). Identified everywhere by its UUID; seq is the
// order the team server gave it (0 until the server has acknowledged it).
struct ReplicaRecord
{
    QString uuid;
    QString origin; // user@host that wrote it
    QString author;
    qint64 tsMs = 0;
    QString kind;    // event kind name ("note", "status-change" ...); "pin" for a pin change
    QString summary; // already redacted at its origin
    QString payload; // compact JSON text, byte for byte as the origin stored it
    bool pinned = false;
    QString target; // pin changes only
    qint64 seq = 0;

    bool isPin() const { return !target.isEmpty(); }
    friend bool operator==(const ReplicaRecord &, const ReplicaRecord &) = default;
};

// The server's acknowledgement of one pushed record.
struct ReplicaAck
{
    QString uuid;
    qint64 seq = 0;
};

} // namespace Sitrep::Core
