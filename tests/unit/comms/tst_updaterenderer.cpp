#include "CommsFixtures.h"
#include "comms/DraftFiller.h"
#include "comms/TemplateLibrary.h"
#include "comms/UpdateComposer.h"
#include "comms/UpdateRenderer.h"
#include "support/TestEnv.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Sitrep::Comms;
using namespace Sitrep::Core;
using CommsFixtures::at;

class TstUpdateRenderer : public QObject
{
    Q_OBJECT
private slots:
    void builtInsExist();
    void renderInitial_data();
    void renderInitial();
    void resolvedDropsEmptyAndWrapsMultiline();
    void escaping();
    void fillerUsesIncidentAndLastDraft();
    void stockSentencesEditable();
    void userTemplateFiles();
    void userConfigDirIsSearched();
    void tacticalRenders_data();
    void tacticalRenders();
    void badTemplateFilesNameTheLine_data();
    void badTemplateFilesNameTheLine();
    void bundledTemplatesLoad();
    void runbookTemplate();
    void composeCarriesAllFormats();

private:
    FieldValues initialValues() const;
};

FieldValues TstUpdateRenderer::initialValues() const
{
    const Incident incident = Incident::fromEvents(CommsFixtures::declaredEvents());
    DraftFiller::Context ctx;
    ctx.incident = &incident;
    ctx.now = at("07:00:00");
    ctx.nextUpdate = at("07:15:00");
    ctx.updatesLink = QStringLiteral("https://status.example.com/incidents/42");
    ctx.lastDraft.insert(QStringLiteral("impact"), QStringLiteral("Customers cannot check out (EU)"));
    return DraftFiller::fill(*TemplateLibrary().find(QStringLiteral("initial")), ctx);
}

void TstUpdateRenderer::builtInsExist()
{
    const TemplateLibrary lib;
    QCOMPARE(lib.names(), (QStringList{QStringLiteral("initial"), QStringLiteral("update"),
                                       QStringLiteral("resolved"), QStringLiteral("tactical")}));
    const auto resolved = lib.find(QStringLiteral("resolved"));
    QVERIFY(resolved);
    QStringList labels;
    for (const auto &f : resolved->fields())
        labels << f.label;
    for (const char *l :
         {"Status", "Severity", "Service", "Duration", "Root Cause", "Resolution", "Prevention", "Updates"})
        QVERIFY2(labels.contains(QLatin1String(l)), l);
    QCOMPARE(lib.suggestedFor(Status::Investigating, 0), QStringLiteral("initial"));
    QCOMPARE(lib.suggestedFor(Status::Identified, 2), QStringLiteral("update"));
    QCOMPARE(lib.suggestedFor(Status::Resolved, 2), QStringLiteral("resolved"));
}

void TstUpdateRenderer::renderInitial_data()
{
    QTest::addColumn<int>("format");
    QTest::addColumn<QString>("expected");
    QTest::newRow("plain") << int(TextFormat::Plain)
                           << QStringLiteral("Incident: Checkout 502s\n"
                                             "-----------------------\n"
                                             "Status: INVESTIGATING\n"
                                             "Severity: P1\n"
                                             "Service: api-gateway\n"
                                             "Impact: Customers cannot check out (EU)\n"
                                             "Start Time: 2026-11-23 06:50 UTC\n"
                                             "Commander: alice\n"
                                             "\n"
                                             "We are currently investigating this issue.\n"
                                             "\n"
                                             "Next update: 2026-11-23 07:15 UTC\n"
                                             "Updates: https://status.example.com/incidents/42");
    QTest::newRow("markdown") << int(TextFormat::Markdown)
                              << QStringLiteral("### Incident: Checkout 502s\n"
                                                "\n"
                                                "- **Status:** INVESTIGATING\n"
                                                "- **Severity:** P1\n"
                                                "- **Service:** api-gateway\n"
                                                "- **Impact:** Customers cannot check out (EU)\n"
                                                "- **Start Time:** 2026-11-23 06:50 UTC\n"
                                                "- **Commander:** alice\n"
                                                "\n"
                                                "We are currently investigating this issue.\n"
                                                "\n"
                                                "- **Next update:** 2026-11-23 07:15 UTC\n"
                                                "- **Updates:** https://status.example.com/incidents/42");
    QTest::newRow("slack") << int(TextFormat::Slack)
                           << QStringLiteral("*Incident: Checkout 502s*\n"
                                             "*Status:* INVESTIGATING\n"
                                             "*Severity:* P1\n"
                                             "*Service:* api-gateway\n"
                                             "*Impact:* Customers cannot check out (EU)\n"
                                             "*Start Time:* 2026-11-23 06:50 UTC\n"
                                             "*Commander:* alice\n"
                                             "\n"
                                             "We are currently investigating this issue.\n"
                                             "\n"
                                             "*Next update:* 2026-11-23 07:15 UTC\n"
                                             "*Updates:* https://status.example.com/incidents/42");
}

