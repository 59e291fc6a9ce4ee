#pragma once

// Shared by the HTTP notifier plugins (header-only: each plugin is its own shared library).

#include "comms/NotifierInterface.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QUrl>

#include <functional>
#include <memory>

namespace Sitrep::Plugins {

using Sitrep::Comms::NotifierContext;
using Sitrep::Comms::NotifierResult;

// Sends a plugin's requests through the application's QNetworkAccessManager, times them out, tracks
// them for abortAll(), and turns every answer into a NotifierResult with a sentence the user can act on.
class HttpSender final
{
public:
    using Done = std::function<void(const NotifierResult &result, const QByteArray &body)>;

    void setContext(const NotifierContext &context) { m_context = context; }
    const NotifierContext &context() const { return m_context; }

    // The value of key, or of the secret named by key + "Secret" ("url" / "urlSecret"). Empty with
    // *error set when neither is usable.
    QString setting(const QJsonObject &config, const QString &key, const QString &what, QString *error) const
    {
        const QString direct = config.value(key).toString();
        if (!direct.isEmpty())
            return direct;
        const QString secretName = config.value(key + QStringLiteral("Secret")).toString();
        if (secretName.isEmpty()) {
            *error = QStringLiteral("no %1 configured — set it in settings").arg(what);
            return {};
        }
        const QString value = m_context.secret ? m_context.secret(secretName) : QString();
        if (value.isEmpty())
            *error =
                QStringLiteral("the secret \"%1\" (%2) is not available — unlock the keychain or enter it in "
                               "settings")
                    .arg(secretName, what);
        return value;
    }

    static QNetworkRequest jsonRequest(const QUrl &url, const QString &userAgent)
    {
        QNetworkRequest req(url);
        req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        req.setHeader(QNetworkRequest::UserAgentHeader, userAgent.toUtf8());
        return req;
    }

    // hint names what to fix on 401/403/404, e.g. "webhook URL".
    void send(QNetworkRequest req, const QByteArray &verb, const QByteArray &body, const QString &hint,
              Done done)
    {
        if (!m_context.network) {
            done({NotifierResult::Outcome::Failed,
                  0,
                  QStringLiteral("no network access was given to the plugin"),
                  {}},
                 {});
            return;
        }
        if (!req.url().isValid() || req.url().scheme().isEmpty() || req.url().host().isEmpty()) {
            done({NotifierResult::Outcome::Failed,
                  0,
                  QStringLiteral("\"%1\" is not a valid URL — check the %2 in settings")
                      .arg(req.url().toString(QUrl::RemoveUserInfo | QUrl::RemovePath | QUrl::RemoveQuery),
                           hint),
                  {}},
                 {});
            return;
        }
        req.setTransferTimeout(m_context.timeoutMs);
        QNetworkReply *reply = m_context.network->sendCustomRequest(req, verb, body);
        m_replies.append(reply);
        const int timeoutMs = m_context.timeoutMs;
        QObject::connect(reply, &QNetworkReply::finished, reply, [this, reply, hint, timeoutMs, done] {
            reply->deleteLater();
            m_replies.removeAll(reply);
            if (reply->property("sitrepAborted").toBool())
                return;
            const QByteArray answer = reply->isOpen() ? reply->readAll() : QByteArray();
            done(classify(reply, answer, timeoutMs, hint), answer);
        });
    }

    void abortAll()
    {
        const auto replies = m_replies;
        m_replies.clear();
        for (const auto &r : replies) {
            if (r) {
                r->setProperty("sitrepAborted", true);
                r->abort();
            }
        }
    }

    // "401 Unauthorized: invalid token — check the webhook URL in settings"
    static NotifierResult classify(QNetworkReply *reply, const QByteArray &body, int timeoutMs,
                                   const QString &hint)
    {
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (status >= 200 && status < 300)
            return {NotifierResult::Outcome::Sent, status, {}, {}};
        if (status == 0) {
            const auto err = reply->error();
            if (err == QNetworkReply::OperationCanceledError || err == QNetworkReply::TimeoutError)
                return {NotifierResult::Outcome::Retry,
                        0,
                        QStringLiteral("no answer from %1 within %2 s (timed out)")
                            .arg(reply->url().host())
                            .arg((timeoutMs + 999) / 1000),
                        {}};
            const bool permanent = err == QNetworkReply::ProtocolUnknownError ||
                                   err == QNetworkReply::ProtocolInvalidOperationError ||
                                   err == QNetworkReply::SslHandshakeFailedError;
            return {permanent ? NotifierResult::Outcome::Failed : NotifierResult::Outcome::Retry,
                    0,
                    QStringLiteral("cannot reach %1: %2").arg(reply->url().host(), reply->errorString()),
                    {}};
        }
        QString reason = reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString();
        QString message = QString::number(status);
        if (!reason.isEmpty())
            message += QLatin1Char(' ') + reason;
        if (const QString server = serverMessage(body); !server.isEmpty())
            message += QStringLiteral(": ") + server;
        const bool retry = status == 408 || status == 425 || status == 429 || status >= 500;
        if (status == 401 || status == 403 || status == 404 || status == 410)
            message += QStringLiteral(" — check the %1 in settings").arg(hint);
        return {
            retry ? NotifierResult::Outcome::Retry : NotifierResult::Outcome::Failed, status, message, {}};
    }

    // What a server said, in one line: a JSON error's message, else the first line of the body.
    static QString serverMessage(const QByteArray &body)
    {
        const QJsonDocument doc = QJsonDocument::fromJson(body);
        if (doc.isObject()) {
            const QJsonObject o = doc.object();
            for (const char *key : {"message", "error", "error_description", "text", "detail"}) {
                const QJsonValue v = o.value(QLatin1String(key));
                if (v.isString() && !v.toString().isEmpty())
                    return v.toString().left(200);
                if (v.isArray() && !v.toArray().isEmpty())
                    return v.toArray().first().toString().left(200);
            }
        }
        const QString text = QString::fromUtf8(body).trimmed();
        return text.section(QLatin1Char('\n'), 0, 0).left(200);
    }

private:
    NotifierContext m_context;
    QList<QPointer<QNetworkReply>> m_replies;
};

} // namespace Sitrep::Plugins
