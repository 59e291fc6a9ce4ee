// The wall's pod tile: counts by kubectl status for the incident's workload, failing pods named, changes
// journaled at most once per interval and read back by IncidentDigest (what a follower wall shows).
#include "core/IncidentDigest.h"
#include "core/IncidentSession.h"
#include "core/Journal.h"
#include "core/ManualClock.h"
#include "kube/ClusterJournaler.h"
#include "kube/PodCensus.h"
#include "kube/PodSummary.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Sitrep::Kube;
using namespace Sitrep::Core;

namespace {

QJsonObject pod(const QString &name, const QString &app, const QString &waitingReason)
{
    QJsonObject cs{{QStringLiteral("name"), QStringLiteral("app")}, {QStringLiteral("restartCount"), 0}};
    cs.insert(QStringLiteral("state"),
              waitingReason.isEmpty()
                  ? QJsonObject{{QStringLiteral("running"), QJsonObject{}}}
                  : QJsonObject{
                        {QStringLiteral("waiting"), QJsonObject{{QStringLiteral("reason"), waitingReason}}}});
    cs.insert(QStringLiteral("ready"), waitingReason.isEmpty());
    return QJsonObject{
        {QStringLiteral("metadata"),
         QJsonObject{{QStringLiteral("name"), name},
                     {QStringLiteral("namespace"), QStringLiteral("demo")},
                     {QStringLiteral("labels"), QJsonObject{{QStringLiteral("app"), app}}}}},
        {QStringLiteral("spec"),
         QJsonObject{{QStringLiteral("containers"),
                      QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("app")}}}}}},
        {QStringLiteral("status"), QJsonObject{{QStringLiteral("phase"), QStringLiteral("Running")},
                                               {QStringLiteral("containerStatuses"), QJsonArray{cs}}}}};
}

ObjectEvent podEvent(ObjectEvent::Type t, const QJsonObject &o)
{
    ObjectEvent e;
    e.type = t;
    e.object = o;
    e.key = ObjectEvent::keyOf(o);
    return e;
}

QList<TimelineEvent> podSnapshots(const Journal &journal)
{
    QList<TimelineEvent> out;
    for (const TimelineEvent &e : journal.events()) {
        if (e.kind == EventKind::KubeEvent && e.payload.contains(QLatin1String("podSummary")))
            out << e;
    }
    return out;
}

} // namespace

class TstPodCensus final : public QObject
{
    Q_OBJECT
private slots:
    void countsTheIncidentsWorkload();
    void fallsBackToAllPods();
    void asOfFreezesWhenTheSourceIsNotLive();
    void journalsChangesForFollowers();
    void journalerFeedsItAndANewIncidentKeepsThePods();
};

void TstPodCensus::countsTheIncidentsWorkload()
{
    ManualClock clock;
    QTemporaryDir dir;
    Journal journal;
    QVERIFY(journal.open(dir.filePath(QStringLiteral("i.sitrep"))).ok());
    IncidentSession session(journal, clock, QStringLiteral("alice"));
    QVERIFY(
        session.declare({QStringLiteral("502s"), QStringLiteral("api-gateway"), QStringLiteral("P1")}).ok());
    PodCensus census(clock, &session);
    census.setJournalIntervalMs(0);
    QSignalSpy changed(&census, &PodCensus::changed);
    census.onPodEvents(
        {podEvent(ObjectEvent::Type::Added,
                  pod(QStringLiteral("api-gateway-1"), QStringLiteral("api-gateway"), {})),
         podEvent(ObjectEvent::Type::Added,
                  pod(QStringLiteral("api-gateway-2"), QStringLiteral("api-gateway"),
                      QStringLiteral("CrashLoopBackOff"))),
         podEvent(ObjectEvent::Type::Added,
                  pod(QStringLiteral("api-gateway-3"), QStringLiteral("api-gateway"),
                      QStringLiteral("ErrImagePull"))),
         podEvent(ObjectEvent::Type::Added, pod(QStringLiteral("postgres-0"), QStringLiteral("postgres"),
                                                QStringLiteral("CrashLoopBackOff")))});
    QCOMPARE(changed.size(), 1);
    auto p = census.pods();
    QCOMPARE(p.byState.value(QStringLiteral("Running")), 1);
    QCOMPARE(p.byState.value(QStringLiteral("CrashLoopBackOff")), 1); // postgres is not the incident's
    QCOMPARE(p.byState.value(QStringLiteral("ErrImagePull")), 1);
    QCOMPARE(p.crashing, (QStringList{QStringLiteral("api-gateway-2"), QStringLiteral("api-gateway-3")}));
    QCOMPARE(census.sentence(),
             QStringLiteral("api-gateway pods: 1 CrashLoopBackOff, 1 ErrImagePull, 1 Running"));

    // The same statuses again are no change; a deletion is.
    census.onPodEvents({podEvent(ObjectEvent::Type::Modified,
                                 pod(QStringLiteral("api-gateway-1"), QStringLiteral("api-gateway"), {}))});
    QCOMPARE(changed.size(), 1);
    census.onPodEvents({podEvent(ObjectEvent::Type::Deleted,
                                 pod(QStringLiteral("api-gateway-3"), QStringLiteral("api-gateway"), {}))});
    QCOMPARE(changed.size(), 2);
    QCOMPARE(census.pods().crashing, QStringList{QStringLiteral("api-gateway-2")});
    QVERIFY(!census.pods().byState.contains(QStringLiteral("ErrImagePull")));
}

