// The pods table model: coalesced batches, row bookkeeping under adds/changes/deletes (checked by
// QAbstractItemModelTester), and the filter proxy (text, label selector, status class, typed sorting).
#include "LabelSelector.h"
#include "PodsFilterProxy.h"
#include "PodsModel.h"
#include "core/ManualClock.h"

#include <QAbstractItemModelTester>
#include <QColor>
#include <QJsonArray>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTest>

using namespace Sitrep::Ui;
using namespace Sitrep::Kube;

namespace {

QJsonObject pod(const QString &name, const QString &waiting = {}, int restarts = 0,
                const QString &labels = QStringLiteral("app=api"), const QString &ns = QStringLiteral("demo"))
{
    QJsonObject lab;
    for (const QString &kv : labels.split(QLatin1Char(','), Qt::SkipEmptyParts))
        lab.insert(kv.section(QLatin1Char('='), 0, 0), kv.section(QLatin1Char('='), 1));
    QJsonObject state =
        waiting.isEmpty()
            ? QJsonObject{{QStringLiteral("running"), QJsonObject{}}}
            : QJsonObject{{QStringLiteral("waiting"), QJsonObject{{QStringLiteral("reason"), waiting}}}};
    return QJsonObject{
        {QStringLiteral("metadata"),
         QJsonObject{{QStringLiteral("name"), name},
                     {QStringLiteral("namespace"), ns},
                     {QStringLiteral("labels"), lab},
                     {QStringLiteral("creationTimestamp"), QStringLiteral("2026-11-18T18:00:00Z")}}},
        {QStringLiteral("spec"),
         QJsonObject{{QStringLiteral("nodeName"), QStringLiteral("node-1")},
                     {QStringLiteral("containers"),
                      QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("c")}}}}}},
        {QStringLiteral("status"),
         QJsonObject{{QStringLiteral("phase"), QStringLiteral("Running")},
                     {QStringLiteral("containerStatuses"),
                      QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("c")},
                                             {QStringLiteral("ready"), waiting.isEmpty()},
                                             {QStringLiteral("restartCount"), restarts},
                                             {QStringLiteral("state"), state}}}}}}};
}

// A pod like pod(), whose container last terminated (Error, exit 1) minutesAgo before now (-1: never).
QJsonObject restartedPod(const QString &name, int restarts, int minutesAgo, const QDateTime &now,
                         const QString &waiting = {})
{
    QJsonObject p = pod(name, waiting, restarts);
    if (minutesAgo < 0)
        return p;
    QJsonObject status = p.value(QStringLiteral("status")).toObject();
    QJsonArray statuses = status.value(QStringLiteral("containerStatuses")).toArray();
    QJsonObject cs = statuses.first().toObject();
    const QDateTime finished = now.addSecs(-60LL * minutesAgo);
    cs.insert(
        QStringLiteral("lastState"),
        QJsonObject{{QStringLiteral("terminated"),
                     QJsonObject{{QStringLiteral("reason"), QStringLiteral("Error")},
                                 {QStringLiteral("exitCode"), 1},
                                 {QStringLiteral("startedAt"), finished.addSecs(-4).toString(Qt::ISODate)},
                                 {QStringLiteral("finishedAt"), finished.toString(Qt::ISODate)}}}});
    statuses.replace(0, cs);
    status.insert(QStringLiteral("containerStatuses"), statuses);
    p.insert(QStringLiteral("status"), status);
    return p;
}

ObjectEvent ev(ObjectEvent::Type t, const QJsonObject &o)
{
    ObjectEvent e;
    e.type = t;
    e.object = o;
    e.key = ObjectEvent::keyOf(o);
    return e;
}

} // namespace

class TstPodsModel final : public QObject
{
    Q_OBJECT
private slots:
    void batchesCoalesce();
    void changesAndDeletes();
    void randomChurnKeepsModelValid();
    void proxyFilters();
    void proxySorts();
    void selector_data();
    void selector();
    void restartsSinceTheIncident();
    void restartingPodIsNotHealthy_data();
    void restartingPodIsNotHealthy();
    void recentRestartAgesOut();
    void clustersSideBySide();
    void staleClusterIsGreyed();
    void proxyHidesClusters();

private:
    Sitrep::Core::ManualClock m_clock{
        QDateTime::fromString(QStringLiteral("2026-11-18T19:00:00Z"), Qt::ISODate)};
};

