#include "sim/PodLogs.h"

#include <QSignalSpy>
#include <QtTest>

using Sitrep::Sim::LogQuery;
using Sitrep::Sim::PodLogs;

class TstPodLogs final : public QObject
{
    Q_OBJECT
private slots:
    void query_data();
    void query();
    void previousRunAfterRotate();
};

void TstPodLogs::query_data()
{
    QTest::addColumn<int>("tail");
    QTest::addColumn<qint64>("since");
    QTest::addColumn<qint64>("limit");
    QTest::addColumn<bool>("timestamps");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("all") << -1 << qint64(-1) << qint64(-1) << false << QByteArray("l1\nl2\nl3\n");
    QTest::newRow("tail 2") << 2 << qint64(-1) << qint64(-1) << false << QByteArray("l2\nl3\n");
    QTest::newRow("tail 0") << 0 << qint64(-1) << qint64(-1) << false << QByteArray();
    QTest::newRow("since") << -1 << qint64(2000) << qint64(-1) << false << QByteArray("l2\nl3\n");
    QTest::newRow("limit bytes") << -1 << qint64(-1) << qint64(4) << false << QByteArray("l1\nl");
    QTest::newRow("timestamps") << 1 << qint64(-1) << qint64(-1) << true
                                << QByteArray("1970-01-01T00:00:03.000000000Z l3\n");
}

void TstPodLogs::query()
{
    QFETCH(int, tail);
    QFETCH(qint64, since);
    QFETCH(qint64, limit);
    QFETCH(bool, timestamps);
    QFETCH(QByteArray, expected);
    PodLogs logs;
    QSignalSpy appended(&logs, &PodLogs::lineAppended);
    for (int i = 1; i <= 3; ++i)
        logs.append(QStringLiteral("ns"), QStringLiteral("p"), QStringLiteral("c"), i * 1000,
                    QStringLiteral("l%1").arg(i));
    QCOMPARE(appended.count(), 3);
    LogQuery q;
    q.tailLines = tail;
    q.sinceMs = since;
    q.limitBytes = limit;
    q.timestamps = timestamps;
    QCOMPARE(logs.read(QStringLiteral("ns"), QStringLiteral("p"), QStringLiteral("c"), q), expected);
}

void TstPodLogs::previousRunAfterRotate()
{
    PodLogs logs;
    logs.append(QStringLiteral("ns"), QStringLiteral("p"), QStringLiteral("c"), 1,
                QStringLiteral("FATAL: boom"));
    QVERIFY(!logs.hasPrevious(QStringLiteral("ns"), QStringLiteral("p"), QStringLiteral("c")));
    logs.rotate(QStringLiteral("ns"), QStringLiteral("p"), QStringLiteral("c"));
    logs.append(QStringLiteral("ns"), QStringLiteral("p"), QStringLiteral("c"), 2,
                QStringLiteral("starting"));
    LogQuery q;
    q.previous = true;
    QCOMPARE(logs.read(QStringLiteral("ns"), QStringLiteral("p"), QStringLiteral("c"), q),
             QByteArray("FATAL: boom\n"));
    q.previous = false;
    QCOMPARE(logs.read(QStringLiteral("ns"), QStringLiteral("p"), QStringLiteral("c"), q),
             QByteArray("starting\n"));
    QSignalSpy ended(&logs, &PodLogs::runEnded);
    logs.removePod(QStringLiteral("ns"), QStringLiteral("p"));
    QCOMPARE(ended.count(), 1);
    QVERIFY(logs.read(QStringLiteral("ns"), QStringLiteral("p"), QStringLiteral("c"), q).isEmpty());
}

QTEST_GUILESS_MAIN(TstPodLogs)
#include "tst_podlogs.moc"
