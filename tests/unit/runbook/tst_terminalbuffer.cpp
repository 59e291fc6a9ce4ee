#include "RunOutputPanel.h"
#include "SqlResultModel.h"
#include "TerminalBuffer.h"
#include "TerminalView.h"

#include <QAbstractItemModelTester>
#include <QClipboard>
#include <QGuiApplication>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

using namespace Sitrep::Ui;

// What a command's terminal shows: text, colours, carriage returns, line editing; the output panel's input
// line and its SQL table.
class TstTerminalBuffer : public QObject
{
    Q_OBJECT
private slots:
    void plainLines();
    void carriageReturnOverwrites();
    void coloursBecomeSpans();
    void eraseAndCursorMoves();
    void sequencesCutAcrossChunks();
    void utf8CutAcrossChunks();
    void otherSequencesAreDropped();
    void clearScreen();
    void lineCap();
    void viewDrawsColours();
    void inputLineSendsBytes();
    void tableCopiesAsTsv();
};

void TstTerminalBuffer::plainLines()
{
    TerminalBuffer b;
    b.feed("one\ntwo\r\nthree");
    QCOMPARE(b.plainText(), QStringLiteral("one\ntwo\nthree"));
    QCOMPARE(b.lineCount(), 3);
    b.feed("\tx");
    QCOMPARE(b.line(2).text, QStringLiteral("three   x"));
}

void TstTerminalBuffer::carriageReturnOverwrites()
{
    TerminalBuffer b;
    b.feed("progress 10%\rprogress 99%\rdone\n");
    QCOMPARE(b.line(0).text, QStringLiteral("doneress 99%"));
    b.feed("abc\b\bX\n");
    QCOMPARE(b.line(1).text, QStringLiteral("aXc"));
}

void TstTerminalBuffer::coloursBecomeSpans()
{
    TerminalBuffer b;
    b.feed("ok \x1b[1;31mFAIL\x1b[0m then \x1b[32mgreen\x1b[1m bold-green\x1b[39m bold");
    const auto line = b.line(0);
    QCOMPARE(line.text, QStringLiteral("ok FAIL then green bold-green bold"));
    QCOMPARE(line.spans.size(), 4);
    QCOMPARE(line.spans.at(0).start, 3);
    QCOMPARE(line.spans.at(0).length, 4);
    QVERIFY(line.spans.at(0).bold);
    QCOMPARE(line.spans.at(0).fg, Sitrep::Logs::AnsiText::xtermColor(1));
    QCOMPARE(line.spans.at(1).fg, Sitrep::Logs::AnsiText::xtermColor(2));
    QVERIFY(!line.spans.at(1).bold);
    QVERIFY(line.spans.at(2).bold); // bold added to green: both kept
    QCOMPARE(line.spans.at(2).fg, Sitrep::Logs::AnsiText::xtermColor(2));
    QVERIFY(line.spans.at(3).bold); // default colour again, still bold
    QCOMPARE(line.spans.at(3).fg, 0u);
    b.feed("\n\x1b[38;5;208morange\x1b[48;2;1;2;3mbg");
    QCOMPARE(b.line(1).spans.at(0).fg, Sitrep::Logs::AnsiText::xtermColor(208));
    QCOMPARE(b.line(1).spans.at(1).bg, 0xff010203u);
}

void TstTerminalBuffer::eraseAndCursorMoves()
{
    TerminalBuffer b;
    // A line editor redrawing its prompt: CR, prompt, text, erase to end, cursor back.
    b.feed("127.0.0.1:6379> LLEN qu");
    b.feed("\r127.0.0.1:6379> LLEN q\x1b[0K\x1b[3D");
    QCOMPARE(b.line(0).text, QStringLiteral("127.0.0.1:6379> LLEN q"));
    b.feed("X");
    QCOMPARE(b.line(0).text, QStringLiteral("127.0.0.1:6379> LLEX q"));
    b.feed("\x1b[2K\rfresh\x1b[1G>");
    QCOMPARE(b.line(0).text, QStringLiteral(">resh"));
    b.feed("\x1b[2C!\x1b[1P");
    QCOMPARE(b.line(0).text, QStringLiteral(">re!"));
    b.feed("\x1b[2D\x1b[2@");
    QCOMPARE(b.line(0).text, QStringLiteral(">r  e!"));
}

void TstTerminalBuffer::sequencesCutAcrossChunks()
{
    TerminalBuffer b;
    b.feed("a\x1b[3");
    b.feed("1mred\x1b");
    b.feed("[0mb");
    QCOMPARE(b.line(0).text, QStringLiteral("aredb"));
    QCOMPARE(b.line(0).spans.size(), 1);
    QCOMPARE(b.line(0).spans.first().start, 1);
    QCOMPARE(b.line(0).spans.first().length, 3);
}

