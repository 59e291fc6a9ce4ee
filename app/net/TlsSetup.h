#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QList>
#include <QSslConfiguration>
#include <QSslError>
#include <QSslKey>
#include <QString>

class QNetworkReply;
class QNetworkRequest;

namespace Sitrep::Net {

// The TLS side of one server: whom to trust, who we are, under which name. PEM data wins over a file;
// every name below is what a sentence calls the item, so each client keeps its own words ("certificate-
// authority of cluster \"prod\"", "the Prometheus CA file").
struct TlsOptions
{
    QByteArray caPem;
    QString caFile;
    QString caName = QStringLiteral("the CA certificate");
    QByteArray clientCertPem;
    QString clientCertFile;
    QString clientCertName = QStringLiteral("the client certificate");
    QByteArray clientKeyPem;
    QString clientKeyFile;
    QString clientKeyName = QStringLiteral("the client key");
    // Says whose certificate and key these are when only one of the two is given.
    QString identityName = QStringLiteral("the connection");
    // Where the PEM data came from (a kubeconfig, a setting), named when there is no file to name.
    QString source;
    bool insecureSkipVerify = false;
    QString serverName; // the name the certificate must carry (and SNI) when it differs from the URL's host
};

// One TLS setup for every HTTP client of Sitrep (Kubernetes API, Prometheus, Alertmanager): a CA replaces the
// system roots, as client-go and Grafana's data sources do; a client certificate needs its key; skip-verify
// turns verification off. Errors are sentences naming the file or source that cannot be used.
class TlsSetup final
{
public:
    static Core::Result<QSslConfiguration> configuration(const TlsOptions &options);
    // A PEM private key of any algorithm Qt reads (RSA, EC, DSA).
    static Core::Result<QSslKey> privateKey(const QByteArray &pem, const QString &where,
                                            const QString &name = QStringLiteral("the client key"));
    static Core::Result<QByteArray> readFile(const QString &path, const QString &name);
    // The configuration and server name on an https request (nothing for plain http).
    static void apply(QNetworkRequest &request, const QSslConfiguration &ssl, const QString &serverName);
    // With skip-verify, certificate errors on this reply are ignored (a name mismatch included).
    static void allowInsecure(QNetworkReply *reply);
    // Why a TLS connection failed, in the settings' words: the certificate errors Qt reported (the name the
    // certificate is for when it is not the one asked for; a certificate no trusted CA signed) or a server's
    // refusal of our client certificate (none set, or one it does not trust: its TLS alert, or with TLS 1.3
    // a close right after the handshake before any answer). Empty when it is neither.
    static QString explain(const QList<QSslError> &errors, const QString &errorString,
                           const TlsOptions &options, const QString &host, bool closedAfterHandshake = false);
};

} // namespace Sitrep::Net
