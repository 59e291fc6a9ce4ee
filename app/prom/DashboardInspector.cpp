#include "prom/DashboardInspector.h"

#include "prom/DashboardLoader.h"
#include "prom/PanelQueries.h"
#include "prom/Reducer.h"
#include "prom/StepCalculator.h"
#include "prom/UnitFormat.h"
#include "prom/VariableResolver.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>

namespace Sitrep::Prom {

namespace {

QString percent(double v)
{
    return QString::number(v, 'g', 3) + QLatin1Char('%');
}

QString stackingName(StackingMode m)
{
    return m == StackingMode::Normal ? QStringLiteral("stacked") : QStringLiteral("stacked to 100%");
}

QJsonObject variableJson(const Variable &v, const QMap<QString, VariableValue> &values)
{
    QJsonObject o{{QStringLiteral("name"), v.name},
                  {QStringLiteral("label"), v.label},
                  {QStringLiteral("type"), Variable::typeName(v.type)},
                  {QStringLiteral("supported"), v.type != Variable::Type::AdHoc}};
    v.insertQueryFields(o);
    if (!v.regex.isEmpty())
        o.insert(QStringLiteral("regex"), v.regex);
    if (v.hidden)
        o.insert(QStringLiteral("hidden"), true);
    const VariableValue value = values.value(v.name);
    o.insert(QStringLiteral("default"),
             QJsonArray::fromStringList(v.isAll() ? QStringList{QStringLiteral("All")} : value.values));
    o.insert(QStringLiteral("expandsTo"), QueryTemplate::format(value, QString(), v.name));
    switch (v.type) {
    case Variable::Type::Datasource:
        o.insert(QStringLiteral("note"), QStringLiteral("stands for the environment's Prometheus"));
        break;
    case Variable::Type::Query:
        o.insert(QStringLiteral("note"),
                 QStringLiteral("options asked of Prometheus when the dashboard opens"));
        break;
    case Variable::Type::Interval:
        if (v.autoInterval)
            o.insert(
                QStringLiteral("note"),
                QStringLiteral("auto: %1 steps over the range, at least %2").arg(v.autoCount).arg(v.autoMin));
        break;
    case Variable::Type::AdHoc:
        o.insert(QStringLiteral("note"), QStringLiteral("ad-hoc filters are not added to the queries"));
        break;
    default:
        break;
    }
    return o;
}

} // namespace

int DashboardInspector::nominalWidth(const Panel &panel)
{
    // Grafana's grid: 24 columns on the screen; the plot loses its axis and padding (about 60 pixels).
    return std::max(100, panel.grid.w * kScreenWidth / 24 - 60);
}

QString DashboardInspector::drawnAs(const Panel &p)
{
    QStringList parts;
    const FieldConfig &f = p.field;
    switch (p.type) {
    case PanelType::TimeSeries: {
        const DrawStyle style = f.drawStyle.value_or(DrawStyle::Line);
        parts << (style == DrawStyle::Bars     ? QStringLiteral("bars")
                  : style == DrawStyle::Points ? QStringLiteral("points")
                                               : QStringLiteral("lines"));
        if (f.fillOpacity.value_or(0) > 0 && style == DrawStyle::Line)
            parts << QStringLiteral("%1 fill").arg(percent(*f.fillOpacity));
        if (f.gradientMode && *f.gradientMode != GradientMode::None)
            parts << QStringLiteral("gradient");
        if (f.stacking && *f.stacking != StackingMode::None)
            parts << stackingName(*f.stacking);
        else if (p.stacked)
            parts << QStringLiteral("stacked");
        if (f.thresholdsStyle && *f.thresholdsStyle != ThresholdsStyle::Off) {
            const ThresholdsStyle s = *f.thresholdsStyle;
            parts << (s == ThresholdsStyle::Area ? QStringLiteral("thresholds as areas")
                      : s == ThresholdsStyle::LineAndArea || s == ThresholdsStyle::DashedAndArea
                          ? QStringLiteral("thresholds as lines and areas")
                          : QStringLiteral("thresholds as lines"));
        }
        int negative = 0;
        int right = 0;
        int hidden = 0;
        int bars = 0;
        for (const FieldOverride &o : p.overrides) {
            negative += o.config.negativeY.value_or(false) ? 1 : 0;
            right += o.config.axisRight.value_or(false) ? 1 : 0;
            hidden += o.config.hideFromViz.value_or(false) ? 1 : 0;
            bars += o.config.drawStyle && *o.config.drawStyle != style ? 1 : 0;
        }
        if (negative)
            parts << QStringLiteral("negative-Y for %1 override%2")
                         .arg(negative)
                         .arg(negative > 1 ? QStringLiteral("s") : QString());
        if (right)
            parts << QStringLiteral("right axis");
        if (bars)
            parts << QStringLiteral("mixed draw styles");
        if (hidden)
            parts << QStringLiteral("%1 hidden series rule%2")
                         .arg(hidden)
                         .arg(hidden > 1 ? QStringLiteral("s") : QString());
        if (!p.thresholds.isEmpty())
            parts << QStringLiteral("%1 threshold line%2")
                         .arg(p.thresholds.size())
                         .arg(p.thresholds.size() > 1 ? QStringLiteral("s") : QString());
        return QStringLiteral("time series (%1)").arg(parts.join(QStringLiteral(", ")));
    }
    case PanelType::Stat: {
        parts << p.reduce.calcs.join(QStringLiteral(", "));
        if (p.reduce.allValues)
            parts << QStringLiteral("every value");
        if (p.options.value(QStringLiteral("graphMode")).toString(QStringLiteral("area")) ==
            QLatin1String("area"))
            parts << QStringLiteral("sparkline");
        const QString colorMode =
            p.options.value(QStringLiteral("colorMode")).toString(QStringLiteral("value"));
        if (colorMode != QLatin1String("none"))
            parts << QStringLiteral("%1 coloured")
                         .arg(colorMode.startsWith(QLatin1String("background")) ? QStringLiteral("background")
                                                                                : QStringLiteral("value"));
        return QStringLiteral("stat (%1)").arg(parts.join(QStringLiteral(", ")));
    }
    case PanelType::Gauge:
        parts << p.reduce.calcs.join(QStringLiteral(", "));
        parts << QStringLiteral("%1–%2").arg(p.min ? QString::number(*p.min) : QStringLiteral("data min"),
                                             p.max ? QString::number(*p.max) : QStringLiteral("data max"));
        if (p.options.value(QStringLiteral("showThresholdMarkers")).toBool(true))
            parts << QStringLiteral("threshold markers");
        if (f.thresholds && f.thresholds->mode == Thresholds::Mode::Percentage)
            parts << QStringLiteral("percentage thresholds");
        return QStringLiteral("gauge (%1)").arg(parts.join(QStringLiteral(", ")));
    case PanelType::BarGauge:
        parts << p.options.value(QStringLiteral("displayMode")).toString(QStringLiteral("gradient"));
        parts << p.options.value(QStringLiteral("orientation")).toString(QStringLiteral("auto"));
        parts << p.reduce.calcs.join(QStringLiteral(", "));
        if (f.thresholds && f.thresholds->mode == Thresholds::Mode::Percentage)
            parts << QStringLiteral("percentage thresholds");
        return QStringLiteral("bar gauge (%1)").arg(parts.join(QStringLiteral(", ")));
    case PanelType::Table: {
        bool anyInstant = false;
        for (const PanelTarget &t : p.targets)
            anyInstant = anyInstant || t.instant;
        parts << (anyInstant ? QStringLiteral("instant queries") : QStringLiteral("range queries"));
        QStringList ids;
        for (const Transformation &t : p.transformations) {
            if (!t.disabled)
                ids << t.id;
        }
        if (!ids.isEmpty())
            parts << ids.join(QStringLiteral(" → "));
        if (!p.overrides.isEmpty())
            parts << QStringLiteral("%1 column override%2")
                         .arg(p.overrides.size())
                         .arg(p.overrides.size() > 1 ? QStringLiteral("s") : QString());
        return QStringLiteral("table (%1)").arg(parts.join(QStringLiteral(", ")));
    }
    case PanelType::StateTimeline:
        return QStringLiteral("state timeline");
    case PanelType::Text:
        return QStringLiteral("text (%1)")
            .arg(p.options.value(QStringLiteral("mode")).toString(QStringLiteral("markdown")));
    }
    return panelTypeName(p.type);
}

QJsonObject DashboardInspector::inspect(const GrafanaImport &import, const QString &source, bool fromGrafana)
{
    const Dashboard &d = import.dashboard;
    VariableResolver resolver(nullptr);
    resolver.setVariables(d.variables);
    const qint64 rangeMs = StepCalculator::parseDuration(d.defaultRange).value_or(3600000);
    const qint64 end = QDateTime::currentMSecsSinceEpoch();
    resolver.setRange(end - rangeMs, end);
    const QMap<QString, VariableValue> values = resolver.values();
    const qint64 scrapeMs = StepCalculator::parseDuration(d.scrapeInterval).value_or(15000);

    QJsonArray variables;
    for (const Variable &v : d.variables)
        variables.append(variableJson(v, values));
    QJsonArray rows;
    for (int r = 0; r < d.rows.size(); ++r) {
        int count = 0;
        for (const Panel &p : d.panels)
            count += p.row == r ? 1 : 0;
        rows.append(QJsonObject{{QStringLiteral("title"), d.rows[r].title},
                                {QStringLiteral("collapsed"), d.rows[r].collapsed},
                                {QStringLiteral("panels"), count}});
    }
    QJsonArray panels;
    int unknownUnits = 0;
    for (const Panel &p : d.panels) {
        QJsonObject o{
            {QStringLiteral("title"), p.title},
            {QStringLiteral("grafanaType"), p.grafanaType.isEmpty() ? panelTypeName(p.type) : p.grafanaType},
            {QStringLiteral("sitrepType"), panelTypeName(p.type)},
            {QStringLiteral("drawnAs"), drawnAs(p)},
            {QStringLiteral("gridPos"), QJsonObject{{QStringLiteral("x"), p.grid.x},
                                                    {QStringLiteral("y"), p.grid.y},
                                                    {QStringLiteral("w"), p.grid.w},
                                                    {QStringLiteral("h"), p.grid.h}}}};
        o.insert(QStringLiteral("row"), p.row >= 0 && p.row < d.rows.size() ? QJsonValue(d.rows[p.row].title)
                                                                            : QJsonValue(QJsonValue::Null));
        // Units: the panel's and every override's.
        QStringList units;
        if (!p.unit.isEmpty())
            units << p.unit;
        for (const FieldOverride &ov : p.overrides) {
            if (ov.config.unit && !units.contains(*ov.config.unit))
                units << *ov.config.unit;
        }
        o.insert(QStringLiteral("unit"), p.unit);
        const bool known = UnitFormat::isKnown(p.unit);
        o.insert(QStringLiteral("unitKnown"), known);
        o.insert(QStringLiteral("unitKind"), UnitFormat::kindName(UnitFormat::kind(p.unit)));
        o.insert(QStringLiteral("unitExample"), UnitFormat::format(1536.5, p.unit, p.decimals));
        QJsonArray overrideUnits;
        for (const QString &u : units) {
            if (u == p.unit)
                continue;
            overrideUnits.append(
                QJsonObject{{QStringLiteral("unit"), u},
                            {QStringLiteral("unitKnown"), UnitFormat::isKnown(u)},
                            {QStringLiteral("unitKind"), UnitFormat::kindName(UnitFormat::kind(u))}});
        }
        if (!overrideUnits.isEmpty())
            o.insert(QStringLiteral("overrideUnits"), overrideUnits);
        for (const QString &u : units)
            unknownUnits += UnitFormat::isKnown(u) ? 0 : 1;
        if (p.decimals >= 0)
            o.insert(QStringLiteral("decimals"), p.decimals);
        if (p.min)
            o.insert(QStringLiteral("min"), *p.min);
        if (p.max)
            o.insert(QStringLiteral("max"), *p.max);
        if (!p.repeat.isEmpty())
            o.insert(QStringLiteral("repeat"), p.repeat);
        if (p.type == PanelType::Stat || p.type == PanelType::Gauge || p.type == PanelType::BarGauge)
            o.insert(QStringLiteral("reduce"), QJsonArray::fromStringList(p.reduce.calcs));
        QJsonArray transformations;
        for (const Transformation &t : p.transformations)
            transformations.append(
                QJsonObject{{QStringLiteral("id"), t.id},
                            {QStringLiteral("applied"), !t.disabled && Transformations::isSupported(t.id)}});
        if (!transformations.isEmpty())
            o.insert(QStringLiteral("transformations"), transformations);
        if (!p.overrides.isEmpty())
            o.insert(QStringLiteral("overrides"), int(p.overrides.size()));
        QJsonArray queries;
        const qint64 start = end - rangeMs;
        for (const PlannedQuery &q : PanelQueries::plan(p, values, start, end, nominalWidth(p), scrapeMs)) {
            QJsonObject qo{{QStringLiteral("refId"), q.refId},
                           {QStringLiteral("expr"), q.expr},
                           {QStringLiteral("instant"), q.instant},
                           {QStringLiteral("format"), q.format},
                           {QStringLiteral("step"), q.step.intervalText},
                           {QStringLiteral("stepMs"), double(q.step.stepMs)},
                           {QStringLiteral("rateInterval"), q.step.rateIntervalText}};
            if (!q.legendFormat.isEmpty())
                qo.insert(QStringLiteral("legend"), q.legendFormat);
            if (!q.unresolved.isEmpty())
                qo.insert(QStringLiteral("unresolved"), QJsonArray::fromStringList(q.unresolved));
            queries.append(qo);
        }
        o.insert(QStringLiteral("queries"), queries);
        panels.append(o);
    }
    QJsonArray skipped;
    for (const SkippedPanel &s : import.skipped)
        skipped.append(QJsonObject{{QStringLiteral("title"), s.title},
                                   {QStringLiteral("type"), s.type},
                                   {QStringLiteral("reason"), s.reason}});
    QJsonArray links;
    for (const Dashboard::Link &l : d.links) {
        QJsonObject lo{{QStringLiteral("title"), l.title}};
        if (!l.url.isEmpty())
            lo.insert(QStringLiteral("url"), l.url);
        if (!l.tags.isEmpty())
            lo.insert(QStringLiteral("tags"), QJsonArray::fromStringList(l.tags));
        links.append(lo);
    }
    return QJsonObject{
        {QStringLiteral("schema"), kSchemaVersion},
        {QStringLiteral("file"), source},
        {QStringLiteral("format"), fromGrafana ? QStringLiteral("grafana") : QStringLiteral("sitrep")},
        {QStringLiteral("title"), d.title},
        {QStringLiteral("defaultRange"), d.defaultRange},
        {QStringLiteral("refresh"), d.refresh},
        {QStringLiteral("variables"), variables},
        {QStringLiteral("rows"), rows},
        {QStringLiteral("links"), links},
        {QStringLiteral("panels"), panels},
        {QStringLiteral("skippedPanels"), skipped},
        {QStringLiteral("approximations"), QJsonArray::fromStringList(import.unsupported)},
        {QStringLiteral("summary"),
         QJsonObject{{QStringLiteral("panels"), int(d.panels.size() + import.skipped.size())},
                     {QStringLiteral("drawn"), int(d.panels.size())},
                     {QStringLiteral("skipped"), int(import.skipped.size())},
                     {QStringLiteral("unknownUnits"), unknownUnits},
                     {QStringLiteral("approximations"), int(import.unsupported.size())}}}};
}

Core::Result<QJsonObject> DashboardInspector::inspectFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return Core::makeError(QStringLiteral("cannot be read: %1").arg(f.errorString()), path);
    auto loaded = DashboardLoader::load(f.readAll(), path);
    if (!loaded)
        return loaded.error();
    GrafanaImport import;
    import.dashboard = loaded->dashboard;
    import.unsupported = loaded->notes;
    import.skipped = loaded->skipped;
    return inspect(import, path, loaded->fromGrafana);
}

} // namespace Sitrep::Prom
