// FieldConfig and DisplayProcessor: Grafana's fieldConfig as dashboards write it (defaults, custom draw
// options, overrides by name, regex, query and type) and values as panels show them: value mappings (value,
// range, regex, special) before the unit, thresholds absolute and in percent of min..max, colour modes.
#include "prom/Dashboard.h"
#include "prom/DisplayProcessor.h"
#include "prom/FieldConfig.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Sitrep::Prom;

namespace {

QJsonObject json(const char *text)
{
    return QJsonDocument::fromJson(QByteArray(text)).object();
}

QJsonArray jsonArray(const char *text)
{
    return QJsonDocument::fromJson(QByteArray(text)).array();
}

const QString kGreen = QStringLiteral("#73bf69");
const QString kRed = QStringLiteral("#f2495c");

} // namespace

class TstDisplayProcessor final : public QObject
{
    Q_OBJECT

private slots:
    void defaultsAndCustomOptions();
    void unknownOptionsAreNamed();
    void thresholdsAbsolute();
    void thresholdsPercentage();
    void valueMappings_data();
    void valueMappings();
    void textMappings();
    void oldFlatMappings();
    void noValue();
    void decimalsAndUnit();
    void colorModes();
    void overrides_data();
    void overrides();
    void hideOthers();
    void byNameMatchesTheFieldsOwnName();
    void jsRegexRules();
};

void TstDisplayProcessor::defaultsAndCustomOptions()
{
    const FieldConfig c = FieldConfig::fromDefaults(json(R"({
        "unit": "bytes", "decimals": 2, "min": 0, "max": "100", "displayName": "Used",
        "color": {"mode": "fixed", "fixedColor": "dark-red"},
        "custom": {"drawStyle": "bars", "fillOpacity": 30, "gradientMode": "opacity", "lineWidth": 2,
                   "stacking": {"mode": "percent", "group": "B"}, "thresholdsStyle": {"mode": "line+area"},
                   "transform": "negative-Y", "axisPlacement": "right", "lineInterpolation": "stepAfter",
                   "hideFrom": {"viz": true, "legend": false, "tooltip": false}}})"));
    QCOMPARE(*c.unit, QStringLiteral("bytes"));
    QCOMPARE(*c.decimals, 2);
    QCOMPARE(*c.min, 0.0);
    QCOMPARE(*c.max, 100.0); // Grafana accepts numbers written as text
    QCOMPARE(*c.displayName, QStringLiteral("Used"));
    QCOMPARE(c.color->mode, QStringLiteral("fixed"));
    QVERIFY(*c.drawStyle == DrawStyle::Bars);
    QCOMPARE(*c.fillOpacity, 30.0);
    QVERIFY(*c.gradientMode == GradientMode::Opacity);
    QVERIFY(*c.stacking == StackingMode::Percent);
    QCOMPARE(*c.stackGroup, QStringLiteral("B"));
    QVERIFY(*c.thresholdsStyle == ThresholdsStyle::LineAndArea);
    QVERIFY(*c.negativeY);
    QVERIFY(*c.axisRight);
    QVERIFY(*c.lineInterpolation == LineInterpolation::StepAfter);
    QVERIFY(*c.hideFromViz);
    QVERIFY(c.ignored.isEmpty());
}

void TstDisplayProcessor::unknownOptionsAreNamed()
{
    const FieldConfig c = FieldConfig::fromDefaults(
        json(R"({"custom": {"scaleDistribution": {"type": "log", "log": 2}}, "links": [{"url": "x"}]})"));
    QVERIFY2(c.ignored.contains(QStringLiteral("custom.scaleDistribution")),
             qPrintable(c.ignored.join(QLatin1Char(','))));
    QVERIFY(c.hasLinks);
}

