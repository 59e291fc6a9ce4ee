#include "runbook/LocalRunner.h"
#include "runbook/PtyProcess.h"
#include "runbook/TerminalLauncher.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <cerrno>
#include <csignal>

using namespace Sitrep::Runbook;

// Commands that need a terminal: a real pseudo-terminal (forkpty) with input, Ctrl+C and Ctrl+D; full-screen
// ones handed to a terminal emulator ($TERMINAL, x-terminal-emulator; here small scripts that record what
// they were given); input given to a command on its stdin.
class TstPtyRunner : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void runsOnATerminalOfTheRequestedSize();
    void coloursAndCarriageReturnsAsATerminalShowsThem();
    void inputLineReachesTheCommand();
    void ctrlCInterrupts();
    void ctrlDEndsInput();
    void cancelStopsEverythingOnTheTerminal();
    void stdinDataWithoutATerminal();
    void handOffToTerminal();
    void handOffToXTerminalEmulator();
    void noTerminalEmulatorIsASentence();

private:
    static RunRequest request(const QString &command, TerminalUse terminal = TerminalUse::Pty);
    QByteArray waitForOutput(LocalRunner &runner, QSignalSpy &output, const QByteArray &needle);

    QTemporaryDir m_dir;
    QByteArray m_path;
};

void TstPtyRunner::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_path = qgetenv("PATH");
}

RunRequest TstPtyRunner::request(const QString &command, TerminalUse terminal)
{
    RunRequest r;
    r.prepared.stepId = QStringLiteral("pty-step");
    r.prepared.command = r.prepared.display = command;
    r.prepared.terminal = terminal;
    r.timeoutMs = 30000;
    r.columns = 100;
    r.rows = 30;
    return r;
}

QByteArray TstPtyRunner::waitForOutput(LocalRunner &runner, QSignalSpy &output, const QByteArray &needle)
{
    auto all = [&output] {
        QByteArray out;
        for (const auto &args : output)
            out += args.at(1).toByteArray();
        return out;
    };
    while (!all().contains(needle) && runner.isRunning()) {
        if (!output.wait(10000))
            break;
    }
    return all();
}

void TstPtyRunner::runsOnATerminalOfTheRequestedSize()
{
    LocalRunner runner;
    QSignalSpy done(&runner, &LocalRunner::finished);
    runner.start(
        request(QStringLiteral("test -t 0 && test -t 1 && echo on-a-tty; stty size; echo \"TERM=$TERM\"")));
    QVERIFY(runner.acceptsInput());
    QVERIFY(done.wait(20000));
    const auto r = done.first().first().value<RunResult>();
    QVERIFY2(r.ok(), qPrintable(r.error + QString::fromUtf8(r.output)));
    QVERIFY2(r.output.contains("on-a-tty\r\n"), r.output.constData());
    QVERIFY2(r.output.contains("30 100"), r.output.constData());
    QVERIFY2(r.output.contains("TERM=xterm-256color"), r.output.constData());
    QVERIFY(!runner.acceptsInput());
}

void TstPtyRunner::coloursAndCarriageReturnsAsATerminalShowsThem()
{
    LocalRunner runner;
    QSignalSpy done(&runner, &LocalRunner::finished);
    runner.start(request(QStringLiteral("printf '\\033[1;31mred\\033[0m plain\\n'; ls --color=auto -d /")));
    QVERIFY(done.wait(20000));
    const auto r = done.first().first().value<RunResult>();
    QVERIFY2(r.ok(), qPrintable(r.error));
    QVERIFY(r.output.contains("\x1b[1;31mred\x1b[0m plain\r\n"));
    QVERIFY2(r.output.contains("\x1b["), r.output.constData()); // ls colours a directory on a terminal
}

void TstPtyRunner::inputLineReachesTheCommand()
{
    LocalRunner runner;
    QSignalSpy output(&runner, &LocalRunner::output);
    QSignalSpy done(&runner, &LocalRunner::finished);
    runner.start(request(QStringLiteral("printf 'name? '; read -r name; echo \"hello, $name\"")));
    QVERIFY(waitForOutput(runner, output, "name? ").contains("name? "));
    runner.writeInput("incident commander\r"); // Enter, as a terminal sends it
    QVERIFY(done.wait(20000));
    const auto r = done.first().first().value<RunResult>();
    QVERIFY2(r.ok(), qPrintable(r.error));
    QVERIFY2(r.output.contains("incident commander\r\n"), r.output.constData()); // the terminal echoes it
    QVERIFY2(r.output.contains("hello, incident commander"), r.output.constData());
}

