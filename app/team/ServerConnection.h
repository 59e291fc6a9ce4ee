#pragma once

#include "core/Result.h"
#include "team/ServerUrl.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QVariant>

namespace Sitrep::Team {

// One connection to the team server (Qt's QPSQL driver over libpq), owned by the thread that opens it: a
// QSqlDatabase must not cross threads. Every failure comes back as a sentence (ServerErrors).
class ServerConnection final
{
public:
    // password: typed or from the keychain; empty leaves it to libpq (URL, PGPASSWORD, ~/.pgpass).
    ServerConnection(ServerUrl url, QString password = {},
                     QString applicationName = QStringLiteral("sitrep"));
    ~ServerConnection();
    ServerConnection(const ServerConnection &) = delete;
    ServerConnection &operator=(const ServerConnection &) = delete;

    Core::Result<void> open();
    void close();
    // True while libpq says the connection is good (false after the server went away).
    bool isOpen() const;
    const ServerUrl &url() const { return m_url; }
    QSqlDatabase database() const;
    QString connectionName() const { return m_name; }

    // Runs one statement (no bound values: literal() quotes them), fetching every row at once.
    // what: the action for the error sentence ("pushing events").
    Core::Result<QSqlQuery> exec(const QString &sql, const QString &what);
    // A value as an SQL literal, quoted and escaped by the driver.
    QString literal(const QVariant &value) const;
    // The last error was the connection going away (reconnect) rather than a refusal.
    bool lastErrorWasConnectionLost() const { return m_lastLost; }

private:
    ServerUrl m_url;
    QString m_password;
    QString m_applicationName;
    QString m_name;
    bool m_lastLost = false;
};

} // namespace Sitrep::Team
