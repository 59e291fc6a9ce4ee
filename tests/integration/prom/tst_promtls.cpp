// An environment's Prometheus options against a real Prometheus started with --web.config.file: TLS with a
// certificate from a test CA (under a DNS name, reached at 127.0.0.1 through the server-name option),
// client-certificate authentication and basic auth. The right settings get answers; a wrong CA, a missing
// client certificate, a wrong password or a wrong server name each fail with a sentence saying which.
#include "PromFixture.h"

#include "core/Environment.h"
#include "prom/PromClient.h"
#include "prom/PrometheusSettings.h"
#include "support/AwaitResult.h"
#include "support/TestCa.h"

#include <QTest>

using namespace Sitrep;
using Core::Environment;

namespace {

// A bcrypt hash of "correct horse battery" (cost 4: Prometheus checks it on every request).
constexpr char kPasswordHash[] = "$2b$04$bBBxx2TaV89n5geLul0omeRcS75j4VfBhwRglRRY2hOZH2yTR8pOu";
constexpr char kPassword[] = "correct horse battery";
constexpr char kPasswordEntry[] = "prometheus/secure";

} // namespace

class TstPromTls final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void rightSettingsAnswer();
    void skipVerifyNeedsNoCa();
    void failures_data();
    void failures();

private:
    // The environment a user would set up for this Prometheus: every option right.
    Environment environment() const;
    Core::Result<QString> version(const Environment &e, const QString &password) const;

    Test::TestCa m_ca;
    Test::TestCa m_otherCa;
    Test::PromFixture m_prom;
};

void TstPromTls::initTestCase()
{
    QString err = m_ca.make(QStringLiteral("prom.internal"));
    QVERIFY2(err.isEmpty(), qPrintable(err));
    err = m_otherCa.make(QStringLiteral("prom.internal"));
    QVERIFY2(err.isEmpty(), qPrintable(err));
    const QByteArray web =
        QStringLiteral("tls_server_config:\n"
                       "  cert_file: %1\n"
                       "  key_file: %2\n"
                       "  client_auth_type: RequireAndVerifyClientCert\n"
                       "  client_ca_file: %3\n"
                       "basic_auth_users:\n"
                       "  sitrep: %4\n")
            .arg(m_ca.serverCertFile(), m_ca.serverKeyFile(), m_ca.caFile(), QLatin1String(kPasswordHash))
            .toUtf8();
    err = m_prom.startWithWebConfig(web);
    QVERIFY2(err.isEmpty(), qPrintable(err));
    QCOMPARE(m_prom.prometheusUrl().scheme(), QStringLiteral("https"));
    // The port accepts before the TSDB is open, and until then the API answers 503 (seen once in CI): wait
    // that out with the right settings; rightSettingsAnswer then checks what they get.
    QTRY_VERIFY_WITH_TIMEOUT(
        [this] {
            const auto v = version(environment(), QLatin1String(kPassword));
            return v.ok() || !v.error().text().contains(QLatin1String("HTTP 503"));
        }(),
        30000);
}

Environment TstPromTls::environment() const
{
    Environment e;
    e.name = QStringLiteral("secure");
    e.prometheusUrl = m_prom.prometheusUrl().toString();
    e.prometheusCaFile = m_ca.caFile();
    e.prometheusClientCert = m_ca.clientCertFile();
    e.prometheusClientKey = m_ca.clientKeyFile();
    e.prometheusServerName = QStringLiteral("prom.internal");
    e.prometheusUser = QStringLiteral("sitrep");
    e.prometheusSecret = QLatin1String(kPasswordEntry);
    return e;
}

Core::Result<QString> TstPromTls::version(const Environment &e, const QString &password) const
{
    if (auto valid = e.validate(); !valid)
        return valid.error();
    // The keychain as the settings name it: only the password entry exists.
    const auto keychain = [password](const QString &name) {
        return name == QLatin1String(kPasswordEntry) ? password : QString();
    };
    Prom::ServerConfig config = Prom::PrometheusSettings::serverConfig(e, keychain);
    config.timeoutMs = 10000;
    Prom::PromClient client;
    if (auto configured = client.configure(config); !configured)
        return configured.error();
    const auto info = Test::awaitResult<Prom::BuildInfo>(
        [&client](QObject *context, auto done) { client.buildInfo(context, done); });
    if (!info)
        return Core::makeError(QStringLiteral("no answer within 20 s"));
    if (!*info)
        return info->error();
    return info->value().version;
}

void TstPromTls::rightSettingsAnswer()
{
    const auto v = version(environment(), QLatin1String(kPassword));
    QVERIFY2(v.ok(), v.ok() ? "" : qPrintable(v.error().text()));
    QVERIFY2(v->startsWith(QLatin1String("2.")), qPrintable(*v));
}

void TstPromTls::skipVerifyNeedsNoCa()
{
    // Skip-verify: no CA and no server name (the certificate names prom.internal, not 127.0.0.1).
    Environment e = environment();
    e.prometheusCaFile.clear();
    e.prometheusServerName.clear();
    e.prometheusSkipVerify = true;
    const auto v = version(e, QLatin1String(kPassword));
    QVERIFY2(v.ok(), v.ok() ? "" : qPrintable(v.error().text()));
}

void TstPromTls::failures_data()
{
    QTest::addColumn<QString>("change");
    QTest::addColumn<QString>("inMessage"); // each part (split at |) must be in the sentence
    QTest::newRow("wrong CA") << "ca"
                              << "Prometheus at https://127.0.0.1:|TLS handshake|certificate";
    QTest::newRow("no client certificate") << "nocert"
                                           << "TLS handshake|client certificate";
    QTest::newRow("client certificate of another CA")
        << "othercert"
        << "TLS handshake|accept the Prometheus client certificate|client.pem";
    QTest::newRow("wrong password") << "password"
                                    << "401|user and password";
    QTest::newRow("no password") << "nopassword"
                                 << "401|user and password";
    QTest::newRow("wrong server name") << "name"
                                       << "TLS handshake|prom.internal";
}

void TstPromTls::failures()
{
    QFETCH(QString, change);
    QFETCH(QString, inMessage);
    Environment e = environment();
    QString password = QLatin1String(kPassword);
    if (change == QLatin1String("ca")) {
        e.prometheusCaFile = m_otherCa.caFile();
    } else if (change == QLatin1String("nocert")) {
        e.prometheusClientCert.clear();
        e.prometheusClientKey.clear();
    } else if (change == QLatin1String("othercert")) {
        e.prometheusClientCert = m_otherCa.clientCertFile();
        e.prometheusClientKey = m_otherCa.clientKeyFile();
    } else if (change == QLatin1String("password")) {
        password = QStringLiteral("wrong horse");
    } else if (change == QLatin1String("nopassword")) {
        password.clear();
    } else {
        e.prometheusServerName = QStringLiteral("grafana.internal");
    }
    const auto v = version(e, password);
    QVERIFY2(!v.ok(), "connected with a wrong setting");
    const QString text = v.error().text();
    qInfo().noquote() << text;
    for (const QString &part : inMessage.split(QLatin1Char('|')))
        QVERIFY2(text.contains(part), qPrintable(QStringLiteral("\"%1\" not in: %2").arg(part, text)));
    QVERIFY2(!text.contains(QLatin1String(kPassword)), qPrintable(text));
}

QTEST_GUILESS_MAIN(TstPromTls)
#include "tst_promtls.moc"
