#include "runbook/RunbookParser.h"
#include "support/TestEnv.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTest>

using namespace Sitrep::Runbook;

// Importing the three shared runbooks with exact expectations, plus the structures they lack and
// Markdown that is broken on purpose.
class TstRunbookParser : public QObject
{
    Q_OBJECT
private slots:
    void alertNamesOnOneLine_data();
    void alertNamesOnOneLine();
    void deeptechSections();
    void deeptechSteps();
    void deeptechSeveritiesTemplatesEscalation();
    void offgridflow();
    void promoteros();
    void sectionMarkdownAndLines();
    void quickReferenceAndEscalationTables();
    void sqlAndPromqlBlocks();
    void jsonShape();
    void malformedNeverCrashes_data();
    void malformedNeverCrashes();
    void randomBytesNeverCrash();
    void missingFileIsAnError();

private:
    Runbook load(const QString &name);
};

namespace {
QStringList titles(const Runbook &r)
{
    QStringList out;
    for (const auto &s : r.sections)
        out << s.title;
    return out;
}

int count(const Runbook &r, StepKind k)
{
    int n = 0;
    for (const Step *s : r.allSteps())
        n += s->kind == k ? 1 : 0;
    return n;
}

QStringList tokens(const Step &s)
{
    QStringList out;
    for (const auto &p : s.placeholders)
        out << p.token;
    return out;
}
} // namespace

Runbook TstRunbookParser::load(const QString &name)
{
    const QString path = Sitrep::Test::sourceDir() + QStringLiteral("/tests/unit/runbook/fixtures/") + name;
    auto r = RunbookParser::parse(Sitrep::Test::readFixture(path), path);
    if (!r.ok())
        qFatal("cannot parse %s", qPrintable(path));
    return r.value();
}

void TstRunbookParser::deeptechSections()
{
    const Runbook r = load(QStringLiteral("deeptech-api-incident-response.md"));
    QCOMPARE(r.title, QStringLiteral("Runbook: API Incident Response"));
    QCOMPARE(r.sections.size(), 34);
    const QStringList t = titles(r);
    QCOMPARE(
        t.mid(0, 8),
        (QStringList{QStringLiteral("Runbook: API Incident Response"), QStringLiteral("Overview"),
                     QStringLiteral("Severity Levels"), QStringLiteral("Initial Response"),
                     QStringLiteral("Step 1: Assess Severity"), QStringLiteral("Step 2: Check Monitoring"),
                     QStringLiteral("Step 3: Communicate"), QStringLiteral("Common Incident Scenarios")}));
    QCOMPARE(t.last(), QStringLiteral("Related Runbooks"));
    const Section &assess = r.sections.at(4);
    QCOMPARE(assess.level, 3);
    QCOMPARE(r.sections.at(assess.parent).title, QStringLiteral("Initial Response"));
    QCOMPARE(assess.phase, Phase::Triage);
    QCOMPARE(assess.anchor, QStringLiteral("step-1-assess-severity"));
    QCOMPARE(r.sections.at(22).title, QStringLiteral("Rollback to Previous Version"));
    QCOMPARE(r.sections.at(22).phase, Phase::Rollback);
    QCOMPARE(r.sections.at(26).title, QStringLiteral("Step 1: Verify Resolution"));
    QCOMPARE(r.sections.at(26).phase, Phase::Verification); // "Verify" comes before "Resolution"
    QCOMPARE(r.sections.at(28).phase, Phase::PostIncident);
    QCOMPARE(r.sections.at(32).phase, Phase::Escalation);
    QCOMPARE(r.sections.at(8).phase, Phase::Unknown); // "Scenario 1 ..." names no phase
    // Duplicate heading titles get GitHub's -1 suffix.
    QCOMPARE(r.sections.at(13).title, QStringLiteral("1. Database Query Timeouts"));
    QCOMPARE(r.metadata.value(QStringLiteral("Severity")), QStringLiteral("P1 (Critical)"));
    QCOMPARE(r.metadata.value(QStringLiteral("Service")), QStringLiteral("DeepTech Radar API"));
    QCOMPARE(r.alerts, (QStringList{QStringLiteral("HighErrorRate"), QStringLiteral("SlowAPIRequests"),
                                    QStringLiteral("APIDown")}));
}

