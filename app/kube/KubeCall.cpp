#include "kube/KubeCall.h"

#include "kube/KubeClient.h"
#include "kube/StatusText.h"
#include "net/ReplyLimit.h"

#include <QJsonObject>
#include <QJsonParseError>
#include <QNetworkReply>
#include <QTimer>

#include <algorithm>

namespace Sitrep::Kube {

KubeCall::KubeCall(KubeClient *client, KubeRequest request)
    : QObject(client)
    , m_client(client)
    , m_request(std::move(request))
{
    if (m_request.what.isEmpty())
        m_request.what = QString::fromLatin1(m_request.method) + QLatin1Char(' ') + m_request.path;
}

void KubeCall::attach(QNetworkReply *reply)
{
    m_reply = reply;
    reply->setParent(this);
    const int timeoutMs = m_request.timeoutMs > 0 ? m_request.timeoutMs : m_client->defaultTimeoutMs();
    // Our own idle timer rather than setTransferTimeout, so a timeout is told apart from an abort.
    auto *idle = new QTimer(reply);
    idle->setSingleShot(true);
    idle->setInterval(timeoutMs);
    connect(idle, &QTimer::timeout, this, [this, timeoutMs] {
        m_timedOut = true;
        fail(QStringLiteral("%1: no answer from %2 within %3 s")
                 .arg(m_request.what, m_client->server().toString())
                 .arg(timeoutMs / 1000.0));
    });
    idle->start();
    connect(reply, &QNetworkReply::metaDataChanged, this, [this, reply, idle] {
        idle->start();
        m_status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        // An answer announced larger than the cap is refused before it is read (a stream has no length).
        const qint64 limit = m_client->maxReplyBytes();
        if (!m_request.stream && Net::ReplyLimit::announced(reply) > limit) {
            fail(m_request.what + QStringLiteral(": ") + Net::ReplyLimit::tooLarge(reply->url(), limit));
            return;
        }
        if (m_status >= 200 && m_status < 300 && !m_opened) {
            m_opened = true;
            emit opened();
        }
    });
    connect(reply, &QNetworkReply::readyRead, this, [this, reply, idle] {
        idle->start();
        const QByteArray data = reply->readAll();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const qint64 limit = m_client->maxReplyBytes();
        if (m_request.stream && status >= 200 && status < 300) {
            // A watch is endless; one event (one line) is what must fit: every line this read completes (the
            // first one begun in earlier reads) and the one it leaves open.
            qint64 longest = 0;
            qint64 run = m_lineBytes;
            for (qsizetype start = 0;;) {
                const qsizetype newline = data.indexOf('\n', start);
                if (newline < 0) {
                    run += data.size() - start;
                    break;
                }
                longest = std::max(longest, run + (newline - start));
                run = 0;
                start = newline + 1;
            }
            m_lineBytes = run;
            if (std::max(longest, run) > limit) {
                fail(m_request.what + QStringLiteral(": ") +
                     Net::ReplyLimit::lineTooLarge(reply->url(), limit));
                return;
            }
            emit chunk(data);
        } else {
            if (m_body.size() + data.size() > limit) {
                fail(m_request.what + QStringLiteral(": ") + Net::ReplyLimit::tooLarge(reply->url(), limit));
                return;
            }
            m_body += data;
        }
    });
    connect(reply, &QNetworkReply::finished, this, [this, reply] {
        if (m_finished)
            return;
        const QByteArray rest = reply->readAll();
        if (m_body.size() + rest.size() > m_client->maxReplyBytes()) {
            fail(m_request.what + QStringLiteral(": ") +
                 Net::ReplyLimit::tooLarge(reply->url(), m_client->maxReplyBytes()));
            return;
        }
        m_body += rest;
        m_status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (m_status == 0) {
            QString why = reply->errorString();
            if (reply->error() == QNetworkReply::SslHandshakeFailedError)
                why += QStringLiteral(". Check certificate-authority and tls-server-name in the kubeconfig");
            fail(QStringLiteral("%1: cannot reach %2: %3")
                     .arg(m_request.what, m_client->server().toString(), why));
            return;
        }
        if (m_status == 401 && m_client->retryAfterUnauthorized(this)) {
            m_body.clear();
            m_reply = nullptr;
            reply->deleteLater();
            return;
        }
        if (m_status < 200 || m_status >= 300) {
            fail(StatusText::sentence(m_status, m_body, m_client->userName(), m_request.what), m_status);
            return;
        }
        complete();
    });
}

QJsonObject KubeCall::json()
{
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(m_body, &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject()) {
        if (m_error.isEmpty())
            m_error = QStringLiteral("%1: the API server sent malformed JSON (%2 at offset %3)")
                          .arg(m_request.what, pe.errorString())
                          .arg(pe.offset);
        return {};
    }
    return doc.object();
}

void KubeCall::abort()
{
    fail(QStringLiteral("%1 was cancelled").arg(m_request.what));
}

void KubeCall::fail(const QString &error, int status)
{
    if (m_finished)
        return;
    m_error = error;
    if (status)
        m_status = status;
    complete();
}

void KubeCall::complete()
{
    if (m_finished)
        return;
    m_finished = true;
    if (m_reply) {
        m_reply->disconnect(this);
        if (m_reply->isRunning())
            m_reply->abort();
        m_reply->deleteLater();
    }
    m_client->forget(this);
    emit finished();
    deleteLater();
}

} // namespace Sitrep::Kube
