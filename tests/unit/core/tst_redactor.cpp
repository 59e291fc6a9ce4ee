#include "core/Redactor.h"

#include <QJsonDocument>
#include <QTest>

using Sitrep::Core::Redactor;

// Real-looking samples of every secret shape the journal and the log must never keep.
class TstRedactor : public QObject
{
    Q_OBJECT
private slots:
    void scrubs_data();
    void scrubs();
    void keepsOrdinaryText_data();
    void keepsOrdinaryText();
    void secretYaml();
    void secretJson();
    void knownSecretValues();
    void jsonPayloadKeys();
};

void TstRedactor::scrubs_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("secret");
    QTest::addColumn<QString>("kept");

    QTest::newRow("bearer header")
        << "curl -H 'Authorization: Bearer sk_live_4f9a8b7c6d5e4f3a2b1c' https://api"
        << "sk_live_4f9a8b7c6d5e4f3a2b1c"
        << "https://api";
    QTest::newRow("basic header") << "Authorization: Basic YWRtaW46aHVudGVyMg=="
                                  << "YWRtaW46aHVudGVyMg=="
                                  << "Authorization";
    QTest::newRow("postgres url") << "psql postgres://app:S3cr3tP4ss@db.prod.internal:5432/orders"
                                  << "S3cr3tP4ss"
                                  << "db.prod.internal:5432/orders";
    QTest::newRow("redis url") << "REDIS_URL=redis://default:hunter2hunter2@redis:6379/0"
                               << "hunter2hunter2"
                               << "redis:6379/0";
    QTest::newRow("aws key id") << "aws_access_key_id = AKIAIOSFODNN7EXAMPLE"
                                << "AKIAIOSFODNN7EXAMPLE"
                                << "aws_access_key_id";
    QTest::newRow("aws secret") << "aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
                                << "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
                                << "aws_secret_access_key";
    QTest::newRow("jwt") << "token eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0."
                            "dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U in header"
                         << "eyJzdWIiOiIxMjM0NTY3ODkwIn0"
                         << "in header";
    QTest::newRow("pem key") << "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA7bq98Ylq\nZ2FyYmFnZQ==\n"
                                "-----END RSA PRIVATE KEY-----\nnext line"
                             << "MIIEowIBAAKCAQEA7bq98Ylq"
                             << "next line";
    QTest::newRow("openssh key") << "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmU=\n"
                                    "-----END OPENSSH PRIVATE KEY-----"
                                 << "b3BlbnNzaC1rZXktdjEAAAAABG5vbmU="
                                 << "OPENSSH PRIVATE KEY";
    QTest::newRow("password flag") << "mysql --password=Tr0ub4dor&3 -h db"
                                   << "Tr0ub4dor"
                                   << "-h db";
    QTest::newRow("pgpassword env") << "PGPASSWORD=correcthorse psql -h db -c 'SELECT 1'"
                                    << "correcthorse"
                                    << "SELECT 1";
    QTest::newRow("yaml token") << "  token: 9f8e7d6c5b4a39281706f5e4"
                                << "9f8e7d6c5b4a39281706f5e4"
                                << "token:";
    QTest::newRow("json api key") << "{\"api_key\": \"AbCdEf123456GhIjKl\"}"
                                  << "AbCdEf123456GhIjKl"
                                  << "api_key";
    QTest::newRow("slack webhook") << "POST https://hooks.slack.com/services/T000/B000/XXXXXXXXXXXXXXXX"
                                   << "XXXXXXXXXXXXXXXX"
                                   << "hooks.slack.com";
    QTest::newRow("slack bot token") << "SLACK=xoxb-123456789012-abcdefABCDEF"
                                     << "xoxb-123456789012-abcdefABCDEF"
                                     << "SLACK=";
    QTest::newRow("github token") << "git clone https://ghp_16C7e42F292c6912E7710c838347Ae178B4a@github.com/x"
                                  << "ghp_16C7e42F292c6912E7710c838347Ae178B4a"
                                  << "github.com/x";
    QTest::newRow("redis -a") << "redis-cli -h cache -a s3cretpass PING"
                              << "s3cretpass"
                              << "PING";
}

