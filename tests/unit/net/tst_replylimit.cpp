// ReplyLimit: the cap on one answer from the Kubernetes API, Prometheus and Alertmanager. A list past the cap
// fails with a sentence naming the URL (announced or only found out while reading); a watch may run on for
// ever, but one event past the cap fails it; the default is 256 MiB, SITREP_MAX_REPLY_MIB changes it.
#include "unit/kube/FakeApiServer.h"
#include "unit/prom/FakeHttpServer.h"

#include "core/ManualClock.h"
#include "kube/KubeClient.h"
#include "net/ReplyLimit.h"
#include "prom/AlertmanagerClient.h"

#include <QSignalSpy>
#include <QTest>

#include <optional>

using namespace Sitrep;
using Sitrep::Kube::KubeCall;
using Sitrep::Kube::KubeClient;
using Sitrep::Kube::KubeRequest;
using Sitrep::Net::ReplyLimit;
using Sitrep::Test::FakeApiServer;
using Sitrep::Test::FakeRequest;

namespace {

QByteArray podList(int pods)
{
    QByteArray out = R"({"kind":"PodList","items":[)";
    for (int i = 0; i < pods; ++i)
        out += (i ? "," : "") + QByteArray(R"({"metadata":{"name":"pod-)") + QByteArray::number(i) + R"("}})";
    return out + "]}";
}

} // namespace

class TstReplyLimit final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void defaultsAndWords();
    void kubeListOverTheCap_data();
    void kubeListOverTheCap();
    void kubeWatchEventOverTheCap();
    void kubeWatchEventOverTheCapInOneRead();
    void alertmanagerOverTheCap();

private:
    std::unique_ptr<KubeClient> client(qint64 cap);
    // GET /api/v1/pods?watch=1 as a stream, once the server holds it open.
    KubeCall *watchPods(KubeClient &c);
    Core::ManualClock m_clock{QDateTime::fromString(QStringLiteral("2026-11-18T19:00:00Z"), Qt::ISODate)};
    std::unique_ptr<FakeApiServer> m_server;
    bool m_chunked = false;
};

void TstReplyLimit::init()
{
    m_server = std::make_unique<FakeApiServer>();
    QVERIFY(m_server->listen());
    m_server->setHandler([this](const FakeRequest &r, FakeApiServer &) {
        if (r.query.hasQueryItem(QStringLiteral("watch"))) {
            FakeApiServer::startStream(r);
            return FakeApiServer::Answer::Stream;
        }
        if (m_chunked) {
            FakeApiServer::startStream(r);
            return FakeApiServer::Answer::Stream; // the test writes the list in pieces
        }
        FakeApiServer::reply(r, 200, podList(400));
        return FakeApiServer::Answer::Replied;
    });
}

KubeCall *TstReplyLimit::watchPods(KubeClient &c)
{
    KubeRequest r;
    r.path = QStringLiteral("/api/v1/pods");
    r.query.addQueryItem(QStringLiteral("watch"), QStringLiteral("1"));
    r.stream = true;
    r.what = QStringLiteral("watch pods");
    return c.send(r);
}

std::unique_ptr<KubeClient> TstReplyLimit::client(qint64 cap)
{
    Kube::ClusterConfig cfg;
    cfg.context.name = QStringLiteral("capped");
    cfg.cluster.server = m_server->url().toString();
    auto c = KubeClient::create(cfg, m_clock);
    if (!c)
        return nullptr;
    std::unique_ptr<KubeClient> out = std::move(c).value();
    out->setMaxReplyBytes(cap);
    return out;
}

void TstReplyLimit::defaultsAndWords()
{
    qunsetenv("SITREP_MAX_REPLY_MIB");
    QCOMPARE(ReplyLimit::defaultBytes(), 256LL * 1024 * 1024);
    qputenv("SITREP_MAX_REPLY_MIB", "1024");
    QCOMPARE(ReplyLimit::defaultBytes(), 1024LL * 1024 * 1024);
    qputenv("SITREP_MAX_REPLY_MIB", "lots");
    QCOMPARE(ReplyLimit::defaultBytes(), 256LL * 1024 * 1024); // not a number: the default
    qunsetenv("SITREP_MAX_REPLY_MIB");
    QCOMPARE(ReplyLimit::sizeText(256LL * 1024 * 1024), QStringLiteral("256 MiB"));
    QCOMPARE(ReplyLimit::sizeText(1536), QStringLiteral("1.5 KiB"));
    QCOMPARE(ReplyLimit::sizeText(100), QStringLiteral("100 bytes"));
    // Credentials in a URL never reach a sentence.
    QVERIFY(!ReplyLimit::tooLarge(QUrl(QStringLiteral("https://u:secret@prom/api")), 1)
                 .contains(QLatin1String("secret")));
    // A client made with the variable set takes it as its cap.
    qputenv("SITREP_MAX_REPLY_MIB", "3");
    Kube::ClusterConfig cfg;
    cfg.cluster.server = m_server->url().toString();
    auto c = KubeClient::create(cfg, m_clock);
    QVERIFY(c.ok());
    QCOMPARE((*c)->maxReplyBytes(), 3LL * 1024 * 1024);
    qunsetenv("SITREP_MAX_REPLY_MIB");
}

void TstReplyLimit::kubeListOverTheCap_data()
{
    QTest::addColumn<bool>("chunked");
    QTest::newRow("Content-Length") << false;
    QTest::newRow("chunked") << true;
}

