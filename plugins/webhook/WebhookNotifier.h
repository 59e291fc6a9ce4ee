#pragma once

#include "HttpSender.h"
#include "comms/NotifierInterface.h"

#include <QObject>

namespace Sitrep::Plugins {

// Posts the update as JSON to any URL, with custom headers (plain, or values taken from secrets).
// Channel config: "url" or "urlSecret", "headers": {"X-Team": "sre"}, "headerSecrets": {"Authorization":
// "name"}.
class WebhookNotifier final : public QObject, public Sitrep::Comms::NotifierInterface
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID SitrepNotifierInterface_iid FILE "webhook.json")
    Q_INTERFACES(Sitrep::Comms::NotifierInterface)
public:
    QString id() const override { return QStringLiteral("webhook"); }
    QString displayName() const override { return QStringLiteral("Generic webhook (JSON POST)"); }
    QStringList configKeys() const override;
    void initialize(const Sitrep::Comms::NotifierContext &context) override { m_http.setContext(context); }
    void publish(const Sitrep::Comms::NotifierUpdate &update, const QJsonObject &channelConfig,
                 Callback done) override;
    void abortAll() override { m_http.abortAll(); }

    static QByteArray body(const Sitrep::Comms::NotifierUpdate &update);

private:
    HttpSender m_http;
};

} // namespace Sitrep::Plugins
