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
    void groupedNotes();
    void fieldConfigAndOverrides();
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
    m_import.skipped = loaded->skipped;
}

void TstGrafanaImporter::panels()
{
    const Dashboard &d = m_import.dashboard;
    QCOMPARE(d.title, QStringLiteral("Service (Grafana)"));
    QCOMPARE(d.defaultRange, QStringLiteral("6h"));
    QCOMPARE(d.refresh, QStringLiteral("10s"));
    QCOMPARE(d.panels.size(), 4); // Requests, Latency (from the collapsed row), CPU (gauge), Pods
    QCOMPARE(d.rows.size(), 1);
    QVERIFY(d.rows[0].collapsed);
    QCOMPARE(d.links.size(), 1);
    QCOMPARE(d.links[0].url, QStringLiteral("https://wiki"));

    const Panel &req = d.panels[0];
    QCOMPARE(req.type, PanelType::TimeSeries);
    QCOMPARE(req.targets.size(), 1); // the hidden query B is not run, as in Grafana
    QCOMPARE(req.targets[0].legendFormat, QStringLiteral("{{code}}"));
    QCOMPARE(req.unit, QStringLiteral("reqps"));
    QCOMPARE(req.min.value_or(-1), 0.0);
    QVERIFY(req.stacked);
    QVERIFY(req.field.thresholds.has_value());
    QCOMPARE(req.field.thresholds->steps.size(), 2);
    QCOMPARE(*req.field.thresholds->steps[1].value, 100.0);
    QCOMPARE(req.field.thresholds->steps[1].color, QStringLiteral("red"));
    QCOMPARE(req.overrides.size(), 1);
    QCOMPARE(req.overrides[0].matcher.option, QStringLiteral("500"));
    QCOMPARE(req.grid.w, 12);
    QCOMPARE(req.row, -1);

    const Panel &lat = d.panels[1];
    QCOMPARE(lat.title, QStringLiteral("Latency"));
    QCOMPARE(lat.grafanaType, QStringLiteral("graph"));
    QCOMPARE(lat.unit, QStringLiteral("s"));
    QCOMPARE(lat.min.value_or(-1), 0.0);
    QVERIFY(!lat.max);
    QCOMPARE(lat.row, 0);
    // The graph panel's threshold becomes a Grafana threshold drawn as a line; its series override puts p99
    // on the right axis in the right axis' unit.
    QVERIFY(lat.field.thresholds.has_value());
    QCOMPARE(*lat.field.thresholds->steps.last().value, 0.5);
    QCOMPARE(lat.field.thresholdsStyle.value_or(ThresholdsStyle::Off), ThresholdsStyle::Line);
    QCOMPARE(lat.overrides.size(), 1);
    QVERIFY(lat.overrides[0].config.axisRight.value_or(false));
    QCOMPARE(lat.overrides[0].config.unit.value_or(QString()), QStringLiteral("short"));
    QCOMPARE(lat.grid.y, 9);

    const Panel &cpu = d.panels[2];
    QCOMPARE(cpu.type, PanelType::Gauge);
    QCOMPARE(cpu.unit, QStringLiteral("percentunit"));
    QCOMPARE(cpu.max.value_or(-1), 1.0);
    QCOMPARE(cpu.reduce.calcs, QStringList{QStringLiteral("mean")}); // the author's reduction, not "last"
    QCOMPARE(cpu.field.thresholds->steps[1].color, QStringLiteral("orange"));

    const Panel &pods = d.panels[3];
    QCOMPARE(pods.type, PanelType::Table);
    QCOMPARE(pods.unit,
             QStringLiteral("furlongs")); // a custom unit: written after the number, as Grafana does
    QCOMPARE(pods.targets[0].format, QStringLiteral("table"));
    QCOMPARE(pods.transformations.size(), 1);
    QCOMPARE(pods.transformations[0].id, QStringLiteral("organize"));
}

void TstGrafanaImporter::variables()
{
    const Dashboard &d = m_import.dashboard;
    QCOMPARE(d.variables.size(), 6);
    QCOMPARE(d.variable(QStringLiteral("job"))->type, Variable::Type::Constant);
    QCOMPARE(d.variable(QStringLiteral("job"))->value(), QStringLiteral("api"));
    QCOMPARE(d.variable(QStringLiteral("env"))->options,
             (QStringList{QStringLiteral("prod"), QStringLiteral("staging")}));
    QCOMPARE(d.variable(QStringLiteral("env"))->value(), QStringLiteral("staging"));
    const Variable *inst = d.variable(QStringLiteral("instance"));
    QCOMPARE(inst->type, Variable::Type::Query);
    QCOMPARE(inst->query, QStringLiteral("label_values(up{job=\"$job\"}, instance)"));
    QVERIFY(inst->multi);
    QCOMPARE(inst->selected, QStringList{QStringLiteral("a:9100")});
    // query_result() is a query Sitrep asks Prometheus, like Grafana.
    QCOMPARE(d.variable(QStringLiteral("node"))->type, Variable::Type::Query);
    QCOMPARE(d.variable(QStringLiteral("node"))->query, QStringLiteral("query_result(up)"));
    QCOMPARE(d.variable(QStringLiteral("iv"))->type, Variable::Type::Interval);
    QCOMPARE(d.variable(QStringLiteral("iv"))->options,
             (QStringList{QStringLiteral("1m"), QStringLiteral("5m")}));
    QCOMPARE(d.variable(QStringLiteral("ds"))->type, Variable::Type::Datasource);
}

void TstGrafanaImporter::unsupportedListed_data()
{
    QTest::addColumn<QString>("sentence");
    for (const char *s :
         {"annotations Deploys are not queried; the charts mark the incident's own timeline events instead",
          "\"Latency heatmap\" (heatmap) is not drawn",
          "\"Logs\" reads from a loki data source and is not drawn",
          "\"Empty\" has no Prometheus query and is not drawn"})
        QTest::newRow(s) << QString::fromUtf8(s);
}

