// List+watch against a scripted server: pagination, watch framing, bookmarks, 410 relist with missed
// deletions, hangs, malformed JSON, 403, normal stream ends.
#include "FakeApiServer.h"
#include "core/ManualClock.h"
#include "kube/Informer.h"
#include "kube/KubeClient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

using namespace Sitrep::Kube;
using Sitrep::Test::FakeApiServer;
using Sitrep::Test::FakeRequest;

namespace {

QJsonObject pod(const QString &name, int rv)
{
    return QJsonObject{
        {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("name"), name},
                                                 {QStringLiteral("namespace"), QStringLiteral("demo")},
                                                 {QStringLiteral("resourceVersion"), QString::number(rv)}}}};
}

QByteArray list(const QList<QJsonObject> &items, const QString &rv, const QString &cont = {})
{
    QJsonArray arr;
    for (const auto &i : items)
        arr.append(i);
    QJsonObject meta{{QStringLiteral("resourceVersion"), rv}};
    if (!cont.isEmpty())
        meta.insert(QStringLiteral("continue"), cont);
    return QJsonDocument(QJsonObject{{QStringLiteral("kind"), QStringLiteral("PodList")},
                                     {QStringLiteral("apiVersion"), QStringLiteral("v1")},
                                     {QStringLiteral("metadata"), meta},
                                     {QStringLiteral("items"), arr}})
        .toJson(QJsonDocument::Compact);
}

QByteArray watchEvent(const char *type, const QJsonObject &o)
{
    return QJsonDocument(
               QJsonObject{{QStringLiteral("type"), QLatin1String(type)}, {QStringLiteral("object"), o}})
               .toJson(QJsonDocument::Compact) +
           '\n';
}

bool isWatch(const FakeRequest &r)
{
    return r.query.queryItemValue(QStringLiteral("watch")) == QLatin1String("true");
}

// Collects every delivered event as "A demo/x", "M demo/x", "D demo/x".
struct Recorder
{
    QStringList seen;
    void attach(Informer &inf)
    {
        QObject::connect(&inf, &Informer::eventsReady, &inf, [this](const ObjectEvents &evs) {
            for (const auto &e : evs)
                seen << QStringLiteral("%1 %2")
                            .arg(e.type == ObjectEvent::Type::Added      ? QLatin1Char('A')
                                 : e.type == ObjectEvent::Type::Modified ? QLatin1Char('M')
                                                                         : QLatin1Char('D'))
                            .arg(e.key);
        });
    }
};

} // namespace

class TstInformer final : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void listThenWatch();
    void relistAfter410Event();
    void relistAfterHttp410();
    void hungWatchReconnects();
    void malformedListIsShownThenRecovers();
    void malformedWatchLineRelists();
    void forbiddenIsFailedState();
    void normalEndRewatches();

private:
    std::unique_ptr<Informer> makeInformer();
    Sitrep::Core::ManualClock m_clock;
    std::unique_ptr<FakeApiServer> m_server;
    std::unique_ptr<KubeClient> m_client;
};

void TstInformer::init()
{
    m_server = std::make_unique<FakeApiServer>();
    QVERIFY(m_server->listen());
    ClusterConfig cfg;
    cfg.context.name = QStringLiteral("test");
    cfg.cluster.server = m_server->url().toString();
    cfg.user.name = QStringLiteral("bob");
    auto c = KubeClient::create(cfg, m_clock);
    QVERIFY(c.ok());
    m_client = std::move(c).value();
}

void TstInformer::cleanup()
{
    m_client.reset();
    m_server.reset();
}

std::unique_ptr<Informer> TstInformer::makeInformer()
{
    auto inf = std::make_unique<Informer>(m_client.get(), ResourceRef::pods(QStringLiteral("demo")));
    inf->setBackoff(20, 200);
    inf->setPageSize(2);
    return inf;
}

