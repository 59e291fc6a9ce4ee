#include "core/IncidentSession.h"
#include "core/ManualClock.h"
#include "runbook/CommandPreparer.h"
#include "runbook/LocalRunner.h"
#include "runbook/RunPolicy.h"
#include "runbook/RunRecorder.h"
#include "runbook/RunbookParser.h"
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
    void destructiveThenChangeThenDryRun();
    void journaled();

private:
    RunResult run(const QString &stepId, bool dryRun = false, RunPolicy::Decision *decision = nullptr);

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
    QVERIFY(m_sim->loadScenario(QStringLiteral("api-gateway-rollout")).ok());
    auto url = m_sim->start(0, true);
    QVERIFY2(url.ok(), qPrintable(url.ok() ? QString() : url.error().text()));
    const QString kubeconfig = m_dir.filePath(QStringLiteral("kubeconfig"));
    QVERIFY(m_sim->writeKubeconfig(kubeconfig, QStringLiteral("sim"), QStringLiteral("demo")).ok());
    m_target.kubeconfig = kubeconfig;
    m_target.kubeContext = QStringLiteral("sim");
    m_target.kubeNamespace = QStringLiteral("demo");
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
    QCOMPARE(runs, 11);
    const TimelineEvent last = events.last();
    QCOMPARE(last.payload.value(QLatin1String("stepId")).toString(), QStringLiteral("scale-up-2"));
    QCOMPARE(last.payload.value(QLatin1String("dryRun")).toBool(), true);
    QCOMPARE(last.payload.value(QLatin1String("command")).toString(),
             QStringLiteral("kubectl scale deployment/api-gateway -n demo --replicas=4 --dry-run=server"));
    QCOMPARE(last.author, QStringLiteral("alice"));
}

QTEST_GUILESS_MAIN(TstRunbookOnSim)
#include "tst_runbookonsim.moc"
