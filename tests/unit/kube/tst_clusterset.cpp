// Several clusters in one incident, against scripted API servers: the clusters an incident names survive in its
// journal; the set names and colours them, keeps a connection asked for again, says why one cannot open; their
// pods are summed for the wall with a line per cluster; a 401 is "failed", a server that stops answering is
// "stale since ...", one that hangs is seen by the probe; action outcomes and journal entries name the cluster.
#include "FakeApiServer.h"
#include "core/IncidentSession.h"
#include "core/Journal.h"
#include "core/ManualClock.h"
#include "kube/Actions.h"
#include "kube/ClusterSet.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Sitrep;
using namespace Sitrep::Kube;
using Test::FakeApiServer;
using Test::FakeRequest;

namespace {

QJsonObject pod(const QString &name, const QString &waiting)
{
    const QJsonObject state =
        waiting.isEmpty()
            ? QJsonObject{{QStringLiteral("running"), QJsonObject{}}}
            : QJsonObject{{QStringLiteral("waiting"), QJsonObject{{QStringLiteral("reason"), waiting}}}};
    return QJsonObject{
        {QStringLiteral("metadata"),
         QJsonObject{{QStringLiteral("name"), name},
                     {QStringLiteral("namespace"), QStringLiteral("demo")},
                     {QStringLiteral("resourceVersion"), QStringLiteral("7")},
                     {QStringLiteral("labels"), QJsonObject{{QStringLiteral("app"), QStringLiteral("api")}}}}},
        {QStringLiteral("spec"),
         QJsonObject{{QStringLiteral("containers"), QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("c")}}}}}},
        {QStringLiteral("status"),
         QJsonObject{{QStringLiteral("phase"), QStringLiteral("Running")},
                     {QStringLiteral("containerStatuses"),
                      QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("c")},
                                             {QStringLiteral("ready"), waiting.isEmpty()},
                                             {QStringLiteral("restartCount"), 0},
                                             {QStringLiteral("state"), state}}}}}}};
}

QByteArray podList(const QJsonArray &items)
{
    return QJsonDocument(QJsonObject{{QStringLiteral("kind"), QStringLiteral("PodList")},
                                     {QStringLiteral("metadata"),
                                      QJsonObject{{QStringLiteral("resourceVersion"), QStringLiteral("10")}}},
                                     {QStringLiteral("items"), items}})
        .toJson(QJsonDocument::Compact);
}

// A cluster whose API server lists these pods, opens watches, and answers /version (unless told otherwise).
struct FakeCluster
{
    FakeApiServer server;
    QJsonArray pods;
    bool unauthorized = false;
    bool hangVersion = false;

    bool start()
    {
        server.setHandler([this](const FakeRequest &r, FakeApiServer &) {
            if (unauthorized) {
                FakeApiServer::reply(r, 401, FakeApiServer::status(401, QStringLiteral("Unauthorized"),
                                                                    QStringLiteral("Unauthorized")));
                return FakeApiServer::Answer::Replied;
            }
            if (r.path == QLatin1String("/version")) {
                if (hangVersion)
                    return FakeApiServer::Answer::Hang;
                FakeApiServer::reply(r, 200, R"({"major":"1","minor":"32","gitVersion":"v1.32.0"})");
                return FakeApiServer::Answer::Replied;
            }
            if (r.query.queryItemValue(QStringLiteral("watch")) == QLatin1String("true")) {
                FakeApiServer::startStream(r);
                return FakeApiServer::Answer::Stream;
            }
            if (r.path == QLatin1String("/api/v1/namespaces/demo/pods")) {
                FakeApiServer::reply(r, 200, podList(pods));
                return FakeApiServer::Answer::Replied;
            }
            if (r.method == "DELETE") {
                FakeApiServer::reply(r, 200, QJsonDocument(pods.first().toObject()).toJson(QJsonDocument::Compact));
                return FakeApiServer::Answer::Replied;
            }
            FakeApiServer::reply(r, 200, podList({})); // events, deployments: empty lists
            return FakeApiServer::Answer::Replied;
        });
        return server.listen();
    }
};

} // namespace

class TstClusterSet final : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void specRoundTrip();
    void incidentKeepsItsClusters();
    void namesColoursAndReuse();
    void podsOfEveryClusterForTheWall();
    void failedAndStaleClusters();
    void actionsNameTheirCluster();

