#include "prom/HttpJsonClient.h"

#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslCertificate>
#include <QSslKey>

namespace Sitrep::Prom::Internal {

using Core::makeError;
using Core::Result;

HttpJsonClient::HttpJsonClient(QObject *parent)
    : QObject(parent)
    , m_nam(new QNetworkAccessManager(this))
{
    m_ssl = QSslConfiguration::defaultConfiguration();
}

HttpJsonClient::~HttpJsonClient()
{
    shutdown();
}

Result<void> HttpJsonClient::configure(const ServerConfig &config)
{
    m_config = config;
    if (m_config.name.isEmpty())
        m_config.name = QStringLiteral("Prometheus");
    if (!m_config.url.isValid() || m_config.url.scheme().isEmpty() || m_config.url.host().isEmpty())
        return makeError(QStringLiteral("%1 URL \"%2\" is not a valid http(s) URL")
                             .arg(m_config.name, config.url.toString(QUrl::RemoveUserInfo)),
                         QStringLiteral("url"));
    if (m_config.url.scheme() != QLatin1String("http") && m_config.url.scheme() != QLatin1String("https"))
        return makeError(QStringLiteral("%1 URL must start with http:// or https://").arg(m_config.name),
                         QStringLiteral("url"));
    // Credentials written into the URL become basic auth, never part of what we print.
    if (!m_config.url.userName().isEmpty() && m_config.basicUser.isEmpty()) {
        m_config.basicUser = m_config.url.userName();
        m_config.basicPassword = m_config.url.password();
    }
    m_config.url.setUserInfo({});

    m_ssl = QSslConfiguration::defaultConfiguration();
    if (!m_config.caFile.isEmpty()) {
        const auto cas = QSslCertificate::fromPath(m_config.caFile, QSsl::Pem);
        if (cas.isEmpty())
            return makeError(QStringLiteral("no PEM certificate could be read"), m_config.caFile);
        auto all = m_ssl.caCertificates();
        all += cas;
        m_ssl.setCaCertificates(all);
    }
    if (!m_config.clientCertFile.isEmpty()) {
        const auto certs = QSslCertificate::fromPath(m_config.clientCertFile, QSsl::Pem);
        if (certs.isEmpty())
            return makeError(QStringLiteral("no PEM client certificate could be read"),
                             m_config.clientCertFile);
        QFile keyFile(m_config.clientKeyFile);
        if (!keyFile.open(QIODevice::ReadOnly))
            return makeError(QStringLiteral("the client key cannot be read: %1").arg(keyFile.errorString()),
                             m_config.clientKeyFile.isEmpty() ? QStringLiteral("clientKeyFile")
                                                              : m_config.clientKeyFile);
        const QByteArray pem = keyFile.readAll();
        QSslKey key(pem, QSsl::Ec);
        if (key.isNull())
            key = QSslKey(pem, QSsl::Rsa);
        if (key.isNull())
            return makeError(QStringLiteral("the client key is not a PEM RSA or EC key"),
                             m_config.clientKeyFile);
        m_ssl.setLocalCertificate(certs.first());
        m_ssl.setPrivateKey(key);
    }
    if (m_config.insecureSkipVerify)
        m_ssl.setPeerVerifyMode(QSslSocket::VerifyNone);
    return Core::Ok{};
}

QString HttpJsonClient::displayUrl() const
{
    return m_config.url.toString(QUrl::RemoveUserInfo | QUrl::StripTrailingSlash);
}

QString HttpJsonClient::serverName() const
{
    return m_config.name.isEmpty() ? QStringLiteral("Prometheus") : m_config.name;
}

QUrl HttpJsonClient::urlFor(const QString &path, const QUrlQuery &query) const
{
    QUrl url = m_config.url;
    QString base = url.path();
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    url.setPath(base + path);
    // QUrl leaves '+' as it is, and Prometheus (Go's ParseQuery) reads it as a space: a selector like
    // {instance=~".+"} must travel as %2B.
    if (!query.isEmpty())
        url.setQuery(query.toString(QUrl::FullyEncoded).replace(QLatin1Char('+'), QLatin1String("%2B")),
                     QUrl::StrictMode);
    return url;
}

PromCall *HttpJsonClient::send(const QByteArray &method, const QString &path, const QUrlQuery &query,
                               const QByteArray &body, const QByteArray &contentType, const QString &what,
                               Handler handler)
{
    if (m_shutDown) {
        HttpResponse r;
        r.transportError = QStringLiteral("%1 client is shut down").arg(serverName());
        return deliverLater(what, r, std::move(handler));
    }
    auto *call = new PromCall(what, this);
    m_calls.insert(call);
    connect(call, &QObject::destroyed, this, [this, call] { m_calls.remove(call); });

    QNetworkRequest req(urlFor(path, query));
    req.setTransferTimeout(m_config.timeoutMs);
    req.setRawHeader("Accept", "application/json");
    req.setRawHeader("User-Agent", "Sitrep/" SITREP_VERSION);
    if (!contentType.isEmpty())
        req.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
    if (!m_config.bearerToken.isEmpty()) {
        req.setRawHeader("Authorization", "Bearer " + m_config.bearerToken.toUtf8());
    } else if (!m_config.basicUser.isEmpty()) {
        const QByteArray pair = (m_config.basicUser + QLatin1Char(':') + m_config.basicPassword).toUtf8();
        req.setRawHeader("Authorization", "Basic " + pair.toBase64());
    }
    if (req.url().scheme() == QLatin1String("https"))
        req.setSslConfiguration(m_ssl);
    req.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::NoLessSafeRedirectPolicy);
    req.setMaximumRedirectsAllowed(3);

