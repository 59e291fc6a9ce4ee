#include "team/WarRoomServer.h"

#include "team/ServerCertificates.h"
#include "team/ServerConnection.h"
#include "team/ServerSchema.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSysInfo>
#include <QUrl>

using namespace Sitrep::Core;

namespace Sitrep::Team {

namespace {

QString randomPassword()
{
    static const QString alphabet =
        QStringLiteral("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789");
    QString out;
    for (int i = 0; i < 24; ++i)
        out += alphabet.at(QRandomGenerator::system()->bounded(int(alphabet.size())));
    return out;
}

} // namespace

WarRoomServer::WarRoomServer(Options options)
    : m_options(std::move(options))
{
    if (m_options.hostName.isEmpty())
        m_options.hostName = QSysInfo::machineHostName();
    m_options.dir = QFileInfo(m_options.dir).absoluteFilePath();
}

WarRoomServer::~WarRoomServer() = default;

Result<QString> WarRoomServer::password(const QString &role)
{
    // The server's own secrets, beside its data (like the password hashes PostgreSQL keeps there).
    const QString path = m_options.dir + QStringLiteral("/passwords.json");
    QJsonObject all;
    {
        QFile f(path);
        if (f.open(QIODevice::ReadOnly))
            all = QJsonDocument::fromJson(f.readAll()).object();
    }
    if (all.contains(role))
        return all.value(role).toString();
    all.insert(role, randomPassword());
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return makeError(QStringLiteral("cannot write %1: %2").arg(path, f.errorString()));
    f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    f.write(QJsonDocument(all).toJson());
    return all.value(role).toString();
}

Result<WarRoomServer::Urls> WarRoomServer::start()
{
    if (!QDir().mkpath(m_options.dir))
        return makeError(QStringLiteral("cannot create the directory"), m_options.dir);
    auto owner = password(QStringLiteral("sitrep"));
    auto responder = password(QStringLiteral("responder"));
    auto wall = password(QStringLiteral("wall"));
    if (!owner || !responder || !wall)
        return makeError(QStringLiteral("cannot keep the server's passwords"), m_options.dir);
    QStringList names = ServerCertificates::localNames();
    names.removeAll(m_options.hostName);
    names.prepend(m_options.hostName);
    auto certs = ServerCertificates::ensure(m_options.dir + QStringLiteral("/tls"), names);
    if (!certs)
        return certs.error();

    PostgresCluster::Options o;
    o.dir = m_options.dir;
    o.port = m_options.port;
    o.listen = m_options.listen;
    o.superPassword = *owner;
    o.certFile = certs->serverCert;
    o.keyFile = certs->serverKey;
    m_cluster = std::make_unique<PostgresCluster>(o);
    if (auto r = m_cluster->initialize(); !r)
        return r.error();
    if (auto r = m_cluster->start(); !r)
        return r.error();
    auto exists = m_cluster->psql(QStringLiteral("SELECT 1 FROM pg_database WHERE datname = 'sitrep'"));
    if (!exists)
        return exists.error();
    if (exists->isEmpty()) {
        if (auto r = m_cluster->psql(QStringLiteral("CREATE DATABASE sitrep")); !r)
            return r.error();
    }
    {
        auto admin = ServerUrl::parse(m_cluster->adminUrl(QStringLiteral("sitrep")));
        if (!admin)
            return admin.error();
        ServerConnection c(*admin, {}, QStringLiteral("sitrep team serve"));
        if (auto r = c.open(); !r)
            return r.error();
        if (auto r = ServerSchema::init(c); !r)
            return r.error();
        for (const auto &[login, role, pw] :
             {std::tuple{QStringLiteral("responder"), ServerSchema::kResponderRole, *responder},
              std::tuple{QStringLiteral("wall"), ServerSchema::kWallRole, *wall}}) {
            auto found =
                c.exec(QStringLiteral("SELECT 1 FROM pg_roles WHERE rolname = %1").arg(c.literal(login)),
                       QStringLiteral("looking up %1").arg(login));
            if (!found)
                return found.error();
            const QString verb = found.value().next() ? QStringLiteral("ALTER") : QStringLiteral("CREATE");
            if (auto r =
                    c.exec(QStringLiteral("%1 ROLE %2 LOGIN PASSWORD %3").arg(verb, login, c.literal(pw)),
                           QStringLiteral("setting up the %1 login").arg(login));
                !r)
                return r.error();
            if (auto r = c.exec(QStringLiteral("GRANT %1 TO %2").arg(role, login),
                                QStringLiteral("granting %1 to %2").arg(role, login));
                !r)
                return r.error();
        }
    }
    Urls urls;
    urls.caCert = certs->caCert;
    const QString tls = QStringLiteral("sslmode=verify-full&sslrootcert=") +
                        QString::fromLatin1(QUrl::toPercentEncoding(certs->caCert, "/"));
    auto url = [&](const QString &user, const QString &pw, const QString &host) {
        return QStringLiteral("postgresql://%1:%2@%3:%4/sitrep?%5")
            .arg(user, pw, host)
            .arg(m_options.port)
            .arg(tls);
    };
    urls.responder = url(QStringLiteral("responder"), *responder, m_options.hostName);
    urls.wall = url(QStringLiteral("wall"), *wall, m_options.hostName);
    urls.local = url(QStringLiteral("responder"), *responder, QStringLiteral("127.0.0.1"));
    return urls;
}

Result<void> WarRoomServer::stop()
{
    if (!m_cluster)
        return {};
    return m_cluster->stop(PostgresCluster::StopMode::Fast);
}

} // namespace Sitrep::Team
