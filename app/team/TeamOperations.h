#pragma once

#include "core/Redactor.h"
#include "core/Result.h"
#include "team/Replicator.h"
#include "team/ServerSchema.h"
#include "team/ServerStore.h"
#include "team/ServerUrl.h"

#include <memory>

namespace Sitrep::Team {

// The one-shot things a responder does with a team server: share an incident, list and join them, sync
// once, ask how a replica stands. Each opens its own connections in the calling thread and blocks (the
// CLI calls them directly, the GUI on a worker thread). Nothing local is written unless the server was
// reached and accepted the user.
class TeamOperations final
{
public:
    struct Credentials
    {
        ServerUrl server;
        QString password; // empty: libpq's conventions
    };

    struct Shared
    {
        QString teamId;
        bool alreadyShared = false;
        Replicator::Outcome sync;
    };
    // Publishes the incident in journalPath: registers it under a team id (its incident id when free),
    // records the team and server in the file, and pushes every event.
    static Core::Result<Shared> share(const QString &journalPath, const Credentials &c,
                                      std::shared_ptr<const Core::Redactor> redactor = {});

    // Makes a new local replica of teamId at outPath and pulls every event. The file is only created once
    // the server has answered and holds that incident.
    static Core::Result<Replicator::Outcome>
    join(const QString &teamId, const Credentials &c, const QString &outPath,
         std::shared_ptr<const Core::Redactor> redactor = {},
         ServerSchema::Access access = ServerSchema::Access::Responder);

    // Pushes and pulls until both sides hold the same events (server: the file's own unless given).
    static Core::Result<Replicator::Outcome> sync(const QString &journalPath, const Credentials &c,
                                                  std::shared_ptr<const Core::Redactor> redactor = {});

    static Core::Result<QList<TeamIncident>> incidents(const Credentials &c);

    // The server recorded in a shared incident file (without a password).
    static Core::Result<ServerUrl> serverOf(const QString &journalPath);

    // A free team id: the incident's own id when it is a valid one, otherwise random.
    static QString proposeTeamId(const QString &incidentId);
};

} // namespace Sitrep::Team