void TstUpdateRenderer::renderInitial()
{
    QFETCH(int, format);
    QFETCH(QString, expected);
    const auto t = TemplateLibrary().find(QStringLiteral("initial"));
    const QString text = UpdateRenderer::render(*t, initialValues(), static_cast<TextFormat>(format));
    QCOMPARE(text, expected);
    // Deterministic: the same input renders the same bytes.
    QCOMPARE(UpdateRenderer::render(*t, initialValues(), static_cast<TextFormat>(format)), text);
}

void TstUpdateRenderer::resolvedDropsEmptyAndWrapsMultiline()
{
    const auto t = TemplateLibrary().find(QStringLiteral("resolved"));
    FieldValues v{{QStringLiteral("title"), QStringLiteral("Checkout 502s")},
                  {QStringLiteral("status"), QStringLiteral("RESOLVED")},
                  {QStringLiteral("severity"), QStringLiteral("P1")},
                  {QStringLiteral("duration"), QStringLiteral("1h 05m")},
                  {QStringLiteral("root_cause"), QStringLiteral("- bad config push\n- no canary")},
                  {QStringLiteral("resolution"), QStringLiteral("Rolled back to v41")},
                  {QStringLiteral("message"), QStringLiteral("This incident has been resolved.")}};
    QCOMPARE(UpdateRenderer::render(*t, v, TextFormat::Plain),
             QStringLiteral("Incident resolved: Checkout 502s\n"
                            "--------------------------------\n"
                            "Status: RESOLVED\n"
                            "Severity: P1\n"
                            "Duration: 1h 05m\n"
                            "Root Cause:\n"
                            "- bad config push\n"
                            "- no canary\n"
                            "Resolution: Rolled back to v41\n"
                            "\n"
                            "This incident has been resolved."));
    QCOMPARE(UpdateRenderer::render(*t, v, TextFormat::Markdown),
             QStringLiteral("### Incident resolved: Checkout 502s\n"
                            "\n"
                            "- **Status:** RESOLVED\n"
                            "- **Severity:** P1\n"
                            "- **Duration:** 1h 05m\n"
                            "- **Root Cause:**\n"
                            "  - bad config push\n"
                            "  - no canary\n"
                            "- **Resolution:** Rolled back to v41\n"
                            "\n"
                            "This incident has been resolved."));
    QCOMPARE(UpdateRenderer::render(*t, v, TextFormat::Slack, UpdateRenderer::Options{false}),
             QStringLiteral("*Status:* RESOLVED\n"
                            "*Severity:* P1\n"
                            "*Duration:* 1h 05m\n"
                            "*Root Cause:*\n"
                            "- bad config push\n"
                            "- no canary\n"
                            "*Resolution:* Rolled back to v41\n"
                            "\n"
                            "This incident has been resolved."));
}