void TstRunbookParser::deeptechSteps()
{
    const Runbook r = load(QStringLiteral("deeptech-api-incident-response.md"));
    QCOMPARE(count(r, StepKind::Command), 46);
    QCOMPARE(count(r, StepKind::Manual), 13);
    QCOMPARE(count(r, StepKind::Checklist), 12);
    QCOMPARE(count(r, StepKind::Query), 3);
    QCOMPARE(count(r, StepKind::Template), 2);

    const Section &assess = r.sections.at(4);
    QCOMPARE(assess.steps.size(), 5);
    QCOMPARE(assess.steps.at(0).command,
             QStringLiteral("kubectl get pods -n <namespace> -l app=deeptech-api"));
    QCOMPARE(assess.steps.at(0).comment, QStringLiteral("Check pod status"));
    QCOMPARE(assess.steps.at(0).id, QStringLiteral("step-1-assess-severity-1"));
    QCOMPARE(assess.steps.at(0).line, 34);
    QCOMPARE(tokens(assess.steps.at(0)), QStringList{QStringLiteral("<namespace>")});
    QCOMPARE(assess.steps.at(0).placeholders.first().type, Placeholder::Type::Context);
    QCOMPARE(assess.steps.at(3).command,
             QStringLiteral("kubectl port-forward -n <namespace> svc/deeptech-api 8000:8000 &"));
    QVERIFY(assess.steps.at(3).interactive);
    QCOMPARE(assess.steps.at(4).comment, QStringLiteral("Quick health check")); // one label, two commands

    // Scenario 1 / Database Connection Failure: continuation lines stay in one command.
    const Section &db = r.sections.at(9);
    QCOMPARE(db.title, QStringLiteral("1. Database Connection Failure"));
    QCOMPARE(db.steps.size(), 4);
    QCOMPARE(db.steps.at(1).command,
             QStringLiteral(
                 "kubectl run -it --rm db-test --image=postgres:14 --restart=Never -n <namespace> -- \\\n"
                 "  psql \"${DATABASE_URL}\" -c \"SELECT 1;\""));
    QCOMPARE(tokens(db.steps.at(1)),
             (QStringList{QStringLiteral("<namespace>"), QStringLiteral("${DATABASE_URL}")}));
    QCOMPARE(db.steps.at(1).placeholders.at(1).type, Placeholder::Type::Secret);
    QCOMPARE(db.steps.at(1).phase, Phase::Resolution); // from the "**Resolution:**" label
    QCOMPARE(db.steps.at(2).comment, QStringLiteral("If database is down, check database server status\nIf "
                                                    "connection string is wrong, update secret"));
    QCOMPARE(db.steps.at(2).risk, Risk::Change);
    QCOMPARE(r.sections.at(8).steps.at(0).phase, Phase::Investigation); // "**Diagnosis:**"

    // Multi-line SQL inside a double-quoted argument is one command; the standalone comments are manual.
    const Section &timeouts = r.sections.at(13);
    QCOMPARE(timeouts.steps.size(), 4);
    QVERIFY(timeouts.steps.at(0).command.endsWith(QLatin1String("ORDER BY duration DESC;\n  \"")));
    QCOMPARE(timeouts.steps.at(1).kind, StepKind::Manual);
    QCOMPARE(
        timeouts.steps.at(1).text,
        QStringLiteral("Kill long-running queries if necessary\npsql> SELECT pg_terminate_backend(pid);"));
    QCOMPARE(timeouts.steps.at(3).command,
             QStringLiteral("kubectl edit deployment deeptech-api -n <namespace>"));
    QCOMPARE(timeouts.steps.at(3).note, QStringLiteral("Add env var: DATABASE_QUERY_TIMEOUT: \"60\""));
    QCOMPARE(timeouts.steps.at(3).risk, Risk::Destructive);

    // The HTML in the maintenance page is not a placeholder.
    const Section &maint = r.sections.at(23);
    QCOMPARE(tokens(maint.steps.at(0)), QStringList{QStringLiteral("<namespace>")});

    // PromQL in untagged blocks inside numbered items, labelled by the item.
    const Section &mon = r.sections.at(24);
    QCOMPARE(mon.steps.size(), 4);
    QCOMPARE(mon.steps.at(0).kind, StepKind::Query);
    QCOMPARE(mon.steps.at(0).command,
             QStringLiteral("rate(api_requests_total{status=~\"5..\"}[5m]) / rate(api_requests_total[5m])"));
    QCOMPARE(mon.steps.at(0).text, QStringLiteral("Error Rate"));
    QCOMPARE(mon.steps.at(3).kind, StepKind::Command);
    QCOMPARE(mon.steps.at(3).comment, QStringLiteral("Pod Restarts"));
    QVERIFY(mon.steps.at(3).interactive); // --watch

    const Section &verify = r.sections.at(26);
    QCOMPARE(verify.steps.size(), 5);
    QCOMPARE(verify.steps.at(0).kind, StepKind::Checklist);
    QCOMPARE(verify.steps.at(0).text, QStringLiteral("Error rate back to normal (<1%)"));
    QVERIFY(!verify.steps.at(0).checked);

    const Section &proactive = r.sections.at(30);
    QCOMPARE(proactive.steps.size(), 8);
    QCOMPARE(proactive.steps.at(0).kind, StepKind::Manual);
    QCOMPARE(proactive.steps.at(0).text, QStringLiteral("Enable health checks on all critical dependencies"));
}

