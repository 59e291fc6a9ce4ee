#pragma once

// The one header a Notifier plugin sees (besides Qt). Keep it free of other Sitrep includes.

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QtPlugin>

#include <functional>

class QNetworkAccessManager;

namespace Sitrep::Comms {

// Bumped when this interface changes incompatibly; plugins declare it as "apiVersion" in their JSON
// metadata and the loader refuses others with a reason.
constexpr int kNotifierApiVersion = 1;

// One status update as a plugin receives it: rendered in every format plus its fields.
struct NotifierUpdate
{
    QString updateId;     // stable across retries and restarts
    QString templateName; // "initial", "update", "resolved", ...
    QString heading;      // "Incident: Checkout 502s" (no formatting)
    QString status;       // "investigating", "identified", "monitoring", "resolved"
    QString severity;     // "P1"
    QString service;
    QString plainText;  // whole update, plain text
    QString plainBody;  // plain text without the heading (e.g. a Statuspage incident update body)
    QString markdown;   // whole update, Markdown
    QString slack;      // whole update, Slack mrkdwn
    QString slackBody;  // Slack mrkdwn without the heading (for a header block)
    QJsonObject fields; // field key -> value
    qint64 createdMs = 0;
};

// How one publish attempt ended.
struct NotifierResult
{
    enum class Outcome {
        Sent,   // delivered
        Retry,  // temporary (5xx, 429, timeout, network): the publisher retries with backoff
        Failed, // needs the user (401, bad URL, missing secret): kept in the outbox until retried by hand
    };
    Outcome outcome = Outcome::Failed;
    int httpStatus = 0;
    QString message;    // "401 Unauthorized: invalid token — check the webhook URL in settings"
    QString externalId; // e.g. the Statuspage incident id, handed back in the next channelConfig
};

// The services a plugin may use, handed over by the application (no singletons).
struct NotifierContext
{
    QNetworkAccessManager *network = nullptr;
    // Looks a secret up by the name settings refer to it with; empty when unknown or not yet unlocked.
    std::function<QString(const QString &name)> secret;
    int timeoutMs = 15000;
    QString userAgent = QStringLiteral("Sitrep");
};

// A channel an update can be published to. One plugin instance serves every channel of its kind;
// channelConfig carries that channel's settings ("url" or "urlSecret", "headers", "pageId" ...).
class NotifierInterface
{
public:
    using Callback = std::function<void(const NotifierResult &result)>;

    virtual ~NotifierInterface() = default;
    virtual QString id() const = 0;          // "slack"
    virtual QString displayName() const = 0; // "Slack (incoming webhook)"
    // The keys a channel of this kind needs; secret ones end in "Secret" (the value is a secret name).
    virtual QStringList configKeys() const = 0;
    virtual void initialize(const NotifierContext &context) = 0;
    // Starts one attempt; done is called exactly once, later, on the caller's thread (unless aborted).
    virtual void publish(const NotifierUpdate &update, const QJsonObject &channelConfig, Callback done) = 0;
    // Cancels every attempt in flight without calling their callbacks (shutdown).
    virtual void abortAll() = 0;
};

} // namespace Sitrep::Comms

#define SitrepNotifierInterface_iid "org.sitrep.Notifier/1"
Q_DECLARE_INTERFACE(Sitrep::Comms::NotifierInterface, SitrepNotifierInterface_iid)
