#include "logs/LineAnalyzer.h"
#include "logs/LogFilter.h"

#include <QTest>

using namespace Sitrep::Logs;

// A known corpus: which lines a filter keeps is checked line by line.
class TstLogFilter : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void filter_data();
    void filter();
    void invalidRegex();
    void searchIgnoresExclude();
    void matchRanges_data();
    void matchRanges();

private:
    LogBuffer m_buffer;
};

static const char *const kCorpus[] = {
    /* 0 */ "INFO started server on :8080",
    /* 1 */ "ERROR upstream connect error: Connection refused",
    /* 2 */ "{\"level\":\"warn\",\"msg\":\"slow query\",\"ms\":1200}",
    /* 3 */ "GET /api/orders 200 12ms",
    /* 4 */ "GET /api/orders 502 3001ms",
    /* 5 */ "\x1b[31mFATAL\x1b[0m out of memory",
    /* 6 */ "Zürich datacenter: Latency HIGH",
    /* 7 */ "debug: cache hit ratio 0.93",
    /* 8 */ "java.lang.IllegalStateException: order 42 already paid",
    /* 9 */ "POST /api/pay 500 15ms",
};

void TstLogFilter::initTestCase()
{
    int i = 0;
    for (const char *t : kCorpus) {
        quint8 flags = 0;
        const QByteArray text(t);
        const LogLevel level = LineAnalyzer::detect(text, &flags);
        m_buffer.append(i, quint16(i % 3), level, flags, text); // sources 0,1,2
        ++i;
    }
    // A divider written by Sitrep: markers survive text and level filters.
    m_buffer.append(100, 0, LogLevel::Unknown, MarkerLine, "-- container restarted --");
}

void TstLogFilter::filter_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("regex");
    QTest::addColumn<bool>("cs");
    QTest::addColumn<bool>("exclude");
    QTest::addColumn<int>("minLevel");
    QTest::addColumn<QList<int>>("hidden");
    QTest::addColumn<QList<int>>("kept");
    const QList<int> none;
    const int any = int(LogLevel::Unknown);
    QTest::newRow("no filter") << QString() << false << false << false << any << none
                               << QList<int>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    QTest::newRow("plain ci") << QStringLiteral("orders") << false << false << false << any << none
                              << QList<int>{3, 4, 10};
    QTest::newRow("plain ci upper") << QStringLiteral("ERROR") << false << false << false << any << none
                                    << QList<int>{1, 10};
    QTest::newRow("plain cs") << QStringLiteral("Error") << false << true << false << any << none
                              << QList<int>{10};
    QTest::newRow("ansi stripped") << QStringLiteral("FATAL out") << false << true << false << any << none
                                   << QList<int>{5, 10};
    QTest::newRow("non-ascii ci") << QStringLiteral("ZÜRICH") << false << false << false << any << none
                                  << QList<int>{6, 10};
    QTest::newRow("regex 5xx") << QStringLiteral(" 5\\d\\d ") << true << false << false << any << none
                               << QList<int>{4, 9, 10};
    QTest::newRow("exclude GET") << QStringLiteral("GET ") << false << true << true << any << none
                                 << QList<int>{0, 1, 2, 5, 6, 7, 8, 9, 10};
    QTest::newRow("level warn+") << QString() << false << false << false << int(LogLevel::Warn) << none
                                 << QList<int>{1, 2, 5, 8, 10};
    QTest::newRow("level error+ and text") << QStringLiteral("order") << false << false << false
                                           << int(LogLevel::Error) << none << QList<int>{8, 10};
    QTest::newRow("pod hidden") << QString() << false << false << false << any << QList<int>{0}
                                << QList<int>{1, 2, 4, 5, 7, 8};
}

void TstLogFilter::filter()
{
    QFETCH(QString, text);
    QFETCH(bool, regex);
    QFETCH(bool, cs);
    QFETCH(bool, exclude);
    QFETCH(int, minLevel);
    QFETCH(QList<int>, hidden);
    QFETCH(QList<int>, kept);
    FilterSpec spec;
    spec.text = text;
    spec.regex = regex;
    spec.caseSensitive = cs;
    spec.exclude = exclude;
    spec.minLevel = LogLevel(minLevel);
    for (int h : hidden)
        spec.hiddenSources.insert(quint16(h));
    const LogFilter f(spec);
    QVERIFY(f.isValid());
    QList<int> got;
    for (quint64 s = m_buffer.firstSeq(); s < m_buffer.endSeq(); ++s) {
        if (f.accepts(m_buffer, s))
            got.append(int(s));
    }
    QCOMPARE(got, kept);
}

void TstLogFilter::invalidRegex()
{
    FilterSpec spec;
    spec.text = QStringLiteral("(unclosed");
    spec.regex = true;
    const LogFilter f(spec);
    QVERIFY(!f.isValid());
    QVERIFY(f.errorString().contains(QStringLiteral("regular expression")));
}

void TstLogFilter::searchIgnoresExclude()
{
    FilterSpec spec;
    spec.text = QStringLiteral("refused");
    spec.exclude = true;
    const LogFilter f(spec);
    QVERIFY(f.textMatches(m_buffer.text(1), 0));
    QVERIFY(!f.accepts(m_buffer, 1));
}

using Ranges = QList<QPair<int, int>>;

void TstLogFilter::matchRanges_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("regex");
    QTest::addColumn<bool>("caseSensitive");
    QTest::addColumn<QString>("line");
    QTest::addColumn<Ranges>("expected");
    QTest::newRow("plain, folded") << QStringLiteral("err") << false << false
                                   << QStringLiteral("ERR: err and Err") << Ranges{{0, 3}, {5, 3}, {13, 3}};
    QTest::newRow("plain, case") << QStringLiteral("err") << false << true
                                 << QStringLiteral("ERR: err and Err") << Ranges{{5, 3}};
    QTest::newRow("regex") << QStringLiteral("\\d+ms") << true << false
                           << QStringLiteral("took 12ms then 7ms") << Ranges{{5, 4}, {15, 3}};
    QTest::newRow("empty matches skipped")
        << QStringLiteral("x*") << true << false << QStringLiteral("axxb") << Ranges{{1, 2}};
    QTest::newRow("non-ASCII") << QStringLiteral("über") << false << false << QStringLiteral("Zu ÜBER")
                               << Ranges{{3, 4}};
}

void TstLogFilter::matchRanges()
{
    QFETCH(QString, text);
    QFETCH(bool, regex);
    QFETCH(bool, caseSensitive);
    QFETCH(QString, line);
    QFETCH(Ranges, expected);
    FilterSpec spec;
    spec.text = text;
    spec.regex = regex;
    spec.caseSensitive = caseSensitive;
    QCOMPARE(LogFilter(spec).matchRanges(line), expected);
}

QTEST_GUILESS_MAIN(TstLogFilter)
#include "tst_logfilter.moc"
