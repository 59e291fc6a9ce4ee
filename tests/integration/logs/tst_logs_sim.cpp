// The live logs against the simulated cluster (app/sim over HTTPS with a bearer token): selector
// streams across three pods, one crash-looping (restarts with previous logs and a divider), one
// deleted (and replaced by its Deployment), tail/since/previous parameters, and no duplicates.
#include "core/ManualClock.h"
#include "logs/LogSession.h"
#include "logs/PodTargetTracker.h"
#include "sim/ClusterState.h"
#include "sim/SimServer.h"
#include "support/TestEnv.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSet>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QTemporaryDir>
#include <QTest>

using namespace Sitrep::Logs;
using Sitrep::Sim::SimServer;

namespace {} // namespace

class TstLogsSim : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void selectorStreamsRestartsAndDeletes();
    void tailSincePrevious();
    void lateStartingPodIsAttached();

private:
    void step(int seconds);
    RequestFactory factory() const;
    QStringList texts(quint16 source) const;
    QString podNamed(const QString &prefix) const;

    QTemporaryDir m_dir;
    std::unique_ptr<Sitrep::Core::ManualClock> m_clock;
    std::unique_ptr<SimServer> m_sim;
    std::unique_ptr<LogSession> m_session;
    std::unique_ptr<PodTargetTracker> m_tracker;
};

void TstLogsSim::init()
{
    // Three shop pods (app=shop): two web replicas and one crash-looping worker.
    const QString path = Sitrep::Test::sourceDir() + QStringLiteral("/tests/integration/logs/logs-test.json");
    QVERIFY2(QFile::exists(path), qPrintable(path));
    m_clock = std::make_unique<Sitrep::Core::ManualClock>(QDateTime::currentDateTimeUtc());
    m_sim = std::make_unique<SimServer>(nullptr, m_clock.get());
    m_sim->setRunning(false);
    const auto loaded = m_sim->loadScenario(path);
    QVERIFY2(loaded.ok(), loaded.ok() ? "" : qPrintable(loaded.error().text()));
    const auto url = m_sim->start(0, true);
    QVERIFY2(url.ok(), url.ok() ? "" : qPrintable(url.error().text()));
    step(2);
    m_session = std::make_unique<LogSession>();
    m_session->setConnection(m_sim->url(), factory());
    m_session->setRetryBaseMs(20);
    m_session->merger().setWindowMs(2000); // generous: a loaded CI machine must not make lines late
    StreamOptions o;
    o.tailLines = 15;
    m_session->setOptions(o);
    m_tracker = std::make_unique<PodTargetTracker>(m_session.get());
}

void TstLogsSim::cleanup()
{
    m_tracker.reset();
    m_session.reset();
    m_sim.reset();
}

RequestFactory TstLogsSim::factory() const
{
    // What the composition root does with the Kubernetes client: bearer token and the cluster CA.
    QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
    ssl.setCaCertificates(QSslCertificate::fromData(m_sim->caCertificatePem(), QSsl::Pem));
    const QByteArray auth = "Bearer " + m_sim->token().toUtf8();
    return [ssl, auth](const QUrl &url) {
        QNetworkRequest r(url);
        r.setSslConfiguration(ssl);
        r.setRawHeader("Authorization", auth);
        return r;
    };
}

void TstLogsSim::step(int seconds)
{
    for (int i = 0; i < seconds; ++i) {
        m_clock->advanceSecs(1);
        m_sim->step();
        // The pod watch of the real program, here read straight from the simulated state.
        if (m_tracker)
            m_tracker->reset(m_sim->state().list(QStringLiteral("pods"), QStringLiteral("demo")));
        // Let the simulator's writes and the streams' reads that are already due run; the checks that
        // follow wait on their own conditions (no fixed pause between simulated seconds).
        QCoreApplication::sendPostedEvents();
        QCoreApplication::processEvents();
    }
}

QStringList TstLogsSim::texts(quint16 source) const
{
    QStringList out;
    const LogBuffer &b = m_session->buffer();
    for (quint64 s = b.firstSeq(); s < b.endSeq(); ++s) {
        if (b.entry(s).source == source)
            out.append(QString::fromUtf8(b.text(s)));
    }
    return out;
}

QString TstLogsSim::podNamed(const QString &prefix) const
{
    for (const QJsonObject &p : m_sim->state().list(QStringLiteral("pods"), QStringLiteral("demo"))) {
        const QString name =
            p.value(QStringLiteral("metadata")).toObject().value(QStringLiteral("name")).toString();
        if (name.startsWith(prefix))
            return name;
    }
    return {};
}

