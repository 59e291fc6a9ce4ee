#include "runbook/CommandPreparer.h"
#include "runbook/LocalRunner.h"
#include "runbook/PlaceholderScanner.h"
#include "runbook/RunPolicy.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace Sitrep::Runbook;

// A planted secret reaches the command intact through its environment and is never on any process's command
// line (every /proc/*/cmdline is read while the command runs) nor parsed as shell (it carries $(...), quotes
// and backticks that would leave a trace if it were).
class TstSecretArgv : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void neverOnACommandLine_data();
    void neverOnACommandLine();
    void refusedWhereItCannotBePassedSafely_data();
    void refusedWhereItCannotBePassedSafely();
    void exposureIsWarnedAndConfirmed();
    void remoteShellGetsAQuotedValue();

private:
    QTemporaryDir m_dir;
    QString m_secret;
    QString m_trace; // the file the secret's $(...) would create if a shell ran it
};

namespace {
// A command step as the parser makes it: its placeholders scanned from the command.
Step commandStep(const QString &id, const QString &command)
{
    Step step;
    step.id = id;
    step.kind = StepKind::Command;
    step.command = command;
    step.placeholders = PlaceholderScanner::scan(command);
    return step;
}

// Every process's command line, as any local user can read it.
QList<QByteArray> allCommandLines()
{
    QList<QByteArray> out;
    for (const QString &pid : QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        if (!pid.at(0).isDigit())
            continue;
        QFile f(QStringLiteral("/proc/%1/cmdline").arg(pid));
        if (f.open(QIODevice::ReadOnly))
            out << f.readAll();
    }
    return out;
}
} // namespace

void TstSecretArgv::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_trace = m_dir.filePath(QStringLiteral("pwned"));
    const QString tag = QString::number(QRandomGenerator::global()->generate64(), 16);
    // Shell in every form: a value that is ever parsed leaves the trace file behind or breaks the quoting.
    m_secret =
        QStringLiteral("s3cr3t-%1 $(touch %2) `touch %2` ';touch %2;' \"x\" \\ $HOME *").arg(tag, m_trace);
}

void TstSecretArgv::neverOnACommandLine_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<bool>("newline"); // the command hashes the value followed by a newline
    QTest::addColumn<int>("terminal");
    const int none = int(TerminalUse::None);
    QTest::newRow("plain argument") << QStringLiteral("printf '%s' <api-token> | sha256sum; sleep 0.6")
                                    << false << none;
    QTest::newRow("in double quotes")
        << QStringLiteral("printf '%s' \"<api-token>\" | sha256sum; sleep 0.6") << false << none;
    QTest::newRow("in single quotes")
        << QStringLiteral("printf '%s' '<api-token>' | sha256sum; sleep 0.6") << false << none;
    QTest::newRow("inner sh -c") << QStringLiteral("sh -c 'printf %s <api-token> | sha256sum; sleep 0.6'")
                                 << false << none;
    QTest::newRow("inner sh -c, quoted inside")
        << QStringLiteral("sh -c 'printf %s \"<api-token>\" | sha256sum; sleep 0.6'") << false << none;
    QTest::newRow("inner bash -c in double quotes, single inside")
        << QStringLiteral("bash -c \"printf '%s' '<api-token>' | sha256sum; sleep 0.6\"") << false << none;
    QTest::newRow("unquoted heredoc")
        << QStringLiteral("cat <<EOF | sha256sum\n<api-token>\nEOF\nsleep 0.6") << true << none;
    QTest::newRow("heredoc read by a shell")
        << QStringLiteral("sh <<EOF\nprintf '%s' '<api-token>' | sha256sum\nsleep 0.6\nEOF") << false << none;
    QTest::newRow("environment assignment")
        << QStringLiteral("TOKEN_COPY=<api-token> sh -c 'printf %s \"$TOKEN_COPY\" | sha256sum'; sleep 0.6")
        << false << none;
    QTest::newRow("dollar placeholder")
        << QStringLiteral("printf '%s' \"$API_TOKEN\" | sha256sum; sleep 0.6") << false << none;
    QTest::newRow("watch-style inner code")
        << QStringLiteral("eval 'printf %s <api-token> | sha256sum'; sleep 0.6") << false << none;
    QTest::newRow("under a pseudo-terminal")
        << QStringLiteral("printf '%s' <api-token> | sha256sum; sleep 0.6") << false << int(TerminalUse::Pty);
}

