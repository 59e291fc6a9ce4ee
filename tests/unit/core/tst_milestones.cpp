#include "core/Milestones.h"

#include <QTest>

using namespace Sitrep::Core;

class TstMilestones : public QObject
{
    Q_OBJECT
private slots:
    void orderIsEnforced();
    void metrics();
    void parse_data();
    void parse();
    void formatDuration_data();
    void formatDuration();
};

static QDateTime at(int minute)
{
    return QDateTime(QDate(2026, 11, 23), QTime(10, 0), Qt::UTC).addSecs(minute * 60);
}

void TstMilestones::orderIsEnforced()
{
    Milestones m;
    QVERIFY(m.set(Milestone::Detected, at(10)).ok());
    const auto early = m.set(Milestone::Acknowledged, at(5));
    QVERIFY(!early.ok());
    QVERIFY2(early.error().message.contains(QLatin1String("Acknowledged")) &&
                 early.error().message.contains(QLatin1String("before Detected")),
             qPrintable(early.error().message));
    const auto late = m.set(Milestone::ImpactStarted, at(11));
    QVERIFY(!late.ok());
    QVERIFY(late.error().message.contains(QLatin1String("after Detected")));
    QVERIFY(!m.has(Milestone::ImpactStarted));
    QVERIFY(m.set(Milestone::ImpactStarted, at(0)).ok());
    QVERIFY(m.set(Milestone::Resolved, at(60)).ok());
    // Equal times are allowed: detection can be the same minute as acknowledgement.
    QVERIFY(m.set(Milestone::Acknowledged, at(10)).ok());
    QVERIFY(!m.set(Milestone::Mitigated, at(61)).ok());
    QVERIFY(!m.set(Milestone::Mitigated, QDateTime()).ok());
}

void TstMilestones::metrics()
{
    Milestones m;
    QVERIFY(!m.timeToDetect().has_value());
    QVERIFY(m.set(Milestone::ImpactStarted, at(0)).ok());
    QVERIFY(m.set(Milestone::Detected, at(7)).ok());
    QVERIFY(m.set(Milestone::Acknowledged, at(9)).ok());
    QVERIFY(m.set(Milestone::Mitigated, at(40)).ok());
    QVERIFY(m.set(Milestone::Resolved, at(95)).ok());
    QCOMPARE(*m.timeToDetect(), 7 * 60);
    QCOMPARE(*m.timeToAcknowledge(), 2 * 60);
    QCOMPARE(*m.timeToMitigate(), 40 * 60);
    QCOMPARE(*m.timeToResolve(), 95 * 60);
    QCOMPARE(m.toJson().value(QLatin1String("detected")).toString(),
             QStringLiteral("2026-11-23T10:07:00.000Z"));
}

void TstMilestones::parse_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("expected"); // -1 = error
    QTest::newRow("name") << "detected" << int(Milestone::Detected);
    QTest::newRow("underscore") << "impact_started" << int(Milestone::ImpactStarted);
    QTest::newRow("spaces") << "Impact Started" << int(Milestone::ImpactStarted);
    QTest::newRow("short") << "impact" << int(Milestone::ImpactStarted);
    QTest::newRow("bad") << "fixed" << -1;
}

void TstMilestones::parse()
{
    QFETCH(QString, text);
    QFETCH(int, expected);
    const auto r = parseMilestone(text);
    QCOMPARE(r.ok(), expected >= 0);
    if (expected >= 0)
        QCOMPARE(int(*r), expected);
    else
        QVERIFY(r.error().message.contains(text));
}

void TstMilestones::formatDuration_data()
{
    QTest::addColumn<qint64>("seconds");
    QTest::addColumn<QString>("text");
    QTest::newRow("s") << qint64(12) << "12s";
    QTest::newRow("m") << qint64(250) << "4m 10s";
    QTest::newRow("h") << qint64(3900) << "1h 05m";
    QTest::newRow("d") << qint64(90000) << "1d 01h";
    QTest::newRow("neg") << qint64(-65) << "-1m 05s";
}

void TstMilestones::formatDuration()
{
    QFETCH(qint64, seconds);
    QFETCH(QString, text);
    QCOMPARE(Sitrep::Core::formatDuration(seconds), text);
}

QTEST_GUILESS_MAIN(TstMilestones)
#include "tst_milestones.moc"
