#include "DemoCluster.h"
#include "core/IncidentSession.h"
#include "core/ManualClock.h"
#include "runbook/CommandPreparer.h"
#include "runbook/LocalRunner.h"
#include "runbook/RunPolicy.h"
#include "runbook/RunRecorder.h"
#include "runbook/RunbookParser.h"
#include "runbook/SqlExecutor.h"
#include "sim/SimServer.h"
#include "support/TestEnv.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Sitrep::Core;
using namespace Sitrep::Runbook;
using Sitrep::Sim::SimServer;

// The bundled demo runbook's kubectl commands, through the policy and the local runner, with the real
// kubectl against the simulated cluster (in-process), journaled.
class TstRunbookOnSim : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void readSteps_data();
    void readSteps();
    void databaseStepsRunInThePodThroughKubectlExec();
    void destructiveSqlWantsTheDatabaseNameTyped();
    void itCommandRunsUnderAPseudoTerminal();
    void interactiveProgramTakesInputAndCtrlD();
    void ctrlCEndsARemoteCommand();
    void destructiveThenChangeThenDryRun();
    void journaled();

private:
    RunResult run(const QString &stepId, bool dryRun = false, RunPolicy::Decision *decision = nullptr);
    struct SqlRun
    {
        RunResult result;
        SqlResult table;
        RunPolicy::Decision decision;
    };
    SqlRun runSql(const QString &stepId);
    RunResult runInteractive(const QString &command, const QList<QPair<QByteArray, QByteArray>> &script);
    DatabaseTarget m_database;

    QTemporaryDir m_dir;
    std::unique_ptr<SimServer> m_sim;
    Sitrep::Runbook::Runbook m_runbook;
    RunTarget m_target;
    QMap<QString, QString> m_values;
    Journal m_journal;
    ManualClock m_clock;
    std::unique_ptr<IncidentSession> m_session;
    int m_runs = 0;
};

void TstRunbookOnSim::initTestCase()
{
    QVERIFY2(!Sitrep::Test::findProgram(QStringLiteral("kubectl")).isEmpty(), "kubectl is preinstalled");
    m_sim = std::make_unique<SimServer>();
    const auto target = Sitrep::Test::startDemoCluster(*m_sim, m_dir.path());
    QVERIFY2(target.ok(), qPrintable(target.ok() ? QString() : target.error().text()));
    m_target = target.value();
    auto rb = RunbookParser::parseFile(QStringLiteral(":/runbooks/api-gateway-crashloop.md"));
    QVERIFY(rb.ok());
    m_runbook = rb.value();
    QVERIFY(m_journal.open(m_dir.filePath(QStringLiteral("drill.sitrep"))).ok());
    m_session = std::make_unique<IncidentSession>(m_journal, m_clock, QStringLiteral("alice"));
    QVERIFY(m_session->declare({QStringLiteral("Gateway crash loop"), QStringLiteral("api-gateway")}).ok());

    // The pod placeholder comes from the console's selection; here, from the cluster itself.
    LocalRunner runner;
    QSignalSpy done(&runner, &LocalRunner::finished);
    RunRequest req;
    req.prepared.command = QStringLiteral("kubectl get pods -n demo -o name | grep api-gateway | head -1");
    req.target = m_target;
    runner.start(req);
    QVERIFY(done.wait(30000));
    const auto r = done.first().first().value<RunResult>();
    QVERIFY2(r.ok(), r.output.constData());
    const QString pod = QString::fromUtf8(r.output).trimmed().section(QLatin1Char('/'), 1);
    QVERIFY(pod.startsWith(QLatin1String("api-gateway-")));
    m_values = {{QStringLiteral("namespace"), QStringLiteral("demo")}, {QStringLiteral("pod"), pod}};
    m_database.url = QStringLiteral("postgresql://postgres@/orders");
    m_database.pod = QStringLiteral("demo/postgres-0:postgres");
}

