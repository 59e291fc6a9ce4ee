#include "logs/LogTimestamp.h"

#include <QDateTime>
#include <QTest>
#include <QTimeZone>

using namespace Sitrep::Logs;

class TstLogTimestamp : public QObject
{
    Q_OBJECT
private slots:
    void parse_data();
    void parse();
    void roundTrip();
    void splitPrefix();
};

void TstLogTimestamp::parse_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<qint64>("ns");
    const qint64 base = QDateTime(QDate(2026, 11, 23), QTime(7, 0, 0), QTimeZone::utc()).toSecsSinceEpoch();
    QTest::newRow("nano") << QByteArray("2026-11-23T07:00:00.123456789Z") << true
                          << base * 1000000000 + 123456789;
    QTest::newRow("micro") << QByteArray("2026-11-23T07:00:00.123456Z") << true
                           << base * 1000000000 + 123456000;
    QTest::newRow("no fraction") << QByteArray("2026-11-23T07:00:00Z") << true << base * 1000000000;
    QTest::newRow("offset") << QByteArray("2026-11-23T09:30:00.5+02:30") << true
                            << base * 1000000000 + 500000000;
    QTest::newRow("negative offset") << QByteArray("2026-11-23T06:00:00-01:00") << true << base * 1000000000;
    QTest::newRow("too many digits") << QByteArray("2026-11-23T07:00:00.1234567891Z") << true
                                     << base * 1000000000 + 123456789;
    QTest::newRow("leap year")
        << QByteArray("2024-02-29T00:00:00Z") << true
        << QDateTime(QDate(2024, 2, 29), QTime(0, 0), QTimeZone::utc()).toSecsSinceEpoch() * 1000000000;
    QTest::newRow("garbage") << QByteArray("hello world, no time here") << false << qint64(0);
    QTest::newRow("no zone") << QByteArray("2026-11-23T07:00:00.123") << false << qint64(0);
    QTest::newRow("bad month") << QByteArray("2026-13-23T07:00:00Z") << false << qint64(0);
    QTest::newRow("empty fraction") << QByteArray("2026-11-23T07:00:00.Z") << false << qint64(0);
    QTest::newRow("short") << QByteArray("2026-11-23") << false << qint64(0);
}

void TstLogTimestamp::parse()
{
    QFETCH(QByteArray, text);
    QFETCH(bool, ok);
    QFETCH(qint64, ns);
    const auto r = LogTimestamp::parse(text);
    QCOMPARE(r.has_value(), ok);
    if (ok)
        QCOMPARE(*r, ns);
}

void TstLogTimestamp::roundTrip()
{
    for (qint64 ns : {qint64(0), qint64(1763881200123456789), qint64(1763881200000000001)}) {
        const QByteArray s = LogTimestamp::format(ns);
        QCOMPARE(s.size(), 30);
        QCOMPARE(LogTimestamp::parse(s).value_or(-1), ns);
    }
    QCOMPARE(LogTimestamp::format(1763881200123456789), QByteArray("2025-11-23T07:00:00.123456789Z"));
}

void TstLogTimestamp::splitPrefix()
{
    QByteArrayView rest;
    const auto ts = LogTimestamp::splitPrefix("2026-11-23T07:00:00.000000001Z hello world", &rest);
    QVERIFY(ts.has_value());
    QCOMPARE(*ts % 1000000000, 1);
    QCOMPARE(rest.toByteArray(), QByteArray("hello world"));
    QVERIFY(LogTimestamp::splitPrefix("2026-11-23T07:00:00Zhello", &rest) == std::nullopt);
    QVERIFY(LogTimestamp::splitPrefix("2026-11-23T07:00:00Z", &rest).has_value());
    QVERIFY(rest.isEmpty());
}

QTEST_GUILESS_MAIN(TstLogTimestamp)
#include "tst_logtimestamp.moc"
