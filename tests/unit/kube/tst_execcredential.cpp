// Exec credential plugins: a small shell script plays the plugin (args, env, KUBERNETES_EXEC_INFO, expiry).
#include "core/ManualClock.h"
#include "kube/ExecCredentialPlugin.h"
#include "support/TestEnv.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Sitrep::Kube;

namespace {

// Prints an ExecCredential whose token is "<arg1>-<REGION>-<run number>", valid until $EXPIRY.
const QByteArray kScript = R"(#!/bin/sh
dir=$(dirname "$0")
n=$(cat "$dir/runs" 2>/dev/null || echo 0)
n=$((n+1))
echo $n > "$dir/runs"
echo "$KUBERNETES_EXEC_INFO" > "$dir/info"
if [ -n "$FAIL" ]; then echo "login required: run sso login" >&2; exit 3; fi
if [ -n "$GARBAGE" ]; then echo "not json"; exit 0; fi
cat <<JSON
{"kind":"ExecCredential","apiVersion":"client.authentication.k8s.io/v1beta1",
 "status":{"token":"$1-$REGION-$n","expirationTimestamp":"$EXPIRY"}}
JSON
)";

} // namespace

class TstExecCredential final : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void runsAndCachesUntilExpiry();
    void failuresAreSentences_data();
    void failuresAreSentences();
    void parseOutput_data();
    void parseOutput();

private:
    ExecConfig config(const QList<QPair<QString, QString>> &extraEnv = {}) const;
    QTemporaryDir m_dir;
    QString m_script;
};

void TstExecCredential::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_script = m_dir.filePath(QStringLiteral("plugin.sh"));
    QFile f(m_script);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(kScript);
    f.close();
    QVERIFY(f.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
}

ExecConfig TstExecCredential::config(const QList<QPair<QString, QString>> &extraEnv) const
{
    ExecConfig e;
    e.apiVersion = QStringLiteral("client.authentication.k8s.io/v1beta1");
    e.command = m_script;
    e.args = {QStringLiteral("tok")};
    e.env = {{QStringLiteral("REGION"), QStringLiteral("eu")},
             {QStringLiteral("EXPIRY"), QStringLiteral("2026-11-18T20:00:00Z")}};
    e.env << extraEnv;
    e.provideClusterInfo = true;
    e.installHint = QStringLiteral("Install the sso tool.");
    return e;
}

void TstExecCredential::runsAndCachesUntilExpiry()
{
    QFile::remove(m_dir.filePath(QStringLiteral("runs")));
    Sitrep::Core::ManualClock clock(
        QDateTime::fromString(QStringLiteral("2026-11-18T19:00:00Z"), Qt::ISODate));
    ClusterInfo cluster;
    cluster.server = QStringLiteral("https://127.0.0.1:6443");
    ExecCredentialPlugin plugin(config(), cluster, clock);
    QVERIFY(!plugin.cached());
    QSignalSpy ready(&plugin, &ExecCredentialPlugin::ready);
    plugin.fetch();
    plugin.fetch(); // a second fetch while running does not start another process
    QVERIFY(ready.wait(10000));
    QCOMPARE(plugin.runs(), 1);
    auto cred = plugin.cached();
    QVERIFY(cred);
    QCOMPARE(cred->token, QStringLiteral("tok-eu-1"));
    QCOMPARE(cred->expiry, QDateTime::fromString(QStringLiteral("2026-11-18T20:00:00Z"), Qt::ISODate));
    const QByteArray info = Sitrep::Test::readFixture(m_dir.filePath(QStringLiteral("info")));
    QVERIFY2(info.contains("\"server\":\"https://127.0.0.1:6443\""), info.constData());
    QVERIFY(info.contains("\"interactive\":false"));

    clock.advanceSecs(59 * 60);
    QVERIFY(plugin.cached()); // still valid a minute before expiry
    clock.advanceSecs(61);
    QVERIFY(!plugin.cached()); // expired: the next request must run the plugin again
    clock.advanceSecs(-30 *
                      60); // the script's expiry is fixed; go back so the new credential counts as fresh
    plugin.fetch();
    QVERIFY(ready.wait(10000));
    QCOMPARE(plugin.runs(), 2);
    QCOMPARE(plugin.cached()->token, QStringLiteral("tok-eu-2"));
    plugin.invalidate();
    QVERIFY(!plugin.cached());
}