void TstRedactor::scrubs()
{
    QFETCH(QString, input);
    QFETCH(QString, secret);
    QFETCH(QString, kept);
    const QString out = Redactor::redactPatterns(input);
    QVERIFY2(!out.contains(secret), qPrintable(out));
    QVERIFY2(out.contains(kept), qPrintable(out));
    QVERIFY2(out.contains(Redactor::kMask), qPrintable(out));
    // Redaction is idempotent: scrubbing twice changes nothing more.
    QCOMPARE(Redactor::redactPatterns(out), out);
}

void TstRedactor::keepsOrdinaryText_data()
{
    QTest::addColumn<QString>("input");
    QTest::newRow("kubectl") << "kubectl rollout undo deployment/api-gateway -n prod";
    QTest::newRow("url without password") << "curl -s https://api.example.com/health";
    QTest::newRow("prose") << "The token bucket limiter was set too low";
    QTest::newRow("log") << "FATAL: no pg_hba.conf entry for host \"10.0.3.7\", user \"app\"";
}

void TstRedactor::keepsOrdinaryText()
{
    QFETCH(QString, input);
    QCOMPARE(Redactor::redactPatterns(input), input);
}

void TstRedactor::secretYaml()
{
    const QString yaml = QStringLiteral("apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ndata:\n"
                                        "  username: YXBw\n  password: UzNjcjN0UDRzcw==\nstringData:\n"
                                        "  dsn: host=db\ntype: Opaque\n");
    const QString out = Redactor::redactPatterns(yaml);
    QVERIFY(!out.contains(QLatin1String("UzNjcjN0UDRzcw==")));
    QVERIFY(!out.contains(QLatin1String("YXBw")));
    QVERIFY(!out.contains(QLatin1String("host=db")));
    QVERIFY(out.contains(QLatin1String("name: db")));
    QVERIFY(out.contains(QLatin1String("type: Opaque")));
}

void TstRedactor::secretJson()
{
    const QString json = QStringLiteral(
        R"({"apiVersion":"v1","kind":"Secret","metadata":{"name":"db"},"data":{"user":"YXBw","pw":"UzNjcjN0"}})");
    const QString out = Redactor::redactPatterns(json);
    QVERIFY(!out.contains(QLatin1String("UzNjcjN0")));
    QVERIFY(!out.contains(QLatin1String("YXBw")));
    QVERIFY(out.contains(QLatin1String("\"name\":\"db\"")));
    QVERIFY(!QJsonDocument::fromJson(out.toUtf8()).isNull()); // still valid JSON
}

void TstRedactor::knownSecretValues()
{
    Redactor r;
    r.addSecret(QStringLiteral("plainword-from-keychain"));
    r.addSecret(QStringLiteral("ab")); // too short to mask safely: ignored
    const QString out = r.redact(QStringLiteral("webhook plainword-from-keychain failed; ab"));
    QCOMPARE(out, QStringLiteral("webhook [REDACTED] failed; ab"));
}

void TstRedactor::jsonPayloadKeys()
{
    Redactor r;
    const QJsonObject in{
        {QStringLiteral("command"), QStringLiteral("psql postgres://u:pw12345@db/x")},
        {QStringLiteral("password"), QStringLiteral("short")},
        {QStringLiteral("nested"), QJsonObject{{QStringLiteral("apiToken"), QStringLiteral("abc")}}},
        {QStringLiteral("exitCode"), 0}};
    const QJsonObject out = r.redact(in);
    QVERIFY(!out.value(QLatin1String("command")).toString().contains(QLatin1String("pw12345")));
    QCOMPARE(out.value(QLatin1String("password")).toString(), Redactor::kMask);
    QCOMPARE(out.value(QLatin1String("nested")).toObject().value(QLatin1String("apiToken")).toString(),
             Redactor::kMask);
    QCOMPARE(out.value(QLatin1String("exitCode")).toInt(), 0);
}

QTEST_GUILESS_MAIN(TstRedactor)
#include "tst_redactor.moc"
