#include "runbook/RiskClassifier.h"
#include "runbook/RiskRules.h"
#include "runbook/RunbookParser.h"
#include "support/TestEnv.h"

#include <QSet>
#include <QTest>

using namespace Sitrep::Runbook;

// The risk table (app/runbook/RiskRules.cpp) applied to every command of the three shared runbooks, plus a
// case for each rule of the table: every rule name must be reached by at least one case.
class TstRiskClassifier : public QObject
{
    Q_OBJECT
private slots:
    void everySharedRunbookCommand_data();
    void everySharedRunbookCommand();
    void everyCommandIsListed();
    void cases_data();
    void cases();
    void everyRuleHasACase();
    void sql_data();
    void sql();
    void reasonNamesTheDecidingCommand();

private:
    QSet<QString> m_seen; // rule names reached by cases()
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
    QTest::addColumn<QString>("terminal"); // "", "pty", "full-screen"
    QTest::addColumn<bool>("endless");
    QTest::addColumn<QString>("rule"); // the rule that decides
    auto row = [](const char *cmd, const char *risk, const char *rule, const char *terminal = "",
                  bool endless = false) {
        QTest::newRow(cmd) << QString::fromUtf8(cmd) << QString::fromLatin1(risk)
                           << QString::fromLatin1(terminal) << endless << QString::fromUtf8(rule);
    };
    // --- the cases the issue names ---------------------------------------------------------------------
    row("echo x > file", "change", "output redirection");
    row("kubectl get pods -o wide >> /tmp/pods.txt", "change", "output redirection");
    row("kubectl get pods &> all.log", "change", "output redirection");
    row("kubectl get pods 2>&1 >/dev/null", "read", "kubectl read verbs");
    row("echo \"a > b\"", "read", "read-only program");
    row("curl -sX POST http://x/reset", "change", "http method");
    row("curl -XDELETE http://x/item/1", "destructive", "http method");
    row("curl -sXDELETE http://x/item/1", "destructive", "http method");
    row("curl --request DELETE http://x/item/1", "destructive", "http method");
    row("curl -s -X PUT -H 'Content-Type: application/json' http://x/c", "change", "http method");
    row("curl -d a=b http://x/", "change", "http method");
    row("curl -G -d q=1 http://x/search", "read", "http method");
    row("curl -fsSL -H 'Authorization: Bearer t' http://x/health", "read", "http method");
    row("curl -I http://x/", "read", "http method");
    row("curl -T dump.sql http://x/upload", "change", "http method");
    row("curl -X PURGE http://cache/x", "destructive", "http method");
    row("curl -s -o /dev/null -w '%{http_code}' http://x/", "read", "http method");
    row("curl -o page.html http://x/", "change", "http output to a file");
    row("curl -O http://x/file.tgz", "change", "http output to a file");
    row("find /tmp -name '*.log' -exec /bin/rm {} \\;", "destructive", "destructive program");
    row("find . -mtime +7 -exec rm -f {} +", "destructive", "destructive program");
    row("find /var/log -name '*.gz' -exec ls -l {} \\;", "read", "read-only program");
    row("find /var/log -name '*.gz' -delete", "destructive", "find -delete");
    row("find / -name core -fprint cores.txt", "change", "find writes a file");
    row("kubectl get pods | tee pods.txt", "change", "tee to a file");
    row("kubectl get pods | tee -a /var/log/x", "change", "tee to a file");
    row("kubectl get pods | tee /dev/stderr | wc -l", "read", "kubectl read verbs");
    row("awk 'BEGIN { system(\"rm -rf /tmp/x\") }'", "change", "awk runs or writes");
    row("awk '{ print $1 > \"out.txt\" }' access.log", "change", "awk runs or writes");
    row("awk '{ print | \"sh\" }' cmds.txt", "change", "awk runs or writes");
    row("awk '$3 > 100 { print $1 }' access.log", "read", "read-only program");
    row("awk -F: '{print $1}' /etc/passwd", "read", "read-only program");
    row("gawk -i inplace '{ gsub(/a/, \"b\") } 1' f", "change", "awk in place");
    row("awk -f fix.awk data", "change", "a script Sitrep cannot see");
    row("kubectl get pods -o name | xargs kubectl delete", "destructive", "kubectl delete");
    row("kubectl get pods -o name | xargs -r -n1 kubectl logs --tail=5", "read", "kubectl read verbs");
    row("xargs -I{} kubectl delete pod {} < pods.txt", "destructive", "kubectl delete");
    row("bash -c 'kubectl delete pod x'", "destructive", "kubectl delete");
    row("bash -lc \"kubectl get pods\"", "read", "kubectl read verbs");
    row("sh -c \"redis-cli FLUSHALL\"", "destructive", "redis command");
    row("sh ./fix.sh", "change", "a script Sitrep cannot see");
    row("bash", "change", "interactive session", "pty");
    row("bash <<'EOF'\nkubectl delete pod x\nEOF", "destructive", "kubectl delete");
    row("zsh -c 'echo hi'", "read", "read-only program");
    row("busybox sh -c 'rm -rf /data'", "destructive", "destructive program");
    row("su - postgres -c \"psql -c 'DROP TABLE t'\"", "destructive", "SQL destructive statement", "pty");
    row("watch 'kubectl delete pod x'", "destructive", "kubectl delete", "full-screen");
    row("watch -n 5 kubectl get pods", "read", "kubectl read verbs", "full-screen");
    row("viddy kubectl top pods", "read", "kubectl read verbs", "full-screen");
    row("eval \"kubectl delete pod $POD\"", "destructive", "kubectl delete");
    row("sudo reboot", "destructive", "destructive program", "pty");
    row("sudo -n systemctl restart nginx", "change", "systemctl other verbs");
    row("sudo -u postgres psql -c \"DROP TABLE t\"", "destructive", "SQL destructive statement", "pty");
    row("sudo -i", "change", "interactive session", "pty");
    row("doas rm -rf /srv/x", "destructive", "destructive program", "pty");
    row("env X=1 kubectl delete ns x", "destructive", "kubectl delete");
    row("env", "read", "env");
    row("env -u HOME KUBECONFIG=/tmp/k kubectl get pods", "read", "kubectl read verbs");
    row("timeout 10 kubectl delete pod x", "destructive", "kubectl delete");
    row("timeout -s KILL 30 kubectl get pods", "read", "kubectl read verbs");
    row("timeout --signal=KILL 5s redis-cli FLUSHDB", "destructive", "redis command");
    row("nice -n 10 rm -rf /var/cache/x", "destructive", "destructive program");
    row("ionice -c2 -n7 nice tar czf /backup/x.tgz /data", "change", "unknown program");
    row("nohup kubectl port-forward svc/x 8080:80", "read", "kubectl read verbs", "", true);
    row("time kubectl get pods", "read", "kubectl read verbs");
    row("stdbuf -oL kubectl logs -f x", "read", "kubectl read verbs", "", true);
    row("flock /tmp/lock kubectl rollout restart deploy/x", "change", "kubectl rollout restart");
    row("runuser -u postgres -- psql -c 'SELECT 1'", "read", "SQL read statement");
    row("exec kubectl delete pod x", "destructive", "kubectl delete");
    row("ssh bastion 'sudo systemctl restart nginx'", "change", "systemctl other verbs");
    row("ssh -p 2222 ops@bastion kubectl get pods", "read", "kubectl read verbs");
    row("ssh -i ~/.ssh/k bastion 'rm -rf /tmp/x'", "destructive", "destructive program");
    row("ssh bastion", "change", "interactive session", "pty");
    row("ssh -t bastion 'kubectl exec -it x -- sh'", "change", "interactive session", "pty");
    row("ssh -N -L 5432:db:5432 bastion", "read", "ssh", "", true);
    row("ssh -V", "read", "ssh");
    // --- cloud CLIs ------------------------------------------------------------------------------------
    row("aws ec2 describe-instances --filters Name=tag:app,Values=api", "read", "cloud read verb");
    row("aws s3 ls s3://bucket/", "read", "cloud read verb");
    row("aws --region eu-west-1 rds describe-db-instances", "read", "cloud read verb");
    row("aws logs get-log-events --log-group-name g --log-stream-name s", "read", "cloud read verb");
    row("aws deploy list-applications", "read", "cloud read verb");
    row("aws rds reboot-db-instance --db-instance-identifier db1", "destructive", "cloud destructive verb");
    row("aws rds failover-db-cluster --db-cluster-identifier c1", "destructive", "cloud destructive verb");
    row("aws ec2 stop-instances --instance-ids i-123", "destructive", "cloud destructive verb");
    row("aws ec2 terminate-instances --instance-ids i-123", "destructive", "cloud destructive verb");
    row("aws s3 rm s3://bucket/key", "destructive", "cloud destructive verb");
    row("aws sqs purge-queue --queue-url https://sqs/q", "destructive", "cloud destructive verb");
    row("aws elasticache reboot-cache-cluster --cache-cluster-id c", "destructive", "cloud destructive verb");
    row("aws ec2 start-instances --instance-ids i-123", "change", "cloud change verb");
    row("aws ecs update-service --cluster c --service s --force-new-deployment", "change",
        "cloud change verb");
    row("aws ssm put-parameter --name x --value y", "change", "cloud change verb");
    row("aws autoscaling set-desired-capacity --auto-scaling-group-name g --desired-capacity 4", "change",
        "cloud change verb");
    row("aws s3 cp backup.sql s3://bucket/", "change", "cloud change verb");
    row("aws ec2 run-instances --image-id ami-1 --dry-run", "read", "cloud dry run");
    row("aws frobnicate things", "change", "cloud CLI unknown verb");
    row("aws ssm start-session --target i-123", "change", "interactive session", "pty");
    row("gcloud compute instances list", "read", "cloud read verb");
    row("gcloud sql instances describe orders-db", "read", "cloud read verb");
    row("gcloud container clusters get-credentials prod --region europe-west1", "read", "cloud read verb");
    row("gcloud run services describe api --region europe-west1", "read", "cloud read verb");
    row("gcloud logging read 'severity>=ERROR' --limit 50", "read", "cloud read verb");
    row("gcloud sql instances restart orders-db", "destructive", "cloud destructive verb");
    row("gcloud sql instances failover orders-db", "destructive", "cloud destructive verb");
    row("gcloud compute instances stop vm-1 --zone europe-west1-b", "destructive", "cloud destructive verb");
    row("gcloud compute instances reset vm-1", "destructive", "cloud destructive verb");
    row("gcloud run deploy api --image gcr.io/p/api:2", "change", "cloud change verb");
    row("gcloud config set project prod", "change", "cloud change verb");
    row("gcloud compute ssh vm-1 --command='sudo systemctl restart nginx'", "change",
        "systemctl other verbs");
    row("gcloud compute ssh vm-1 --zone z", "change", "interactive session", "pty");
    row("gcloud sql connect orders-db --user=postgres", "change", "interactive session", "full-screen");
    row("az vm list -o table", "read", "cloud read verb");
    row("az vm show -g rg -n vm1", "read", "cloud read verb");
    row("az aks get-credentials -g rg -n aks1", "read", "cloud read verb");
    row("az vm restart -g rg -n vm1", "destructive", "cloud destructive verb");
    row("az vm stop -g rg -n vm1", "destructive", "cloud destructive verb");
    row("az vm deallocate -g rg -n vm1", "destructive", "cloud destructive verb");
    row("az postgres flexible-server restart -g rg -n db", "destructive", "cloud destructive verb");
    row("az redis force-reboot -g rg -n cache --reboot-type AllNodes", "destructive",
        "cloud destructive verb");
    row("az vm start -g rg -n vm1", "change", "cloud change verb");
    row("az account set --subscription prod", "change", "cloud change verb");
    row("az tag list", "read", "cloud read verb");
    row("doctl compute droplet list", "read", "cloud read verb");
    row("doctl compute droplet delete web-1", "destructive", "cloud destructive verb");
    row("hcloud server reboot web-1", "destructive", "cloud destructive verb");
    // --- helm, redis, SQL in psql and kubectl exec ------------------------------------------------------
    row("helm list -A", "read", "helm read verbs");
    row("helm history api -n prod", "read", "helm read verbs");
    row("helm rollback api 3 -n prod", "destructive", "helm rollback/uninstall");
    row("helm uninstall api -n prod", "destructive", "helm rollback/uninstall");
    row("helm upgrade --install api ./chart -n prod", "change", "helm other verbs");
    row("helm upgrade api ./chart --dry-run", "read", "helm dry run");
    row("redis-cli -h r FLUSHALL", "destructive", "redis command");
    row("redis-cli FLUSHDB", "destructive", "redis command");
    row("redis-cli DEL key", "destructive", "redis command");
    row("redis-cli -n 2 LPOP jobs", "destructive", "redis command");
    row("redis-cli INFO replication", "read", "redis command");
    row("redis-cli -h redis LLEN queue", "read", "redis command");
    row("redis-cli GET session:1", "read", "redis command");
    row("redis-cli CONFIG GET maxmemory", "read", "redis command");
    row("redis-cli CONFIG SET maxmemory 1gb", "change", "redis command");
    row("redis-cli CLIENT KILL ID 5", "destructive", "redis command");
    row("redis-cli SET k v", "change", "redis command");
    row("redis-cli --scan --pattern 'session:*'", "read", "redis read mode");
    row("redis-cli --stat", "read", "redis read mode", "", true);
    row("redis-cli --cluster check 10.0.0.1:6379", "read", "redis command");
    row("redis-cli --pipe < cmds.txt", "change", "a script Sitrep cannot see");
    row("redis-cli MONITOR", "read", "redis command", "", true);
    row("redis-cli -h r", "change", "interactive session", "pty");
    row("redis-cli <<EOF\nINFO\nDEL x\nEOF", "destructive", "redis command");
    row("kubectl exec -it redis-0 -- redis-cli LLEN queue", "read", "redis command", "pty");
    row("kubectl exec redis-0 -- redis-cli FLUSHDB", "destructive", "redis command");
    row("psql -c 'SELECT count(*) FROM pg_stat_activity'", "read", "SQL read statement");
    row("psql \"$URL\" -c \"INSERT INTO t VALUES (1)\"", "change", "SQL changing statement");
    row("psql -c \"UPDATE jobs SET state = 'retry'\"", "change", "SQL changing statement");
    row("psql -c 'DELETE FROM jobs WHERE id = 1'", "destructive", "SQL destructive statement");
    row("psql -c 'DROP TABLE t'", "destructive", "SQL destructive statement");
    row("psql -c 'TRUNCATE sessions'", "destructive", "SQL destructive statement");
    row("psql -c 'ALTER TABLE t ADD COLUMN c int'", "destructive", "SQL destructive statement");
    row("psql -c \"SELECT pg_terminate_backend(123);\"", "destructive", "SQL destructive statement");
    row("psql -c 'SELECT pg_cancel_backend(pid) FROM pg_stat_activity'", "destructive",
        "SQL destructive statement");
    row("kubectl exec -n db postgres-0 -- psql -U postgres -c \"SELECT pg_cancel_backend(123)\"",
        "destructive", "SQL destructive statement");
    row("kubectl exec -it postgres-0 -- psql -c \"SELECT state, count(*) FROM pg_stat_activity GROUP BY 1\"",
        "read", "SQL read statement", "pty");
    row("kubectl exec -i postgres-0 -- psql <<EOF\nDELETE FROM jobs;\nEOF", "destructive",
        "SQL destructive statement");
    row("kubectl exec postgres-0 -- psql <<EOF\nDELETE FROM jobs;\nEOF", "change", "interactive session");
    row("psql \"$URL\" <<'SQL'\nSELECT 1;\nSQL", "read", "SQL read statement");
    row("psql -f fix.sql", "change", "a script Sitrep cannot see");
    row("psql < fix.sql", "change", "a script Sitrep cannot see");
    row("psql -l", "read", "SQL read statement");
    row("psql -h db -U app", "change", "interactive session", "full-screen");
    row("kubectl exec -it postgres-0 -- psql", "change", "interactive session", "full-screen");
    row("psql -c '\\x' -c 'SELECT 1'", "read", "psql meta-command");
    row("psql -c '\\copy t from data.csv'", "change", "psql meta-command");
    row("psql -c 'FROBNICATE ALL'", "change", "SQL unknown statement");
    row("mysql -e 'SHOW PROCESSLIST'", "read", "SQL read statement");
    row("mysql -u root -e 'KILL 42'", "destructive", "SQL destructive statement");
    row("mysql", "change", "interactive session", "full-screen");
    row("sqlite3 app.db 'SELECT count(*) FROM jobs'", "read", "SQL read statement");
    row("sqlite3 app.db", "change", "interactive session", "full-screen");
    row("mongosh --eval 'db.orders.countDocuments()'", "read", "mongo shell");
    row("mongosh --eval 'db.orders.deleteMany({})'", "destructive", "mongo shell");
    row("mongosh --eval 'db.orders.insertOne({a: 1})'", "change", "mongo shell");
    row("mongosh --eval 'db.frob()'", "change", "mongo shell");
    // --- kubectl -------------------------------------------------------------------------------------------
    row("kubectl -n prod delete pod x", "destructive", "kubectl delete");
    row("kubectl scale deploy/x --replicas 0", "destructive", "kubectl scale to zero");
    row("kubectl scale deploy/x --replicas=10", "change", "kubectl other verbs");
    row("kubectl rollout undo deployment/x", "destructive", "kubectl rollout undo");
    row("kubectl drain node-1 --ignore-daemonsets", "destructive", "kubectl drain");
    row("kubectl edit deployment x", "destructive", "kubectl edit", "full-screen");
    row("kubectl patch deploy x -p '{}'", "destructive", "kubectl patch");
    row("kubectl set image deployment/x api=img:2", "destructive", "kubectl set image/resources");
    row("kubectl set env deployment/x FOO=bar", "change", "kubectl other verbs");
    row("kubectl replace --force -f x.yaml", "destructive", "kubectl replace");
    row("kubectl taint nodes n1 key=v:NoSchedule", "destructive", "kubectl taint");
    row("kubectl apply -f dir/ --prune -l app=x", "destructive", "kubectl apply --prune");
    row("kubectl apply -f fix.yaml", "change", "kubectl other verbs");
    row("kubectl apply -f fix.yaml --dry-run=server", "read", "kubectl dry run");
    row("kubectl delete pod x --dry-run=client", "read", "kubectl dry run");
    row("kubectl config view --minify", "read", "kubectl config read");
    row("kubectl config use-context prod", "change", "kubectl other verbs");
    row("kubectl get pods -w", "read", "kubectl read verbs", "", true);
    row("kubectl logs -f deploy/x", "read", "kubectl read verbs", "", true);
    row("kubectl logs deploy/x --follow", "read", "kubectl read verbs", "", true);
    row("kubectl auth can-i delete pods", "read", "kubectl read verbs");
    row("kubectl rollout status deploy/x", "read", "kubectl rollout status/history");
    row("kubectl rollout restart deploy/x", "change", "kubectl rollout restart");
    row("kubectl port-forward svc/x 8080:80", "read", "kubectl read verbs", "", true);
    row("kubectl cordon node-1", "change", "kubectl other verbs");
    row("kubectl exec -it x -- sh", "change", "interactive session", "pty");
    row("kubectl exec x -- sh", "change", "interactive session");
    row("kubectl exec x -- cat /etc/hosts", "read", "read-only program");
    row("kubectl exec x -- sort -t , -k 2 f", "read", "read-only program"); // -t is sort's, not kubectl's
    row("kubectl exec x", "change", "kubectl exec without a command");
    row("kubectl exec deploy/api -- curl -X POST localhost:8080/admin/reset", "change", "http method");
    row("kubectl run -it --rm t --image=busybox -- nslookup db", "read", "read-only program", "pty");
    row("kubectl run t --image=busybox -- nslookup db", "change", "kubectl other verbs");
    row("kubectl debug -it pod/x --image=busybox -- sh", "change", "kubectl other verbs", "pty");
    row("echo $(kubectl delete pod x)", "destructive", "kubectl delete");
    row("for p in $(kubectl get pods -o name); do kubectl delete $p; done", "destructive", "kubectl delete");
    row("if kubectl get ns x; then echo ok; fi", "read", "kubectl read verbs");
    row("oc get pods", "read", "kubectl read verbs");
    // --- other tools ---------------------------------------------------------------------------------------
    row("docker ps -a", "read", "docker read verbs");
    row("docker rm -f c1", "destructive", "docker destructive verbs");
    row("docker restart c1", "change", "docker other verbs");
    row("docker compose down", "destructive", "docker destructive verbs");
    row("docker exec c1 rm -rf /data", "destructive", "destructive program");
    row("docker exec -it c1 sh", "change", "interactive session", "pty");
    row("docker run --rm postgres:15 psql -h db -c 'SELECT 1'", "read", "SQL read statement");
    row("docker run --rm --entrypoint sh alpine -c 'rm -rf /data'", "destructive", "destructive program");
    row("docker run -d nginx", "change", "docker other verbs");
    row("docker logs -f c1", "read", "docker read verbs", "", true);
    row("docker-compose ps", "read", "docker-compose read");
    row("docker-compose stop", "destructive", "docker-compose destructive");
    row("docker-compose up -d", "change", "docker-compose other");
    row("systemctl status nginx", "read", "systemctl read");
    row("systemctl restart nginx", "change", "systemctl other verbs");
    row("systemctl stop nginx", "destructive", "systemctl stop");
    row("systemctl edit nginx", "change", "systemctl other verbs", "full-screen");
    row("service nginx status", "read", "service status");
    row("service nginx stop", "destructive", "service stop");
    row("service nginx reload", "change", "service other");
    row("journalctl -u api --since '10 min ago'", "read", "journalctl read");
    row("journalctl -u api -f", "read", "journalctl read", "", true);
    row("journalctl --vacuum-time=2d", "destructive", "journalctl vacuum");
    row("journalctl --rotate", "change", "journalctl rotate/flush");
    row("timedatectl status", "read", "timedatectl/hostnamectl read");
    row("timedatectl set-ntp true", "change", "timedatectl/hostnamectl set");
    row("git log --oneline -5", "read", "git read");
    row("git reset --hard HEAD~1", "destructive", "git destructive");
    row("git pull", "change", "git other");
    row("terraform plan", "read", "terraform read");
    row("terraform destroy -target=x", "destructive", "terraform destroy");
    row("terraform apply -auto-approve", "change", "terraform other");
    row("vault kv get secret/app", "read", "vault read");
    row("vault kv destroy -versions=1 secret/app", "destructive", "vault destructive");
    row("vault kv put secret/app k=v", "change", "vault other");
    row("etcdctl get /registry --prefix --keys-only", "read", "etcdctl read");
    row("etcdctl del /registry/x", "destructive", "etcdctl destructive");
    row("etcdctl put k v", "change", "etcdctl other");
    row("etcdctl watch /registry/pods", "read", "etcdctl read", "", true);
    row("consul members", "read", "consul read");
    row("consul kv delete app/x", "destructive", "consul destructive");
    row("consul kv put app/x 1", "change", "consul other");
    row("consul monitor", "read", "consul read", "", true);
    row("patronictl -c /etc/patroni.yml list", "read", "patronictl read");
    row("patronictl failover --force", "destructive", "patronictl destructive");
    row("patronictl pause", "change", "patronictl other");
    row("patronictl edit-config", "change", "patronictl other", "full-screen");
    row("pg_ctl -D /data status", "read", "pg_ctl status");
    row("pg_ctl -D /data stop -m fast", "destructive", "pg_ctl stop/restart/promote");
    row("pg_ctl -D /data reload", "change", "pg_ctl other");
    row("pg_restore --clean -d app dump", "destructive", "pg_restore --clean");
    row("pg_restore -d app dump", "change", "pg_restore");
    row("pg_dump app -f app.sql", "change", "pg_dump to a file");
    row("pg_dump -t jobs app", "read", "pg_dump");
    row("mysqladmin -u root processlist", "read", "mysqladmin read");
    row("mysqladmin -u root shutdown", "destructive", "mysqladmin destructive");
    row("mysqladmin flush-hosts", "change", "mysqladmin other");
    row("kafka-topics.sh --bootstrap-server b:9092 --list", "read", "kafka-topics read");
    row("kafka-topics --bootstrap-server b:9092 --delete --topic t", "destructive", "kafka-topics delete");
    row("kafka-topics --create --topic t", "change", "kafka-topics other");
    row("kafka-consumer-groups --describe --group g", "read", "kafka-consumer-groups read");
    row("kafka-consumer-groups --group g --reset-offsets --to-latest --topic t --execute", "destructive",
        "kafka-consumer-groups reset");
    row("kafka-consumer-groups --group g --reset-offsets --to-latest --topic t", "read",
        "kafka-consumer-groups read");
    row("kafka-consumer-groups --delete --group g", "destructive", "kafka-consumer-groups delete");
    row("kafka-consumer-groups --help", "change", "kafka-consumer-groups other");
    row("kafka-configs --describe --entity-type topics", "read", "kafka-configs read");
    row("kafka-configs --alter --add-config retention.ms=1", "change", "kafka-configs other");
    row("kafka-console-consumer --topic t", "read", "read-only program", "", true);
    row("kafka-console-producer --topic t", "change", "unknown program", "pty");
    row("rabbitmqctl list_queues name messages", "read", "rabbitmqctl read");
    row("rabbitmqctl purge_queue jobs", "destructive", "rabbitmqctl destructive");
    row("rabbitmqctl set_policy ha '.*' '{}'", "change", "rabbitmqctl other");
    row("rabbitmqadmin list queues", "read", "rabbitmqadmin read");
    row("rabbitmqadmin purge queue name=jobs", "destructive", "rabbitmqadmin destructive");
    row("rabbitmqadmin declare queue name=x", "change", "rabbitmqadmin other");
    row("argocd app get api", "read", "argocd read");
    row("argocd app delete api", "destructive", "argocd destructive");
    row("argocd app sync api", "change", "argocd other");
    row("flux get kustomizations", "read", "flux read");
    row("flux delete source git x", "destructive", "flux destructive");
    row("flux reconcile kustomization x", "change", "flux other");
    row("velero backup get", "read", "velero read");
    row("velero backup delete b1", "destructive", "velero destructive");
    row("velero restore create --from-backup b1", "change", "velero other");
    row("istioctl proxy-status", "read", "istioctl/linkerd read");
    row("linkerd uninstall", "destructive", "istioctl/linkerd uninstall");
    row("istioctl install -y", "change", "istioctl/linkerd other");
    row("iptables -nvL", "read", "iptables list");
    row("iptables -F", "destructive", "iptables flush/delete");
    row("iptables -A INPUT -p tcp --dport 22 -j ACCEPT", "change", "iptables other");
    row("nft list ruleset", "read", "nft list");
    row("nft flush ruleset", "destructive", "nft flush/delete");
    row("nft add rule inet f c accept", "change", "nft other");
    row("ip route", "read", "ip show");
    row("ip addr del 10.0.0.1/24 dev eth0", "destructive", "ip delete/flush");
    row("ip link set eth0 down", "change", "ip change");
    row("nc -zv db 5432", "read", "nc port check");
    row("nc redis 6379", "change", "nc sends data");
    row("nc -l 8080", "change", "nc sends data", "", true);
    row("kill -0 1234", "read", "kill probe");
    row("kill -9 1234", "destructive", "kill");
    row("pkill -f worker", "destructive", "destructive program");
    row("crontab -l", "read", "crontab list");
    row("crontab -r", "destructive", "crontab remove");
    row("crontab -e", "change", "crontab install/edit", "full-screen");
    row("mount", "read", "mount list");
    row("mount /dev/sdb1 /mnt", "change", "mount");
    row("rsync -avn src/ dst/", "read", "rsync dry run");
    row("rsync -av --delete src/ dst/", "destructive", "rsync --delete");
    row("rsync -av src/ dst/", "change", "rsync");
    row("sed -i 's/a/b/' f", "change", "sed in place");
    row("sed -n '/x/w out.txt' f", "change", "sed writes a file");
    row("sed -n '1,5p' f", "read", "sed");
    row("perl -pi -e 's/a/b/' f", "change", "perl in place");
    row("yq -i '.a = 1' f.yaml", "change", "yq in place");
    row("yq '.spec' f.yaml", "read", "yq");
    row("tee", "read", "tee");
    row("kubectx", "read", "kubectx/kubens list");
    row("kubectx prod", "change", "kubectx/kubens switch");
    row("grep failover /var/log/patroni.log", "read", "read-only program");
    row("./scripts/failover.sh db1", "destructive", "failover or switchover");
    row("frobnicate --all", "change", "unknown program");
    row("rm -rf /tmp/cache", "destructive", "destructive program");
    row("mkfs.ext4 /dev/sdb1", "destructive", "destructive program");
    row("top", "read", "read-only program", "full-screen");
    row("top -b -n 1", "read", "read-only program");
    row("less /var/log/syslog", "read", "read-only program", "full-screen");
    row("vim /etc/x", "change", "unknown program", "full-screen");
    row("htop", "read", "read-only program", "full-screen");
    row("read -p 'Continue? ' answer", "read", "read-only program", "pty");
    row("python3", "change", "unknown program", "pty");
    row("python3 check.py", "change", "unknown program");
    row("telnet db 5432", "read", "read-only program", "pty");
    row("tail -f /var/log/syslog", "read", "read-only program", "", true);
    row("tail -n 50 /var/log/syslog", "read", "read-only program");
    row("ping db", "read", "read-only program", "", true);
    row("ping -c 3 db", "read", "read-only program");
    row("stern api", "read", "read-only program", "", true);
    row("tcpdump -i eth0 port 5432", "read", "read-only program", "", true);
    row("sleep infinity", "read", "read-only program", "", true);
    row("dig +short db.svc", "read", "read-only program");
    row("wget -qO- http://x/health", "read", "http method");
    row("wget http://x/file.tgz", "change", "http output to a file");
    row("wget --method=DELETE -O - http://x/i/1", "destructive", "http method");
    row("wget --post-data 'a=1' -O /dev/null http://x/", "change", "http method");
    row("http GET http://x/health", "read", "http method");
    row("http DELETE http://x/item/1", "destructive", "http method");
    row("http http://x/items name=a", "change", "http method");
    row("http --download http://x/f", "change", "http output to a file");
    row("cat $(echo $(echo $(echo $(echo $(echo $(echo $(echo x)))))))", "change", "too deeply nested");
    row("", "read", "");
}

