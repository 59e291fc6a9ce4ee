#include "logs/LineAnalyzer.h"

#include <QTest>

using namespace Sitrep::Logs;

class TstLineAnalyzer : public QObject
{
    Q_OBJECT
private slots:
    void level_data();
    void level();
    void ansi();
    void json();
};

void TstLineAnalyzer::level_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<int>("level");
    QTest::addColumn<bool>("json");
    auto row = [](const char *name, const char *line, LogLevel l, bool json = false) {
        QTest::newRow(name) << QByteArray(line) << int(l) << json;
    };
    row("upper error", "2026 ERROR connection refused", LogLevel::Error);
    row("bracketed warn", "[WARN] slow query 1.2s", LogLevel::Warn);
    row("warning word", "Warning: disk 91% full", LogLevel::Warn);
    row("fatal", "FATAL: could not bind :8080", LogLevel::Fatal);
    row("go panic", "panic: runtime error: index out of range", LogLevel::Fatal);
    row("java exception", "java.lang.NullPointerException: null", LogLevel::Error);
    row("exception word", "Unhandled Exception in worker", LogLevel::Error);
    row("logfmt level", "ts=1 level=error msg=\"db down\"", LogLevel::Error);
    row("logfmt info wins", "level=info msg=\"retrying after error\"", LogLevel::Info);
    row("json level", "{\"level\":\"warn\",\"msg\":\"slow\"}", LogLevel::Warn, true);
    row("json severity", "{\"severity\": \"ERROR\", \"message\": \"boom\"}", LogLevel::Error, true);
    row("json no level", "{\"msg\":\"error text but no level\"}", LogLevel::Unknown, true);
    row("klog error", "E1123 07:00:00.000000       1 reflector.go:1] failed", LogLevel::Error);
    row("klog info", "I1123 07:00:00.000000       1 main.go:1] started", LogLevel::Info);
    row("plain info", "INFO started in 3.2s", LogLevel::Info);
    row("lowercase trace is not a level", "printing stack trace now", LogLevel::Unknown);
    row("errors is not error", "0 errors, 0 warnings", LogLevel::Unknown);
    row("nothing", "GET /healthz 200 1ms", LogLevel::Unknown);
    row("ansi colored", "\x1b[31mERROR\x1b[0m red alert", LogLevel::Error);
    row("empty", "", LogLevel::Unknown);
}

void TstLineAnalyzer::level()
{
    QFETCH(QByteArray, line);
    QFETCH(int, level);
    QFETCH(bool, json);
    quint8 flags = 0;
    QCOMPARE(int(LineAnalyzer::detect(line, &flags)), level);
    QCOMPARE(bool(flags & JsonLine), json);
}

void TstLineAnalyzer::ansi()
{
    const QByteArray in("\x1b[1;31mred\x1b[0m plain \x1b]0;title\x07tail\x1b[K");
    QCOMPARE(LineAnalyzer::stripAnsi(in), QByteArray("red plain tail"));
    quint8 flags = 0;
    LineAnalyzer::detect(in, &flags);
    QVERIFY(flags & AnsiCodes);
    QCOMPARE(LineAnalyzer::displayText(in, flags), QStringLiteral("red plain tail"));
    // A lone ESC at the end is dropped, not read past.
    QCOMPARE(LineAnalyzer::stripAnsi("abc\x1b"), QByteArray("abc"));
    QCOMPARE(LineAnalyzer::stripAnsi("abc\x1b["), QByteArray("abc"));
}

void TstLineAnalyzer::json()
{
    const auto s =
        LineAnalyzer::parseJson(R"({"level":"error","msg":"payment failed","order":42,"ctx":{"a":1}})");
    QVERIFY(s.ok);
    QCOMPARE(s.level, LogLevel::Error);
    QCOMPARE(s.message, QStringLiteral("payment failed"));
    QCOMPARE(s.object.value(QStringLiteral("order")).toInt(), 42);
    const QString shown = LineAnalyzer::jsonDisplay(s);
    QVERIFY(shown.startsWith(QStringLiteral("payment failed")));
    QVERIFY(shown.contains(QStringLiteral("order=42")));
    QVERIFY(shown.contains(QStringLiteral("ctx={\"a\":1}")));
    QVERIFY(!LineAnalyzer::parseJson("{not json").ok);
}

QTEST_GUILESS_MAIN(TstLineAnalyzer)
#include "tst_lineanalyzer.moc"
