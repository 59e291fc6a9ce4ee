// An environment's Prometheus data-source options (Grafana's: CA, client certificate and key, server name,
// skip-verify, basic auth or a token, custom headers): validation naming the field, the client settings
// built from them with secrets from the keychain, and a settings file that never holds a secret.
#include "core/Environment.h"
#include "prom/PromClient.h"
#include "prom/PrometheusSettings.h"
#include "support/TestEnv.h"

#include <QDir>
#include <QFile>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace Sitrep;
using Core::Environment;
using Prom::PrometheusSettings;

class TstPrometheusSettings final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void validate_data();
    void validate();
    void basicAuthOrToken();
    void headersFromTheKeychain();
    void settingsFileHoldsNoSecret();
    void clientNamesAnUnusableFile();

private:
    Environment base() const;
    QTemporaryDir m_dir;
    QString m_pem; // an existing readable file (its content does not matter to validate())
};

void TstPrometheusSettings::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_pem = m_dir.filePath(QStringLiteral("some.pem"));
    QVERIFY(Test::writeFile(m_pem, "not a certificate\n"));
}

Environment TstPrometheusSettings::base() const
{
    Environment e;
    e.name = QStringLiteral("prod");
    e.prometheusUrl = QStringLiteral("https://prom.prod.example");
    return e;
}

void TstPrometheusSettings::validate_data()
{
    QTest::addColumn<QString>("field"); // the option set
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("badField"); // "" when valid
    QTest::addColumn<QString>("inMessage");
    const QString missing = QStringLiteral("/nonexistent/ca.pem");
    QTest::newRow("ca ok") << "ca" << m_pem << ""
                           << "";
    QTest::newRow("ca missing") << "ca" << missing << "prometheusCaFile" << missing;
    QTest::newRow("ca is a folder") << "ca" << m_dir.path() << "prometheusCaFile" << m_dir.path();
    QTest::newRow("cert missing") << "pair" << missing << "prometheusClientCert" << missing;
    QTest::newRow("cert without key") << "cert" << m_pem << "prometheusClientKey"
                                      << "needs its key";
    QTest::newRow("key without cert") << "key" << m_pem << "prometheusClientCert"
                                      << "needs its certificate";
    QTest::newRow("cert and key") << "pair" << m_pem << ""
                                  << "";
    QTest::newRow("header ok") << "header"
                               << "X-Scope-OrgID=prometheus/prod/header/X-Scope-OrgID"
                               << ""
                               << "";
    QTest::newRow("header name with space") << "header"
                                            << "X Org=prometheus/prod/header/x"
                                            << "prometheusHeaders"
                                            << "X Org";
    QTest::newRow("header name with colon") << "header"
                                            << "X-Org:=entry"
                                            << "prometheusHeaders"
                                            << "X-Org:";
    QTest::newRow("header without entry") << "header"
                                          << "X-Org"
                                          << "prometheusHeaders"
                                          << "X-Org";
    QTest::newRow("header empty name") << "header"
                                       << "=entry"
                                       << "prometheusHeaders"
                                       << "=entry";
}

void TstPrometheusSettings::validate()
{
    QFETCH(QString, field);
    QFETCH(QString, value);
    QFETCH(QString, badField);
    QFETCH(QString, inMessage);
    Environment e = base();
    if (field == QLatin1String("ca"))
        e.prometheusCaFile = value;
    else if (field == QLatin1String("cert"))
        e.prometheusClientCert = value;
    else if (field == QLatin1String("key"))
        e.prometheusClientKey = value;
    else if (field == QLatin1String("pair")) {
        e.prometheusClientCert = value;
        e.prometheusClientKey = m_pem;
    } else
        e.prometheusHeaders = {value};
    const auto r = e.validate();
    QCOMPARE(r.ok(), badField.isEmpty());
    if (!r.ok()) {
        QCOMPARE(r.error().where, badField);
        QVERIFY2(r.error().message.contains(inMessage), qPrintable(r.error().message));
    }
}

void TstPrometheusSettings::basicAuthOrToken()
{
    const auto secret = [](const QString &name) {
        return name == QLatin1String("prometheus/prod") ? QStringLiteral("s3cret") : QString();
    };
    Environment e = base();
    e.prometheusSecret = QStringLiteral("prometheus/prod");
    e.prometheusCaFile = QStringLiteral("/etc/ca.pem");
    e.prometheusClientCert = QStringLiteral("/etc/client.pem");
    e.prometheusClientKey = QStringLiteral("/etc/client.key");
    e.prometheusServerName = QStringLiteral("prom.internal");
    e.prometheusSkipVerify = true;
    // Without a user the keychain entry is a bearer token (Grafana's two ways).
    Prom::ServerConfig token = PrometheusSettings::serverConfig(e, secret);
    QCOMPARE(token.url, QUrl(QStringLiteral("https://prom.prod.example")));
    QCOMPARE(token.bearerToken, QStringLiteral("s3cret"));
    QVERIFY(token.basicUser.isEmpty() && token.basicPassword.isEmpty());
    QCOMPARE(token.caFile, e.prometheusCaFile);
    QCOMPARE(token.clientCertFile, e.prometheusClientCert);
    QCOMPARE(token.clientKeyFile, e.prometheusClientKey);
    QCOMPARE(token.serverName, QStringLiteral("prom.internal"));
    QVERIFY(token.insecureSkipVerify);
    // With a user it is the basic-auth password.
    e.prometheusUser = QStringLiteral("grafana");
    Prom::ServerConfig basic = PrometheusSettings::serverConfig(e, secret);
    QVERIFY(basic.bearerToken.isEmpty());
    QCOMPARE(basic.basicUser, QStringLiteral("grafana"));
    QCOMPARE(basic.basicPassword, QStringLiteral("s3cret"));
    // No Prometheus URL: no URL to reach.
    e.prometheusUrl.clear();
    QVERIFY(PrometheusSettings::serverConfig(e, secret).url.isEmpty());
}