void TstReplyLimit::kubeListOverTheCap()
{
    QFETCH(bool, chunked);
    m_chunked = chunked;
    auto c = client(4096); // the list is about 14 KiB
    QVERIFY(c);
    KubeCall *call = c->get(QStringLiteral("/api/v1/pods"), {}, QStringLiteral("list pods"));
    QSignalSpy done(call, &KubeCall::finished);
    if (chunked) {
        QTRY_COMPARE(m_server->openStreams(), 1);
        const QByteArray body = podList(400);
        for (qsizetype at = 0; at < body.size(); at += 1000)
            m_server->streamWrite(body.mid(at, 1000)); // no end: the cap, not the end, finishes the call
    }
    QVERIFY(done.count() == 1 || done.wait(10000));
    QCOMPARE(call->errorText(),
             QStringLiteral(
                 "list pods: the answer from %1/api/v1/pods is larger than 4 KiB, the most Sitrep reads "
                 "of one answer (SITREP_MAX_REPLY_MIB raises it)")
                 .arg(m_server->url().toString()));
    // Under the cap the same list is read.
    m_chunked = false;
    auto roomy = client(64 * 1024);
    KubeCall *ok = roomy->get(QStringLiteral("/api/v1/pods"), {}, QStringLiteral("list pods"));
    QSignalSpy okDone(ok, &KubeCall::finished);
    QVERIFY(okDone.wait(10000));
    QVERIFY2(ok->ok(), qPrintable(ok->errorText()));
    QCOMPARE(ok->json().value(QLatin1String("items")).toArray().size(), 400);
}

// A watch sends many small events, together far more than the cap: fine. One event past the cap fails it.
void TstReplyLimit::kubeWatchEventOverTheCap()
{
    auto c = client(1024);
    QVERIFY(c);
    KubeCall *call = watchPods(*c);
    QSignalSpy chunks(call, &KubeCall::chunk);
    QSignalSpy done(call, &KubeCall::finished);
    QTRY_COMPARE(m_server->openStreams(), 1);
    const QByteArray event = R"({"type":"ADDED","object":{"metadata":{"name":"p"}}})"
                             "\n";
    for (int i = 0; i < 100; ++i)
        m_server->streamWrite(event); // 5 KiB in all
    const auto received = [&chunks] {
        qsizetype n = 0;
        for (const auto &args : chunks)
            n += args.at(0).toByteArray().size();
        return n;
    };
    QTRY_COMPARE_WITH_TIMEOUT(received(), 100 * event.size(), 10000);
    QVERIFY2(done.isEmpty(), qPrintable(call->errorText()));
    // One event of 2 KiB, in two pieces.
    m_server->streamWrite(R"({"type":"ADDED","object":{"metadata":{"name":")" + QByteArray(1000, 'x'));
    m_server->streamWrite(QByteArray(1000, 'y') + R"("}}})"
                                                  "\n");
    QVERIFY(done.wait(10000));
    QVERIFY2(call->errorText().startsWith(
                 QStringLiteral("watch pods: one event from %1/api/v1/pods?watch=1 is larger "
                                "than 1 KiB")
                     .arg(m_server->url().toString())),
             qPrintable(call->errorText()));
}

// An over-cap event that arrives whole, newline and all, in one read between two small ones: a complete line
// is measured too, not only the part a read leaves open.
void TstReplyLimit::kubeWatchEventOverTheCapInOneRead()
{
    auto c = client(1024);
    QVERIFY(c);
    KubeCall *call = watchPods(*c);
    QSignalSpy done(call, &KubeCall::finished);
    QTRY_COMPARE(m_server->openStreams(), 1);
    m_server->streamWrite(R"({"type":"ADDED","object":{"metadata":{"name":"a"}}})"
                          "\n"
                          R"({"type":"ADDED","object":{"metadata":{"name":")" +
                          QByteArray(2000, 'x') +
                          R"("}}})"
                          "\n"
                          R"({"type":"ADDED","object":{"metadata":{"name":"b"}}})"
                          "\n");
    QVERIFY(done.wait(10000));
    QVERIFY2(call->errorText().contains(QLatin1String("is larger than 1 KiB")),
             qPrintable(call->errorText()));
}

void TstReplyLimit::alertmanagerOverTheCap()
{
    Test::FakeHttpServer server;
    QByteArray alerts = "[";
    for (int i = 0; i < 200; ++i)
        alerts += (i ? "," : "") + QByteArray(R"({"labels":{"alertname":"A)") + QByteArray::number(i) +
                  R"("},"annotations":{},"status":{"state":"active"},"startsAt":"2026-11-18T19:00:00Z"})";
    server.setResponse(200, alerts + "]");
    Prom::AlertmanagerClient am;
    Prom::ServerConfig cfg;
    cfg.name = QStringLiteral("Alertmanager");
    cfg.url = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(server.serverPort()));
    cfg.maxReplyBytes = 2048;
    QVERIFY(am.configure(cfg).ok());
    std::optional<Core::Result<QList<Prom::Alert>>> out;
    QObject ctx;
    am.alerts({}, &ctx, [&out](Core::Result<QList<Prom::Alert>> r) { out.emplace(std::move(r)); });
    QTRY_VERIFY_WITH_TIMEOUT(out.has_value(), 10000);
    QVERIFY(!out->ok());
    QVERIFY2(out->error().message.contains(QStringLiteral("/api/v2/alerts")) &&
                 out->error().message.contains(QStringLiteral("is larger than 2 KiB")),
             qPrintable(out->error().text()));
}

QTEST_GUILESS_MAIN(TstReplyLimit)
#include "tst_replylimit.moc"
