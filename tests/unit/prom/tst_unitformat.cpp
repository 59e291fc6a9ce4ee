// UnitFormat: values as Grafana's panels write them, per unit. Expected texts are Grafana's own (its
// valueFormats tests and formatters: toFixed, scaledUnits, SI and binary prefixes, time, durations, clock).
#include "prom/NumberText.h"
#include "prom/UnitFormat.h"

#include <QTest>

using namespace Sitrep::Prom;

class TstUnitFormat final : public QObject
{
    Q_OBJECT

private slots:
    void format_data();
    void format();
    void toFixed_data();
    void toFixed();
    void kinds();
    void everyCatalogueUnitFormats();
};

void TstUnitFormat::format_data()
{
    QTest::addColumn<double>("value");
    QTest::addColumn<QString>("unit");
    QTest::addColumn<int>("decimals");
    QTest::addColumn<QString>("out");
    // Grafana's valueFormats.test.ts.
    QTest::newRow("currencyUSD") << 1532.82 << QStringLiteral("currencyUSD") << 2 << QStringLiteral("$1.53K");
    QTest::newRow("currencyKRW") << 1532.82 << QStringLiteral("currencyKRW") << 2 << QStringLiteral("₩1.53K");
    QTest::newRow("ms 4") << 0.0024 << QStringLiteral("ms") << 4 << QStringLiteral("0.0024 ms");
    QTest::newRow("ms 0") << 100.0 << QStringLiteral("ms") << 0 << QStringLiteral("100 ms");
    QTest::newRow("ms s") << 1250.0 << QStringLiteral("ms") << 2 << QStringLiteral("1.25 s");
    QTest::newRow("ms hour") << 10000086.123 << QStringLiteral("ms") << 1 << QStringLiteral("2.8 hour");
    QTest::newRow("ms 1200") << 1200.0 << QStringLiteral("ms") << 0 << QStringLiteral("1 s");
    QTest::newRow("kbytes") << 10000000.0 << QStringLiteral("kbytes") << 3 << QStringLiteral("9.537 GiB");
    QTest::newRow("deckbytes") << 10000000.0 << QStringLiteral("deckbytes") << 3
                               << QStringLiteral("10.000 GB");
    QTest::newRow("megwatt") << 1000.0 << QStringLiteral("megwatt") << 3 << QStringLiteral("1.000 GW");
    QTest::newRow("kohm") << 1000.0 << QStringLiteral("kohm") << 3 << QStringLiteral("1.000 MΩ");
    QTest::newRow("Mohm") << 1000.0 << QStringLiteral("Mohm") << 3 << QStringLiteral("1.000 GΩ");
    QTest::newRow("farad") << 1000.0 << QStringLiteral("farad") << 3 << QStringLiteral("1.000 kF");
    QTest::newRow("µfarad") << 1000.0 << QStringLiteral("µfarad") << 3 << QStringLiteral("1.000 mF");
    QTest::newRow("nfarad") << 1000.0 << QStringLiteral("nfarad") << 3 << QStringLiteral("1.000 µF");
    QTest::newRow("mhenry") << 1000.0 << QStringLiteral("mhenry") << 3 << QStringLiteral("1.000 H");
    // Decimals from the value when the panel sets none (Grafana's getDecimalsForValue).
    QTest::newRow("s small") << 0.23 << QStringLiteral("s") << -1 << QStringLiteral("230 ms");
    QTest::newRow("s") << 1.5 << QStringLiteral("s") << -1 << QStringLiteral("1.50 s");
    QTest::newRow("s minutes") << 150.0 << QStringLiteral("s") << -1 << QStringLiteral("2.50 min");
    QTest::newRow("s day") << 95040.0 << QStringLiteral("s") << -1 << QStringLiteral("1.10 day");
    QTest::newRow("s day 1") << 95040.0 << QStringLiteral("s") << 1 << QStringLiteral("1.1 day");
    QTest::newRow("s zero") << 0.0 << QStringLiteral("s") << -1 << QStringLiteral("0 s");
    QTest::newRow("ns") << 1500.0 << QStringLiteral("ns") << -1 << QStringLiteral("1.50 µs");
    QTest::newRow("percent") << 12.5 << QStringLiteral("percent") << -1 << QStringLiteral("12.5%");
    QTest::newRow("percent alias") << 12.5 << QStringLiteral("%") << -1 << QStringLiteral("12.5%");
    QTest::newRow("percentunit") << 0.0144 << QStringLiteral("percentunit") << -1 << QStringLiteral("1.44%");
    QTest::newRow("short") << 1536.5 << QStringLiteral("short") << -1 << QStringLiteral("1.54 K");
    QTest::newRow("short mil") << 2000000.0 << QStringLiteral("short") << -1 << QStringLiteral("2 Mil");
    QTest::newRow("none") << 3.14159 << QString() << 2 << QStringLiteral("3.14");
    QTest::newRow("bytes") << 1536.0 << QStringLiteral("bytes") << -1 << QStringLiteral("1.50 KiB");
    QTest::newRow("bytes small") << 0.5 << QStringLiteral("bytes") << -1 << QStringLiteral("0.500 B");
    QTest::newRow("decbytes") << 2500000.0 << QStringLiteral("decbytes") << -1 << QStringLiteral("2.50 MB");
    QTest::newRow("binBps") << 3145728.0 << QStringLiteral("binBps") << -1 << QStringLiteral("3 MiB/s");
    QTest::newRow("Bps") << 1536.0 << QStringLiteral("Bps") << -1 << QStringLiteral("1.54 kB/s");
    QTest::newRow("bps") << 25000000.0 << QStringLiteral("bps") << -1 << QStringLiteral("25 Mb/s");
    QTest::newRow("pps") << 1200.0 << QStringLiteral("pps") << -1 << QStringLiteral("1.20 kp/s");
    QTest::newRow("zero SI") << 0.0 << QStringLiteral("Bps") << -1 << QStringLiteral("0 B/s");
    QTest::newRow("reqps") << 1234.0 << QStringLiteral("reqps") << -1 << QStringLiteral("1.23K req/s");
    QTest::newRow("reqps alias") << 12.0 << QStringLiteral("req/s") << -1 << QStringLiteral("12 req/s");
    QTest::newRow("rps") << 12.0 << QStringLiteral("rps") << -1 << QStringLiteral("12 rd/s");
    QTest::newRow("wps") << 12.0 << QStringLiteral("wps") << -1 << QStringLiteral("12 wr/s");
    QTest::newRow("iops") << 12.0 << QStringLiteral("iops") << -1 << QStringLiteral("12 io/s");
    QTest::newRow("eps") << 12.0 << QStringLiteral("eps") << -1 << QStringLiteral("12 evt/s");
    QTest::newRow("ops") << 2500.0 << QStringLiteral("ops") << -1 << QStringLiteral("2.50K ops/s");
    QTest::newRow("hertz") << 2600000000.0 << QStringLiteral("hertz") << -1 << QStringLiteral("2.60 GHz");
    QTest::newRow("celsius") << 48.25 << QStringLiteral("celsius") << -1 << QStringLiteral("48.3 °C");
    QTest::newRow("decbits") << 1000.0 << QStringLiteral("decbits") << -1 << QStringLiteral("1 kb");
    QTest::newRow("rotrpm") << 1200.0 << QStringLiteral("rotrpm") << -1 << QStringLiteral("1200 rpm");
    QTest::newRow("currency negative")
        << -12.0 << QStringLiteral("currencyEUR") << -1 << QStringLiteral("-€12");
    QTest::newRow("currency suffix") << 12.0 << QStringLiteral("currencySEK") << -1 << QStringLiteral("12kr");
    // Durations, clocks, booleans.
    QTest::newRow("dtdurations") << 1.0 << QStringLiteral("dtdurations") << 0 << QStringLiteral("1 second");
    QTest::newRow("dtdurations 2") << 129600.0 << QStringLiteral("dtdurations") << 2
                                   << QStringLiteral("1 day, 12 hours, 0 minutes");
    QTest::newRow("dtdurationms ago")
        << -1.0 << QStringLiteral("dtdurationms") << 0 << QStringLiteral("1 millisecond ago");
    QTest::newRow("dthms") << 3723.0 << QStringLiteral("dthms") << -1 << QStringLiteral("01:02:03");
    QTest::newRow("dtdhms") << 90061.0 << QStringLiteral("dtdhms") << -1 << QStringLiteral("1 d 01:01:01");
    QTest::newRow("clockms") << 7199999.0 << QStringLiteral("clockms") << -1
                             << QStringLiteral("01h:59m:59s:999ms");
    QTest::newRow("clockms 1") << 7199999.0 << QStringLiteral("clockms") << 1 << QStringLiteral("01h:59m");
    QTest::newRow("clocks") << 59.999 << QStringLiteral("clocks") << -1 << QStringLiteral("59s:999ms");
    QTest::newRow("bool") << 1.0 << QStringLiteral("bool") << -1 << QStringLiteral("True");
    QTest::newRow("bool_yes_no") << 0.0 << QStringLiteral("bool_yes_no") << -1 << QStringLiteral("No");
    QTest::newRow("bool_on_off") << 1.0 << QStringLiteral("bool_on_off") << -1 << QStringLiteral("On");
    // Misc.
    QTest::newRow("hex") << 255.0 << QStringLiteral("hex") << 0 << QStringLiteral("FF");
    QTest::newRow("hex0x") << 255.0 << QStringLiteral("hex0x") << 0 << QStringLiteral("0xFF");
    QTest::newRow("sci") << 12345.0 << QStringLiteral("sci") << 2 << QStringLiteral("1.23e+4");
    QTest::newRow("string") << 0.1 << QStringLiteral("string") << -1 << QStringLiteral("0.1");
    // Custom units.
    QTest::newRow("suffix") << 14.4 << QStringLiteral("suffix:x") << 1 << QStringLiteral("14.4 x");
    QTest::newRow("prefix") << 3.0 << QStringLiteral("prefix:$") << -1 << QStringLiteral("$3");
    QTest::newRow("si") << 2500.0 << QStringLiteral("si:mF") << -1 << QStringLiteral("2.50 F");
    QTest::newRow("count") << 2500.0 << QStringLiteral("count:pods") << -1 << QStringLiteral("2.50K pods");
    QTest::newRow("currency custom") << 12.0 << QStringLiteral("currency:NZ$") << -1
                                     << QStringLiteral("NZ$12");
    QTest::newRow("bool custom") << 0.0 << QStringLiteral("bool:Up/Down") << -1 << QStringLiteral("Down");
    // Free text is a unit written after the number, as Grafana does.
    QTest::newRow("free text") << 12.0 << QStringLiteral("read/s") << -1 << QStringLiteral("12 read/s");
    QTest::newRow("nan") << qQNaN() << QStringLiteral("s") << -1 << QStringLiteral("NaN");
    QTest::newRow("inf") << qInf() << QStringLiteral("short") << -1 << QStringLiteral("\u221e");
}