private:
    QString kubeconfig(const QString &file, const QString &context, const QUrl &server);
    void makeSet();

    Core::ManualClock m_clock{QDateTime::fromString(QStringLiteral("2026-11-23T10:42:00Z"), Qt::ISODate)};
    QTemporaryDir m_dir;
    std::unique_ptr<Core::Journal> m_journal;
    std::unique_ptr<Core::IncidentSession> m_session;
    std::unique_ptr<FakeCluster> m_eu;
    std::unique_ptr<FakeCluster> m_us;
    std::unique_ptr<ClusterSet> m_set;
};

void TstClusterSet::init()
{
    m_journal = std::make_unique<Core::Journal>();
    QVERIFY(m_journal->open(m_dir.filePath(QStringLiteral("i-%1.sitrep").arg(QString::fromLatin1(QTest::currentTestFunction())))).ok());
    m_session = std::make_unique<Core::IncidentSession>(*m_journal, m_clock, QStringLiteral("alice"));
    Core::IncidentSession::Declaration d;
    d.title = QStringLiteral("502s in two regions");
    d.service = QStringLiteral("api");
    QVERIFY(m_session->declare(d).ok());
    m_eu = std::make_unique<FakeCluster>();
    m_us = std::make_unique<FakeCluster>();
    m_eu->pods = QJsonArray{pod(QStringLiteral("api-1"), QStringLiteral("CrashLoopBackOff")),
                            pod(QStringLiteral("api-2"), QStringLiteral("CrashLoopBackOff")),
                            pod(QStringLiteral("api-3"), {})};
    m_us->pods = QJsonArray{pod(QStringLiteral("api-1"), {}), pod(QStringLiteral("api-2"), {})};
    QVERIFY(m_eu->start());
    QVERIFY(m_us->start());
}

void TstClusterSet::cleanup()
{
    m_set.reset();
    m_eu.reset();
    m_us.reset();
    m_session.reset();
    m_journal.reset();
}

QString TstClusterSet::kubeconfig(const QString &file, const QString &context, const QUrl &server)
{
    const QString path = m_dir.filePath(file);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return {};
    f.write(QStringLiteral("apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster:\n    server: %1\n"
                           "contexts:\n- name: %2\n  context:\n    cluster: c\n    user: u\n    namespace: demo\n"
                           "current-context: %2\nusers:\n- name: u\n  user: {}\n")
                .arg(server.toString(), context)
                .toUtf8());
    return path;
}

void TstClusterSet::makeSet()
{
    m_set = std::make_unique<ClusterSet>(m_clock, m_session.get());
    m_set->setProbe(200, 500);
    m_set->setInformerSetup([](Informer &i) { i.setBackoff(50, 200); });
}

void TstClusterSet::specRoundTrip()
{
    for (const std::optional<QString> &ns : {std::optional<QString>(), std::optional<QString>(QString()),
                                             std::optional<QString>(QStringLiteral("payments"))}) {
        const ClusterSpec s{QStringLiteral("/home/a/.kube/eu"), QStringLiteral("prod-eu-admin"), ns,
                            QStringLiteral("#6a1b9a"), QStringLiteral("prod-eu")};
        QCOMPARE(ClusterSpec::fromJson(s.toJson()), s);
    }
    QCOMPARE((ClusterSpec{{}, QStringLiteral("prod-eu"), std::nullopt, {}, {}}).describe(), QStringLiteral("prod-eu"));
    QCOMPARE((ClusterSpec{{}, QStringLiteral("prod-us"), QString(), {}, {}}).describe(),
             QStringLiteral("prod-us (all namespaces)"));
    QCOMPARE((ClusterSpec{{}, QStringLiteral("ctx"), QStringLiteral("demo"), {}, QStringLiteral("eu")}).describe(),
             QStringLiteral("eu (namespace demo)"));
}

void TstClusterSet::incidentKeepsItsClusters()
{
    QVERIFY(IncidentClusters::fromEvents(m_journal->events()).isEmpty());
    const QList<ClusterSpec> first{{QStringLiteral("/k/eu"), QStringLiteral("prod-eu"), QStringLiteral("demo"), {}, {}}};
    const QList<ClusterSpec> second{{QStringLiteral("/k/eu"), QStringLiteral("prod-eu"), QStringLiteral("demo"), {}, {}},
                                    {QStringLiteral("/k/us"), QStringLiteral("prod-us"), QString(), {}, {}}};
    QVERIFY(IncidentClusters::record(*m_session, first).ok());
    QVERIFY(m_session->addNote(QStringLiteral("in between")).ok());
    QVERIFY(IncidentClusters::record(*m_session, second).ok());
    // Read back from the file, the newest entry wins.
    Core::Journal reopened;
    QVERIFY(reopened.open(m_journal->path(), Core::Journal::Mode::ReadOnly).ok());
    QCOMPARE(IncidentClusters::fromEvents(reopened.events()), second);
    // The folded incident (and every export) shows them as a readable field.
    QCOMPARE(m_session->incident().field(QStringLiteral("clusters")),
             QStringLiteral("prod-eu (namespace demo), prod-us (all namespaces)"));
}