void TstUpdateRenderer::escaping()
{
    const UpdateTemplate t(QStringLiteral("t"), {}, {}, QStringLiteral("Impact: {{impact}}\nLink: {{link}}"));
    const FieldValues v{{QStringLiteral("impact"), QStringLiteral("<b>checkout_v2</b> & *cart*")},
                        {QStringLiteral("link"), QStringLiteral("https://x.example/a_b?c=1&d=2")}};
    QCOMPARE(UpdateRenderer::render(t, v, TextFormat::Slack),
             QStringLiteral("*Impact:* &lt;b&gt;checkout_v2&lt;/b&gt; &amp; *cart*\n"
                            "*Link:* https://x.example/a_b?c=1&amp;d=2"));
    QCOMPARE(UpdateRenderer::render(t, v, TextFormat::Markdown),
             QStringLiteral("- **Impact:** <b>checkout\\_v2</b> & \\*cart\\*\n"
                            "- **Link:** https://x.example/a_b?c=1&d=2"));
    QCOMPARE(UpdateRenderer::render(t, v, TextFormat::Plain),
             QStringLiteral("Impact: <b>checkout_v2</b> & *cart*\nLink: https://x.example/a_b?c=1&d=2"));
}

void TstUpdateRenderer::fillerUsesIncidentAndLastDraft()
{
    auto events = CommsFixtures::declaredEvents();
    events << makeEvent(EventKind::StatusChange, at("07:20:00").toMSecsSinceEpoch(), QStringLiteral("alice"),
                        QStringLiteral("status"),
                        {{QStringLiteral("from"), QStringLiteral("investigating")},
                         {QStringLiteral("to"), QStringLiteral("identified")}});
    const Incident incident = Incident::fromEvents(events);
    DraftFiller::Context ctx;
    ctx.incident = &incident;
    ctx.now = at("07:35:30");
    ctx.lastDraft = {{QStringLiteral("status"), QStringLiteral("INVESTIGATING")},
                     {QStringLiteral("impact"), QStringLiteral("EU checkout down")},
                     {QStringLiteral("message"), QStringLiteral("Looking at the gateway.")},
                     {QStringLiteral("severity"), QStringLiteral("P2")}};
    const auto t = TemplateLibrary().find(QStringLiteral("update"));
    FieldValues v = DraftFiller::fill(*t, ctx);
    QCOMPARE(v.value(QStringLiteral("status")), QStringLiteral("IDENTIFIED"));
    QCOMPARE(v.value(QStringLiteral("severity")), QStringLiteral("P1")); // the incident wins over the draft
    QCOMPARE(v.value(QStringLiteral("impact")), QStringLiteral("EU checkout down"));
    QCOMPARE(v.value(QStringLiteral("duration")), QStringLiteral("45m 30s")); // live, from 06:50 impact start
    // New status: the stock sentence replaces the old message.
    QCOMPARE(v.value(QStringLiteral("message")),
             QStringLiteral("The issue has been identified and a fix is being implemented."));
    QCOMPARE(v.value(QStringLiteral("next_update")), QString());
    // Same status: the commander's own words stay.
    ctx.lastDraft.insert(QStringLiteral("status"), QStringLiteral("IDENTIFIED"));
    v = DraftFiller::fill(*t, ctx);
    QCOMPARE(v.value(QStringLiteral("message")), QStringLiteral("Looking at the gateway."));

    // The last published update's fields come back from the journal.
    events << makeEvent(
        EventKind::UpdatePublished, at("07:36:00").toMSecsSinceEpoch(), QStringLiteral("alice"),
        QStringLiteral("u"),
        {{QStringLiteral("fields"), QJsonObject{{QStringLiteral("impact"), QStringLiteral("X")}}}});
    QCOMPARE(DraftFiller::lastPublishedFields(events).value(QStringLiteral("impact")), QStringLiteral("X"));
}

