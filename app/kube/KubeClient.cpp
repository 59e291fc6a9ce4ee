#include "kube/KubeClient.h"

#include "net/ReplyLimit.h"
#include "net/TlsSetup.h"

#include <QFile>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QSslCertificate>
#include <QTimer>

namespace Sitrep::Kube {

Q_LOGGING_CATEGORY(lcKube, "sitrep.kube")

using Core::makeError;
using Core::Result;

KubeClient::KubeClient(ClusterConfig config, const Core::Clock &clock, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_clock(clock)
    , m_nam(new QNetworkAccessManager(this))
    , m_maxReplyBytes(Net::ReplyLimit::defaultBytes())
{}

KubeClient::~KubeClient()
{
    shutdown();
}

Result<std::unique_ptr<KubeClient>> KubeClient::create(const ClusterConfig &config, const Core::Clock &clock,
                                                       QObject *parent)
{
    std::unique_ptr<KubeClient> c(new KubeClient(config, clock, parent));
    if (auto r = c->setUp(); !r)
        return r.error();
    return c;
}

Result<void> KubeClient::setUp()
{
    const ClusterInfo &cl = m_config.cluster;
    const AuthInfo &u = m_config.user;
    m_server = QUrl(cl.server);
    if (!m_server.isValid() ||
        (m_server.scheme() != QLatin1String("https") && m_server.scheme() != QLatin1String("http")))
        return makeError(QStringLiteral("cluster \"%1\" has a server that is not an http(s) URL: \"%2\"")
                             .arg(cl.name, cl.server),
                         cl.sourceFile);
    // Keep a path prefix (servers behind a proxy path) but no trailing slash.
    QString basePath = m_server.path();
    while (basePath.endsWith(QLatin1Char('/')))
        basePath.chop(1);
    m_server.setPath(basePath);

    // TLS as every Sitrep client sets it up (app/net), in the kubeconfig's words.
    Net::TlsOptions tls;
    tls.caPem = cl.certificateAuthorityData;
    tls.caFile = cl.certificateAuthority;
    tls.caName = QStringLiteral("certificate-authority");
    tls.clientCertPem = u.clientCertificateData;
    tls.clientCertFile = u.clientCertificate;
    tls.clientCertName = QStringLiteral("client-certificate");
    tls.clientKeyPem = u.clientKeyData;
    tls.clientKeyFile = u.clientKey;
    tls.clientKeyName = QStringLiteral("client-key");
    tls.identityName = QStringLiteral("user \"%1\"").arg(u.name);
    tls.source = u.sourceFile.isEmpty() ? cl.sourceFile : u.sourceFile;
    tls.insecureSkipVerify = cl.insecureSkipTlsVerify;
    tls.serverName = cl.tlsServerName;
    auto ssl = Net::TlsSetup::configuration(tls);
    if (!ssl)
        return makeError(QStringLiteral("context \"%1\": %2").arg(m_config.context.name, ssl.error().message),
                         ssl.error().where);
    m_ssl = *ssl;

    if (!cl.proxyUrl.isEmpty()) {
        const QUrl p(cl.proxyUrl);
        QNetworkProxy proxy;
        if (p.scheme() == QLatin1String("socks5"))
            proxy.setType(QNetworkProxy::Socks5Proxy);
        else if (p.scheme() == QLatin1String("http") || p.scheme() == QLatin1String("https"))
            proxy.setType(QNetworkProxy::HttpProxy);
        else
            return makeError(
                QStringLiteral("proxy-url of cluster \"%1\" must be http, https or socks5: \"%2\"")
                    .arg(cl.name, cl.proxyUrl),
                cl.sourceFile);
        proxy.setHostName(p.host());
        proxy.setPort(quint16(p.port(p.scheme() == QLatin1String("socks5") ? 1080 : 3128)));
        proxy.setUser(p.userName());
        proxy.setPassword(p.password());
        m_nam->setProxy(proxy);
    } else {
        m_nam->setProxy(QNetworkProxy::NoProxy);
    }

    if (u.exec) {
        m_exec = new ExecCredentialPlugin(*u.exec, cl, m_clock, this);
        connect(m_exec, &ExecCredentialPlugin::ready, this, [this] {
            const auto waiting = std::exchange(m_waiting, {});
            for (const auto &c : waiting)
                if (c)
                    started(c);
        });
        connect(m_exec, &ExecCredentialPlugin::failed, this, [this](const QString &why) {
            const auto waiting = std::exchange(m_waiting, {});
            for (const auto &c : waiting)
                if (c)
                    c->fail(why);
            emit credentialError(why);
        });
    }
    if (!u.tokenFile.isEmpty()) {
        auto t = Net::TlsSetup::readFile(u.tokenFile, QStringLiteral("tokenFile"));
        if (!t)
            return t.error();
        m_fileToken = QString::fromUtf8(t->trimmed());
        m_fileTokenAge.start();
    }
    return {};
}

QString KubeClient::tokenNow() const
{
    if (!m_config.user.token.isEmpty())
        return m_config.user.token;
    if (!m_config.user.tokenFile.isEmpty()) {
        // Re-read once a minute like client-go, so rotated projected tokens are picked up.
        if (!m_fileTokenAge.isValid() || m_fileTokenAge.elapsed() > 60000) {
            QFile f(m_config.user.tokenFile);
            if (f.open(QIODevice::ReadOnly))
                m_fileToken = QString::fromUtf8(f.readAll().trimmed());
            m_fileTokenAge.start();
        }
        return m_fileToken;
    }
    return {};
}

QNetworkRequest KubeClient::makeRequest(const QUrl &url) const
{
    QNetworkRequest req(url);
    req.setRawHeader("Accept", "application/json");
    req.setHeader(QNetworkRequest::UserAgentHeader, QByteArrayLiteral("sitrep/" SITREP_VERSION));
    QSslConfiguration ssl = m_ssl;
    QString token = tokenNow();
    if (m_exec) {
        if (auto cred = m_exec->last()) {
            if (!cred->token.isEmpty())
                token = cred->token;
            if (!cred->clientCertificatePem.isEmpty()) {
                const auto certs = QSslCertificate::fromData(cred->clientCertificatePem, QSsl::Pem);
                auto key = Net::TlsSetup::privateKey(cred->clientKeyPem, QString());
                if (!certs.isEmpty() && key) {
                    ssl.setLocalCertificate(certs.first());
                    ssl.setPrivateKey(*key);
                }
            }
        }
    }
    if (url.scheme() == QLatin1String("https")) {
        Net::TlsSetup::apply(req, ssl, m_config.cluster.tlsServerName);
        // Like client-go: credentials only travel over TLS.
        if (!token.isEmpty())
            req.setRawHeader("Authorization", "Bearer " + token.toUtf8());
        else if (!m_config.user.username.isEmpty())
            req.setRawHeader(
                "Authorization",
                "Basic " +
                    (m_config.user.username + QLatin1Char(':') + m_config.user.password).toUtf8().toBase64());
    }
    // Every redirect is refused: an API server does not redirect, and a token must not follow one.
    req.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    return req;
}

KubeCall *KubeClient::get(const QString &path, const QUrlQuery &query, const QString &what)
{
    KubeRequest r;
    r.path = path;
    r.query = query;
    r.what = what;
    return send(std::move(r));
}

KubeCall *KubeClient::send(KubeRequest request)
{
    auto *call = new KubeCall(this, std::move(request));
    m_calls.insert(call);
    // Deferred so the caller can connect to finished() even when the call fails at once.
    QTimer::singleShot(0, call, [this, call] { dispatch(call); });
    return call;
}

void KubeClient::dispatch(KubeCall *call)
{
    if (m_shutdown) {
        call->fail(QStringLiteral("the connection to %1 was closed").arg(m_config.context.name));
        return;
    }
    if (m_exec && !m_exec->cached()) {
        m_waiting << call;
        m_exec->fetch();
        return;
    }
    started(call);
}

void KubeClient::started(KubeCall *call)
{
    if (m_shutdown || call->m_finished)
        return;
    const KubeRequest &r = call->m_request;
    QUrl url = m_server;
    url.setPath(m_server.path() + r.path);
    url.setQuery(r.query);
    QNetworkRequest req = makeRequest(url);
    if (!r.contentType.isEmpty())
        req.setHeader(QNetworkRequest::ContentTypeHeader, r.contentType);
    ++call->m_attempts;
    QNetworkReply *reply = r.body.isEmpty() && r.method == "GET"
                               ? m_nam->get(req)
                               : m_nam->sendCustomRequest(req, r.method, r.body);
    call->attach(reply);
}

bool KubeClient::retryAfterUnauthorized(KubeCall *call)
{
    if (!m_exec || call->m_attempts > 1 || m_shutdown)
        return false;
    m_exec->invalidate();
    dispatch(call);
    return true;
}

void KubeClient::forget(KubeCall *call)
{
    m_calls.remove(call);
}

void KubeClient::shutdown()
{
    m_shutdown = true;
    const auto calls = m_calls;
    for (KubeCall *c : calls)
        c->abort();
    m_waiting.clear();
}

} // namespace Sitrep::Kube
