// Dashboard (own format): the bundled service overview loads; errors name file and field; save/load round
// trip.
#include "prom/Dashboard.h"
#include "prom/DashboardLoader.h"
#include "support/TestEnv.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Sitrep::Prom;

class TstDashboard final : public QObject
{
    Q_OBJECT

private slots:
    void multiValueVariables();
    void bundledServiceOverview();
    void runbookBurnThresholdsReplaceTheWorkbooks();
    void errors_data();
    void errors();
    void roundTrip();
    void loadDirectory();
    void userDashboardsOverrideBundled();
};

void TstDashboard::bundledServiceOverview()
{
    const QString path =
        Sitrep::Test::sourceDir() + QStringLiteral("/resources/dashboards/service-overview.json");
    const auto r = DashboardLoader::loadFile(path);
    QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error().text()));
    QVERIFY(!r->fromGrafana);
    QVERIFY(r->notes.isEmpty());
    const Dashboard &d = r->dashboard;
    QCOMPARE(d.title, QStringLiteral("Service overview"));
    QCOMPARE(d.panels.size(), 8);
    QStringList titles;
    for (const Panel &p : d.panels)
        titles << p.title;
    for (const char *t : {"5xx error ratio", "Latency p95 / p99", "Request rate by status",
                          "Pod restarts (last 5 minutes)", "CPU against limit", "Memory against limit",
                          "Error budget burn rate (multiwindow)", "Burn rate now (1h)"})
        QVERIFY2(titles.contains(QLatin1String(t)), t);
    QVERIFY(d.panels[1].targets[0].expr.startsWith(QLatin1String("histogram_quantile(0.95")));
    QVERIFY(d.panels[2].stacked);
    QCOMPARE(d.panels[6].thresholds.size(), 3);
    // The burn-rate panel draws every window of the SRE workbook's pairs: 1h&5m, 6h&30m, 3d&6h (6h shared).
    QStringList windows;
    for (const PanelTarget &t : d.panels[6].targets)
        windows << t.expr.section(QLatin1Char('['), 1, 1).section(QLatin1Char(']'), 0, 0);
    QCOMPARE(windows, (QStringList{QStringLiteral("1h"), QStringLiteral("5m"), QStringLiteral("6h"),
                                   QStringLiteral("30m"), QStringLiteral("3d")}));
    QCOMPARE(d.panels[7].type, PanelType::Stat);
    QVERIFY(d.panels[7].slo.has_value());
    QCOMPARE(d.panels[7].slo->objective, 0.999);
    QCOMPARE(d.variable(QStringLiteral("service"))->value(), QStringLiteral("api-gateway"));
    QCOMPARE(d.variable(QStringLiteral("service"))->type, Variable::Type::Query);
    QCOMPARE(d.scrapeInterval, QStringLiteral("15s"));
}

void TstDashboard::runbookBurnThresholdsReplaceTheWorkbooks()
{
    auto r = DashboardLoader::loadFile(Sitrep::Test::sourceDir() +
                                       QStringLiteral("/resources/dashboards/service-overview.json"));
    QVERIFY(r.ok());
    Dashboard d = r->dashboard;
    QCOMPARE(d.applyBurnThresholds({}), 0);
    const int changed = d.applyBurnThresholds(
        {{0, 0, 14.4, QStringLiteral("critical")}, {0, 0, 3, QStringLiteral("warning")}});
    QCOMPARE(changed, 2); // the multiwindow chart and the stat
    for (const Panel &p : d.panels) {
        if (p.unit != QLatin1String("suffix:x")) {
            QVERIFY(p.thresholds.isEmpty() ||
                    p.thresholds.first().label != QLatin1String("3x warning (runbook)"));
            continue;
        }
        QCOMPARE(p.thresholds.size(), 2);
        QCOMPARE(p.thresholds.at(0).value, 3.0);
        QCOMPARE(p.thresholds.at(0).label, QStringLiteral("3x warning (runbook)"));
        QCOMPARE(p.thresholds.at(0).color, QStringLiteral("#fb8c00"));
        QCOMPARE(p.thresholds.at(1).value, 14.4);
        QCOMPARE(p.thresholds.at(1).color, QStringLiteral("#e53935"));
    }
}

