#include "runbook/CommandPreparer.h"
#include "runbook/RunbookParser.h"
#include "runbook/SshRunner.h"
#include "sim/SimServer.h"
#include "support/ServerProcess.h"
#include "support/TestEnv.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QTimer>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace Sitrep::Runbook;

// SshRunner against a real OpenSSH sshd on 127.0.0.1 with generated host and user keys.
class TstSshRunner : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void unknownHostKeyIsReportedThenAccepted();
    void exitStatusAndStreams();
    void placeholderValuesAsEnvironment();
    void secretsTravelOnStdinNeverOnACommandLine_data();
    void secretsTravelOnStdinNeverOnACommandLine();
    void pseudoTerminalTakesInput();
    void ctrlCOverSsh();
    void stdinDataReachesTheCommand();
    void cancel();
    void timeout();
    void changedHostKeyIsRefused();
    void keyPassphrase();
    void agentAuthentication();
    void connectionRefused();
    void runbookStepOnTheBastionAgainstTheSimulator();
    void destroyingARunnerNeverWaitsForAHangingConnect();

private:
    SshConfig config() const;
    RunResult run(SshRunner &runner, const QString &command, int timeoutMs = 30000,
                  const QMap<QString, QString> &env = {});
    QString keygen(const QString &name, const QString &passphrase = {});
    QString fingerprint(const QString &pubKey);

    QTemporaryDir m_dir;
    Sitrep::Test::ServerProcess m_sshd;
    quint16 m_port = 0;
    QString m_user;
    QString m_hostKey;
    QString m_userKey;
    QString m_protectedKey;
    QString m_knownHosts;
    QString m_hostFingerprint;
};

QString TstSshRunner::keygen(const QString &name, const QString &passphrase)
{
    const QString path = m_dir.filePath(name);
    QProcess p;
    p.start(Sitrep::Test::findProgram(QStringLiteral("ssh-keygen")),
            {QStringLiteral("-q"), QStringLiteral("-t"), QStringLiteral("ed25519"), QStringLiteral("-N"),
             passphrase, QStringLiteral("-C"), name, QStringLiteral("-f"), path});
    if (!p.waitForFinished(20000) || p.exitCode() != 0)
        qFatal("ssh-keygen failed: %s", p.readAllStandardError().constData());
    return path;
}

QString TstSshRunner::fingerprint(const QString &pubKey)
{
    QProcess p;
    p.start(
        Sitrep::Test::findProgram(QStringLiteral("ssh-keygen")),
        {QStringLiteral("-l"), QStringLiteral("-E"), QStringLiteral("sha256"), QStringLiteral("-f"), pubKey});
    p.waitForFinished(20000);
    return QString::fromUtf8(p.readAllStandardOutput()).section(QLatin1Char(' '), 1, 1);
}