void TstRunbookParser::deeptechSeveritiesTemplatesEscalation()
{
    const Runbook r = load(QStringLiteral("deeptech-api-incident-response.md"));
    const auto levels = r.severities.levels();
    QCOMPARE(levels.size(), 4);
    QCOMPARE(levels.at(0).name, QStringLiteral("P0"));
    QCOMPARE(levels.at(0).description, QStringLiteral("Complete outage"));
    QCOMPARE(levels.at(0).response, QStringLiteral("Immediate"));
    QCOMPARE(levels.at(0).communication, QStringLiteral("5 minutes")); // "Post initial communication within:"
    QCOMPARE(levels.at(1).response, QStringLiteral("<15 min"));
    QCOMPARE(levels.at(3).name, QStringLiteral("P3"));
    QCOMPARE(levels.at(3).rank, 3);
    QCOMPARE(levels.at(3).communication, QString());

    QCOMPARE(r.templates.size(), 2);
    QCOMPARE(r.templates.at(0).name, QStringLiteral("INCIDENT TEMPLATE"));
    QCOMPARE(
        r.templates.at(0).fieldNames(),
        (QStringList{QStringLiteral("Status"), QStringLiteral("Severity"), QStringLiteral("Service"),
                     QStringLiteral("Impact"), QStringLiteral("Start Time"), QStringLiteral("Updates")}));
    QCOMPARE(r.templates.at(0).fields.at(0).hint,
             QStringLiteral("INVESTIGATING / IDENTIFIED / MONITORING / RESOLVED"));
    QCOMPARE(r.templates.at(0).section, QStringLiteral("step-3-communicate"));
    QCOMPARE(r.templates.at(1).name, QStringLiteral("INCIDENT RESOLVED"));
    QCOMPARE(r.templates.at(1).fieldNames(),
             (QStringList{QStringLiteral("Status"), QStringLiteral("Severity"), QStringLiteral("Duration"),
                          QStringLiteral("Root Cause"), QStringLiteral("Resolution"),
                          QStringLiteral("Prevention")}));
    // Log excerpts in untagged blocks are neither templates nor steps.
    QCOMPARE(r.sections.at(10).steps.size(), 3);

    QCOMPARE(r.escalation.size(), 9);
    QCOMPARE(r.escalation.at(0).condition, QStringLiteral("P0 incident not resolved within 1 hour"));
    QCOMPARE(r.escalation.at(0).severity, QStringLiteral("P0"));
    QCOMPARE(r.escalation.at(0).afterMinutes, 60);
    QCOMPARE(r.escalation.at(1).afterMinutes, 240);
    QCOMPARE(r.escalation.at(2).afterMinutes, -1);
    QCOMPARE(r.escalation.at(5).level, QStringLiteral("1"));
    QCOMPARE(r.escalation.at(5).contact, QStringLiteral("On-call backend engineer"));
    QCOMPARE(r.escalation.at(8).contact, QStringLiteral("CTO"));
}

