#include "runbook/RunPolicy.h"

#include <QTest>

using namespace Sitrep::Runbook;

// The safety gate: confirmations by risk, read-only mode, how terminal commands run.
class TstRunPolicy : public QObject
{
    Q_OBJECT
private slots:
    void confirmationByRisk_data();
    void confirmationByRisk();
    void readOnlyRefusesChanges();
    void terminalCommands_data();
    void terminalCommands();
    void missingValues();
    void typedConfirmation();
};

namespace {
PreparedCommand cmd(const QString &command, Risk risk)
{
    PreparedCommand p;
    p.command = command;
    p.display = command;
    p.risk = risk;
    return p;
}
RunTarget demo()
{
    RunTarget t;
    t.kubeContext = QStringLiteral("sim");
    t.kubeNamespace = QStringLiteral("demo");
    return t;
}
} // namespace

void TstRunPolicy::confirmationByRisk_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<int>("risk");
    QTest::addColumn<int>("confirmation");
    QTest::addColumn<QString>("typed");
    QTest::newRow("read") << QStringLiteral("kubectl get pods -n demo") << int(Risk::Read)
                          << int(RunPolicy::Confirmation::None) << QString();
    QTest::newRow("change") << QStringLiteral("kubectl rollout restart deployment/api-gateway -n demo")
                            << int(Risk::Change) << int(RunPolicy::Confirmation::Confirm) << QString();
    QTest::newRow("destructive object")
        << QStringLiteral("kubectl rollout undo deployment/api-gateway -n demo") << int(Risk::Destructive)
        << int(RunPolicy::Confirmation::Typed) << QStringLiteral("deployment/api-gateway");
    QTest::newRow("destructive kind name")
        << QStringLiteral("kubectl delete pod api-7d9f -n demo") << int(Risk::Destructive)
        << int(RunPolicy::Confirmation::Typed) << QStringLiteral("api-7d9f");
    QTest::newRow("destructive no object") << QStringLiteral("redis-cli FLUSHALL") << int(Risk::Destructive)
                                           << int(RunPolicy::Confirmation::Typed) << QStringLiteral("demo");
}

void TstRunPolicy::confirmationByRisk()
{
    QFETCH(QString, command);
    QFETCH(int, risk);
    QFETCH(int, confirmation);
    QFETCH(QString, typed);
    RunPolicy policy;
    const auto d = policy.decide(cmd(command, Risk(risk)), demo());
    QVERIFY(d.allowed);
    QCOMPARE(int(d.confirmation), confirmation);
    QCOMPARE(d.typedWord, typed);
    QVERIFY(d.prompt.contains(command));
    QVERIFY(d.prompt.contains(QLatin1String("context sim / namespace demo")));
    QVERIFY(d.prompt.startsWith(riskName(Risk(risk))));
}

void TstRunPolicy::readOnlyRefusesChanges()
{
    RunPolicy policy;
    policy.setReadOnly(true);
    QVERIFY(policy.decide(cmd(QStringLiteral("kubectl get pods"), Risk::Read), demo()).allowed);
    const auto change =
        policy.decide(cmd(QStringLiteral("kubectl rollout restart deploy/x"), Risk::Change), demo());
    QVERIFY(!change.allowed);
    QVERIFY(change.reason.startsWith(QLatin1String("read-only mode")));
    QVERIFY(!RunPolicy::confirms(change, QString()));
    QVERIFY(!policy.decide(cmd(QStringLiteral("kubectl delete pod x"), Risk::Destructive), demo()).allowed);
}

