// TlsSetup: the one TLS setup of the Kubernetes and Prometheus clients. A CA (file or PEM data) replaces the
// system roots; a client certificate needs its key; skip-verify turns verification off; the server name goes
// on https requests only; every unusable file or setting is a sentence naming it.
#include "support/TestCa.h"

#include "net/TlsSetup.h"

#include <QFile>
#include <QNetworkRequest>
#include <QSslCertificate>
#include <QTest>

using namespace Sitrep;
using Sitrep::Net::TlsOptions;
using Sitrep::Net::TlsSetup;

class TstTlsSetup final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void caReplacesSystemRoots();
    void pemDataWinsOverFile();
    void clientIdentity();
    void skipVerify();
    void errors_data();
    void errors();
    void applyOnlyOnHttps();

private:
    QByteArray read(const QString &path) const;
    Test::TestCa m_ca;
};

void TstTlsSetup::initTestCase()
{
    const QString err = m_ca.make();
    QVERIFY2(err.isEmpty(), qPrintable(err));
}

QByteArray TstTlsSetup::read(const QString &path) const
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

void TstTlsSetup::caReplacesSystemRoots()
{
    TlsOptions o;
    o.caFile = m_ca.caFile();
    const auto ssl = TlsSetup::configuration(o);
    QVERIFY2(ssl.ok(), ssl.ok() ? "" : qPrintable(ssl.error().text()));
    QCOMPARE(ssl->caCertificates().size(), 1);
    QCOMPARE(ssl->caCertificates().first().subjectInfo(QSslCertificate::CommonName).value(0),
             QStringLiteral("Sitrep test CA"));
    QCOMPARE(ssl->peerVerifyMode(), QSslConfiguration::defaultConfiguration().peerVerifyMode());
    // Without a CA the system roots stay.
    const auto plain = TlsSetup::configuration(TlsOptions{});
    QVERIFY(plain.ok());
    QCOMPARE(plain->caCertificates().size(),
             QSslConfiguration::defaultConfiguration().caCertificates().size());
}

void TstTlsSetup::pemDataWinsOverFile()
{
    TlsOptions o;
    o.caPem = read(m_ca.caFile());
    o.caFile = QStringLiteral("/nonexistent/never-read.pem");
    const auto ssl = TlsSetup::configuration(o);
    QVERIFY(ssl.ok());
    QCOMPARE(ssl->caCertificates().size(), 1);
}

void TstTlsSetup::clientIdentity()
{
    TlsOptions o;
    o.clientCertFile = m_ca.clientCertFile();
    o.clientKeyFile = m_ca.clientKeyFile(); // EC
    const auto ssl = TlsSetup::configuration(o);
    QVERIFY2(ssl.ok(), ssl.ok() ? "" : qPrintable(ssl.error().text()));
    QCOMPARE(ssl->localCertificate().subjectInfo(QSslCertificate::CommonName).value(0),
             QStringLiteral("sitrep-console"));
    QCOMPARE(ssl->privateKey().algorithm(), QSsl::Ec);
}

void TstTlsSetup::skipVerify()
{
    TlsOptions o;
    o.insecureSkipVerify = true;
    const auto ssl = TlsSetup::configuration(o);
    QVERIFY(ssl.ok());
    QCOMPARE(ssl->peerVerifyMode(), QSslSocket::VerifyNone);
}

void TstTlsSetup::errors_data()
{
    QTest::addColumn<QString>("ca");
    QTest::addColumn<QString>("cert");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("expected");
    const QString missing = QStringLiteral("/nonexistent/x.pem");
    QTest::newRow("CA missing")
        << missing << QString() << QString()
        << missing + QStringLiteral(": the Prometheus CA file cannot be read: No such file or directory");
    // A key is no certificate.
    QTest::newRow("CA not PEM") << m_ca.caKeyFile() << QString() << QString()
                                << m_ca.caKeyFile() +
                                       QStringLiteral(": the Prometheus CA file holds no PEM certificate");
    QTest::newRow("cert without key")
        << QString() << m_ca.clientCertFile() << QString()
        << QStringLiteral("Prometheus settings: the Prometheus connection has a client "
                          "certificate without a key, or a key without a certificate");
    QTest::newRow("key is a certificate")
        << QString() << m_ca.clientCertFile() << m_ca.clientCertFile()
        << m_ca.clientCertFile() + QStringLiteral(": the client key is not a PEM RSA, EC or DSA private key");
    QTest::newRow("cert is a key") << QString() << m_ca.clientKeyFile() << m_ca.clientKeyFile()
                                   << m_ca.clientKeyFile() +
                                          QStringLiteral(": the client certificate is not PEM");
}

void TstTlsSetup::errors()
{
    QFETCH(QString, ca);
    QFETCH(QString, cert);
    QFETCH(QString, key);
    QFETCH(QString, expected);
    TlsOptions o;
    o.caFile = ca;
    o.caName = QStringLiteral("the Prometheus CA file");
    o.clientCertFile = cert;
    o.clientKeyFile = key;
    o.identityName = QStringLiteral("the Prometheus connection");
    o.source = QStringLiteral("Prometheus settings");
    const auto r = TlsSetup::configuration(o);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().text(), expected);
}

void TstTlsSetup::applyOnlyOnHttps()
{
    TlsOptions o;
    o.caFile = m_ca.caFile();
    const auto ssl = TlsSetup::configuration(o);
    QVERIFY(ssl.ok());
    QNetworkRequest https(QUrl(QStringLiteral("https://127.0.0.1:9090/api/v1/query")));
    TlsSetup::apply(https, *ssl, QStringLiteral("prom.internal"));
    QCOMPARE(https.peerVerifyName(), QStringLiteral("prom.internal"));
    QCOMPARE(https.sslConfiguration().caCertificates().size(), 1);
    QNetworkRequest http(QUrl(QStringLiteral("http://127.0.0.1:9090/api/v1/query")));
    TlsSetup::apply(http, *ssl, QStringLiteral("prom.internal"));
    QVERIFY(http.peerVerifyName().isEmpty());
}

QTEST_GUILESS_MAIN(TstTlsSetup)
#include "tst_tlssetup.moc"