void TstSshRunner::initTestCase()
{
    const QString sshd = Sitrep::Test::findProgram(QStringLiteral("sshd"));
    QVERIFY2(!sshd.isEmpty(), "OpenSSH sshd is installed by packaging/install-deps.sh");
    QVERIFY(m_dir.isValid());
    m_hostKey = keygen(QStringLiteral("host_ed25519"));
    m_userKey = keygen(QStringLiteral("user_ed25519"));
    m_protectedKey = keygen(QStringLiteral("user_protected"), QStringLiteral("correct horse"));
    QFile auth(m_dir.filePath(QStringLiteral("authorized_keys")));
    QVERIFY(auth.open(QIODevice::WriteOnly));
    for (const QString &k : {m_userKey, m_protectedKey}) {
        QFile pub(k + QStringLiteral(".pub"));
        QVERIFY(pub.open(QIODevice::ReadOnly));
        auth.write(pub.readAll());
    }
    auth.close();
    m_hostFingerprint = fingerprint(m_hostKey + QStringLiteral(".pub"));
    QVERIFY(m_hostFingerprint.startsWith(QLatin1String("SHA256:")));

    m_port = Sitrep::Test::freePort();
    const QString conf = m_dir.filePath(QStringLiteral("sshd_config"));
    QFile c(conf);
    QVERIFY(c.open(QIODevice::WriteOnly));
    c.write(QStringLiteral(
                "Port %1\nListenAddress 127.0.0.1\nHostKey %2\nPidFile %3\nAuthorizedKeysFile %4\n"
                "PasswordAuthentication no\nKbdInteractiveAuthentication no\nUsePAM no\nStrictModes no\n"
                "PermitRootLogin prohibit-password\nLogLevel VERBOSE\n")
                .arg(m_port)
                .arg(m_hostKey, m_dir.filePath(QStringLiteral("sshd.pid")),
                     m_dir.filePath(QStringLiteral("authorized_keys")))
                .toUtf8());
    c.close();
    QProcess::execute(QStringLiteral("install"), {QStringLiteral("-d"), QStringLiteral("-m"),
                                                  QStringLiteral("0755"), QStringLiteral("/run/sshd")});
    const QString err = m_sshd.startTcp(
        sshd, {QStringLiteral("-D"), QStringLiteral("-e"), QStringLiteral("-f"), conf}, m_port);
    QVERIFY2(err.isEmpty(), qPrintable(err));
    m_user = qEnvironmentVariable("USER");
    if (m_user.isEmpty()) {
        QProcess id;
        id.start(QStringLiteral("id"), {QStringLiteral("-un")});
        id.waitForFinished();
        m_user = QString::fromUtf8(id.readAllStandardOutput()).trimmed();
    }
    m_knownHosts = m_dir.filePath(QStringLiteral("ssh/known_hosts")); // the folder does not exist yet
}

SshConfig TstSshRunner::config() const
{
    SshConfig c;
    c.host = QStringLiteral("127.0.0.1");
    c.port = m_port;
    c.user = m_user;
    c.identityFile = m_userKey;
    c.useAgent = false;
    c.knownHostsFile = m_knownHosts;
    c.keepaliveSeconds = 1;
    return c;
}

RunResult TstSshRunner::run(SshRunner &runner, const QString &command, int timeoutMs,
                            const QMap<QString, QString> &env)
{
    RunRequest r;
    r.prepared.stepId = QStringLiteral("ssh-step");
    r.prepared.command = r.prepared.display = command;
    r.prepared.env = env;
    r.timeoutMs = timeoutMs;
    QSignalSpy done(&runner, &SshRunner::finished);
    runner.start(r);
    if (!done.wait(60000))
        return {};
    return done.first().first().value<RunResult>();
}

