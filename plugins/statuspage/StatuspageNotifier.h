#pragma once

#include "HttpSender.h"
#include "comms/NotifierInterface.h"

#include <QObject>

namespace Sitrep::Plugins {

// Creates an incident on an Atlassian Statuspage page with the first update and updates that same
// incident afterwards (its id comes back as the delivery's externalId and is handed in as "externalId").
// Channel config: "pageId", "apiKeySecret" (or "apiKey"), optional "apiBase" (default
// https://api.statuspage.io/v1), "componentIds": [...], "impactBySeverity": {"P0": "critical", ...}.
class StatuspageNotifier final : public QObject, public Sitrep::Comms::NotifierInterface
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID SitrepNotifierInterface_iid FILE "statuspage.json")
    Q_INTERFACES(Sitrep::Comms::NotifierInterface)
public:
    QString id() const override { return QStringLiteral("statuspage"); }
    QString displayName() const override { return QStringLiteral("Atlassian Statuspage"); }
    QStringList configKeys() const override
    {
        return {QStringLiteral("pageId"), QStringLiteral("apiKeySecret"), QStringLiteral("apiBase"),
                QStringLiteral("componentIds"), QStringLiteral("impactBySeverity")};
    }
    void initialize(const Sitrep::Comms::NotifierContext &context) override { m_http.setContext(context); }
    void publish(const Sitrep::Comms::NotifierUpdate &update, const QJsonObject &channelConfig,
                 Callback done) override;
    void abortAll() override { m_http.abortAll(); }

    // {"incident": {...}}: name, status, body, and on creation impact_override and component_ids.
    static QByteArray body(const Sitrep::Comms::NotifierUpdate &update, const QJsonObject &config,
                           bool create);

private:
    void send(const Sitrep::Comms::NotifierUpdate &update, const QJsonObject &config, const QString &base,
              const QString &pageId, const QString &key, const QString &existing, Callback done);
    HttpSender m_http;
};

} // namespace Sitrep::Plugins