void TstPodCensus::fallsBackToAllPods()
{
    ManualClock clock;
    PodCensus census(clock, nullptr);
    census.setWorkload(QStringLiteral("checkout"));
    census.onPodEvents(
        {podEvent(ObjectEvent::Type::Added, pod(QStringLiteral("web-1"), QStringLiteral("web"), {})),
         podEvent(ObjectEvent::Type::Added,
                  pod(QStringLiteral("db-1"), QStringLiteral("db"), QStringLiteral("CrashLoopBackOff")))});
    QCOMPARE(census.pods().byState.value(QStringLiteral("Running")), 1);
    QCOMPARE(census.pods().byState.value(QStringLiteral("CrashLoopBackOff")), 1);
    QVERIFY(census.sentence().startsWith(QLatin1String("All pods:")));
    // A pod named after the workload (no labels needed) narrows the count to it.
    QVERIFY(PodCensus::matchesWorkload(
        PodSummary::fromJson(pod(QStringLiteral("checkout-7d9f-x"), QStringLiteral("other"), {})),
        QStringLiteral("checkout")));
    QVERIFY(!PodCensus::matchesWorkload(
        PodSummary::fromJson(pod(QStringLiteral("checkoutx"), QStringLiteral("other"), {})),
        QStringLiteral("checkout")));
}

void TstPodCensus::asOfFreezesWhenTheSourceIsNotLive()
{
    ManualClock clock;
    PodCensus census(clock, nullptr);
    census.onPodEvents(
        {podEvent(ObjectEvent::Type::Added, pod(QStringLiteral("web-1"), QStringLiteral("web"), {}))});
    QCOMPARE(census.pods().asOfMs, 0); // never live: no claim about freshness
    census.setSourceLive(true);
    clock.advanceSecs(30);
    QCOMPARE(census.pods().asOfMs, clock.nowMs()); // live: as of now, changed or not
    const qint64 dropped = clock.nowMs();
    census.setSourceLive(false);
    clock.advanceSecs(120);
    QCOMPARE(census.pods().asOfMs, dropped); // the wall shows it as stale after its threshold
}

