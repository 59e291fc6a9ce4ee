// The client over TLS against a scripted server: credentials on the wire, exec plugin refresh on expiry and
// 401, TLS trust, error sentences, timeouts, shutdown.
#include "FakeApiServer.h"
#include "core/ManualClock.h"
#include "kube/KubeClient.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Sitrep::Kube;
using Sitrep::Test::FakeApiServer;
using Sitrep::Test::FakeRequest;

class TstKubeClient final : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void bearerOverTls();
    void basicAuth();
    void noCredentialsOverHttp();
    void execPluginRefreshesOnExpiryAnd401();
    void unauthorizedSentence();
    void untrustedCertificate();
    void insecureSkipVerify();
    void timeoutAndShutdown();
    void malformedJson();

private:
    ClusterConfig tlsConfig() const;
    KubeCall *getAndWait(KubeClient &c, const QString &path = QStringLiteral("/api/v1/namespaces/demo/pods"));
    Sitrep::Core::ManualClock m_clock{
        QDateTime::fromString(QStringLiteral("2026-11-18T19:00:00Z"), Qt::ISODate)};
    std::unique_ptr<FakeApiServer> m_server;
    QTemporaryDir m_dir;
    QByteArray m_cert;
};

void TstKubeClient::initTestCase()
{
    FakeApiServer probe;
    const QString err = probe.enableTls(true); // a certificate the servers below do not use
    QVERIFY2(err.isEmpty(), qPrintable(err));
    m_cert = probe.certificatePem();
}

void TstKubeClient::init()
{
    m_server = std::make_unique<FakeApiServer>();
    QVERIFY(m_server->enableTls().isEmpty());
    QVERIFY(m_server->listen());
    m_server->setHandler([](const FakeRequest &r, FakeApiServer &) {
        const QByteArray auth = r.headers.value("authorization");
        if (auth == "Bearer expired" || auth == "Bearer bad") {
            FakeApiServer::reply(
                r, 401,
                FakeApiServer::status(401, QStringLiteral("Unauthorized"), QStringLiteral("Unauthorized")));
            return FakeApiServer::Answer::Replied;
        }
        if (r.path == QLatin1String("/hang"))
            return FakeApiServer::Answer::Hang;
        if (r.path == QLatin1String("/garbage")) {
            FakeApiServer::reply(r, 200, "{\"kind\":");
            return FakeApiServer::Answer::Replied;
        }
        FakeApiServer::reply(r, 200, R"({"kind":"PodList","items":[]})");
        return FakeApiServer::Answer::Replied;
    });
}

ClusterConfig TstKubeClient::tlsConfig() const
{
    ClusterConfig cfg;
    cfg.context.name = QStringLiteral("tls");
    cfg.cluster.name = QStringLiteral("fake");
    cfg.cluster.server = m_server->url().toString();
    cfg.cluster.certificateAuthorityData = m_server->certificatePem();
    cfg.user.name = QStringLiteral("alice");
    return cfg;
}

KubeCall *TstKubeClient::getAndWait(KubeClient &c, const QString &path)
{
    KubeCall *call = c.get(path, {}, QStringLiteral("list pods in demo"));
    QSignalSpy done(call, &KubeCall::finished);
    if (!done.wait(10000))
        qWarning("call did not finish");
    return call; // deleteLater'd: valid until the event loop runs again
}

void TstKubeClient::bearerOverTls()
{
    ClusterConfig cfg = tlsConfig();
    cfg.user.token = QStringLiteral("tok-123");
    auto c = KubeClient::create(cfg, m_clock);
    QVERIFY(c.ok());
    KubeCall *call = getAndWait(**c);
    QVERIFY2(call->ok(), qPrintable(call->errorText()));
    QCOMPARE(m_server->requests.last().headers.value("authorization"), QByteArray("Bearer tok-123"));
    QCOMPARE(m_server->requests.last().headers.value("accept"), QByteArray("application/json"));
    QCOMPARE((*c)->inFlight(), 0);
}

void TstKubeClient::basicAuth()
{
    ClusterConfig cfg = tlsConfig();
    cfg.user.username = QStringLiteral("admin");
    cfg.user.password = QStringLiteral("pw");
    auto c = KubeClient::create(cfg, m_clock);
    QVERIFY(c.ok());
    QVERIFY(getAndWait(**c)->ok());
    QCOMPARE(m_server->requests.last().headers.value("authorization"),
             "Basic " + QByteArray("admin:pw").toBase64());
}

void TstKubeClient::noCredentialsOverHttp()
{
    FakeApiServer plain;
    QVERIFY(plain.listen());
    plain.setHandler([](const FakeRequest &r, FakeApiServer &) {
        FakeApiServer::reply(r, 200, "{}");
        return FakeApiServer::Answer::Replied;
    });
    ClusterConfig cfg;
    cfg.cluster.server = plain.url().toString();
    cfg.user.token = QStringLiteral("tok");
    auto c = KubeClient::create(cfg, m_clock);
    QVERIFY(c.ok());
    QVERIFY(getAndWait(**c)->ok());
    QVERIFY(!plain.requests.last().headers.contains("authorization")); // like client-go
}

