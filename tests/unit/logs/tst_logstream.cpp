#include "FakeLogServer.h"

#include "logs/LogStream.h"
#include "logs/LogTimestamp.h"

#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>
#include <QUrlQuery>

using namespace Sitrep::Logs;
using Sitrep::Test::FakeLogServer;

class TstLogStream : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void url_data();
    void url();
    void splitsAndParses();
    void resumesWithoutDuplicates();
    void gapIsReported();
    void httpErrors_data();
    void httpErrors();
    void waitingContainerIsRetried();
    void failedStreamComesBackWhenAskedAgain();
    void restartFetchesPreviousAndDivides();
    void requestFactoryIsUsed();

private:
    std::unique_ptr<LogStream> makeStream(StreamOptions o = {});
    // The stream's own resume request (QNAM may re-send the broken request first by itself).
    FakeLogServer::Exchange *waitForResume()
    {
        auto find = [this]() -> FakeLogServer::Exchange * {
            for (auto *e : m_server->exchanges()) {
                if (QUrlQuery(e->url).hasQueryItem(QStringLiteral("sinceTime")))
                    return e;
            }
            return nullptr;
        };
        return QTest::qWaitFor([&find] { return find() != nullptr; }, 5000) ? find() : nullptr;
    }
    static QByteArray tsLine(qint64 ns, const QByteArray &text)
    {
        return LogTimestamp::format(ns) + ' ' + text + '\n';
    }

    std::unique_ptr<FakeLogServer> m_server;
    std::unique_ptr<QNetworkAccessManager> m_nam;
    std::vector<LogLine> m_got;
    RequestFactory m_factory;
};

static const qint64 kT0 = 1763881200LL * 1000000000LL; // 2025-11-23T07:00:00Z

void TstLogStream::init()
{
    m_server = std::make_unique<FakeLogServer>();
    QVERIFY(m_server->listen());
    m_nam = std::make_unique<QNetworkAccessManager>();
    m_got.clear();
    m_factory = nullptr;
}

void TstLogStream::cleanup()
{
    m_nam.reset();
    m_server.reset();
}

std::unique_ptr<LogStream> TstLogStream::makeStream(StreamOptions o)
{
    auto s = std::make_unique<LogStream>(
        m_nam.get(), m_server->baseUrl(), m_factory,
        LogTarget{QStringLiteral("demo"), QStringLiteral("api-1"), QStringLiteral("app"), false}, 3, o,
        [this](quint16 src, LogBatchPtr lines) {
            QCOMPARE(src, quint16(3));
            for (size_t i = 0; i < lines->size(); ++i)
                m_got.push_back(lines->line(i));
        });
    s->setRetryBaseMs(10);
    return s;
}

void TstLogStream::url_data()
{
    QTest::addColumn<QString>("base");
    QTest::addColumn<int>("tail");
    QTest::addColumn<qint64>("sinceSeconds");
    QTest::addColumn<bool>("previous");
    QTest::addColumn<qint64>("resumeNs");
    QTest::addColumn<QString>("expected");
    QTest::newRow("follow") << QStringLiteral("https://k:6443") << -1 << qint64(0) << false << qint64(0)
                            << QStringLiteral(
                                   "https://k:6443/api/v1/namespaces/demo/pods/api-1/log?container=app&"
                                   "follow=true&timestamps=true");
    QTest::newRow("tail, prefix path")
        << QStringLiteral("https://r/k8s/clusters/c1/") << 100 << qint64(0) << false << qint64(0)
        << QStringLiteral("https://r/k8s/clusters/c1/api/v1/namespaces/demo/pods/"
                          "api-1/log?container=app&follow=true&timestamps=true&"
                          "tailLines=100");
    QTest::newRow("since") << QStringLiteral("http://h") << -1 << qint64(600) << false << qint64(0)
                           << QStringLiteral("http://h/api/v1/namespaces/demo/pods/api-1/log?container=app&"
                                             "follow=true&timestamps=true&sinceSeconds=600");
    QTest::newRow("previous") << QStringLiteral("http://h") << 5 << qint64(0) << true << qint64(0)
                              << QStringLiteral(
                                     "http://h/api/v1/namespaces/demo/pods/api-1/log?container=app&"
                                     "previous=true&timestamps=true&tailLines=5");
    QTest::newRow("resume replaces tail")
        << QStringLiteral("http://h") << 100 << qint64(0) << false << kT0 + 5
        << QStringLiteral("http://h/api/v1/namespaces/demo/pods/api-1/log?"
                          "container=app&follow=true&timestamps=true&sinceTime="
                          "2025-11-23T07:00:00.000000005Z");
}

