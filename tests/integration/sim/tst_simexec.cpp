// `kubectl exec` against the simulated cluster with the real kubectl 1.32, which speaks it over WebSockets
// (v5.channel.k8s.io): the scenario's scripted answers per image, counters that move with the cluster, exit
// codes, stdin scripts for psql, and the errors of pods and containers that cannot be exec'd into.
#include "core/ManualClock.h"
#include "sim/SimServer.h"
#include "support/TestEnv.h"

#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using Sitrep::Sim::SimServer;

class TstSimExec final : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void psqlAnswersFromTheScenario();
    void statefulSetAndDeploymentTargets();
    void countersGrowWhileTheGatewayIsDownAndFallAfterTheUndo();
    void exitCodesAndUnknownCommands_data();
    void exitCodesAndUnknownCommands();
    void stdinScriptsForPsql();
    void readOnlyTransactionRefusesWrites();
    void podsAndContainersThatCannotRun();
    void noSessionIsLeftOpen();

private:
    struct Run
    {
        int exitCode = -1;
        QString out, err;
        QString describe() const { return QStringLiteral("exit %1\n--- out\n%2\n--- err\n%3").arg(exitCode).arg(out, err); }
    };
    Run kubectl(const QStringList &args, const QByteArray &stdinData = {});
    int counter(const QString &name) const { return m_sim->execCounters().value(name).toInt(); }
    void stepSeconds(int seconds);

    QTemporaryDir m_dir;
    Sitrep::Core::ManualClock m_clock;
    std::unique_ptr<SimServer> m_sim;
    QString m_kubeconfig;
};

void TstSimExec::initTestCase()
{
    QVERIFY2(!Sitrep::Test::findProgram(QStringLiteral("kubectl")).isEmpty(),
             "kubectl 1.32 is preinstalled on these machines (package kubectl)");
    QVERIFY(m_dir.isValid());
    m_sim = std::make_unique<SimServer>(nullptr, &m_clock);
    QVERIFY(m_sim->loadScenario(QStringLiteral("api-gateway-rollout")).ok());
    m_sim->setRunning(false); // time moves when the test says so
    const auto url = m_sim->start(0, true);
    QVERIFY2(url.ok(), qPrintable(url.ok() ? QString() : url.error().text()));
    m_kubeconfig = m_dir.filePath(QStringLiteral("kubeconfig"));
    QVERIFY(m_sim->writeKubeconfig(m_kubeconfig, QStringLiteral("sim"), QStringLiteral("demo")).ok());
    m_sim->step();
}

TstSimExec::Run TstSimExec::kubectl(const QStringList &args, const QByteArray &stdinData)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), m_dir.path());
    env.remove(QStringLiteral("KUBECONFIG"));
    p.setProcessEnvironment(env);
    QSignalSpy finished(&p, &QProcess::finished);
    p.start(Sitrep::Test::findProgram(QStringLiteral("kubectl")),
            QStringList{QStringLiteral("--kubeconfig"), m_kubeconfig, QStringLiteral("--cache-dir"),
                        m_dir.filePath(QStringLiteral("cache"))} +
                args);
    Run r;
    if (!p.waitForStarted(5000))
        return r;
    if (!stdinData.isEmpty())
        p.write(stdinData);
    p.closeWriteChannel();
    // The simulated server lives in this thread: wait by spinning the event loop.
    if (!finished.wait(30000)) {
        p.kill();
        p.waitForFinished(2000);
        return r;
    }
    r.exitCode = p.exitCode();
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

void TstSimExec::stepSeconds(int seconds)
{
    for (int i = 0; i < seconds; ++i) {
        m_clock.advanceSecs(1);
        m_sim->step();
    }
}

