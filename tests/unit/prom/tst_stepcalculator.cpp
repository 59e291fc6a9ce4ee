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
    void grafanaTexts_data();
    void grafanaTexts();
    void secondsToHms();
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
    // 30 days over 100,000 px: interval rounds to 30 s but the step must keep under 11,000 points: Grafana
    // raises it to ceil(2,592,000 s / 11,000) = 236 s, and $__interval and $__rate_interval follow it.
    QTest::newRow("11k cap") << qint64(2592000000) << 100000 << qint64(15000) << qint64(236000)
                             << qint64(251000) << qint64(236000);
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

void TstStepCalculator::grafanaTexts_data()
{
    QTest::addColumn<qint64>("rangeMs");
    QTest::addColumn<int>("points");
    QTest::addColumn<QString>("panelMin");
    QTest::addColumn<QString>("minStep");
    QTest::addColumn<int>("factor");
    QTest::addColumn<QString>("interval");
    QTest::addColumn<QString>("rate");
    QTest::addColumn<QString>("range");
    // Grafana's texts: $__interval as secondsToHms ("2m"), $__rate_interval and $__range in seconds.
    QTest::newRow("24h") << qint64(86400000) << 800 << QString() << QString() << 1 << QStringLiteral("2m")
                         << QStringLiteral("135s") << QStringLiteral("86400s");
    // The panel's min interval is the lower limit of $__interval.
    QTest::newRow("panel 1m") << qint64(3600000) << 1000 << QStringLiteral("1m") << QString() << 1
                              << QStringLiteral("1m") << QStringLiteral("75s") << QStringLiteral("3600s");
    // A query's min step replaces the scrape interval in $__rate_interval and raises the step.
    QTest::newRow("min step 5m") << qint64(3600000) << 1000 << QString() << QStringLiteral("5m") << 1
                                 << QStringLiteral("300s") << QStringLiteral("1200s")
                                 << QStringLiteral("3600s");
    // Resolution 1/2 doubles the interval.
    QTest::newRow("factor 2") << qint64(3600000) << 600 << QString() << QString() << 2
                              << QStringLiteral("30s") << QStringLiteral("60s") << QStringLiteral("3600s");
}

void TstStepCalculator::grafanaTexts()
{
    QFETCH(qint64, rangeMs);
    QFETCH(int, points);
    QFETCH(QString, panelMin);
    QFETCH(QString, minStep);
    QFETCH(int, factor);
    QFETCH(QString, interval);
    QFETCH(QString, rate);
    QFETCH(QString, range);
    StepRequest r;
    r.rangeMs = rangeMs;
    r.dataPoints = points;
    r.scrapeMs = 15000;
    r.panelMinInterval = panelMin;
    r.targetMinStep = minStep;
    r.intervalFactor = factor;
    const StepChoice c = StepCalculator::choose(r);
    QCOMPARE(c.intervalText, interval);
    QCOMPARE(c.rateIntervalText, rate);
    QCOMPARE(c.rangeText, range);
}

void TstStepCalculator::secondsToHms()
{
    QCOMPARE(StepCalculator::secondsToHms(90), QStringLiteral("1m"));
    QCOMPARE(StepCalculator::secondsToHms(7200), QStringLiteral("2h"));
    QCOMPARE(StepCalculator::secondsToHms(0.5), QStringLiteral("500ms"));
    QCOMPARE(StepCalculator::secondsToHms(86400 * 3), QStringLiteral("3d"));
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
