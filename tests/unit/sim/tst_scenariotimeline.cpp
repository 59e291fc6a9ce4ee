// A drill's timeline plays on cue through the whole simulator: the rollout, the event and the node
// condition happen at their times, and the controllers react to them as they do to kubectl.
#include "core/ManualClock.h"
#include "sim/ClusterState.h"
#include "sim/ScenarioTimeline.h"
#include "sim/SimServer.h"

#include <QJsonArray>
#include <QtTest>

using namespace Sitrep::Sim;

class TstScenarioTimeline final : public QObject
{
    Q_OBJECT
private slots:
    void drillPlaysOnCue();
    void stepsAreSortedAndApplyOnce();

private:
    static QString image(const QJsonObject &deployment);
    static QString waitingReason(const QJsonObject &pod);
};

QString TstScenarioTimeline::image(const QJsonObject &deployment)
{
    return deployment.value(QLatin1String("spec"))
        .toObject()
        .value(QLatin1String("template"))
        .toObject()
        .value(QLatin1String("spec"))
        .toObject()
        .value(QLatin1String("containers"))
        .toArray()
        .at(0)
        .toObject()
        .value(QLatin1String("image"))
        .toString();
}

QString TstScenarioTimeline::waitingReason(const QJsonObject &pod)
{
    return pod.value(QLatin1String("status"))
        .toObject()
        .value(QLatin1String("containerStatuses"))
        .toArray()
        .at(0)
        .toObject()
        .value(QLatin1String("state"))
        .toObject()
        .value(QLatin1String("waiting"))
        .toObject()
        .value(QLatin1String("reason"))
        .toString();
}

void TstScenarioTimeline::drillPlaysOnCue()
{
    Sitrep::Core::ManualClock clock;
    SimServer sim(nullptr, &clock);
    QVERIFY(sim.loadScenario(QStringLiteral("drill-gateway-rollout")).ok());
    sim.setRunning(false);
    auto gateway = [&] {
        return *sim.state().get(QStringLiteral("deployments"), QStringLiteral("demo"),
                                QStringLiteral("api-gateway"));
    };
    auto gatewayPods = [&] {
        return sim.state().list(QStringLiteral("pods"), QStringLiteral("demo"), [](const QJsonObject &p) {
            return p.value(QLatin1String("metadata"))
                .toObject()
                .value(QLatin1String("name"))
                .toString()
                .startsWith(QLatin1String("api-gateway-"));
        });
    };
    auto seconds = [&](int n) {
        for (int i = 0; i < n; ++i) {
            clock.advanceSecs(1);
            sim.step();
        }
    };
    // Healthy before the cue.
    seconds(20);
    QCOMPARE(image(gateway()), QStringLiteral("registry.local/api-gateway:1.4.2"));
    QCOMPARE(sim.timeline()->applied(), 0);
    for (const QJsonObject &p : gatewayPods())
        QVERIFY(waitingReason(p).isEmpty());

    // At 30 s the rollout: the new revision carries its change cause, and its pods crash-loop.
    seconds(15);
    QCOMPARE(sim.timeline()->applied(), 1);
    QCOMPARE(image(gateway()), QStringLiteral("registry.local/api-gateway:1.5.0"));
    QCOMPARE(gateway()
                 .value(QLatin1String("metadata"))
                 .toObject()
                 .value(QLatin1String("annotations"))
                 .toObject()
                 .value(QLatin1String("kubernetes.io/change-cause"))
                 .toString(),
             QStringLiteral("deploy api-gateway 1.5.0 (PR #840: new pod network)"));
    seconds(40);
    bool crashLooping = false;
    for (const QJsonObject &p : gatewayPods())
        crashLooping = crashLooping || waitingReason(p) == QLatin1String("CrashLoopBackOff");
    QVERIFY(crashLooping);

    // At 90 s the Warning event on the service.
    seconds(20);
    QCOMPARE(sim.timeline()->applied(), 2);
    const auto noEndpoints =
        sim.state().list(QStringLiteral("events"), QStringLiteral("demo"), [](const QJsonObject &e) {
            return e.value(QLatin1String("reason")).toString() == QLatin1String("NoReadyEndpoints");
        });
    QCOMPARE(noEndpoints.size(), 1);
    QCOMPARE(noEndpoints.first().value(QLatin1String("type")).toString(), QStringLiteral("Warning"));

    // At 2 minutes the node's memory pressure, as a condition and as an event.
    seconds(40);
    QCOMPARE(sim.timeline()->applied(), 3);
    const auto node = sim.state().get(QStringLiteral("nodes"), QString(), QStringLiteral("sim-node-b"));
    QVERIFY(node);
    bool pressure = false;
    for (const QJsonValue &c :
         node->value(QLatin1String("status")).toObject().value(QLatin1String("conditions")).toArray()) {
        const QJsonObject o = c.toObject();
        pressure =
            pressure || (o.value(QLatin1String("type")).toString() == QLatin1String("MemoryPressure") &&
                         o.value(QLatin1String("status")).toString() == QLatin1String("True"));
    }
    QVERIFY(pressure);
    QCOMPARE(sim.timeline()->log().size(), 3);
    QCOMPARE(sim.timeline()->log().last(), QStringLiteral("node sim-node-b: MemoryPressure=True"));
}

void TstScenarioTimeline::stepsAreSortedAndApplyOnce()
{
    const QByteArray json = R"({"name":"x","workloads":[{"name":"web","namespace":"demo","replicas":2,
        "containers":[{"name":"c","image":"web:1"}]}],
        "timeline":[{"at":"2m","action":"scale","namespace":"demo","target":"web","replicas":4},
                    {"at":60,"action":"scale","namespace":"demo","target":"web","replicas":1},
                    {"at":"1h30m","action":"scale","namespace":"demo","target":"nope","replicas":1}]})";
    const auto scenario = Scenario::fromJson(json, QStringLiteral("x.json"));
    QVERIFY2(scenario.ok(), qPrintable(scenario.ok() ? QString() : scenario.error().text()));
    QCOMPARE(scenario->timeline.size(), 3);
    QCOMPARE(scenario->timeline.at(2).atSeconds, 5400);
    Sitrep::Core::ManualClock clock;
    SimServer sim(nullptr, &clock);
    QVERIFY(sim.loadScenario(*scenario).ok());
    sim.setRunning(false);
    auto replicas = [&] {
        return sim.state()
            .get(QStringLiteral("deployments"), QStringLiteral("demo"), QStringLiteral("web"))
            ->value(QLatin1String("spec"))
            .toObject()
            .value(QLatin1String("replicas"))
            .toInt();
    };
    clock.advanceSecs(61);
    sim.step();
    QCOMPARE(replicas(), 1);
    sim.step(); // not again
    QCOMPARE(sim.timeline()->applied(), 1);
    clock.advanceSecs(60);
    sim.step();
    QCOMPARE(replicas(), 4);
    clock.advanceSecs(5400);
    sim.step();
    // A step whose target is gone says so instead of failing the drill.
    QCOMPARE(sim.timeline()->log().last(), QStringLiteral("scale of demo/nope: no such Deployment"));
}

QTEST_GUILESS_MAIN(TstScenarioTimeline)
#include "tst_scenariotimeline.moc"
