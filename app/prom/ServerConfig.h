#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>

namespace Sitrep::Prom {

// How to reach one Prometheus or Alertmanager: base URL, credentials (values handed in by the caller,
// who keeps them in the keychain), TLS options and the per-request timeout.
struct ServerConfig
{
    QUrl url;            // base URL; a path prefix (e.g. /prometheus) is kept
    QString name;        // used in sentences: "Prometheus", "Alertmanager"
    QString bearerToken; // sent as "Authorization: Bearer ..." when set
    QString basicUser;   // basic auth when set (takes effect only without a bearer token)
    QString basicPassword;
    QString caFile;         // extra PEM CA certificates to trust
    QString clientCertFile; // PEM client certificate (mutual TLS)
    QString clientKeyFile;  // PEM private key of the client certificate
    bool insecureSkipVerify = false;
    QString serverName;                           // TLS server name when it differs from the URL's host
    QList<QPair<QByteArray, QByteArray>> headers; // sent with every request (Grafana's custom headers)
    int timeoutMs = 15000;    // no bytes for this long: the request fails with a timeout sentence
    qint64 maxReplyBytes = 0; // the largest answer read; 0: Net::ReplyLimit's default (256 MiB)
};

} // namespace Sitrep::Prom