void TstInformer::listThenWatch()
{
    m_server->setHandler([](const FakeRequest &r, FakeApiServer &) {
        if (isWatch(r)) {
            FakeApiServer::startStream(r);
            return FakeApiServer::Answer::Stream;
        }
        if (r.query.queryItemValue(QStringLiteral("continue")).isEmpty())
            FakeApiServer::reply(r, 200,
                                 list({pod(QStringLiteral("a"), 1), pod(QStringLiteral("b"), 2)},
                                      QStringLiteral("9"), QStringLiteral("tok/1")));
        else
            FakeApiServer::reply(r, 200, list({pod(QStringLiteral("c"), 3)}, QStringLiteral("10")));
        return FakeApiServer::Answer::Replied;
    });
    auto inf = makeInformer();
    Recorder rec;
    rec.attach(*inf);
    QSignalSpy synced(inf.get(), &Informer::synced);
    inf->start();
    QCOMPARE(inf->state(), Informer::State::Connecting);
    QVERIFY(synced.wait(5000));
    QCOMPARE(rec.seen, (QStringList{QStringLiteral("A demo/a"), QStringLiteral("A demo/b"),
                                    QStringLiteral("A demo/c")}));
    QTRY_COMPARE(inf->state(), Informer::State::Live);
    QCOMPARE(inf->stateText(), QStringLiteral("live"));

    QCOMPARE(m_server->requests.size(), 3);
    const FakeRequest &first = m_server->requests.at(0);
    QCOMPARE(first.path, QStringLiteral("/api/v1/namespaces/demo/pods"));
    QCOMPARE(first.query.queryItemValue(QStringLiteral("limit")), QStringLiteral("2"));
    QCOMPARE(first.headers.value("accept"), QByteArray("application/json"));
    QCOMPARE(m_server->requests.at(1).query.queryItemValue(QStringLiteral("continue"), QUrl::FullyDecoded),
             QStringLiteral("tok/1"));
    const FakeRequest &watch = m_server->requests.at(2);
    QCOMPARE(watch.query.queryItemValue(QStringLiteral("resourceVersion")), QStringLiteral("10"));
    QCOMPARE(watch.query.queryItemValue(QStringLiteral("allowWatchBookmarks")), QStringLiteral("true"));
    const int timeout = watch.query.queryItemValue(QStringLiteral("timeoutSeconds")).toInt();
    QVERIFY(timeout >= 300 && timeout <= 600);

    // An event split across two writes, then three events in one write.
    const QByteArray added = watchEvent("ADDED", pod(QStringLiteral("d"), 11));
    m_server->streamWrite(added.left(10));
    m_server->streamWrite(added.mid(10));
    QByteArray burst = watchEvent("MODIFIED", pod(QStringLiteral("a"), 12)) +
                       watchEvent("DELETED", pod(QStringLiteral("b"), 13));
    burst += watchEvent(
        "BOOKMARK", QJsonObject{{QStringLiteral("metadata"),
                                 QJsonObject{{QStringLiteral("resourceVersion"), QStringLiteral("20")}}}});
    m_server->streamWrite(burst);
    QTRY_COMPARE(rec.seen.size(), 6);
    QCOMPARE(rec.seen.mid(3), (QStringList{QStringLiteral("A demo/d"), QStringLiteral("M demo/a"),
                                           QStringLiteral("D demo/b")}));
    QTRY_COMPARE(inf->resourceVersion(), QStringLiteral("20"));
    QCOMPARE(inf->objectCount(), 3);
}