void TstSshRunner::unknownHostKeyIsReportedThenAccepted()
{
    SshRunner runner(config());
    QSignalSpy unknown(&runner, &SshRunner::hostKeyUnknown);
    auto r = run(runner, QStringLiteral("echo hello"));
    QVERIFY(!r.started);
    QVERIFY2(r.error.startsWith(QLatin1String("unknown host key for 127.0.0.1")), qPrintable(r.error));
    QCOMPARE(unknown.size(), 1);
    QCOMPARE(unknown.first().at(1).toString(), m_hostFingerprint); // what ssh-keygen -l shows
    QVERIFY(!QFile::exists(m_knownHosts));

    // A different fingerprint than the server's is not an acceptance.
    SshConfig wrong = config();
    wrong.acceptFingerprint = QStringLiteral("SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
    runner.setConfig(wrong);
    r = run(runner, QStringLiteral("echo hello"));
    QVERIFY(!r.started);

    SshConfig accepted = config();
    accepted.acceptFingerprint = m_hostFingerprint;
    runner.setConfig(accepted);
    r = run(runner, QStringLiteral("echo hello"));
    QVERIFY2(r.ok(), qPrintable(r.error + m_sshd.output()));
    QCOMPARE(r.output, QByteArray("hello\n"));
    QVERIFY(QFile::exists(m_knownHosts)); // recorded

    runner.setConfig(config()); // now known: no acceptance needed
    r = run(runner, QStringLiteral("echo again"));
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(r.where, QStringLiteral("%1@127.0.0.1:%2").arg(m_user).arg(m_port));
}

void TstSshRunner::exitStatusAndStreams()
{
    SshRunner runner(config());
    QSignalSpy output(&runner, &SshRunner::output);
    QSignalSpy started(&runner, &SshRunner::started);
    const auto r = run(runner, QStringLiteral("echo out; echo err >&2; exit 3"));
    QVERIFY2(r.started, qPrintable(r.error));
    QCOMPARE(r.exitCode, 3);
    QVERIFY(!r.ok());
    QCOMPARE(started.size(), 1);
    QByteArray out, err;
    for (const auto &a : output)
        (a.at(2).toBool() ? err : out) += a.at(1).toByteArray();
    QCOMPARE(out, QByteArray("out\n"));
    QCOMPARE(err, QByteArray("err\n"));
    QVERIFY(!runner.isRunning());
}

void TstSshRunner::placeholderValuesAsEnvironment()
{
    SshRunner runner(config());
    const QString value = QStringLiteral("it's \"quoted\" $(echo no) `x`");
    const auto r = run(runner, QStringLiteral("printf '%s' \"$MY_VALUE\""), 30000,
                       {{QStringLiteral("MY_VALUE"), value}});
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(QString::fromUtf8(r.output), value);
}

void TstSshRunner::secretsTravelOnStdinNeverOnACommandLine_data()
{
    QTest::addColumn<bool>("pty");
    QTest::newRow("pipe") << false;
    QTest::newRow("pseudo-terminal") << true;
}

void TstSshRunner::secretsTravelOnStdinNeverOnACommandLine()
{
    // sshd runs here, so the remote shell's command line is as readable as a local one: read them all.
    QFETCH(bool, pty);
    const QString secret = QStringLiteral("s3cr3t-%1 $(touch /tmp/sitrep-pwned) ';x' \"q\"")
                               .arg(QDateTime::currentMSecsSinceEpoch());
    RunRequest r;
    r.prepared.stepId = QStringLiteral("secret");
    r.prepared.command = r.prepared.display =
        QStringLiteral("printf '%s' \"$SITREP_SECRET_API_TOKEN\" | sha256sum; sleep 0.8");
    r.prepared.env.insert(QStringLiteral("SITREP_SECRET_API_TOKEN"), secret);
    r.prepared.secretValues << secret;
    r.prepared.terminal = pty ? TerminalUse::Pty : TerminalUse::None;
    r.target.kubeNamespace = QStringLiteral("demo");
    r.timeoutMs = 30000;
    SshRunner runner(config());
    QSignalSpy done(&runner, &SshRunner::finished);
    const QByteArray tag = secret.section(QLatin1Char(' '), 0, 0).toUtf8();
    QStringList leaks;
    int scans = 0;
    QTimer scanner;
    scanner.setInterval(3);
    connect(&scanner, &QTimer::timeout, this, [&] {
        ++scans;
        for (const QString &pid : QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
            QFile f(QStringLiteral("/proc/%1/cmdline").arg(pid));
            if (pid.at(0).isDigit() && f.open(QIODevice::ReadOnly) && f.readAll().contains(tag))
                leaks << pid;
        }
    });
    scanner.start();
    runner.start(r);
    QVERIFY(done.wait(60000));
    scanner.stop();
    const auto result = done.first().first().value<RunResult>();
    QVERIFY2(result.ok(), qPrintable(result.error + QString::fromUtf8(result.output)));
    QVERIFY(scans >= 20);
    QVERIFY2(leaks.isEmpty(), qPrintable(leaks.join(QLatin1Char(','))));
    QVERIFY2(result.output.contains(QCryptographicHash::hash(secret.toUtf8(), QCryptographicHash::Sha256).toHex()),
             result.output.constData());
    QVERIFY(!result.output.contains(tag)); // not echoed by the remote terminal either
    QVERIFY(!result.output.contains(SshRunner::readyMarker().toUtf8()));
    QVERIFY(!SshRunner::remoteCommand(r).contains(secret));
    QVERIFY(!QFile::exists(QStringLiteral("/tmp/sitrep-pwned")));
}

void TstSshRunner::pseudoTerminalTakesInput()
{
    SshRunner runner(config());
    QSignalSpy output(&runner, &SshRunner::output);
    QSignalSpy done(&runner, &SshRunner::finished);
    RunRequest r;
    r.prepared.stepId = QStringLiteral("pty");
    r.prepared.command = r.prepared.display =
        QStringLiteral("test -t 0 && echo on-a-tty; stty size; printf 'name? '; read -r n; echo \"hello $n\"");
    r.prepared.terminal = TerminalUse::Pty;
    r.prepared.env.insert(QStringLiteral("GREETING"), QStringLiteral("unused"));
    r.columns = 90;
    r.rows = 20;
    runner.start(r);
    auto all = [&output] {
        QByteArray out;
        for (const auto &args : output)
            out += args.at(1).toByteArray();
        return out;
    };
    while (!all().contains("name? ") && done.isEmpty())
        QVERIFY(output.wait(30000));
    QVERIFY(runner.acceptsInput());
    runner.writeInput("bastion user\r");
    QVERIFY(done.wait(30000));
    const auto result = done.first().first().value<RunResult>();
    QVERIFY2(result.ok(), qPrintable(result.error + QString::fromUtf8(result.output)));
    QVERIFY2(result.output.contains("on-a-tty"), result.output.constData());
    QVERIFY2(result.output.contains("20 90"), result.output.constData());
    QVERIFY2(result.output.contains("hello bastion user"), result.output.constData());
    QVERIFY(!runner.acceptsInput());
}

void TstSshRunner::ctrlCOverSsh()
{
    SshRunner runner(config());
    QSignalSpy output(&runner, &SshRunner::output);
    QSignalSpy done(&runner, &SshRunner::finished);
    RunRequest r;
    r.prepared.stepId = QStringLiteral("ctrl-c");
    r.prepared.command = r.prepared.display = QStringLiteral("echo ready; sleep 60; echo never");
    r.prepared.terminal = TerminalUse::Pty;
    runner.start(r);
    while (output.isEmpty() || !output.last().at(1).toByteArray().contains("ready"))
        QVERIFY(output.wait(30000));
    runner.writeInput("\x03");
    QVERIFY(done.wait(30000));
    const auto result = done.first().first().value<RunResult>();
    QVERIFY(!result.output.contains("never"));
    QVERIFY(result.exitCode != 0);
    QVERIFY(result.durationMs < 30000);
}

void TstSshRunner::stdinDataReachesTheCommand()
{
    SshRunner runner(config());
    RunRequest r;
    r.prepared.stepId = QStringLiteral("stdin");
    r.prepared.command = r.prepared.display = QStringLiteral("tr a-z A-Z");
    r.prepared.env.insert(QStringLiteral("SITREP_SECRET_X"), QStringLiteral("v"));
    r.stdinData = "select 1;\n";
    QSignalSpy done(&runner, &SshRunner::finished);
    runner.start(r);
    QVERIFY(done.wait(30000));
    const auto result = done.first().first().value<RunResult>();
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.output, QByteArray("SELECT 1;\n")); // after the values, and then end of input
}