void TstDashboard::errors_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("expected");
    QTest::newRow("not json") << QByteArray("{")
                              << QStringLiteral("d.json: not valid JSON: unterminated object at byte 1");
    QTest::newRow("grafana") << QByteArray(R"({"title":"x","panels":[]})")
                             << QStringLiteral("d.json: not a Sitrep dashboard (no \"sitrepDashboard\": 1); "
                                               "Grafana dashboards are imported instead");
    QTest::newRow("newer")
        << QByteArray(R"({"sitrepDashboard":7,"title":"x","panels":[]})")
        << QStringLiteral("d.json:sitrepDashboard: written for a newer Sitrep (format 7, this one reads 1)");
    QTest::newRow("no title") << QByteArray(R"({"sitrepDashboard":1,"panels":[]})")
                              << QStringLiteral("d.json:title: missing");
    QTest::newRow("no panels") << QByteArray(R"({"sitrepDashboard":1,"title":"x"})")
                               << QStringLiteral("d.json:panels: missing list of panels");
    QTest::newRow("bad type")
        << QByteArray(
               R"({"sitrepDashboard":1,"title":"x","panels":[{"type":"pie","targets":[{"expr":"up"}]}]})")
        << QStringLiteral(
               "d.json:panels[0].type: unknown panel type \"pie\" (timeseries, stat, table, gauge, "
               "bargauge, state-timeline)");
    QTest::newRow("no expr")
        << QByteArray(
               R"({"sitrepDashboard":1,"title":"x","panels":[{"targets":[{"expr":"up"},{"legend":"a"}]}]})")
        << QStringLiteral("d.json:panels[0].targets[1].expr: missing PromQL");
    QTest::newRow("threshold")
        << QByteArray(
               R"({"sitrepDashboard":1,"title":"x","panels":[{"targets":[{"expr":"up"}],"thresholds":[{"value":"high"}]}]})")
        << QStringLiteral("d.json:panels[0].thresholds[0].value: a threshold needs a numeric value");
    QTest::newRow("objective")
        << QByteArray(
               R"({"sitrepDashboard":1,"title":"x","panels":[{"type":"stat","targets":[{"expr":"up"}],"slo":{"objective":99.9}}]})")
        << QStringLiteral(
               "d.json:panels[0].slo.objective: the objective is a ratio between 0 and 1, e.g. 0.999");
    QTest::newRow("range") << QByteArray(R"({"sitrepDashboard":1,"title":"x","range":"soon","panels":[]})")
                           << QStringLiteral("d.json:range: \"soon\" is not a duration like 1h");
    QTest::newRow("query var")
        << QByteArray(
               R"({"sitrepDashboard":1,"title":"x","variables":[{"name":"a","type":"query"}],"panels":[]})")
        << QStringLiteral(
               "d.json:variables[0].query: a query variable needs \"query\": \"label_values(...)\"");
}

void TstDashboard::errors()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, expected);
    const auto r = Dashboard::fromJson(json, QStringLiteral("d.json"));
    QVERIFY(!r.ok());
    QCOMPARE(r.error().text(), expected);
}

void TstDashboard::roundTrip()
{
    const QString path =
        Sitrep::Test::sourceDir() + QStringLiteral("/resources/dashboards/service-overview.json");
    const auto a = Dashboard::fromJson(Sitrep::Test::readFixture(path), path);
    QVERIFY(a.ok());
    const auto b = Dashboard::fromJson(a->toJson(), QStringLiteral("saved"));
    QVERIFY2(b.ok(), b.ok() ? "" : qPrintable(b.error().text()));
    QCOMPARE(b->toJson(), a->toJson());
    QCOMPARE(b->panels.size(), a->panels.size());
    QCOMPARE(b->panels[0].bands.size(), 1);
    QCOMPARE(b->panels[7].slo->periodMs, a->panels[7].slo->periodMs);
}

void TstDashboard::loadDirectory()
{
    const auto all = DashboardLoader::loadDirectory(
        {Sitrep::Test::sourceDir() + QStringLiteral("/resources/dashboards"),
         Sitrep::Test::sourceDir() + QStringLiteral("/tests/unit/prom/fixtures")});
    // service-overview, the two community dashboards bundled for the demo, and the Grafana fixture.
    QCOMPARE(all.size(), 4);
    QCOMPARE(all.first()->dashboard.title, QStringLiteral("Service overview")); // own format first
    for (const auto &r : all)
        QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error().text()));
}