void TstRunbookParser::offgridflow()
{
    const Runbook r = load(QStringLiteral("offgridflow-api-down.md"));
    QCOMPARE(r.title, QStringLiteral("Runbook: OffGridFlow API Down"));
    QCOMPARE(r.sections.size(), 22);
    QCOMPARE(r.alerts, (QStringList{QStringLiteral("OffGridFlowAPIDown"),
                                    QStringLiteral("up{job=\"offgridflow-api\"} == 0")}));
    QCOMPARE(r.relatedAlerts,
             (QStringList{QStringLiteral("PostgreSQLDown"), QStringLiteral("PodCrashLooping"),
                          QStringLiteral("OffGridFlowAPIHighErrorRate")}));
    QCOMPARE(r.metadata.value(QStringLiteral("Severity")), QStringLiteral("Critical"));
    QCOMPARE(r.metadata.value(QStringLiteral("Team")), QStringLiteral("Platform"));
    QVERIFY(r.severities.isEmpty());
    QCOMPARE(count(r, StepKind::Command), 33);
    QCOMPARE(count(r, StepKind::Checklist), 5);
    QCOMPARE(count(r, StepKind::Manual), 5);

    const Section &confirm = r.sections.at(4);
    QCOMPARE(confirm.title, QStringLiteral("1. Confirm the Issue (2 minutes)"));
    QCOMPARE(confirm.timeBudgetSeconds, 120);
    QCOMPARE(confirm.phase, Phase::Triage);
    QCOMPARE(r.sections.at(5).timeBudgetSeconds, 300);
    QCOMPARE(r.sections.at(5).phase, Phase::Investigation);
    QCOMPARE(r.sections.at(6).phase, Phase::Investigation); // inherited by "A. Pod Crash Loop"
    QCOMPARE(r.sections.at(11).timeBudgetSeconds, 120);     // "(Immediate - 2 minutes)"

    const Section &oom = r.sections.at(13);
    QCOMPARE(oom.title, QStringLiteral("Fix 2: OOM (Out of Memory) Issues"));
    QCOMPARE(oom.steps.size(), 3);
    QVERIFY(oom.steps.at(1).command.startsWith(
        QLatin1String("kubectl patch deployment offgridflow-api -n offgridflow -p '\n{")));
    QVERIFY(oom.steps.at(1).command.endsWith(QLatin1String("}\n}'")));
    QCOMPARE(oom.steps.at(1).risk, Risk::Destructive);
    QCOMPARE(oom.steps.at(2).command,
             QStringLiteral("watch kubectl top pods -n offgridflow -l app=offgridflow-api"));
    QVERIFY(oom.steps.at(2).interactive);

    const Section &verification = r.sections.at(16);
    QCOMPARE(verification.timeBudgetSeconds, 180);
    QCOMPARE(verification.steps.size(), 5);
    QCOMPARE(verification.steps.at(0).expected, QStringLiteral("All pods Running with 0 restarts"));
    QCOMPARE(verification.steps.at(1).expected, QStringLiteral("{\"status\":\"healthy\"...}"));
    QCOMPARE(verification.steps.at(2).comment, QStringLiteral("3. Test API functionality"));
    QCOMPARE(tokens(verification.steps.at(2)), QStringList{QStringLiteral("$TOKEN")});
    QCOMPARE(verification.steps.at(2).placeholders.first().type, Placeholder::Type::Secret);
    QCOMPARE(verification.steps.at(4).kind, StepKind::Manual);
    QVERIFY(verification.steps.at(4).text.startsWith(QLatin1String("5. Check error rate in Grafana")));

    const Section &post = r.sections.at(17);
    QCOMPARE(post.steps.size(), 4);
    QCOMPARE(post.steps.at(0).text,
             QStringLiteral("Document the incident in incident tracker with:\n- Root cause\n"
                            "- Time to detect\n- Time to resolve\n- Impact duration"));
    QCOMPARE(post.steps.at(1).comment, QStringLiteral("Create follow-up tasks"));

    QCOMPARE(r.escalation.size(), 4);
    QCOMPARE(r.escalation.at(0).level, QStringLiteral("Primary"));
    QCOMPARE(r.escalation.at(0).contact, QStringLiteral("Platform team (#platform-oncall)"));
    QCOMPARE(r.escalation.at(3).level, QStringLiteral("After hours"));
}

