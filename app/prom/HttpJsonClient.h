#pragma once

#include "core/Result.h"
#include "net/TlsSetup.h"
#include "prom/PromCall.h"
#include "prom/ServerConfig.h"

#include <QByteArray>
#include <QObject>
#include <QSet>
#include <QSslConfiguration>
#include <QUrlQuery>

#include <functional>

class QNetworkAccessManager;
class QNetworkReply;

namespace Sitrep::Prom::Internal {

// What came back for one request: status and body, or a transport failure as a sentence.
struct HttpResponse
{
    int status = 0; // HTTP status, 0 when nothing came back
    QByteArray body;
    QString transportError; // empty when an HTTP answer arrived (whatever its status)
    bool timedOut = false;
};

// The HTTP plumbing shared by PromClient and AlertmanagerClient: one QNetworkAccessManager, auth headers,
// TLS options, a transfer timeout per request, every call tracked and aborted on shutdown.
class HttpJsonClient final : public QObject
{
    Q_OBJECT
public:
    // Returns true when the call is complete; false when the handler finishes it later with complete().
    using Handler = std::function<bool(PromCall *call, const HttpResponse &response)>;

    explicit HttpJsonClient(QObject *parent = nullptr);
    ~HttpJsonClient() override;

    // Reads certificates; fails with a sentence naming the file that cannot be used.
    Core::Result<void> configure(const ServerConfig &config);
    const ServerConfig &config() const { return m_config; }
    // The base URL without credentials, for sentences.
    QString displayUrl() const;
    QString serverName() const;

    PromCall *send(const QByteArray &method, const QString &path, const QUrlQuery &query,
                   const QByteArray &body, const QByteArray &contentType, const QString &what,
                   Handler handler);
    // A call that never goes on the wire: the handler gets the response on the next event loop turn.
    PromCall *deliverLater(const QString &what, const HttpResponse &response, Handler handler);
    static void complete(PromCall *call);
    void shutdown();
    int inFlight() const { return int(m_calls.size()); }

private:
    QUrl urlFor(const QString &path, const QUrlQuery &query) const;

    ServerConfig m_config;
    QNetworkAccessManager *m_nam = nullptr;
    QSslConfiguration m_ssl;
    Net::TlsOptions m_tls; // the words and files a failed handshake is explained with
    QSet<PromCall *> m_calls;
    bool m_shutDown = false;
};

} // namespace Sitrep::Prom::Internal