void TstGrafanaImporter::unsupportedListed()
{
    QFETCH(QString, sentence);
    QVERIFY2(m_import.unsupported.contains(sentence),
             qPrintable(m_import.unsupported.join(QLatin1Char('\n'))));
    // Nothing more: units, gauges, overrides, transformations, variables and links all came across.
    QCOMPARE(m_import.unsupported.size(), 4);
}

void TstGrafanaImporter::groupedNotes()
{
    // Alike approximations make one sentence naming the panels, so the line above the panels stays short.
    const QByteArray json = R"({"title":"g","panels":[
        {"type":"heatmap","title":"A","targets":[{"expr":"x"}]},
        {"type":"heatmap","title":"B","targets":[{"expr":"y"}]},
        {"type":"heatmap","title":"C","targets":[{"expr":"z"}]}]})";
    const auto r = GrafanaImporter::import(json, QStringLiteral("g.json"));
    QVERIFY(r.ok());
    QCOMPARE(r->unsupported.size(), 2); // the heatmaps, and "no panel could be imported"
    QCOMPARE(r->unsupported.first(), QStringLiteral("3 heatmap panels are not drawn: \"A\", \"B\", \"C\""));
    QCOMPARE(r->skipped.size(), 3);
}

void TstGrafanaImporter::fieldConfigAndOverrides()
{
    const QByteArray json = R"({"title":"f","panels":[{"type":"timeseries","title":"Net","targets":[
        {"expr":"rx","legendFormat":"rx {{device}}","refId":"A"},{"expr":"tx","legendFormat":"tx {{device}}","refId":"B"}],
      "fieldConfig":{"defaults":{"unit":"binBps","decimals":1,"custom":{"drawStyle":"bars","fillOpacity":30,
          "gradientMode":"opacity","stacking":{"mode":"percent","group":"A"},"thresholdsStyle":{"mode":"area"}},
        "thresholds":{"mode":"percentage","steps":[{"color":"green","value":null},{"color":"red","value":80}]},
        "mappings":[{"type":"special","options":{"match":"null","result":{"text":"N/A"}}},
                    {"type":"range","options":{"from":0,"to":1,"result":{"text":"low","color":"blue"}}},
                    {"type":"regex","options":{"pattern":"/^eth(.*)/","result":{"text":"nic $1"}}}]},
        "overrides":[{"matcher":{"id":"byRegexp","options":"/^tx.*/"},"properties":[{"id":"custom.transform","value":"negative-Y"},
            {"id":"color","value":{"mode":"fixed","fixedColor":"dark-red"}},{"id":"custom.hideFrom","value":{"viz":true,"legend":false}}]},
          {"matcher":{"id":"byFrameRefID","options":"A"},"properties":[{"id":"displayName","value":"received"},{"id":"min","value":0},
            {"id":"custom.stacking","value":{"group":false,"mode":"normal"}}]}]}}]})";
    const auto r = GrafanaImporter::import(json, QStringLiteral("f.json"));
    QVERIFY(r.ok());
    QVERIFY2(r->unsupported.isEmpty(), qPrintable(r->unsupported.join(QLatin1Char('\n'))));
    const Panel &p = r->dashboard.panels.first();
    QCOMPARE(p.unit, QStringLiteral("binBps"));
    QCOMPARE(p.decimals, 1);
    QCOMPARE(*p.field.drawStyle, DrawStyle::Bars);
    QCOMPARE(*p.field.fillOpacity, 30.0);
    QCOMPARE(*p.field.gradientMode, GradientMode::Opacity);
    QCOMPARE(*p.field.stacking, StackingMode::Percent);
    QCOMPARE(*p.field.thresholdsStyle, ThresholdsStyle::Area);
    QCOMPARE(p.field.thresholds->mode, Thresholds::Mode::Percentage);
    QCOMPARE(p.field.mappings->size(), 3);
    // Overrides match by regex on the display name and by query.
    const FieldConfig tx = p.configFor(QStringLiteral("tx eth0"), QStringLiteral("B"));
    QVERIFY(tx.negativeY.value_or(false));
    QVERIFY(tx.hideFromViz.value_or(false));
    QCOMPARE(tx.color->fixedColor, QStringLiteral("dark-red"));
    const FieldConfig rx = p.configFor(QStringLiteral("rx eth0"), QStringLiteral("A"));
    QVERIFY(!rx.negativeY.value_or(false));
    QCOMPARE(rx.displayName.value_or(QString()), QStringLiteral("received"));
    QCOMPARE(rx.min.value_or(-1), 0.0);
    QCOMPARE(rx.unit.value_or(QString()), QStringLiteral("binBps"));
    // A group that is not text (Node Exporter Full's "Total": false) is a stack of its own, as in Grafana.
    QCOMPARE(rx.stackGroup.value_or(QString()), QStringLiteral("false"));
    QCOMPARE(tx.stackGroup.value_or(QString()), QStringLiteral("A"));
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
    // The singlestat's "50,80" and three colours become Grafana threshold steps; its default reduction is
    // the average.
    QCOMPARE(p.field.thresholds->steps.size(), 3);
    QCOMPARE(p.field.thresholds->steps[2].color, QStringLiteral("red"));
    QCOMPARE(*p.field.thresholds->steps[1].value, 50.0);
    QCOMPARE(p.reduce.calcs, QStringList{QStringLiteral("mean")});
    QVERIFY(r->unsupported.isEmpty());
}

QTEST_GUILESS_MAIN(TstGrafanaImporter)
#include "tst_grafanaimporter.moc"
