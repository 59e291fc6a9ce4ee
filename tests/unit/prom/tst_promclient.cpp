// PromClient and AlertmanagerClient against servers that misbehave: nobody listening, a server that accepts
// and never answers, a huge answer, aborted calls, shutdown, auth headers, unusable configuration.
#include "FakeHttpServer.h"
#include "unit/prom/MatrixBody.h"

#include "prom/AlertmanagerClient.h"
#include "prom/PromClient.h"
#include "support/AwaitResult.h"
#include "support/TestEnv.h"

#include <QSignalSpy>
#include <QTest>

#include <optional>

using namespace Sitrep;
using namespace Sitrep::Prom;

namespace {

template<typename T, typename Start> std::optional<Core::Result<T>> await(Start start, int timeoutMs = 10000)
{
    return Test::awaitResult<T>(start, timeoutMs);
}

ServerConfig at(quint16 port, int timeoutMs = 5000)
{
    ServerConfig c;
    c.url = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port));
    c.timeoutMs = timeoutMs;
    return c;
}

} // namespace

class TstPromClient final : public QObject
{
    Q_OBJECT

private slots:
    void connectionRefused();
    void hangingServerTimesOut();
    void hugeResultParsedOffThread();
    void abortedCallNeverCallsBack();
    void shutdownAbortsEverything();
    void deadContextIsNotCalled();
    void authHeaders_data();
    void authHeaders();
    void badConfiguration_data();
    void badConfiguration();
    void invalidRangeRefusedLocally();
    void alertmanagerDown();
    void plusInQueryIsEncoded();
    void replyCap_data();
    void replyCap();
    void customHeaders();
};

void TstPromClient::connectionRefused()
{
    PromClient c;
    const quint16 port = Test::freePort(); // nothing listens there any more
    QVERIFY(c.configure(at(port)).ok());
    auto r = await<InstantResult>([&](QObject *ctx, auto cb) { c.query(QStringLiteral("up"), 0, ctx, cb); });
    QVERIFY(r && !r->ok());
    const QString msg = (*r).error().message;
    QVERIFY2(msg.startsWith(QStringLiteral("Prometheus at http://127.0.0.1:%1 is not reachable: ").arg(port)),
             qPrintable(msg));
    QVERIFY2(msg.contains(QLatin1String("refused"), Qt::CaseInsensitive), qPrintable(msg));
}

void TstPromClient::hangingServerTimesOut()
{
    Test::FakeHttpServer server;
    server.setHang(true);
    PromClient c;
    QVERIFY(c.configure(at(server.serverPort(), 300)).ok());
    RangeQuery q{QStringLiteral("up"), 0, 60000, 15000};
    auto r = await<RangeResult>([&](QObject *ctx, auto cb) { c.queryRange(q, ctx, cb); });
    QVERIFY(r && !r->ok());
    QCOMPARE((*r).error().message,
             QStringLiteral("Prometheus at http://127.0.0.1:%1 did not answer within 0.3 s")
                 .arg(server.serverPort()));
    QCOMPARE(server.requests(), 1);
    QTRY_COMPARE(c.inFlight(), 0);
}

void TstPromClient::hugeResultParsedOffThread()
{
    Test::FakeHttpServer server;
    server.setResponse(200, Test::matrixBody(50, 11000, true));
    PromClient c;
    QVERIFY(c.configure(at(server.serverPort(), 20000)).ok());
    RangeQuery q{QStringLiteral("rate(http_requests_total[5m])"), 1700000000000, 1700165000000, 15000};
    auto r = await<RangeResult>([&](QObject *ctx, auto cb) { c.queryRange(q, ctx, cb); }, 30000);
    QVERIFY(r && r->ok());
    QCOMPARE((*r)->series.size(), 50);
    QCOMPARE((*r)->points, qint64(550000));
    QCOMPARE((*r)->nonFinite, qint64(11));
    // The request is a form POST with the query, range and step in seconds.
    const QByteArray req = server.lastRequest();
    QVERIFY2(req.startsWith("POST /api/v1/query_range "), req.left(80).constData());
    QVERIFY(req.contains("start=1700000000.000&end=1700165000.000&step=15.000"));
}

void TstPromClient::abortedCallNeverCallsBack()
{
    Test::FakeHttpServer server;
    server.setHang(true);
    PromClient c;
    QVERIFY(c.configure(at(server.serverPort())).ok());
    bool called = false;
    QObject ctx;
    PromCall *call = c.query(QStringLiteral("up"), 0, &ctx, [&called](auto) { called = true; });
    QSignalSpy finished(call, &PromCall::finished);
    QTRY_COMPARE(server.requests(), 1);
    call->abort();
    QCOMPARE(finished.size(), 1);
    QTRY_COMPARE(c.inFlight(), 0);
    // A call made after the abort and answered is the barrier: a stray callback of the aborted one
    // would have been delivered before it.
    server.setHang(false);
    server.setResponse(200, R"({"status":"success","data":{"resultType":"vector","result":[]}})");
    bool barrier = false;
    c.query(QStringLiteral("up"), 0, &ctx, [&barrier](auto) { barrier = true; });
    QTRY_VERIFY(barrier);
    QVERIFY(!called);
}