void TstLogsSim::selectorStreamsRestartsAndDeletes()
{
    QString error;
    QVERIFY2(m_tracker->setSelection(QStringLiteral("demo"), QStringLiteral("app=shop"), &error),
             qPrintable(error));
    m_tracker->reset(m_sim->state().list(QStringLiteral("pods"), QStringLiteral("demo")));
    QCOMPARE(m_tracker->targets().size(), 3);
    QCOMPARE(m_session->targets().size(), 3);
    step(2);
    // Lines from all three pods, merged.
    QTRY_VERIFY_WITH_TIMEOUT(m_session->sourceCount() == 3 && !texts(0).isEmpty() && !texts(1).isEmpty() &&
                                 !texts(2).isEmpty(),
                             10000);

    // The worker crashes every 4 s: its last words, a divider, and the new instance.
    const QString worker = podNamed(QStringLiteral("worker-"));
    QVERIFY(!worker.isEmpty());
    quint16 workerId = 0;
    for (int i = 0; i < m_session->sourceCount(); ++i) {
        if (m_session->source(quint16(i)).pod == worker)
            workerId = quint16(i);
    }
    step(6);
    QTRY_VERIFY_WITH_TIMEOUT(
        texts(workerId).contains(QStringLiteral("\u2500\u2500 container restarted \u2500\u2500")), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(
        texts(workerId).lastIndexOf(QStringLiteral("worker starting")) >
            texts(workerId).indexOf(QStringLiteral("\u2500\u2500 container restarted \u2500\u2500")),
        10000);
    const QStringList w = texts(workerId);
    const int divider = int(w.indexOf(QStringLiteral("\u2500\u2500 container restarted \u2500\u2500")));
    QVERIFY2(w.mid(0, divider).contains(QStringLiteral("panic: worker lost its queue")),
             qPrintable(w.join(u'\n')));

    // A web pod is deleted; its Deployment makes a new one, which is picked up.
    const QString web = podNamed(QStringLiteral("web-"));
    {
        // kubectl delete pod: the API, so that the ReplicaSet notices.
        QNetworkAccessManager nam;
        QUrl url = m_sim->url();
        url.setPath(QStringLiteral("/api/v1/namespaces/demo/pods/") + web);
        QNetworkRequest req = factory()(url);
        req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        QNetworkReply *reply = nam.sendCustomRequest(req, "DELETE", R"({"propagationPolicy":"Background"})");
        QTRY_VERIFY(reply->isFinished());
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        reply->deleteLater();
    }
    step(4);
    QTRY_VERIFY_WITH_TIMEOUT(m_session->sourceCount() == 4, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(!texts(3).isEmpty(), 10000);
    bool notice = false;
    for (int i = 0; i < 3; ++i) {
        if (m_session->source(quint16(i)).pod == web)
            notice = texts(quint16(i)).last().contains(QStringLiteral("is no longer streamed"));
    }
    QVERIFY(notice);
    QCOMPARE(m_session->targets().size(), 3);
    step(2);
    m_session->flush();

    // Nothing twice, and the container lines in timestamp order across the pods: a line older than the one
    // before it is only ever one the merger let through late (a pod that starts streaming after the merge
    // window has passed its first lines' time, as on a loaded machine) and counted as such.
    const LogBuffer &b = m_session->buffer();
    QSet<QPair<quint16, QPair<qint64, QByteArray>>> seen;
    qint64 prev = 0;
    int lines = 0;
    quint64 inversions = 0;
    for (quint64 s = b.firstSeq(); s < b.endSeq(); ++s) {
        const auto &e = b.entry(s);
        if (e.flags & MarkerLine)
            continue;
        ++lines;
        const auto key = qMakePair(e.source, qMakePair(e.tsNs, b.text(s).toByteArray()));
        QVERIFY2(!seen.contains(key), b.text(s).toByteArray().constData());
        seen.insert(key);
        inversions += e.tsNs < prev ? 1 : 0;
        prev = std::max(prev, e.tsNs);
    }
    QVERIFY(lines > 50);
    QVERIFY2(inversions <= m_session->merger().lateLines(),
             qPrintable(QStringLiteral("%1 lines out of order, %2 counted late")
                            .arg(inversions)
                            .arg(m_session->merger().lateLines())));
}

void TstLogsSim::tailSincePrevious()
{
    step(7); // the worker has crashed at least once more
    const QString worker = podNamed(QStringLiteral("worker-"));
    const QString web = podNamed(QStringLiteral("web-"));
    QNetworkAccessManager nam;
    auto fetch = [&](const QString &pod, const QString &container, StreamOptions o) {
        o.follow = false;
        std::vector<LogLine> got;
        LogStream s(&nam, m_sim->url(), factory(), {QStringLiteral("demo"), pod, container, false}, 0, o,
                    [&](quint16, LogBatchPtr b) {
                        for (size_t i = 0; i < b->size(); ++i)
                            got.push_back(b->line(i));
                    });
        s.start();
        [&] { QTRY_COMPARE_WITH_TIMEOUT(s.state(), LogStream::State::Ended, 10000); }();
        return got;
    };
    StreamOptions tail;
    tail.tailLines = 3;
    QCOMPARE(fetch(web, QStringLiteral("web"), tail).size(), size_t(3));

    StreamOptions since;
    since.sinceSeconds = 3;
    const auto recent = fetch(web, QStringLiteral("web"), since);
    QVERIFY(!recent.empty());
    const qint64 from = (m_clock->nowMs() - 3000) * 1000000LL;
    for (const LogLine &l : recent)
        QVERIFY(l.tsNs >= from);
    StreamOptions all;
    QVERIFY(fetch(web, QStringLiteral("web"), all).size() > recent.size());

    StreamOptions previous;
    previous.previous = true;
    const auto prev = fetch(worker, QStringLiteral("worker"), previous);
    QVERIFY(!prev.empty());
    QCOMPARE(prev.back().text, QByteArray("panic: worker lost its queue"));
}

void TstLogsSim::lateStartingPodIsAttached()
{
    // A pod whose container is still being created (an image pull, init containers): its stream is
    // refused with "waiting to start" until it gives up, and must come back once the container runs.
    m_session->setRetryBaseMs(1); // the 12 retries take 4 s, not 43 s
    QVERIFY(m_tracker->setSelection(QStringLiteral("demo"), QStringLiteral("app=shop")));
    m_tracker->reset(m_sim->state().list(QStringLiteral("pods"), QStringLiteral("demo")));
    QCOMPARE(m_session->targets().size(), 3);

    // A bare pod (no ReplicaSet would delete it), created while the clock stands still: the
    // simulated kubelet has not started its container yet.
    QJsonObject late =
        m_sim->state()
            .get(QStringLiteral("pods"), QStringLiteral("demo"), podNamed(QStringLiteral("web-")))
            .value();
    QJsonObject meta = late.value(QStringLiteral("metadata")).toObject();
    meta = QJsonObject{
        {QStringLiteral("name"), QStringLiteral("late-0")},
        {QStringLiteral("namespace"), QStringLiteral("demo")},
        {QStringLiteral("labels"), QJsonObject{{QStringLiteral("app"), QStringLiteral("shop")},
                                               {QStringLiteral("role"), QStringLiteral("late")}}}};
    late.insert(QStringLiteral("metadata"), meta);
    late.remove(QStringLiteral("status"));
    m_sim->state().create(QStringLiteral("pods"), late);
    m_tracker->reset(m_sim->state().list(QStringLiteral("pods"), QStringLiteral("demo")));
    const LogTarget target{QStringLiteral("demo"), QStringLiteral("late-0"), QStringLiteral("web"), false};
    QVERIFY(m_session->targets().contains(target));
    QTRY_COMPARE_WITH_TIMEOUT(m_session->streamState(target), LogStream::State::Failed, 30000);
    QVERIFY2(m_session->streamError(target).contains(QStringLiteral("waiting to start")),
             qPrintable(m_session->streamError(target)));

    // The kubelet starts it; the pod watch reports it running and the stream attaches.
    step(3);
    QTRY_COMPARE_WITH_TIMEOUT(m_session->streamState(target), LogStream::State::Streaming, 10000);
    quint16 id = 0;
    for (int i = 0; i < m_session->sourceCount(); ++i) {
        if (m_session->source(quint16(i)) == target)
            id = quint16(i);
    }
    QTRY_VERIFY_WITH_TIMEOUT(texts(id).contains(QStringLiteral("web starting")), 10000);
    step(2);
    QTRY_VERIFY_WITH_TIMEOUT(texts(id).size() > 3, 10000); // and follows it
}

QTEST_GUILESS_MAIN(TstLogsSim)
#include "tst_logs_sim.moc"