void TstRiskClassifier::cases()
{
    QFETCH(QString, command);
    QFETCH(QString, risk);
    QFETCH(QString, terminal);
    QFETCH(bool, endless);
    QFETCH(QString, rule);
    const auto c = RiskClassifier::classify(command);
    QCOMPARE(riskName(c.risk), risk);
    QCOMPARE(terminalUseName(c.terminal), terminal);
    QCOMPARE(c.endless, endless);
    QCOMPARE(c.interactive, !terminal.isEmpty() || endless);
    QCOMPARE(c.rule, rule);
    m_seen.insert(c.rule);
    for (const QString &t : c.trail)
        m_seen.insert(t);
}

void TstRiskClassifier::everyRuleHasACase()
{
    // Runs after cases(): each rule of RiskRules.cpp decided or was applied in at least one case.
    QVERIFY(!m_seen.isEmpty());
    QStringList missing;
    for (const QString &name : RiskRules::allRuleNames()) {
        if (!m_seen.contains(name))
            missing << name;
    }
    QVERIFY2(missing.isEmpty(),
             qPrintable(QStringLiteral("rules without a case: ") + missing.join(QStringLiteral(", "))));
    const QStringList names = RiskRules::allRuleNames();
    QCOMPARE(QSet<QString>(names.cbegin(), names.cend()).size(), names.size()); // names are unique
}

