#include "support/PostgresFixture.h"

#include "support/TestEnv.h"
#include "team/ServerCertificates.h"
#include "team/ServerConnection.h"
#include "team/ServerSchema.h"

#include <QFile>
#include <QFileInfo>

#include <sys/stat.h>

namespace Sitrep::Test {

using Team::PostgresCluster;

PostgresFixture::PostgresFixture() = default;

PostgresFixture::~PostgresFixture()
{
    if (m_running && m_cluster)
        (void)m_cluster->stop(PostgresCluster::StopMode::Immediate);
}

QString PostgresFixture::start(const Options &options)
{
    if (!QFileInfo(PostgresCluster::binDir() + QStringLiteral("/initdb")).isExecutable())
        return QStringLiteral(
                   "PostgreSQL 15 is not installed (%1/initdb missing): run packaging/install-deps.sh "
                   "(apt-get install postgresql libqt6sql6-psql)")
            .arg(PostgresCluster::binDir());
    m_dir = std::make_unique<QTemporaryDir>();
    if (!m_dir->isValid())
        return QStringLiteral("cannot create a temporary directory");
    // postgres runs as the postgres user when we are root: it must be able to enter the directory.
    ::chmod(QFile::encodeName(m_dir->path()).constData(), 0755);
    m_port = freePort();
    PostgresCluster::Options o;
    o.dir = m_dir->path() + QStringLiteral("/pg");
    o.port = m_port;
    o.superPassword = password(QStringLiteral("sitrep"));
    // Tests want a fast server, not one that survives a power cut: without fsync a commit still reaches the
    // kernel before it is acknowledged, so a killed server (stop -m immediate) loses nothing acknowledged.
    // Benchmarks keep the defaults.
    o.settings << QStringLiteral("max_connections=200");
    if (!options.durable)
        o.settings << QStringLiteral("fsync=off") << QStringLiteral("full_page_writes=off");
    if (options.tls) {
        auto certs =
            Team::ServerCertificates::ensure(m_dir->path() + QStringLiteral("/tls"), options.certNames);
        if (!certs)
            return certs.error().text();
        m_caCert = certs->caCert;
        o.certFile = certs->serverCert;
        o.keyFile = certs->serverKey;
    }
    m_cluster = std::make_unique<PostgresCluster>(o);
    if (auto r = m_cluster->initialize(); !r)
        return r.error().text();
    if (auto r = m_cluster->start(); !r)
        return r.error().text();
    m_running = true;
    if (auto r = m_cluster->psql(QStringLiteral("CREATE DATABASE sitrep")); !r)
        return r.error().text();
    if (options.schema) {
        auto url = Team::ServerUrl::parse(m_cluster->adminUrl(QStringLiteral("sitrep")));
        if (!url)
            return url.error().text();
        Team::ServerConnection owner(*url);
        if (auto r = owner.open(); !r)
            return r.error().text();
        if (auto r = Team::ServerSchema::init(owner); !r)
            return r.error().text();
    } else {
        for (const char *role : {"sitrep_responder", "sitrep_wall"}) {
            if (auto r = m_cluster->psql(QStringLiteral("CREATE ROLE %1 NOLOGIN").arg(QLatin1String(role)));
                !r)
                return r.error().text();
        }
    }
    const QList<std::pair<QString, QString>> users = {
        {QStringLiteral("alice"), QStringLiteral("sitrep_responder")},
        {QStringLiteral("bob"), QStringLiteral("sitrep_responder")},
        {QStringLiteral("carol"), QStringLiteral("sitrep_responder")},
        {QStringLiteral("wall"), QStringLiteral("sitrep_wall")},
        {QStringLiteral("reader"), QStringLiteral("sitrep_wall")},
        {QStringLiteral("outsider"), QString()},
    };
    for (const auto &[user, role] : users) {
        QString statement = QStringLiteral("CREATE ROLE %1 LOGIN PASSWORD '%2'").arg(user, password(user));
        if (!role.isEmpty())
            statement += QStringLiteral(" IN ROLE ") + role;
        if (auto r = m_cluster->psql(statement); !r)
            return r.error().text();
    }
    return {};
}

QString PostgresFixture::stop(PostgresCluster::StopMode mode)
{
    if (!m_cluster)
        return QStringLiteral("not started");
    if (auto r = m_cluster->stop(mode); !r)
        return r.error().text();
    m_running = false;
    return {};
}

QString PostgresFixture::startAgain()
{
    if (!m_cluster)
        return QStringLiteral("not started");
    if (auto r = m_cluster->start(); !r)
        return r.error().text();
    m_running = true;
    return {};
}

QString PostgresFixture::restart()
{
    if (auto e = stop(PostgresCluster::StopMode::Fast); !e.isEmpty())
        return e;
    return startAgain();
}

QString PostgresFixture::url(const QString &user, const QString &query) const
{
    QString u = QStringLiteral("postgresql://%1@127.0.0.1:%2/sitrep").arg(user).arg(m_port);
    if (!query.isEmpty())
        u += QLatin1Char('?') + query;
    return u;
}

QString PostgresFixture::sql(const QString &statement, const QString &database) const
{
    if (!m_cluster)
        return QStringLiteral("ERROR: not started");
    auto r = m_cluster->psql(statement, database);
    return r ? *r : QStringLiteral("ERROR: ") + r.error().text();
}

} // namespace Sitrep::Test
