// Notable cluster changes land in the journal once: crash loops, OOM kills, restart climbs, rollouts,
// warnings.
#include "core/IncidentSession.h"
#include "core/Journal.h"
#include "core/ManualClock.h"
#include "kube/ClusterJournaler.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

using namespace Sitrep::Kube;
using namespace Sitrep::Core;

namespace {

QJsonObject pod(const QString &name, const QString &waitingReason, int restarts,
                const QString &lastReason = {}, int exitCode = 0)
{
    QJsonObject cs{{QStringLiteral("name"), QStringLiteral("app")},
                   {QStringLiteral("restartCount"), restarts}};
    if (waitingReason.isEmpty())
        cs.insert(QStringLiteral("state"), QJsonObject{{QStringLiteral("running"), QJsonObject{}}});
    else
        cs.insert(
            QStringLiteral("state"),
            QJsonObject{{QStringLiteral("waiting"), QJsonObject{{QStringLiteral("reason"), waitingReason}}}});
    cs.insert(QStringLiteral("ready"), waitingReason.isEmpty());
    if (!lastReason.isEmpty())
        cs.insert(QStringLiteral("lastState"),
                  QJsonObject{
                      {QStringLiteral("terminated"),
                       QJsonObject{{QStringLiteral("reason"), lastReason},
                                   {QStringLiteral("exitCode"), exitCode},
                                   {QStringLiteral("finishedAt"), QStringLiteral("2026-11-18T19:00:00Z")}}}});
    return QJsonObject{
        {QStringLiteral("metadata"),
         QJsonObject{{QStringLiteral("name"), name}, {QStringLiteral("namespace"), QStringLiteral("demo")}}},
        {QStringLiteral("spec"),
         QJsonObject{{QStringLiteral("containers"),
                      QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("app")}}}}}},
        {QStringLiteral("status"), QJsonObject{{QStringLiteral("phase"), QStringLiteral("Running")},
                                               {QStringLiteral("containerStatuses"), QJsonArray{cs}}}}};
}

ObjectEvents one(ObjectEvent::Type t, const QJsonObject &o)
{
    ObjectEvent e;
    e.type = t;
    e.object = o;
    e.key = ObjectEvent::keyOf(o);
    return {e};
}

QJsonObject deployment(const QString &revision, int generation, int observed, int updated, int available)
{
    return QJsonObject{
        {QStringLiteral("metadata"),
         QJsonObject{{QStringLiteral("name"), QStringLiteral("api")},
                     {QStringLiteral("namespace"), QStringLiteral("demo")},
                     {QStringLiteral("generation"), generation},
                     {QStringLiteral("annotations"),
                      QJsonObject{{QStringLiteral("deployment.kubernetes.io/revision"), revision}}}}},
        {QStringLiteral("spec"), QJsonObject{{QStringLiteral("replicas"), 3}}},
        {QStringLiteral("status"), QJsonObject{{QStringLiteral("observedGeneration"), observed},
                                               {QStringLiteral("replicas"), updated},
                                               {QStringLiteral("updatedReplicas"), updated},
                                               {QStringLiteral("availableReplicas"), available}}}};
}

QJsonObject warning(const QString &reason, const QString &last)
{
    return QJsonObject{
        {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("name"), QStringLiteral("ev-") + reason},
                                                 {QStringLiteral("namespace"), QStringLiteral("demo")}}},
        {QStringLiteral("type"), QStringLiteral("Warning")},
        {QStringLiteral("reason"), reason},
        {QStringLiteral("message"), QStringLiteral("Back-off restarting failed container")},
        {QStringLiteral("lastTimestamp"), last},
        {QStringLiteral("involvedObject"),
         QJsonObject{{QStringLiteral("kind"), QStringLiteral("Pod")},
                     {QStringLiteral("name"), QStringLiteral("api-1")},
                     {QStringLiteral("namespace"), QStringLiteral("demo")}}}};
}

} // namespace

class TstClusterJournaler final : public QObject
{
    Q_OBJECT
private slots:
    void podsIntoJournal();
    void rollouts();
    void warnings();
};