RunResult TstRunbookOnSim::run(const QString &stepId, bool dryRun, RunPolicy::Decision *decision)
{
    const Step *step = m_runbook.findStep(stepId);
    if (!step)
        return {};
    const auto prepared = CommandPreparer::prepare(*step, m_values, dryRun);
    if (!prepared.ok())
        return {};
    RunPolicy policy;
    const auto d = policy.decide(prepared.value(), m_target);
    if (decision)
        *decision = d;
    if (!d.allowed)
        return {};
    LocalRunner runner;
    QSignalSpy done(&runner, &LocalRunner::finished);
    RunRequest req;
    req.prepared = prepared.value();
    req.target = m_target;
    req.timeoutMs = 60000;
    runner.start(req);
    if (!done.wait(90000))
        return {};
    const auto r = done.first().first().value<RunResult>();
    if (RunRecorder(*m_session)
            .recordRun(QStringLiteral(":/runbooks/api-gateway-crashloop.md"), prepared.value(), r,
                       runner.kind())
            .ok())
        ++m_runs;
    return r;
}

TstRunbookOnSim::SqlRun TstRunbookOnSim::runSql(const QString &stepId)
{
    SqlRun out;
    const Step *step = m_runbook.findStep(stepId);
    if (!step || step->kind != StepKind::Sql)
        return out;
    const auto prepared = CommandPreparer::prepareSql(*step, m_values, m_database);
    if (!prepared.ok())
        return out;
    out.decision = RunPolicy().decide(prepared.value(), m_target);
    LocalRunner runner;
    SqlExecutor executor;
    executor.setCommandRunner(&runner);
    QSignalSpy done(&executor, &SqlExecutor::finished);
    executor.start(prepared.value(), m_database, m_target, 60000);
    if (done.isEmpty() && !done.wait(90000))
        return out;
    out.result = done.first().at(0).value<RunResult>();
    out.table = done.first().at(1).value<SqlResult>();
    if (RunRecorder(*m_session)
            .recordRun(QStringLiteral(":/runbooks/api-gateway-crashloop.md"), prepared.value(), out.result,
                       QStringLiteral("sql"))
            .ok())
        ++m_runs;
    return out;
}

// Runs a command under a pseudo-terminal as the wizard does, typing each input once its prompt appeared.
RunResult TstRunbookOnSim::runInteractive(const QString &command,
                                          const QList<QPair<QByteArray, QByteArray>> &script)
{
    LocalRunner runner;
    QSignalSpy output(&runner, &LocalRunner::output);
    QSignalSpy done(&runner, &LocalRunner::finished);
    RunRequest req;
    req.prepared.stepId = QStringLiteral("interactive");
    req.prepared.command = req.prepared.display = command;
    req.prepared.terminal = TerminalUse::Pty;
    req.target = m_target;
    req.timeoutMs = 60000;
    runner.start(req);
    QByteArray seen;
    for (const auto &[waitFor, type] : script) {
        while (!seen.contains(waitFor) && done.isEmpty()) {
            if (!output.wait(30000))
                break;
            seen.clear();
            for (const auto &args : output)
                seen += args.at(1).toByteArray();
        }
        if (!done.isEmpty())
            break;
        seen.clear(); // the next prompt must be a new one
        output.clear();
        runner.writeInput(type);
    }
    if (done.isEmpty() && !done.wait(60000))
        return {};
    return done.first().first().value<RunResult>();
}

void TstRunbookOnSim::databaseStepsRunInThePodThroughKubectlExec()
{
    // The demo's database: psql in its postgres pod through kubectl exec (the simulator's scripted answers).
    QList<const Step *> sql;
    for (const Step *s : m_runbook.allSteps()) {
        if (s->kind == StepKind::Sql)
            sql << s;
    }
    QCOMPARE(sql.size(), 4);
    const SqlRun byState = runSql(sql.at(0)->id);
    QCOMPARE(byState.decision.confirmation, RunPolicy::Confirmation::None); // a read: runs at once
    QVERIFY2(byState.result.ok(),
             qPrintable(byState.result.error + QString::fromUtf8(byState.result.output)));
    QCOMPARE(byState.table.columns, (QStringList{QStringLiteral("state"), QStringLiteral("count")}));
    QCOMPARE(byState.table.rows.size(), 3);
    QCOMPARE(byState.table.rows.first().first(), QStringLiteral("idle in transaction"));
    QVERIFY(byState.table.rows.first().at(1).toInt() >= 60); // the pool fills while the gateway crash-loops
    QVERIFY(byState.result.where.startsWith(QLatin1String("psql in pod demo/postgres-0")));
    const SqlRun holders = runSql(sql.at(1)->id);
    QVERIFY2(holders.result.ok(), qPrintable(holders.result.error));
    QCOMPARE(holders.table.columns.value(2), QStringLiteral("application_name"));
    QCOMPARE(holders.table.rows.first().value(2), QStringLiteral("api-gateway"));
}

