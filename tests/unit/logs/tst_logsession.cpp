#include "FakeLogServer.h"

#include "logs/LogSession.h"
#include "logs/LogTimestamp.h"
#include "logs/PodTargetTracker.h"

#include <QJsonArray>

#include <QSignalSpy>
#include <QTest>
#include <QThread>
#include <QUrlQuery>

using namespace Sitrep::Logs;
using Sitrep::Test::FakeLogServer;

// The session end to end against an in-test server: many concurrent streams, targets coming and
// going, restarts, and resumes, all merged into one buffer.
class TstLogSession : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void twoHundredConcurrentStreams();
    void targetsComeAndGo();
    void restartReportedByCaller();
    void droppedStreamResumesWithoutDuplicates();
    void factoryRunsOnTheSessionThread();
    void failedStreamComesBack();

private:
    static QByteArray line(qint64 ns, const QByteArray &text)
    {
        return LogTimestamp::format(ns) + ' ' + text + '\n';
    }
    static QString podOf(const QUrl &u) { return u.path().section(QLatin1Char('/'), 6, 6); }
    QStringList bufferTexts() const;

    std::unique_ptr<FakeLogServer> m_server;
    std::unique_ptr<LogSession> m_session;
};

static const qint64 kT0 = 1763881200LL * 1000000000LL;

void TstLogSession::init()
{
    m_server = std::make_unique<FakeLogServer>();
    QVERIFY(m_server->listen());
    m_session = std::make_unique<LogSession>();
    m_session->setConnection(m_server->baseUrl(), {});
    m_session->setRetryBaseMs(10);
    m_session->merger().setWindowMs(20);
}

void TstLogSession::cleanup()
{
    m_session.reset();
    m_server.reset();
}

QStringList TstLogSession::bufferTexts() const
{
    QStringList out;
    const LogBuffer &b = m_session->buffer();
    for (quint64 s = b.firstSeq(); s < b.endSeq(); ++s)
        out.append(QString::fromUtf8(b.text(s)));
    return out;
}

void TstLogSession::twoHundredConcurrentStreams()
{
    // Every stream stays open (follow): a client that caps connections per host would starve some.
    m_server->handler = [](FakeLogServer::Exchange &ex) {
        const int n = podOf(ex.url).section(QLatin1Char('-'), 1).toInt();
        ex.sendHead();
        ex.sendChunk(line(kT0 + qint64(n) * 1000, "hello from " + QByteArray::number(n)));
    };
    // 200 connections take a while to open: a window long enough that none of them is late.
    m_session->merger().setWindowMs(10000);
    QList<LogTarget> targets;
    for (int i = 0; i < 200; ++i)
        targets.append(
            {QStringLiteral("demo"), QStringLiteral("pod-%1").arg(i), QStringLiteral("app"), false});
    m_session->setTargets(targets);
    QTRY_COMPARE_WITH_TIMEOUT(m_session->merger().pendingLines() + m_session->buffer().size(), 200, 20000);
    m_session->flush(); // each pod said one line and went quiet: do not wait for the window
    QCOMPARE(m_session->buffer().size(), 200);
    // Merged in timestamp order.
    const LogBuffer &b = m_session->buffer();
    for (quint64 s = b.firstSeq() + 1; s < b.endSeq(); ++s)
        QVERIFY(b.entry(s - 1).tsNs <= b.entry(s).tsNs);
    QCOMPARE(m_session->streamState(targets[199]), LogStream::State::Streaming);
}

