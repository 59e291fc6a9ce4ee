// StepCalculator: Grafana's $__interval rounding, $__rate_interval, the 11,000-point cap, PromQL durations.
#include "prom/StepCalculator.h"

#include <QTest>

using namespace Sitrep::Prom;

class TstStepCalculator final : public QObject
{
    Q_OBJECT

private slots:
    void choose_data();
    void choose();
    void roundInterval_data();
    void roundInterval();
    void durations_data();
    void durations();
    void badDurations_data();
    void badDurations();
};

void TstStepCalculator::choose_data()
{
    QTest::addColumn<qint64>("rangeMs");
    QTest::addColumn<int>("pixels");
    QTest::addColumn<qint64>("scrapeMs");
    QTest::addColumn<qint64>("interval");
    QTest::addColumn<qint64>("rateInterval");
    QTest::addColumn<qint64>("step");
    // 1 h over 600 px: 6 s raw -> 5 s, but never below the 15 s scrape interval; rate window 4 x scrape.
    QTest::newRow("1h 600px") << qint64(3600000) << 600 << qint64(15000) << qint64(15000) << qint64(60000)
                              << qint64(15000);
    // 24 h over 800 px: 108 s -> 2 min; rate = max(2m + 15s, 1m).
    QTest::newRow("24h 800px") << qint64(86400000) << 800 << qint64(15000) << qint64(120000) << qint64(135000)
                               << qint64(120000);
    // 5 min over 1000 px with a 5 s scrape: floor at 5 s, rate 20 s.
    QTest::newRow("5m 5s scrape") << qint64(300000) << 1000 << qint64(5000) << qint64(5000) << qint64(20000)
                                  << qint64(5000);
    // 30 days over 100,000 px: interval rounds to 30 s but the step must keep under 11,000 points.
    QTest::newRow("11k cap") << qint64(2592000000) << 100000 << qint64(15000) << qint64(30000)
                             << qint64(60000) << qint64(235637);
}

void TstStepCalculator::choose()
{
    QFETCH(qint64, rangeMs);
    QFETCH(int, pixels);
    QFETCH(qint64, scrapeMs);
    QFETCH(qint64, interval);
    QFETCH(qint64, rateInterval);
    QFETCH(qint64, step);
    const StepChoice c = StepCalculator::choose(rangeMs, pixels, scrapeMs);
    QCOMPARE(c.intervalMs, interval);
    QCOMPARE(c.rateIntervalMs, rateInterval);
    QCOMPARE(c.stepMs, step);
    QVERIFY(rangeMs / c.stepMs <= StepCalculator::kMaxPointsPerSeries);
}

void TstStepCalculator::roundInterval_data()
{
    QTest::addColumn<qint64>("in");
    QTest::addColumn<qint64>("out");
    QTest::newRow("37s") << qint64(37000) << qint64(30000);
    QTest::newRow("8m") << qint64(480000) << qint64(600000);
    QTest::newRow("3ms") << qint64(3) << qint64(1);
    QTest::newRow("100m") << qint64(6000000) << qint64(7200000);
}

void TstStepCalculator::roundInterval()
{
    QFETCH(qint64, in);
    QFETCH(qint64, out);
    QCOMPARE(StepCalculator::roundInterval(in), out);
}

void TstStepCalculator::durations_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("ms");
    QTest::newRow("5m") << QStringLiteral("5m") << qint64(300000);
    QTest::newRow("1m30s") << QStringLiteral("1m30s") << qint64(90000);
    QTest::newRow("500ms") << QStringLiteral("500ms") << qint64(500);
    QTest::newRow("3d") << QStringLiteral("3d") << qint64(259200000);
    QTest::newRow("1w") << QStringLiteral("1w") << qint64(604800000);
    QTest::newRow("1h30m") << QStringLiteral("1h30m") << qint64(5400000);
}

void TstStepCalculator::durations()
{
    QFETCH(QString, text);
    QFETCH(qint64, ms);
    QCOMPARE(StepCalculator::parseDuration(text).value_or(-1), ms);
    QCOMPARE(StepCalculator::formatDuration(ms), text);
}

void TstStepCalculator::badDurations_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("empty") << QString();
    QTest::newRow("no unit") << QStringLiteral("15");
    QTest::newRow("bad unit") << QStringLiteral("5x");
    QTest::newRow("no number") << QStringLiteral("m");
}

void TstStepCalculator::badDurations()
{
    QFETCH(QString, text);
    QVERIFY(!StepCalculator::parseDuration(text).has_value());
}

QTEST_GUILESS_MAIN(TstStepCalculator)
#include "tst_stepcalculator.moc"