void TstPodsModel::batchesCoalesce()
{
    PodsModel model(m_clock);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    for (int i = 0; i < 10; ++i)
        model.enqueue({ev(ObjectEvent::Type::Added, pod(QStringLiteral("p%1").arg(i)))});
    QCOMPARE(model.rowCount(), 0); // nothing until the timer flushes
    QTRY_COMPARE(model.rowCount(), 10);
    QCOMPARE(inserted.size(), 1); // one insertion for the whole burst
    QCOMPARE(model.index(3, PodsModel::Name).data().toString(), QStringLiteral("p3"));
    QCOMPARE(model.index(3, PodsModel::Status).data().toString(), QStringLiteral("Running"));
    QCOMPARE(model.index(3, PodsModel::Age).data().toString(), QStringLiteral("60m"));
    QCOMPARE(model.index(3, 0).data(PodsModel::KeyRole).toString(), QStringLiteral("demo/p3"));
    QCOMPARE(model.headerData(PodsModel::Status, Qt::Horizontal).toString(), QStringLiteral("STATUS"));
}

void TstPodsModel::changesAndDeletes()
{
    PodsModel model(m_clock);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    ObjectEvents first;
    for (int i = 0; i < 6; ++i)
        first << ev(ObjectEvent::Type::Added, pod(QStringLiteral("p%1").arg(i)));
    model.enqueue(first);
    model.flush();
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    // p1 crash-loops; p2, p3 and p5 are deleted; p4 added then deleted in the same batch; p6 new.
    model.enqueue(
        {ev(ObjectEvent::Type::Modified, pod(QStringLiteral("p1"), QStringLiteral("CrashLoopBackOff"), 4)),
         ev(ObjectEvent::Type::Deleted, pod(QStringLiteral("p2"))),
         ev(ObjectEvent::Type::Deleted, pod(QStringLiteral("p3"))),
         ev(ObjectEvent::Type::Added, pod(QStringLiteral("p6"))),
         ev(ObjectEvent::Type::Deleted, pod(QStringLiteral("p5"))),
         ev(ObjectEvent::Type::Deleted, pod(QStringLiteral("p4")))});
    model.flush();
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(removed.size(), 1); // p2..p5 are contiguous rows: one removal
    const int r1 = model.rowOf(QStringLiteral("demo/p1"));
    QCOMPARE(model.index(r1, PodsModel::Status).data().toString(), QStringLiteral("CrashLoopBackOff"));
    QCOMPARE(model.index(r1, PodsModel::RestartsSinceConnect).data().toString(), QStringLiteral("+4"));
    QCOMPARE(model.index(r1, PodsModel::Status).data(PodsModel::HealthRole).toInt(),
             int(PodSummary::Health::Failing));
    QVERIFY(model.index(r1, PodsModel::Restarts).data(Qt::ForegroundRole).isValid()); // highlighted
    QCOMPARE(model.rowOf(QStringLiteral("demo/p3")), -1);
    QVERIFY(model.rowOf(QStringLiteral("demo/p6")) >= 0);
    for (const QString &k : {QStringLiteral("demo/p0"), QStringLiteral("demo/p1"), QStringLiteral("demo/p6")})
        QCOMPARE(model.index(model.rowOf(k), 0).data(PodsModel::KeyRole).toString(), k);
}

