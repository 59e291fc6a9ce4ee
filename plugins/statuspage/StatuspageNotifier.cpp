#include "StatuspageNotifier.h"

#include <QJsonArray>
#include <QPointer>

namespace Sitrep::Plugins {

using Sitrep::Comms::NotifierResult;

namespace {

QString impactFor(const QString &severity, const QJsonObject &config)
{
    const QJsonObject custom = config.value(QLatin1String("impactBySeverity")).toObject();
    if (custom.contains(severity))
        return custom.value(severity).toString();
    static const QHash<QString, QString> defaults = {{QStringLiteral("P0"), QStringLiteral("critical")},
                                                     {QStringLiteral("P1"), QStringLiteral("major")},
                                                     {QStringLiteral("P2"), QStringLiteral("minor")},
                                                     {QStringLiteral("P3"), QStringLiteral("none")}};
    return defaults.value(severity.toUpper());
}

QString statusFor(const QString &status)
{
    // Sitrep's lifecycle matches Statuspage's realtime incident statuses one to one.
    static const QStringList known = {QStringLiteral("investigating"), QStringLiteral("identified"),
                                      QStringLiteral("monitoring"), QStringLiteral("resolved")};
    return known.contains(status) ? status : QStringLiteral("investigating");
}

} // namespace

QByteArray StatuspageNotifier::body(const Sitrep::Comms::NotifierUpdate &u, const QJsonObject &config,
                                    bool create)
{
    QJsonObject incident{{QStringLiteral("name"), u.heading},
                         {QStringLiteral("status"), statusFor(u.status)},
                         {QStringLiteral("body"), u.plainBody}};
    if (create) {
        if (const QString impact = impactFor(u.severity, config); !impact.isEmpty())
            incident.insert(QStringLiteral("impact_override"), impact);
        const QJsonArray components = config.value(QLatin1String("componentIds")).toArray();
        if (!components.isEmpty())
            incident.insert(QStringLiteral("component_ids"), components);
    }
    return QJsonDocument(QJsonObject{{QStringLiteral("incident"), incident}}).toJson(QJsonDocument::Compact);
}

void StatuspageNotifier::publish(const Sitrep::Comms::NotifierUpdate &update, const QJsonObject &config,
                                 Callback done)
{
    const QString pageId = config.value(QLatin1String("pageId")).toString();
    if (pageId.isEmpty()) {
        done({NotifierResult::Outcome::Failed,
              0,
              QStringLiteral("no Statuspage page id configured — set it in settings"),
              {}});
        return;
    }
    QString error;
    const QString key =
        m_http.setting(config, QStringLiteral("apiKey"), QStringLiteral("Statuspage API key"), &error);
    if (key.isEmpty()) {
        done({NotifierResult::Outcome::Failed, 0, error, {}});
        return;
    }
    QString base =
        config.value(QLatin1String("apiBase")).toString(QStringLiteral("https://api.statuspage.io/v1"));
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    const QString existing = config.value(QLatin1String("externalId")).toString();
    send(update, config, base, pageId, key, existing, std::move(done));
}

void StatuspageNotifier::send(const Sitrep::Comms::NotifierUpdate &update, const QJsonObject &config,
                              const QString &base, const QString &pageId, const QString &key,
                              const QString &existing, Callback done)
{
    const bool create = existing.isEmpty();
    const QString path = create ? QStringLiteral("/pages/%1/incidents").arg(pageId)
                                : QStringLiteral("/pages/%1/incidents/%2").arg(pageId, existing);
    QNetworkRequest req = HttpSender::jsonRequest(QUrl(base + path), m_http.context().userAgent);
    req.setRawHeader("Authorization", "OAuth " + key.toUtf8());
    QPointer<StatuspageNotifier> self(this);
    m_http.send(req, create ? "POST" : "PATCH", body(update, config, create),
                QStringLiteral("API key and page id"),
                [self, update, config, base, pageId, key, existing, done](const NotifierResult &r,
                                                                          const QByteArray &answer) {
                    // The incident was deleted on the page: open a new one rather than fail every update.
                    if (!existing.isEmpty() && r.httpStatus == 404 && self) {
                        self->send(update, config, base, pageId, key, QString(), done);
                        return;
                    }
                    NotifierResult out = r;
                    if (out.outcome == NotifierResult::Outcome::Sent) {
                        const QString id =
                            QJsonDocument::fromJson(answer).object().value(QLatin1String("id")).toString();
                        out.externalId = id.isEmpty() ? existing : id;
                        out.message = QStringLiteral("Statuspage incident %1").arg(out.externalId);
                    }
                    done(out);
                });
}

} // namespace Sitrep::Plugins