void TstUnitFormat::format()
{
    QFETCH(double, value);
    QFETCH(QString, unit);
    QFETCH(int, decimals);
    QFETCH(QString, out);
    QCOMPARE(UnitFormat::format(value, unit, decimals), out);
}

void TstUnitFormat::toFixed_data()
{
    QTest::addColumn<double>("value");
    QTest::addColumn<int>("decimals");
    QTest::addColumn<QString>("out");
    // Grafana's valueFormats.test.ts "toFixed".
    QTest::newRow("100") << 100.0 << -1 << QStringLiteral("100");
    QTest::newRow("100.4") << 100.4 << -1 << QStringLiteral("100");
    QTest::newRow("100.5") << 100.5 << -1 << QStringLiteral("101");
    QTest::newRow("100,1") << 100.0 << 1 << QStringLiteral("100.0");
    QTest::newRow("100.37,1") << 100.37 << 1 << QStringLiteral("100.4");
    QTest::newRow("100.63,1") << 100.63 << 1 << QStringLiteral("100.6");
    QTest::newRow("100.4,2") << 100.4 << 2 << QStringLiteral("100.40");
    QTest::newRow("tiny") << 0.0000001 << -1 << QStringLiteral("1e-7");
    QTest::newRow("0.0123") << 0.0123 << -1 << QStringLiteral("0.0123");
    QTest::newRow("12.34") << 12.34 << -1 << QStringLiteral("12.3");
    QTest::newRow("nan") << qQNaN() << -1 << QStringLiteral("NaN");
}