void TstPromClient::shutdownAbortsEverything()
{
    Test::FakeHttpServer server;
    server.setHang(true);
    PromClient c;
    QVERIFY(c.configure(at(server.serverPort())).ok());
    int called = 0;
    QObject ctx;
    for (int i = 0; i < 3; ++i)
        c.labels(&ctx, [&called](auto) { ++called; });
    QCOMPARE(c.inFlight(), 3);
    c.shutdown();
    QTRY_COMPARE(c.inFlight(), 0);
    QCOMPARE(called, 0);
    // After shutdown a call fails at once with a sentence.
    auto r = await<QStringList>([&](QObject *x, auto cb) { c.labels(x, cb); });
    QVERIFY(r && !r->ok());
    QCOMPARE((*r).error().message, QStringLiteral("Prometheus client is shut down"));
}

void TstPromClient::deadContextIsNotCalled()
{
    Test::FakeHttpServer server;
    server.setResponse(200, R"({"status":"success","data":["a"]})");
    PromClient c;
    QVERIFY(c.configure(at(server.serverPort())).ok());
    bool called = false;
    auto *ctx = new QObject;
    c.labels(ctx, [&called](auto) { called = true; });
    delete ctx;
    QTRY_COMPARE(server.requests(), 1);
    QTRY_COMPARE(c.inFlight(), 0);
    QVERIFY(!called);
}

void TstPromClient::authHeaders_data()
{
    QTest::addColumn<QString>("token");
    QTest::addColumn<QString>("user");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("bearer") << QStringLiteral("s3cret") << QString()
                            << QByteArray("Authorization: Bearer s3cret");
    QTest::newRow("basic") << QString() << QStringLiteral("ops")
                           << QByteArray("Authorization: Basic b3BzOnB3");
}

void TstPromClient::authHeaders()
{
    QFETCH(QString, token);
    QFETCH(QString, user);
    QFETCH(QByteArray, expected);
    Test::FakeHttpServer server;
    server.setResponse(200, R"({"status":"success","data":{"version":"2.42.0"}})");
    PromClient c;
    ServerConfig cfg = at(server.serverPort());
    cfg.bearerToken = token;
    cfg.basicUser = user;
    cfg.basicPassword = QStringLiteral("pw");
    QVERIFY(c.configure(cfg).ok());
    auto r = await<BuildInfo>([&](QObject *x, auto cb) { c.buildInfo(x, cb); });
    QVERIFY(r && r->ok());
    QCOMPARE((*r)->version, QStringLiteral("2.42.0"));
    QVERIFY2(server.lastRequest().contains(expected), server.lastRequest().constData());
}

void TstPromClient::badConfiguration_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("caFile");
    QTest::addColumn<QString>("expected");
    QTest::newRow("no scheme") << QStringLiteral("localhost") << QString()
                               << QStringLiteral(
                                      "url: Prometheus URL \"localhost\" is not a valid http(s) URL");
    QTest::newRow("ftp") << QStringLiteral("ftp://host/") << QString()
                         << QStringLiteral("url: Prometheus URL must start with http:// or https://");
    QTest::newRow("missing CA") << QStringLiteral("https://prom.example")
                                << QStringLiteral("/nonexistent/ca.pem")
                                << QStringLiteral(
                                       "/nonexistent/ca.pem: the Prometheus CA file cannot be read: "
                                       "No such file or directory");
    const QString notPem = Test::sourceDir() + QStringLiteral("/README.md");
    QTest::newRow("CA not PEM") << QStringLiteral("https://prom.example") << notPem
                                << notPem +
                                       QStringLiteral(": the Prometheus CA file holds no PEM certificate");
}

void TstPromClient::badConfiguration()
{
    QFETCH(QString, url);
    QFETCH(QString, caFile);
    QFETCH(QString, expected);
    PromClient c;
    ServerConfig cfg;
    cfg.url = QUrl(url);
    cfg.caFile = caFile;
    const auto r = c.configure(cfg);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().text(), expected);
}

void TstPromClient::invalidRangeRefusedLocally()
{
    Test::FakeHttpServer server;
    PromClient c;
    QVERIFY(c.configure(at(server.serverPort())).ok());
    RangeQuery q{QStringLiteral("up"), 1000, 0, 15000};
    auto r = await<RangeResult>([&](QObject *x, auto cb) { c.queryRange(q, x, cb); });
    QVERIFY(r && !r->ok());
    QCOMPARE((*r).error().message, QStringLiteral("the range query ends before it starts"));
    QCOMPARE(server.requests(), 0);
}

