#include "net/TlsSetup.h"

#include <QFile>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslCertificate>

namespace Sitrep::Net {

using Core::makeError;
using Core::Result;

namespace {

// PEM data, else the file's contents, else nothing.
Result<QByteArray> pemOf(const QByteArray &pem, const QString &file, const QString &name)
{
    if (!pem.isEmpty() || file.isEmpty())
        return pem;
    return TlsSetup::readFile(file, name);
}

} // namespace

Result<QByteArray> TlsSetup::readFile(const QString &path, const QString &name)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return makeError(QStringLiteral("%1 cannot be read: %2").arg(name, f.errorString()), path);
    return f.readAll();
}

Result<QSslKey> TlsSetup::privateKey(const QByteArray &pem, const QString &where, const QString &name)
{
    for (QSsl::KeyAlgorithm alg : {QSsl::Rsa, QSsl::Ec, QSsl::Dsa}) {
        QSslKey key(pem, alg, QSsl::Pem, QSsl::PrivateKey);
        if (!key.isNull())
            return key;
    }
    return makeError(QStringLiteral("%1 is not a PEM RSA, EC or DSA private key").arg(name), where);
}

Result<QSslConfiguration> TlsSetup::configuration(const TlsOptions &o)
{
    QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
    auto ca = pemOf(o.caPem, o.caFile, o.caName);
    if (!ca)
        return ca.error();
    if (!ca->isEmpty()) {
        const QList<QSslCertificate> cas = QSslCertificate::fromData(*ca, QSsl::Pem);
        if (cas.isEmpty())
            return makeError(QStringLiteral("%1 holds no PEM certificate").arg(o.caName),
                             o.caPem.isEmpty() ? o.caFile : o.source);
        ssl.setCaCertificates(cas);
    }
    if (o.insecureSkipVerify)
        ssl.setPeerVerifyMode(QSslSocket::VerifyNone);

    auto cert = pemOf(o.clientCertPem, o.clientCertFile, o.clientCertName);
    if (!cert)
        return cert.error();
    auto key = pemOf(o.clientKeyPem, o.clientKeyFile, o.clientKeyName);
    if (!key)
        return key.error();
    if (cert->isEmpty() != key->isEmpty())
        return makeError(
            QStringLiteral("%1 has a client certificate without a key, or a key without a certificate")
                .arg(o.identityName),
            o.source);
    if (!cert->isEmpty()) {
        const auto certs = QSslCertificate::fromData(*cert, QSsl::Pem);
        if (certs.isEmpty())
            return makeError(QStringLiteral("%1 is not PEM").arg(o.clientCertName),
                             o.clientCertPem.isEmpty() ? o.clientCertFile : o.source);
        auto k = privateKey(*key, o.clientKeyPem.isEmpty() ? o.clientKeyFile : o.source, o.clientKeyName);
        if (!k)
            return k.error();
        ssl.setLocalCertificate(certs.first());
        ssl.setPrivateKey(*k);
    }
    return ssl;
}

void TlsSetup::apply(QNetworkRequest &request, const QSslConfiguration &ssl, const QString &serverName)
{
    if (request.url().scheme() != QLatin1String("https"))
        return;
    request.setSslConfiguration(ssl);
    if (!serverName.isEmpty())
        request.setPeerVerifyName(serverName);
}

void TlsSetup::allowInsecure(QNetworkReply *reply)
{
    QObject::connect(reply, &QNetworkReply::sslErrors, reply,
                     [reply](const QList<QSslError> &) { reply->ignoreSslErrors(); });
}

QString TlsSetup::explain(const QList<QSslError> &errors, const QString &errorString, const TlsOptions &o,
                          const QString &host, bool closedAfterHandshake)
{
    const QString asked = o.serverName.isEmpty() ? host : o.serverName;
    for (const QSslError &e : errors) {
        switch (e.error()) {
        case QSslError::HostNameMismatch: {
            QStringList names = e.certificate().subjectAlternativeNames().values(QSsl::DnsEntry);
            if (names.isEmpty())
                names = e.certificate().subjectInfo(QSslCertificate::CommonName);
            return QStringLiteral("its certificate is for %1, not %2 (set the server name to the name it "
                                  "carries, or reach it by that name)")
                .arg(names.isEmpty() ? QStringLiteral("no name") : names.join(QStringLiteral(", ")), asked);
        }
        case QSslError::UnableToGetLocalIssuerCertificate:
        case QSslError::UnableToGetIssuerCertificate:
        case QSslError::UnableToVerifyFirstCertificate:
        case QSslError::SelfSignedCertificate:
        case QSslError::SelfSignedCertificateInChain:
        case QSslError::CertificateUntrusted:
            return (o.caFile.isEmpty() && o.caPem.isEmpty())
                       ? QStringLiteral("its certificate is not signed by a CA this system trusts (set %1)")
                             .arg(o.caName)
                       : QStringLiteral("its certificate is not signed by %1%2")
                             .arg(o.caName,
                                  o.caFile.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(o.caFile));
        case QSslError::CertificateExpired:
            return QStringLiteral("its certificate expired on %1")
                .arg(e.certificate().expiryDate().toString(Qt::ISODate));
        default:
            break;
        }
    }
    // The server's TLS alerts when it wants a client certificate: "bad certificate" (TLS 1.2), "certificate
    // required" (TLS 1.3), "unknown ca". With TLS 1.3 the close can reach Qt before the alert does.
    const bool alert = errorString.contains(QLatin1String("alert bad certificate")) ||
                       errorString.contains(QLatin1String("alert certificate required")) ||
                       errorString.contains(QLatin1String("alert unknown ca"));
    if (!alert && !closedAfterHandshake)
        return {};
    const bool haveCert = !o.clientCertFile.isEmpty() || !o.clientCertPem.isEmpty();
    if (haveCert)
        return QStringLiteral("it %1 accept %2%3 (is it signed by the CA it trusts for clients?)")
            .arg(alert ? QStringLiteral("does not") : QStringLiteral("may not"), o.clientCertName,
                 o.clientCertFile.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(o.clientCertFile));
    return QStringLiteral("it %1 a client certificate and none is set (set %2 and its key)")
        .arg(alert ? QStringLiteral("requires") : QStringLiteral("may require"), o.clientCertName);
}

} // namespace Sitrep::Net