void TstClusterSet::namesColoursAndReuse()
{
    // Two files that both call their context "default".
    const QString a = kubeconfig(QStringLiteral("a"), QStringLiteral("default"), m_eu->server.url());
    const QString b = kubeconfig(QStringLiteral("b"), QStringLiteral("default"), m_us->server.url());
    makeSet();
    QSignalSpy changed(m_set.get(), &ClusterSet::clustersChanged);
    m_set->setClusters({{a, QStringLiteral("default"), std::nullopt, {}, {}},
                        {b, QStringLiteral("default"), std::nullopt, {}, {}},
                        {b, QStringLiteral("nowhere"), std::nullopt, {}, {}}});
    QCOMPARE(changed.size(), 1);
    QCOMPARE(m_set->openCount(), 2);
    ClusterConnection *first = m_set->connection(QStringLiteral("default"));
    ClusterConnection *second = m_set->connection(QStringLiteral("default (2)"));
    QVERIFY(first && second && first != second);
    QVERIFY(first->colour() != second->colour());
    QVERIFY(first->namedInSentences());
    // The one that cannot open is listed with why, in words.
    QCOMPARE(m_set->failures().size(), 1);
    QVERIFY2(m_set->failures().first().second.contains(QLatin1String("nowhere")),
             qPrintable(m_set->failures().first().second));

    // Asked again with another namespace: the same connection, now on that namespace; the other stays.
    QPointer<ClusterConnection> keep = first;
    QPointer<ClusterConnection> drop = second;
    m_set->setClusters({{a, QStringLiteral("default"), QString(), QStringLiteral("#123456"), QStringLiteral("eu")}});
    QCOMPARE(m_set->connection(QStringLiteral("eu")), keep.data());
    QCOMPARE(keep->currentNamespace(), QString());
    QCOMPARE(keep->colour(), QStringLiteral("#123456"));
    QVERIFY(!keep->namedInSentences()); // one cluster: sentences as they always were
    QVERIFY(drop.isNull());             // closed
    QCOMPARE(m_set->failures().size(), 0);
}

void TstClusterSet::podsOfEveryClusterForTheWall()
{
    makeSet();
    m_set->setClusters({{kubeconfig(QStringLiteral("eu"), QStringLiteral("prod-eu"), m_eu->server.url()),
                         QStringLiteral("prod-eu"), std::nullopt, {}, {}},
                        {kubeconfig(QStringLiteral("us"), QStringLiteral("prod-us"), m_us->server.url()),
                         QStringLiteral("prod-us"), std::nullopt, {}, {}}});
    QTRY_COMPARE(m_set->pods().byState.value(QStringLiteral("Running")), 3);
    const Core::IncidentDigest::Pods p = m_set->pods();
    QCOMPARE(p.byState.value(QStringLiteral("CrashLoopBackOff")), 2);
    QCOMPARE(p.crashing, (QStringList{QStringLiteral("prod-eu/api-1"), QStringLiteral("prod-eu/api-2")}));
    QCOMPARE(p.clusters.size(), 2);
    QCOMPARE(p.clustersLine(), QStringLiteral("prod-eu 2 CrashLoopBackOff \u00b7 prod-us ok"));
    // One journal entry for all of them, so a follower wall reads the same line.
    QTRY_VERIFY([this] {
        for (const Core::TimelineEvent &e : m_journal->events()) {
            if (!e.payload.contains(QLatin1String("podSummary")))
                continue;
            Core::IncidentDigest digest;
            digest.apply(e);
            if (digest.pods.clustersLine() == QStringLiteral("prod-eu 2 CrashLoopBackOff \u00b7 prod-us ok"))
                return true;
        }
        return false;
    }());
}