void TstLogStream::url()
{
    QFETCH(QString, base);
    QFETCH(int, tail);
    QFETCH(qint64, sinceSeconds);
    QFETCH(bool, previous);
    QFETCH(qint64, resumeNs);
    QFETCH(QString, expected);
    StreamOptions o;
    if (tail >= 0)
        o.tailLines = tail;
    if (sinceSeconds > 0)
        o.sinceSeconds = sinceSeconds;
    o.previous = previous;
    const QUrl u = LogStream::logUrl(
        QUrl(base), {QStringLiteral("demo"), QStringLiteral("api-1"), QStringLiteral("app"), false}, o,
        resumeNs ? std::optional<qint64>(resumeNs) : std::nullopt);
    QCOMPARE(u.toString(QUrl::FullyEncoded), expected);
}

void TstLogStream::splitsAndParses()
{
    auto s = makeStream();
    QSignalSpy req(m_server.get(), &FakeLogServer::requestArrived);
    s->start();
    QVERIFY(req.wait());
    auto *ex = m_server->last();
    ex->sendHead();
    const QByteArray body = tsLine(kT0 + 1, "first") + tsLine(kT0 + 2, "ERROR second") +
                            LogTimestamp::format(kT0 + 3) + " {\"level\":\"warn\",\"msg\":\"third\"}\n" +
                            LogTimestamp::format(kT0 + 4) + " last without newline";
    // Cut the body at awkward places: inside a timestamp, inside a line.
    ex->sendChunk(body.left(10));
    ex->sendChunk(body.mid(10, 40));
    QTRY_COMPARE(m_got.size(), size_t(1));
    ex->sendChunk(body.mid(50));
    QTRY_COMPARE(m_got.size(), size_t(3));
    QCOMPARE(s->state(), LogStream::State::Streaming);
    ex->end();
    // A follow stream that ends inside a line may have been cut: the stream asks again, and only
    // when nothing new comes (the container has ended) is the unterminated tail its last line.
    QTRY_COMPARE(m_server->exchanges().size(), 2);
    QCOMPARE(m_got.size(), size_t(3));
    m_server->last()->sendHead();
    m_server->last()->sendChunk(body);
    m_server->last()->end();
    QTRY_COMPARE(m_got.size(), size_t(4));
    QTRY_COMPARE(s->state(), LogStream::State::Ended);
    QCOMPARE(m_got[0].text, QByteArray("first"));
    QCOMPARE(m_got[0].tsNs, kT0 + 1);
    QCOMPARE(m_got[1].level, LogLevel::Error);
    QCOMPARE(m_got[2].level, LogLevel::Warn);
    QVERIFY(m_got[2].flags & JsonLine);
    QCOMPARE(m_got[3].text, QByteArray("last without newline"));
    QCOMPARE(m_got[3].tsNs, kT0 + 4);
    const QUrlQuery q(m_server->exchanges().first()->url);
    QCOMPARE(q.queryItemValue(QStringLiteral("timestamps")), QStringLiteral("true"));
    QCOMPARE(q.queryItemValue(QStringLiteral("follow")), QStringLiteral("true"));
}