void TstPodsModel::randomChurnKeepsModelValid()
{
    PodsModel model(m_clock);
    PodsFilterProxy proxy;
    proxy.setPodsModel(&model);
    proxy.sort(PodsModel::Restarts);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSet<int> alive;
    QRandomGenerator rng(42);
    for (int round = 0; round < 20; ++round) {
        ObjectEvents batch;
        for (int i = 0; i < 30; ++i) {
            const int n = int(rng.bounded(150));
            if (alive.contains(n) && rng.bounded(3) == 0) {
                batch << ev(ObjectEvent::Type::Deleted, pod(QStringLiteral("p%1").arg(n)));
                alive.remove(n);
            } else {
                batch << ev(alive.contains(n) ? ObjectEvent::Type::Modified : ObjectEvent::Type::Added,
                            pod(QStringLiteral("p%1").arg(n), QString(), int(rng.bounded(5))));
                alive.insert(n);
            }
        }
        model.enqueue(batch);
        model.flush();
        QCOMPARE(model.rowCount(), alive.size());
        QCOMPARE(proxy.rowCount(), alive.size());
        for (int r = 1; r < proxy.rowCount(); ++r)
            QVERIFY2(proxy.index(r - 1, PodsModel::Restarts).data(PodsModel::RestartsRole).toInt() <=
                         proxy.index(r, PodsModel::Restarts).data(PodsModel::RestartsRole).toInt(),
                     qPrintable(QStringLiteral("round %1 row %2").arg(round).arg(r)));
    }
    for (int n : alive)
        QCOMPARE(
            model.index(model.rowOf(QStringLiteral("demo/p%1").arg(n)), PodsModel::Name).data().toString(),
            QStringLiteral("p%1").arg(n));
    for (int r = 1; r < proxy.rowCount(); ++r)
        QVERIFY(proxy.index(r - 1, PodsModel::Restarts).data(PodsModel::RestartsRole).toInt() <=
                proxy.index(r, PodsModel::Restarts).data(PodsModel::RestartsRole).toInt());
}

void TstPodsModel::proxyFilters()
{
    PodsModel model(m_clock);
    PodsFilterProxy proxy;
    proxy.setPodsModel(&model);
    model.enqueue(
        {ev(ObjectEvent::Type::Added, pod(QStringLiteral("api-1"))),
         ev(ObjectEvent::Type::Added, pod(QStringLiteral("api-2"), QStringLiteral("CrashLoopBackOff"), 3)),
         ev(ObjectEvent::Type::Added, pod(QStringLiteral("db-0"), QStringLiteral("ContainerCreating"), 0,
                                          QStringLiteral("app=db,tier=data"))),
         ev(ObjectEvent::Type::Added,
            pod(QStringLiteral("web-0"), QString(), 0, QStringLiteral("app=web"), QStringLiteral("front")))});
    model.flush();
    QCOMPARE(proxy.rowCount(), 4);
    proxy.setText(QStringLiteral("crashloop"));
    QCOMPARE(proxy.rowCount(), 1);
    proxy.setText(QStringLiteral("front"));
    QCOMPARE(proxy.rowCount(), 1);
    proxy.setText(QString());
    QCOMPARE(proxy.setLabelSelector(QStringLiteral("app in (api,db)")), QString());
    QCOMPARE(proxy.rowCount(), 3);
    QCOMPARE(proxy.setLabelSelector(QStringLiteral("tier")), QString());
    QCOMPARE(proxy.rowCount(), 1);
    QVERIFY(proxy.setLabelSelector(QStringLiteral("a b c")).contains(QLatin1String("not a label selector")));
    QCOMPARE(proxy.rowCount(), 1); // an invalid selector leaves the filter as it was
    QCOMPARE(proxy.setLabelSelector(QString()), QString());
    proxy.setStatusFilter(PodsFilterProxy::StatusFilter::NotHealthy);
    QCOMPARE(proxy.rowCount(), 2);
    proxy.setStatusFilter(PodsFilterProxy::StatusFilter::Failing);
    QCOMPARE(proxy.rowCount(), 1);
    QCOMPARE(proxy.index(0, PodsModel::Name).data().toString(), QStringLiteral("api-2"));
}

void TstPodsModel::proxySorts()
{
    PodsModel model(m_clock);
    PodsFilterProxy proxy;
    proxy.setPodsModel(&model);
    model.enqueue({ev(ObjectEvent::Type::Added, pod(QStringLiteral("b"), QString(), 10)),
                   ev(ObjectEvent::Type::Added, pod(QStringLiteral("a"), QString(), 2)),
                   ev(ObjectEvent::Type::Added, pod(QStringLiteral("c"), QString(), 9))});
    model.flush();
    proxy.sort(PodsModel::Restarts, Qt::DescendingOrder); // numeric: 10 > 9 > 2
    QCOMPARE(proxy.index(0, PodsModel::Name).data().toString(), QStringLiteral("b"));
    QCOMPARE(proxy.index(2, PodsModel::Name).data().toString(), QStringLiteral("a"));
    proxy.sort(PodsModel::Name, Qt::AscendingOrder);
    QCOMPARE(proxy.index(0, PodsModel::Name).data().toString(), QStringLiteral("a"));
    // A live change re-sorts.
    model.enqueue({ev(ObjectEvent::Type::Added, pod(QStringLiteral("0first")))});
    model.flush();
    QCOMPARE(proxy.index(0, PodsModel::Name).data().toString(), QStringLiteral("0first"));
}

