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

} // namespace Sitrep::Net
