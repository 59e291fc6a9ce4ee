// Watch stream framing: events straddling reads, several per read, CRLF, blank lines, the size limit.
#include "kube/WatchLineBuffer.h"

#include <QTest>

using namespace Sitrep::Kube;

class TstWatchLineBuffer final : public QObject
{
    Q_OBJECT
private slots:
    void splits_data();
    void splits();
    void everySplitPoint();
    void overflow();
};

void TstWatchLineBuffer::splits_data()
{
    QTest::addColumn<QList<QByteArray>>("reads");
    QTest::addColumn<QList<QByteArray>>("lines");
    QTest::addColumn<int>("pending");
    QTest::newRow("one") << QList<QByteArray>{"{\"a\":1}\n"} << QList<QByteArray>{"{\"a\":1}"} << 0;
    QTest::newRow("two in one read") << QList<QByteArray>{"{\"a\":1}\n{\"b\":2}\n"}
                                     << QList<QByteArray>{"{\"a\":1}", "{\"b\":2}"} << 0;
    QTest::newRow("straddling") << QList<QByteArray>{"{\"a\":", "1}\n{\"b\"", ":2}\n"}
                                << QList<QByteArray>{"{\"a\":1}", "{\"b\":2}"} << 0;
    QTest::newRow("unfinished tail") << QList<QByteArray>{"{\"a\":1}\n{\"b\""}
                                     << QList<QByteArray>{"{\"a\":1}"} << 4;
    QTest::newRow("crlf and blanks") << QList<QByteArray>{"{\"a\":1}\r\n\n\r\n{\"b\":2}\n"}
                                     << QList<QByteArray>{"{\"a\":1}", "{\"b\":2}"} << 0;
    QTest::newRow("newline alone") << QList<QByteArray>{"{\"a\":1}", "\n"} << QList<QByteArray>{"{\"a\":1}"}
                                   << 0;
}

void TstWatchLineBuffer::splits()
{
    QFETCH(QList<QByteArray>, reads);
    QFETCH(QList<QByteArray>, lines);
    QFETCH(int, pending);
    WatchLineBuffer b;
    QList<QByteArray> got;
    for (const QByteArray &r : reads)
        got << b.append(r);
    QCOMPARE(got, lines);
    QCOMPARE(int(b.pending()), pending);
}

void TstWatchLineBuffer::everySplitPoint()
{
    const QByteArray stream = "{\"type\":\"ADDED\",\"object\":{\"x\":\"\u00e9\"}}\n{\"type\":\"DELETED\"}\n{"
                              "\"type\":\"BOOKMARK\"}\n";
    for (int i = 0; i <= stream.size(); ++i) {
        for (int j = i; j <= stream.size(); ++j) {
            WatchLineBuffer b;
            QList<QByteArray> got = b.append(stream.left(i));
            got << b.append(stream.mid(i, j - i));
            got << b.append(stream.mid(j));
            QCOMPARE(got.size(), 3);
            QCOMPARE(got.at(1), QByteArray("{\"type\":\"DELETED\"}"));
        }
    }
}

void TstWatchLineBuffer::overflow()
{
    WatchLineBuffer b(16);
    QVERIFY(b.append("0123456789").isEmpty());
    QVERIFY(!b.overflowed());
    QVERIFY(b.append("0123456789").isEmpty());
    QVERIFY(b.overflowed());
    QVERIFY(b.append("\n{}\n").isEmpty()); // a broken stream stays broken until cleared
    b.clear();
    QCOMPARE(b.append("{}\n").size(), 1);
}

QTEST_GUILESS_MAIN(TstWatchLineBuffer)
#include "tst_watchlinebuffer.moc"
