#include "WebhookNotifier.h"

#include <QDateTime>

namespace Sitrep::Plugins {

using Sitrep::Comms::NotifierResult;

QStringList WebhookNotifier::configKeys() const
{
    return {QStringLiteral("urlSecret"), QStringLiteral("headers"), QStringLiteral("headerSecrets")};
}

QByteArray WebhookNotifier::body(const Sitrep::Comms::NotifierUpdate &u)
{
    const QJsonObject o{
        {QStringLiteral("updateId"), u.updateId},
        {QStringLiteral("template"), u.templateName},
        {QStringLiteral("heading"), u.heading},
        {QStringLiteral("status"), u.status},
        {QStringLiteral("severity"), u.severity},
        {QStringLiteral("service"), u.service},
        {QStringLiteral("text"), u.plainText},
        {QStringLiteral("markdown"), u.markdown},
        {QStringLiteral("fields"), u.fields},
        {QStringLiteral("createdAt"),
         QDateTime::fromMSecsSinceEpoch(u.createdMs, Qt::UTC).toString(Qt::ISODateWithMs)},
    };
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

void WebhookNotifier::publish(const Sitrep::Comms::NotifierUpdate &update, const QJsonObject &config,
                              Callback done)
{
    QString error;
    const QString url = m_http.setting(config, QStringLiteral("url"), QStringLiteral("webhook URL"), &error);
    if (url.isEmpty()) {
        done({NotifierResult::Outcome::Failed, 0, error, {}});
        return;
    }
    QNetworkRequest req = HttpSender::jsonRequest(QUrl(url), m_http.context().userAgent);
    const QJsonObject headers = config.value(QLatin1String("headers")).toObject();
    for (auto it = headers.begin(); it != headers.end(); ++it)
        req.setRawHeader(it.key().toUtf8(), it.value().toString().toUtf8());
    const QJsonObject secretHeaders = config.value(QLatin1String("headerSecrets")).toObject();
    for (auto it = secretHeaders.begin(); it != secretHeaders.end(); ++it) {
        const QString value =
            m_http.context().secret ? m_http.context().secret(it.value().toString()) : QString();
        if (value.isEmpty()) {
            done({NotifierResult::Outcome::Failed,
                  0,
                  QStringLiteral(
                      "the secret \"%1\" for header %2 is not available — unlock the keychain or enter it "
                      "in settings")
                      .arg(it.value().toString(), it.key()),
                  {}});
            return;
        }
        req.setRawHeader(it.key().toUtf8(), value.toUtf8());
    }
    m_http.send(req, "POST", body(update), QStringLiteral("webhook URL and headers"),
                [done](const NotifierResult &r, const QByteArray &) { done(r); });
}

} // namespace Sitrep::Plugins
