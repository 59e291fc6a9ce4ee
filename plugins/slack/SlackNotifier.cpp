#include "SlackNotifier.h"

#include <QJsonArray>

namespace Sitrep::Plugins {

using Sitrep::Comms::NotifierResult;

namespace {
// Block Kit limits: header text 150 characters, section text 3000.
constexpr int kHeaderMax = 150;
constexpr int kSectionMax = 3000;

QStringList chunks(const QString &text)
{
    QStringList out;
    QString current;
    bool started = false;
    for (const auto &line : text.split(QLatin1Char('\n'))) {
        const QString l = line.left(kSectionMax);
        if (started && current.size() + 1 + l.size() > kSectionMax) {
            out << current;
            current.clear();
            started = false;
        }
        current = started ? current + QLatin1Char('\n') + l : l;
        started = true;
    }
    if (!current.trimmed().isEmpty())
        out << current;
    return out;
}
} // namespace

QByteArray SlackNotifier::body(const Sitrep::Comms::NotifierUpdate &u)
{
    QJsonArray blocks;
    QString heading = u.heading;
    if (heading.size() > kHeaderMax)
        heading = heading.left(kHeaderMax - 1) + QChar(0x2026);
    blocks.append(QJsonObject{
        {QStringLiteral("type"), QStringLiteral("header")},
        {QStringLiteral("text"), QJsonObject{{QStringLiteral("type"), QStringLiteral("plain_text")},
                                             {QStringLiteral("text"), heading}}}});
    for (const auto &chunk : chunks(u.slackBody)) {
        blocks.append(QJsonObject{
            {QStringLiteral("type"), QStringLiteral("section")},
            {QStringLiteral("text"), QJsonObject{{QStringLiteral("type"), QStringLiteral("mrkdwn")},
                                                 {QStringLiteral("text"), chunk}}}});
    }
    // "text" is what notifications and clients without Block Kit show.
    const QJsonObject o{{QStringLiteral("text"), u.slack}, {QStringLiteral("blocks"), blocks}};
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

void SlackNotifier::publish(const Sitrep::Comms::NotifierUpdate &update, const QJsonObject &config,
                            Callback done)
{
    QString error;
    const QString url =
        m_http.setting(config, QStringLiteral("url"), QStringLiteral("Slack webhook URL"), &error);
    if (url.isEmpty()) {
        done({NotifierResult::Outcome::Failed, 0, error, {}});
        return;
    }
    m_http.send(HttpSender::jsonRequest(QUrl(url), m_http.context().userAgent), "POST", body(update),
                QStringLiteral("webhook URL"),
                [done](const NotifierResult &r, const QByteArray &) { done(r); });
}

} // namespace Sitrep::Plugins