void TstRunbookParser::promoteros()
{
    const Runbook r = load(QStringLiteral("promoteros-api-availability.md"));
    QCOMPARE(r.title, QStringLiteral("API Availability Runbook"));
    QCOMPARE(r.sections.size(), 26);
    QCOMPARE(r.alerts, QStringList{QStringLiteral("APIAvailabilityBurnRateHigh")});
    QCOMPARE(r.alertLinks.size(), 1);
    QCOMPARE(r.alertLinks.first().section, QStringLiteral("alert-apiavailabilityburnratehigh"));
    const auto levels = r.severities.levels();
    QCOMPARE(levels.size(), 2);
    QCOMPARE(levels.at(0).name, QStringLiteral("Critical"));
    QCOMPARE(levels.at(0).description,
             QStringLiteral("Burn rate > 14.4x (exhausts monthly budget in 2 days)"));
    QCOMPARE(levels.at(1).name, QStringLiteral("Warning"));
    QCOMPARE(count(r, StepKind::Command), 24);
    QCOMPARE(count(r, StepKind::Manual), 9);

    QCOMPARE(r.escalation.size(), 3);
    QCOMPARE(r.escalation.at(0).level, QStringLiteral("Level 1"));
    QCOMPARE(r.escalation.at(0).afterMinutes, 0);
    QCOMPARE(r.escalation.at(0).untilMinutes, 15);
    QCOMPARE(r.escalation.at(0).contact, QStringLiteral("On-call engineer follows this runbook"));
    QCOMPARE(r.escalation.at(1).afterMinutes, 15);
    QCOMPARE(r.escalation.at(1).untilMinutes, 30);
    QCOMPARE(r.escalation.at(2).afterMinutes, 30);
    QCOMPARE(r.escalation.at(2).untilMinutes, -1);

    const Step *del = r.findStep(QStringLiteral("1-restart-unhealthy-pods-1"));
    QVERIFY(del);
    QCOMPARE(del->command, QStringLiteral("kubectl delete pods -n promoteros-api -l app=api-gateway "
                                          "--field-selector status.phase=Failed"));
    QCOMPARE(del->comment, QStringLiteral("Delete crashlooping pods"));
    QCOMPARE(del->risk, Risk::Destructive);
    QCOMPARE(del->phase, Phase::Resolution);
    const Step *pools = r.findStep(QStringLiteral("4-database-connectivity-2"));
    QVERIFY(pools);
    QCOMPARE(pools->risk, Risk::Read); // psql -c "SHOW POOLS;" through kubectl exec
    const Step *undo = r.findStep(QStringLiteral("rollback-procedure-2"));
    QVERIFY(undo);
    QCOMPARE(undo->risk, Risk::Destructive);
    QCOMPARE(undo->phase, Phase::Rollback);
}

