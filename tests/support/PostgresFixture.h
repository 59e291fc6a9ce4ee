#pragma once

#include "team/PostgresCluster.h"

#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>

namespace Sitrep::Test {

// A real PostgreSQL 15 on a free port of 127.0.0.1 in a temporary directory, with database "sitrep", the
// Sitrep schema (unless asked not to) and login users:
//   sitrep (superuser, owner), alice/bob/carol (sitrep_responder), wall (sitrep_wall),
//   reader (sitrep_wall: a role without INSERT), outsider (no Sitrep role).
// Every password is "pw-<user>". With tls, the server offers a certificate for certNames signed by a
// throwaway CA (caCert()).
class PostgresFixture final
{
public:
    struct Options
    {
        bool schema = true;
        bool tls = false;
        bool durable = false; // fsync as a production server does (benchmarks)
        QStringList certNames = {QStringLiteral("localhost"), QStringLiteral("127.0.0.1")};
    };

    PostgresFixture();
    ~PostgresFixture(); // stops the server

    // Empty on success, else what failed (with the server's log); a missing postgresql package says so.
    QString start(const Options &options);
    QString start() { return start(Options{}); }
    QString stop(Team::PostgresCluster::StopMode mode = Team::PostgresCluster::StopMode::Fast);
    QString startAgain();
    QString restart();

    quint16 port() const { return m_port; }
    // postgresql://USER@127.0.0.1:PORT/sitrep (no password; see password()). query is appended after '?'.
    QString url(const QString &user = QStringLiteral("alice"), const QString &query = {}) const;
    static QString password(const QString &user) { return QStringLiteral("pw-") + user; }
    QString caCert() const { return m_caCert; }
    QString dir() const { return m_dir ? m_dir->path() : QString(); }
    Team::PostgresCluster &cluster() { return *m_cluster; }
    // SQL as the superuser (psql on the socket); the result text, or a failure message prefixed "ERROR: ".
    QString sql(const QString &statement, const QString &database = QStringLiteral("sitrep")) const;

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Team::PostgresCluster> m_cluster;
    quint16 m_port = 0;
    QString m_caCert;
    bool m_running = false;
};

} // namespace Sitrep::Test
