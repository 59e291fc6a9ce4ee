#include "logs/LineAnalyzer.h"
#include "logs/LineSplitter.h"

#include <QRandomGenerator>
#include <QTest>

using namespace Sitrep::Logs;

class TstLineSplitter : public QObject
{
    Q_OBJECT
private slots:
    void split_data();
    void split();
    void longLineIsTruncated();
    void binaryGarbageSurvives();
    void invalidUtf8IsReplaced();

private:
    static QList<QByteArray> run(const QByteArray &input, int chunk, qsizetype max = 1024 * 1024,
                                 QList<qsizetype> *dropped = nullptr);
};

QList<QByteArray> TstLineSplitter::run(const QByteArray &input, int chunk, qsizetype max,
                                       QList<qsizetype> *dropped)
{
    LineSplitter s(max);
    QList<QByteArray> out;
    auto sink = [&](QByteArrayView l, qsizetype d) {
        out.append(l.toByteArray());
        if (dropped)
            dropped->append(d);
    };
    for (qsizetype i = 0; i < input.size(); i += chunk)
        s.feed(QByteArrayView(input).sliced(i, qMin<qsizetype>(chunk, input.size() - i)), sink);
    s.finish(sink);
    return out;
}

void TstLineSplitter::split_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QList<QByteArray>>("lines");
    const QList<QByteArray> abc{"alpha", "beta", "gamma"};
    QTest::newRow("plain") << QByteArray("alpha\nbeta\ngamma\n") << abc;
    QTest::newRow("no trailing newline") << QByteArray("alpha\nbeta\ngamma") << abc;
    QTest::newRow("crlf") << QByteArray("alpha\r\nbeta\r\ngamma\r\n") << abc;
    QTest::newRow("empty lines") << QByteArray("a\n\nb\n") << QList<QByteArray>{"a", "", "b"};
    QTest::newRow("only newline") << QByteArray("\n") << QList<QByteArray>{""};
    QTest::newRow("empty stream") << QByteArray() << QList<QByteArray>{};
    QTest::newRow("nul bytes") << QByteArray("a\0b\nc", 5) << QList<QByteArray>{QByteArray("a\0b", 3), "c"};
}

void TstLineSplitter::split()
{
    QFETCH(QByteArray, input);
    QFETCH(QList<QByteArray>, lines);
    // Every chunking must give the same lines: lines straddle reads at every possible point.
    for (int chunk : {1, 2, 3, 5, 7, 64, 100000})
        QCOMPARE(run(input, chunk), lines);
}

void TstLineSplitter::longLineIsTruncated()
{
    const QByteArray big(3 * 1024 * 1024 + 17, 'x');
    const QByteArray input = "before\n" + big + "\nafter\n";
    for (int chunk : {4096, 65536, 1 << 22}) {
        QList<qsizetype> dropped;
        const QList<QByteArray> out = run(input, chunk, 1024 * 1024, &dropped);
        QCOMPARE(out.size(), 3);
        QCOMPARE(out[0], QByteArray("before"));
        QCOMPARE(out[1].size(), 1024 * 1024);
        QCOMPARE(dropped[1], big.size() - 1024 * 1024);
        QCOMPARE(out[2], QByteArray("after"));
        QCOMPARE(dropped[2], 0);
    }
    // A huge last line without newline is truncated too.
    QList<qsizetype> dropped;
    const QList<QByteArray> out = run(big, 65536, 1000, &dropped);
    QCOMPARE(out.size(), 1);
    QCOMPARE(out[0].size(), 1000);
    QCOMPARE(dropped[0], big.size() - 1000);
}

void TstLineSplitter::binaryGarbageSurvives()
{
    QRandomGenerator rng(42);
    QByteArray junk(2 * 1024 * 1024, Qt::Uninitialized);
    for (char &c : junk)
        c = char(rng.bounded(256));
    const QList<QByteArray> out = run(junk, 1500, 4096);
    qsizetype total = 0;
    for (const QByteArray &l : out) {
        QVERIFY(l.size() <= 4096);
        QVERIFY(!l.contains('\n'));
        total += l.size();
        quint8 flags = 0;
        LineAnalyzer::detect(l, &flags); // must not crash or hang
        QVERIFY(LineAnalyzer::displayText(l, flags).size() <= 4002);
    }
    QVERIFY(out.size() > 1000);
    QVERIFY(total > 0);
}

void TstLineSplitter::invalidUtf8IsReplaced()
{
    const QByteArray bad("ok \xff\xfe then \xc3 end\x01");
    const QString text = LineAnalyzer::displayText(bad, 0);
    QVERIFY(text.startsWith(QStringLiteral("ok ")));
    QVERIFY(text.contains(QChar(0xfffd)));
    QVERIFY(text.contains(QStringLiteral(" end")));
    QVERIFY(text.endsWith(QChar(0x2401))); // control character shown as a picture
}

QTEST_GUILESS_MAIN(TstLineSplitter)
#include "tst_linesplitter.moc"
