#include "team/TeamOperations.h"

#include "core/Incident.h"
#include "core/Journal.h"
#include "core/JournalReplica.h"
#include "core/User.h"
#include "team/ServerConnection.h"

#include <QFileInfo>
#include <QRegularExpression>
#include <QUuid>

using namespace Sitrep::Core;

namespace Sitrep::Team {

namespace {

Result<void> openServer(ServerConnection &c, ServerSchema::Access access)
{
    if (auto r = c.open(); !r)
        return r;
    return ServerSchema::check(c, access);
}

ReplicaConfig configFor(const QString &path, const TeamOperations::Credentials &c, const QString &teamId,
                        std::shared_ptr<const Redactor> redactor, ServerSchema::Access access)
{
    ReplicaConfig config;
    config.journalPath = path;
    config.server = c.server;
    config.password = c.password;
    config.teamId = teamId;
    config.access = access;
    config.redactor = std::move(redactor);
    config.self.name = currentUser();
    config.self.origin = currentOrigin();
    config.self.kind = QStringLiteral("cli");
    const int batch = qEnvironmentVariableIntValue("SITREP_TEAM_BATCH");
    if (batch > 0)
        config.batch = batch;
    return config;
}

} // namespace

QString TeamOperations::proposeTeamId(const QString &incidentId)
{
    static const QRegularExpression valid(QStringLiteral("^[a-z0-9][a-z0-9-]{1,62}$"));
    const QString id = incidentId.toLower();
    if (valid.match(id).hasMatch())
        return id;
    return QUuid::createUuid().toString(QUuid::WithoutBraces).left(8);
}

Result<TeamOperations::Shared> TeamOperations::share(const QString &journalPath, const Credentials &c,
                                                     std::shared_ptr<const Redactor> redactor)
{
    Shared out;
    QString incidentId;
    QString title;
    QString declared;
    {
        if (!QFileInfo::exists(journalPath))
            return makeError(QStringLiteral("no such incident file"), journalPath);
        Journal journal;
        if (auto r = journal.open(journalPath); !r)
            return r.error();
        if (journal.isReadOnly())
            return makeError(QStringLiteral("the incident is read-only (%1): it cannot be shared")
                                 .arg(journal.readOnlyReason()),
                             journalPath);
        const Incident incident = Incident::fromEvents(journal.events());
        if (!incident.isDeclared())
            return makeError(QStringLiteral("the file holds no declared incident"), journalPath);
        JournalReplica replica(journal);
        incidentId = incident.id();
        title = incident.title();
        declared = replica.declarationUuid();
        out.teamId = replica.teamId();
        out.alreadyShared = !out.teamId.isEmpty();
        if (out.alreadyShared) {
            const auto recorded = ServerUrl::parse(replica.server());
            if (recorded && recorded->display() != c.server.display())
                return makeError(QStringLiteral("the incident is already shared as team incident %1 on %2")
                                     .arg(out.teamId, recorded->display()),
                                 journalPath);
        }
    }
    {
        ServerConnection server(c.server, c.password, QStringLiteral("sitrep share"));
        if (auto r = openServer(server, ServerSchema::Access::Responder); !r)
            return r.error();
        ServerStore store(server);
        QString candidate = out.alreadyShared ? out.teamId : proposeTeamId(incidentId);
        for (int attempt = 0;; ++attempt) {
            auto registered = store.registerIncident(candidate, incidentId, declared, title, currentOrigin());
            if (!registered)
                return registered.error();
            if (*registered)
                break;
            if (out.alreadyShared || attempt >= 5)
                return makeError(QStringLiteral("team id %1 is taken on the team server by another incident")
                                     .arg(candidate),
                                 c.server.display());
            candidate = QUuid::createUuid().toString(QUuid::WithoutBraces).left(8);
        }
        out.teamId = candidate;
    }
    {
        // Only now, with the server holding the incident, does the file learn it is shared.
        Journal journal;
        if (auto r = journal.open(journalPath); !r)
            return r.error();
        JournalReplica replica(journal);
        if (auto r = replica.setSetting(JournalReplica::kTeam, out.teamId); !r)
            return r.error();
        if (auto r = replica.setSetting(JournalReplica::kServer, c.server.toString()); !r)
            return r.error();
    }
    Replicator replicator(
        configFor(journalPath, c, out.teamId, std::move(redactor), ServerSchema::Access::Responder));
    auto synced = replicator.syncOnce();
    if (!synced)
        return synced.error();
    out.sync = *synced;
    return out;
}

Result<Replicator::Outcome> TeamOperations::join(const QString &teamId, const Credentials &c,
                                                 const QString &outPath,
                                                 std::shared_ptr<const Redactor> redactor,
                                                 ServerSchema::Access access)
{
    if (QFileInfo::exists(outPath))
        return makeError(QStringLiteral("already exists; not overwriting an incident"), outPath);
    {
        ServerConnection server(c.server, c.password, QStringLiteral("sitrep join"));
        if (auto r = openServer(server, access); !r)
            return r.error();
        if (auto r = ServerStore(server).incident(teamId); !r)
            return r.error();
    }
    {
        Journal journal;
        if (auto r = journal.open(outPath); !r)
            return r.error();
        JournalReplica replica(journal);
        if (auto r = replica.setSetting(JournalReplica::kTeam, teamId); !r)
            return r.error();
        if (auto r = replica.setSetting(JournalReplica::kServer, c.server.toString()); !r)
            return r.error();
    }
    Replicator replicator(configFor(outPath, c, teamId, std::move(redactor), access));
    return replicator.syncOnce();
}

Result<Replicator::Outcome> TeamOperations::sync(const QString &journalPath, const Credentials &c,
                                                 std::shared_ptr<const Redactor> redactor)
{
    QString teamId;
    {
        if (!QFileInfo::exists(journalPath))
            return makeError(QStringLiteral("no such incident file"), journalPath);
        Journal journal;
        if (auto r = journal.open(journalPath, Journal::Mode::ReadOnly); !r)
            return r.error();
        teamId = JournalReplica(journal).teamId();
    }
    if (teamId.isEmpty())
        return makeError(
            QStringLiteral("the incident is not shared with a team (sitrep team share FILE --server "
                           "URL)"),
            journalPath);
    Replicator replicator(
        configFor(journalPath, c, teamId, std::move(redactor), ServerSchema::Access::Responder));
    return replicator.syncOnce();
}

Result<QList<TeamIncident>> TeamOperations::incidents(const Credentials &c)
{
    ServerConnection server(c.server, c.password, QStringLiteral("sitrep incidents"));
    if (auto r = openServer(server, ServerSchema::Access::Wall); !r)
        return r.error();
    return ServerStore(server).incidents();
}

Result<ServerUrl> TeamOperations::serverOf(const QString &journalPath)
{
    if (!QFileInfo::exists(journalPath))
        return makeError(QStringLiteral("no such incident file"), journalPath);
    Journal journal;
    if (auto r = journal.open(journalPath, Journal::Mode::ReadOnly); !r)
        return r.error();
    const QString server = JournalReplica(journal).server();
    if (server.isEmpty())
        return makeError(
            QStringLiteral("the incident is not shared with a team (sitrep team share FILE --server "
                           "URL)"),
            journalPath);
    return ServerUrl::parse(server);
}

} // namespace Sitrep::Team