void TstSshRunner::cancel()
{
    SshRunner runner(config());
    QSignalSpy started(&runner, &SshRunner::started);
    QSignalSpy done(&runner, &SshRunner::finished);
    RunRequest req;
    req.prepared.stepId = QStringLiteral("long");
    req.prepared.command = req.prepared.display = QStringLiteral("echo begin; sleep 30; echo end");
    runner.start(req);
    QVERIFY(started.wait(20000));
    QVERIFY(runner.isRunning());
    runner.cancel();
    QVERIFY(done.wait(15000));
    const auto r = done.first().first().value<RunResult>();
    QVERIFY(r.cancelled);
    QVERIFY(r.durationMs < 15000);
    QVERIFY(!r.output.contains("end"));
    QVERIFY(!runner.isRunning());
}

void TstSshRunner::timeout()
{
    SshRunner runner(config());
    const auto r = run(runner, QStringLiteral("sleep 30"), 1500);
    QVERIFY(r.timedOut);
    QVERIFY(r.durationMs < 15000);
}

void TstSshRunner::changedHostKeyIsRefused()
{
    // known_hosts that names another key for this host:port.
    const QString otherKey = keygen(QStringLiteral("other_host"));
    QFile pub(otherKey + QStringLiteral(".pub"));
    QVERIFY(pub.open(QIODevice::ReadOnly));
    const QByteArray key = pub.readAll().split(' ').mid(0, 2).join(' ');
    const QString changed = m_dir.filePath(QStringLiteral("known_hosts_changed"));
    QFile f(changed);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QStringLiteral("[127.0.0.1]:%1 ").arg(m_port).toUtf8() + key + '\n');
    f.close();
    SshConfig c = config();
    c.knownHostsFile = changed;
    c.acceptFingerprint = m_hostFingerprint; // even an acceptance does not override a changed key
    SshRunner runner(c);
    QSignalSpy changedSpy(&runner, &SshRunner::hostKeyChanged);
    const auto r = run(runner, QStringLiteral("echo should-not-run"));
    QVERIFY(!r.started);
    QVERIFY2(r.error.contains(QLatin1String("has changed")), qPrintable(r.error));
    QCOMPARE(changedSpy.size(), 1);
    QCOMPARE(changedSpy.first().at(1).toString(), m_hostFingerprint);
    QVERIFY(r.output.isEmpty());
}