void TstRunbookOnSim::destructiveSqlWantsTheDatabaseNameTyped()
{
    const Step *terminate = nullptr;
    for (const Step *s : m_runbook.allSteps()) {
        if (s->kind == StepKind::Sql && s->command.contains(QLatin1String("pg_terminate_backend")))
            terminate = s;
    }
    QVERIFY(terminate);
    QCOMPARE(terminate->risk, Risk::Destructive);
    const SqlRun r = runSql(terminate->id);
    QCOMPARE(r.decision.confirmation, RunPolicy::Confirmation::Typed);
    QCOMPARE(r.decision.typedWord, QStringLiteral("orders"));
    QVERIFY2(r.result.ok(), qPrintable(r.result.error));
    QCOMPARE(r.table.columns, QStringList{QStringLiteral("pg_terminate_backend")});
}

void TstRunbookOnSim::itCommandRunsUnderAPseudoTerminal()
{
    const Step *step = m_runbook.findStep(QStringLiteral("d-order-backlog-1"));
    QVERIFY(step);
    QCOMPARE(step->terminal, TerminalUse::Pty);
    QCOMPARE(step->risk, Risk::Read);
    RunPolicy::Decision d;
    const RunResult r = run(step->id, false, &d);
    QVERIFY(d.allowed);
    QVERIFY(d.pty);
    QVERIFY2(r.ok(), qPrintable(r.error + QString::fromUtf8(r.output)));
    // redis-cli on a terminal: the reply as a terminal shows it, lines ending in \r\n.
    QVERIFY2(r.output.contains("(integer) "), r.output.constData());
    QVERIFY(r.output.endsWith("\r\n"));
    // kubectl writes the terminal's size as the stream opens: no "websocket: close sent" for a quick command.
    QVERIFY2(!r.output.contains("Unhandled Error"), r.output.constData());
}

void TstRunbookOnSim::interactiveProgramTakesInputAndCtrlD()
{
    const RunResult r =
        runInteractive(QStringLiteral("kubectl exec -it -n demo deploy/redis -- redis-cli"),
                       {{"6379> ", "LLEN orders\r"}, {"6379> ", "PING\r"}, {"6379> ", "\x04"}});
    QVERIFY2(r.ok(), qPrintable(r.error + QString::fromUtf8(r.output)));
    QVERIFY2(r.output.contains("LLEN orders\r\n(integer) "), r.output.constData()); // echoed, then answered
    QVERIFY(r.output.contains("PONG"));
    QVERIFY2(!r.output.contains("Unhandled Error"), r.output.constData());
    // A shell in the pod, as an -it step would open it.
    const RunResult sh =
        runInteractive(QStringLiteral("kubectl exec -it -n demo postgres-0 -c postgres -- sh"),
                       {{"# ", "hostname\r"}, {"# ", "exit 4\r"}});
    QCOMPARE(sh.exitCode, 4);
    QVERIFY2(sh.output.contains("hostname\r\npostgres-0\r\n"), sh.output.constData());
    QVERIFY2(!sh.output.contains("Unhandled Error"), sh.output.constData());
}

void TstRunbookOnSim::ctrlCEndsARemoteCommand()
{
    const RunResult r = runInteractive(
        QStringLiteral("kubectl exec -it -n demo deploy/redis -- sh -c 'echo ready; sleep 60'"),
        {{"ready", "\x03"}});
    QCOMPARE(r.exitCode, 130);
    QVERIFY(r.durationMs < 30000);
    QVERIFY(r.output.contains("^C"));
    QVERIFY2(!r.output.contains("Unhandled Error"), r.output.constData());
}