void TstSecretArgv::neverOnACommandLine()
{
    QFETCH(QString, command);
    QFETCH(bool, newline);
    QFETCH(int, terminal);
    const Step step = commandStep(QStringLiteral("secret-step"), command);
    QVERIFY(!step.placeholders.isEmpty());
    QCOMPARE(step.placeholders.first().type, Placeholder::Type::Secret);
    const auto prepared = CommandPreparer::prepare(
        step, {{QStringLiteral("api-token"), m_secret}, {QStringLiteral("API_TOKEN"), m_secret}});
    QVERIFY2(prepared.ok(), qPrintable(prepared.ok() ? QString() : prepared.error().text()));
    QVERIFY(!prepared->command.contains(m_secret)); // not in the text bash gets as its argument
    QVERIFY(!prepared->display.contains(m_secret));
    QVERIFY2(prepared->exposedTo.isEmpty(), qPrintable(prepared->exposedTo.join(QLatin1Char(','))));

    RunRequest r;
    r.prepared = prepared.value();
    r.prepared.terminal = TerminalUse(terminal);
    r.timeoutMs = 20000;
    LocalRunner runner;
    QSignalSpy done(&runner, &LocalRunner::finished);
    const QByteArray needle = m_secret.toUtf8();
    const QByteArray tag =
        m_secret.section(QLatin1Char(' '), 0, 0).toUtf8(); // a part of it is enough to leak
    int scans = 0;
    QStringList leaks;
    QTimer scanner;
    scanner.setInterval(2);
    connect(&scanner, &QTimer::timeout, this, [&] {
        ++scans;
        for (const QByteArray &cmdline : allCommandLines()) {
            if (cmdline.contains(needle) || cmdline.contains(tag))
                leaks << QString::fromUtf8(QByteArray(cmdline).replace('\0', ' '));
        }
    });
    scanner.start();
    runner.start(r);
    QVERIFY(done.wait(20000));
    scanner.stop();
    const auto result = done.first().first().value<RunResult>();
    QVERIFY2(result.ok(), qPrintable(result.error + QString::fromUtf8(result.output)));
    QVERIFY2(scans >= 20, qPrintable(QString::number(scans))); // the command lines were read while it ran
    QVERIFY2(leaks.isEmpty(), qPrintable(leaks.join(QLatin1Char('\n'))));
    // The value arrived intact, and nothing of it ran as shell.
    const QByteArray hash =
        QCryptographicHash::hash(needle + (newline ? "\n" : ""), QCryptographicHash::Sha256).toHex();
    QVERIFY2(result.output.contains(hash), result.output.constData());
    QVERIFY(!QFile::exists(m_trace));
}

void TstSecretArgv::refusedWhereItCannotBePassedSafely_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<QString>("why");
    QTest::newRow("quoted heredoc") << QStringLiteral("cat <<'EOF'\n<api-token>\nEOF")
                                    << QStringLiteral("quoted heredoc");
    QTest::newRow("quotes inside a remote shell")
        << QStringLiteral("kubectl exec db-0 -- sh -c 'psql -c \"ALTER ROLE a PASSWORD <api-token>\"'")
        << QStringLiteral("runs in another shell");
    QTest::newRow("quotes inside a remote heredoc")
        << QStringLiteral("kubectl exec -i db-0 -- sh <<EOF\necho '<api-token>'\nEOF")
        << QStringLiteral("runs in another shell");
}