void TstPodsModel::selector_data()
{
    QTest::addColumn<QString>("selector");
    QTest::addColumn<QString>("labels");
    QTest::addColumn<bool>("match");
    QTest::newRow("eq") << QStringLiteral("app=api") << QStringLiteral("app=api,x=y") << true;
    QTest::newRow("eqeq") << QStringLiteral("app==api") << QStringLiteral("app=web") << false;
    QTest::newRow("ne missing") << QStringLiteral("tier!=db") << QStringLiteral("app=api") << true;
    QTest::newRow("ne") << QStringLiteral("tier!=db") << QStringLiteral("tier=db") << false;
    QTest::newRow("in") << QStringLiteral("env in (prod, staging)") << QStringLiteral("env=staging") << true;
    QTest::newRow("notin") << QStringLiteral("env notin (prod)") << QStringLiteral("env=prod") << false;
    QTest::newRow("exists") << QStringLiteral("canary") << QStringLiteral("canary=true") << true;
    QTest::newRow("not exists") << QStringLiteral("!canary") << QStringLiteral("canary=true") << false;
    QTest::newRow("and") << QStringLiteral("app=api,env in (prod)") << QStringLiteral("app=api,env=dev")
                         << false;
    QTest::newRow("empty") << QString() << QStringLiteral("app=api") << true;
}

void TstPodsModel::selector()
{
    QFETCH(QString, selector);
    QFETCH(QString, labels);
    QFETCH(bool, match);
    LabelSelector s;
    QString error;
    QVERIFY2(s.parse(selector, &error), qPrintable(error));
    QCOMPARE(s.matches(labels), match);
}

void TstPodsModel::restartsSinceTheIncident()
{
    // The pods in pod() were created at 18:00; the clock says 19:00.
    PodsModel model(m_clock);
    QCOMPARE(model.headerData(PodsModel::RestartsSinceConnect, Qt::Horizontal).toString(),
             QStringLiteral("SINCE CONNECT"));
    model.enqueue({ev(ObjectEvent::Type::Added, pod(QStringLiteral("seen-before"), {}, 3))});
    model.flush();
    // Declared at 19:00 after Sitrep saw the pod: its 3 earlier restarts are not the incident's.
    model.setIncidentStart(m_clock.nowMs());
    QCOMPARE(model.headerData(PodsModel::RestartsSinceConnect, Qt::Horizontal).toString(),
             QStringLiteral("SINCE INCIDENT"));
    model.enqueue({ev(ObjectEvent::Type::Modified, pod(QStringLiteral("seen-before"), {}, 5))});
    model.flush();
    QCOMPARE(model.index(0, PodsModel::RestartsSinceConnect).data().toString(), QStringLiteral("+2"));

    // An incident that started at 17:00, before the pods were created: all their restarts count.
    PodsModel late(m_clock);
    late.setIncidentStart(m_clock.nowMs() - 2 * 3600 * 1000);
    late.enqueue({ev(ObjectEvent::Type::Added, pod(QStringLiteral("born-during"), {}, 4))});
    late.flush();
    QCOMPARE(late.index(0, PodsModel::RestartsSinceConnect).data().toString(), QStringLiteral("+4"));

    // Started at 18:30: an 18:00 pod first seen now can only count from now, and says so.
    PodsModel older(m_clock);
    older.setIncidentStart(m_clock.nowMs() - 30 * 60 * 1000);
    older.enqueue({ev(ObjectEvent::Type::Added, pod(QStringLiteral("older"), {}, 4))});
    older.flush();
    QCOMPARE(older.index(0, PodsModel::RestartsSinceConnect).data().toString(), QString());
    older.enqueue({ev(ObjectEvent::Type::Modified, pod(QStringLiteral("older"), {}, 6))});
    older.flush();
    QCOMPARE(older.index(0, PodsModel::RestartsSinceConnect).data().toString(), QStringLiteral("\u2248+2"));
}