void TstSshRunner::keyPassphrase()
{
    SshConfig c = config();
    c.identityFile = m_protectedKey;
    c.passphrase = QStringLiteral("wrong");
    SshRunner runner(c);
    auto r = run(runner, QStringLiteral("echo in"));
    QVERIFY(!r.started);
    QVERIFY2(r.error.contains(QLatin1String("wrong passphrase")), qPrintable(r.error));
    c.passphrase = QStringLiteral("correct horse");
    runner.setConfig(c);
    r = run(runner, QStringLiteral("echo in"));
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(r.output, QByteArray("in\n"));
}

void TstSshRunner::agentAuthentication()
{
    // A real ssh-agent holding the user key; no identity file configured.
    const QString agent = Sitrep::Test::findProgram(QStringLiteral("ssh-agent"));
    const QString add = Sitrep::Test::findProgram(QStringLiteral("ssh-add"));
    QVERIFY2(!agent.isEmpty() && !add.isEmpty(), "ssh-agent and ssh-add come with openssh-client");
    const QString sock = m_dir.filePath(QStringLiteral("agent.sock"));
    QProcess agentProcess;
    agentProcess.start(agent, {QStringLiteral("-D"), QStringLiteral("-a"), sock});
    QVERIFY(agentProcess.waitForStarted());
    QTRY_VERIFY(QFile::exists(sock));
    const QByteArray oldSock = qgetenv("SSH_AUTH_SOCK");
    qputenv("SSH_AUTH_SOCK", sock.toUtf8());
    QProcess addKey;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("SSH_AUTH_SOCK"), sock);
    addKey.setProcessEnvironment(env);
    addKey.start(add, {m_userKey});
    QVERIFY(addKey.waitForFinished(20000));
    QCOMPARE(addKey.exitCode(), 0);

    SshConfig c = config();
    c.identityFile.clear();
    c.useAgent = true;
    SshRunner runner(c);
    auto r = run(runner, QStringLiteral("echo via-agent"));
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(r.output, QByteArray("via-agent\n"));
    c.useAgent = false; // no key and no agent: a clear refusal
    runner.setConfig(c);
    r = run(runner, QStringLiteral("true"));
    QVERIFY(!r.started);
    QVERIFY2(r.error.startsWith(QLatin1String("authentication as")), qPrintable(r.error));

    if (oldSock.isEmpty())
        qunsetenv("SSH_AUTH_SOCK");
    else
        qputenv("SSH_AUTH_SOCK", oldSock);
    agentProcess.terminate();
    agentProcess.waitForFinished(5000);
}

void TstSshRunner::connectionRefused()
{
    SshConfig c = config();
    c.port = Sitrep::Test::freePort();
    SshRunner runner(c);
    const auto r = run(runner, QStringLiteral("true"));
    QVERIFY(!r.started);
    QVERIFY2(r.error.startsWith(QStringLiteral("cannot connect to 127.0.0.1:%1").arg(c.port)),
             qPrintable(r.error));
}