void TstUpdateRenderer::stockSentencesEditable()
{
    StockSentences s;
    QCOMPARE(s.sentence(Status::Investigating), QStringLiteral("We are currently investigating this issue."));
    s.setSentence(Status::Monitoring, QStringLiteral("Fix deployed; watching error rates."));
    QVERIFY(!s.isDefault(Status::Monitoring));
    const StockSentences back = StockSentences::fromJson(s.toJson());
    QCOMPARE(back.sentence(Status::Monitoring), QStringLiteral("Fix deployed; watching error rates."));
    QCOMPARE(back.sentence(Status::Resolved), QStringLiteral("This incident has been resolved."));
    s.setSentence(Status::Monitoring, QString());
    QVERIFY(s.isDefault(Status::Monitoring));
}

void TstUpdateRenderer::userTemplateFiles()
{
    QTemporaryDir dir;
    auto write = [&](const char *name, const QByteArray &data) {
        QFile f(dir.filePath(QLatin1String(name)));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(data);
    };
    write("db.txt", "# DB incident: {{title}}\nReplica lag: {{replica_lag}}\nAction: {{action_taken}}\n");
    write(
        "initial.json",
        R"({"name": "initial", "title": "Our initial", "fields": ["title"], "body": "Hello {{title}} {{extra}}"})");
    TemplateLibrary lib;
    const auto errors = lib.loadDirectory(dir.path());
    QVERIFY2(errors.isEmpty(), qPrintable(errors.value(0).text()));
    const auto db = lib.find(QStringLiteral("db"));
    QVERIFY(db);
    QCOMPARE(db->title(), QStringLiteral("DB incident: {{title}}"));
    QCOMPARE(db->fields().size(), 3);
    QCOMPARE(db->fields()[1].label, QStringLiteral("Replica lag"));
    QCOMPARE(db->origin(), TemplateOrigin::User);
    // A file template replaces the built-in with its name; undeclared placeholders become fields.
    const auto initial = lib.find(QStringLiteral("initial"));
    QCOMPARE(initial->title(), QStringLiteral("Our initial"));
    QCOMPARE(initial->placeholders(), (QStringList{QStringLiteral("title"), QStringLiteral("extra")}));
    QVERIFY(initial->field(QStringLiteral("extra")));
    QCOMPARE(lib.templates().size(), 5);
}

void TstUpdateRenderer::userConfigDirIsSearched()
{
    QTemporaryDir config;
    const QByteArray before = qgetenv("XDG_CONFIG_HOME");
    qputenv("XDG_CONFIG_HOME", config.path().toUtf8());
    const QStringList dirs = TemplateLibrary::defaultDirectories(QStringLiteral("/nonexistent/share/sitrep"));
    qputenv("XDG_CONFIG_HOME", before);
    const QString mine = config.filePath(QStringLiteral("sitrep/templates"));
    QVERIFY2(dirs.contains(mine), qPrintable(dirs.join(QLatin1Char(' '))));
    QVERIFY(QDir().mkpath(mine));
    QFile f(mine + QStringLiteral("/customer.txt"));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("# Customer notice: {{title}}\nWhat you may notice: {{customer_impact}}\n");
    f.close();
    TemplateLibrary lib;
    for (const QString &d : dirs)
        QVERIFY(lib.loadDirectory(d).isEmpty());
    const auto t = lib.find(QStringLiteral("customer"));
    QVERIFY(t);
    QCOMPARE(t->origin(), TemplateOrigin::User);
    QCOMPARE(
        UpdateRenderer::render(*t,
                               {{QStringLiteral("title"), QStringLiteral("Checkout 502s")},
                                {QStringLiteral("customer_impact"), QStringLiteral("Payment errors")}},
                               TextFormat::Markdown),
        QStringLiteral("### Customer notice: Checkout 502s\n\n- **What you may notice:** Payment errors"));
}

