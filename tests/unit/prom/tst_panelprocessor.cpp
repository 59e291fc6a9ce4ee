// PanelProcessor and PanelRepeater: what a panel draws from Prometheus answers, as Grafana computes it. Time
// series named by their legends with overrides applied and hidden series kept out; table queries as frames
// ("Value #A" when several), merged and organized into one table with column units; stat values with the
// author's reduction and the range of all fields; state timeline runs; repeated panels laid out per value.
#include "prom/PanelProcessor.h"
#include "prom/PanelRepeater.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Sitrep::Prom;
using namespace Qt::StringLiterals;

namespace {

QJsonObject json(const char *text)
{
    return QJsonDocument::fromJson(QByteArray(text)).object();
}

RangeSeries series(const Labels &labels, const QVector<double> &values, double startMs = 1000,
                   double stepMs = 1000)
{
    RangeSeries s;
    s.labels = labels;
    for (int i = 0; i < values.size(); ++i)
        s.timesMs << startMs + i * stepMs;
    s.values = values;
    return s;
}

QueryResult result(const QString &refId, const QString &legend, const QList<RangeSeries> &list,
                   const QString &format = QStringLiteral("time_series"), bool instant = false)
{
    QueryResult r;
    r.refId = refId;
    r.expr = QStringLiteral("up");
    r.legendFormat = legend;
    r.format = format;
    r.instant = instant;
    r.series = list;
    return r;
}

FieldOverride overrideOf(const char *text)
{
    const QJsonObject o = json(text);
    return {FieldMatcher::fromJson(o.value(QLatin1String("matcher")).toObject()),
            FieldConfig::fromProperties(o.value(QLatin1String("properties")).toArray())};
}

} // namespace

class TstPanelProcessor final : public QObject
{
    Q_OBJECT

private slots:
    void seriesNames();
    void timeSeriesWithOverridesAndHiddenSeries();
    void tableQueriesMergedAndOrganized();
    void singleTableQueryIsValue();
    void instantTableTakesTheLastSample();
    void statReducesWithTheAuthorsCalc();
    void statRangeSpansAllFields();
    void statAllValues();
    void stateTimelineRuns();
    void repeatHorizontal();
    void repeatVerticalPushesPanelsBelow();
    void repeatSingleValue();
};

void TstPanelProcessor::seriesNames()
{
    const Labels l{{QStringLiteral("instance"), QStringLiteral("n1:9100")},
                   {QStringLiteral("mode"), QStringLiteral("idle")}};
    QCOMPARE(PanelProcessor::seriesName(QStringLiteral("{{mode}} on {{instance}}"), l, QStringLiteral("x")),
             QStringLiteral("idle on n1:9100"));
    QCOMPARE(PanelProcessor::seriesName(QString(), l, QStringLiteral("x")),
             QStringLiteral("{instance=\"n1:9100\", mode=\"idle\"}"));
    QCOMPARE(PanelProcessor::seriesName(QStringLiteral("__auto"), {}, QStringLiteral("sum(up)")),
             QStringLiteral("sum(up)"));
}