void TstLogStream::resumesWithoutDuplicates()
{
    // The "server" has 8 lines; the first connection breaks after 5 (and half of the 6th).
    QList<QByteArray> all;
    for (int i = 1; i <= 8; ++i)
        all.append(tsLine(kT0 + i * 1000, "line " + QByteArray::number(i)));
    // Two distinct lines with identical timestamp and text must both survive.
    all.insert(3, tsLine(kT0 + 3000, "line 3"));
    StreamOptions o;
    o.tailLines = 100;
    auto s = makeStream(o);
    QSignalSpy req(m_server.get(), &FakeLogServer::requestArrived);
    s->start();
    QVERIFY(req.wait());
    auto *ex = m_server->last();
    ex->sendHead();
    QByteArray first;
    for (int i = 0; i < 6; ++i)
        first += all[i];
    first += all[6].left(12);
    ex->sendChunk(first);
    QTRY_COMPARE(m_got.size(), size_t(6));
    ex->drop();
    FakeLogServer::Exchange *resume = waitForResume();
    QVERIFY(resume);
    // Resumed from the newest second (the server may round down): it sends everything again.
    const QUrlQuery q(resume->url);
    QCOMPARE(q.queryItemValue(QStringLiteral("sinceTime")), QStringLiteral("2025-11-23T07:00:00.000000000Z"));
    QVERIFY(!q.hasQueryItem(QStringLiteral("tailLines")));
    resume->sendHead();
    QByteArray again;
    for (const QByteArray &l : all)
        again += l;
    // A line after the resent second is the barrier: duplicates of the resent lines would come before it.
    resume->sendChunk(again + tsLine(kT0 + 99000, "barrier"));
    QTRY_VERIFY(!m_got.empty() && m_got.back().text == QByteArray("barrier"));
    m_got.pop_back();
    QCOMPARE(m_got.size(), size_t(9));
    QStringList texts;
    for (const LogLine &l : m_got)
        texts.append(QString::fromUtf8(l.text));
    QCOMPARE(texts,
             (QStringList{QStringLiteral("line 1"), QStringLiteral("line 2"), QStringLiteral("line 3"),
                          QStringLiteral("line 3"), QStringLiteral("line 4"), QStringLiteral("line 5"),
                          QStringLiteral("line 6"), QStringLiteral("line 7"), QStringLiteral("line 8")}));
    QCOMPARE(s->duplicatesDropped(), quint64(6));
    QCOMPARE(s->reconnects(), 1);
}

void TstLogStream::gapIsReported()
{
    auto s = makeStream();
    QSignalSpy req(m_server.get(), &FakeLogServer::requestArrived);
    s->start();
    QVERIFY(req.wait());
    m_server->last()->sendHead();
    m_server->last()->sendChunk(tsLine(kT0 + 1000, "a") + tsLine(kT0 + 2000, "b"));
    QTRY_COMPARE(m_got.size(), size_t(2));
    // The log was rotated meanwhile: "a" and "b" are gone, "c" and "d" are new, no previous run.
    m_server->handler = [](FakeLogServer::Exchange &ex) {
        const QUrlQuery q(ex.url);
        if (q.hasQueryItem(QStringLiteral("previous"))) {
            ex.sendError(400,
                         R"({"message":"previous terminated container \"app\" in pod \"api-1\" not found"})");
        } else if (q.hasQueryItem(QStringLiteral("sinceTime"))) {
            ex.sendHead();
            ex.sendChunk(tsLine(kT0 + 5000, "c") + tsLine(kT0 + 6000, "d"));
        } else {
            ex.drop();
        }
    };
    m_server->last()->drop();
    QTRY_COMPARE(m_got.size(), size_t(5));
    QCOMPARE(m_got[2].text.contains("may be missing"), true);
    QVERIFY(m_got[2].flags & ErrorMarker);
    QCOMPARE(m_got[2].tsNs, kT0 + 2001);
    QCOMPARE(m_got[3].text, QByteArray("c"));
    QCOMPARE(m_got[4].text, QByteArray("d"));
    QCOMPARE(s->gapsDetected(), quint64(1));
}

