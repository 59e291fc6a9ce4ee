#include "runbook/RiskClassifier.h"
#include "runbook/RunbookParser.h"
#include "support/TestEnv.h"

#include <QTest>

using namespace Sitrep::Runbook;

// The risk table applied to every command of the three shared runbooks, plus the cases they lack.
class TstRiskClassifier : public QObject
{
    Q_OBJECT
private slots:
    void everySharedRunbookCommand_data();
    void everySharedRunbookCommand();
    void everyCommandIsListed();
    void cases_data();
    void cases();
    void sql_data();
    void sql();
};

namespace {
QString fixture(const QString &name)
{
    return Sitrep::Test::sourceDir() + QStringLiteral("/tests/unit/runbook/fixtures/") + name;
}

struct Expected
{
    QString file, stepId, risk, firstLine;
    bool interactive;
};

QList<Expected> expectedRisks()
{
    QList<Expected> out;
    const QString tsv =
        QString::fromUtf8(Sitrep::Test::readFixture(fixture(QStringLiteral("expected-risks.tsv"))));
    for (const QString &line : tsv.split(QLatin1Char('\n'))) {
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
            continue;
        const QStringList f = line.split(QLatin1Char('\t'));
        if (f.size() == 5)
            out.append({f.at(0), f.at(1), f.at(2), f.at(4), f.at(3) == QLatin1String("interactive")});
    }
    return out;
}
} // namespace

void TstRiskClassifier::everySharedRunbookCommand_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("stepId");
    QTest::addColumn<QString>("risk");
    QTest::addColumn<bool>("interactive");
    QTest::addColumn<QString>("firstLine");
    const auto rows = expectedRisks();
    QVERIFY(rows.size() == 103);
    for (const auto &e : rows)
        QTest::addRow("%s %s", qPrintable(e.file), qPrintable(e.stepId))
            << e.file << e.stepId << e.risk << e.interactive << e.firstLine;
}

void TstRiskClassifier::everySharedRunbookCommand()
{
    QFETCH(QString, file);
    QFETCH(QString, stepId);
    QFETCH(QString, risk);
    QFETCH(bool, interactive);
    QFETCH(QString, firstLine);
    const auto rb = RunbookParser::parseFile(fixture(file));
    QVERIFY2(rb.ok(), qPrintable(rb.ok() ? QString() : rb.error().text()));
    const Step *step = rb->findStep(stepId);
    QVERIFY2(step, qPrintable(stepId));
    QCOMPARE(step->command.section(QLatin1Char('\n'), 0, 0), firstLine);
    const auto c = RiskClassifier::classify(step->command);
    QCOMPARE(riskName(c.risk), risk);
    QCOMPARE(c.interactive, interactive);
    QCOMPARE(riskName(step->risk), risk); // the parser stored the same verdict
}

void TstRiskClassifier::everyCommandIsListed()
{
    // The table above must cover every command the parser finds: no command escapes review.
    const auto rows = expectedRisks();
    for (const QString &file :
         {QStringLiteral("deeptech-api-incident-response.md"), QStringLiteral("offgridflow-api-down.md"),
          QStringLiteral("promoteros-api-availability.md")}) {
        const auto rb = RunbookParser::parseFile(fixture(file));
        QVERIFY(rb.ok());
        QStringList parsed, listed;
        for (const Step *s : rb->allSteps()) {
            if (s->kind == StepKind::Command)
                parsed << s->id;
        }
        for (const auto &e : rows) {
            if (e.file == file)
                listed << e.stepId;
        }
        QCOMPARE(parsed, listed);
    }
}

