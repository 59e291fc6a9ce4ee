#include "prom/HttpJsonClient.h"

#include "net/ReplyLimit.h"
#include "net/TlsSetup.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

#include <memory>

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

    // TLS as every Sitrep client sets it up (app/net); the files are the environment's settings.
    Net::TlsOptions tls;
    tls.caFile = m_config.caFile;
    tls.caName = QStringLiteral("the %1 CA file").arg(m_config.name);
    tls.clientCertFile = m_config.clientCertFile;
    tls.clientCertName = QStringLiteral("the %1 client certificate").arg(m_config.name);
    tls.clientKeyFile = m_config.clientKeyFile;
    tls.clientKeyName = QStringLiteral("the %1 client key").arg(m_config.name);
    tls.identityName = QStringLiteral("the %1 connection").arg(m_config.name);
    tls.source = QStringLiteral("%1 settings").arg(m_config.name);
    tls.insecureSkipVerify = m_config.insecureSkipVerify;
    tls.serverName = m_config.serverName;
    auto ssl = Net::TlsSetup::configuration(tls);
    if (!ssl)
        return ssl.error();
    m_ssl = *ssl;
    m_tls = tls;
    if (m_config.maxReplyBytes <= 0)
        m_config.maxReplyBytes = Net::ReplyLimit::defaultBytes();
    for (const auto &[name, value] : std::as_const(m_config.headers)) {
        if (name.isEmpty() || name.contains(':') || name.contains(' '))
            return makeError(
                QStringLiteral("\"%1\" is not an HTTP header name").arg(QString::fromLatin1(name)),
                QStringLiteral("headers"));
    }
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
    for (const auto &[name, value] : std::as_const(m_config.headers))
        req.setRawHeader(name, value);
    if (!m_config.bearerToken.isEmpty()) {
        req.setRawHeader("Authorization", "Bearer " + m_config.bearerToken.toUtf8());
    } else if (!m_config.basicUser.isEmpty()) {
        const QByteArray pair = (m_config.basicUser + QLatin1Char(':') + m_config.basicPassword).toUtf8();
        req.setRawHeader("Authorization", "Basic " + pair.toBase64());
    }
    Net::TlsSetup::apply(req, m_ssl, m_config.serverName);
    req.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::NoLessSafeRedirectPolicy);
    req.setMaximumRedirectsAllowed(3);

    // HTTP/1.1: over HTTP/2, Qt 6.4 drops the TLS alert of a server refusing our client certificate and the
    // request hangs until its timeout; over HTTP/1.1 it fails at once and says why.
    req.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    QNetworkReply *reply = m_nam->sendCustomRequest(req, method, body);
    call->m_reply = reply;
    if (m_config.insecureSkipVerify)
        Net::TlsSetup::allowInsecure(reply);
    // Kept to say why a handshake failed (Qt's error string names only the first).
    auto sslErrors = std::make_shared<QList<QSslError>>();
    connect(reply, &QNetworkReply::sslErrors, call,
            [sslErrors](const QList<QSslError> &errors) { *sslErrors = errors; });
    auto encrypted = std::make_shared<bool>(false);
    connect(reply, &QNetworkReply::encrypted, call, [encrypted] { *encrypted = true; });

    // The body is gathered as it arrives so that an answer past the cap is cut off, not read to the end.
    auto received = std::make_shared<QByteArray>();
    auto tooLarge = std::make_shared<bool>(false);
    const qint64 limit = m_config.maxReplyBytes;
    const auto refuse = [reply, tooLarge] {
        *tooLarge = true;
        reply->abort(); // finished() follows and reports it
    };
    connect(reply, &QNetworkReply::metaDataChanged, call, [reply, received, limit, refuse] {
        const qint64 length = Net::ReplyLimit::announced(reply);
        if (length > limit)
            return refuse();
        // simdjson reads up to 64 bytes past the end: room for them spares the matrix parser a copy.
        if (length > 0)
            received->reserve(length + 64);
    });
    connect(reply, &QNetworkReply::readyRead, call, [reply, received, limit, tooLarge, refuse] {
        if (*tooLarge)
            return;
        if (received->size() + reply->bytesAvailable() > limit)
            return refuse();
        received->append(reply->readAll());
    });

    connect(reply, &QNetworkReply::finished, call,
            [this, call, reply, handler, received, tooLarge, limit, sslErrors, encrypted] {
                reply->deleteLater();
                if (call->m_aborting || call->isFinished())
                    return;
                HttpResponse r;
                if (*tooLarge) {
                    r.transportError = Net::ReplyLimit::tooLarge(reply->url(), limit);
                    if (handler(call, r))
                        complete(call);
                    return;
                }
                r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
                if (received->size() + reply->bytesAvailable() > limit) {
                    r.status = 0;
                    r.transportError = Net::ReplyLimit::tooLarge(reply->url(), limit);
                    if (handler(call, r))
                        complete(call);
                    return;
                }
                received->append(reply->readAll());
                r.body = std::move(*received);
                const auto err = reply->error();
                if (r.status == 0 && err != QNetworkReply::NoError) {
                    // TLS 1.3: a server refusing our client certificate may just close the connection.
                    const bool closedAfterHandshake =
                        *encrypted && err == QNetworkReply::RemoteHostClosedError;
                    // setTransferTimeout aborts the reply: an OperationCanceled we did not ask for is the
                    // timeout.
                    if (err == QNetworkReply::OperationCanceledError || err == QNetworkReply::TimeoutError) {
                        r.timedOut = true;
                        r.transportError = QStringLiteral("%1 at %2 did not answer within %3 s")
                                               .arg(serverName(), displayUrl())
                                               .arg(m_config.timeoutMs / 1000.0);
                    } else if (const QString why =
                                   Net::TlsSetup::explain(*sslErrors, reply->errorString(), m_tls,
                                                          reply->url().host(), closedAfterHandshake);
                               !why.isEmpty()) {
                        r.transportError =
                            QStringLiteral("%1 at %2 %3: %4")
                                .arg(serverName(), displayUrl(),
                                     closedAfterHandshake
                                         ? QStringLiteral("closed the connection after the TLS handshake")
                                         : QStringLiteral("failed the TLS handshake"),
                                     why);
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