void TstLogStream::httpErrors_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("expect");
    QTest::newRow("forbidden") << 403
                               << QByteArray(
                                      R"({"kind":"Status","apiVersion":"v1","status":"Failure","message":)"
                                      R"("pods \"api-1\" is forbidden: User \"bob\" cannot get resource",)"
                                      R"("reason":"Forbidden","code":403})")
                               << QStringLiteral("access denied (403)");
    QTest::newRow("pod gone") << 404
                              << QByteArray(
                                     R"({"kind":"Status","message":"pods \"api-1\" not found","code":404})")
                              << QStringLiteral("is gone (404)");
    QTest::newRow("no such container")
        << 400
        << QByteArray(R"({"kind":"Status","message":"container nope is not valid for pod api-1","code":400})")
        << QStringLiteral("was not found in pod demo/api-1");
    QTest::newRow("garbage body") << 418 << QByteArray("\xff\xfe not json") << QStringLiteral("HTTP 418");
}

void TstLogStream::httpErrors()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(QString, expect);
    m_server->handler = [&](FakeLogServer::Exchange &ex) { ex.sendError(status, body); };
    auto s = makeStream();
    QSignalSpy err(s.get(), &LogStream::errorOccurred);
    s->start();
    QVERIFY(err.wait());
    QCOMPARE(s->state(), LogStream::State::Failed);
    const QString sentence = err.first().first().toString();
    QVERIFY2(sentence.contains(expect), qPrintable(sentence));
    QCOMPARE(m_got.size(), size_t(1));
    QVERIFY(m_got[0].flags & ErrorMarker);
    QCOMPARE(QString::fromUtf8(m_got[0].text), sentence);
}

void TstLogStream::waitingContainerIsRetried()
{
    int n = 0;
    m_server->handler = [&](FakeLogServer::Exchange &ex) {
        if (n++ < 2) {
            ex.sendError(
                400,
                R"({"message":"container \"app\" in pod \"api-1\" is waiting to start: ContainerCreating"})");
        } else {
            ex.sendHead();
            ex.sendChunk(tsLine(kT0, "up"));
        }
    };
    auto s = makeStream();
    s->start();
    QTRY_COMPARE(m_got.size(), size_t(1));
    QCOMPARE(m_got[0].text, QByteArray("up"));
    QCOMPARE(m_server->exchanges().size(), 3);
}

void TstLogStream::failedStreamComesBackWhenAskedAgain()
{
    // Gave up: the container was still starting when the retries ran out (a slow image pull).
    bool started = false;
    m_server->handler = [&](FakeLogServer::Exchange &ex) {
        if (!started) {
            ex.sendError(400, R"({"message":"container \"app\" in pod \"api-1\" is waiting to start: )"
                              R"(trying and failing to pull image"})");
        } else {
            ex.sendHead();
            ex.sendChunk(tsLine(kT0, "up at last"));
        }
    };
    auto s = makeStream();
    s->setRetryBaseMs(1); // 12 retries of 1, 2, 4 ... 2048 ms
    QSignalSpy states(s.get(), &LogStream::stateChanged);
    s->start();
    QTRY_COMPARE_WITH_TIMEOUT(s->state(), LogStream::State::Failed, 20000);
    const qsizetype asked = m_server->exchanges().size();
    QCOMPARE(asked, 13);
    QVERIFY(s->errorString().contains(QStringLiteral("waiting to start")));
    // The pod watch reports the container running: the stream looks again and follows it.
    started = true;
    s->retryNow();
    QTRY_COMPARE(s->state(), LogStream::State::Streaming);
    QTRY_VERIFY(!m_got.empty() && m_got.back().text == QByteArray("up at last"));
    QCOMPARE(m_server->exchanges().size(), asked + 1);

    // A restart reported for a failed stream brings it back too.
    m_server->handler = [](FakeLogServer::Exchange &ex) {
        ex.sendError(403, R"({"message":"pods \"api-1\" is forbidden","code":403})");
    };
    m_server->last()->end();
    QTRY_COMPARE(s->state(), LogStream::State::Failed);
    m_server->handler = [](FakeLogServer::Exchange &ex) {
        ex.sendHead();
        ex.sendChunk(tsLine(kT0, "up at last") + tsLine(kT0 + 1000, "after the restart"));
    };
    s->containerRestarted();
    QTRY_VERIFY(!m_got.empty() && m_got.back().text == QByteArray("after the restart"));
    // Live streams are left alone.
    const qsizetype before = m_server->exchanges().size();
    s->retryNow();
    QCOMPARE(m_server->exchanges().size(), before);
    QCOMPARE(s->state(), LogStream::State::Streaming);
}

