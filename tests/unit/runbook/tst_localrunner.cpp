#include "runbook/CommandPreparer.h"
#include "runbook/LocalRunner.h"
#include "runbook/RunbookParser.h"
#include "support/TestEnv.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <signal.h>

using namespace Sitrep::Runbook;

// The local runner: real bash, real processes, real kubectl for the context pin.
class TstLocalRunner : public QObject
{
    Q_OBJECT
private slots:
    void streamsStdoutAndStderr();
    void exitCode_data();
    void exitCode();
    void cancelStopsTheWholeGroup();
    void timeout();
    void outputCap();
    void substitutedValuesStayValues_data();
    void substitutedValuesStayValues();
    void pinsKubeContext();
    void failedToStart();
    void busyRunnerRefusesASecondStart();

private:
    static RunRequest request(const QString &command, int timeoutMs = 20000);
    static RunResult runToEnd(LocalRunner &runner, const RunRequest &r);
};

RunRequest TstLocalRunner::request(const QString &command, int timeoutMs)
{
    RunRequest r;
    r.prepared.stepId = QStringLiteral("step-1");
    r.prepared.command = command;
    r.prepared.display = command;
    r.timeoutMs = timeoutMs;
    return r;
}

RunResult TstLocalRunner::runToEnd(LocalRunner &runner, const RunRequest &r)
{
    QSignalSpy done(&runner, &LocalRunner::finished);
    runner.start(r);
    if (done.isEmpty() && !done.wait(30000))
        return {};
    return done.first().first().value<RunResult>();
}

void TstLocalRunner::streamsStdoutAndStderr()
{
    LocalRunner runner;
    QSignalSpy started(&runner, &LocalRunner::started);
    QSignalSpy output(&runner, &LocalRunner::output);
    QSignalSpy done(&runner, &LocalRunner::finished);
    runner.start(
        request(QStringLiteral("echo one; echo two >&2; read -t 0.3 x < /dev/zero; sleep 0.3; echo three")));
    QVERIFY(runner.isRunning());
    QVERIFY(output.wait(10000)); // the first line arrives before the command ends
    QVERIFY(done.isEmpty());
    QVERIFY(done.wait(10000));
    QCOMPARE(started.size(), 1);
    QCOMPARE(started.first().first().toString(), QStringLiteral("step-1"));
    bool sawStderr = false;
    QByteArray all;
    for (const auto &args : output) {
        QCOMPARE(args.at(0).toString(), QStringLiteral("step-1"));
        all += args.at(1).toByteArray();
        if (args.at(2).toBool()) {
            sawStderr = true;
            QCOMPARE(args.at(1).toByteArray(), QByteArray("two\n"));
        }
    }
    QVERIFY(sawStderr);
    QVERIFY(output.size() >= 2);
    const auto r = done.first().first().value<RunResult>();
    QVERIFY(r.ok());
    QCOMPARE(r.output, all);
    QVERIFY(r.output.startsWith("one\n"));
    QVERIFY(r.output.endsWith("three\n"));
    QVERIFY(r.durationMs >= 300);
    QVERIFY(!runner.isRunning());
}

void TstLocalRunner::exitCode_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<int>("code");
    QTest::newRow("zero") << QStringLiteral("true") << 0;
    QTest::newRow("seven") << QStringLiteral("exit 7") << 7;
    QTest::newRow("pipeline fails") << QStringLiteral("set -o pipefail; false | cat") << 1;
    QTest::newRow("not found") << QStringLiteral("sitrep-no-such-program-xyz") << 127;
}

void TstLocalRunner::exitCode()
{
    QFETCH(QString, command);
    QFETCH(int, code);
    LocalRunner runner;
    const auto r = runToEnd(runner, request(command));
    QVERIFY(r.started);
    QCOMPARE(r.exitCode, code);
    QCOMPARE(r.ok(), code == 0);
}

void TstLocalRunner::cancelStopsTheWholeGroup()
{
    QTemporaryDir dir;
    const QString pidFile = dir.filePath(QStringLiteral("pid"));
    LocalRunner runner;
    QSignalSpy output(&runner, &LocalRunner::output);
    QSignalSpy done(&runner, &LocalRunner::finished);
    runner.start(request(QStringLiteral("sleep 60 & echo $! > %1; echo ready; wait").arg(pidFile)));
    QVERIFY(output.wait(10000));
    QFile f(pidFile);
    QTRY_VERIFY(f.exists());
    QVERIFY(f.open(QIODevice::ReadOnly));
    const pid_t child = pid_t(f.readAll().trimmed().toInt());
    QVERIFY(child > 0);
    QCOMPARE(::kill(child, 0), 0); // the background sleep runs
    runner.cancel();
    QVERIFY(done.wait(10000));
    const auto r = done.first().first().value<RunResult>();
    QVERIFY(r.cancelled);
    QVERIFY(!r.ok());
    QVERIFY(r.durationMs < 10000);
    QTRY_VERIFY(::kill(child, 0) != 0); // and is gone with its group
}

void TstLocalRunner::timeout()
{
    LocalRunner runner;
    const auto r = runToEnd(runner, request(QStringLiteral("echo start; sleep 30"), 400));
    QVERIFY(r.timedOut);
    QVERIFY(!r.cancelled);
    QVERIFY(r.error.startsWith(QLatin1String("timed out")));
    QCOMPARE(r.output, QByteArray("start\n"));
    QVERIFY(r.durationMs < 10000);
}