void TstDisplayProcessor::thresholdsAbsolute()
{
    const FieldConfig c = FieldConfig::fromDefaults(json(R"({"thresholds": {"mode": "absolute", "steps": [
        {"color": "green", "value": null}, {"color": "red", "value": 80}, {"color": "#EAB839", "value": 60}]}})"));
    QCOMPARE(c.thresholds->steps.size(), 3);
    QVERIFY(!c.thresholds->steps[0].value);        // the base step
    QCOMPARE(*c.thresholds->steps[1].value, 60.0); // ascending
    QCOMPARE(DisplayProcessor::display(10, c, 0, 100).color, kGreen);
    QCOMPARE(DisplayProcessor::display(60, c, 0, 100).color, QStringLiteral("#eab839"));
    QCOMPARE(DisplayProcessor::display(80, c, 0, 100).color, kRed); // a step applies from its value on
}

void TstDisplayProcessor::thresholdsPercentage()
{
    const FieldConfig c = FieldConfig::fromDefaults(json(R"({"thresholds": {"mode": "percentage", "steps": [
        {"color": "green", "value": null}, {"color": "red", "value": 75}]}})"));
    QCOMPARE(DisplayProcessor::display(140, c, 0, 200).color, kGreen); // 70 %
    QCOMPARE(DisplayProcessor::display(150, c, 0, 200).color, kRed);   // 75 %
    QCOMPARE(c.thresholds->absolute(75, 0, 200), 150.0);
    QCOMPARE(DisplayProcessor::display(150, c, 0, 200).percent, 0.75);
}

void TstDisplayProcessor::valueMappings_data()
{
    QTest::addColumn<double>("value");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("color");
    QTest::newRow("value") << 1.0 << QStringLiteral("UP") << kGreen;
    QTest::newRow("value 0") << 0.0 << QStringLiteral("DOWN") << kRed;
    QTest::newRow("range") << 5.5 << QStringLiteral("busy") << QString();
    QTest::newRow("range edge") << 10.0 << QStringLiteral("busy") << QString();
    QTest::newRow("regex on the number's text") << 404.0 << QStringLiteral("client error") << QString();
    QTest::newRow("special NaN") << qQNaN() << QStringLiteral("N/A") << QString();
    QTest::newRow("unmapped keeps the unit") << 42.0 << QStringLiteral("42") << QString();
}

void TstDisplayProcessor::valueMappings()
{
    QFETCH(double, value);
    QFETCH(QString, text);
    QFETCH(QString, color);
    FieldConfig c;
    c.mappings = FieldConfig::mappingsFrom(jsonArray(R"([
        {"type": "value", "options": {"1": {"text": "UP", "color": "green"}, "0": {"text": "DOWN", "color": "red"}}},
        {"type": "range", "options": {"from": 2, "to": 10, "result": {"text": "busy"}}},
        {"type": "regex", "options": {"pattern": "4\\d\\d", "result": {"text": "client error"}}},
        {"type": "special", "options": {"match": "nan", "result": {"text": "N/A"}}}])"));
    QCOMPARE(c.mappings->size(), 4);
    const DisplayValue d = DisplayProcessor::display(value, c, 0, 100);
    QCOMPARE(d.text(), text);
    if (!color.isEmpty())
        QCOMPARE(d.color, color);
    QCOMPARE(d.mapped, text != QLatin1String("42"));
}

void TstDisplayProcessor::textMappings()
{
    FieldConfig c;
    c.mappings = FieldConfig::mappingsFrom(jsonArray(R"j([
        {"type": "value", "options": {"Running": {"color": "green"}}},
        {"type": "regex", "options": {"pattern": "/^ip-(\\d+)-/", "result": {"text": "node $1"}}},
        {"type": "special", "options": {"match": "empty", "result": {"text": "(none)"}}}])j"));
    const DisplayValue running = DisplayProcessor::displayText(QStringLiteral("Running"), c);
    QCOMPARE(running.text(), QStringLiteral("Running")); // a colour-only mapping keeps the text
    QCOMPARE(running.color, kGreen);
    QCOMPARE(DisplayProcessor::displayText(QStringLiteral("ip-10-0-1-2.internal"), c).text(),
             QStringLiteral("node 10"));
    QCOMPARE(DisplayProcessor::displayText(QLatin1String(""), c).text(), QStringLiteral("(none)"));
}

