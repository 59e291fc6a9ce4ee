#pragma once

#include "HttpSender.h"
#include "comms/NotifierInterface.h"

#include <QObject>

namespace Sitrep::Plugins {

// Posts to a Slack incoming webhook with Block Kit: a header block and mrkdwn sections.
// Channel config: "urlSecret" (the webhook URL is a secret: it carries its token in the path) or "url".
class SlackNotifier final : public QObject, public Sitrep::Comms::NotifierInterface
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID SitrepNotifierInterface_iid FILE "slack.json")
    Q_INTERFACES(Sitrep::Comms::NotifierInterface)
public:
    QString id() const override { return QStringLiteral("slack"); }
    QString displayName() const override { return QStringLiteral("Slack (incoming webhook)"); }
    QStringList configKeys() const override { return {QStringLiteral("urlSecret")}; }
    void initialize(const Sitrep::Comms::NotifierContext &context) override { m_http.setContext(context); }
    void publish(const Sitrep::Comms::NotifierUpdate &update, const QJsonObject &channelConfig,
                 Callback done) override;
    void abortAll() override { m_http.abortAll(); }

    static QByteArray body(const Sitrep::Comms::NotifierUpdate &update);

private:
    HttpSender m_http;
};

} // namespace Sitrep::Plugins
