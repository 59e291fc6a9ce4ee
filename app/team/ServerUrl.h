#pragma once

#include "core/Result.h"

#include <QMap>
#include <QString>
#include <QStringList>

class QSqlDatabase;

namespace Sitrep::Team {

// Where the team server is: a libpq connection URI (postgresql://user@host:5432/db?sslmode=...) or a
// keyword/value string (host=a,b port=5432 dbname=sitrep target_session_attrs=read-write), read with
// libpq's conventions. What the user did not say is left to libpq (PGPASSWORD, ~/.pgpass, PGUSER,
// PGSSLROOTCERT ...), except TLS: a server that is not on this machine gets sslmode=verify-full unless the
// URL or PGSSLMODE chooses otherwise, and that explicit choice is reported (plainTextToRemote()).
class ServerUrl final
{
public:
    static Core::Result<ServerUrl> parse(const QString &text);

    QStringList hosts() const { return m_hosts; } // empty: libpq's default (PGHOST or the local socket)
    QStringList ports() const { return m_ports; }
    QString user() const { return m_params.value(QStringLiteral("user")); }
    QString database() const { return m_params.value(QStringLiteral("dbname")); }
    // A password written into the URL itself (discouraged: the keychain or ~/.pgpass are better).
    QString password() const { return m_password; }
    // Every libpq keyword given, except host, port, user, dbname and password.
    QMap<QString, QString> options() const;
    QString option(const QString &keyword) const { return m_params.value(keyword); }

    // True when every host is this machine (a Unix socket, localhost, 127.0.0.0/8 or ::1).
    bool isLoopback() const;
    // The sslmode in force: the URL's, else PGSSLMODE, else verify-full for a remote server, else libpq's
    // default ("prefer").
    QString sslMode() const;
    bool sslModeExplicit() const;
    // The connection may travel unencrypted or unverified over a network (an explicit choice in the URL).
    bool plainTextToRemote() const;
    bool verifiesCertificate() const;

    // "alice@db1,db2:5432/sitrep": who and where, for banners, logs and error sentences (never a password).
    QString display() const;
    // The URL to store in an incident file, or (without the user) to hand to someone else: no password.
    QString toString(bool withUser = true) const;
    // The keychain entry a typed password is filed under (per user and server).
    QString secretName() const;

    // Points a QPSQL connection at this server. password: from the keychain or a dialog; empty leaves it to
    // libpq (PGPASSWORD, ~/.pgpass). applicationName lands in pg_stat_activity.
    void configure(QSqlDatabase &db, const QString &password, const QString &applicationName) const;
    // The libpq keywords configure() passes as connect options (tests and error messages read them).
    QString connectOptions(const QString &applicationName) const;

private:
    static Core::Result<ServerUrl> parseUri(const QString &text);
    static Core::Result<ServerUrl> parseKeywords(const QString &text);
    Core::Result<void> finish();

    QStringList m_hosts;
    QStringList m_ports;
    QString m_password;
    QMap<QString, QString> m_params; // libpq keyword -> value
};

// True for a host libpq reaches without a network: a socket directory, localhost, 127.0.0.0/8, ::1.
bool isLoopbackHost(const QString &host);

} // namespace Sitrep::Team