void TstSimExec::psqlAnswersFromTheScenario()
{
    const Run r = kubectl({QStringLiteral("exec"), QStringLiteral("-n"), QStringLiteral("demo"), QStringLiteral("postgres-0"),
                           QStringLiteral("-c"), QStringLiteral("postgres"), QStringLiteral("--"), QStringLiteral("psql"),
                           QStringLiteral("-U"), QStringLiteral("postgres"), QStringLiteral("-c"),
                           QStringLiteral("SELECT count(*) FROM pg_stat_activity;")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    // psql's aligned table: a centred header, a rule, the value right-aligned, the row count.
    const QStringList lines = r.out.split(QLatin1Char('\n'));
    QCOMPARE(lines.value(0), QStringLiteral(" count "));
    QCOMPARE(lines.value(1), QStringLiteral("-------"));
    QCOMPARE(lines.value(2).trimmed().toInt(), counter(QStringLiteral("connections")));
    QCOMPARE(lines.value(3), QStringLiteral("(1 row)"));
}

void TstSimExec::statefulSetAndDeploymentTargets()
{
    // kubectl resolves the workload to a pod and picks the default container (saying so on stderr).
    Run r = kubectl({QStringLiteral("exec"), QStringLiteral("-n"), QStringLiteral("demo"), QStringLiteral("statefulset/postgres"),
                     QStringLiteral("--"), QStringLiteral("pg_isready")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    QCOMPARE(r.out, QStringLiteral("/var/run/postgresql:5432 - accepting connections\n"));
    QVERIFY(r.err.contains(QLatin1String("Defaulted container \"postgres\"")));
    r = kubectl({QStringLiteral("exec"), QStringLiteral("-n"), QStringLiteral("demo"), QStringLiteral("deploy/redis"), QStringLiteral("--"),
                 QStringLiteral("redis-cli"), QStringLiteral("LLEN"), QStringLiteral("orders")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    QCOMPARE(r.out.trimmed().toInt(), counter(QStringLiteral("queue"))); // no terminal: the bare number
}

void TstSimExec::countersGrowWhileTheGatewayIsDownAndFallAfterTheUndo()
{
    const int before = counter(QStringLiteral("connections"));
    const int queueBefore = counter(QStringLiteral("queue"));
    stepSeconds(120); // two more minutes of crash loop
    const int during = counter(QStringLiteral("connections"));
    QVERIFY2(during > before, qPrintable(QStringLiteral("%1 -> %2").arg(before).arg(during)));
    QVERIFY(counter(QStringLiteral("queue")) > queueBefore);
    const Run growing = kubectl({QStringLiteral("exec"), QStringLiteral("-n"), QStringLiteral("demo"), QStringLiteral("postgres-0"),
                                 QStringLiteral("-c"), QStringLiteral("postgres"), QStringLiteral("--"), QStringLiteral("psql"),
                                 QStringLiteral("-At"), QStringLiteral("-c"), QStringLiteral("SELECT count(*) FROM pg_stat_activity")});
    QCOMPARE(growing.out.trimmed().toInt(), during);

    // The fix: roll back, let the old pods come up, and the pool drains.
    const Run undo = kubectl({QStringLiteral("rollout"), QStringLiteral("undo"), QStringLiteral("deployment/api-gateway"),
                              QStringLiteral("-n"), QStringLiteral("demo")});
    QVERIFY2(undo.exitCode == 0, qPrintable(undo.describe()));
    stepSeconds(240);
    const int after = counter(QStringLiteral("connections"));
    QVERIFY2(after < during, qPrintable(QStringLiteral("%1 -> %2").arg(during).arg(after)));
    QCOMPARE(after, 19); // back to its base once every gateway pod is ready
}

void TstSimExec::exitCodesAndUnknownCommands_data()
{
    QTest::addColumn<QStringList>("command");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("out");
    QTest::addColumn<QString>("err");
    QTest::newRow("shell exit") << QStringList{QStringLiteral("sh"), QStringLiteral("-c"), QStringLiteral("echo hi; exit 3")} << 3
                                << QStringLiteral("hi\n") << QStringLiteral("command terminated with exit code 3");
    QTest::newRow("unknown program") << QStringList{QStringLiteral("frobnicate"), QStringLiteral("--now")} << 127 << QString()
                                     << QStringLiteral("frobnicate: command not found");
    QTest::newRow("pipeline") << QStringList{QStringLiteral("sh"), QStringLiteral("-c"),
                                             QStringLiteral("printf 'a\\nb\\nc\\n' | grep -v b | wc -l")}
                              << 0 << QStringLiteral("2\n") << QString();
    QTest::newRow("redis error reply") << QStringList{QStringLiteral("redis-cli"), QStringLiteral("NOSUCH")} << 1
                                       << QStringLiteral("ERR unknown command 'NOSUCH'") << QString();
}

void TstSimExec::exitCodesAndUnknownCommands()
{
    QFETCH(QStringList, command);
    QFETCH(int, exitCode);
    QFETCH(QString, out);
    QFETCH(QString, err);
    const Run r = kubectl(QStringList{QStringLiteral("exec"), QStringLiteral("-n"), QStringLiteral("demo"), QStringLiteral("deploy/redis"),
                                      QStringLiteral("--")} +
                          command);
    QCOMPARE(r.exitCode, exitCode);
    QVERIFY2(r.out.startsWith(out), qPrintable(r.describe()));
    QVERIFY2(r.err.contains(err), qPrintable(r.describe()));
}

void TstSimExec::stdinScriptsForPsql()
{
    // What Sitrep's SQL steps send: the statements on stdin, CSV out, markers between the statements.
    const QByteArray script = "\\set ON_ERROR_STOP on\nBEGIN READ ONLY;\nSET LOCAL statement_timeout = 30000;\n"
                              "\\echo m 0\nSELECT state, count(*) FROM pg_stat_activity GROUP BY state;\n"
                              "\\echo m end\nROLLBACK;\n";
    const Run r = kubectl({QStringLiteral("exec"), QStringLiteral("-i"), QStringLiteral("-n"), QStringLiteral("demo"),
                           QStringLiteral("postgres-0"), QStringLiteral("-c"), QStringLiteral("postgres"), QStringLiteral("--"),
                           QStringLiteral("psql"), QStringLiteral("-X"), QStringLiteral("--csv"), QStringLiteral("-v"),
                           QStringLiteral("ON_ERROR_STOP=1"), QStringLiteral("-f"), QStringLiteral("-")},
                          script);
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    QCOMPARE(r.out.section(QStringLiteral("m 0\n"), 1).section(QStringLiteral("m end"), 0, 0),
             QStringLiteral("state,count\nidle in transaction,%1\nidle,12\nactive,6\n")
                 .arg(counter(QStringLiteral("idleInTransaction"))));
    QVERIFY(r.out.startsWith(QLatin1String("BEGIN\nSET\n")));
    QVERIFY(r.out.trimmed().endsWith(QLatin1String("ROLLBACK")));
}

void TstSimExec::readOnlyTransactionRefusesWrites()
{
    const QByteArray script = "BEGIN READ ONLY;\nUPDATE orders SET status = 'x';\nSELECT 1;\n";
    const Run r = kubectl({QStringLiteral("exec"), QStringLiteral("-i"), QStringLiteral("-n"), QStringLiteral("demo"),
                           QStringLiteral("postgres-0"), QStringLiteral("-c"), QStringLiteral("postgres"), QStringLiteral("--"),
                           QStringLiteral("psql"), QStringLiteral("-v"), QStringLiteral("ON_ERROR_STOP=1"), QStringLiteral("-f"),
                           QStringLiteral("-")},
                          script);
    QCOMPARE(r.exitCode, 3); // psql's exit code for a script stopped by an error
    QVERIFY2(r.err.contains(QLatin1String("psql:<stdin>:2: ERROR:  cannot execute UPDATE in a read-only transaction")),
             qPrintable(r.describe()));
    QVERIFY(!r.out.contains(QLatin1String("?column?"))); // the script stopped there
}

void TstSimExec::podsAndContainersThatCannotRun()
{
    Run r = kubectl({QStringLiteral("exec"), QStringLiteral("-n"), QStringLiteral("demo"), QStringLiteral("no-such-pod"), QStringLiteral("--"),
                     QStringLiteral("true")});
    QVERIFY(r.exitCode != 0);
    QVERIFY2(r.err.contains(QLatin1String("pods \"no-such-pod\" not found")), qPrintable(r.describe()));
    r = kubectl({QStringLiteral("exec"), QStringLiteral("-n"), QStringLiteral("demo"), QStringLiteral("postgres-0"), QStringLiteral("-c"),
                 QStringLiteral("nope"), QStringLiteral("--"), QStringLiteral("true")});
    QVERIFY(r.exitCode != 0);
    QVERIFY2(r.err.contains(QLatin1String("nope")), qPrintable(r.describe()));
}

void TstSimExec::noSessionIsLeftOpen()
{
    QTRY_COMPARE(m_sim->openExecSessions(), 0);
}

QTEST_GUILESS_MAIN(TstSimExec)
#include "tst_simexec.moc"
