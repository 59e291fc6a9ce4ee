// GrafanaImporter: panels, targets, units, thresholds, variables and rows come across; everything else is
// listed; a JSON that is not a dashboard is refused with a clear sentence.
#include "prom/DashboardLoader.h"
#include "prom/GrafanaImporter.h"
#include "support/TestEnv.h"

#include <QTest>

using namespace Sitrep::Prom;

class TstGrafanaImporter final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void panels();
    void variables();
    void unsupportedListed_data();
    void unsupportedListed();
    void notADashboard_data();
    void notADashboard();
    void oldRowsLayout();

private:
    GrafanaImport m_import;
};

void TstGrafanaImporter::initTestCase()
{
    const QString path =
        Sitrep::Test::sourceDir() + QStringLiteral("/tests/unit/prom/fixtures/grafana-service.json");
    const auto loaded = DashboardLoader::loadFile(path);
    QVERIFY2(loaded.ok(), loaded.ok() ? "" : qPrintable(loaded.error().text()));
    QVERIFY(loaded->fromGrafana);
    m_import.dashboard = loaded->dashboard;
    m_import.unsupported = loaded->notes;
}

void TstGrafanaImporter::panels()
{
    const Dashboard &d = m_import.dashboard;
    QCOMPARE(d.title, QStringLiteral("Service (Grafana)"));
    QCOMPARE(d.defaultRange, QStringLiteral("6h"));
    QCOMPARE(d.refresh, QStringLiteral("10s"));
    QCOMPARE(d.panels.size(), 4); // Requests, Latency (from the collapsed row), CPU (gauge), Pods

    const Panel &req = d.panels[0];
    QCOMPARE(req.type, PanelType::TimeSeries);
    QCOMPARE(req.targets.size(), 1);
    QCOMPARE(req.targets[0].legendFormat, QStringLiteral("{{code}}"));
    QCOMPARE(req.unit, QStringLiteral("reqps"));
    QCOMPARE(req.min.value_or(-1), 0.0);
    QVERIFY(req.stacked);
    QCOMPARE(req.thresholds.size(), 1);
    QCOMPARE(req.thresholds[0].value, 100.0);
    QCOMPARE(req.thresholds[0].color, QStringLiteral("#e02f44"));
    QCOMPARE(req.grid.w, 12);

    const Panel &lat = d.panels[1];
    QCOMPARE(lat.title, QStringLiteral("Latency"));
    QCOMPARE(lat.unit, QStringLiteral("s"));
    QCOMPARE(lat.min.value_or(-1), 0.0);
    QVERIFY(!lat.max);
    QCOMPARE(lat.thresholds.size(), 1);
    QCOMPARE(lat.grid.y, 9);

    const Panel &cpu = d.panels[2];
    QCOMPARE(cpu.type, PanelType::Stat);
    QCOMPARE(cpu.unit, QStringLiteral("percentunit"));
    QCOMPARE(cpu.max.value_or(-1), 1.0);
    QCOMPARE(cpu.thresholds[0].color, QStringLiteral("#ff9830"));

    const Panel &pods = d.panels[3];
    QCOMPARE(pods.type, PanelType::Table);
    QVERIFY(pods.unit.isEmpty());
}

void TstGrafanaImporter::variables()
{
    const Dashboard &d = m_import.dashboard;
    QCOMPARE(d.variables.size(), 4); // job, env, instance, node; interval and datasource are listed instead
    QCOMPARE(d.variable(QStringLiteral("job"))->type, Variable::Type::Constant);
    QCOMPARE(d.variable(QStringLiteral("job"))->value(), QStringLiteral("api"));
    QCOMPARE(d.variable(QStringLiteral("env"))->options,
             (QStringList{QStringLiteral("prod"), QStringLiteral("staging")}));
    QCOMPARE(d.variable(QStringLiteral("env"))->value(), QStringLiteral("staging"));
    const Variable *inst = d.variable(QStringLiteral("instance"));
    QCOMPARE(inst->type, Variable::Type::Query);
    QCOMPARE(inst->query, QStringLiteral("label_values(up{job=\"$job\"}, instance)"));
    QCOMPARE(inst->value(), QStringLiteral("a:9100"));
    QVERIFY(inst->multi); // several values at once: imported, not listed as unsupported
    QCOMPARE(inst->selected, QStringList{QStringLiteral("a:9100")});
    QCOMPARE(d.variable(QStringLiteral("node"))->type, Variable::Type::Constant);
    QCOMPARE(d.variable(QStringLiteral("node"))->value(), QStringLiteral("n1"));
}

