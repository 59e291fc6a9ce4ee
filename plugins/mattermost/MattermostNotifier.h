#pragma once

#include "HttpSender.h"
#include "comms/NotifierInterface.h"

#include <QObject>

namespace Sitrep::Plugins {

// Posts the Markdown update to a Mattermost incoming webhook.
// Channel config: "urlSecret" or "url", optional "channel", "username", "iconUrl".
class MattermostNotifier final : public QObject, public Sitrep::Comms::NotifierInterface
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID SitrepNotifierInterface_iid FILE "mattermost.json")
    Q_INTERFACES(Sitrep::Comms::NotifierInterface)
public:
    QString id() const override { return QStringLiteral("mattermost"); }
    QString displayName() const override { return QStringLiteral("Mattermost (incoming webhook)"); }
    QStringList configKeys() const override
    {
        return {QStringLiteral("urlSecret"), QStringLiteral("channel"), QStringLiteral("username"),
                QStringLiteral("iconUrl")};
    }
    void initialize(const Sitrep::Comms::NotifierContext &context) override { m_http.setContext(context); }
    void publish(const Sitrep::Comms::NotifierUpdate &update, const QJsonObject &channelConfig,
                 Callback done) override;
    void abortAll() override { m_http.abortAll(); }

    static QByteArray body(const Sitrep::Comms::NotifierUpdate &update, const QJsonObject &config);

private:
    HttpSender m_http;
};

} // namespace Sitrep::Plugins