void TstInformer::relistAfter410Event()
{
    int lists = 0;
    m_server->setHandler([&lists](const FakeRequest &r, FakeApiServer &) {
        if (isWatch(r)) {
            FakeApiServer::startStream(r);
            return FakeApiServer::Answer::Stream;
        }
        ++lists;
        if (lists == 1)
            FakeApiServer::reply(
                r, 200,
                list({pod(QStringLiteral("a"), 1), pod(QStringLiteral("c"), 3)}, QStringLiteral("5")));
        else // c was deleted and d created while the watch was expired
            FakeApiServer::reply(
                r, 200,
                list({pod(QStringLiteral("a"), 1), pod(QStringLiteral("d"), 8)}, QStringLiteral("9")));
        return FakeApiServer::Answer::Replied;
    });
    auto inf = makeInformer();
    Recorder rec;
    rec.attach(*inf);
    QSignalSpy synced(inf.get(), &Informer::synced);
    inf->start();
    QVERIFY(synced.wait(5000));
    QTRY_COMPARE(m_server->openStreams(), 1);
    QTRY_COMPARE(inf->state(), Informer::State::Live);
    QSignalSpy states(inf.get(), &Informer::stateChanged);
    m_server->streamWrite(watchEvent(
        "ERROR",
        QJsonDocument::fromJson(FakeApiServer::status(410, QStringLiteral("Expired"),
                                                      QStringLiteral("too old resource version: 5 (7)")))
            .object()));
    QVERIFY(synced.wait(5000));
    QCOMPARE(rec.seen, (QStringList{QStringLiteral("A demo/a"), QStringLiteral("A demo/c"),
                                    QStringLiteral("A demo/d"), QStringLiteral("D demo/c")}));
    QCOMPARE(inf->relists(), 1);
    QVERIFY(!states.isEmpty());
    QCOMPARE(states.first().at(0).value<Informer::State>(), Informer::State::Reconnecting);
    QVERIFY(states.first().at(1).toString().contains(QLatin1String("410 Gone")));
    QTRY_COMPARE(inf->state(), Informer::State::Live);
    QCOMPARE(inf->objectCount(), 2);
}

void TstInformer::relistAfterHttp410()
{
    int watches = 0;
    m_server->setHandler([&watches](const FakeRequest &r, FakeApiServer &) {
        if (isWatch(r)) {
            if (++watches == 1) {
                FakeApiServer::reply(
                    r, 410, FakeApiServer::status(410, QStringLiteral("Expired"), QStringLiteral("too old")));
                return FakeApiServer::Answer::Replied;
            }
            FakeApiServer::startStream(r);
            return FakeApiServer::Answer::Stream;
        }
        FakeApiServer::reply(r, 200, list({pod(QStringLiteral("a"), 1)}, QStringLiteral("5")));
        return FakeApiServer::Answer::Replied;
    });
    auto inf = makeInformer();
    inf->start();
    QTRY_COMPARE(inf->relists(), 1);
    QTRY_COMPARE(inf->state(), Informer::State::Live);
    QCOMPARE(watches, 2);
}

void TstInformer::hungWatchReconnects()
{
    int watches = 0;
    m_server->setHandler([&watches](const FakeRequest &r, FakeApiServer &) {
        if (isWatch(r)) {
            if (++watches == 1)
                return FakeApiServer::Answer::Hang; // no headers, no bytes
            FakeApiServer::startStream(r);
            return FakeApiServer::Answer::Stream;
        }
        FakeApiServer::reply(r, 200, list({pod(QStringLiteral("a"), 1)}, QStringLiteral("5")));
        return FakeApiServer::Answer::Replied;
    });
    auto inf = makeInformer();
    inf->setWatchIdleTimeoutMs(300);
    QSignalSpy states(inf.get(), &Informer::stateChanged);
    inf->start();
    QTRY_VERIFY_WITH_TIMEOUT(std::any_of(states.begin(), states.end(),
                                         [](const QList<QVariant> &s) {
                                             return s.at(1).toString().startsWith(
                                                        QLatin1String("reconnecting (1)")) &&
                                                    s.at(1).toString().contains(QLatin1String("no answer"));
                                         }),
                             5000);
    QTRY_COMPARE(inf->state(), Informer::State::Live);
    QCOMPARE(watches, 2);
    QCOMPARE(m_server->requests.last().query.queryItemValue(QStringLiteral("resourceVersion")),
             QStringLiteral("5"));
}