void TstPodsModel::restartingPodIsNotHealthy_data()
{
    // The pod is first seen with `before` restarts, the incident is declared, then it reports `now`
    // restarts, the last one `minutesAgo` before the clock (-1: no termination recorded).
    QTest::addColumn<int>("before");
    QTest::addColumn<int>("now");
    QTest::addColumn<int>("minutesAgo");
    QTest::addColumn<QString>("waiting");
    QTest::addColumn<int>("health");
    QTest::addColumn<QString>("status");
    QTest::addColumn<QString>("why"); // in the tooltip and AttentionRole; empty: none
    const int healthy = int(PodSummary::Health::Healthy);
    const int warning = int(PodSummary::Health::Progressing);
    const int failing = int(PodSummary::Health::Failing);
    const QString running = QStringLiteral("Running");
    const QString flagged = QStringLiteral("Running \u26a0");
    QTest::newRow("never restarted") << 0 << 0 << -1 << QString() << healthy << running << QString();
    QTest::newRow("restarted long ago, none since the incident")
        << 3 << 3 << 50 << QString() << healthy << running << QString();
    QTest::newRow("restarted 3m ago, before the incident")
        << 4 << 4 << 3 << QString() << warning << flagged << QStringLiteral("a container restarted 3m ago");
    QTest::newRow("termination reason and exit code named")
        << 4 << 4 << 3 << QString() << warning << flagged << QStringLiteral("last termination Error (1)");
    QTest::newRow("just inside ten minutes")
        << 1 << 1 << 9 << QString() << warning << flagged << QStringLiteral("restarted 9m ago");
    QTest::newRow("ten minutes ago is old enough")
        << 1 << 1 << 10 << QString() << healthy << running << QString();
    QTest::newRow("restarts since the incident, the last one long ago")
        << 2 << 4 << 50 << QString() << warning << flagged
        << QStringLiteral("2 restart(s) since the incident started");
    QTest::newRow("restarts since the incident, no termination recorded")
        << 0 << 1 << -1 << QString() << warning << flagged
        << QStringLiteral("1 restart(s) since the incident started");
    QTest::newRow("crash loop says so itself") << 5 << 6 << 1 << QStringLiteral("CrashLoopBackOff") << failing
                                               << QStringLiteral("CrashLoopBackOff") << QString();
}

void TstPodsModel::restartingPodIsNotHealthy()
{
    QFETCH(int, before);
    QFETCH(int, now);
    QFETCH(int, minutesAgo);
    QFETCH(QString, waiting);
    QFETCH(int, health);
    QFETCH(QString, status);
    QFETCH(QString, why);
    PodsModel model(m_clock);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    PodsFilterProxy proxy;
    proxy.setPodsModel(&model);
    proxy.setStatusFilter(PodsFilterProxy::StatusFilter::NotHealthy);
    model.enqueue(
        {ev(ObjectEvent::Type::Added,
            restartedPod(QStringLiteral("p"), before, before == now ? minutesAgo : 50, m_clock.now()))});
    model.flush();
    model.setIncidentStart(m_clock.nowMs());
    model.enqueue({ev(ObjectEvent::Type::Modified,
                      restartedPod(QStringLiteral("p"), now, minutesAgo, m_clock.now(), waiting))});
    model.flush();
    const QModelIndex i = model.index(0, PodsModel::Status);
    QCOMPARE(i.data().toString(), status);
    QCOMPARE(i.data(PodsModel::HealthRole).toInt(), health);
    QCOMPARE(i.data(Qt::ForegroundRole).value<QColor>(), PodsModel::healthColor(PodSummary::Health(health)));
    const QString attention = i.data(PodsModel::AttentionRole).toString();
    const QString tip = i.data(Qt::ToolTipRole).toString();
    if (why.isEmpty()) {
        QVERIFY2(attention.isEmpty(), qPrintable(attention));
        QVERIFY2(!tip.contains(QLatin1String("not healthy")), qPrintable(tip));
    } else {
        QVERIFY2(attention.contains(why), qPrintable(attention));
        QVERIFY2(tip.contains(QLatin1String("Running, but not healthy: ")) && tip.contains(why),
                 qPrintable(tip));
    }
    // "Not healthy" lists it exactly when it is not healthy; sorting by STATUS groups it with the warnings.
    QCOMPARE(proxy.rowCount(), health == int(PodSummary::Health::Healthy) ? 0 : 1);
}

