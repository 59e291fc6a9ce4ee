// Controllers and the simulation on a manual clock: the scenario's crash loop, undo, scale, delete.
#include "core/ManualClock.h"
#include "sim/ClusterState.h"
#include "sim/Controllers.h"
#include "sim/EventRecorder.h"
#include "sim/JsonPatch.h"
#include "sim/PodLogs.h"
#include "sim/Scenario.h"
#include "sim/Simulation.h"
#include "sim/TableRenderer.h"

#include <QJsonArray>
#include <QtTest>

#include <memory>

using namespace Sitrep::Sim;

class TstControllers final : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void crashLoopRestartsClimbWithBackOffEvents();
    void undoHealsTheRollout();
    void scaleUpAndDown();
    void deletedPodIsReplaced();
    void deleteDeploymentCascades();

private:
    QList<QJsonObject> gatewayPods() const;
    void stepSeconds(int seconds);
    int restarts(const QJsonObject &pod) const;

    std::unique_ptr<Sitrep::Core::ManualClock> m_clock;
    std::unique_ptr<ClusterState> m_state;
    std::unique_ptr<EventRecorder> m_events;
    std::unique_ptr<Controllers> m_controllers;
    std::unique_ptr<PodLogs> m_logs;
    std::unique_ptr<Simulation> m_sim;
};

void TstControllers::init()
{
    m_clock = std::make_unique<Sitrep::Core::ManualClock>();
    m_state = std::make_unique<ClusterState>(*m_clock);
    m_events = std::make_unique<EventRecorder>(*m_state);
    m_controllers = std::make_unique<Controllers>(*m_state, *m_events);
    m_logs = std::make_unique<PodLogs>();
    m_sim = std::make_unique<Simulation>(*m_state, *m_controllers, *m_events, *m_logs);
    auto scenario = Scenario::load(QStringLiteral("api-gateway-rollout"));
    QVERIFY(scenario.ok());
    m_sim->load(*scenario);
}

QList<QJsonObject> TstControllers::gatewayPods() const
{
    return m_state->list(QStringLiteral("pods"), QStringLiteral("demo"), [](const QJsonObject &p) {
        return p.value(QLatin1String("metadata"))
            .toObject()
            .value(QLatin1String("name"))
            .toString()
            .startsWith(QLatin1String("api-gateway-"));
    });
}

void TstControllers::stepSeconds(int seconds)
{
    for (int i = 0; i < seconds; ++i) {
        m_clock->advanceSecs(1);
        m_sim->step();
    }
}

int TstControllers::restarts(const QJsonObject &pod) const
{
    return pod.value(QLatin1String("status"))
        .toObject()
        .value(QLatin1String("containerStatuses"))
        .toArray()
        .at(0)
        .toObject()
        .value(QLatin1String("restartCount"))
        .toInt();
}

void TstControllers::crashLoopRestartsClimbWithBackOffEvents()
{
    const auto before = gatewayPods();
    QCOMPARE(before.size(), 3);
    for (const QJsonObject &p : before)
        QVERIFY(restarts(p) >= 30); // 12 minutes of a 20 s cycle
    stepSeconds(45);
    const auto after = gatewayPods();
    for (int i = 0; i < 3; ++i)
        QVERIFY(restarts(after.at(i)) >= restarts(before.at(i)) + 2);
    const auto backoff =
        m_state->list(QStringLiteral("events"), QStringLiteral("demo"), [](const QJsonObject &e) {
            return e.value(QLatin1String("reason")).toString() == QLatin1String("BackOff");
        });
    QCOMPARE(backoff.size(), 3); // one per pod, counted up
    QVERIFY(backoff.first().value(QLatin1String("count")).toInt() > 30);
    QCOMPARE(backoff.first().value(QLatin1String("type")).toString(), QStringLiteral("Warning"));
    const auto dep =
        m_state->get(QStringLiteral("deployments"), QStringLiteral("demo"), QStringLiteral("api-gateway"));
    QCOMPARE(dep->value(QLatin1String("status")).toObject().value(QLatin1String("readyReplicas")).toInt(), 0);
}