void TstPtyRunner::ctrlCInterrupts()
{
    LocalRunner runner;
    QSignalSpy output(&runner, &LocalRunner::output);
    QSignalSpy done(&runner, &LocalRunner::finished);
    runner.start(request(QStringLiteral("echo ready; sleep 60; echo never")));
    QVERIFY(waitForOutput(runner, output, "ready").contains("ready"));
    runner.writeInput("\x03");
    QVERIFY(done.wait(20000));
    const auto r = done.first().first().value<RunResult>();
    QCOMPARE(r.exitCode, 130); // 128 + SIGINT, as a shell reports it
    QVERIFY(!r.output.contains("never"));
    QVERIFY(r.durationMs < 20000);
}

void TstPtyRunner::ctrlDEndsInput()
{
    LocalRunner runner;
    QSignalSpy output(&runner, &LocalRunner::output);
    QSignalSpy done(&runner, &LocalRunner::finished);
    runner.start(request(QStringLiteral("echo ready; wc -l")));
    QVERIFY(waitForOutput(runner, output, "ready").contains("ready"));
    runner.writeInput("one\rtwo\r");
    runner.writeInput("\x04");
    QVERIFY(done.wait(20000));
    const auto r = done.first().first().value<RunResult>();
    QVERIFY2(r.ok(), qPrintable(r.error));
    QVERIFY2(r.output.trimmed().endsWith("2"), r.output.constData());
}

void TstPtyRunner::cancelStopsEverythingOnTheTerminal()
{
    LocalRunner runner;
    QSignalSpy output(&runner, &LocalRunner::output);
    QSignalSpy done(&runner, &LocalRunner::finished);
    runner.start(request(QStringLiteral("(sleep 60; echo late) & echo \"started $$\"; sleep 60")));
    const QByteArray out = waitForOutput(runner, output, "started ");
    const qsizetype at = out.indexOf("started ");
    QVERIFY(at >= 0);
    bool ok = false;
    const int group =
        out.mid(at + 8).split('\r').first().toInt(&ok); // the shell leads the terminal's session
    QVERIFY(ok && group > 1);
    runner.cancel();
    QVERIFY(done.wait(20000));
    const auto r = done.first().first().value<RunResult>();
    QVERIFY(r.cancelled);
    QVERIFY(!runner.isRunning());
    // The background child went with the group.
    QTRY_VERIFY_WITH_TIMEOUT(::kill(-group, 0) == -1 && errno == ESRCH, 10000);
    PtyProcess probe;
    QString error;
    QVERIFY(!probe.start(QStringLiteral("no-such-program-sitrep"), {},
                         QProcessEnvironment::systemEnvironment(), 80, 24, &error));
    QVERIFY2(error.contains(QLatin1String("not found")), qPrintable(error));
}

void TstPtyRunner::stdinDataWithoutATerminal()
{
    LocalRunner runner;
    QSignalSpy done(&runner, &LocalRunner::finished);
    RunRequest r = request(QStringLiteral("test -t 0 || echo no-tty; tr a-z A-Z"), TerminalUse::None);
    r.stdinData = "select 1;\n";
    runner.start(r);
    QVERIFY(done.wait(20000));
    const auto result = done.first().first().value<RunResult>();
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.output, QByteArray("no-tty\nSELECT 1;\n"));
}

namespace {
// A "terminal emulator" that records its arguments and environment, then runs what follows -e.
QString fakeTerminal(const QString &path, const QString &dir)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return {};
    f.write(QStringLiteral("#!/bin/sh\nprintf '%s\\n' \"$@\" > %1/args.txt\nenv > %1/env.txt\n"
                           "while [ \"$1\" != -e ]; do shift; done; shift\n"
                           "exec \"$@\" < /dev/null > %1/screen.txt 2>&1\n")
                .arg(dir)
                .toUtf8());
    f.close();
    f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    return path;
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}
} // namespace