void TstClusterSet::failedAndStaleClusters()
{
    m_us->unauthorized = true;
    makeSet();
    m_set->setClusters({{kubeconfig(QStringLiteral("eu"), QStringLiteral("prod-eu"), m_eu->server.url()),
                         QStringLiteral("prod-eu"), std::nullopt, {}, {}},
                        {kubeconfig(QStringLiteral("us"), QStringLiteral("prod-us"), m_us->server.url()),
                         QStringLiteral("prod-us"), std::nullopt, {}, {}}});
    ClusterConnection *eu = m_set->connection(QStringLiteral("prod-eu"));
    ClusterConnection *us = m_set->connection(QStringLiteral("prod-us"));
    QTRY_COMPARE(us->health()->state(), ClusterHealth::State::Failed);
    QVERIFY2(us->health()->text().startsWith(QLatin1String("failed: ")), qPrintable(us->health()->text()));
    QVERIFY(us->health()->text().contains(QLatin1String("401")));
    QTRY_COMPARE(eu->health()->state(), ClusterHealth::State::Live);
    QVERIFY(m_set->pods().clustersLine().startsWith(QLatin1String("prod-eu 2 CrashLoopBackOff")));
    QVERIFY(m_set->pods().clustersLine().endsWith(QLatin1String("prod-us no data")));

    // prod-eu hangs (its /version never answers): stale, said within the probe's timeout, since its last answer.
    m_clock.advanceSecs(60);
    const qint64 lastAnswer = m_clock.nowMs();
    // A probe answered at the new time, then /version stops answering.
    QSignalSpy asked(&m_eu->server, &FakeApiServer::requestReceived);
    QTRY_VERIFY([&asked] {
        for (const auto &a : asked)
            if (a.at(1).toString() == QLatin1String("/version"))
                return true;
        return false;
    }());
    QTRY_VERIFY(eu->health()->state() == ClusterHealth::State::Live);
    m_eu->hangVersion = true;
    QTRY_COMPARE(eu->health()->state(), ClusterHealth::State::Stale);
    QVERIFY2(eu->health()->text().contains(QLatin1String("did not answer within 0.5 s")),
             qPrintable(eu->health()->text()));
    QCOMPARE(eu->health()->staleSinceMs(), lastAnswer);
    QVERIFY(m_set->pods().clustersLine().contains(QLatin1String("(stale since 10:43:00 UTC)")));
    // Answers again: live.
    m_eu->hangVersion = false;
    QTRY_COMPARE(eu->health()->state(), ClusterHealth::State::Live);

    // Its connections drop and it is gone: stale at once, not after a timeout.
    m_eu->server.dropConnections();
    m_eu.reset();
    QTRY_COMPARE(eu->health()->state(), ClusterHealth::State::Stale);
    QVERIFY2(eu->health()->text().startsWith(QLatin1String("stale since ")), qPrintable(eu->health()->text()));
}

void TstClusterSet::actionsNameTheirCluster()
{
    makeSet();
    m_set->setClusters({{kubeconfig(QStringLiteral("eu"), QStringLiteral("prod-eu"), m_eu->server.url()),
                         QStringLiteral("prod-eu"), std::nullopt, {}, {}},
                        {kubeconfig(QStringLiteral("us"), QStringLiteral("prod-us"), m_us->server.url()),
                         QStringLiteral("prod-us"), std::nullopt, {}, {}}});
    ClusterConnection *us = m_set->connection(QStringLiteral("prod-us"));
    QSignalSpy finished(us->actions(), &ActionRunner::finished);
    us->actions()->run(Actions::deletePods(QStringLiteral("demo"), {QStringLiteral("api-1")}));
    QVERIFY(finished.wait(5000));
    const auto outcome = finished.first().at(1).value<ActionOutcome>();
    QCOMPARE(outcome.sentence, QStringLiteral("delete pod/api-1 in demo on prod-us succeeded"));
    // Only prod-us was asked.
    bool deletedInEu = false;
    for (const FakeRequest &r : m_eu->server.requests)
        deletedInEu = deletedInEu || r.method == "DELETE";
    QVERIFY(!deletedInEu);
    bool journaled = false;
    for (const Core::TimelineEvent &e : m_journal->events()) {
        if (e.kind == Core::EventKind::Action) {
            journaled = true;
            QCOMPARE(e.payload.value(QLatin1String("cluster")).toString(), QStringLiteral("prod-us"));
            QCOMPARE(e.payload.value(QLatin1String("server")).toString(), m_us->server.url().toString());
        }
    }
    QVERIFY(journaled);
}

QTEST_GUILESS_MAIN(TstClusterSet)
#include "tst_clusterset.moc"
