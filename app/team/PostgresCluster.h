#pragma once

#include "core/Result.h"

#include <QString>
#include <QStringList>

namespace Sitrep::Team {

// A real PostgreSQL 15 cluster in a directory of its own (initdb + pg_ctl from Debian's postgresql package),
// for `sitrep team serve` and for the tests. postgres refuses to run as root, so when started as root the
// programs run as the unprivileged `postgres` user the package creates, and the directory is handed to it.
// Local connections (the Unix socket in dir/run) are trusted for the superuser; TCP ones need a password.
class PostgresCluster final
{
public:
    struct Options
    {
        QString dir; // holds data/, run/ (socket), log, tls/
        int port = 5432;
        QString listen = QStringLiteral("127.0.0.1"); // listen_addresses ('*' for a war room)
        QString superuser = QStringLiteral("sitrep");
        QString superPassword; // for TCP logins of the superuser
        QString certFile;      // server certificate and key: ssl=on when both are set
        QString keyFile;
        QStringList settings; // extra -c name=value
    };

    explicit PostgresCluster(Options options);
    ~PostgresCluster(); // leaves the server running: stop() it (tests do; `team serve` does on a signal)

    // Where initdb, pg_ctl and postgres live: $SITREP_PG_BINDIR, else /usr/lib/postgresql/15/bin.
    static QString binDir();
    static bool runsAsPostgresUser(); // true when we are root

    // initdb when dir/data holds no cluster yet (and the password file is written only for that run).
    Core::Result<void> initialize();
    bool isInitialized() const;
    // pg_ctl start -w: returns once the server accepts connections.
    Core::Result<void> start();
    enum class StopMode { Smart, Fast, Immediate };
    Core::Result<void> stop(StopMode mode = StopMode::Fast);
    Core::Result<void> restart();
    bool isRunning() const;

    const Options &options() const { return m_options; }
    QString dataDir() const;
    QString socketDir() const;
    QString logFile() const;
    // Superuser over the Unix socket (trusted): for init and administration on this machine.
    QString adminUrl(const QString &database = QStringLiteral("postgres")) const;

    // Runs one SQL statement as the superuser through psql on the socket (set-up that must happen before
    // any Sitrep connection: creating the database and login roles). Returns psql's output.
    Core::Result<QString> psql(const QString &sql,
                               const QString &database = QStringLiteral("postgres")) const;

private:
    Core::Result<QString> run(const QString &program, const QStringList &args, int timeoutMs) const;
    Core::Result<void> handOver(const QString &path) const; // chown to postgres when running as root

    Options m_options;
};

} // namespace Sitrep::Team
