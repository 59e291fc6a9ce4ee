#pragma once

#include "core/Result.h"

#include <QString>
#include <QStringList>

namespace Sitrep::Team {

class ServerConnection;

// The tables a team server holds (schema "sitrep"), created and upgraded by `sitrep team init` through
// versioned migrations. Append-only: triggers refuse UPDATE, DELETE and TRUNCATE for everyone, and the
// server orders events itself (a per-incident lock, then the next sequence number). Two group roles:
// sitrep_responder (SELECT + INSERT) and sitrep_wall (SELECT); people log in as their own users, members
// of one of them.
class ServerSchema final
{
public:
    static constexpr int kVersion = 1;
    static inline const QString kResponderRole = QStringLiteral("sitrep_responder");
    static inline const QString kWallRole = QStringLiteral("sitrep_wall");

    // What a connection will do: responders write, walls only read.
    enum class Access { Responder, Wall };

    struct Report
    {
        int fromVersion = 0;
        int toVersion = 0;
        QStringList rolesCreated;
    };

    // As the database's owner (or a superuser): creates the roles that are missing, applies the migrations
    // this Sitrep knows and re-applies the grants. Refuses a schema newer than this Sitrep.
    static Core::Result<Report> init(ServerConnection &connection);
    // The schema version on the server: 0 when there is none.
    static Core::Result<int> installedVersion(ServerConnection &connection);
    // Everything a client checks after connecting: the schema is there, not newer (nor older) than this
    // Sitrep, and the user may do what `access` needs. Each failure is one sentence saying what to do.
    static Core::Result<void> check(ServerConnection &connection, Access access);

    // Each entry moves the schema one version up; never edit a shipped entry: add one.
    static const QList<QStringList> &migrations();
    // Idempotent grants for the current version (run after every init).
    static const QStringList &grants();
};

} // namespace Sitrep::Team