void TstSecretArgv::refusedWhereItCannotBePassedSafely()
{
    QFETCH(QString, command);
    QFETCH(QString, why);
    const Step step = commandStep(QStringLiteral("s"), command);
    const auto prepared = CommandPreparer::prepare(step, {{QStringLiteral("api-token"), m_secret}});
    QVERIFY(!prepared.ok());
    QVERIFY2(prepared.error().message.contains(why), qPrintable(prepared.error().message));
    QVERIFY(prepared.error().message.contains(QLatin1String("<api-token>")));
}

void TstSecretArgv::exposureIsWarnedAndConfirmed()
{
    // The runbook itself puts the value on curl's command line: Sitrep cannot prevent it, so it says so and
    // asks first, even though the command only reads.
    Step step =
        commandStep(QStringLiteral("curl"), QStringLiteral("curl -H \"Authorization: Bearer <api-token>\" "
                                                           "https://api.example.com/health"));
    const auto prepared = CommandPreparer::prepare(step, {{QStringLiteral("api-token"), m_secret}});
    QVERIFY(prepared.ok());
    QCOMPARE(prepared->risk, Risk::Read);
    QCOMPARE(prepared->exposedTo, QStringList{QStringLiteral("curl")});
    QVERIFY(!prepared->command.contains(m_secret));
    const auto d = RunPolicy().decide(prepared.value(), RunTarget());
    QCOMPARE(d.confirmation, RunPolicy::Confirmation::Confirm);
    QVERIFY(d.prompt.contains(QLatin1String("command-line argument of curl")));
    // Through an inner shell the same: the inner shell hands it to curl.
    step = commandStep(step.id, QStringLiteral("sh -c 'curl -H \"X-Token: <api-token>\" https://x/'"));
    QCOMPARE(CommandPreparer::prepare(step, {{QStringLiteral("api-token"), m_secret}})->exposedTo,
             QStringList{QStringLiteral("curl")});
    // In the environment of the program it is not exposed.
    step = commandStep(step.id, QStringLiteral("PGPASSWORD=<db-password> psql -h db -c 'SELECT 1'"));
    const auto env = CommandPreparer::prepare(step, {{QStringLiteral("db-password"), m_secret}});
    QVERIFY(env.ok());
    QVERIFY(env->exposedTo.isEmpty());
    QCOMPARE(RunPolicy().decide(env.value(), RunTarget()).confirmation, RunPolicy::Confirmation::None);
}

void TstSecretArgv::remoteShellGetsAQuotedValue()
{
    // kubectl exec cannot pass an environment into the pod: the value is quoted for the pod's shell by bash
    // (${V@Q}) and is on kubectl's command line, which is said.
    const Step step =
        commandStep(QStringLiteral("remote"),
                    QStringLiteral("kubectl exec db-0 -- sh -c 'printf %s <api-token> | sha256sum'"));
    const auto prepared = CommandPreparer::prepare(step, {{QStringLiteral("api-token"), m_secret}});
    QVERIFY2(prepared.ok(), qPrintable(prepared.ok() ? QString() : prepared.error().text()));
    QVERIFY(prepared->command.contains(QLatin1String("'\"${SITREP_SECRET_API_TOKEN@Q}\"'")));
    QCOMPARE(prepared->exposedTo, QStringList{QStringLiteral("kubectl")});
    // What the pod's shell would receive parses back to the value: run the same text with a local "kubectl".
    QString local = prepared->command;
    local.replace(QLatin1String("kubectl exec db-0 --"), QLatin1String("env --"));
    RunRequest r;
    r.prepared = prepared.value();
    r.prepared.command = local;
    LocalRunner runner;
    QSignalSpy done(&runner, &LocalRunner::finished);
    runner.start(r);
    QVERIFY(done.wait(20000));
    const auto result = done.first().first().value<RunResult>();
    QVERIFY2(result.ok(), qPrintable(result.error + QString::fromUtf8(result.output)));
    QVERIFY(result.output.contains(
        QCryptographicHash::hash(m_secret.toUtf8(), QCryptographicHash::Sha256).toHex()));
    QVERIFY(!QFile::exists(m_trace));
}

QTEST_GUILESS_MAIN(TstSecretArgv)
#include "tst_secretargv.moc"