void TstUnitFormat::toFixed()
{
    QFETCH(double, value);
    QFETCH(int, decimals);
    QFETCH(QString, out);
    QCOMPARE(NumberText::toFixed(value, decimals), out);
}

void TstUnitFormat::kinds()
{
    QCOMPARE(UnitFormat::kind(QStringLiteral("binBps")), UnitFormat::Kind::Catalogue);
    QCOMPARE(UnitFormat::kind(QStringLiteral("%")), UnitFormat::Kind::Catalogue);
    QCOMPARE(UnitFormat::kind(QStringLiteral("suffix:x")), UnitFormat::Kind::Custom);
    QCOMPARE(UnitFormat::kind(QStringLiteral("furlongs")), UnitFormat::Kind::FreeText);
    QCOMPARE(UnitFormat::kind(QString()), UnitFormat::Kind::None);
    QCOMPARE(UnitFormat::kind(QStringLiteral("farenheit")), UnitFormat::Kind::Catalogue); // Grafana's old id
    QVERIFY(UnitFormat::isKnown(QStringLiteral("furlongs")));
}

void TstUnitFormat::everyCatalogueUnitFormats()
{
    // Every id of the catalogue is one Grafana formats itself (not a free-text fallback) and writes
    // something.
    const QStringList ids = UnitFormat::catalogue();
    QVERIFY(ids.size() > 250);
    for (const QString &id : ids) {
        QCOMPARE(UnitFormat::kind(id), UnitFormat::Kind::Catalogue);
        QVERIFY2(!UnitFormat::format(1234.5, id).isEmpty(), qPrintable(id));
    }
}

QTEST_GUILESS_MAIN(TstUnitFormat)
#include "tst_unitformat.moc"