void TstTerminalBuffer::utf8CutAcrossChunks()
{
    TerminalBuffer b;
    const QByteArray check = QStringLiteral("\u2713 ok").toUtf8();
    b.feed(check.left(2));
    b.feed(check.mid(2));
    QCOMPARE(b.line(0).text, QStringLiteral("\u2713 ok"));
}

void TstTerminalBuffer::otherSequencesAreDropped()
{
    TerminalBuffer b;
    b.feed("\x1b]0;window title\x07\x1b[?2004hprompt$ \x1b[?2004l\x1b=\x1b>done");
    QCOMPARE(b.plainText(), QStringLiteral("prompt$ done"));
}

void TstTerminalBuffer::clearScreen()
{
    TerminalBuffer b;
    b.feed("old\nlines\n\x1b[H\x1b[2Jnew");
    QCOMPARE(b.plainText(), QStringLiteral("new"));
    QCOMPARE(b.firstChanged(), -1);
}

void TstTerminalBuffer::lineCap()
{
    TerminalBuffer b(100);
    for (int i = 0; i < 250; ++i)
        b.feed(QByteArray::number(i) + '\n');
    QCOMPARE(b.lineCount(), 100);
    QCOMPARE(b.line(98).text, QStringLiteral("249"));
}

void TstTerminalBuffer::viewDrawsColours()
{
    TerminalView view;
    view.resize(600, 300);
    view.appendBytes("plain \x1b[31mred\x1b[0m\nsecond line\rSECOND");
    QTRY_COMPARE(view.toPlainText(), QStringLiteral("plain red\nSECOND line"));
    // The red span is drawn red.
    QTextCursor c(view.document());
    c.setPosition(7);
    QCOMPARE(c.charFormat().foreground().color(), QColor::fromRgb(0xcd0000));
    view.appendBytes(" more\n");
    QTRY_COMPARE(view.toPlainText(),
                 QStringLiteral("plain red\nSECOND more\n")); // written where the cursor was
    view.showBytes("replaced");
    QCOMPARE(view.toPlainText(), QStringLiteral("replaced"));
    QVERIFY(view.columns() >= 20);
    QVERIFY(view.rows() >= 5);
}

void TstTerminalBuffer::inputLineSendsBytes()
{
    RunOutputPanel panel;
    panel.show();
    QVERIFY(!panel.inputEnabled());
    panel.setInputEnabled(true);
    QSignalSpy typed(&panel, &RunOutputPanel::inputTyped);
    QLineEdit *input = panel.inputLine();
    input->setFocus();
    QTest::keyClicks(input, QStringLiteral("LLEN orders"));
    QTest::keyClick(input, Qt::Key_Return);
    QTest::keyClick(input, Qt::Key_C, Qt::ControlModifier);
    QTest::keyClicks(input, QStringLiteral("partial"));
    QTest::keyClick(input, Qt::Key_D, Qt::ControlModifier);
    QCOMPARE(typed.size(), 3);
    QCOMPARE(typed.at(0).first().toByteArray(), QByteArray("LLEN orders\r"));
    QCOMPARE(typed.at(1).first().toByteArray(), QByteArray("\x03"));
    QCOMPARE(typed.at(2).first().toByteArray(), QByteArray("partial\x04"));
    QVERIFY(input->text().isEmpty());
    QTest::keyClick(input, Qt::Key_Up); // the line sent before comes back
    QCOMPARE(input->text(), QStringLiteral("LLEN orders"));
    panel.setInputEnabled(false);
    QVERIFY(!input->isEnabled());
}

void TstTerminalBuffer::tableCopiesAsTsv()
{
    RunOutputPanel panel;
    Sitrep::Runbook::SqlResult r;
    r.columns = {QStringLiteral("state"), QStringLiteral("count"), QStringLiteral("note")};
    r.rows = {{QStringLiteral("active"), QStringLiteral("12"), QString()},
              {QStringLiteral("idle"), QStringLiteral("30"), QStringLiteral("tab\there")}};
    panel.showTable(r);
    QVERIFY(panel.showsTable());
    QAbstractItemModelTester tester(panel.tableModel(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(panel.tableModel()->rowCount(), 2);
    QCOMPARE(panel.tableModel()->data(panel.tableModel()->index(0, 2)).toString(), QStringLiteral("NULL"));
    panel.copyTsv();
    QCOMPARE(QGuiApplication::clipboard()->text(),
             QStringLiteral("state\tcount\tnote\nactive\t12\t\\N\nidle\t30\ttab\\there\n"));
    // A selection copies only its cells, with their header.
    panel.table()->selectionModel()->select(
        QItemSelection(panel.tableModel()->index(1, 0), panel.tableModel()->index(1, 1)),
        QItemSelectionModel::ClearAndSelect);
    panel.copyTsv();
    QCOMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("state\tcount\nidle\t30\n"));
    panel.showOutput("back to text");
    QVERIFY(!panel.showsTable());
}

QTEST_MAIN(TstTerminalBuffer)
#include "tst_terminalbuffer.moc"