void TstRiskClassifier::sql_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QString>("risk");
    auto row = [](const char *name, const char *sql, const char *risk) {
        QTest::newRow(name) << QString::fromUtf8(sql) << QString::fromLatin1(risk);
    };
    row("select", "SELECT * FROM users WHERE updated_at > now()", "read");
    row("show", "SHOW POOLS;", "read");
    row("explain analyze select", "EXPLAIN ANALYZE SELECT * FROM t", "read");
    row("word in a string", "SELECT 'DROP TABLE x'", "read");
    row("word in a comment", "-- DELETE later\nSELECT 1", "read");
    row("word in a block comment", "/* TRUNCATE /* nested */ t */ SELECT 1", "read");
    row("word in a dollar quote", "SELECT $$DELETE FROM t$$", "read");
    row("word in a quoted identifier", "SELECT \"delete\" FROM t", "read");
    row("column named like a command", "SELECT cluster, deleted_at, updated FROM nodes", "read");
    row("delete", "delete from jobs where id = 1", "destructive");
    row("truncate", "TRUNCATE sessions", "destructive");
    row("drop", "DROP INDEX i", "destructive");
    row("alter", "ALTER TABLE t SET (fillfactor = 70)", "destructive");
    row("alter system", "ALTER SYSTEM SET max_connections = 500", "destructive");
    row("terminate", "SELECT pg_terminate_backend(pid) FROM pg_stat_activity", "destructive");
    row("cancel", "SELECT pg_cancel_backend(4242)", "destructive");
    row("delete in a CTE", "WITH d AS (DELETE FROM t RETURNING *) SELECT count(*) FROM d", "destructive");
    row("vacuum full", "VACUUM FULL t", "destructive");
    row("insert", "INSERT INTO t VALUES (1)", "change");
    row("update", "UPDATE t SET a = 1", "change");
    row("create index", "CREATE INDEX CONCURRENTLY i ON t(a)", "change");
    row("select for update", "SELECT * FROM t FOR UPDATE", "change");
    row("select into", "SELECT * INTO backup FROM t", "change");
    row("copy from", "COPY t (a, b) FROM STDIN", "change");
    row("copy to stdout", "COPY (SELECT * FROM t) TO STDOUT", "read");
    row("copy to a server file", "COPY t TO '/tmp/t.csv'", "change");
    row("nextval", "SELECT nextval('s')", "change");
    row("vacuum", "VACUUM ANALYZE t", "change");
    row("reload", "SELECT pg_reload_conf()", "change");
    row("set role", "SET ROLE admin", "change");
    row("set", "SET statement_timeout = '5s'", "read");
    row("unknown", "FROBNICATE", "change");
    row("mixed takes the riskiest", "SELECT 1; UPDATE t SET a = 1; SELECT 2", "change");
    row("psql meta read", "\\x\nSELECT 1", "read");
    row("psql meta write", "\\o /tmp/out.txt\nSELECT 1", "change");
    row("psql shell escape", "\\! rm -rf /", "change");
    row("pgbouncer kill", "KILL appdb", "destructive");
    row("pgbouncer pause", "PAUSE appdb", "change");
    row("empty", "", "read");
}

void TstRiskClassifier::sql()
{
    QFETCH(QString, sql);
    QFETCH(QString, risk);
    QCOMPARE(riskName(RiskClassifier::classifySql(sql).risk), risk);
}

void TstRiskClassifier::reasonNamesTheDecidingCommand()
{
    const auto c = RiskClassifier::classify(QStringLiteral("kubectl get pods | xargs -n1 kubectl delete"));
    QCOMPARE(c.reason, QStringLiteral("xargs -n1 kubectl delete"));
    QCOMPARE(c.rule, QStringLiteral("kubectl delete"));
    QVERIFY(c.trail.contains(QStringLiteral("xargs")));
    const auto s = RiskClassifier::classifySql(QStringLiteral("SELECT 1;\n  DELETE   FROM t;"));
    QCOMPARE(s.reason, QStringLiteral("DELETE FROM t"));
}

QTEST_GUILESS_MAIN(TstRiskClassifier)
#include "tst_riskclassifier.moc"