void TstRunbookParser::sectionMarkdownAndLines()
{
    const Runbook r = load(QStringLiteral("offgridflow-api-down.md"));
    const Section &symptoms = r.sections.at(1);
    QCOMPARE(symptoms.line, 7);
    QVERIFY(symptoms.markdown.startsWith(QLatin1String("- Prometheus alert fired:")));
    QVERIFY(symptoms.markdown.endsWith(QLatin1String("- Users reporting \"Service Unavailable\" errors")));
    const Step *s = r.findStep(QStringLiteral("1-confirm-the-issue-2-minutes-1"));
    QVERIFY(s);
    QCOMPARE(s->line, 26);
}

void TstRunbookParser::quickReferenceAndEscalationTables()
{
    const QByteArray md =
        "# Payments\n\n## Quick reference\n\n"
        "| Alert | Go to |\n|---|---|\n"
        "| `PaymentsErrorBudgetBurn` | [Errors](#fix-errors) |\n"
        "| Queue backlog | Drain the queue |\n\n"
        "## Fix errors\n\n```bash\nkubectl get pods\n```\n\n"
        "## Drain the queue\n\n- [x] Paused producers\n\n"
        "## Escalation\n\n| Level | Time | Contact |\n|---|---|---|\n"
        "| L1 | 0-15 min | On-call |\n| L2 | 15-45 min | Team lead |\n| L3 | 45+ min | CTO |\n";
    const auto r = RunbookParser::parse(md);
    QVERIFY(r.ok());
    QCOMPARE(r->alerts,
             (QStringList{QStringLiteral("PaymentsErrorBudgetBurn"), QStringLiteral("Queue backlog")}));
    QCOMPARE(r->alertLinks.size(), 2);
    QCOMPARE(r->alertLinks.at(0).section, QStringLiteral("fix-errors"));
    QCOMPARE(r->alertLinks.at(1).section, QStringLiteral("drain-the-queue"));
    QCOMPARE(r->escalation.size(), 3);
    QCOMPARE(r->escalation.at(0).level, QStringLiteral("L1"));
    QCOMPARE(r->escalation.at(0).contact, QStringLiteral("On-call"));
    QCOMPARE(r->escalation.at(0).afterMinutes, 0);
    QCOMPARE(r->escalation.at(0).untilMinutes, 15);
    QCOMPARE(r->escalation.at(2).afterMinutes, 45);
    QVERIFY(r->sections.at(3).steps.first().checked);
}

void TstRunbookParser::sqlAndPromqlBlocks()
{
    const QByteArray md =
        "# DB\n\n## Diagnosis\n\n```sql\nSELECT count(*) FROM pg_stat_activity;\n```\n\n"
        "```promql\nsum(rate(http_requests_total{code=~\"5..\"}[5m]))\n```\n\n"
        "```bash\n# Error budget\n# Query: slo:burn_rate:1h > 14.4\nkubectl get pods -n <namespace>\n```\n\n"
        "## Fixes\n\n```sql\n-- Clear the stuck\n--   jobs\nDELETE FROM jobs WHERE stuck;\n```\n\n"
        "```yaml\nkind: Pod\n```\n";
    const auto r = RunbookParser::parse(md);
    QVERIFY(r.ok());
    const Section &diag = r->sections.at(1);
    QCOMPARE(diag.steps.size(), 4);
    QCOMPARE(diag.steps.at(0).kind, StepKind::Sql);
    QCOMPARE(diag.steps.at(0).risk, Risk::Read);
    QCOMPARE(diag.steps.at(1).kind, StepKind::Query);
    QCOMPARE(diag.steps.at(2).kind, StepKind::Query);
    QCOMPARE(diag.steps.at(2).command, QStringLiteral("slo:burn_rate:1h > 14.4"));
    QCOMPARE(diag.steps.at(2).text, QStringLiteral("Error budget"));
    QCOMPARE(diag.steps.at(3).kind, StepKind::Command);
    QCOMPARE(diag.steps.at(3).phase, Phase::Investigation);
    // The rule that decided, for a reviewer (sitrep runbook inspect shows it).
    QCOMPARE(diag.steps.at(3).riskRule, QStringLiteral("kubectl read verbs"));
    QCOMPARE(diag.steps.at(3).toJson().value(QLatin1String("riskRule")).toString(),
             QStringLiteral("kubectl read verbs"));
    QVERIFY(!diag.steps.at(0).riskRule.isEmpty());
    const Section &fixes = r->sections.at(2);
    QCOMPARE(fixes.steps.size(), 1); // yaml is shown, not run
    QCOMPARE(fixes.steps.at(0).risk, Risk::Destructive);
    // Leading "-- ..." lines label the statement.
    QCOMPARE(fixes.steps.at(0).text, QStringLiteral("Clear the stuck jobs"));
    QCOMPARE(fixes.steps.at(0).command, QStringLiteral("DELETE FROM jobs WHERE stuck;"));
    QCOMPARE(diag.steps.at(0).text, QStringLiteral("SELECT count(*) FROM pg_stat_activity;"));
}

