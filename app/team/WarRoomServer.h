#pragma once

#include "core/Result.h"
#include "team/PostgresCluster.h"

#include <QString>

#include <memory>

namespace Sitrep::Team {

// `sitrep team serve`: a team server for a war room that has no database. A PostgreSQL cluster of its
// own in a directory, with TLS (its own CA: responders verify the server with ca.crt), the Sitrep schema,
// and two logins: "responder" (sitrep_responder) and "wall" (sitrep_wall). The generated passwords are
// kept beside the cluster (0600) so a restart hands out the same URLs.
class WarRoomServer final
{
public:
    struct Options
    {
        QString dir;
        int port = 5432;
        QString listen = QStringLiteral("*");
        QString hostName; // what the printed URLs name (default: this machine's name)
    };
    struct Urls
    {
        QString responder; // postgresql://responder:PW@host:port/sitrep?sslrootcert=...
        QString wall;
        QString local; // the responder URL through 127.0.0.1
        QString caCert;
    };

    explicit WarRoomServer(Options options);
    ~WarRoomServer();

    Core::Result<Urls> start();
    Core::Result<void> stop();

private:
    Core::Result<QString> password(const QString &role);

    Options m_options;
    std::unique_ptr<PostgresCluster> m_cluster;
};

} // namespace Sitrep::Team