void TstClusterJournaler::podsIntoJournal()
{
    QTemporaryDir dir;
    Journal journal;
    QVERIFY(journal.open(dir.filePath(QStringLiteral("i.sitrep"))).ok());
    ManualClock clock(QDateTime::fromString(QStringLiteral("2026-11-18T19:05:00Z"), Qt::ISODate));
    IncidentSession session(journal, clock, QStringLiteral("alice"));
    QVERIFY(
        session.declare({QStringLiteral("Checkout 502s"), QStringLiteral("api"), QStringLiteral("P1")}).ok());
    ClusterJournaler j(&session, clock, QStringLiteral("demo-ctx"));
    j.onPodEvents(one(ObjectEvent::Type::Added, pod(QStringLiteral("api-1"), QString(), 0)));
    QCOMPARE(j.recordedCount(), 0); // a healthy pod is not news
    j.onPodEvents(
        one(ObjectEvent::Type::Modified, pod(QStringLiteral("api-1"), QStringLiteral("CrashLoopBackOff"), 1,
                                             QStringLiteral("OOMKilled"), 137)));
    QCOMPARE(j.recordedCount(), 1);
    j.onPodEvents(one(ObjectEvent::Type::Modified,
                      pod(QStringLiteral("api-1"), QString(), 1, QStringLiteral("OOMKilled"), 137)));
    j.onPodEvents(
        one(ObjectEvent::Type::Modified, pod(QStringLiteral("api-1"), QStringLiteral("CrashLoopBackOff"), 2,
                                             QStringLiteral("OOMKilled"), 137)));
    // The same crash loop flapping within the window is recorded once; the OOM kill itself once.
    QCOMPARE(j.recordedCount(), 2);
    j.onPodEvents(
        one(ObjectEvent::Type::Modified, pod(QStringLiteral("api-1"), QStringLiteral("CrashLoopBackOff"), 3,
                                             QStringLiteral("OOMKilled"), 137)));
    QCOMPARE(j.recordedCount(), 3); // restarts climbed by 3 since connect
    const QList<TimelineEvent> events = journal.events();
    QStringList summaries;
    for (const TimelineEvent &e : events)
        if (e.kind == EventKind::KubeEvent)
            summaries << e.summary;
    QCOMPARE(summaries.size(), 3);
    QCOMPARE(summaries.at(0),
             QStringLiteral("pod demo/api-1 entered CrashLoopBackOff (last termination: OOMKilled (137))"));
    QCOMPARE(summaries.at(1), QStringLiteral("pod demo/api-1 was OOMKilled (exit 137)"));
    QCOMPARE(summaries.at(2),
             QStringLiteral("pod demo/api-1 restarted 3 times since Sitrep connected (3 in total)"));
    QCOMPARE(events.last().payload.value(QLatin1String("context")).toString(), QStringLiteral("demo-ctx"));

    clock.advanceSecs(11 * 60);
    j.onPodEvents(one(ObjectEvent::Type::Modified, pod(QStringLiteral("api-1"), QString(), 3)));
    j.onPodEvents(one(ObjectEvent::Type::Modified,
                      pod(QStringLiteral("api-1"), QStringLiteral("CrashLoopBackOff"), 3)));
    QCOMPARE(j.recordedCount(), 4); // after the window it is news again

    // A pod already failing at connect is recorded as "is in".
    j.onPodEvents(
        one(ObjectEvent::Type::Added, pod(QStringLiteral("db-0"), QStringLiteral("ImagePullBackOff"), 0)));
    QCOMPARE(journal.events().last().summary, QStringLiteral("pod demo/db-0 is in ImagePullBackOff"));
}

void TstClusterJournaler::rollouts()
{
    ManualClock clock;
    ClusterJournaler j(nullptr, clock, QStringLiteral("ctx"));
    QStringList got;
    connect(&j, &ClusterJournaler::recorded, this, [&got](const QString &s) { got << s; });
    j.onDeploymentEvents(one(ObjectEvent::Type::Added, deployment(QStringLiteral("3"), 5, 5, 3, 3)));
    j.onDeploymentEvents(one(ObjectEvent::Type::Modified, deployment(QStringLiteral("4"), 6, 6, 1, 3)));
    j.onDeploymentEvents(one(ObjectEvent::Type::Modified, deployment(QStringLiteral("4"), 6, 6, 2, 3)));
    j.onDeploymentEvents(one(ObjectEvent::Type::Modified, deployment(QStringLiteral("4"), 6, 6, 3, 3)));
    j.onDeploymentEvents(one(ObjectEvent::Type::Modified, deployment(QStringLiteral("4"), 6, 6, 3, 3)));
    QCOMPARE(got.size(), 2);
    QVERIFY(got.at(0).startsWith(QLatin1String("rollout of deployment demo/api started (revision 4")));
    QCOMPARE(got.at(1), QStringLiteral("rollout of deployment demo/api finished (revision 4)"));
}

void TstClusterJournaler::warnings()
{
    ManualClock clock(QDateTime::fromString(QStringLiteral("2026-11-18T19:05:00Z"), Qt::ISODate));
    ClusterJournaler j(nullptr, clock, QStringLiteral("ctx"));
    QStringList got;
    connect(&j, &ClusterJournaler::recorded, this, [&got](const QString &s) { got << s; });
    j.onClusterEvents(one(ObjectEvent::Type::Added,
                          warning(QStringLiteral("Old"), QStringLiteral("2026-11-18T10:00:00Z"))));
    QVERIFY(got.isEmpty()); // hours before connecting: history, not news
    j.onClusterEvents(one(ObjectEvent::Type::Added,
                          warning(QStringLiteral("BackOff"), QStringLiteral("2026-11-18T19:04:00Z"))));
    j.onClusterEvents(one(ObjectEvent::Type::Modified,
                          warning(QStringLiteral("BackOff"), QStringLiteral("2026-11-18T19:05:00Z"))));
    QCOMPARE(got, QStringList{QStringLiteral(
                      "Warning BackOff on demo/pod/api-1: Back-off restarting failed container")});
    QJsonObject normal = warning(QStringLiteral("Pulled"), QStringLiteral("2026-11-18T19:05:00Z"));
    normal.insert(QStringLiteral("type"), QStringLiteral("Normal"));
    j.onClusterEvents(one(ObjectEvent::Type::Added, normal));
    QCOMPARE(got.size(), 1);
}

QTEST_GUILESS_MAIN(TstClusterJournaler)
#include "tst_clusterjournaler.moc"