void TstPanelProcessor::timeSeriesWithOverridesAndHiddenSeries()
{
    Panel p;
    p.field = FieldConfig::fromDefaults(json(R"({"unit": "bytes", "custom": {"fillOpacity": 10}})"));
    p.overrides << overrideOf(R"({"matcher": {"id": "byRegexp", "options": "/transmit/"}, "properties": [
                      {"id": "custom.transform", "value": "negative-Y"}, {"id": "unit", "value": "bps"}]})")
                << overrideOf(R"({"matcher": {"id": "byName", "options": "lo receive"}, "properties": [
                      {"id": "custom.hideFrom", "value": {"viz": true, "legend": true, "tooltip": true}}]})");
    const auto frames = PanelProcessor::frames(
        p, {result(QStringLiteral("A"), QStringLiteral("{{device}} receive"),
                   {series({{QStringLiteral("device"), QStringLiteral("eth0")}}, {1, 2}),
                    series({{QStringLiteral("device"), QStringLiteral("lo")}}, {3, 4})}),
            result(QStringLiteral("B"), QStringLiteral("{{device}} transmit"),
                   {series({{QStringLiteral("device"), QStringLiteral("eth0")}}, {5, 6})})});
    QCOMPARE(frames.size(), 3);
    const auto drawn = PanelProcessor::timeSeries(p, frames);
    QCOMPARE(drawn.size(), 3);
    QCOMPARE(drawn[0].name, QStringLiteral("eth0 receive"));
    QCOMPARE(*drawn[0].config.unit, QStringLiteral("bytes"));
    QCOMPARE(*drawn[0].config.fillOpacity, 10.0);
    QVERIFY(drawn[1].config.hideFromViz.value_or(false)); // the time series panel leaves it out
    QCOMPARE(drawn[2].name, QStringLiteral("eth0 transmit"));
    QCOMPARE(drawn[2].refId, QStringLiteral("B"));
    QVERIFY(drawn[2].config.negativeY.value_or(false));
    QCOMPARE(*drawn[2].config.unit, QStringLiteral("bps"));
    QVERIFY(drawn[0].color != drawn[2].color); // classic palette by position
}

// Node Exporter Full's and many dashboards' "table" panels: several instant table queries, merged on their
// labels, organized (columns hidden, renamed, ordered), with units per column from overrides.
void TstPanelProcessor::tableQueriesMergedAndOrganized()
{
    Panel p;
    p.type = PanelType::Table;
    p.transformations << Transformation{QStringLiteral("merge"), {}, false}
                      << Transformation{QStringLiteral("organize"), json(R"({"excludeByName": {"Time": true},
                                                  "renameByName": {"Value #A": "Size", "Value #B": "Used", "mountpoint": "Mounted on"},
                                                  "indexByName": {"mountpoint": 0, "Value #A": 1, "Value #B": 2}})"),
                                        false};
    p.overrides
        << overrideOf(
               R"({"matcher": {"id": "byName", "options": "Size"}, "properties": [{"id": "unit", "value": "bytes"}]})")
        << overrideOf(
               R"({"matcher": {"id": "byName", "options": "Used"}, "properties": [{"id": "unit", "value": "percentunit"}]})");
    const Labels root{{QStringLiteral("mountpoint"), QStringLiteral("/")}};
    const Labels boot{{QStringLiteral("mountpoint"), QStringLiteral("/boot")}};
    const auto frames = PanelProcessor::frames(
        p, {result(QStringLiteral("A"), QString(), {series(root, {100e9}), series(boot, {1e9})},
                   QStringLiteral("table"), true),
            result(QStringLiteral("B"), QString(), {series(boot, {0.2}), series(root, {0.5})},
                   QStringLiteral("table"), true)});
    QCOMPARE(frames.size(), 1);
    const auto tables = PanelProcessor::tables(p, frames);
    QCOMPARE(tables.size(), 1);
    const TableData &t = tables.first();
    QStringList names;
    for (const TableColumn &c : t.columns)
        names << c.name;
    QCOMPARE(names, (QStringList{u"Mounted on"_s, u"Size"_s, u"Used"_s}));
    QCOMPARE(t.rows, 2);
    QCOMPARE(t.columns[0].field.strings, (QStringList{u"/"_s, u"/boot"_s}));
    QCOMPARE(t.columns[2].field.numbers, (QVector<double>{0.5, 0.2})); // joined on the mountpoint
    QCOMPARE(*t.columns[1].config.unit, QStringLiteral("bytes"));
    QCOMPARE(*t.columns[2].config.unit, QStringLiteral("percentunit"));
    QVERIFY(!t.columns[0].config.unit); // a text column has no unit
}