void TstRiskClassifier::cases_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<QString>("risk");
    QTest::addColumn<bool>("interactive");
    auto row = [](const char *name, const char *cmd, const char *risk, bool interactive) {
        QTest::newRow(name) << QString::fromUtf8(cmd) << QString::fromLatin1(risk) << interactive;
    };
    row("namespace before verb", "kubectl -n prod delete pod x", "destructive", false);
    row("scale to zero with space", "kubectl scale deploy/x --replicas 0", "destructive", false);
    row("scale to ten", "kubectl scale deploy/x --replicas=10", "change", false);
    row("drain", "kubectl drain node-1 --ignore-daemonsets", "destructive", false);
    row("set env", "kubectl set env deployment/x FOO=bar", "change", false);
    row("set resources", "kubectl set resources deployment/x --limits=memory=1Gi", "destructive", false);
    row("annotate", "kubectl annotate pod x a=b", "change", false);
    row("apply", "kubectl apply -f fix.yaml", "change", false);
    row("apply dry run", "kubectl apply -f fix.yaml --dry-run=server", "read", false);
    row("logs follow", "kubectl logs -f deploy/x", "read", true);
    row("logs --follow", "kubectl logs deploy/x --follow", "read", true);
    row("get -w", "kubectl get pods -w", "read", true);
    row("apply -f - is no follow", "kubectl apply -f -", "change", false);
    row("exec shell", "kubectl exec -it x -- sh", "change", true);
    row("exec read", "kubectl exec x -- cat /etc/hosts", "read", false);
    row("delete in substitution", "echo $(kubectl delete pod x)", "destructive", false);
    row("redis ping", "redis-cli -h redis PING", "read", false);
    row("redis llen", "redis-cli LLEN queue", "read", false);
    row("redis lrange", "redis-cli -n 2 LRANGE q 0 10", "read", false);
    row("redis flushall", "redis-cli -h r FLUSHALL", "destructive", false);
    row("redis flushdb", "kubectl exec redis-0 -- redis-cli FLUSHDB", "destructive", false);
    row("redis del", "redis-cli DEL key", "destructive", false);
    row("redis set", "redis-cli SET k v", "change", false);
    row("redis interactive", "redis-cli -h redis", "read", true);
    row("redis monitor", "redis-cli MONITOR", "read", true);
    row("psql interactive", "psql -h db -U app", "read", true);
    row("psql terminate", "psql -c \"SELECT pg_terminate_backend(123);\"", "destructive", false);
    row("psql select", "psql \"$URL\" -c 'SELECT count(*) FROM t'", "read", false);
    row("psql drop", "psql -c 'DROP TABLE t'", "destructive", false);
    row("psql update", "psql -c \"UPDATE t SET a = 1\"", "change", false);
    row("pg_isready", "pg_isready -h db", "read", false);
    row("nslookup", "nslookup db.svc", "read", false);
    row("curl get", "curl -fsS http://x/health", "read", false);
    row("curl head", "curl -I http://x/", "read", false);
    row("curl post", "curl -X POST http://x/reset", "change", false);
    row("curl data", "curl -d a=b http://x/", "change", false);
    row("curl delete", "curl -X DELETE http://x/item/1", "destructive", false);
    row("watch", "watch -n 2 kubectl get pods", "read", true);
    row("rm", "rm -rf /tmp/cache", "destructive", false);
    row("sudo reboot", "sudo reboot", "destructive", false);
    row("failover", "patronictl failover --force", "destructive", false);
    row("helm rollback", "helm rollback api 3 -n prod", "destructive", false);
    row("helm upgrade", "helm upgrade api chart/ -n prod", "change", false);
    row("systemctl status", "systemctl status nginx", "read", false);
    row("systemctl restart", "systemctl restart nginx", "change", false);
    row("unknown tool", "frobnicate --all", "change", false);
    row("tail -f", "tail -f /var/log/syslog", "read", true);
    row("journalctl follow", "journalctl -u x -f", "read", true);
    row("empty", "", "read", false);
}

void TstRiskClassifier::cases()
{
    QFETCH(QString, command);
    QFETCH(QString, risk);
    QFETCH(bool, interactive);
    const auto c = RiskClassifier::classify(command);
    QCOMPARE(riskName(c.risk), risk);
    QCOMPARE(c.interactive, interactive);
}

void TstRiskClassifier::sql_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QString>("risk");
    QTest::newRow("select") << QStringLiteral("SELECT * FROM users WHERE updated_at > now()")
                            << QStringLiteral("read");
    QTest::newRow("show") << QStringLiteral("SHOW POOLS;") << QStringLiteral("read");
    QTest::newRow("word in a string") << QStringLiteral("SELECT 'DROP TABLE x'") << QStringLiteral("read");
    QTest::newRow("word in a comment")
        << QStringLiteral("-- DELETE later\nSELECT 1") << QStringLiteral("read");
    QTest::newRow("delete") << QStringLiteral("delete from jobs where id = 1")
                            << QStringLiteral("destructive");
    QTest::newRow("truncate") << QStringLiteral("TRUNCATE sessions") << QStringLiteral("destructive");
    QTest::newRow("terminate") << QStringLiteral("SELECT pg_terminate_backend(pid) FROM pg_stat_activity")
                               << QStringLiteral("destructive");
    QTest::newRow("insert") << QStringLiteral("INSERT INTO t VALUES (1)") << QStringLiteral("change");
    QTest::newRow("create index") << QStringLiteral("CREATE INDEX CONCURRENTLY i ON t(a)")
                                  << QStringLiteral("change");
}

void TstRiskClassifier::sql()
{
    QFETCH(QString, sql);
    QFETCH(QString, risk);
    QCOMPARE(riskName(RiskClassifier::classifySql(sql).risk), risk);
}

QTEST_GUILESS_MAIN(TstRiskClassifier)
#include "tst_riskclassifier.moc"
