// UnitFormat: values as panels show them, per unit.
#include "prom/UnitFormat.h"

#include <QTest>

using namespace Sitrep::Prom;

class TstUnitFormat final : public QObject
{
    Q_OBJECT

private slots:
    void format_data();
    void format();
    void known();
};

void TstUnitFormat::format_data()
{
    QTest::addColumn<double>("value");
    QTest::addColumn<QString>("unit");
    QTest::addColumn<int>("decimals");
    QTest::addColumn<QString>("out");
    QTest::newRow("s small") << 0.23 << QStringLiteral("s") << -1 << QStringLiteral("230 ms");
    QTest::newRow("s") << 1.5 << QStringLiteral("s") << -1 << QStringLiteral("1.5 s");
    QTest::newRow("s minutes") << 150.0 << QStringLiteral("s") << -1 << QStringLiteral("2.5 min");
    QTest::newRow("ms") << 12.0 << QStringLiteral("ms") << -1 << QStringLiteral("12 ms");
    QTest::newRow("percent") << 12.5 << QStringLiteral("%") << -1 << QStringLiteral("12.5%");
    QTest::newRow("percentunit") << 0.0144 << QStringLiteral("percentunit") << -1 << QStringLiteral("1.44%");
    QTest::newRow("reqps") << 1234.0 << QStringLiteral("req/s") << -1 << QStringLiteral("1.23k req/s");
    QTest::newRow("bytes") << 1536.0 << QStringLiteral("bytes") << -1 << QStringLiteral("1.5 KiB");
    QTest::newRow("decbytes") << 2500000.0 << QStringLiteral("decbytes") << -1 << QStringLiteral("2.5 MB");
    QTest::newRow("suffix") << 14.4 << QStringLiteral("suffix:x") << 1 << QStringLiteral("14.4x");
    QTest::newRow("short") << 2000000.0 << QStringLiteral("short") << -1 << QStringLiteral("2M");
    QTest::newRow("none") << 3.14159 << QString() << 2 << QStringLiteral("3.14");
    QTest::newRow("nan") << qQNaN() << QStringLiteral("s") << -1 << QStringLiteral("NaN");
    QTest::newRow("inf") << qInf() << QStringLiteral("s") << -1 << QStringLiteral("+Inf");
}

void TstUnitFormat::format()
{
    QFETCH(double, value);
    QFETCH(QString, unit);
    QFETCH(int, decimals);
    QFETCH(QString, out);
    QCOMPARE(UnitFormat::format(value, unit, decimals), out);
}

void TstUnitFormat::known()
{
    QVERIFY(UnitFormat::isKnown(QStringLiteral("reqps")));
    QVERIFY(UnitFormat::isKnown(QStringLiteral("%")));
    QVERIFY(UnitFormat::isKnown(QStringLiteral("suffix:x")));
    QVERIFY(!UnitFormat::isKnown(QStringLiteral("furlongs")));
}

QTEST_GUILESS_MAIN(TstUnitFormat)
#include "tst_unitformat.moc"