void TstControllers::undoHealsTheRollout()
{
    // What `kubectl rollout undo` sends: the revision-1 template without its hash label.
    const auto sets = m_state->list(QStringLiteral("replicasets"), QStringLiteral("demo"));
    QJsonObject rev1;
    for (const QJsonObject &rs : sets) {
        if (rs.value(QLatin1String("metadata"))
                    .toObject()
                    .value(QLatin1String("annotations"))
                    .toObject()
                    .value(QLatin1String("deployment.kubernetes.io/revision"))
                    .toString() == QLatin1String("1") &&
            rs.value(QLatin1String("metadata"))
                .toObject()
                .value(QLatin1String("name"))
                .toString()
                .startsWith(QLatin1String("api-gateway-")))
            rev1 = rs;
    }
    QVERIFY(!rev1.isEmpty());
    QJsonObject tmpl =
        rev1.value(QLatin1String("spec")).toObject().value(QLatin1String("template")).toObject();
    QJsonObject meta = tmpl.value(QLatin1String("metadata")).toObject();
    QJsonObject labels = meta.value(QLatin1String("labels")).toObject();
    labels.remove(QLatin1String("pod-template-hash"));
    meta.insert(QLatin1String("labels"), labels);
    meta.insert(QLatin1String("creationTimestamp"), QJsonValue::Null);
    tmpl.insert(QLatin1String("metadata"), meta);
    const auto dep =
        m_state->get(QStringLiteral("deployments"), QStringLiteral("demo"), QStringLiteral("api-gateway"));
    auto patched = JsonPatch::jsonPatch(
        *dep, QJsonArray{QJsonObject{{QStringLiteral("op"), QStringLiteral("replace")},
                                     {QStringLiteral("path"), QStringLiteral("/spec/template")},
                                     {QStringLiteral("value"), tmpl}}});
    QVERIFY(patched.ok());
    m_state->update(QStringLiteral("deployments"), *patched, true);
    m_controllers->reconcileDeployment(QStringLiteral("demo"), QStringLiteral("api-gateway"));
    // The old ReplicaSet is reused and becomes revision 3; revision 1 is gone from history.
    const auto rs = m_state->get(
        QStringLiteral("replicasets"), QStringLiteral("demo"),
        rev1.value(QLatin1String("metadata")).toObject().value(QLatin1String("name")).toString());
    QCOMPARE(rs->value(QLatin1String("metadata"))
                 .toObject()
                 .value(QLatin1String("annotations"))
                 .toObject()
                 .value(QLatin1String("deployment.kubernetes.io/revision"))
                 .toString(),
             QStringLiteral("3"));
    stepSeconds(5);
    const auto pods = gatewayPods();
    QCOMPARE(pods.size(), 3);
    for (const QJsonObject &p : pods) {
        QCOMPARE(TableRenderer::podStatusReason(p), QStringLiteral("Running"));
        QCOMPARE(restarts(p), 0);
    }
    const auto healed =
        m_state->get(QStringLiteral("deployments"), QStringLiteral("demo"), QStringLiteral("api-gateway"));
    const QJsonObject status = healed->value(QLatin1String("status")).toObject();
    QCOMPARE(status.value(QLatin1String("readyReplicas")).toInt(), 3);
    QCOMPARE(status.value(QLatin1String("updatedReplicas")).toInt(), 3);
    const QString name =
        pods.first().value(QLatin1String("metadata")).toObject().value(QLatin1String("name")).toString();
    LogQuery q;
    const QByteArray logs = m_logs->read(QStringLiteral("demo"), name, QStringLiteral("gateway"), q);
    QVERIFY(logs.contains("api-gateway 1.4.2 starting"));
    QVERIFY(!logs.contains("FATAL"));
}

void TstControllers::scaleUpAndDown()
{
    auto dep =
        *m_state->get(QStringLiteral("deployments"), QStringLiteral("demo"), QStringLiteral("order-worker"));
    QJsonObject spec = dep.value(QLatin1String("spec")).toObject();
    spec.insert(QLatin1String("replicas"), 5);
    dep.insert(QLatin1String("spec"), spec);
    m_state->update(QStringLiteral("deployments"), dep, true);
    m_controllers->reconcileDeployment(QStringLiteral("demo"), QStringLiteral("order-worker"));
    auto workers = [this] {
        return m_state->list(QStringLiteral("pods"), QStringLiteral("demo"), [](const QJsonObject &p) {
            return p.value(QLatin1String("metadata"))
                       .toObject()
                       .value(QLatin1String("labels"))
                       .toObject()
                       .value(QLatin1String("app"))
                       .toString() == QLatin1String("order-worker");
        });
    };
    QCOMPARE(workers().size(), 5);
    spec.insert(QLatin1String("replicas"), 1);
    dep =
        *m_state->get(QStringLiteral("deployments"), QStringLiteral("demo"), QStringLiteral("order-worker"));
    dep.insert(QLatin1String("spec"), spec);
    m_state->update(QStringLiteral("deployments"), dep, true);
    m_controllers->reconcileDeployment(QStringLiteral("demo"), QStringLiteral("order-worker"));
    QCOMPARE(workers().size(), 1);
}

void TstControllers::deletedPodIsReplaced()
{
    const QJsonObject victim = gatewayPods().first();
    const QString name =
        victim.value(QLatin1String("metadata")).toObject().value(QLatin1String("name")).toString();
    const auto removed = m_state->remove(QStringLiteral("pods"), QStringLiteral("demo"), name);
    m_controllers->podDeleted(*removed);
    const auto pods = gatewayPods();
    QCOMPARE(pods.size(), 3);
    for (const QJsonObject &p : pods)
        QVERIFY(p.value(QLatin1String("metadata")).toObject().value(QLatin1String("name")).toString() !=
                name);
}

void TstControllers::deleteDeploymentCascades()
{
    const auto removed =
        m_state->remove(QStringLiteral("deployments"), QStringLiteral("demo"), QStringLiteral("api-gateway"));
    m_controllers->deleteDependents(*removed, QStringLiteral("Background"));
    QVERIFY(gatewayPods().isEmpty());
    QVERIFY(m_state
                ->list(QStringLiteral("replicasets"), QStringLiteral("demo"),
                       [](const QJsonObject &rs) {
                           return rs.value(QLatin1String("metadata"))
                               .toObject()
                               .value(QLatin1String("name"))
                               .toString()
                               .startsWith(QLatin1String("api-gateway"));
                       })
                .isEmpty());
    const auto ep =
        m_state->get(QStringLiteral("endpoints"), QStringLiteral("demo"), QStringLiteral("api-gateway"));
    QVERIFY(ep.has_value());
    QVERIFY(!ep->contains(QLatin1String("subsets")));
}

QTEST_GUILESS_MAIN(TstControllers)
#include "tst_controllers.moc"
