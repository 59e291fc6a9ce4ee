// kubectl's STATUS / READY / RESTARTS columns for every pod state in fixtures/pods.json, and AGE formatting.
#include "kube/PodSummary.h"
#include "support/TestEnv.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Sitrep::Kube;

class TstPodSummary final : public QObject
{
    Q_OBJECT
private slots:
    void status_data();
    void status();
    void humanDuration_data();
    void humanDuration();
    void columns();
};

void TstPodSummary::status_data()
{
    QTest::addColumn<QJsonObject>("pod");
    QTest::addColumn<QString>("now");
    QTest::addColumn<QString>("status");
    QTest::addColumn<QString>("ready");
    QTest::addColumn<QString>("restarts");
    QTest::addColumn<QString>("lastTermination");
    const QByteArray data = Sitrep::Test::readFixture(Sitrep::Test::sourceDir() +
                                                      QStringLiteral("/tests/unit/kube/fixtures/pods.json"));
    const QJsonObject root = QJsonDocument::fromJson(data).object();
    const QJsonArray cases = root.value(QLatin1String("cases")).toArray();
    QVERIFY(cases.size() >= 25);
    for (const auto &v : cases) {
        const QJsonObject c = v.toObject();
        QTest::newRow(c.value(QLatin1String("case")).toString().toUtf8().constData())
            << c.value(QLatin1String("pod")).toObject() << root.value(QLatin1String("now")).toString()
            << c.value(QLatin1String("status")).toString() << c.value(QLatin1String("ready")).toString()
            << c.value(QLatin1String("restarts")).toString()
            << c.value(QLatin1String("lastTermination")).toString();
    }
}

void TstPodSummary::status()
{
    QFETCH(QJsonObject, pod);
    QFETCH(QString, now);
    const PodSummary s = PodSummary::fromJson(pod);
    const QDateTime t = QDateTime::fromString(now, Qt::ISODate);
    QTEST(s.status, "status");
    QTEST(s.ready(), "ready");
    QTEST(s.restartsText(t), "restarts");
    QTEST(s.lastTermination(), "lastTermination");
    QCOMPARE(s.age(t), QStringLiteral("60m"));
    QCOMPARE(s.ns, QStringLiteral("demo"));
}

void TstPodSummary::humanDuration_data()
{
    QTest::addColumn<qint64>("seconds");
    QTest::addColumn<QString>("text");
    QTest::newRow("negative invalid") << qint64(-5) << QStringLiteral("<invalid>");
    QTest::newRow("skew") << qint64(-1) << QStringLiteral("0s");
    QTest::newRow("seconds") << qint64(45) << QStringLiteral("45s");
    QTest::newRow("119s") << qint64(119) << QStringLiteral("119s");
    QTest::newRow("2m") << qint64(120) << QStringLiteral("2m");
    QTest::newRow("5m30s") << qint64(330) << QStringLiteral("5m30s");
    QTest::newRow("10m") << qint64(600 + 59) << QStringLiteral("10m");
    QTest::newRow("179m") << qint64(179 * 60) << QStringLiteral("179m");
    QTest::newRow("3h2m") << qint64(3 * 3600 + 120) << QStringLiteral("3h2m");
    QTest::newRow("5h") << qint64(5 * 3600) << QStringLiteral("5h");
    QTest::newRow("20h") << qint64(20 * 3600 + 600) << QStringLiteral("20h");
    QTest::newRow("2d") << qint64(48 * 3600) << QStringLiteral("2d");
    QTest::newRow("3d4h") << qint64(76 * 3600) << QStringLiteral("3d4h");
    QTest::newRow("40d") << qint64(40 * 86400) << QStringLiteral("40d");
    QTest::newRow("2y10d") << qint64((730 + 10) * 86400) << QStringLiteral("2y10d");
    QTest::newRow("9y") << qint64(9 * 365 * 86400 + 86400 * 3) << QStringLiteral("9y");
}

void TstPodSummary::humanDuration()
{
    QFETCH(qint64, seconds);
    QTEST(Sitrep::Kube::humanDuration(seconds), "text");
}

void TstPodSummary::columns()
{
    const QByteArray data = Sitrep::Test::readFixture(Sitrep::Test::sourceDir() +
                                                      QStringLiteral("/tests/unit/kube/fixtures/pods.json"));
    const QJsonObject pod = QJsonDocument::fromJson(data)
                                .object()
                                .value(QLatin1String("cases"))
                                .toArray()
                                .first()
                                .toObject()
                                .value(QLatin1String("pod"))
                                .toObject();
    const PodSummary s = PodSummary::fromJson(pod);
    QCOMPARE(s.ip, QStringLiteral("10.0.0.7"));
    QCOMPARE(s.node, QStringLiteral("node-1"));
    QCOMPARE(s.owner, QStringLiteral("ReplicaSet/api-7d9f"));
    QCOMPARE(s.labels, QStringLiteral("app=api"));
    QCOMPARE(s.key(), QStringLiteral("demo/p1"));
    QCOMPARE(s.health(), PodSummary::Health::Healthy);
    QCOMPARE(timeSince(0, QDateTime::currentDateTimeUtc()), QStringLiteral("<unknown>"));
}

QTEST_GUILESS_MAIN(TstPodSummary)
#include "tst_podsummary.moc"