    QNetworkReply *reply = m_nam->sendCustomRequest(req, method, body);
    call->m_reply = reply;
    if (m_config.insecureSkipVerify)
        connect(reply, &QNetworkReply::sslErrors, reply,
                [reply](const QList<QSslError> &) { reply->ignoreSslErrors(); });

    connect(reply, &QNetworkReply::finished, call, [this, call, reply, handler] {
        reply->deleteLater();
        if (call->m_aborting || call->isFinished())
            return;
        HttpResponse r;
        r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        r.body = reply->readAll();
        const auto err = reply->error();
        if (r.status == 0 && err != QNetworkReply::NoError) {
            // setTransferTimeout aborts the reply: an OperationCanceled we did not ask for is the timeout.
            if (err == QNetworkReply::OperationCanceledError || err == QNetworkReply::TimeoutError) {
                r.timedOut = true;
                r.transportError = QStringLiteral("%1 at %2 did not answer within %3 s")
                                       .arg(serverName(), displayUrl())
                                       .arg(m_config.timeoutMs / 1000.0);
            } else if (err == QNetworkReply::SslHandshakeFailedError) {
                r.transportError = QStringLiteral("%1 at %2 failed the TLS handshake: %3")
                                       .arg(serverName(), displayUrl(), reply->errorString());
            } else {
                r.transportError = QStringLiteral("%1 at %2 is not reachable: %3")
                                       .arg(serverName(), displayUrl(), reply->errorString());
            }
        }
        if (handler(call, r))
            complete(call);
    });
    return call;
}

PromCall *HttpJsonClient::deliverLater(const QString &what, const HttpResponse &response, Handler handler)
{
    auto *call = new PromCall(what, this);
    m_calls.insert(call);
    connect(call, &QObject::destroyed, this, [this, call] { m_calls.remove(call); });
    QMetaObject::invokeMethod(
        call,
        [call, response, handler] {
            if (!call->isFinished() && handler(call, response))
                complete(call);
        },
        Qt::QueuedConnection);
    return call;
}

void HttpJsonClient::complete(PromCall *call)
{
    if (call)
        call->done();
}

void HttpJsonClient::shutdown()
{
    m_shutDown = true;
    const auto calls = m_calls;
    for (PromCall *c : calls)
        c->abort();
}

} // namespace Sitrep::Prom::Internal