void TstGrafanaImporter::unsupportedListed_data()
{
    QTest::addColumn<QString>("sentence");
    const char *expected[] = {
        "panel \"Latency heatmap\" of type heatmap is not supported and was left out",
        "panel \"Logs\" reads from a loki data source; Sitrep only queries Prometheus",
        "panel \"Empty\": query A has no PromQL \"expr\" (another data source?) and was left out",
        "panel \"Empty\" has no Prometheus query and was left out",
        "panel \"Requests\": hidden query B is left out",
        "panel \"Requests\": field overrides are ignored",
        "panel \"Latency\": series overrides (per-series styles, second y axis) are ignored",
        "panel \"CPU\" (gauge) is shown as a stat with thresholds",
        "panel \"CPU\": the stat shows the last value, not \"mean\"",
        "panel \"Pods\": transformations are not applied",
        "panel \"Pods\": unit \"furlongs\" is not known; values are shown as plain numbers",
        "variable $node: only label_values(...) queries are evaluated, not \"query_result(up)\"; it keeps "
        "its saved value \"n1\"",
        "variable $iv of type interval is not supported; $iv stays unexpanded in queries",
        "variable $ds of type datasource is not supported; $ds stays unexpanded in queries",
        "1 annotation queries: Sitrep draws the incident's own timeline events instead",
        "dashboard links are not shown",
    };
    for (const char *s : expected)
        QTest::newRow(s) << QString::fromUtf8(s);
}

void TstGrafanaImporter::unsupportedListed()
{
    QFETCH(QString, sentence);
    QVERIFY2(m_import.unsupported.contains(sentence),
             qPrintable(m_import.unsupported.join(QLatin1Char('\n'))));
}

void TstGrafanaImporter::notADashboard_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("expected");
    QTest::newRow("alertmanager alerts")
        << QByteArray(R"([{"labels":{}}])")
        << QStringLiteral("x.json: is not a Grafana dashboard: the JSON is not an object");
    QTest::newRow("kubernetes manifest")
        << QByteArray(R"({"apiVersion":"v1","kind":"Pod","metadata":{}})")
        << QStringLiteral("x.json: is not a Grafana dashboard: it has no \"panels\" list (its keys: "
                          "apiVersion, kind, metadata)");
    QTest::newRow("broken") << QByteArray("{\"panels\": [")
                            << QStringLiteral("x.json: not valid JSON: unterminated array at byte 12");
}

void TstGrafanaImporter::notADashboard()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, expected);
    const auto r = DashboardLoader::load(json, QStringLiteral("x.json"));
    QVERIFY(!r.ok());
    QCOMPARE(r.error().text(), expected);
}

void TstGrafanaImporter::oldRowsLayout()
{
    const QByteArray json = R"({"title":"old","rows":[{"panels":[{"type":"singlestat","title":"Up","span":6,
        "targets":[{"expr":"up"}],"format":"percent","thresholds":"50,80","colors":["green","yellow","red"]}]}]})";
    const auto r = GrafanaImporter::import(json, QStringLiteral("old.json"));
    QVERIFY(r.ok());
    QCOMPARE(r->dashboard.panels.size(), 1);
    const Panel &p = r->dashboard.panels.first();
    QCOMPARE(p.type, PanelType::Stat);
    QCOMPARE(p.unit, QStringLiteral("percent"));
    QCOMPARE(p.grid.w, 12);
    QCOMPARE(p.thresholds.size(), 2);
    QCOMPARE(p.thresholds[1].color, QStringLiteral("red"));
    QVERIFY(r->unsupported.isEmpty());
}

QTEST_GUILESS_MAIN(TstGrafanaImporter)
#include "tst_grafanaimporter.moc"