void TstLogStream::restartFetchesPreviousAndDivides()
{
    // The server plays a container that crashes: the first run ends; the resume finds a new run
    // (none of our lines), so the stream reads the rest of the previous run before following on.
    m_server->handler = [](FakeLogServer::Exchange &ex) {
        const QUrlQuery q(ex.url);
        ex.sendHead();
        if (q.hasQueryItem(QStringLiteral("previous"))) {
            ex.sendChunk(tsLine(kT0 + 1, "old 1") + tsLine(kT0 + 2, "old 2") +
                         tsLine(kT0 + 3, "panic: boom"));
            ex.end();
        } else if (!q.hasQueryItem(QStringLiteral("sinceTime"))) {
            ex.sendChunk(tsLine(kT0 + 1, "old 1") + tsLine(kT0 + 2, "old 2"));
        } else {
            ex.sendChunk(tsLine(kT0 + 10, "new 1") + tsLine(kT0 + 11, "barrier"));
        }
    };
    auto s = makeStream();
    s->start();
    QTRY_COMPARE(m_got.size(), size_t(2));
    s->containerRestarted(); // still reading: nothing to do yet
    QCOMPARE(m_server->exchanges().size(), 1);
    m_server->last()->end(); // the first run died (its last line never reached us)
    // "barrier" follows "new 1" on the live stream: once it is here, nothing else can slip in between.
    QTRY_VERIFY(!m_got.empty() && m_got.back().text == QByteArray("barrier"));
    QCOMPARE(m_got.size(), size_t(6));
    QCOMPARE(m_got[2].text, QByteArray("panic: boom"));
    QVERIFY(m_got[2].flags & Previous);
    QCOMPARE(m_got[2].level, LogLevel::Fatal);
    QVERIFY(m_got[3].flags & MarkerLine);
    QVERIFY(m_got[3].text.contains("container restarted"));
    QCOMPARE(m_got[3].tsNs, kT0 + 4);
    QCOMPARE(m_got[4].text, QByteArray("new 1"));
    QCOMPARE(s->gapsDetected(), quint64(0));
    const auto ex = m_server->exchanges();
    QVERIFY(QUrlQuery(ex[2]->url).hasQueryItem(QStringLiteral("previous")));
    QVERIFY(QUrlQuery(ex[2]->url).hasQueryItem(QStringLiteral("sinceTime")));
    QVERIFY(!QUrlQuery(ex.last()->url).hasQueryItem(QStringLiteral("previous")));
    QCOMPARE(m_got[5].text, QByteArray("barrier"));
}

void TstLogStream::requestFactoryIsUsed()
{
    m_factory = [](const QUrl &u) {
        QNetworkRequest r(u);
        r.setRawHeader("Authorization", "Bearer test-token");
        return r;
    };
    auto s = makeStream();
    QSignalSpy req(m_server.get(), &FakeLogServer::requestArrived);
    s->start();
    QVERIFY(req.wait());
    QVERIFY(m_server->last()->requestHead.contains("Authorization: Bearer test-token"));
    s->stop();
    QCOMPARE(s->state(), LogStream::State::Stopped);
}

QTEST_GUILESS_MAIN(TstLogStream)
#include "tst_logstream.moc"
