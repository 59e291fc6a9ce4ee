#include "kube/StatusText.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace Sitrep::Kube {

QString StatusText::statusMessage(const QByteArray &body)
{
    const QJsonObject o = QJsonDocument::fromJson(body).object();
    if (o.value(QStringLiteral("kind")).toString() != QLatin1String("Status"))
        return {};
    return o.value(QStringLiteral("message")).toString();
}

QString StatusText::sentence(int httpStatus, const QByteArray &body, const QString &user, const QString &what)
{
    QString msg = statusMessage(body);
    if (msg.isEmpty())
        msg = QString::fromUtf8(body.left(300)).trimmed();
    const QString detail = msg.isEmpty() ? QString() : QStringLiteral(": ") + msg;
    const QString who = user.isEmpty() ? QStringLiteral("(anonymous)") : user;
    const QString action = what.isEmpty() ? QStringLiteral("the request") : what;
    switch (httpStatus) {
    case 401:
        return QStringLiteral(
                   "the cluster rejected the credentials of user %1 (401)%2. Renew the token or log in "
                   "again, then reconnect.")
            .arg(who, detail);
    case 403:
        return QStringLiteral(
                   "user %1 is not allowed to %2 (403)%3. Ask a cluster admin for the RBAC permission.")
            .arg(who, action, detail);
    case 404:
        return QStringLiteral("%1 failed: not found (404)%2").arg(action, detail);
    case 409:
        return QStringLiteral("%1 failed: conflict (409)%2. Reload and try again.").arg(action, detail);
    case 410:
        return QStringLiteral("%1 failed: the resource version expired (410)%2").arg(action, detail);
    case 422:
        return QStringLiteral("%1 was refused as invalid (422)%2").arg(action, detail);
    case 429:
        return QStringLiteral("%1 was throttled by the API server (429)%2. Sitrep retries later.")
            .arg(action, detail);
    default:
        break;
    }
    if (httpStatus >= 500)
        return QStringLiteral("%1 failed: the API server had an error (%2)%3. Sitrep retries.")
            .arg(action)
            .arg(httpStatus)
            .arg(detail);
    return QStringLiteral("%1 failed (HTTP %2)%3").arg(action).arg(httpStatus).arg(detail);
}

} // namespace Sitrep::Kube
