#include "prom/GrafanaPanelReader.h"

#include "prom/Reducer.h"
#include "prom/UnitFormat.h"

#include <QJsonArray>
#include <QRegularExpression>

namespace Sitrep::Prom {

namespace {

QString panelName(const QJsonObject &p, int index)
{
    const QString t = p.value(QLatin1String("title")).toString();
    return t.isEmpty() ? QStringLiteral("panel %1").arg(index + 1) : QStringLiteral("\"%1\"").arg(t);
}

// "${DS_PROMETHEUS}", "$ds" or "[[ds]]" -> the variable's name; empty when the text is no variable reference.
QString variableIn(const QString &text)
{
    static const QRegularExpression re(
        QStringLiteral("^\\$\\{?([A-Za-z0-9_]+)(?::[a-z]+)?\\}?$|^\\[\\[([A-Za-z0-9_]+)\\]\\]$"));
    const auto m = re.match(text.trimmed());
    if (!m.hasMatch())
        return {};
    return m.captured(1).isEmpty() ? m.captured(2) : m.captured(1);
}

// Grafana's panel plugins Sitrep leaves out, with what they are, for the note.
QString skippedKind(const QString &type)
{
    if (type == QLatin1String("heatmap"))
        return QStringLiteral("heatmap");
    if (type == QLatin1String("piechart") || type == QLatin1String("grafana-piechart-panel"))
        return QStringLiteral("pie chart");
    if (type == QLatin1String("logs"))
        return QStringLiteral("logs");
    if (type == QLatin1String("alertlist") || type == QLatin1String("annolist") ||
        type == QLatin1String("dashlist") || type == QLatin1String("news"))
        return QStringLiteral("Grafana list");
    return type.isEmpty() ? QStringLiteral("(no type)") : type;
}

} // namespace

GrafanaPanelReader::GrafanaPanelReader(const QStringList &datasourceVariables, ApproximationList &notes,
                                       QList<SkippedPanel> &skipped)
    : m_datasourceVariables(datasourceVariables)
    , m_notes(notes)
    , m_skipped(skipped)
{}

void GrafanaPanelReader::skip(const QString &title, const QString &type, const QString &reason)
{
    m_skipped << SkippedPanel{title, type, reason};
}

bool GrafanaPanelReader::readsPrometheus(const QJsonValue &ds) const
{
    if (ds.isNull() || ds.isUndefined())
        return true; // the dashboard's default data source
    QString type;
    QString uid;
    if (ds.isString()) {
        uid = ds.toString();
    } else {
        type = ds.toObject().value(QLatin1String("type")).toString();
        uid = ds.toObject().value(QLatin1String("uid")).toString();
    }
    if (type == QLatin1String("prometheus"))
        return true;
    if (!type.isEmpty() && type != QLatin1String("datasource"))
        return false;
    const QString var = variableIn(uid);
    if (!var.isEmpty())
        return m_datasourceVariables.contains(var) ||
               var.contains(QLatin1String("prom"), Qt::CaseInsensitive) ||
               var.startsWith(QLatin1String("DS_"));
    // A named data source ("Prometheus", "prometheus-main", "default").
    return uid.isEmpty() || uid.contains(QLatin1String("prom"), Qt::CaseInsensitive) ||
           uid == QLatin1String("default") || uid == QLatin1String("-- Mixed --");
}

std::optional<Panel> GrafanaPanelReader::read(const QJsonObject &p, int index)
{
    const QString name = panelName(p, index);
    const QString title = p.value(QLatin1String("title")).toString();
    const QString type = p.value(QLatin1String("type")).toString();
    Panel panel;
    panel.title = title;
    panel.description = p.value(QLatin1String("description")).toString();
    panel.grafanaType = type;
    if (type == QLatin1String("timeseries") || type == QLatin1String("graph") ||
        type == QLatin1String("trend")) {
        panel.type = PanelType::TimeSeries;
    } else if (type == QLatin1String("stat") || type == QLatin1String("singlestat") ||
               type == QLatin1String("grafana-singlestat-panel")) {
        panel.type = PanelType::Stat;
    } else if (type == QLatin1String("gauge")) {
        panel.type = PanelType::Gauge;
    } else if (type == QLatin1String("bargauge")) {
        panel.type = PanelType::BarGauge;
    } else if (type == QLatin1String("table") || type == QLatin1String("table-old")) {
        panel.type = PanelType::Table;
    } else if (type == QLatin1String("state-timeline") || type == QLatin1String("status-history")) {
        panel.type = PanelType::StateTimeline;
    } else if (type == QLatin1String("text")) {
        panel.type = PanelType::Text;
    } else {
        const QString kind = skippedKind(type);
        skip(title, type, QStringLiteral("Sitrep does not draw %1 panels").arg(kind));
        m_notes.add(QStringLiteral("skip:") + type,
                    QStringLiteral("%1 (%2) is not drawn").arg(QStringLiteral("%1"), kind),
                    QStringLiteral("%1 %2 panels are not drawn: %3")
                        .arg(QStringLiteral("%1"), kind, QStringLiteral("%2")),
                    name);
        return std::nullopt;
    }

    const QJsonObject g = p.value(QLatin1String("gridPos")).toObject();
    panel.grid.x = qBound(0, g.value(QLatin1String("x")).toInt(0), 23);
    panel.grid.y = qMax(0, g.value(QLatin1String("y")).toInt(index * 8));
    panel.grid.w = qBound(1, g.value(QLatin1String("w")).toInt(12), 24);
    panel.grid.h = qMax(1, g.value(QLatin1String("h")).toInt(8));

    if (panel.type == PanelType::Text) {
        QJsonObject options = p.value(QLatin1String("options")).toObject();
        if (!options.contains(QLatin1String("content")))
            options.insert(QStringLiteral("content"), p.value(QLatin1String("content")).toString());
        if (!options.contains(QLatin1String("mode")))
            options.insert(QStringLiteral("mode"),
                           p.value(QLatin1String("mode")).toString(QStringLiteral("markdown")));
        panel.options = options;
        return panel;
    }

    const QJsonValue ds = p.value(QLatin1String("datasource"));
    if (!readsPrometheus(ds)) {
        const QString dsType =
            ds.isObject() ? ds.toObject().value(QLatin1String("type")).toString() : ds.toString();
        const QString uid = ds.toObject().value(QLatin1String("uid")).toString();
        const QString what =
            uid == QLatin1String("-- Dashboard --") || uid == QLatin1String("-- Grafana --")
                ? QStringLiteral("Grafana's built-in %1 source").arg(uid.mid(3, uid.size() - 6))
                : QStringLiteral("a %1 data source").arg(dsType);
        skip(title, type, QStringLiteral("reads from %1; Sitrep queries Prometheus").arg(what));
        m_notes.add(QStringLiteral("ds:") + what,
                    QStringLiteral("%1 reads from %2 and is not drawn").arg(QStringLiteral("%1"), what),
                    QStringLiteral("%1 panels read from %2 and are not drawn: %3")
                        .arg(QStringLiteral("%1"), what, QStringLiteral("%2")),
                    name);
        return std::nullopt;
    }
    readTargets(p, panel, name);
    if (panel.targets.isEmpty()) {
        skip(title, type, QStringLiteral("has no Prometheus query"));
        m_notes.add(QStringLiteral("noquery"), QStringLiteral("%1 has no Prometheus query and is not drawn"),
                    QStringLiteral("%1 panels have no Prometheus query and are not drawn: %2"), name);
        return std::nullopt;
    }
    readFieldConfig(p, panel, name);
    readOptions(p, panel, name);
    if (type == QLatin1String("graph"))
        convertGraph(p, panel, name);
    else if (type == QLatin1String("singlestat") || type == QLatin1String("grafana-singlestat-panel"))
        convertSinglestat(p, panel, name);
    else if (type == QLatin1String("table-old") ||
             (type == QLatin1String("table") && p.contains(QLatin1String("styles"))))
        convertTableOld(p, panel, name);
    panel.stacked = panel.field.stacking && *panel.field.stacking != StackingMode::None;

    for (const QJsonValue &tv : p.value(QLatin1String("transformations")).toArray()) {
        const QJsonObject to = tv.toObject();
        Transformation t;
        t.id = to.value(QLatin1String("id")).toString();
        t.options = to.value(QLatin1String("options")).toObject();
        t.disabled = to.value(QLatin1String("disabled")).toBool();
        if (!t.disabled && !Transformations::isSupported(t.id))
            m_notes.add(QStringLiteral("transform:") + t.id,
                        QStringLiteral("%1: the \"%2\" transformation is not applied")
                            .arg(QStringLiteral("%1"), t.id),
                        QStringLiteral("the \"%1\" transformation is not applied (%3 panels: %2)")
                            .arg(t.id, QStringLiteral("%2"), QStringLiteral("%1")),
                        name);
        panel.transformations << t;
    }
    panel.minInterval = p.value(QLatin1String("interval")).toString();
    panel.maxDataPoints = p.value(QLatin1String("maxDataPoints")).toInt();
    panel.repeat = p.value(QLatin1String("repeat")).toString();
    panel.repeatVertical = p.value(QLatin1String("repeatDirection")).toString() == QLatin1String("v");
    panel.maxPerRow = p.value(QLatin1String("maxPerRow")).toInt();
    if (p.value(QLatin1String("links")).isArray() && !p.value(QLatin1String("links")).toArray().isEmpty())
        panel.options.insert(QStringLiteral("links"), p.value(QLatin1String("links")));
    return panel;
}

void GrafanaPanelReader::readTargets(const QJsonObject &p, Panel &panel, const QString &name)
{
    int t = 0;
    for (const QJsonValue &tv : p.value(QLatin1String("targets")).toArray()) {
        const QJsonObject to = tv.toObject();
        PanelTarget target;
        target.expr = to.value(QLatin1String("expr")).toString();
        target.legendFormat = to.value(QLatin1String("legendFormat")).toString();
        target.refId = to.value(QLatin1String("refId")).toString(QString(QChar(u'A' + (t % 26))));
        ++t;
        // Grafana does not run hidden queries either.
        if (to.value(QLatin1String("hide")).toBool())
            continue;
        if (to.contains(QLatin1String("datasource")) &&
            !readsPrometheus(to.value(QLatin1String("datasource")))) {
            m_notes.add(QStringLiteral("targetds"),
                        QStringLiteral("%1: queries to other data sources are left out"),
                        QStringLiteral("queries to other data sources are left out (%1 panels: %2)"), name);
            continue;
        }
        if (target.expr.trimmed().isEmpty())
            continue; // an empty query row, as Grafana's editor leaves them
        // "instant": true without "range": true is an instant query; both is Grafana's "Both" (range wins
        // here).
        target.instant =
            to.value(QLatin1String("instant")).toBool() && !to.value(QLatin1String("range")).toBool();
        target.format = to.value(QLatin1String("format")).toString(QStringLiteral("time_series"));
        target.interval = to.value(QLatin1String("interval")).toString();
        target.intervalFactor = std::max(1, to.value(QLatin1String("intervalFactor")).toInt(1));
        panel.targets << target;
    }
}

void GrafanaPanelReader::readFieldConfig(const QJsonObject &p, Panel &panel, const QString &name)
{
    const QJsonObject fc = p.value(QLatin1String("fieldConfig")).toObject();
    FieldConfig defaults = FieldConfig::fromDefaults(fc.value(QLatin1String("defaults")).toObject());
    panel.unit = defaults.unit.value_or(QString());
    panel.min = defaults.min;
    panel.max = defaults.max;
    panel.decimals = defaults.decimals.value_or(-1);
    defaults.unit.reset();
    defaults.min.reset();
    defaults.max.reset();
    defaults.decimals.reset();
    for (const QString &ignored : defaults.ignored)
        m_notes.add(QStringLiteral("option:") + ignored,
                    QStringLiteral("%1: option \"%2\" is not applied").arg(QStringLiteral("%1"), ignored),
                    QStringLiteral("option \"%1\" is not applied (%3 panels: %2)")
                        .arg(ignored, QStringLiteral("%2"), QStringLiteral("%1")),
                    name);
    defaults.ignored.clear();
    bool links = defaults.hasLinks;
    panel.field = defaults;
    for (const QJsonValue &ov : fc.value(QLatin1String("overrides")).toArray()) {
        const QJsonObject o = ov.toObject();
        FieldOverride fo;
        fo.matcher = FieldMatcher::fromJson(o.value(QLatin1String("matcher")).toObject());
        fo.config = FieldConfig::fromProperties(o.value(QLatin1String("properties")).toArray());
        if (fo.matcher.kind == FieldMatcher::Kind::Unknown)
            m_notes.add(QStringLiteral("matcher:") + fo.matcher.id,
                        QStringLiteral("%1: overrides matching \"%2\" are not applied")
                            .arg(QStringLiteral("%1"), fo.matcher.id),
                        QStringLiteral("overrides matching \"%1\" are not applied (%3 panels: %2)")
                            .arg(fo.matcher.id, QStringLiteral("%2"), QStringLiteral("%1")),
                        name);
        for (const QString &ignored : fo.config.ignored)
            m_notes.add(
                QStringLiteral("override:") + ignored,
                QStringLiteral("%1: override \"%2\" is not applied").arg(QStringLiteral("%1"), ignored),
                QStringLiteral("override \"%1\" is not applied (%3 panels: %2)")
                    .arg(ignored, QStringLiteral("%2"), QStringLiteral("%1")),
                name);
        fo.config.ignored.clear();
        links = links || fo.config.hasLinks;
        panel.overrides << fo;
    }
    if (links)
        m_notes.add(QStringLiteral("datalinks"), QStringLiteral("%1: links on values are not offered"),
                    QStringLiteral("links on values are not offered (%1 panels: %2)"), name);
}

void GrafanaPanelReader::readOptions(const QJsonObject &p, Panel &panel, const QString &name)
{
    panel.options = p.value(QLatin1String("options")).toObject();
    const QJsonObject reduce = panel.options.value(QLatin1String("reduceOptions")).toObject();
    QStringList calcs;
    for (const QJsonValue &c : reduce.value(QLatin1String("calcs")).toArray())
        calcs << c.toString();
    if (!calcs.isEmpty())
        panel.reduce.calcs = calcs;
    for (const QString &c : std::as_const(panel.reduce.calcs)) {
        if (!Reducer::isKnown(c))
            m_notes.add(QStringLiteral("calc:") + c,
                        QStringLiteral("%1: the \"%2\" calculation is shown as the last value")
                            .arg(QStringLiteral("%1"), c),
                        QStringLiteral("the \"%1\" calculation is shown as the last value (%3 panels: %2)")
                            .arg(c, QStringLiteral("%2"), QStringLiteral("%1")),
                        name);
    }
    panel.reduce.allValues = reduce.value(QLatin1String("values")).toBool();
    panel.reduce.limit = reduce.value(QLatin1String("limit")).toInt();
    panel.reduce.fields = reduce.value(QLatin1String("fields")).toString();
}

void GrafanaPanelReader::convertGraph(const QJsonObject &p, Panel &panel, const QString &name)
{
    // The old graph panel as Grafana's automatic migration to time series draws it.
    const QJsonArray yaxes = p.value(QLatin1String("yaxes")).toArray();
    const auto axisNumber = [](const QJsonValue &v) -> std::optional<double> {
        if (v.isDouble())
            return v.toDouble();
        bool ok = false;
        const double d = v.toString().toDouble(&ok);
        return ok ? std::optional<double>(d) : std::nullopt;
    };
    if (!yaxes.isEmpty()) {
        const QJsonObject y = yaxes.first().toObject();
        if (panel.unit.isEmpty())
            panel.unit = y.value(QLatin1String("format")).toString();
        if (!panel.min)
            panel.min = axisNumber(y.value(QLatin1String("min")));
        if (!panel.max)
            panel.max = axisNumber(y.value(QLatin1String("max")));
        if (panel.decimals < 0 && y.value(QLatin1String("decimals")).isDouble())
            panel.decimals = y.value(QLatin1String("decimals")).toInt();
    }
    if (panel.decimals < 0 && p.value(QLatin1String("decimals")).isDouble())
        panel.decimals = p.value(QLatin1String("decimals")).toInt();
    const bool bars = p.value(QLatin1String("bars")).toBool();
    const bool lines = p.value(QLatin1String("lines")).toBool(true);
    const bool points = p.value(QLatin1String("points")).toBool();
    panel.field.drawStyle = bars ? DrawStyle::Bars : (!lines && points) ? DrawStyle::Points : DrawStyle::Line;
    panel.field.fillOpacity = p.value(QLatin1String("fill")).toDouble(1) * 10;
    panel.field.lineWidth = p.value(QLatin1String("linewidth")).toDouble(1);
    if (p.value(QLatin1String("steppedLine")).toBool())
        panel.field.lineInterpolation = LineInterpolation::StepAfter;
    if (p.value(QLatin1String("dashes")).toBool())
        panel.field.dashed = true;
    if (p.value(QLatin1String("stack")).toBool())
        panel.field.stacking =
            p.value(QLatin1String("percentage")).toBool() ? StackingMode::Percent : StackingMode::Normal;
    // Legend: shown, as a table, on the right, with its values.
    const QJsonObject legend = p.value(QLatin1String("legend")).toObject();
    if (!legend.isEmpty()) {
        QJsonArray calcs;
        for (const auto &[key, calc] :
             {std::pair{"avg", "mean"}, std::pair{"current", "lastNotNull"}, std::pair{"max", "max"},
              std::pair{"min", "min"}, std::pair{"total", "sum"}}) {
            if (legend.value(QLatin1String(key)).toBool() && legend.value(QLatin1String("values")).toBool())
                calcs.append(QLatin1String(calc));
        }
        panel.options.insert(
            QStringLiteral("legend"),
            QJsonObject{{QStringLiteral("showLegend"), legend.value(QLatin1String("show")).toBool(true)},
                        {QStringLiteral("displayMode"), legend.value(QLatin1String("alignAsTable")).toBool()
                                                            ? QStringLiteral("table")
                                                            : QStringLiteral("list")},
                        {QStringLiteral("placement"), legend.value(QLatin1String("rightSide")).toBool()
                                                          ? QStringLiteral("right")
                                                          : QStringLiteral("bottom")},
                        {QStringLiteral("calcs"), calcs}});
    }
    // Threshold lines and areas.
    QList<ThresholdStep> steps{ThresholdStep{std::nullopt, QStringLiteral("transparent")}};
    bool fill = false;
    bool line = false;
    for (const QJsonValue &tv : p.value(QLatin1String("thresholds")).toArray()) {
        const QJsonObject to = tv.toObject();
        const auto v = axisNumber(to.value(QLatin1String("value")));
        if (!v)
            continue;
        const QString mode = to.value(QLatin1String("colorMode")).toString();
        QString color =
            mode == QLatin1String("critical")  ? QStringLiteral("red")
            : mode == QLatin1String("warning") ? QStringLiteral("orange")
            : mode == QLatin1String("ok")
                ? QStringLiteral("green")
                : to.value(QLatin1String("lineColor"))
                      .toString(to.value(QLatin1String("fillColor")).toString(QStringLiteral("red")));
        steps << ThresholdStep{*v, color};
        fill = fill || to.value(QLatin1String("fill")).toBool();
        line = line || to.value(QLatin1String("line")).toBool(true);
    }
    if (steps.size() > 1) {
        std::stable_sort(steps.begin() + 1, steps.end(),
                         [](const ThresholdStep &a, const ThresholdStep &b) { return *a.value < *b.value; });
        panel.field.thresholds = Thresholds{Thresholds::Mode::Absolute, steps};
        panel.field.thresholdsStyle = fill && line ? ThresholdsStyle::LineAndArea
                                      : fill       ? ThresholdsStyle::Area
                                                   : ThresholdsStyle::Line;
    }
    // aliasColors and seriesOverrides become field overrides.
    const QJsonObject aliasColors = p.value(QLatin1String("aliasColors")).toObject();
    for (auto it = aliasColors.begin(); it != aliasColors.end(); ++it) {
        FieldOverride o;
        o.matcher.kind = FieldMatcher::Kind::ByName;
        o.matcher.id = QStringLiteral("byName");
        o.matcher.option = it.key();
        o.config.color = ColorSpec{QStringLiteral("fixed"), it.value().toString()};
        panel.overrides << o;
    }
    const QString rightUnit =
        yaxes.size() > 1 ? yaxes.at(1).toObject().value(QLatin1String("format")).toString() : QString();
    for (const QJsonValue &sv : p.value(QLatin1String("seriesOverrides")).toArray()) {
        const QJsonObject so = sv.toObject();
        const QString alias = so.value(QLatin1String("alias")).toString();
        FieldOverride o;
        const bool regex = alias.size() > 2 && alias.startsWith(QLatin1Char('/'));
        o.matcher.kind = regex ? FieldMatcher::Kind::ByRegexp : FieldMatcher::Kind::ByName;
        o.matcher.id = regex ? QStringLiteral("byRegexp") : QStringLiteral("byName");
        o.matcher.option = alias;
        for (auto it = so.begin(); it != so.end(); ++it) {
            const QString key = it.key();
            const QJsonValue v = it.value();
            if (key == QLatin1String("alias"))
                continue;
            if (key == QLatin1String("color"))
                o.config.color = ColorSpec{QStringLiteral("fixed"), v.toString()};
            else if (key == QLatin1String("yaxis")) {
                o.config.axisRight = v.toInt() == 2;
                if (v.toInt() == 2 && !rightUnit.isEmpty())
                    o.config.unit = rightUnit;
            } else if (key == QLatin1String("fill"))
                o.config.fillOpacity = v.toDouble() * 10;
            else if (key == QLatin1String("linewidth"))
                o.config.lineWidth = v.toDouble();
            else if (key == QLatin1String("dashes"))
                o.config.dashed = v.toBool();
            else if (key == QLatin1String("transform"))
                o.config.negativeY = v.toString() == QLatin1String("negative-Y");
            else if (key == QLatin1String("stack"))
                o.config.stacking = v.toBool() || v.isString()
                                        ? panel.field.stacking.value_or(StackingMode::Normal)
                                        : StackingMode::None;
            else if (key == QLatin1String("bars") && v.toBool())
                o.config.drawStyle = DrawStyle::Bars;
            else if (key == QLatin1String("lines") && v.toBool())
                o.config.drawStyle = DrawStyle::Line;
            else if (key == QLatin1String("points") && v.toBool() &&
                     !so.value(QLatin1String("lines")).toBool(true))
                o.config.drawStyle = DrawStyle::Points;
            else if (key == QLatin1String("legend"))
                o.config.hideFromLegend = !v.toBool();
            else if (key == QLatin1String("hiddenSeries"))
                o.config.hideFromViz = v.toBool();
            else if (key == QLatin1String("zindex") || key == QLatin1String("lines") ||
                     key == QLatin1String("bars") || key == QLatin1String("points") ||
                     key == QLatin1String("pointradius") || key == QLatin1String("steppedLine") ||
                     key == QLatin1String("nullPointMode"))
                continue;
            else
                m_notes.add(QStringLiteral("seriesOverride:") + key,
                            QStringLiteral("%1: series override \"%2\" is not applied")
                                .arg(QStringLiteral("%1"), key),
                            QStringLiteral("series override \"%1\" is not applied (%3 panels: %2)")
                                .arg(key, QStringLiteral("%2"), QStringLiteral("%1")),
                            name);
        }
        panel.overrides << o;
    }
    if (p.value(QLatin1String("hiddenSeries")).toObject().size() > 0) {
        const QJsonObject hidden = p.value(QLatin1String("hiddenSeries")).toObject();
        for (auto it = hidden.begin(); it != hidden.end(); ++it) {
            FieldOverride o;
            o.matcher.kind = FieldMatcher::Kind::ByName;
            o.matcher.id = QStringLiteral("byName");
            o.matcher.option = it.key();
            o.config.hideFromViz = it.value().toBool();
            panel.overrides << o;
        }
    }
}

void GrafanaPanelReader::convertSinglestat(const QJsonObject &p, Panel &panel, const QString &name)
{
    Q_UNUSED(name);
    if (panel.unit.isEmpty())
        panel.unit = p.value(QLatin1String("format")).toString();
    if (panel.unit == QLatin1String("none") || panel.unit.isEmpty()) {
        const QString prefix = p.value(QLatin1String("prefix")).toString();
        const QString postfix = p.value(QLatin1String("postfix")).toString();
        if (!postfix.isEmpty())
            panel.unit = QStringLiteral("suffix:") + postfix;
        else if (!prefix.isEmpty())
            panel.unit = QStringLiteral("prefix:") + prefix;
    }
    if (panel.decimals < 0 && p.value(QLatin1String("decimals")).isDouble())
        panel.decimals = p.value(QLatin1String("decimals")).toInt();
    const QString valueName = p.value(QLatin1String("valueName")).toString(QStringLiteral("avg"));
    static const QHash<QString, QString> calcs{{QStringLiteral("avg"), QStringLiteral("mean")},
                                               {QStringLiteral("current"), QStringLiteral("lastNotNull")},
                                               {QStringLiteral("max"), QStringLiteral("max")},
                                               {QStringLiteral("min"), QStringLiteral("min")},
                                               {QStringLiteral("total"), QStringLiteral("sum")},
                                               {QStringLiteral("first"), QStringLiteral("firstNotNull")},
                                               {QStringLiteral("delta"), QStringLiteral("delta")},
                                               {QStringLiteral("diff"), QStringLiteral("diff")},
                                               {QStringLiteral("range"), QStringLiteral("range")},
                                               {QStringLiteral("last_time"), QStringLiteral("lastNotNull")},
                                               {QStringLiteral("name"), QStringLiteral("lastNotNull")}};
    panel.reduce.calcs = {calcs.value(valueName, QStringLiteral("mean"))};
    const QStringList values =
        p.value(QLatin1String("thresholds")).toString().split(QLatin1Char(','), Qt::SkipEmptyParts);
    const QJsonArray colors = p.value(QLatin1String("colors")).toArray();
    if (!colors.isEmpty()) {
        Thresholds t;
        t.steps << ThresholdStep{std::nullopt, colors.at(0).toString()};
        for (int i = 0; i < values.size(); ++i) {
            bool ok = false;
            const double v = values.at(i).trimmed().toDouble(&ok);
            if (ok)
                t.steps << ThresholdStep{v, colors.size() > i + 1 ? colors.at(i + 1).toString()
                                                                  : QStringLiteral("red")};
        }
        panel.field.thresholds = t;
    }
    const bool colorValue = p.value(QLatin1String("colorValue")).toBool();
    const bool colorBackground = p.value(QLatin1String("colorBackground")).toBool();
    panel.options.insert(QStringLiteral("colorMode"), colorBackground ? QStringLiteral("background")
                                                      : colorValue    ? QStringLiteral("value")
                                                                      : QStringLiteral("none"));
    panel.options.insert(QStringLiteral("graphMode"),
                         p.value(QLatin1String("sparkline")).toObject().value(QLatin1String("show")).toBool()
                             ? QStringLiteral("area")
                             : QStringLiteral("none"));
    if (valueName == QLatin1String("name"))
        panel.options.insert(QStringLiteral("textMode"), QStringLiteral("name"));
    const QJsonObject gauge = p.value(QLatin1String("gauge")).toObject();
    if (gauge.value(QLatin1String("show")).toBool()) {
        panel.type = PanelType::Gauge;
        panel.min = gauge.value(QLatin1String("minValue")).toDouble(0);
        panel.max = gauge.value(QLatin1String("maxValue")).toDouble(100);
        panel.options.insert(QStringLiteral("showThresholdMarkers"),
                             gauge.value(QLatin1String("thresholdMarkers")).toBool(true));
    }
    // valueMaps / rangeMaps.
    QList<ValueMapping> mappings;
    for (const QJsonValue &mv : p.value(QLatin1String("valueMaps")).toArray()) {
        const QJsonObject m = mv.toObject();
        const QString value = m.value(QLatin1String("value")).toString();
        ValueMapping vm;
        if (value == QLatin1String("null")) {
            vm.type = ValueMapping::Type::Special;
            vm.special = ValueMapping::Special::Null;
            vm.result.text = m.value(QLatin1String("text")).toString();
        } else {
            vm.type = ValueMapping::Type::Value;
            vm.values.insert(value, MappingResult{m.value(QLatin1String("text")).toString(), QString()});
        }
        mappings << vm;
    }
    for (const QJsonValue &mv : p.value(QLatin1String("rangeMaps")).toArray()) {
        const QJsonObject m = mv.toObject();
        ValueMapping vm;
        vm.type = ValueMapping::Type::Range;
        bool ok = false;
        const double from = m.value(QLatin1String("from")).toString().toDouble(&ok);
        if (ok)
            vm.from = from;
        const double to = m.value(QLatin1String("to")).toString().toDouble(&ok);
        if (ok)
            vm.to = to;
        vm.result.text = m.value(QLatin1String("text")).toString();
        mappings << vm;
    }
    if (!mappings.isEmpty())
        panel.field.mappings = mappings;
}

void GrafanaPanelReader::convertTableOld(const QJsonObject &p, Panel &panel, const QString &name)
{
    // Column styles become overrides matched by name or regex.
    for (const QJsonValue &sv : p.value(QLatin1String("styles")).toArray()) {
        const QJsonObject s = sv.toObject();
        const QString pattern = s.value(QLatin1String("pattern")).toString();
        FieldOverride o;
        const bool regex = pattern.startsWith(QLatin1Char('/'));
        o.matcher.kind = regex ? FieldMatcher::Kind::ByRegexp : FieldMatcher::Kind::ByName;
        o.matcher.id = regex ? QStringLiteral("byRegexp") : QStringLiteral("byName");
        o.matcher.option = pattern;
        const QString type = s.value(QLatin1String("type")).toString();
        if (type == QLatin1String("hidden"))
            o.config.hideFromViz = true;
        if (type == QLatin1String("number")) {
            o.config.unit = s.value(QLatin1String("unit")).toString();
            if (s.value(QLatin1String("decimals")).isDouble())
                o.config.decimals = s.value(QLatin1String("decimals")).toInt();
        }
        if (!s.value(QLatin1String("alias")).toString().isEmpty())
            o.config.displayName = s.value(QLatin1String("alias")).toString();
        const QJsonArray colors = s.value(QLatin1String("colors")).toArray();
        const QJsonArray thresholds = s.value(QLatin1String("thresholds")).toArray();
        if (!s.value(QLatin1String("colorMode")).toString().isEmpty() && !colors.isEmpty()) {
            Thresholds t;
            t.steps << ThresholdStep{std::nullopt, colors.at(0).toString()};
            for (int i = 0; i < thresholds.size(); ++i)
                t.steps << ThresholdStep{thresholds.at(i).toString().toDouble(),
                                         colors.at(std::min(i + 1, int(colors.size()) - 1)).toString()};
            o.config.thresholds = t;
            o.config.color = ColorSpec{QStringLiteral("thresholds"), QString()};
            o.config.cellType = s.value(QLatin1String("colorMode")).toString() == QLatin1String("value")
                                    ? QStringLiteral("color-text")
                                    : QStringLiteral("color-background");
        }
        if (pattern.isEmpty())
            continue;
        panel.overrides << o;
    }
    const QString transform = p.value(QLatin1String("transform")).toString();
    if (transform == QLatin1String("timeseries_aggregations")) {
        QJsonArray reducers;
        for (const QJsonValue &c : p.value(QLatin1String("columns")).toArray()) {
            const QString v = c.toObject().value(QLatin1String("value")).toString();
            reducers.append(v == QLatin1String("avg")       ? QStringLiteral("mean")
                            : v == QLatin1String("current") ? QStringLiteral("lastNotNull")
                            : v == QLatin1String("total")   ? QStringLiteral("sum")
                                                            : v);
        }
        panel.transformations << Transformation{QStringLiteral("reduce"),
                                                QJsonObject{{QStringLiteral("reducers"), reducers}}, false};
    } else if (transform == QLatin1String("timeseries_to_rows")) {
        panel.transformations << Transformation{QStringLiteral("seriesToRows"), {}, false};
    } else if (transform == QLatin1String("timeseries_to_columns")) {
        panel.transformations << Transformation{QStringLiteral("joinByField"), {}, false};
    } else if (transform == QLatin1String("table") || transform.isEmpty()) {
        for (PanelTarget &t : panel.targets) {
            if (t.format == QLatin1String("table"))
                t.instant =
                    t.instant || p.value(QLatin1String("type")).toString() == QLatin1String("table-old");
        }
        if (panel.targets.size() > 1)
            panel.transformations << Transformation{QStringLiteral("merge"), {}, false};
    } else {
        m_notes.add(
            QStringLiteral("tabletransform:") + transform,
            QStringLiteral("%1: the old table's \"%2\" transform is shown as a table of series")
                .arg(QStringLiteral("%1"), transform),
            QStringLiteral("the old table's \"%1\" transform is shown as a table of series (%3 panels: %2)")
                .arg(transform, QStringLiteral("%2"), QStringLiteral("%1")),
            name);
    }
}

} // namespace Sitrep::Prom