void TstDashboard::userDashboardsOverrideBundled()
{
    // ~/.config/sitrep/dashboards is found through XDG_CONFIG_HOME, as on a user's machine.
    QTemporaryDir home;
    QVERIFY(home.isValid());
    qputenv("XDG_CONFIG_HOME", home.filePath(QStringLiteral("config")).toUtf8());
    const QString bundled = Sitrep::Test::sourceDir() + QStringLiteral("/resources");
    const QStringList dirs = DashboardLoader::defaultDirectories(bundled);
    const QString user = home.filePath(QStringLiteral("config/sitrep/dashboards"));
    QCOMPARE(dirs, (QStringList{bundled + QStringLiteral("/dashboards"), user}));
    QVERIFY(QDir().mkpath(user));
    const auto write = [&user](const QString &name, const QByteArray &json) {
        QFile f(QDir(user).filePath(name));
        return f.open(QIODevice::WriteOnly) && f.write(json) == json.size();
    };
    // Same title as the bundled one under another file name: it takes the bundled one's place.
    QVERIFY(write(QStringLiteral("my-overview.json"),
                  "{\"sitrepDashboard\":1,\"title\":\"Service overview\",\"description\":\"the team's own\", "
                  "\"panels\":[{\"title\":\"up\",\"type\":\"stat\",\"targets\":[{\"expr\":\"up\"}]}]}"));
    QVERIFY(write(QStringLiteral("broken.json"), "{\"sitrepDashboard\":1,"));
    QVERIFY(write(QStringLiteral("queues.json"), "{\"sitrepDashboard\":1,\"title\":\"Queues\",\"panels\":[{"
                                                 "\"title\":\"depth\",\"targets\":[{\"expr\":\"q\"}]}]}"));

    const auto all = DashboardLoader::loadDirectory(dirs);
    QStringList titles;
    QStringList errors;
    for (const auto &r : all) {
        if (r)
            titles << r->dashboard.title;
        else
            errors << r.error().text();
    }
    QCOMPARE(titles,
             (QStringList{QStringLiteral("Service overview"), QStringLiteral("Kubernetes / Views / Pods"),
                          QStringLiteral("Node Exporter Full"), QStringLiteral("Queues")}));
    QCOMPARE(all.first()->dashboard.description, QStringLiteral("the team's own"));
    QCOMPARE(all.first()->path, QDir(user).filePath(QStringLiteral("my-overview.json")));
    QCOMPARE(errors.size(), 1);
    QVERIFY2(
        errors.first().startsWith(QDir(user).filePath(QStringLiteral("broken.json")) + QStringLiteral(": ")),
        qPrintable(errors.first()));

    // Same file name, other title: also an override.
    QVERIFY(QFile::remove(QDir(user).filePath(QStringLiteral("my-overview.json"))));
    QVERIFY(write(QStringLiteral("service-overview.json"),
                  "{\"sitrepDashboard\":1,\"title\":\"Overview, "
                  "ours\",\"panels\":[{\"title\":\"up\",\"targets\":[{\"expr\":\"up\"}]}]}"));
    titles.clear();
    for (const auto &r : DashboardLoader::loadDirectory(dirs)) {
        if (r)
            titles << r->dashboard.title;
    }
    QCOMPARE(titles,
             (QStringList{QStringLiteral("Overview, ours"), QStringLiteral("Kubernetes / Views / Pods"),
                          QStringLiteral("Node Exporter Full"), QStringLiteral("Queues")}));
}

void TstDashboard::multiValueVariables()
{
    Variable v;
    v.name = QStringLiteral("service");
    v.options = {QStringLiteral("api-gateway"), QStringLiteral("payments.api"), QStringLiteral("web")};
    v.multi = true;
    v.includeAll = true;
    v.selected = {QStringLiteral("api-gateway"), QStringLiteral("payments.api")};
    // A regex alternation for =~, its dot escaped for a PromQL string.
    QCOMPARE(v.value(), QStringLiteral("(api-gateway|payments\\\\.api)"));
    v.selected = {QString::fromLatin1(Variable::kAll)};
    QCOMPARE(v.value(), QStringLiteral("(api-gateway|payments\\\\.api|web)"));
    v.allValue = QStringLiteral(".*");
    QCOMPARE(v.value(), QStringLiteral(".*"));
    v.selected.clear();
    QCOMPARE(v.value(), QStringLiteral("api-gateway")); // nothing chosen: the first, as a single value

    // Round trip through Sitrep's own format.
    Dashboard d;
    d.title = QStringLiteral("t");
    v.selected = {QStringLiteral("web")};
    d.variables << v;
    const auto back = Dashboard::fromJson(d.toJson(), QStringLiteral("mem"));
    QVERIFY2(back.ok(), qPrintable(back.ok() ? QString() : back.error().text()));
    const Variable *w = back->variable(QStringLiteral("service"));
    QVERIFY(w && w->multi && w->includeAll);
    QCOMPARE(w->allValue, QStringLiteral(".*"));
    QCOMPARE(w->selected, QStringList{QStringLiteral("web")});
}

QTEST_GUILESS_MAIN(TstDashboard)
#include "tst_dashboard.moc"