void TstPanelProcessor::singleTableQueryIsValue()
{
    Panel p;
    const auto frames =
        PanelProcessor::frames(p, {result(QStringLiteral("A"), QString(),
                                          {series({{QStringLiteral("job"), QStringLiteral("x")}}, {1, 2})},
                                          QStringLiteral("table"))});
    QCOMPARE(frames.size(), 1);
    QStringList names;
    for (const DataField &f : frames.first().fields)
        names << f.name;
    QCOMPARE(names, (QStringList{u"Time"_s, u"job"_s, u"Value"_s}));
    QCOMPARE(frames.first().rows(), 2); // a range table query: one row per sample
}

void TstPanelProcessor::instantTableTakesTheLastSample()
{
    Panel p;
    const auto frames = PanelProcessor::frames(
        p, {result(QStringLiteral("A"), QString(), {series({}, {1, 2, 3})}, QStringLiteral("table"), true)});
    QCOMPARE(frames.first().rows(), 1);
    QCOMPARE(frames.first().fields.last().numbers, QVector<double>{3});
}

void TstPanelProcessor::statReducesWithTheAuthorsCalc()
{
    Panel p;
    p.type = PanelType::Stat;
    p.reduce.calcs = {QStringLiteral("max")};
    p.field = FieldConfig::fromDefaults(
        json(R"({"unit": "percent", "decimals": 1, "thresholds": {"mode": "absolute",
        "steps": [{"color": "green", "value": null}, {"color": "red", "value": 80}]}})"));
    const auto frames = PanelProcessor::frames(
        p, {result(QStringLiteral("A"), QStringLiteral("cpu"), {series({}, {10, 90, 40})})});
    const auto values = PanelProcessor::reducedValues(p, frames);
    QCOMPARE(values.size(), 1);
    QCOMPARE(values[0].display.text(), QStringLiteral("90.0%"));
    QCOMPARE(values[0].display.color, QStringLiteral("#f2495c"));
    QCOMPARE(values[0].sparkline.size(), 3);
    QCOMPARE(values[0].title, QStringLiteral("cpu"));
    // Several calcs: one value each, titled by the calc.
    p.reduce.calcs = {QStringLiteral("min"), QStringLiteral("mean")};
    const auto two = PanelProcessor::reducedValues(p, frames);
    QCOMPARE(two.size(), 2);
    QCOMPARE(two[0].title, QStringLiteral("cpu Min"));
    QCOMPARE(two[1].display.text(), QStringLiteral("46.7%"));
}

// A gauge without min/max spans the data of all its fields (from 0 when all are positive).
void TstPanelProcessor::statRangeSpansAllFields()
{
    Panel p;
    p.type = PanelType::Gauge;
    const auto frames = PanelProcessor::frames(
        p, {result(QStringLiteral("A"), QStringLiteral("{{n}}"),
                   {series({{QStringLiteral("n"), QStringLiteral("a")}}, {20, 50}),
                    series({{QStringLiteral("n"), QStringLiteral("b")}}, {100, 200})})});
    const auto values = PanelProcessor::reducedValues(p, frames);
    QCOMPARE(values.size(), 2);
    QCOMPARE(values[0].min, 0.0);
    QCOMPARE(values[0].max, 200.0);
    QCOMPARE(values[0].display.percent, 0.25);
    p.field.max = 400;
    QCOMPARE(PanelProcessor::reducedValues(p, frames)[1].display.percent, 0.5);
}

void TstPanelProcessor::statAllValues()
{
    Panel p;
    p.type = PanelType::BarGauge;
    p.reduce.allValues = true;
    p.reduce.limit = 2;
    const auto frames =
        PanelProcessor::frames(p, {result(QStringLiteral("A"), QString(),
                                          {series({{QStringLiteral("pod"), QStringLiteral("a")}}, {1}),
                                           series({{QStringLiteral("pod"), QStringLiteral("b")}}, {2}),
                                           series({{QStringLiteral("pod"), QStringLiteral("c")}}, {3})},
                                          QStringLiteral("table"), true)});
    const auto values = PanelProcessor::reducedValues(p, frames);
    QCOMPARE(values.size(), 2); // the limit
    QCOMPARE(values[0].title, QStringLiteral("a"));
    QCOMPARE(values[1].display.text(), QStringLiteral("2"));
}