void TstRunbookParser::jsonShape()
{
    const Runbook r = load(QStringLiteral("deeptech-api-incident-response.md"));
    const QJsonObject o = r.toJson();
    for (const char *key : {"title", "alerts", "severities", "escalation", "templates", "sections"})
        QVERIFY2(o.contains(QLatin1String(key)), key);
    const QJsonObject step = o.value(QLatin1String("sections"))
                                 .toArray()
                                 .at(4)
                                 .toObject()
                                 .value(QLatin1String("steps"))
                                 .toArray()
                                 .at(0)
                                 .toObject();
    for (const char *key : {"kind", "text", "comment", "command", "language", "placeholders", "risk",
                            "interactive", "expected"})
        QVERIFY2(step.contains(QLatin1String(key)), key);
    QCOMPARE(step.value(QLatin1String("kind")).toString(), QStringLiteral("command"));
    QCOMPARE(step.value(QLatin1String("risk")).toString(), QStringLiteral("read"));
    QCOMPARE(step.value(QLatin1String("language")).toString(), QStringLiteral("bash"));
    QCOMPARE(step.value(QLatin1String("placeholders"))
                 .toArray()
                 .at(0)
                 .toObject()
                 .value(QLatin1String("type"))
                 .toString(),
             QStringLiteral("context"));
}

void TstRunbookParser::malformedNeverCrashes_data()
{
    QTest::addColumn<QByteArray>("markdown");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("only fence") << QByteArray("```bash\n");
    QTest::newRow("unclosed quote in code") << QByteArray("# T\n```bash\necho \"open\n```\n");
    QTest::newRow("unclosed $(") << QByteArray("```sh\nkubectl delete $(kubectl get\n```");
    QTest::newRow("table without body") << QByteArray("| a | b |\n|---|---|\n");
    QTest::newRow("ragged table") << QByteArray("| Level | Response |\n|---|---|\n| P0 |\n| | x | y | z |\n");
    QTest::newRow("deep nesting") << QByteArray(2000, '>') + QByteArray(" x\n") + QByteArray(500, '-') + " y";
    QTest::newRow("nested lists with code")
        << QByteArray("1. a\n   - b\n     1. c\n        ```bash\n        rm -rf /\n        ```\n");
    QTest::newRow("heading only hashes") << QByteArray("#\n##\n###### \n####### x");
    QTest::newRow("invalid utf8") << QByteArray("# \xff\xfe\n```bash\necho \xc3\x28\n```\n");
    QTest::newRow("nul bytes") << QByteArray("# a\0b\n- [ ] \0\n", 14);
    QTest::newRow("entities") << QByteArray("# &amp;&#x110000;&#0;&bogus;\n");
    QTest::newRow("template-ish") << QByteArray("```\nX\n---\n```\n```\n:\n---\n:\n```");
    QTest::newRow("escalation list without text") << QByteArray("## Escalation\n\n1. **\n- ****\n");
    QTest::newRow("heredoc never closed") << QByteArray("```bash\ncat <<EOF\nx\n```");
}

void TstRunbookParser::malformedNeverCrashes()
{
    QFETCH(QByteArray, markdown);
    const auto r = RunbookParser::parse(markdown);
    QVERIFY(r.ok());
    QVERIFY(!QJsonDocument(r->toJson()).toJson().isEmpty());
}