void TstPodsModel::recentRestartAgesOut()
{
    Sitrep::Core::ManualClock clock(m_clock.now());
    PodsModel model(clock);
    model.enqueue({ev(ObjectEvent::Type::Added, restartedPod(QStringLiteral("p"), 2, 1, clock.now()))});
    model.flush();
    QCOMPARE(model.index(0, PodsModel::Status).data(PodsModel::HealthRole).toInt(),
             int(PodSummary::Health::Progressing));
    // Nine quiet minutes later the pod is healthy again, and the table says so without a watch event.
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    clock.advanceSecs(9 * 60 + 1);
    model.refreshTimes();
    QVERIFY(std::any_of(changed.begin(), changed.end(), [](const QList<QVariant> &args) {
        return args.at(0).toModelIndex().column() == PodsModel::Status;
    }));
    QCOMPARE(model.index(0, PodsModel::Status).data().toString(), QStringLiteral("Running"));
    QCOMPARE(model.index(0, PodsModel::Status).data(PodsModel::HealthRole).toInt(),
             int(PodSummary::Health::Healthy));
}

void TstPodsModel::clustersSideBySide()
{
    PodsModel model(m_clock);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    // The same ns/name in two regions is two rows, one per cluster.
    model.enqueue(QStringLiteral("prod-eu"), {ev(ObjectEvent::Type::Added, pod(QStringLiteral("api-1"))),
                                              ev(ObjectEvent::Type::Added, pod(QStringLiteral("api-2")))});
    model.enqueue(QStringLiteral("prod-us"), {ev(ObjectEvent::Type::Added, pod(QStringLiteral("api-1")))});
    model.flush();
    QCOMPARE(model.rowCount(), 3);
    const int eu = model.rowOf(QStringLiteral("demo/api-1"), QStringLiteral("prod-eu"));
    const int us = model.rowOf(QStringLiteral("demo/api-1"), QStringLiteral("prod-us"));
    QVERIFY(eu >= 0 && us >= 0 && eu != us);
    QCOMPARE(model.index(us, PodsModel::Cluster).data().toString(), QStringLiteral("prod-us"));
    QCOMPARE(model.index(us, 0).data(PodsModel::ClusterRole).toString(), QStringLiteral("prod-us"));
    QCOMPARE(model.headerData(PodsModel::Cluster, Qt::Horizontal).toString(), QStringLiteral("CLUSTER"));
    QCOMPARE(model.rowOf(QStringLiteral("demo/api-1")), eu); // any cluster: the first to arrive
    QCOMPARE(model.clusters(), (QStringList{QStringLiteral("prod-eu"), QStringLiteral("prod-us")}));

    // A deletion in one cluster leaves the other's pod of the same name alone.
    model.enqueue(QStringLiteral("prod-eu"), {ev(ObjectEvent::Type::Deleted, pod(QStringLiteral("api-1")))});
    model.flush();
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.rowOf(QStringLiteral("demo/api-1"), QStringLiteral("prod-eu")), -1);
    QVERIFY(model.rowOf(QStringLiteral("demo/api-1"), QStringLiteral("prod-us")) >= 0);

    // Renamed: the rows follow; cleared: only that cluster's rows (and queued changes) go.
    model.renameCluster(QStringLiteral("prod-us"), QStringLiteral("us-east"));
    QVERIFY(model.rowOf(QStringLiteral("demo/api-1"), QStringLiteral("us-east")) >= 0);
    QCOMPARE(model.rowOf(QStringLiteral("demo/api-1"), QStringLiteral("prod-us")), -1);
    model.enqueue(QStringLiteral("us-east"), {ev(ObjectEvent::Type::Added, pod(QStringLiteral("api-9")))});
    model.clearCluster(QStringLiteral("us-east"));
    QCOMPARE(model.pendingEvents(), 0);
    model.flush();
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.rowAt(0)->cluster, QStringLiteral("prod-eu"));
    QCOMPARE(model.rowAt(0)->pod.name, QStringLiteral("api-2"));
}