void TstUpdateRenderer::tacticalRenders_data()
{
    QTest::addColumn<int>("format");
    QTest::addColumn<QString>("expected");
    QTest::newRow("plain") << int(TextFormat::Plain)
                           << QStringLiteral("Tactical update: Checkout 502s (P1)\n"
                                             "-----------------------------------\n"
                                             "Conditions: v2 pods crash-loop on pg_hba.conf\n"
                                             "Actions: Rolling back to revision 3\n"
                                             "Needs: DBA to confirm the pg_hba change\n"
                                             "Next update: 07:30 UTC");
    QTest::newRow("slack") << int(TextFormat::Slack)
                           << QStringLiteral("*Tactical update: Checkout 502s (P1)*\n"
                                             "*Conditions:* v2 pods crash-loop on pg_hba.conf\n"
                                             "*Actions:* Rolling back to revision 3\n"
                                             "*Needs:* DBA to confirm the pg_hba change\n"
                                             "*Next update:* 07:30 UTC");
}

void TstUpdateRenderer::tacticalRenders()
{
    // For responders, in the Conditions / Actions / Needs form.
    QFETCH(int, format);
    QFETCH(QString, expected);
    const auto t = TemplateLibrary().find(QStringLiteral("tactical"));
    QVERIFY(t);
    const FieldValues v{{QStringLiteral("title"), QStringLiteral("Checkout 502s")},
                        {QStringLiteral("severity"), QStringLiteral("P1")},
                        {QStringLiteral("conditions"), QStringLiteral("v2 pods crash-loop on pg_hba.conf")},
                        {QStringLiteral("actions"), QStringLiteral("Rolling back to revision 3")},
                        {QStringLiteral("needs"), QStringLiteral("DBA to confirm the pg_hba change")},
                        {QStringLiteral("next_update"), QStringLiteral("07:30 UTC")}};
    QCOMPARE(UpdateRenderer::render(*t, v, static_cast<TextFormat>(format)), expected);
}

void TstUpdateRenderer::badTemplateFilesNameTheLine_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("whereSuffix");
    QTest::addColumn<QString>("message");
    QTest::newRow("unclosed") << QStringLiteral("a.txt")
                              << QByteArray("# T\nStatus: {{status}}\nImpact: {{impact\n")
                              << QStringLiteral("a.txt:3") << QStringLiteral("unclosed placeholder");
    QTest::newRow("bad key") << QStringLiteral("b.txt") << QByteArray("Who: {{the commander}}\n")
                             << QStringLiteral("b.txt:1") << QStringLiteral("is not a field name");
    QTest::newRow("bad json") << QStringLiteral("c.json") << QByteArray("{\n\"name\": \"x\",\n\"body\": }\n")
                              << QStringLiteral("c.json:3") << QStringLiteral("invalid JSON");
    QTest::newRow("no name") << QStringLiteral("d.json") << QByteArray(R"({"body": "x {{y}}"})")
                             << QStringLiteral("d.json") << QStringLiteral("no \"name\"");
}

void TstUpdateRenderer::badTemplateFilesNameTheLine()
{
    QFETCH(QString, file);
    QFETCH(QByteArray, content);
    QFETCH(QString, whereSuffix);
    QFETCH(QString, message);
    QTemporaryDir dir;
    QFile f(dir.filePath(file));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(content);
    f.close();
    TemplateLibrary lib;
    const auto errors = lib.loadDirectory(dir.path());
    QCOMPARE(errors.size(), 1);
    QVERIFY2(errors[0].where.endsWith(whereSuffix), qPrintable(errors[0].where));
    QVERIFY2(errors[0].message.contains(message), qPrintable(errors[0].message));
    QCOMPARE(lib.templates().size(), 4); // the built-ins are untouched
}