void TstRunbookParser::randomBytesNeverCrash()
{
    // Mutations of a real runbook: cut, duplicate and flip bytes; the parser must return every time.
    const QByteArray base = Sitrep::Test::readFixture(
        Sitrep::Test::sourceDir() + QStringLiteral("/tests/unit/runbook/fixtures/offgridflow-api-down.md"));
    QRandomGenerator rng(20261123);
    int parsed = 0;
    for (int i = 0; i < 150; ++i) {
        QByteArray m = base;
        const int edits = 1 + int(rng.bounded(20));
        for (int e = 0; e < edits && !m.isEmpty(); ++e) {
            const int pos = int(rng.bounded(m.size()));
            switch (rng.bounded(3)) {
            case 0:
                m[pos] = char(rng.bounded(256));
                break;
            case 1:
                m.remove(pos, int(rng.bounded(64)));
                break;
            default:
                m.insert(pos, m.mid(int(rng.bounded(m.size())), int(rng.bounded(64))));
                break;
            }
        }
        parsed += RunbookParser::parse(m).ok() ? 1 : 0;
    }
    QCOMPARE(parsed, 150);
}

void TstRunbookParser::missingFileIsAnError()
{
    const auto r = RunbookParser::parseFile(QStringLiteral("/nonexistent/runbook.md"));
    QVERIFY(!r.ok());
    QCOMPARE(r.error().where, QStringLiteral("/nonexistent/runbook.md"));
    QVERIFY(r.error().message.contains(QLatin1String("cannot read")));
}

void TstRunbookParser::alertNamesOnOneLine_data()
{
    QTest::addColumn<QString>("line");
    QTest::addColumn<QStringList>("alerts");
    auto row = [](const char *name, const char *line, QStringList alerts) {
        QTest::newRow(name) << QString::fromUtf8(line) << alerts;
    };
    const QString q = QStringLiteral("QueueBacklogHigh");
    const QString w = QStringLiteral("WorkerDown");
    row("two with or", "- Alert: `QueueBacklogHigh` or `WorkerDown`", {q, w});
    row("three with commas and and", "- Alerts: `QueueBacklogHigh`, `WorkerDown` and `DLQGrowing`",
        {q, w, QStringLiteral("DLQGrowing")});
    row("bare names with commas", "Alerts: QueueBacklogHigh, WorkerDown", {q, w});
    row("bare names with or", "- Prometheus alert: QueueBacklogHigh or WorkerDown", {q, w});
    row("slash", "**Alert Name**: `QueueBacklogHigh` / `WorkerDown`", {q, w});
    row("one, then prose", "- Alert: `QueueBacklogHigh` fires when the queue grows for 10 minutes", {q});
    row("bare one, then prose", "Alert: QueueBacklogHigh fires when jobs pile up, and workers lag", {q});
    row("with descriptions", "Alerts: QueueBacklogHigh (critical), WorkerDown - pages the on-call", {q, w});
    row("fired", "- Prometheus alert fired: `QueueBacklogHigh`, `WorkerDown`", {q, w});
}

void TstRunbookParser::alertNamesOnOneLine()
{
    QFETCH(QString, line);
    QFETCH(QStringList, alerts);
    const QByteArray md =
        "# Jobs\n\n## Detection\n\n" + line.toUtf8() + "\n\n## Triage\n\n```bash\nkubectl get pods\n```\n";
    const auto r = RunbookParser::parse(md);
    QVERIFY(r.ok());
    QCOMPARE(r->alerts, alerts);
    for (const QString &a : alerts) { // each one leads to where the runbook mentions it
        const auto link = std::find_if(r->alertLinks.cbegin(), r->alertLinks.cend(),
                                       [&a](const AlertLink &l) { return l.alert == a; });
        QVERIFY2(link != r->alertLinks.cend(), qPrintable(a));
        QCOMPARE(link->section, QStringLiteral("detection"));
    }
}

QTEST_GUILESS_MAIN(TstRunbookParser)
#include "tst_runbookparser.moc"