void TstPodCensus::journalsChangesForFollowers()
{
    ManualClock clock;
    QTemporaryDir dir;
    Journal journal;
    QVERIFY(journal.open(dir.filePath(QStringLiteral("i.sitrep"))).ok());
    IncidentSession session(journal, clock, QStringLiteral("alice"));
    QVERIFY(
        session.declare({QStringLiteral("502s"), QStringLiteral("api-gateway"), QStringLiteral("P1")}).ok());
    PodCensus census(clock, &session);
    census.setJournalIntervalMs(200);
    const QString app = QStringLiteral("api-gateway");
    census.onPodEvents({podEvent(ObjectEvent::Type::Added, pod(QStringLiteral("api-gateway-1"), app, {})),
                        podEvent(ObjectEvent::Type::Added, pod(QStringLiteral("api-gateway-2"), app,
                                                               QStringLiteral("CrashLoopBackOff")))});
    QTRY_COMPARE(podSnapshots(journal).size(), 1); // the first count goes straight in
    QCOMPARE(podSnapshots(journal).first().summary,
             QStringLiteral("api-gateway pods: 1 CrashLoopBackOff, 1 Running"));
    // A burst of changes within the interval becomes one entry with the latest counts, written when it ends.
    census.onPodEvents(
        {podEvent(ObjectEvent::Type::Modified, pod(QStringLiteral("api-gateway-2"), app, {}))});
    census.onPodEvents({podEvent(ObjectEvent::Type::Added, pod(QStringLiteral("api-gateway-3"), app,
                                                               QStringLiteral("ContainerCreating")))});
    census.onPodEvents(
        {podEvent(ObjectEvent::Type::Modified, pod(QStringLiteral("api-gateway-3"), app, {}))});
    QCOMPARE(podSnapshots(journal).size(), 1);
    QTRY_COMPARE(podSnapshots(journal).size(), 2);
    const TimelineEvent last = podSnapshots(journal).last();
    QCOMPARE(last.summary, QStringLiteral("api-gateway pods: 3 Running"));
    QCOMPARE(
        last.payload.value(QLatin1String("podSummary")).toObject().value(QLatin1String("scope")).toString(),
        app);

    // What a follower wall reads back from the journal.
    const IncidentDigest digest = IncidentDigest::fromEvents(journal.events(), 6);
    QCOMPARE(digest.pods.byState.value(QStringLiteral("Running")), 3);
    QVERIFY(digest.pods.crashing.isEmpty());
    QCOMPARE(digest.pods.asOfMs, last.tsMs);
}

void TstPodCensus::journalerFeedsItAndANewIncidentKeepsThePods()
{
    ManualClock clock;
    ClusterJournaler journaler(nullptr, clock, QStringLiteral("demo"));
    PodCensus census(clock, nullptr);
    journaler.setCensus(&census);
    const QString app = QStringLiteral("api-gateway");
    journaler.onPodEvents({podEvent(ObjectEvent::Type::Added, pod(QStringLiteral("api-gateway-1"), app, {})),
                           podEvent(ObjectEvent::Type::Added, pod(QStringLiteral("api-gateway-2"), app,
                                                                  QStringLiteral("CrashLoopBackOff"))),
                           podEvent(ObjectEvent::Type::Added,
                                    pod(QStringLiteral("postgres-0"), QStringLiteral("postgres"), {}))});
    QCOMPARE(census.pods().byState.value(QStringLiteral("Running")), 2); // no incident yet: every pod
    QVERIFY(census.sentence().startsWith(QLatin1String("All pods:")));

    // An incident about api-gateway is opened after the pods were listed: no relist, the count narrows.
    QTemporaryDir dir;
    Journal journal;
    QVERIFY(journal.open(dir.filePath(QStringLiteral("i.sitrep"))).ok());
    IncidentSession session(journal, clock, QStringLiteral("alice"));
    QVERIFY(session.declare({QStringLiteral("502s"), app, QStringLiteral("P1")}).ok());
    census.setJournalIntervalMs(0);
    census.setSession(&session);
    QCOMPARE(census.pods().byState.value(QStringLiteral("Running")), 1);
    QCOMPARE(census.pods().crashing, QStringList{QStringLiteral("api-gateway-2")});
    QCOMPARE(census.sentence(), QStringLiteral("api-gateway pods: 1 CrashLoopBackOff, 1 Running"));

    // Deletions reach the census through the journaler too.
    journaler.onPodEvents(
        {podEvent(ObjectEvent::Type::Deleted, pod(QStringLiteral("api-gateway-2"), app, {}))});
    QVERIFY(census.pods().crashing.isEmpty());
    QCOMPARE(census.pods().byState, (QMap<QString, int>{{QStringLiteral("Running"), 1}}));
}

QTEST_GUILESS_MAIN(TstPodCensus)
#include "tst_podcensus.moc"
