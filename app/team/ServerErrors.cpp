#include "team/ServerErrors.h"

#include "team/ServerUrl.h"

#include <QRegularExpression>
#include <QSqlError>

using namespace Sitrep::Core;

namespace Sitrep::Team::ServerErrors {

namespace {

QString captured(const QString &text, const QString &pattern)
{
    const auto m = QRegularExpression(pattern).match(text);
    return m.hasMatch() ? m.captured(1) : QString();
}

// "connection to server at "127.0.0.1", port 5432 failed: " -> 127.0.0.1:5432
QString serverAddress(const QString &text, const ServerUrl &url)
{
    const auto m = QRegularExpression(QStringLiteral("server at \"([^\"]+)\"(?: \\([^)]*\\))?, port (\\d+)"))
                       .match(text);
    if (m.hasMatch())
        return m.captured(1) + QLatin1Char(':') + m.captured(2);
    return url.display();
}

} // namespace

QString serverText(const QSqlError &error)
{
    QString text = error.databaseText().trimmed();
    if (text.isEmpty())
        text = error.driverText().trimmed();
    // Qt appends "(SQLSTATE)" to the server's message.
    if (!error.nativeErrorCode().isEmpty() &&
        text.endsWith(QStringLiteral("(%1)").arg(error.nativeErrorCode())))
        text.chop(error.nativeErrorCode().size() + 2);
    text.remove(QRegularExpression(QStringLiteral("^(ERROR|FATAL):\\s+")));
    return text.simplified();
}

Error connectFailed(const ServerUrl &url, const QSqlError &error)
{
    const QString text = error.databaseText();
    const QString where = url.display();
    const QString at = serverAddress(text, url);
    const QString user = url.user().isEmpty() ? QStringLiteral("(your login name)") : url.user();
    if (text.contains(QLatin1String("password authentication failed"))) {
        const QString who = captured(text, QStringLiteral("for user \"([^\"]+)\""));
        return makeError(
            QStringLiteral("the team server at %1 refused the password for user \"%2\": check the "
                           "password (typed, PGPASSWORD or ~/.pgpass)")
                .arg(at, who.isEmpty() ? user : who),
            where);
    }
    if (text.contains(QLatin1String("no password supplied")))
        return makeError(
            QStringLiteral("the team server at %1 wants a password for user \"%2\" and none was "
                           "given: type it when sharing or joining (it is kept in the keychain), "
                           "or set PGPASSWORD or ~/.pgpass")
                .arg(at, user),
            where);
    if (text.contains(QLatin1String("could not translate host name"))) {
        const QString host = captured(text, QStringLiteral("host name \"([^\"]+)\""));
        return makeError(
            QStringLiteral("unknown host \"%1\": the name does not resolve; check the server URL").arg(host),
            where);
    }
    if (text.contains(QLatin1String("does not match host name"))) {
        const QString certName = captured(text, QStringLiteral("certificate for \"([^\"]+)\""));
        const QString host = captured(text, QStringLiteral("does not match host name \"([^\"]+)\""));
        return makeError(QStringLiteral("the team server's certificate is for \"%1\", not \"%2\" "
                                        "(sslmode=%3): connect with the name on the certificate, or have "
                                        "the certificate reissued for this name")
                             .arg(certName, host, url.sslMode()),
                         where);
    }
    if (text.contains(QLatin1String("root certificate file")))
        return makeError(QStringLiteral("sslmode=%1 needs the team's CA certificate to check the server: add "
                                        "sslrootcert=FILE to the URL or set PGSSLROOTCERT (%2)")
                             .arg(url.sslMode(),
                                  captured(text, QStringLiteral("(root certificate file \"[^\"]+\" does not "
                                                                "exist)"))),
                         where);
    if (text.contains(QLatin1String("certificate verify failed")))
        return makeError(QStringLiteral("the team server's certificate is not signed by the CA Sitrep was "
                                        "given (sslmode=%1): check sslrootcert/PGSSLROOTCERT")
                             .arg(url.sslMode()),
                         where);
    if (text.contains(QLatin1String("server does not support SSL")))
        return makeError(
            QStringLiteral("the team server at %1 does not offer TLS but the connection requires "
                           "it (sslmode=%2): enable ssl on the server, or add sslmode=disable "
                           "to the URL for a server on a network you trust")
                .arg(at, url.sslMode()),
            where);
    if (text.contains(QLatin1String("Connection refused")))
        return makeError(QStringLiteral("nothing accepts connections at %1 (connection refused): is the team "
                                        "server running, and is the port right?")
                             .arg(at),
                         where);
    if (text.contains(QLatin1String("timeout expired")))
        return makeError(QStringLiteral("the team server at %1 did not answer in time: check the host, the "
                                        "port and the network (firewall, VPN)")
                             .arg(at),
                         where);
    if (text.contains(QLatin1String("does not exist")) && text.contains(QLatin1String("database"))) {
        const QString db = captured(text, QStringLiteral("database \"([^\"]+)\""));
        return makeError(QStringLiteral("the team server has no database \"%1\": check the database name in "
                                        "the URL (…/sitrep)")
                             .arg(db),
                         where);
    }
    if (text.contains(QLatin1String("role \"")) && text.contains(QLatin1String("does not exist")))
        return makeError(QStringLiteral("the team server has no user \"%1\"").arg(user), where);
    if (text.contains(QLatin1String("pg_hba.conf")))
        return makeError(QStringLiteral("the team server does not let user \"%1\" in from this machine "
                                        "(pg_hba.conf): ask its administrator")
                             .arg(user),
                         where);
    if (text.contains(QLatin1String("read-write")) || text.contains(QLatin1String("read only")))
        return makeError(QStringLiteral("none of the team servers accepts writes right now "
                                        "(target_session_attrs=%1): %2")
                             .arg(url.option(QStringLiteral("target_session_attrs")), serverText(error)),
                         where);
    return makeError(QStringLiteral("cannot connect to the team server: %1").arg(serverText(error)), where);
}

Error queryFailed(const ServerUrl &url, const QString &what, const QSqlError &error)
{
    if (isConnectionLost(error))
        return makeError(QStringLiteral("lost the connection to the team server while %1: %2")
                             .arg(what, serverText(error)),
                         url.display());
    if (isPermissionDenied(error))
        return makeError(QStringLiteral("the team server refused %1 for user \"%2\" (%3): the user needs the "
                                        "sitrep_responder role")
                             .arg(what, url.user(), serverText(error)),
                         url.display());
    return makeError(QStringLiteral("the team server failed %1: %2").arg(what, serverText(error)),
                     url.display());
}

bool isConnectionLost(const QSqlError &error)
{
    const QString code = error.nativeErrorCode();
    if (code.startsWith(QLatin1String("08")) || code == QLatin1String("57P01") ||
        code == QLatin1String("57P02") || code == QLatin1String("57P03"))
        return true;
    if (error.type() == QSqlError::ConnectionError)
        return true;
    const QString text = error.databaseText() + error.driverText();
    return code.isEmpty() && (text.contains(QLatin1String("server closed the connection")) ||
                              text.contains(QLatin1String("no connection to the server")) ||
                              text.contains(QLatin1String("connection to server")) ||
                              text.contains(QLatin1String("terminating connection")) ||
                              text.contains(QLatin1String("could not receive data")) ||
                              text.contains(QLatin1String("could not send data")) ||
                              text.contains(QLatin1String("Unable to send query")) ||
                              text.contains(QLatin1String("Database not open")) ||
                              text.contains(QLatin1String("SSL SYSCALL error")) ||
                              text.contains(QLatin1String("SSL connection has been closed")) ||
                              text.contains(QLatin1String("EOF detected")) || text.trimmed().isEmpty());
}

bool isPermissionDenied(const QSqlError &error)
{
    return error.nativeErrorCode() == QLatin1String("42501");
}

} // namespace Sitrep::Team::ServerErrors