void TstPanelProcessor::stateTimelineRuns()
{
    Panel p;
    p.type = PanelType::StateTimeline;
    p.field.mappings = FieldConfig::mappingsFrom(QJsonDocument::fromJson(R"([{"type": "value", "options": {
        "0": {"text": "down", "color": "red"}, "1": {"text": "up", "color": "green"}}}])")
                                                     .array());
    const auto frames = PanelProcessor::frames(
        p, {result(QStringLiteral("A"), QStringLiteral("{{job}}"),
                   {series({{QStringLiteral("job"), QStringLiteral("api")}}, {1, 1, 0, 0, 1}, 0, 1000)})});
    const auto rows = PanelProcessor::stateTimeline(p, frames, 6000);
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows[0].name, QStringLiteral("api"));
    const auto &s = rows[0].segments;
    QCOMPARE(s.size(), 3);
    QCOMPARE(s[0].text, QStringLiteral("up"));
    QCOMPARE(s[0].startMs, 0);
    QCOMPARE(s[0].endMs, 2000);
    QCOMPARE(s[1].text, QStringLiteral("down"));
    QCOMPARE(s[1].color, QStringLiteral("#f2495c"));
    QCOMPARE(s[2].endMs, 6000); // the last state lasts to the range's end
}

void TstPanelProcessor::repeatHorizontal()
{
    Panel a;
    a.title = QStringLiteral("CPU $node");
    a.repeat = QStringLiteral("node");
    a.grid = {0, 0, 24, 6};
    a.maxPerRow = 2;
    Panel below;
    below.title = QStringLiteral("Below");
    below.grid = {0, 6, 24, 6};
    VariableValue v;
    v.values = {QStringLiteral("n1"), QStringLiteral("n2"), QStringLiteral("n3")};
    v.multiFormat = true;
    const auto out = PanelRepeater::expand({a, below}, {{QStringLiteral("node"), v}});
    QCOMPARE(out.size(), 4);
    QCOMPARE(out[0].title, QStringLiteral("CPU n1"));
    QCOMPARE(out[1].title, QStringLiteral("CPU n2"));
    QCOMPARE(out[1].grid.x, 12);
    QCOMPARE(out[1].grid.w, 12);
    QCOMPARE(out[2].grid.y, 6); // the third wraps to a second line
    QCOMPARE(out[3].title, QStringLiteral("Below"));
    QCOMPARE(out[3].grid.y, 12); // pushed down by one line
    // Each copy's queries see only its own value.
    const auto values = PanelRepeater::valuesFor(out[2], {{QStringLiteral("node"), v}});
    QCOMPARE(values.value(QStringLiteral("node")).values, QStringList{QStringLiteral("n3")});
}

void TstPanelProcessor::repeatVerticalPushesPanelsBelow()
{
    Panel a;
    a.title = QStringLiteral("Disk $disk");
    a.repeat = QStringLiteral("disk");
    a.repeatVertical = true;
    a.grid = {0, 0, 12, 5};
    Panel below;
    below.grid = {0, 5, 24, 4};
    VariableValue v;
    v.values = {QStringLiteral("sda"), QStringLiteral("sdb")};
    const auto out = PanelRepeater::expand({a, below}, {{QStringLiteral("disk"), v}});
    QCOMPARE(out.size(), 3);
    QCOMPARE(out[1].grid.y, 5);
    QCOMPARE(out[1].grid.w, 12);
    QCOMPARE(out[2].grid.y, 10);
}

void TstPanelProcessor::repeatSingleValue()
{
    Panel a;
    a.title = QStringLiteral("CPU $node");
    a.repeat = QStringLiteral("node");
    const auto out =
        PanelRepeater::expand({a}, {{QStringLiteral("node"), VariableValue::single(QStringLiteral("n1"))}});
    QCOMPARE(out.size(), 1);
    QCOMPARE(out[0].title, QStringLiteral("CPU n1"));
}

QTEST_GUILESS_MAIN(TstPanelProcessor)
#include "tst_panelprocessor.moc"