void TstRunPolicy::terminalCommands_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<QString>("terminal"); // "", "pty", "full-screen"
    QTest::newRow("exec -it") << QStringLiteral("kubectl exec -it x -- sh") << QStringLiteral("pty");
    QTest::newRow("run -it") << QStringLiteral("kubectl run -it --rm t --image=busybox -- sh") << QStringLiteral("pty");
    QTest::newRow("exec -it redis-cli") << QStringLiteral("kubectl exec -it redis-0 -- redis-cli LLEN q")
                                        << QStringLiteral("pty");
    QTest::newRow("exec -it psql -c") << QStringLiteral("kubectl exec -it pg-0 -- psql -c 'SELECT 1'")
                                      << QStringLiteral("pty");
    QTest::newRow("exec -it bare psql") << QStringLiteral("kubectl exec -it pg-0 -- psql")
                                        << QStringLiteral("full-screen");
    QTest::newRow("edit") << QStringLiteral("kubectl edit deployment x") << QStringLiteral("full-screen");
    QTest::newRow("bare psql") << QStringLiteral("psql -h db") << QStringLiteral("full-screen");
    QTest::newRow("psql -c") << QStringLiteral("psql -h db -c 'SELECT 1'") << QString();
    QTest::newRow("bare redis-cli") << QStringLiteral("redis-cli -h r") << QStringLiteral("pty");
    QTest::newRow("redis-cli ping") << QStringLiteral("redis-cli -h r PING") << QString();
    QTest::newRow("vim") << QStringLiteral("vim /etc/x") << QStringLiteral("full-screen");
    QTest::newRow("top") << QStringLiteral("top") << QStringLiteral("full-screen");
    QTest::newRow("less") << QStringLiteral("less /var/log/syslog") << QStringLiteral("full-screen");
    QTest::newRow("watch") << QStringLiteral("watch kubectl get pods") << QStringLiteral("full-screen");
    QTest::newRow("logs -f only never ends") << QStringLiteral("kubectl logs -f x") << QString();
    QTest::newRow("inner -t is not kubectl's")
        << QStringLiteral("kubectl exec x -- sort -t , -k 2 f") << QString();
}

void TstRunPolicy::terminalCommands()
{
    QFETCH(QString, command);
    QFETCH(QString, terminal);
    const TerminalUse use = RunPolicy::terminalUse(command);
    QCOMPARE(terminalUseName(use), terminal);
    PreparedCommand p = cmd(command, Risk::Read);
    p.terminal = use;
    const auto d = RunPolicy().decide(p, demo());
    QVERIFY(d.allowed); // terminals are no reason to refuse: a pseudo-terminal or the user's emulator serves
    QCOMPARE(d.pty, use == TerminalUse::Pty);
    QCOMPARE(d.handOff, use == TerminalUse::FullScreen);
    QCOMPARE(d.prompt.contains(QLatin1String("opened in your terminal emulator")), d.handOff);
}

void TstRunPolicy::missingValues()
{
    PreparedCommand p = cmd(QStringLiteral("kubectl logs <pod-name>"), Risk::Read);
    p.missing = QStringList{QStringLiteral("<pod-name>")};
    const auto d = RunPolicy().decide(p, demo());
    QVERIFY(!d.allowed);
    QCOMPARE(d.reason, QStringLiteral("fill in <pod-name> first"));
}

void TstRunPolicy::typedConfirmation()
{
    const auto d = RunPolicy().decide(
        cmd(QStringLiteral("kubectl scale deployment/api-gateway --replicas=0"), Risk::Destructive), demo());
    QVERIFY(!RunPolicy::confirms(d, QString()));
    QVERIFY(!RunPolicy::confirms(d, QStringLiteral("yes")));
    QVERIFY(!RunPolicy::confirms(d, QStringLiteral("deployment/api")));
    QVERIFY(RunPolicy::confirms(d, QStringLiteral(" deployment/api-gateway ")));
    const auto c =
        RunPolicy().decide(cmd(QStringLiteral("kubectl rollout restart deploy/x"), Risk::Change), demo());
    QVERIFY(RunPolicy::confirms(c, QString()));
}

QTEST_GUILESS_MAIN(TstRunPolicy)
#include "tst_runpolicy.moc"