void TstUpdateRenderer::bundledTemplatesLoad()
{
    TemplateLibrary lib;
    const QString dir = Sitrep::Test::sourceDir() + QStringLiteral("/resources/templates");
    const auto errors = lib.loadDirectory(dir);
    QVERIFY2(errors.isEmpty(), qPrintable(errors.value(0).text()));
    QVERIFY(lib.find(QStringLiteral("customer-facing")));
    QVERIFY(lib.find(QStringLiteral("executive-summary")));
    QCOMPARE(TemplateLibrary::defaultDirectories(QStringLiteral("/opt/sitrep/share")).first(),
             QStringLiteral("/opt/sitrep/share/templates"));
}

void TstUpdateRenderer::runbookTemplate()
{
    // As the runbook module hands over the deeptech runbook's INCIDENT TEMPLATE block.
    RunbookTemplateSpec spec{
        QStringLiteral("INCIDENT TEMPLATE:"),
        {{QStringLiteral("Status"), QStringLiteral("INVESTIGATING / IDENTIFIED / MONITORING / RESOLVED")},
         {QStringLiteral("Severity"), QStringLiteral("P0 / P1 / P2 / P3")},
         {QStringLiteral("Service"), QStringLiteral("DeepTech Radar API")},
         {QStringLiteral("Impact"), QStringLiteral("[Brief description of user impact]")},
         {QStringLiteral("Start Time"), QStringLiteral("[Timestamp]")},
         {QStringLiteral("Updates"), QStringLiteral("[Link to status page or communication channel]")}},
        QStringLiteral("deeptech-api-incident-response.md")};
    TemplateLibrary lib;
    lib.addRunbookTemplates({spec});
    const auto t = lib.find(QStringLiteral("runbook:incident-template"));
    QVERIFY(t);
    QCOMPARE(t->origin(), TemplateOrigin::Runbook);
    QCOMPARE(t->placeholders(), (QStringList{QStringLiteral("status"), QStringLiteral("severity"),
                                             QStringLiteral("service"), QStringLiteral("impact"),
                                             QStringLiteral("start_time"), QStringLiteral("updates_link")}));
    const Incident incident = Incident::fromEvents(CommsFixtures::declaredEvents());
    DraftFiller::Context ctx;
    ctx.incident = &incident;
    ctx.now = at("07:05:00");
    FieldValues v = DraftFiller::fill(*t, ctx);
    // The incident's service wins over the runbook's fixed value; hints never become text.
    QCOMPARE(v.value(QStringLiteral("service")), QStringLiteral("api-gateway"));
    QCOMPARE(v.value(QStringLiteral("impact")), QString());
    QCOMPARE(UpdateRenderer::render(*t, v, TextFormat::Plain),
             QStringLiteral("INCIDENT TEMPLATE\n-----------------\nStatus: INVESTIGATING\nSeverity: P1\n"
                            "Service: api-gateway\nStart Time: 2026-11-23 06:50 UTC"));
}

void TstUpdateRenderer::composeCarriesAllFormats()
{
    const auto t = TemplateLibrary().find(QStringLiteral("initial"));
    const NotifierUpdate u = UpdateComposer::compose(*t, initialValues());
    QCOMPARE(u.heading, QStringLiteral("Incident: Checkout 502s"));
    QCOMPARE(u.status, QStringLiteral("investigating"));
    QCOMPARE(u.severity, QStringLiteral("P1"));
    QVERIFY(u.plainText.startsWith(QStringLiteral("Incident: Checkout 502s\n---")));
    QVERIFY(u.markdown.startsWith(QStringLiteral("### ")));
    QVERIFY(u.slack.startsWith(QStringLiteral("*Incident: Checkout 502s*\n")));
    QVERIFY(u.slackBody.startsWith(QStringLiteral("*Status:* INVESTIGATING\n")));
    QCOMPARE(u.fields.value(QStringLiteral("impact")).toString(),
             QStringLiteral("Customers cannot check out (EU)"));
}

QTEST_GUILESS_MAIN(TstUpdateRenderer)
#include "tst_updaterenderer.moc"
