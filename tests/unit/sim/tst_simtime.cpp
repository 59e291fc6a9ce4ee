// Ages as the API server writes them into table cells and kubectl prints them (apimachinery's
// HumanDuration); tst_simkubectl also compares them with kubectl's own client-side printing.
#include "sim/SimTime.h"

#include <QTest>

using namespace Sitrep::Sim;

class TstSimTime final : public QObject
{
    Q_OBJECT
private slots:
    void age_data();
    void age();
};

void TstSimTime::age_data()
{
    QTest::addColumn<qint64>("seconds");
    QTest::addColumn<QString>("expected");
    const qint64 m = 60, h = 3600, d = 86400, y = 365 * d;
    QTest::newRow("clock skew tolerated") << qint64(-1) << QStringLiteral("0s");
    QTest::newRow("future") << qint64(-5) << QStringLiteral("<invalid>");
    QTest::newRow("0") << qint64(0) << QStringLiteral("0s");
    QTest::newRow("119s") << qint64(119) << QStringLiteral("119s");
    QTest::newRow("2m") << 2 * m << QStringLiteral("2m");
    QTest::newRow("3m7s") << 3 * m + 7 << QStringLiteral("3m7s");
    QTest::newRow("9m59s") << 9 * m + 59 << QStringLiteral("9m59s");
    QTest::newRow("10m") << 10 * m + 30 << QStringLiteral("10m");
    QTest::newRow("179m") << 179 * m + 59 << QStringLiteral("179m");
    QTest::newRow("3h") << 3 * h << QStringLiteral("3h");
    QTest::newRow("5h7m") << 5 * h + 7 * m + 30 << QStringLiteral("5h7m");
    QTest::newRow("8h") << 8 * h + 59 * m << QStringLiteral("8h");
    QTest::newRow("47h") << 47 * h + 59 * m << QStringLiteral("47h");
    QTest::newRow("2d") << 2 * d << QStringLiteral("2d");
    QTest::newRow("3d4h") << 3 * d + 4 * h + 5 * m << QStringLiteral("3d4h");
    QTest::newRow("7d23h") << 7 * d + 23 * h << QStringLiteral("7d23h");
    QTest::newRow("8d") << 8 * d + 23 * h << QStringLiteral("8d");
    QTest::newRow("729d") << 729 * d << QStringLiteral("729d");
    QTest::newRow("2y") << 2 * y << QStringLiteral("2y");
    QTest::newRow("3y10d") << 3 * y + 10 * d << QStringLiteral("3y10d");
    QTest::newRow("8y") << 8 * y + 100 * d << QStringLiteral("8y");
}

void TstSimTime::age()
{
    QFETCH(qint64, seconds);
    QFETCH(QString, expected);
    const qint64 now = 1'800'000'000'000;
    QCOMPARE(SimTime::age(now - seconds * 1000, now), expected);
}

QTEST_GUILESS_MAIN(TstSimTime)
#include "tst_simtime.moc"
