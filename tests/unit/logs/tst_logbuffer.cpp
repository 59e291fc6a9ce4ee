#include "logs/LogBuffer.h"

#include <QTest>

using namespace Sitrep::Logs;

class TstLogBuffer : public QObject
{
    Q_OBJECT
private slots:
    void appendAndRead();
    void evictionCountsAndFreesBlocks();
    void bigLines();
    void shrinkAndClear();
};

static QByteArray textOf(int i)
{
    return "line " + QByteArray::number(i) + QByteArray(i % 50, 'x');
}

void TstLogBuffer::appendAndRead()
{
    LogBuffer b(100);
    for (int i = 0; i < 10; ++i)
        b.append(qint64(i) * 1000, quint16(i % 3), LogLevel(i % 7), quint8(i), textOf(i));
    QCOMPARE(b.size(), 10);
    QCOMPARE(b.firstSeq(), quint64(0));
    QCOMPARE(b.endSeq(), quint64(10));
    for (quint64 s = 0; s < 10; ++s) {
        QCOMPARE(b.text(s).toByteArray(), textOf(int(s)));
        QCOMPARE(b.entry(s).tsNs, qint64(s) * 1000);
        QCOMPARE(b.entry(s).source, quint16(s % 3));
        QCOMPARE(b.line(s).level, LogLevel(s % 7));
    }
    QCOMPARE(b.evicted(), quint64(0));
}

void TstLogBuffer::evictionCountsAndFreesBlocks()
{
    LogBuffer b(1000);
    const int n = 250000;
    for (int i = 0; i < n; ++i)
        b.append(i, 0, LogLevel::Info, 0, textOf(i));
    QCOMPARE(b.size(), 1000);
    QCOMPARE(b.evicted(), quint64(n - 1000));
    QCOMPARE(b.firstSeq(), quint64(n - 1000));
    QVERIFY(!b.contains(0));
    QVERIFY(b.contains(quint64(n - 1)));
    for (quint64 s = b.firstSeq(); s < b.endSeq(); ++s)
        QCOMPARE(b.text(s).toByteArray(), textOf(int(s)));
    // 250k lines of ~50 bytes went through; only the live lines' blocks remain.
    QVERIFY2(b.memoryBytes() < 4 * 1024 * 1024, QByteArray::number(b.memoryBytes()));
}

void TstLogBuffer::bigLines()
{
    LogBuffer b(10);
    const QByteArray big(3 * 1024 * 1024, 'b');
    b.append(1, 0, LogLevel::Unknown, 0, "small");
    b.append(2, 0, LogLevel::Unknown, 0, big);
    b.append(3, 0, LogLevel::Unknown, 0, "after");
    QCOMPARE(b.text(0).toByteArray(), QByteArray("small"));
    QCOMPARE(b.text(1).size(), big.size());
    QCOMPARE(b.text(2).toByteArray(), QByteArray("after"));
    for (int i = 0; i < 20; ++i)
        b.append(10 + i, 0, LogLevel::Unknown, 0, "filler");
    QVERIFY(b.memoryBytes() < 3 * 1024 * 1024); // the big block was freed with its line
}

void TstLogBuffer::shrinkAndClear()
{
    LogBuffer b(100);
    for (int i = 0; i < 150; ++i)
        b.append(i, 0, LogLevel::Info, 0, textOf(i));
    QCOMPARE(b.evicted(), quint64(50));
    b.setCapacity(20);
    QCOMPARE(b.size(), 20);
    QCOMPARE(b.evicted(), quint64(130));
    QCOMPARE(b.text(b.firstSeq()).toByteArray(), textOf(130));
    b.append(999, 0, LogLevel::Info, 0, "new");
    QCOMPARE(b.text(b.endSeq() - 1).toByteArray(), QByteArray("new"));
    QCOMPARE(b.text(b.firstSeq()).toByteArray(), textOf(131));
    b.setCapacity(1000);
    for (int i = 0; i < 30; ++i)
        b.append(i, 0, LogLevel::Info, 0, textOf(i));
    QCOMPARE(b.size(), 50);
    QCOMPARE(b.text(b.firstSeq()).toByteArray(), textOf(131));
    const quint64 end = b.endSeq();
    b.clear();
    QVERIFY(b.isEmpty());
    QCOMPARE(b.firstSeq(), end); // numbers continue
    b.append(1, 0, LogLevel::Info, 0, "again");
    QCOMPARE(b.text(end).toByteArray(), QByteArray("again"));
}

QTEST_GUILESS_MAIN(TstLogBuffer)
#include "tst_logbuffer.moc"