void TstPrometheusSettings::headersFromTheKeychain()
{
    const QString org =
        PrometheusSettings::headerSecretName(QStringLiteral("prod"), QStringLiteral("X-Scope-OrgID"));
    QCOMPARE(org, QStringLiteral("prometheus/prod/header/X-Scope-OrgID"));
    Environment e = base();
    e.prometheusSecret = QStringLiteral("prometheus/prod");
    e.prometheusHeaders = {QStringLiteral("X-Scope-OrgID=") + org, QStringLiteral("X-Team = shared/team")};
    QVERIFY(e.validate().ok());
    // Every entry the connection needs is read from the keychain before it connects, each once.
    e.prometheusHeaders << QStringLiteral("X-Again=") + org;
    QCOMPARE(PrometheusSettings::secretNames(e),
             QStringList({QStringLiteral("prometheus/prod"), org, QStringLiteral("shared/team")}));
    const QHash<QString, QString> keychain{{org, QStringLiteral("tenant-1")},
                                           {QStringLiteral("shared/team"), QStringLiteral("sre")}};
    const auto c =
        PrometheusSettings::serverConfig(e, [&keychain](const QString &n) { return keychain.value(n); });
    QCOMPARE(c.headers.size(), 3);
    QCOMPARE(c.headers.at(0), (QPair<QByteArray, QByteArray>("X-Scope-OrgID", "tenant-1")));
    QCOMPARE(c.headers.at(1), (QPair<QByteArray, QByteArray>("X-Team", "sre")));
    QCOMPARE(c.headers.at(2), (QPair<QByteArray, QByteArray>("X-Again", "tenant-1")));
}

void TstPrometheusSettings::settingsFileHoldsNoSecret()
{
    const QString file = m_dir.filePath(QStringLiteral("settings.ini"));
    Environment e = base();
    e.prometheusSecret = QStringLiteral("prometheus/prod");
    e.prometheusCaFile = m_pem;
    e.prometheusClientCert = m_pem;
    e.prometheusClientKey = m_pem;
    e.prometheusServerName = QStringLiteral("prom.internal");
    e.prometheusSkipVerify = true;
    e.prometheusUser = QStringLiteral("grafana");
    e.prometheusHeaders = {QStringLiteral("X-Scope-OrgID=prometheus/prod/header/X-Scope-OrgID")};
    {
        QSettings settings(file, QSettings::IniFormat);
        Core::EnvironmentStore store(settings);
        store.save({e});
        const Environment loaded = store.load().value(0);
        QCOMPARE(loaded.prometheusCaFile, e.prometheusCaFile);
        QCOMPARE(loaded.prometheusClientCert, e.prometheusClientCert);
        QCOMPARE(loaded.prometheusClientKey, e.prometheusClientKey);
        QCOMPARE(loaded.prometheusServerName, e.prometheusServerName);
        QCOMPARE(loaded.prometheusSkipVerify, true);
        QCOMPARE(loaded.prometheusUser, e.prometheusUser);
        QCOMPARE(loaded.prometheusHeaders, e.prometheusHeaders);
        // The client built from what was loaded carries the secrets; the file only their names.
        const auto c = PrometheusSettings::serverConfig(loaded, [](const QString &n) {
            return n.endsWith(QLatin1String("X-Scope-OrgID")) ? QStringLiteral("tenant-secret-1")
                                                              : QStringLiteral("password-secret-2");
        });
        QCOMPARE(c.basicPassword, QStringLiteral("password-secret-2"));
        QCOMPARE(c.headers.value(0).second, QByteArray("tenant-secret-1"));
    }
    QFile f(file);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray written = f.readAll();
    QVERIFY(written.contains("prometheus/prod/header/X-Scope-OrgID"));
    QVERIFY(!written.contains("secret-1"));
    QVERIFY(!written.contains("secret-2"));
}

void TstPrometheusSettings::clientNamesAnUnusableFile()
{
    // validate() sees a readable file; the client reading it says which of the settings is not PEM.
    Environment e = base();
    e.prometheusCaFile = m_pem;
    Prom::PromClient client;
    const auto r = client.configure(PrometheusSettings::serverConfig(e, {}));
    QVERIFY(!r.ok());
    QVERIFY2(r.error().text().contains(QLatin1String("Prometheus CA file")), qPrintable(r.error().text()));
    QVERIFY2(r.error().text().contains(m_pem), qPrintable(r.error().text()));
}

QTEST_GUILESS_MAIN(TstPrometheusSettings)
#include "tst_prometheussettings.moc"
