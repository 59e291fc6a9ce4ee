#include "runbook/DatabaseTarget.h"

#include <QRegularExpression>
#include <QUrl>
#include <QUrlQuery>

namespace Sitrep::Runbook {

Core::Result<DatabaseTarget::Parts> DatabaseTarget::parseUrl(const QString &text)
{
    const QUrl url(text.trimmed(), QUrl::StrictMode);
    if (!url.isValid() ||
        (url.scheme() != QLatin1String("postgres") && url.scheme() != QLatin1String("postgresql")))
        return Core::makeError(
            QStringLiteral("\"%1\" is not a PostgreSQL URL (postgresql://user@host:5432/dbname)").arg(text),
            QStringLiteral("databaseUrl"));
    if (!url.password().isEmpty())
        return Core::makeError(QStringLiteral("put the database password in the keychain, not in the URL"),
                               QStringLiteral("databaseUrl"));
    Parts p;
    p.user = url.userName();
    p.host = url.host();
    p.port = url.port(5432);
    p.database = url.path().mid(1);
    static const QRegularExpression keyword(QStringLiteral("^[a-z_]+$"));
    for (const auto &[key, value] : QUrlQuery(url).queryItems(QUrl::FullyDecoded)) {
        if (!keyword.match(key).hasMatch() || key == QLatin1String("password"))
            return Core::makeError(
                QStringLiteral("\"%1\" is not a connection option this URL may carry").arg(key),
                QStringLiteral("databaseUrl"));
        p.options << key + QLatin1Char('=') + value;
    }
    return p;
}

Core::Result<void> DatabaseTarget::validate() const
{
    if (!url.isEmpty()) {
        if (auto p = parseUrl(url); !p)
            return p.error();
    }
    if (!pod.isEmpty()) {
        static const QRegularExpression podRe(
            QStringLiteral("^([a-z0-9]([-a-z0-9]*[a-z0-9])?/"
                           ")?[a-z0-9]([-.a-z0-9]*[a-z0-9])?(:[a-z0-9]([-a-z0-9]*[a-z0-9])?)?$"));
        if (!podRe.match(pod).hasMatch())
            return Core::makeError(
                QStringLiteral("\"%1\" is not a pod to run psql in ([namespace/]pod[:container])").arg(pod),
                QStringLiteral("databasePod"));
    }
    return {};
}

QString DatabaseTarget::podNamespace() const
{
    return pod.contains(QLatin1Char('/')) ? pod.section(QLatin1Char('/'), 0, 0) : QString();
}

QString DatabaseTarget::podName() const
{
    return pod.section(QLatin1Char('/'), -1).section(QLatin1Char(':'), 0, 0);
}

QString DatabaseTarget::podContainer() const
{
    return pod.contains(QLatin1Char(':')) ? pod.section(QLatin1Char(':'), -1) : QString();
}

QString DatabaseTarget::describe() const
{
    const auto parts = url.isEmpty() ? Core::Result<Parts>(Parts{}) : parseUrl(url);
    if (viaKubectl()) {
        QString s = QStringLiteral("psql in pod %1").arg(pod.section(QLatin1Char(':'), 0, 0));
        if (parts && !parts->database.isEmpty())
            s += QStringLiteral(" (database %1)").arg(parts->database);
        return s;
    }
    if (!parts)
        return url;
    QString s = parts->database.isEmpty() ? QStringLiteral("the default database") : parts->database;
    if (!parts->host.isEmpty())
        s += QStringLiteral(" on %1:%2").arg(parts->host).arg(parts->port);
    if (!parts->user.isEmpty())
        s += QStringLiteral(" as %1").arg(parts->user);
    return s;
}

QString DatabaseTarget::confirmWord() const
{
    if (!url.isEmpty()) {
        if (const auto p = parseUrl(url); p && !p->database.isEmpty())
            return p->database;
    }
    return viaKubectl() ? podName() : QStringLiteral("database");
}

} // namespace Sitrep::Runbook