void TstLogSession::targetsComeAndGo()
{
    m_server->handler = [](FakeLogServer::Exchange &ex) {
        ex.sendHead();
        ex.sendChunk(line(kT0, "up " + podOf(ex.url).toUtf8()));
    };
    const LogTarget a{QStringLiteral("demo"), QStringLiteral("a-0"), QStringLiteral("app"), false};
    const LogTarget b{QStringLiteral("demo"), QStringLiteral("b-0"), QStringLiteral("app"), false};
    m_session->setTargets({a});
    QTRY_COMPARE(m_session->buffer().size(), 1);
    m_session->setTargets({a, b}); // a pod appeared
    QTRY_COMPARE(m_session->buffer().size(), 2);
    QCOMPARE(m_server->exchanges().size(), 2); // a's stream was not re-opened
    m_session->setTargets({b});                // a was deleted
    QTRY_COMPARE(m_session->buffer().size(), 3);
    QVERIFY(bufferTexts().last().contains(QStringLiteral("a-0/app is no longer streamed")));
    QCOMPARE(m_session->targets().size(), 1);
    QCOMPARE(m_session->sourceCount(), 2); // ids stay for the lines already shown
}

void TstLogSession::restartReportedByCaller()
{
    m_server->handler = [&](FakeLogServer::Exchange &ex) {
        const QUrlQuery q(ex.url);
        ex.sendHead();
        if (q.hasQueryItem(QStringLiteral("previous"))) {
            ex.sendChunk(line(kT0 + 1, "before crash") + line(kT0 + 2, "panic: nil map"));
            ex.end();
        } else if (q.hasQueryItem(QStringLiteral("sinceTime"))) {
            ex.sendChunk(line(kT0 + 100, "started again"));
        } else {
            ex.sendChunk(line(kT0 + 1, "before crash"));
            ex.end(); // the container dies
        }
    };
    const LogTarget a{QStringLiteral("demo"), QStringLiteral("a-0"), QStringLiteral("app"), false};
    m_session->setTargets({a});
    m_session->containerRestarted(a); // whenever the pod watch says so: the stream sorts it out
    QTRY_COMPARE(m_session->buffer().size(), 4);
    QCOMPARE(bufferTexts(), (QStringList{QStringLiteral("before crash"), QStringLiteral("panic: nil map"),
                                         QStringLiteral("\u2500\u2500 container restarted \u2500\u2500"),
                                         QStringLiteral("started again")}));
}

void TstLogSession::droppedStreamResumesWithoutDuplicates()
{
    QByteArray all;
    for (int i = 0; i < 50; ++i)
        all += line(kT0 + qint64(i) * 1000000, "n=" + QByteArray::number(i));
    m_server->handler = [&](FakeLogServer::Exchange &ex) {
        ex.sendHead();
        // Any request but the stream's own resume breaks (QNAM may re-send the first one itself).
        if (!QUrlQuery(ex.url).hasQueryItem(QStringLiteral("sinceTime"))) {
            ex.sendChunk(all.left(all.size() / 2 + 7)); // half, cut inside a line
            ex.drop();
        } else {
            // The server resends the whole second, then one later line: the barrier. Duplicates of the
            // resent lines would reach the buffer before it.
            ex.sendChunk(all + line(kT0 + 60 * 1000000000LL, "barrier"));
        }
    };
    m_session->setTargets({{QStringLiteral("demo"), QStringLiteral("a-0"), QStringLiteral("app"), false}});
    QTRY_VERIFY(!bufferTexts().isEmpty() && bufferTexts().last() == QStringLiteral("barrier"));
    QCOMPARE(m_session->buffer().size(), 51);
    const QStringList texts = bufferTexts();
    for (int i = 0; i < 50; ++i)
        QCOMPARE(texts[i], QStringLiteral("n=%1").arg(i));
}

void TstLogSession::factoryRunsOnTheSessionThread()
{
    QThread *const mine = QThread::currentThread();
    int calls = 0;
    bool rightThread = true;
    m_session->setConnection(m_server->baseUrl(), [&](const QUrl &url) {
        ++calls;
        rightThread &= QThread::currentThread() == mine;
        QNetworkRequest r(url);
        r.setRawHeader("Authorization", "Bearer from-the-kube-client");
        return r;
    });
    m_server->handler = [](FakeLogServer::Exchange &ex) {
        ex.sendHead();
        ex.sendChunk(line(kT0, "authorised"));
    };
    m_session->setTargets({{QStringLiteral("demo"), QStringLiteral("a-0"), QStringLiteral("app"), false}});
    QTRY_COMPARE(m_session->buffer().size(), 1);
    QCOMPARE(calls, 1);
    QVERIFY(rightThread);
    QVERIFY(m_server->last()->requestHead.contains("Authorization: Bearer from-the-kube-client"));
}