void TstSshRunner::runbookStepOnTheBastionAgainstTheSimulator()
{
    // The bastion's own kubectl (here: this machine's, reached over SSH) against the simulated cluster,
    // running a step of the bundled runbook exactly as the wizard prepares it.
    Sitrep::Sim::SimServer sim;
    QVERIFY(sim.loadScenario(QStringLiteral("api-gateway-rollout")).ok());
    const auto url = sim.start(0, true);
    QVERIFY2(url.ok(), qPrintable(url.ok() ? QString() : url.error().text()));
    const QString kubeconfig = m_dir.filePath(QStringLiteral("bastion-kubeconfig"));
    QVERIFY(sim.writeKubeconfig(kubeconfig, QStringLiteral("sim"), QStringLiteral("demo")).ok());

    const auto runbook = RunbookParser::parseFile(QStringLiteral(":/runbooks/api-gateway-crashloop.md"));
    QVERIFY(runbook.ok());
    const Step *step = nullptr;
    for (const Step *s : runbook->allSteps()) {
        if (!step && s->command == QLatin1String("kubectl get pods -n demo"))
            step = s;
    }
    QVERIFY(step);
    QCOMPARE(step->risk, Risk::Read);
    auto prepared =
        CommandPreparer::prepare(*step, {{QStringLiteral("namespace"), QStringLiteral("demo")}}, false);
    QVERIFY(prepared.ok());

    SshRunner runner(config());
    RunRequest r;
    r.prepared = *prepared;
    r.prepared.env.insert(QStringLiteral("KUBECONFIG"), kubeconfig); // the bastion's kubeconfig
    r.target.kubeNamespace = QStringLiteral("demo");
    r.timeoutMs = 60000;
    QSignalSpy done(&runner, &SshRunner::finished);
    runner.start(r);
    QVERIFY(done.wait(90000));
    const auto result = done.first().first().value<RunResult>();
    QVERIFY2(result.ok(), qPrintable(result.error + QString::fromUtf8(result.output)));
    QCOMPARE(result.stepId, step->id);
    QVERIFY(result.where.contains(QLatin1String("127.0.0.1")));
    // kubectl's own table, with the crash-looping gateway the scenario starts with.
    QVERIFY2(result.output.startsWith("NAME "), result.output.constData());
    QVERIFY2(result.output.contains("api-gateway-"), result.output.constData());
}

void TstSshRunner::destroyingARunnerNeverWaitsForAHangingConnect()
{
    // A "bastion" that accepts the TCP connection and never says a word.
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost));
    SshConfig c = config();
    c.port = silent.serverPort();
    c.connectTimeoutSeconds = 30;
    auto runner = std::make_unique<SshRunner>(c);
    QSignalSpy finished(runner.get(), &SshRunner::finished);
    RunRequest r;
    r.prepared.stepId = QStringLiteral("hang");
    r.prepared.command = r.prepared.display = QStringLiteral("true");
    runner->start(r);
    QTRY_VERIFY(silent.hasPendingConnections());
    // The GUI thread switches environments now: the runner goes away without waiting for libssh.
    QElapsedTimer t;
    t.start();
    runner.reset();
    QVERIFY2(t.elapsed() < 5000, qPrintable(QString::number(t.elapsed())));
    // The bastion hangs up: the orphaned worker leaves libssh and ends (nothing of it outlives the test).
    silent.close();
    while (QTcpSocket *s = silent.nextPendingConnection())
        s->abort();
    qDeleteAll(silent.findChildren<QTcpSocket *>());
    QTRY_COMPARE_WITH_TIMEOUT(SshRunner::activeWorkers(), 0, 35000);
    // A cancelled run on a live runner reports that it was cancelled once the connect gives up.
    SshRunner second(c);
    second.setConfig([&c] {
        SshConfig quick = c;
        quick.connectTimeoutSeconds = 2;
        return quick;
    }());
    QSignalSpy done(&second, &SshRunner::finished);
    second.start(r);
    second.cancel();
    QVERIFY(done.wait(15000));
    const auto result = done.first().first().value<RunResult>();
    QVERIFY(!result.ok());
    QVERIFY2(result.cancelled || result.error.contains(QLatin1String("cannot connect")),
             qPrintable(result.error));
}

QTEST_GUILESS_MAIN(TstSshRunner)
#include "tst_sshrunner.moc"