void TstRunbookOnSim::readSteps_data()
{
    QTest::addColumn<QString>("stepId");
    QTest::addColumn<QString>("contains");
    QTest::newRow("get pods") << QStringLiteral("triage-5-minutes-1") << QStringLiteral("CrashLoopBackOff");
    QTest::newRow("get deployment") << QStringLiteral("triage-5-minutes-2") << QStringLiteral("api-gateway");
    QTest::newRow("events") << QStringLiteral("triage-5-minutes-3") << QStringLiteral("BackOff");
    QTest::newRow("describe pod") << QStringLiteral("a-pod-crash-loop-1") << QStringLiteral("Name:");
    QTest::newRow("deployment logs") << QStringLiteral("a-pod-crash-loop-3") << QStringLiteral("api-gateway");
    QTest::newRow("rollout history") << QStringLiteral("c-recent-changes-1") << QStringLiteral("REVISION");
    QTest::newRow("image") << QStringLiteral("c-recent-changes-2")
                           << QStringLiteral("registry.local/api-gateway:1.5.0");
}

void TstRunbookOnSim::readSteps()
{
    QFETCH(QString, stepId);
    QFETCH(QString, contains);
    RunPolicy::Decision d;
    const RunResult r = run(stepId, false, &d);
    QCOMPARE(d.confirmation, RunPolicy::Confirmation::None);
    QVERIFY2(r.ok(), qPrintable(r.error + QString::fromUtf8(r.output)));
    QVERIFY2(QString::fromUtf8(r.output).contains(contains), r.output.constData());
    QCOMPARE(r.where, QStringLiteral("context sim / namespace demo"));
}

void TstRunbookOnSim::destructiveThenChangeThenDryRun()
{
    RunPolicy::Decision d;
    RunResult r = run(QStringLiteral("rollback-5-minutes-2"), false, &d);
    QCOMPARE(d.confirmation, RunPolicy::Confirmation::Typed);
    QCOMPARE(d.typedWord, QStringLiteral("deployment/api-gateway"));
    QVERIFY2(r.ok(), qPrintable(r.error + QString::fromUtf8(r.output)));
    QVERIFY(r.output.contains("rolled back"));
    r = run(QStringLiteral("c-recent-changes-2"));
    QCOMPARE(r.output, QByteArray("registry.local/api-gateway:1.4.2")); // the previous revision's image

    r = run(QStringLiteral("restart-the-gateway-2"), false, &d);
    QCOMPARE(d.confirmation, RunPolicy::Confirmation::Confirm);
    QVERIFY2(r.ok(), qPrintable(r.error));
    QVERIFY(r.output.contains("restarted"));

    // Dry run: the flag reaches the API server, and the policy treats the command as a read.
    r = run(QStringLiteral("scale-up-2"), true, &d);
    QCOMPARE(d.confirmation, RunPolicy::Confirmation::None);
    QVERIFY2(r.ok(), qPrintable(r.error));
    QVERIFY2(r.output.contains("(server dry run)"), r.output.constData());
}

void TstRunbookOnSim::journaled()
{
    const auto events = m_journal.events();
    int runs = 0;
    for (const auto &e : events) {
        if (e.kind == EventKind::CommandRun)
            ++runs;
    }
    QCOMPARE(runs, m_runs);
    QCOMPARE(runs, 11 + 3 + 1); // the shell steps, the SQL steps, the -it step
    const TimelineEvent last = events.last();
    QCOMPARE(last.payload.value(QLatin1String("stepId")).toString(), QStringLiteral("scale-up-2"));
    QCOMPARE(last.payload.value(QLatin1String("dryRun")).toBool(), true);
    QCOMPARE(last.payload.value(QLatin1String("command")).toString(),
             QStringLiteral("kubectl scale deployment/api-gateway -n demo --replicas=4 --dry-run=server"));
    QCOMPARE(last.author, QStringLiteral("alice"));
}

QTEST_GUILESS_MAIN(TstRunbookOnSim)
#include "tst_runbookonsim.moc"