void TstPromClient::alertmanagerDown()
{
    AlertmanagerClient am;
    const quint16 port = Test::freePort();
    QVERIFY(am.configure(at(port)).ok());
    auto r = await<QList<Alert>>([&](QObject *x, auto cb) { am.alerts({}, x, cb); });
    QVERIFY(r && !r->ok());
    QVERIFY2((*r).error().message.startsWith(
                 QStringLiteral("Alertmanager at http://127.0.0.1:%1 is not reachable").arg(port)),
             qPrintable((*r).error().message));
}

// A form body reads '+' as a space: PromQL's "a + b" must travel as %2B, or Prometheus sees "a   b".
void TstPromClient::plusInQueryIsEncoded()
{
    Test::FakeHttpServer server;
    server.setResponse(200, Test::matrixBody(1, 2));
    PromClient c;
    QVERIFY(c.configure(at(server.serverPort())).ok());
    RangeQuery q{QStringLiteral("sum(rate(a[5m])) + on(job) b{x=~\"1+\"}"), 1700000000000, 1700000060000,
                 15000};
    auto r = await<RangeResult>([&](QObject *ctx, auto cb) { c.queryRange(q, ctx, cb); });
    QVERIFY(r && r->ok());
    const QByteArray req = server.lastRequest();
    const QByteArray body = req.mid(req.indexOf("\r\n\r\n") + 4);
    const QByteArray query = body.left(body.indexOf('&'));
    QVERIFY2(query.startsWith("query="), body.constData());
    QVERIFY2(!query.contains('+') && query.count("%2B") == 2, query.constData());
    QCOMPARE(QUrl::fromPercentEncoding(query.mid(6)), q.expr);

    // GET requests carry selectors in the URL: there too.
    server.setResponse(200, R"({"status":"success","data":["n1:9100"]})");
    auto v = await<QStringList>([&](QObject *ctx, auto cb) {
        c.labelValues(QStringLiteral("instance"), {QStringLiteral("up{instance=~\".+\"}")}, ctx, cb);
    });
    QVERIFY(v && v->ok());
    const QByteArray line = server.lastRequest().left(server.lastRequest().indexOf("\r\n"));
    QVERIFY2(line.contains("%2B") && !line.contains('+'), line.constData());
}

// An answer past the cap fails with a sentence naming the URL, whether the server announced its size or not;
// one under it is read whole.
void TstPromClient::replyCap_data()
{
    QTest::addColumn<bool>("chunked");
    QTest::newRow("Content-Length") << false;
    QTest::newRow("chunked") << true;
}

void TstPromClient::replyCap()
{
    QFETCH(bool, chunked);
    Test::FakeHttpServer server;
    server.setChunked(chunked);
    server.setResponse(200, Test::matrixBody(5, 200)); // about 30 KiB
    PromClient c;
    ServerConfig cfg = at(server.serverPort());
    cfg.maxReplyBytes = 16 * 1024;
    QVERIFY(c.configure(cfg).ok());
    RangeQuery q{QStringLiteral("up"), 1700000000000, 1700003000000, 15000};
    auto r = await<RangeResult>([&](QObject *ctx, auto cb) { c.queryRange(q, ctx, cb); });
    QVERIFY(r && !r->ok());
    QCOMPARE(r->error().message,
             QStringLiteral(
                 "the answer from http://127.0.0.1:%1/api/v1/query_range is larger than 16 KiB, the most "
                 "Sitrep reads of one answer (SITREP_MAX_REPLY_MIB raises it)")
                 .arg(server.serverPort()));
    // The same client reads an answer under the cap.
    server.setResponse(200, Test::matrixBody(1, 10));
    auto ok = await<RangeResult>([&](QObject *ctx, auto cb) { c.queryRange(q, ctx, cb); });
    QVERIFY(ok && ok->ok());
    QCOMPARE((*ok)->points, qint64(10));
}

void TstPromClient::customHeaders()
{
    Test::FakeHttpServer server;
    server.setResponse(200, R"({"status":"success","data":[]})");
    PromClient c;
    ServerConfig cfg = at(server.serverPort());
    cfg.headers = {{"X-Scope-OrgID", "tenant-1"}, {"X-Api-Key", "k"}};
    QVERIFY(c.configure(cfg).ok());
    auto v =
        await<QStringList>([&](QObject *ctx, auto cb) { c.labelValues(QStringLiteral("job"), {}, ctx, cb); });
    QVERIFY(v && v->ok());
    QVERIFY2(server.lastRequest().contains("X-Scope-OrgID: tenant-1\r\n"), server.lastRequest().constData());
    QVERIFY(server.lastRequest().contains("X-Api-Key: k\r\n"));
    cfg.headers = {{"Bad Name", "x"}};
    const auto bad = c.configure(cfg);
    QVERIFY(!bad.ok());
    QCOMPARE(bad.error().text(), QStringLiteral("headers: \"Bad Name\" is not an HTTP header name"));
}

QTEST_GUILESS_MAIN(TstPromClient)
#include "tst_promclient.moc"