void TstPtyRunner::handOffToTerminal()
{
    const QString dir = m_dir.filePath(QStringLiteral("term1"));
    QVERIFY(QDir().mkpath(dir));
    const QString term = fakeTerminal(dir + QStringLiteral("/my-terminal"), dir);
    QVERIFY(!term.isEmpty());
    qputenv("TERMINAL", (term + QStringLiteral(" --hold")).toUtf8());
    LocalRunner runner;
    QSignalSpy done(&runner, &LocalRunner::finished);
    RunRequest r =
        request(QStringLiteral("echo \"top would draw here with $PASSWORD_VALUE\""), TerminalUse::FullScreen);
    r.prepared.env.insert(QStringLiteral("PASSWORD_VALUE"), QStringLiteral("s3cr3t-handoff"));
    runner.start(r);
    QVERIFY(done.wait(20000));
    qunsetenv("TERMINAL");
    const auto result = done.first().first().value<RunResult>();
    QVERIFY(result.started);
    QVERIFY(result.handedOff);
    QVERIFY2(result.error.isEmpty(), qPrintable(result.error));
    QCOMPARE(result.terminalProgram, term);
    QVERIFY(!runner.isRunning());
    QTRY_VERIFY_WITH_TIMEOUT(readAll(dir + QStringLiteral("/screen.txt")).contains("s3cr3t-handoff"), 15000);
    QVERIFY(readAll(dir + QStringLiteral("/screen.txt")).contains("press Enter to close"));
    const QByteArray args = readAll(dir + QStringLiteral("/args.txt"));
    QVERIFY(args.startsWith("--hold\n-e\nbash\n-c\n"));
    QVERIFY(!args.contains("s3cr3t-handoff")); // the value travels in the environment only
    QVERIFY(readAll(dir + QStringLiteral("/env.txt")).contains("PASSWORD_VALUE=s3cr3t-handoff"));
}

void TstPtyRunner::handOffToXTerminalEmulator()
{
    const QString dir = m_dir.filePath(QStringLiteral("term2"));
    QVERIFY(QDir().mkpath(dir));
    QVERIFY(!fakeTerminal(dir + QStringLiteral("/x-terminal-emulator"), dir).isEmpty());
    qunsetenv("TERMINAL");
    qputenv("PATH", dir.toUtf8() + ':' + m_path);
    LocalRunner runner;
    QSignalSpy done(&runner, &LocalRunner::finished);
    runner.start(request(QStringLiteral("echo from-vim"), TerminalUse::FullScreen));
    QVERIFY(done.wait(20000));
    qputenv("PATH", m_path);
    const auto result = done.first().first().value<RunResult>();
    QVERIFY(result.handedOff);
    QCOMPARE(result.terminalProgram, dir + QStringLiteral("/x-terminal-emulator"));
    QTRY_VERIFY_WITH_TIMEOUT(readAll(dir + QStringLiteral("/screen.txt")).contains("from-vim"), 15000);
}

void TstPtyRunner::noTerminalEmulatorIsASentence()
{
    qunsetenv("TERMINAL");
    qputenv("PATH", m_dir.filePath(QStringLiteral("empty")).toUtf8() + ":/usr/bin:/bin");
    const QStringList found = TerminalLauncher::terminalCommand(QProcessEnvironment::systemEnvironment());
    LocalRunner runner;
    QSignalSpy done(&runner, &LocalRunner::finished);
    runner.start(request(QStringLiteral("top"), TerminalUse::FullScreen));
    QVERIFY(done.wait(20000));
    qputenv("PATH", m_path);
    const auto result = done.first().first().value<RunResult>();
    if (!found.isEmpty()) // this machine has an x-terminal-emulator in /usr/bin: then it was used
        QVERIFY(result.handedOff);
    else {
        QVERIFY(!result.started);
        QVERIFY2(result.error.startsWith(QLatin1String("no terminal emulator found: set $TERMINAL")),
                 qPrintable(result.error));
    }
}

QTEST_GUILESS_MAIN(TstPtyRunner)
#include "tst_ptyrunner.moc"
