// BurnRate: PromQL for error ratio, burn rate and multiwindow alerts; time to exhaustion in words.
#include "prom/BurnRate.h"
#include "support/TestEnv.h"

#include <QTest>

using namespace Sitrep::Prom;

class TstBurnRate final : public QObject
{
    Q_OBJECT

private slots:
    void expressions();
    void workbookPairs();
    void words_data();
    void words();
    void thresholdsFromRunbookText();
};

void TstBurnRate::expressions()
{
    const BurnRate b(QStringLiteral("sum(rate(errors[$window])) / sum(rate(total[$window]))"), 0.999);
    QCOMPARE(b.errorRatioExpr(3600000), QStringLiteral("sum(rate(errors[1h])) / sum(rate(total[1h]))"));
    QCOMPARE(b.burnRateExpr(300000),
             QStringLiteral("(sum(rate(errors[5m])) / sum(rate(total[5m]))) / 0.001"));
    QCOMPARE(b.alertExpr(BurnRate::workbookPairs().first()),
             QStringLiteral("(sum(rate(errors[1h])) / sum(rate(total[1h]))) > (14.4 * 0.001)\nand\n"
                            "(sum(rate(errors[5m])) / sum(rate(total[5m]))) > (14.4 * 0.001)"));
    QCOMPARE(b.burnRate(0.0144), 14.4);
}

void TstBurnRate::workbookPairs()
{
    const auto p = BurnRate::workbookPairs();
    QCOMPARE(p.size(), 3);
    QCOMPARE(p[1].longMs, qint64(6 * 3600000));
    QCOMPARE(p[1].shortMs, qint64(30 * 60000));
    QCOMPARE(p[1].factor, 6.0);
    QCOMPARE(p[2].longMs, qint64(3 * 86400000));
    QCOMPARE(p[2].factor, 1.0);
}

void TstBurnRate::words_data()
{
    QTest::addColumn<double>("rate");
    QTest::addColumn<double>("remaining");
    QTest::addColumn<QString>("expected");
    QTest::newRow("14.4x") << 14.4 << 1.0 << QStringLiteral("error budget gone in 2 days at this rate");
    QTest::newRow("3x") << 3.0 << 1.0 << QStringLiteral("error budget gone in 10 days at this rate");
    QTest::newRow("6x") << 6.0 << 1.0 << QStringLiteral("error budget gone in 5 days at this rate");
    QTest::newRow("720x") << 720.0 << 1.0 << QStringLiteral("error budget gone in 60 minutes at this rate");
    QTest::newRow("36x half left") << 36.0 << 0.5
                                   << QStringLiteral("error budget gone in 10 hours at this rate");
    QTest::newRow("0.5x")
        << 0.5 << 1.0
        << QStringLiteral(
               "error budget gone in 60 days at this rate (longer than the SLO window of 30 days)");
    QTest::newRow("zero") << 0.0 << 1.0 << QStringLiteral("error budget is not being spent");
    QTest::newRow("NaN") << qQNaN() << 1.0 << QStringLiteral("burn rate unknown (no traffic in the window)");
    QTest::newRow("spent") << 2.0 << 0.0 << QStringLiteral("error budget already spent");
}

void TstBurnRate::words()
{
    QFETCH(double, rate);
    QFETCH(double, remaining);
    QFETCH(QString, expected);
    const BurnRate b(QStringLiteral("x[$window]"), 0.999);
    QCOMPARE(b.exhaustionInWords(rate, remaining), expected);
}

void TstBurnRate::thresholdsFromRunbookText()
{
    // The shared PromoterOS runbook states its own pair; other phrasings teams use are read too.
    const QString runbook = QString::fromUtf8(Sitrep::Test::readFixture(
        Sitrep::Test::sourceDir() +
        QStringLiteral("/tests/unit/runbook/fixtures/promoteros-api-availability.md")));
    const auto stated = BurnRate::thresholdsFromText(runbook);
    QCOMPARE(stated.size(), 2);
    QCOMPARE(stated.at(0).factor, 14.4);
    QCOMPARE(stated.at(0).severity, QStringLiteral("critical"));
    QCOMPARE(stated.at(1).factor, 3.0);
    QCOMPARE(stated.at(1).severity, QStringLiteral("warning"));
    const auto prose = BurnRate::thresholdsFromText(
        QStringLiteral("Page when the burn rate exceeds 6x.\nTicket: burn-rate above 1.5x for 3 days.\n"
                       "The burn rate was 20x yesterday (no severity: not a threshold)."));
    QCOMPARE(prose.size(), 2);
    QCOMPARE(prose.at(0).factor, 6.0);
    QCOMPARE(prose.at(0).severity, QStringLiteral("page"));
    QCOMPARE(prose.at(1).factor, 1.5);
    QVERIFY(BurnRate::thresholdsFromText(QStringLiteral("no numbers here")).isEmpty());
    // Words that merely contain a severity do not count.
    QVERIFY(BurnRate::thresholdsFromText(
                QStringLiteral("Slowburn rate > 6x on the homepage, highest burn rate > 9x"))
                .isEmpty());
}

QTEST_GUILESS_MAIN(TstBurnRate)
#include "tst_burnrate.moc"