// Grafana 7 dashboards (singlestat conversions) write mappings flat: {type: 1, value, text}, {type: 2, from,
// to}.
void TstDisplayProcessor::oldFlatMappings()
{
    FieldConfig c;
    c.mappings = FieldConfig::mappingsFrom(jsonArray(R"([
        {"id": 0, "op": "=", "text": "Off", "type": 1, "value": "0"},
        {"id": 1, "text": "Low", "type": 2, "from": "1", "to": "5"},
        {"id": 2, "op": "=", "text": "N/A", "type": 1, "value": "null"}])"));
    QCOMPARE(DisplayProcessor::display(0, c, 0, 1).text(), QStringLiteral("Off"));
    QCOMPARE(DisplayProcessor::display(3, c, 0, 1).text(), QStringLiteral("Low"));
    QCOMPARE(DisplayProcessor::display(qQNaN(), c, 0, 1).text(), QStringLiteral("N/A"));
}

void TstDisplayProcessor::noValue()
{
    FieldConfig c;
    QCOMPARE(DisplayProcessor::display(qQNaN(), c, 0, 1).text(), QStringLiteral("No data"));
    QVERIFY(DisplayProcessor::display(qQNaN(), c, 0, 1).missing);
    c.noValue = QStringLiteral("0");
    QCOMPARE(DisplayProcessor::display(qQNaN(), c, 0, 1).text(), QStringLiteral("0"));
}

void TstDisplayProcessor::decimalsAndUnit()
{
    FieldConfig c;
    c.unit = QStringLiteral("percent");
    c.decimals = 1;
    QCOMPARE(DisplayProcessor::display(85, c, 0, 100).text(), QStringLiteral("85.0%"));
    c.unit = QStringLiteral("bytes");
    c.decimals.reset();
    const DisplayValue d = DisplayProcessor::display(1536, c, 0, 100);
    QCOMPARE(d.text(), QStringLiteral("1.50 KiB"));
    QCOMPARE(d.formatted.suffix, QStringLiteral(" KiB"));
}

void TstDisplayProcessor::colorModes()
{
    FieldConfig c;
    c.color = ColorSpec{QStringLiteral("fixed"), QStringLiteral("red")};
    QCOMPARE(DisplayProcessor::seriesColor(c, 3, 1, 0, 1), kRed);
    c.color = ColorSpec{QStringLiteral("palette-classic"), QString()};
    QCOMPARE(DisplayProcessor::seriesColor(c, 0, 1, 0, 1), QStringLiteral("#7eb26d")); // Grafana's first
    QVERIFY(DisplayProcessor::seriesColor(c, 1, 1, 0, 1) != DisplayProcessor::seriesColor(c, 0, 1, 0, 1));
    c.color = ColorSpec{QStringLiteral("continuous-GrYlRd"), QString()};
    QCOMPARE(DisplayProcessor::seriesColor(c, 0, 0, 0, 1), kGreen);
    QCOMPARE(DisplayProcessor::seriesColor(c, 0, 1, 0, 1), kRed);
}

void TstDisplayProcessor::overrides_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("refId");
    QTest::addColumn<QString>("unit");
    QTest::addColumn<bool>("hidden");
    QTest::newRow("defaults") << QStringLiteral("cpu") << QStringLiteral("A") << QStringLiteral("percentunit")
                              << false;
    QTest::newRow("byName") << QStringLiteral("Memory") << QStringLiteral("A") << QStringLiteral("bytes")
                            << false;
    QTest::newRow("byRegexp") << QStringLiteral("eth0 receive") << QStringLiteral("A")
                              << QStringLiteral("bps") << false;
    QTest::newRow("byRegexp anchored")
        << QStringLiteral("x eth0 receive") << QStringLiteral("A") << QStringLiteral("percentunit") << false;
    QTest::newRow("byFrameRefID") << QStringLiteral("anything") << QStringLiteral("B") << QStringLiteral("s")
                                  << false;
    QTest::newRow("byNames hides") << QStringLiteral("Buffers") << QStringLiteral("A")
                                   << QStringLiteral("percentunit") << true;
}