void TstInformer::malformedListIsShownThenRecovers()
{
    int lists = 0;
    m_server->setHandler([&lists](const FakeRequest &r, FakeApiServer &) {
        if (isWatch(r)) {
            FakeApiServer::startStream(r);
            return FakeApiServer::Answer::Stream;
        }
        if (++lists == 1)
            FakeApiServer::reply(r, 200, QByteArray("{\"kind\":\"PodList\",\"items\":[{\"metadata\":"));
        else
            FakeApiServer::reply(r, 200, list({pod(QStringLiteral("a"), 1)}, QStringLiteral("5")));
        return FakeApiServer::Answer::Replied;
    });
    auto inf = makeInformer();
    QSignalSpy states(inf.get(), &Informer::stateChanged);
    inf->start();
    QTRY_VERIFY(std::any_of(states.begin(), states.end(), [](const QList<QVariant> &s) {
        return s.at(1).toString().contains(QLatin1String("malformed JSON"));
    }));
    QTRY_COMPARE(inf->state(), Informer::State::Live);
    QCOMPARE(inf->objectCount(), 1);
}

void TstInformer::malformedWatchLineRelists()
{
    int lists = 0;
    m_server->setHandler([&lists](const FakeRequest &r, FakeApiServer &) {
        if (isWatch(r)) {
            FakeApiServer::startStream(r);
            return FakeApiServer::Answer::Stream;
        }
        ++lists;
        FakeApiServer::reply(r, 200, list({pod(QStringLiteral("a"), 1)}, QStringLiteral("5")));
        return FakeApiServer::Answer::Replied;
    });
    auto inf = makeInformer();
    Recorder rec;
    rec.attach(*inf);
    inf->start();
    QTRY_COMPARE(m_server->openStreams(), 1);
    m_server->streamWrite(watchEvent("ADDED", pod(QStringLiteral("b"), 6)) +
                          "{\"type\":\"ADDED\",\"object\":{]}\n" +
                          watchEvent("ADDED", pod(QStringLiteral("c"), 7)));
    QTRY_COMPARE(lists, 2); // the bad line made it relist, since events may be lost with it
    QTRY_COMPARE(inf->state(), Informer::State::Live);
    QCOMPARE(rec.seen.mid(0, 2), (QStringList{QStringLiteral("A demo/a"), QStringLiteral("A demo/b")}));
    QVERIFY(!rec.seen.contains(QStringLiteral("A demo/c"))); // nothing after the bad line is trusted
    QCOMPARE(rec.seen.last(), QStringLiteral("D demo/b"));   // the relist does not have b
}

void TstInformer::forbiddenIsFailedState()
{
    m_server->setHandler([](const FakeRequest &r, FakeApiServer &) {
        FakeApiServer::reply(
            r, 403,
            FakeApiServer::status(
                403, QStringLiteral("Forbidden"),
                QStringLiteral("pods is forbidden: User \"bob\" cannot list resource \"pods\"")));
        return FakeApiServer::Answer::Replied;
    });
    auto inf = makeInformer();
    inf->start();
    QTRY_COMPARE(inf->state(), Informer::State::Failed);
    QVERIFY2(inf->stateText().startsWith(QLatin1String("user bob is not allowed to list pods in demo (403)")),
             qPrintable(inf->stateText()));
    inf->stop();
    QCOMPARE(inf->state(), Informer::State::Stopped);
}

void TstInformer::normalEndRewatches()
{
    int watches = 0;
    m_server->setHandler([&watches](const FakeRequest &r, FakeApiServer &) {
        if (isWatch(r)) {
            ++watches;
            FakeApiServer::startStream(r);
            return FakeApiServer::Answer::Stream;
        }
        FakeApiServer::reply(r, 200, list({pod(QStringLiteral("a"), 1)}, QStringLiteral("5")));
        return FakeApiServer::Answer::Replied;
    });
    auto inf = makeInformer();
    inf->start();
    QTRY_COMPARE(m_server->openStreams(), 1);
    m_server->streamWrite(watchEvent("MODIFIED", pod(QStringLiteral("a"), 33)));
    QTRY_COMPARE(inf->resourceVersion(), QStringLiteral("33"));
    m_server->endStreams();
    QTRY_COMPARE(watches, 2);
    QCOMPARE(m_server->requests.last().query.queryItemValue(QStringLiteral("resourceVersion")),
             QStringLiteral("33"));
    QCOMPARE(inf->relists(), 0);
}

QTEST_GUILESS_MAIN(TstInformer)
#include "tst_informer.moc"
