#include "runbook/CommandPreparer.h"
#include "runbook/RunbookParser.h"

#include <QTest>

using namespace Sitrep::Runbook;

// Filling placeholders, masking secrets and adding server-side dry runs.
class TstCommandPreparer : public QObject
{
    Q_OBJECT
private slots:
    void contextValuesByKey();
    void secretsTravelAsEnvironmentAndAreMasked();
    void missingValuesAreAnError();
    void onlyCommandsRun();
    void dryRun_data();
    void dryRun();
    void dryRunLowersTheRisk();

private:
    static Step step(const QByteArray &code);
};

Step TstCommandPreparer::step(const QByteArray &code)
{
    const auto r = RunbookParser::parse("## Fix\n```bash\n" + code + "\n```\n");
    if (!r.ok() || r->sections.isEmpty() || r->sections.last().steps.isEmpty())
        qFatal("no step in %s", code.constData());
    return r->sections.last().steps.first();
}

void TstCommandPreparer::contextValuesByKey()
{
    const Step s = step("kubectl describe pod <pod-name> -n <namespace>");
    const auto p = CommandPreparer::prepare(s, {{QStringLiteral("pod"), QStringLiteral("api-7d9f")},
                                                {QStringLiteral("namespace"), QStringLiteral("demo")}});
    QVERIFY(p.ok());
    QCOMPARE(p->command, QStringLiteral("kubectl describe pod api-7d9f -n demo"));
    QCOMPARE(p->display, p->command);
    QCOMPARE(p->risk, Risk::Read);
    QCOMPARE(p->stepId, s.id);
}

void TstCommandPreparer::secretsTravelAsEnvironmentAndAreMasked()
{
    const Step s = step("curl -H \"Authorization: Bearer $TOKEN\" http://api/<path>");
    const auto p = CommandPreparer::prepare(s, {{QStringLiteral("TOKEN"), QStringLiteral("s3cr3t-t0ken")},
                                                {QStringLiteral("path"), QStringLiteral("v1/x")}});
    QVERIFY(p.ok());
    QCOMPARE(p->command, QStringLiteral("curl -H \"Authorization: Bearer $TOKEN\" http://api/v1/x"));
    QVERIFY(!p->command.contains(QLatin1String("s3cr3t")));
    QVERIFY(!p->display.contains(QLatin1String("s3cr3t")));
    QCOMPARE(p->env.value(QStringLiteral("TOKEN")), QStringLiteral("s3cr3t-t0ken"));
    QCOMPARE(p->secretValues, QStringList{QStringLiteral("s3cr3t-t0ken")});

    // A secret in angle brackets travels in the environment too: the text refers to it, and what is shown
    // masks it. Here the runbook makes it an argument of mysql, which is said (it is in mysql's argv).
    const Step a = step("mysql -p<db-password> -e 'SELECT 1'");
    const auto q = CommandPreparer::prepare(a, {{QStringLiteral("db-password"), QStringLiteral("hunter2")}});
    QVERIFY(q.ok());
    QCOMPARE(q->command, QStringLiteral("mysql -p\"${SITREP_SECRET_DB_PASSWORD}\" -e 'SELECT 1'"));
    QCOMPARE(q->env.value(QStringLiteral("SITREP_SECRET_DB_PASSWORD")), QStringLiteral("hunter2"));
    QCOMPARE(q->display, QStringLiteral("mysql -p[REDACTED] -e 'SELECT 1'"));
    QCOMPARE(q->exposedTo, QStringList{QStringLiteral("mysql")});
}

void TstCommandPreparer::missingValuesAreAnError()
{
    const auto p = CommandPreparer::prepare(step("kubectl logs <pod-name> -n <namespace> --since=$WINDOW"),
                                            {{QStringLiteral("namespace"), QStringLiteral("demo")}});
    QVERIFY(!p.ok());
    QCOMPARE(p.error().message, QStringLiteral("no value for <pod-name>, $WINDOW"));
}