void TstDisplayProcessor::overrides()
{
    QFETCH(QString, name);
    QFETCH(QString, refId);
    QFETCH(QString, unit);
    QFETCH(bool, hidden);
    Panel p;
    p.field = FieldConfig::fromDefaults(json(R"({"unit": "percentunit"})"));
    const QJsonArray overrides = jsonArray(R"j([
        {"matcher": {"id": "byName", "options": "Memory"}, "properties": [{"id": "unit", "value": "bytes"},
            {"id": "color", "value": {"mode": "fixed", "fixedColor": "blue"}}, {"id": "custom.drawStyle", "value": "bars"}]},
        {"matcher": {"id": "byRegexp", "options": "eth\\d+ (receive|transmit)"}, "properties": [{"id": "unit", "value": "bps"}]},
        {"matcher": {"id": "byFrameRefID", "options": "B"}, "properties": [{"id": "unit", "value": "s"}]},
        {"matcher": {"id": "byNames", "options": {"mode": "include", "names": ["Buffers"]}},
         "properties": [{"id": "custom.hideFrom", "value": {"viz": true, "legend": true, "tooltip": true}}]}])j");
    for (const QJsonValue &o : overrides)
        p.overrides << FieldOverride{
            FieldMatcher::fromJson(o.toObject().value(QLatin1String("matcher")).toObject()),
            FieldConfig::fromProperties(o.toObject().value(QLatin1String("properties")).toArray())};
    const FieldConfig c = p.configFor(name, refId);
    QCOMPARE(c.unit.value_or(QString()), unit);
    QCOMPARE(c.hideFromViz.value_or(false), hidden);
    if (name == QLatin1String("Memory")) {
        QVERIFY(*c.drawStyle == DrawStyle::Bars);
        QCOMPARE(c.color->fixedColor, QStringLiteral("blue"));
    }
}

// A legend's "hide other series" writes byNames in exclude mode: every series but the named ones is hidden.
void TstDisplayProcessor::hideOthers()
{
    const FieldMatcher m = FieldMatcher::fromJson(json(
        R"({"id": "byNames", "options": {"mode": "exclude", "names": ["sda"], "prefix": "All except:"}})"));
    QVERIFY(!m.matches(QStringLiteral("sda"), QStringLiteral("A"), true));
    QVERIFY(m.matches(QStringLiteral("sdb"), QStringLiteral("A"), true));
}

// Grafana's byName also matches a field's own name, e.g. "Value #A" of a table query shown under a legend.
void TstDisplayProcessor::byNameMatchesTheFieldsOwnName()
{
    const FieldMatcher m = FieldMatcher::fromJson(json(R"({"id": "byName", "options": "Value #A"})"));
    QVERIFY(m.matches(QStringLiteral("CPU"), QStringLiteral("A"), true, QStringLiteral("Value #A")));
    QVERIFY(!m.matches(QStringLiteral("CPU"), QStringLiteral("A"), true, QStringLiteral("Value #B")));
}

void TstDisplayProcessor::jsRegexRules()
{
    QVERIFY(jsRegex(QStringLiteral("/eth/")).match(QStringLiteral("veth0")).hasMatch()); // slashes: search
    QVERIFY(!jsRegex(QStringLiteral("eth")).match(QStringLiteral("veth0")).hasMatch());  // bare: whole text
    QVERIFY(jsRegex(QStringLiteral("/ETH/i")).match(QStringLiteral("eth0")).hasMatch()); // flags
}

QTEST_GUILESS_MAIN(TstDisplayProcessor)
#include "tst_displayprocessor.moc"
