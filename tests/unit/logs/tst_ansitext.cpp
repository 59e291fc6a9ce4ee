// ANSI colours in log lines: the spans the logs pane draws, and the same text search and filter see.
#include "logs/AnsiText.h"
#include "logs/LineAnalyzer.h"

#include <QTest>

using namespace Sitrep::Logs;

class TstAnsiText final : public QObject
{
    Q_OBJECT
private slots:
    void basicColoursAndReset();
    void extendedColours();
    void textMatchesStripping_data();
    void textMatchesStripping();
};

void TstAnsiText::basicColoursAndReset()
{
    QString text;
    const auto spans = AnsiText::parse("\x1b[1;31mERROR\x1b[0m db \x1b[32mok\x1b[39m done\x1b[m", &text);
    QCOMPARE(text, QStringLiteral("ERROR db ok done"));
    QCOMPARE(spans.size(), 4);
    QCOMPARE(spans[0], (AnsiSpan{0, 5, AnsiText::xtermColor(1), 0, true}));
    QCOMPARE(spans[1], (AnsiSpan{5, 4, 0, 0, false}));
    QCOMPARE(spans[2], (AnsiSpan{9, 2, AnsiText::xtermColor(2), 0, false}));
    QCOMPARE(spans[3], (AnsiSpan{11, 5, 0, 0, false}));
    QCOMPARE(AnsiText::xtermColor(1), 0xffcd0000u);
    // Bright colours, background, and an attribute change that changes nothing merges runs.
    const auto bright = AnsiText::parse("\x1b[93;41mW\x1b[1m\x1b[22mX\x1b[49mY", &text);
    QCOMPARE(text, QStringLiteral("WXY"));
    QCOMPARE(bright.size(), 2);
    QCOMPARE(bright[0], (AnsiSpan{0, 2, 0xffffff00u, 0xffcd0000u, false}));
    QCOMPARE(bright[1], (AnsiSpan{2, 1, 0xffffff00u, 0, false}));
}

void TstAnsiText::extendedColours()
{
    QString text;
    const auto spans = AnsiText::parse("\x1b[38;5;208mA\x1b[38;2;10;20;30;48;5;232mB\x1b[38;5mC", &text);
    QCOMPARE(text, QStringLiteral("ABC"));
    QCOMPARE(spans[0].fg, 0xffff8700u); // xterm 208
    QCOMPARE(spans[1].fg, 0xff0a141eu);
    QCOMPARE(spans[1].bg, 0xff080808u); // grey ramp start
    QCOMPARE(spans.size(), 2);          // "38;5" without an index is ignored: C keeps B's colours
    QCOMPARE(spans[1].length, 2);
    QCOMPARE(AnsiText::xtermColor(16), 0xff000000u);
    QCOMPARE(AnsiText::xtermColor(231), 0xffffffffu);
    QCOMPARE(AnsiText::xtermColor(256), 0u);
}

void TstAnsiText::textMatchesStripping_data()
{
    QTest::addColumn<QByteArray>("raw");
    QTest::newRow("osc title") << QByteArray("\x1b]0;title\x07visible\x1b[31m red");
    QTest::newRow("cursor moves") << QByteArray("\x1b[2K\x1b[1Gprogress 50%");
    QTest::newRow("utf-8 in colour") << QByteArray("\x1b[36mcaf\xc3\xa9 \xe2\x9c\x93\x1b[0m");
    QTest::newRow("cut at the escape") << QByteArray("tail \x1b[");
    QTest::newRow("invalid utf-8") << QByteArray("\x1b[31m\xff\xfe bad\x1b[0m");
    QTest::newRow("huge parameter") << QByteArray("\x1b[99999999999999999999mX");
}

void TstAnsiText::textMatchesStripping()
{
    QFETCH(QByteArray, raw);
    QString text;
    const auto spans = AnsiText::parse(raw, &text);
    QCOMPARE(text, QString::fromUtf8(LineAnalyzer::stripAnsi(raw)));
    int covered = 0;
    for (const AnsiSpan &s : spans) {
        QCOMPARE(s.start, covered); // spans tile the text, no gaps or overlaps
        covered += s.length;
    }
    QCOMPARE(covered, int(text.size()));
}

QTEST_GUILESS_MAIN(TstAnsiText)
#include "tst_ansitext.moc"