void TstPodsModel::staleClusterIsGreyed()
{
    PodsModel model(m_clock);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.enqueue(QStringLiteral("prod-eu"),
                  {ev(ObjectEvent::Type::Added, pod(QStringLiteral("api-1"), QStringLiteral("CrashLoopBackOff")))});
    model.enqueue(QStringLiteral("prod-us"),
                  {ev(ObjectEvent::Type::Added, pod(QStringLiteral("api-1"), QStringLiteral("CrashLoopBackOff")))});
    model.flush();
    model.setClusterLook(QStringLiteral("prod-eu"), QStringLiteral("#1565c0"), {});
    model.setClusterLook(QStringLiteral("prod-us"), QStringLiteral("#6a1b9a"), {});
    const int eu = model.rowOf(QStringLiteral("demo/api-1"), QStringLiteral("prod-eu"));
    const int us = model.rowOf(QStringLiteral("demo/api-1"), QStringLiteral("prod-us"));
    // Drawn like the banner: the cluster's colour behind, readable text on it.
    QCOMPARE(model.index(us, PodsModel::Cluster).data(Qt::BackgroundRole).value<QColor>(), QColor(0x6a, 0x1b, 0x9a));
    QCOMPARE(model.index(us, PodsModel::Cluster).data(Qt::ForegroundRole).value<QColor>(), QColor(Qt::white));
    const QColor failing = PodsModel::healthColor(PodSummary::Health::Failing);
    QCOMPARE(model.index(us, PodsModel::Status).data(Qt::ForegroundRole).value<QColor>(), failing);

    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.setClusterLook(QStringLiteral("prod-us"), QStringLiteral("#6a1b9a"),
                         QStringLiteral("stale since 10:42:13: connection refused"));
    QCOMPARE(changed.size(), 1);
    // Its rows turn grey (no health colour to believe), say "stale" in words, and the tooltip says since when.
    for (int c = 0; c < PodsModel::ColumnCount; ++c) {
        if (c == PodsModel::Cluster)
            continue;
        QCOMPARE(model.index(us, c).data(Qt::ForegroundRole).value<QColor>(), QColor(0x9e, 0x9e, 0x9e));
    }
    QCOMPARE(model.index(us, PodsModel::Cluster).data().toString(), QStringLiteral("prod-us \u25cc stale"));
    QVERIFY(model.index(us, PodsModel::Status).data(Qt::ToolTipRole).toString().contains(
        QLatin1String("stale since 10:42:13")));
    QVERIFY(model.index(us, 0).data(PodsModel::StaleRole).toBool());
    // The other cluster's rows are untouched.
    QCOMPARE(model.index(eu, PodsModel::Status).data(Qt::ForegroundRole).value<QColor>(), failing);
    QVERIFY(!model.index(eu, 0).data(PodsModel::StaleRole).toBool());
    // Answering again: colours come back; setting the same look again changes nothing.
    model.setClusterLook(QStringLiteral("prod-us"), QStringLiteral("#6a1b9a"), {});
    QCOMPARE(model.index(us, PodsModel::Status).data(Qt::ForegroundRole).value<QColor>(), failing);
    changed.clear();
    model.setClusterLook(QStringLiteral("prod-us"), QStringLiteral("#6a1b9a"), {});
    QCOMPARE(changed.size(), 0);
}

void TstPodsModel::proxyHidesClusters()
{
    PodsModel model(m_clock);
    PodsFilterProxy proxy;
    proxy.setPodsModel(&model);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.enqueue(QStringLiteral("prod-eu"), {ev(ObjectEvent::Type::Added, pod(QStringLiteral("a"))),
                                              ev(ObjectEvent::Type::Added, pod(QStringLiteral("b")))});
    model.enqueue(QStringLiteral("prod-us"), {ev(ObjectEvent::Type::Added, pod(QStringLiteral("a")))});
    model.flush();
    QCOMPARE(proxy.rowCount(), 3);
    proxy.setHiddenClusters({QStringLiteral("prod-eu")});
    QCOMPARE(proxy.rowCount(), 1);
    QCOMPARE(proxy.index(0, 0).data(PodsModel::ClusterRole).toString(), QStringLiteral("prod-us"));
    // The text filter finds a cluster by name, too.
    proxy.setHiddenClusters({});
    proxy.setText(QStringLiteral("prod-us"));
    QCOMPARE(proxy.rowCount(), 1);
    proxy.setText({});
    // Sorted by CLUSTER, then namespace and name.
    proxy.sort(PodsModel::Cluster, Qt::DescendingOrder);
    QCOMPARE(proxy.index(0, 0).data(PodsModel::ClusterRole).toString(), QStringLiteral("prod-us"));
    QCOMPARE(proxy.index(1, PodsModel::Name).data().toString(), QStringLiteral("b"));
}

QTEST_MAIN(TstPodsModel)
#include "tst_podsmodel.moc"