void TstCommandPreparer::onlyCommandsRun()
{
    const auto r = RunbookParser::parse("## Post-incident\n- [ ] Tell the customer\n");
    QVERIFY(r.ok());
    const auto p = CommandPreparer::prepare(r->sections.last().steps.first(), {});
    QVERIFY(!p.ok());
    QVERIFY(p.error().message.contains(QLatin1String("checklist")));
}

void TstCommandPreparer::dryRun_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<QString>("expected");
    QTest::newRow("delete") << QStringLiteral("kubectl delete pod x -n demo")
                            << QStringLiteral("kubectl delete pod x -n demo --dry-run=server");
    QTest::newRow("scale") << QStringLiteral("kubectl scale deployment/x -n demo --replicas=0")
                           << QStringLiteral(
                                  "kubectl scale deployment/x -n demo --replicas=0 --dry-run=server");
    QTest::newRow("undo") << QStringLiteral("kubectl rollout undo deployment/x")
                          << QStringLiteral("kubectl rollout undo deployment/x --dry-run=server");
    QTest::newRow("continued lines")
        << QStringLiteral("kubectl set image deployment/x \\\n  api=img:2 \\\n  -n demo")
        << QStringLiteral("kubectl set image deployment/x \\\n  api=img:2 \\\n  -n demo --dry-run=server");
    QTest::newRow("multi-line patch")
        << QStringLiteral("kubectl patch deploy x -p '\n{\"a\": 1}\n'")
        << QStringLiteral("kubectl patch deploy x -p '\n{\"a\": 1}\n' --dry-run=server");
    QTest::newRow("pipeline: only the mutation")
        << QStringLiteral("kubectl create secret generic s --dry-run=client -o yaml | kubectl apply -f -")
        << QStringLiteral("kubectl create secret generic s --dry-run=client -o yaml | kubectl apply -f - "
                          "--dry-run=server");
    QTest::newRow("reads untouched") << QStringLiteral("kubectl get pods | grep api")
                                     << QStringLiteral("kubectl get pods | grep api");
    QTest::newRow("restart has no dry run") << QStringLiteral("kubectl rollout restart deployment/x")
                                            << QStringLiteral("kubectl rollout restart deployment/x");
    QTest::newRow("exec untouched") << QStringLiteral("kubectl exec x -- rm -rf /tmp/x")
                                    << QStringLiteral("kubectl exec x -- rm -rf /tmp/x");
    QTest::newRow("two commands")
        << QStringLiteral("kubectl delete pod a; kubectl delete pod b")
        << QStringLiteral("kubectl delete pod a --dry-run=server; kubectl delete pod b --dry-run=server");
}

void TstCommandPreparer::dryRun()
{
    QFETCH(QString, command);
    QFETCH(QString, expected);
    bool changed = false;
    QCOMPARE(CommandPreparer::withServerDryRun(command, &changed), expected);
    QCOMPARE(changed, command != expected);
}

void TstCommandPreparer::dryRunLowersTheRisk()
{
    const Step s = step("kubectl rollout undo deployment/api-gateway -n <namespace>");
    QCOMPARE(s.risk, Risk::Destructive);
    const auto real = CommandPreparer::prepare(s, {{QStringLiteral("namespace"), QStringLiteral("demo")}});
    QCOMPARE(real->risk, Risk::Destructive);
    QVERIFY(!real->dryRun);
    const auto dry =
        CommandPreparer::prepare(s, {{QStringLiteral("namespace"), QStringLiteral("demo")}}, true);
    QVERIFY(dry->dryRun);
    QCOMPARE(dry->risk, Risk::Read);
    QCOMPARE(dry->command,
             QStringLiteral("kubectl rollout undo deployment/api-gateway -n demo --dry-run=server"));
}

QTEST_GUILESS_MAIN(TstCommandPreparer)
#include "tst_commandpreparer.moc"
