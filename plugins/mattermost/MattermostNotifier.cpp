#include "MattermostNotifier.h"

namespace Sitrep::Plugins {

using Sitrep::Comms::NotifierResult;

QByteArray MattermostNotifier::body(const Sitrep::Comms::NotifierUpdate &u, const QJsonObject &config)
{
    QJsonObject o{{QStringLiteral("text"), u.markdown}};
    // Optional overrides the webhook may allow; absent keys keep the webhook's own defaults.
    const std::pair<const char *, const char *> optional[] = {
        {"channel", "channel"}, {"username", "username"}, {"iconUrl", "icon_url"}};
    for (const auto &[from, to] : optional) {
        const QString v = config.value(QLatin1String(from)).toString();
        if (!v.isEmpty())
            o.insert(QLatin1String(to), v);
    }
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

void MattermostNotifier::publish(const Sitrep::Comms::NotifierUpdate &update, const QJsonObject &config,
                                 Callback done)
{
    QString error;
    const QString url =
        m_http.setting(config, QStringLiteral("url"), QStringLiteral("Mattermost webhook URL"), &error);
    if (url.isEmpty()) {
        done({NotifierResult::Outcome::Failed, 0, error, {}});
        return;
    }
    m_http.send(HttpSender::jsonRequest(QUrl(url), m_http.context().userAgent), "POST", body(update, config),
                QStringLiteral("webhook URL"),
                [done](const NotifierResult &r, const QByteArray &) { done(r); });
}

} // namespace Sitrep::Plugins