void TstKubeClient::execPluginRefreshesOnExpiryAnd401()
{
    // The plugin hands out "expired" first (the server rejects it), then tok-N valid for one hour.
    const QString script = m_dir.filePath(QStringLiteral("plugin.sh"));
    QFile f(script);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QByteArrayLiteral(
        "#!/bin/sh\nd=$(dirname \"$0\")\nn=$(cat \"$d/n\" 2>/dev/null || echo 0)\nn=$((n+1))\necho $n > "
        "\"$d/n\"\n"
        "t=tok-$n\n[ $n = 1 ] && t=expired\n"
        "echo "
        "'{\"kind\":\"ExecCredential\",\"apiVersion\":\"client.authentication.k8s.io/"
        "v1\",\"status\":{\"token\":\"'$t'\",\"expirationTimestamp\":\"2026-11-18T20:00:00Z\"}}'\n"));
    f.close();
    QVERIFY(f.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
    ClusterConfig cfg = tlsConfig();
    ExecConfig e;
    e.apiVersion = QStringLiteral("client.authentication.k8s.io/v1");
    e.command = script;
    cfg.user.exec = e;
    auto c = KubeClient::create(cfg, m_clock);
    QVERIFY(c.ok());
    KubeCall *call = getAndWait(**c);
    QVERIFY2(call->ok(), qPrintable(call->errorText()));
    QCOMPARE((*c)->execPlugin()->runs(), 2); // 401 with "expired" -> fetched again -> retried once
    QCOMPARE(m_server->requests.last().headers.value("authorization"), QByteArray("Bearer tok-2"));
    QVERIFY(getAndWait(**c)->ok());
    QCOMPARE((*c)->execPlugin()->runs(), 2); // cached
    m_clock.advanceSecs(3601);
    QVERIFY(getAndWait(**c)->ok());
    QCOMPARE((*c)->execPlugin()->runs(), 3); // expired: refreshed before sending
    QCOMPARE(m_server->requests.last().headers.value("authorization"), QByteArray("Bearer tok-3"));
}

void TstKubeClient::unauthorizedSentence()
{
    ClusterConfig cfg = tlsConfig();
    cfg.user.token = QStringLiteral("bad");
    auto c = KubeClient::create(cfg, m_clock);
    QVERIFY(c.ok());
    KubeCall *call = getAndWait(**c);
    QVERIFY(!call->ok());
    QCOMPARE(call->httpStatus(), 401);
    QVERIFY2(call->errorText().startsWith(
                 QLatin1String("the cluster rejected the credentials of user alice (401): Unauthorized")),
             qPrintable(call->errorText()));
}

void TstKubeClient::untrustedCertificate()
{
    ClusterConfig cfg = tlsConfig();
    cfg.cluster.certificateAuthorityData = m_cert; // a different self-signed certificate
    auto c = KubeClient::create(cfg, m_clock);
    QVERIFY(c.ok());
    KubeCall *call = getAndWait(**c);
    QVERIFY(!call->ok());
    QVERIFY2(call->errorText().contains(QLatin1String("certificate-authority")),
             qPrintable(call->errorText()));
    QVERIFY(call->errorText().contains(QLatin1String("cannot reach")));
}

void TstKubeClient::insecureSkipVerify()
{
    ClusterConfig cfg = tlsConfig();
    cfg.cluster.certificateAuthorityData.clear();
    cfg.cluster.insecureSkipTlsVerify = true;
    auto c = KubeClient::create(cfg, m_clock);
    QVERIFY(c.ok());
    QVERIFY(getAndWait(**c)->ok());
}

void TstKubeClient::timeoutAndShutdown()
{
    ClusterConfig cfg = tlsConfig();
    auto c = KubeClient::create(cfg, m_clock);
    QVERIFY(c.ok());
    (*c)->setDefaultTimeoutMs(300);
    KubeCall *call = getAndWait(**c, QStringLiteral("/hang"));
    QVERIFY(!call->ok());
    QVERIFY(call->timedOut());
    QVERIFY2(call->errorText().contains(QLatin1String("no answer from")), qPrintable(call->errorText()));

    (*c)->setDefaultTimeoutMs(30000);
    KubeCall *pending = (*c)->get(QStringLiteral("/hang"));
    QSignalSpy done(pending, &KubeCall::finished);
    QTRY_COMPARE((*c)->inFlight(), 1);
    QTRY_VERIFY(m_server->requests.last().path == QLatin1String("/hang") && m_server->requests.size() >= 2);
    (*c)->shutdown();
    QCOMPARE(done.size(), 1);
    QVERIFY(pending->errorText().contains(QLatin1String("cancelled")));
    QCOMPARE((*c)->inFlight(), 0);
    KubeCall *after = (*c)->get(QStringLiteral("/x"));
    QSignalSpy afterDone(after, &KubeCall::finished);
    QVERIFY(afterDone.wait(2000));
    QVERIFY(after->errorText().contains(QLatin1String("closed")));
}

void TstKubeClient::malformedJson()
{
    auto c = KubeClient::create(tlsConfig(), m_clock);
    QVERIFY(c.ok());
    KubeCall *call = getAndWait(**c, QStringLiteral("/garbage"));
    QVERIFY(call->ok());
    QVERIFY(call->json().isEmpty());
    QVERIFY(call->errorText().contains(QLatin1String("malformed JSON")));
}

QTEST_GUILESS_MAIN(TstKubeClient)
#include "tst_kubeclient.moc"
