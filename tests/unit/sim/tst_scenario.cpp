#include "sim/Scenario.h"

#include <QtTest>

using Sitrep::Sim::Scenario;

class TstScenario final : public QObject
{
    Q_OBJECT
private slots:
    void builtinsLoad_data();
    void builtinsLoad();
    void rolloutScenarioShape();
    void errorsNameTheField_data();
    void errorsNameTheField();
};

void TstScenario::builtinsLoad_data()
{
    QTest::addColumn<QString>("name");
    const QStringList names = Scenario::builtinNames();
    QVERIFY(names.contains(QStringLiteral("api-gateway-rollout")));
    QVERIFY(names.contains(QStringLiteral("healthy")));
    for (const QString &n : names)
        QTest::newRow(qPrintable(n)) << n;
}

void TstScenario::builtinsLoad()
{
    QFETCH(QString, name);
    const auto s = Scenario::load(name);
    QVERIFY2(s.ok(), qPrintable(s.ok() ? QString() : s.error().text()));
    QCOMPARE(s->name, name);
    QVERIFY(!s->workloads.isEmpty());
}

void TstScenario::rolloutScenarioShape()
{
    const auto s = Scenario::load(QStringLiteral("api-gateway-rollout"));
    QVERIFY(s.ok());
    const auto gateway = std::find_if(s->workloads.begin(), s->workloads.end(),
                                      [](const auto &w) { return w.name == QLatin1String("api-gateway"); });
    QVERIFY(gateway != s->workloads.end());
    QCOMPARE(gateway->revisions.size(), 2);
    QCOMPARE(s->profileFor(gateway->revisions.last().image).behaviour, QStringLiteral("crashloop"));
    QCOMPARE(s->profileFor(gateway->revisions.first().image).behaviour, QStringLiteral("healthy"));
    QVERIFY(s->profileFor(gateway->revisions.last().image)
                .crashLog.startsWith(QLatin1String("FATAL: no pg_hba.conf entry")));
}

void TstScenario::errorsNameTheField_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("where");
    QTest::newRow("not json") << QByteArray("{") << QStringLiteral("x.json");
    QTest::newRow("behaviour") << QByteArray(R"({"name":"x","images":{"img":{"behaviour":"explode"}}})")
                               << QStringLiteral("x.json: images.img.behaviour");
    QTest::newRow("workload kind") << QByteArray(
                                          R"({"name":"x","workloads":[{"name":"a","kind":"DaemonSet"}]})")
                                   << QStringLiteral("x.json: workloads[0]");
    QTest::newRow("no containers") << QByteArray(R"({"name":"x","workloads":[{"name":"a"}]})")
                                   << QStringLiteral("x.json: workloads[0]");
    QTest::newRow("timeline at") << QByteArray(R"({"name":"x","timeline":[{"at":"soon","action":"scale"}]})")
                                 << QStringLiteral("x.json: timeline[0].at");
    QTest::newRow("timeline action")
        << QByteArray(R"({"name":"x","timeline":[{"at":"1m","action":"explode","target":"a"}]})")
        << QStringLiteral("x.json: timeline[0].action");
    QTest::newRow("timeline image")
        << QByteArray(R"({"name":"x","timeline":[{"at":5,"action":"rollout","target":"a","image":"b:2"}]})")
        << QStringLiteral("x.json: timeline[0].image");
}

void TstScenario::errorsNameTheField()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, where);
    const auto s = Scenario::fromJson(json, QStringLiteral("x.json"));
    QVERIFY(!s.ok());
    QCOMPARE(s.error().where, where);
    QVERIFY(!Scenario::load(QStringLiteral("no-such-scenario")).ok());
}

QTEST_GUILESS_MAIN(TstScenario)
#include "tst_scenario.moc"