void TstLocalRunner::outputCap()
{
    LocalRunner runner;
    RunRequest req = request(QStringLiteral("head -c 200000 /dev/zero | tr '\\0' x"));
    req.outputCapBytes = 1000;
    QSignalSpy output(&runner, &LocalRunner::output);
    const auto r = runToEnd(runner, req);
    QVERIFY(r.ok()); // the command itself is not cut short
    QCOMPARE(r.output.size(), 1000);
    QVERIFY(r.truncated);
    QCOMPARE(r.droppedBytes, 199000);
    qint64 shown = 0;
    for (const auto &args : output)
        shown += args.at(1).toByteArray().size();
    QCOMPARE(shown, 1000);
}

void TstLocalRunner::substitutedValuesStayValues_data()
{
    QTest::addColumn<QString>("value");
    QTest::newRow("spaces") << QStringLiteral("my pod name");
    QTest::newRow("single quote") << QStringLiteral("it's");
    QTest::newRow("double quotes") << QStringLiteral("say \"hi\"");
    QTest::newRow("command substitution") << QStringLiteral("$(echo injected)");
    QTest::newRow("backticks and vars") << QStringLiteral("`id` $HOME \\n");
    QTest::newRow("semicolon") << QStringLiteral("x; echo injected");
}

void TstLocalRunner::substitutedValuesStayValues()
{
    QFETCH(QString, value);
    // The same placeholder unquoted, in double quotes and in single quotes; and a $VAR in double quotes.
    const QByteArray md =
        "## Verify\n```bash\nprintf '%s|' <name> \"pre <name>\" 'pre <name>' \"$MY_VALUE\"\n```\n";
    const auto rb = RunbookParser::parse(md);
    QVERIFY(rb.ok());
    const Step &step = rb->sections.last().steps.first();
    QCOMPARE(step.placeholders.size(), 2);
    const auto prepared = CommandPreparer::prepare(
        step, {{QStringLiteral("name"), value}, {QStringLiteral("MY_VALUE"), value}});
    QVERIFY2(prepared.ok(), qPrintable(prepared.ok() ? QString() : prepared.error().text()));
    RunRequest req = request(QString());
    req.prepared = prepared.value();
    LocalRunner runner;
    const auto r = runToEnd(runner, req);
    QVERIFY(r.ok());
    const QString expected = value + QStringLiteral("|pre ") + value + QStringLiteral("|pre ") + value +
                             QLatin1Char('|') + value + QLatin1Char('|');
    QCOMPARE(QString::fromUtf8(r.output), expected);
}

void TstLocalRunner::pinsKubeContext()
{
    const QString kubectl = Sitrep::Test::findProgram(QStringLiteral("kubectl"));
    QVERIFY2(!kubectl.isEmpty(), "kubectl is preinstalled on the build machines");
    QTemporaryDir dir;
    const QString kubeconfig = dir.filePath(QStringLiteral("config"));
    QFile f(kubeconfig);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("apiVersion: v1\nkind: Config\ncurrent-context: other\n"
            "clusters:\n- name: c\n  cluster:\n    server: https://127.0.0.1:1\n"
            "users:\n- name: u\n  user: {}\n"
            "contexts:\n- name: other\n  context: {cluster: c, user: u}\n"
            "- name: prod-eu\n  context: {cluster: c, user: u, namespace: demo}\n");
    f.close();
    RunRequest req = request(QStringLiteral("kubectl config current-context; echo \"$SITREP_NAMESPACE\""));
    req.target.kubeconfig = kubeconfig;
    req.target.kubeContext = QStringLiteral("prod-eu");
    req.target.kubeNamespace = QStringLiteral("demo");
    LocalRunner runner;
    auto r = runToEnd(runner, req);
    QVERIFY2(r.ok(), r.output.constData());
    QCOMPARE(r.output, QByteArray("prod-eu\ndemo\n"));
    QCOMPARE(r.where, QStringLiteral("context prod-eu / namespace demo"));
    // Without a pinned context the kubeconfig's own current context applies.
    req.target.kubeContext.clear();
    r = runToEnd(runner, req);
    QCOMPARE(r.output, QByteArray("other\ndemo\n"));
}

void TstLocalRunner::failedToStart()
{
    LocalRunner runner;
    runner.setShell(QStringLiteral("/nonexistent/bash"));
    const auto r = runToEnd(runner, request(QStringLiteral("true")));
    QVERIFY(!r.started);
    QVERIFY(!r.ok());
    QVERIFY(r.error.startsWith(QLatin1String("could not start /nonexistent/bash")));
    QVERIFY(!runner.isRunning());
}

void TstLocalRunner::busyRunnerRefusesASecondStart()
{
    LocalRunner runner;
    QSignalSpy done(&runner, &LocalRunner::finished);
    runner.start(request(QStringLiteral("sleep 0.5")));
    runner.start(request(QStringLiteral("echo second")));
    QCOMPARE(done.size(), 1);
    QVERIFY(done.first().first().value<RunResult>().error.contains(QLatin1String("still running")));
    QVERIFY(done.wait(10000));
    QVERIFY(done.last().first().value<RunResult>().ok());
}

QTEST_GUILESS_MAIN(TstLocalRunner)
#include "tst_localrunner.moc"