void TstLogSession::failedStreamComesBack()
{
    QSet<QString> up;
    m_server->handler = [&](FakeLogServer::Exchange &ex) {
        const QString pod = podOf(ex.url);
        if (!up.contains(pod)) {
            ex.sendError(400, R"({"message":"container \"app\" in pod \")" + pod.toUtf8() +
                                  R"(\" is waiting to start: PodInitializing"})");
            return;
        }
        ex.sendHead();
        ex.sendChunk(line(kT0, "up " + pod.toUtf8()));
    };
    m_session->setRetryBaseMs(1); // the 12 retries take 4 s instead of 43 s
    auto pod = [](const QString &name, bool running) {
        const QJsonObject state =
            running
                ? QJsonObject{{QStringLiteral("running"), QJsonObject()}}
                : QJsonObject{{QStringLiteral("waiting"),
                               QJsonObject{{QStringLiteral("reason"), QStringLiteral("PodInitializing")}}}};
        return QJsonObject{
            {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("name"), name},
                                                     {QStringLiteral("namespace"), QStringLiteral("demo")}}},
            {QStringLiteral("spec"),
             QJsonObject{{QStringLiteral("containers"),
                          QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("app")}}}}}},
            {QStringLiteral("status"),
             QJsonObject{{QStringLiteral("containerStatuses"),
                          QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("app")},
                                                 {QStringLiteral("ready"), false},
                                                 {QStringLiteral("restartCount"), 0},
                                                 {QStringLiteral("state"), state}}}}}}};
    };
    const LogTarget a{QStringLiteral("demo"), QStringLiteral("a-0"), QStringLiteral("app"), false};
    const LogTarget b{QStringLiteral("demo"), QStringLiteral("b-0"), QStringLiteral("app"), false};

    // Through the pod watch: the container starts long after the stream gave up.
    PodTargetTracker tracker(m_session.get());
    QVERIFY(tracker.setSelection(QStringLiteral("demo"), QStringLiteral("pod/a-0 pod/b-0")));
    tracker.upsert(pod(QStringLiteral("a-0"), false));
    tracker.upsert(pod(QStringLiteral("b-0"), false));
    QTRY_COMPARE_WITH_TIMEOUT(m_session->streamState(a), LogStream::State::Failed, 20000);
    QTRY_COMPARE_WITH_TIMEOUT(m_session->streamState(b), LogStream::State::Failed, 20000);
    QVERIFY(m_session->streamError(a).contains(QStringLiteral("waiting to start")));
    up.insert(QStringLiteral("a-0"));
    up.insert(QStringLiteral("b-0"));
    const qsizetype asked = m_server->exchanges().size();
    tracker.upsert(pod(QStringLiteral("a-0"), true)); // running now
    QTRY_VERIFY(bufferTexts().contains(QStringLiteral("up a-0")));
    QCOMPARE(m_session->streamState(a), LogStream::State::Streaming);
    QCOMPARE(m_server->exchanges().size(), asked + 1); // only a-0 was asked again
    QCOMPARE(m_session->streamState(b), LogStream::State::Failed);

    // Asking for the target again (the user pressed Stream, or picked the pod again) retries too.
    m_session->setTargets({a, b});
    QTRY_VERIFY(bufferTexts().contains(QStringLiteral("up b-0")));
    QCOMPARE(m_session->streamState(b), LogStream::State::Streaming);
    QCOMPARE(m_server->exchanges().size(), asked + 2); // the live stream of a-0 was left alone
}

QTEST_GUILESS_MAIN(TstLogSession)
#include "tst_logsession.moc"