void TstExecCredential::failuresAreSentences_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<QString>("envName");
    QTest::addColumn<QString>("expected");
    QTest::newRow("exit code") << QString() << QStringLiteral("FAIL")
                               << QStringLiteral("failed (exit 3): login required: run sso login");
    QTest::newRow("garbage") << QString() << QStringLiteral("GARBAGE")
                             << QStringLiteral("not an ExecCredential JSON object");
    QTest::newRow("missing") << QStringLiteral("/nonexistent/sso-helper") << QString()
                             << QStringLiteral("could not be started");
}

void TstExecCredential::failuresAreSentences()
{
    QFETCH(QString, command);
    QFETCH(QString, envName);
    QFETCH(QString, expected);
    Sitrep::Core::ManualClock clock;
    ExecConfig e = config(envName.isEmpty() ? QList<QPair<QString, QString>>{}
                                            : QList<QPair<QString, QString>>{{envName, QStringLiteral("1")}});
    if (!command.isEmpty())
        e.command = command;
    ExecCredentialPlugin plugin(e, ClusterInfo{}, clock);
    QSignalSpy failed(&plugin, &ExecCredentialPlugin::failed);
    plugin.fetch();
    QVERIFY(failed.wait(10000));
    const QString msg = failed.first().first().toString();
    QVERIFY2(msg.contains(expected), qPrintable(msg));
    if (!command.isEmpty())
        QVERIFY(msg.contains(QLatin1String("Install the sso tool.")));
    QVERIFY(!plugin.cached());
}

void TstExecCredential::parseOutput_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("text");
    QTest::newRow("token")
        << QByteArray(
               R"({"kind":"ExecCredential","apiVersion":"client.authentication.k8s.io/v1","status":{"token":"abc"}})")
        << true << QStringLiteral("abc");
    QTest::newRow("cert")
        << QByteArray(
               R"({"kind":"ExecCredential","apiVersion":"client.authentication.k8s.io/v1","status":{"clientCertificateData":"C","clientKeyData":"K"}})")
        << true << QString();
    QTest::newRow("wrong version")
        << QByteArray(
               R"({"kind":"ExecCredential","apiVersion":"client.authentication.k8s.io/v1beta1","status":{"token":"abc"}})")
        << false << QStringLiteral("kubeconfig asks for");
    QTest::newRow("no credential")
        << QByteArray(
               R"({"kind":"ExecCredential","apiVersion":"client.authentication.k8s.io/v1","status":{}})")
        << false << QStringLiteral("neither status.token");
    QTest::newRow("bad expiry")
        << QByteArray(
               R"({"kind":"ExecCredential","apiVersion":"client.authentication.k8s.io/v1","status":{"token":"a","expirationTimestamp":"soon"}})")
        << false << QStringLiteral("unreadable expirationTimestamp");
    QTest::newRow("wrong kind") << QByteArray(R"({"kind":"Status"})") << false
                                << QStringLiteral("instead of ExecCredential");
}

void TstExecCredential::parseOutput()
{
    QFETCH(QByteArray, json);
    QFETCH(bool, ok);
    QFETCH(QString, text);
    auto r = ExecCredentialPlugin::parseOutput(json, QStringLiteral("client.authentication.k8s.io/v1"));
    QCOMPARE(r.ok(), ok);
    if (ok)
        QCOMPARE(r->token, text);
    else
        QVERIFY2(r.error().message.contains(text), qPrintable(r.error().message));
}

QTEST_GUILESS_MAIN(TstExecCredential)
#include "tst_execcredential.moc"
