#include "prom/GrafanaImporter.h"

#include "prom/StepCalculator.h"
#include "prom/UnitFormat.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace Sitrep::Prom {

using Core::makeError;
using Core::Result;

namespace {

std::optional<double> number(const QJsonValue &v)
{
    if (v.isDouble())
        return v.toDouble();
    if (v.isString()) {
        bool ok = false;
        const double d = v.toString().toDouble(&ok);
        if (ok)
            return d;
    }
    return std::nullopt;
}

QString grafanaColor(const QString &c)
{
    // Grafana's palette names; anything else is already a CSS colour.
    static const QHash<QString, QString> map{{QStringLiteral("green"), QStringLiteral("#56a64b")},
                                             {QStringLiteral("red"), QStringLiteral("#e02f44")},
                                             {QStringLiteral("yellow"), QStringLiteral("#f2cc0c")},
                                             {QStringLiteral("orange"), QStringLiteral("#ff9830")},
                                             {QStringLiteral("blue"), QStringLiteral("#3274d9")},
                                             {QStringLiteral("purple"), QStringLiteral("#a352cc")},
                                             {QStringLiteral("dark-red"), QStringLiteral("#c4162a")},
                                             {QStringLiteral("semi-dark-red"), QStringLiteral("#e02f44")},
                                             {QStringLiteral("dark-green"), QStringLiteral("#37872d")},
                                             {QStringLiteral("dark-yellow"), QStringLiteral("#e0b400")},
                                             {QStringLiteral("dark-orange"), QStringLiteral("#fa6400")}};
    return map.value(c, c.isEmpty() ? QStringLiteral("#e02f44") : c);
}

QString panelName(const QJsonObject &p, int index)
{
    const QString t = p.value(QStringLiteral("title")).toString();
    return t.isEmpty() ? QStringLiteral("panel %1").arg(index + 1) : QStringLiteral("panel \"%1\"").arg(t);
}

QString rangeFrom(const QString &from)
{
    // "now-6h" -> "6h"; absolute times are not a dashboard default Sitrep keeps.
    if (from.startsWith(QLatin1String("now-")) && StepCalculator::parseDuration(from.mid(4)))
        return from.mid(4);
    return {};
}

} // namespace

Result<GrafanaImport> GrafanaImporter::import(const QByteArray &json, const QString &source)
{
    QJsonParseError pe{};
    const QJsonDocument doc = QJsonDocument::fromJson(json, &pe);
    if (pe.error != QJsonParseError::NoError)
        return makeError(QStringLiteral("not valid JSON: %1 at byte %2").arg(pe.errorString()).arg(pe.offset),
                         source);
    if (!doc.isObject())
        return makeError(QStringLiteral("is not a Grafana dashboard: the JSON is not an object"), source);
    QJsonObject root = doc.object();
    if (root.value(QStringLiteral("dashboard")).isObject())
        root = root.value(QStringLiteral("dashboard")).toObject();
    const bool hasPanels = root.value(QStringLiteral("panels")).isArray();
    const bool hasRows = root.value(QStringLiteral("rows")).isArray();
    if (!hasPanels && !hasRows) {
        QStringList keys = root.keys();
        if (keys.size() > 8)
            keys = keys.mid(0, 8) << QStringLiteral("...");
        return makeError(
            QStringLiteral("is not a Grafana dashboard: it has no \"panels\" list (its keys: %1)")
                .arg(keys.isEmpty() ? QStringLiteral("none") : keys.join(QStringLiteral(", "))),
            source);
    }

    GrafanaImport out;
    Dashboard &d = out.dashboard;
    d.title = root.value(QStringLiteral("title")).toString();
    if (d.title.isEmpty())
        d.title = QStringLiteral("Imported dashboard");
    d.description = root.value(QStringLiteral("description")).toString();
    const QString from =
        root.value(QStringLiteral("time")).toObject().value(QStringLiteral("from")).toString();
    if (!from.isEmpty()) {
        const QString r = rangeFrom(from);
        if (r.isEmpty())
            out.unsupported << QStringLiteral(
                                   "time range \"%1\": only relative ranges (now-6h) are kept; using 1h")
                                   .arg(from);
        else
            d.defaultRange = r;
    }
    const QJsonValue refresh = root.value(QStringLiteral("refresh"));
    if (refresh.isString() && !refresh.toString().isEmpty()) {
        static const QStringList allowed{QStringLiteral("5s"), QStringLiteral("10s"), QStringLiteral("30s"),
                                         QStringLiteral("1m")};
        if (allowed.contains(refresh.toString()))
            d.refresh = refresh.toString();
        else
            out.unsupported << QStringLiteral(
                                   "auto refresh \"%1\": Sitrep offers 5s, 10s, 30s and 1m; refresh is off")
                                   .arg(refresh.toString());
    }

    for (const auto &v :
         root.value(QStringLiteral("templating")).toObject().value(QStringLiteral("list")).toArray())
        importVariable(v.toObject(), out);
    if (!root.value(QStringLiteral("annotations"))
             .toObject()
             .value(QStringLiteral("list"))
             .toArray()
             .isEmpty()) {
        // The built-in "Annotations & Alerts" entry is always there; more than that is worth saying.
        const auto list =
            root.value(QStringLiteral("annotations")).toObject().value(QStringLiteral("list")).toArray();
        int custom = 0;
        for (const auto &a : list) {
            if (!a.toObject().value(QStringLiteral("builtIn")).toInt())
                ++custom;
        }
        if (custom > 0)
            out.unsupported
                << QStringLiteral(
                       "%1 annotation queries: Sitrep draws the incident's own timeline events instead")
                       .arg(custom);
    }
    if (!root.value(QStringLiteral("links")).toArray().isEmpty())
        out.unsupported << QStringLiteral("dashboard links are not shown");

    int index = 0;
    QJsonArray panels = root.value(QStringLiteral("panels")).toArray();
    if (hasRows) {
        // Pre-5.0 schema: rows with their own panels; give them consecutive grid rows.
        int y = 0;
        for (const auto &rv : root.value(QStringLiteral("rows")).toArray()) {
            for (const auto &pv : rv.toObject().value(QStringLiteral("panels")).toArray()) {
                QJsonObject p = pv.toObject();
                const int span = p.value(QStringLiteral("span")).toInt(12);
                p.insert(QStringLiteral("gridPos"),
                         QJsonObject{{QStringLiteral("x"), 0},
                                     {QStringLiteral("y"), y},
                                     {QStringLiteral("w"), qBound(1, span * 2, 24)},
                                     {QStringLiteral("h"), 8}});
                y += 8;
                panels.append(p);
            }
        }
    }
    for (const auto &pv : panels) {
        const QJsonObject p = pv.toObject();
        if (p.value(QStringLiteral("type")).toString() == QLatin1String("row")) {
            // Collapsed rows carry their panels inside; open rows are only a heading.
            for (const auto &inner : p.value(QStringLiteral("panels")).toArray())
                importPanel(inner.toObject(), out, index++);
            continue;
        }
        importPanel(p, out, index++);
    }
    if (d.panels.isEmpty())
        out.unsupported << QStringLiteral("no panel could be imported");
    return out;
}

void GrafanaImporter::importVariable(const QJsonObject &v, GrafanaImport &out)
{
    Variable var;
    var.name = v.value(QStringLiteral("name")).toString();
    var.label = v.value(QStringLiteral("label")).toString(var.name);
    if (var.label.isEmpty())
        var.label = var.name;
    const QString type = v.value(QStringLiteral("type")).toString();
    const QJsonValue currentValue =
        v.value(QStringLiteral("current")).toObject().value(QStringLiteral("value"));
    var.multi = v.value(QStringLiteral("multi")).toBool();
    var.includeAll = v.value(QStringLiteral("includeAll")).toBool();
    var.allValue = v.value(QStringLiteral("allValue")).toString();
    QStringList current;
    if (currentValue.isArray()) {
        for (const auto &c : currentValue.toArray())
            current << c.toString();
    } else if (!currentValue.toString().isEmpty()) {
        current << currentValue.toString();
    }
    if (var.multi || var.includeAll) {
        // Several values (or "All") expand as a regex alternation, as Grafana does for Prometheus.
        var.multi = true;
        var.selected = current;
    } else {
        var.current = current.value(0);
        if (var.current == QLatin1String(Variable::kAll))
            var.current.clear();
    }

    QString query;
    const QJsonValue q = v.value(QStringLiteral("query"));
    query = q.isObject() ? q.toObject().value(QStringLiteral("query")).toString() : q.toString();
    if (type == QLatin1String("custom")) {
        var.type = Variable::Type::Custom;
        for (const auto &o : v.value(QStringLiteral("options")).toArray())
            var.options << o.toObject().value(QStringLiteral("value")).toString();
        if (var.options.isEmpty()) {
            for (const QString &part : query.split(QLatin1Char(','), Qt::SkipEmptyParts))
                var.options << part.trimmed();
        }
    } else if (type == QLatin1String("constant")) {
        var.type = Variable::Type::Constant;
        var.current = query;
    } else if (type == QLatin1String("textbox")) {
        var.type = Variable::Type::TextBox;
        if (var.current.isEmpty())
            var.current = query;
    } else if (type == QLatin1String("query")) {
        var.type = Variable::Type::Query;
        const QString definition = v.value(QStringLiteral("definition")).toString();
        var.query = query.isEmpty() ? definition : query;
        if (!var.query.trimmed().startsWith(QLatin1String("label_values"))) {
            out.unsupported << QStringLiteral(
                                   "variable $%1: only label_values(...) queries are evaluated, not \"%2\"; "
                                   "it keeps its saved value \"%3\"")
                                   .arg(var.name, var.query, var.current);
            var.type = Variable::Type::Constant;
            var.query.clear();
        }
        if (!v.value(QStringLiteral("regex")).toString().isEmpty())
            out.unsupported << QStringLiteral("variable $%1: its regex filter is not applied").arg(var.name);
    } else {
        out.unsupported << QStringLiteral(
                               "variable $%1 of type %2 is not supported; $%1 stays unexpanded in queries")
                               .arg(var.name, type.isEmpty() ? QStringLiteral("(none)") : type);
        return;
    }
    out.dashboard.variables << var;
}

void GrafanaImporter::importPanel(const QJsonObject &p, GrafanaImport &out, int index)
{
    const QString name = panelName(p, index);
    const QString type = p.value(QStringLiteral("type")).toString();
    Panel panel;
    panel.title = p.value(QStringLiteral("title")).toString();
    panel.description = p.value(QStringLiteral("description")).toString();
    if (type == QLatin1String("timeseries") || type == QLatin1String("graph")) {
        panel.type = PanelType::TimeSeries;
    } else if (type == QLatin1String("stat") || type == QLatin1String("singlestat")) {
        panel.type = PanelType::Stat;
    } else if (type == QLatin1String("gauge") || type == QLatin1String("bargauge")) {
        panel.type = PanelType::Stat;
        out.unsupported << QStringLiteral("%1 (%2) is shown as a stat with thresholds").arg(name, type);
    } else if (type == QLatin1String("table") || type == QLatin1String("table-old")) {
        panel.type = PanelType::Table;
    } else {
        out.unsupported << QStringLiteral("%1 of type %2 is not supported and was left out")
                               .arg(name, type.isEmpty() ? QStringLiteral("(none)") : type);
        return;
    }

    const QJsonValue ds = p.value(QStringLiteral("datasource"));
    const QString dsType = ds.isObject() ? ds.toObject().value(QStringLiteral("type")).toString() : QString();
    if (!dsType.isEmpty() && dsType != QLatin1String("prometheus") && dsType != QLatin1String("datasource")) {
        out.unsupported << QStringLiteral("%1 reads from a %2 data source; Sitrep only queries Prometheus")
                               .arg(name, dsType);
        return;
    }
    int t = 0;
    for (const auto &tv : p.value(QStringLiteral("targets")).toArray()) {
        const QJsonObject to = tv.toObject();
        PanelTarget target;
        target.expr = to.value(QStringLiteral("expr")).toString();
        target.legendFormat = to.value(QStringLiteral("legendFormat")).toString();
        target.refId = to.value(QStringLiteral("refId")).toString(QString(QChar(u'A' + (t++ % 26))));
        if (to.value(QStringLiteral("hide")).toBool()) {
            out.unsupported << QStringLiteral("%1: hidden query %2 is left out").arg(name, target.refId);
            continue;
        }
        if (target.expr.trimmed().isEmpty()) {
            out.unsupported
                << QStringLiteral(
                       "%1: query %2 has no PromQL \"expr\" (another data source?) and was left out")
                       .arg(name, target.refId);
            continue;
        }
        panel.targets << target;
    }
    if (panel.targets.isEmpty()) {
        out.unsupported << QStringLiteral("%1 has no Prometheus query and was left out").arg(name);
        return;
    }

    const QJsonObject defaults =
        p.value(QStringLiteral("fieldConfig")).toObject().value(QStringLiteral("defaults")).toObject();
    QString unit = defaults.value(QStringLiteral("unit")).toString();
    panel.min = number(defaults.value(QStringLiteral("min")));
    panel.max = number(defaults.value(QStringLiteral("max")));
    if (defaults.value(QStringLiteral("decimals")).isDouble())
        panel.decimals = defaults.value(QStringLiteral("decimals")).toInt();
    const QJsonObject thresholds = defaults.value(QStringLiteral("thresholds")).toObject();
    for (const auto &sv : thresholds.value(QStringLiteral("steps")).toArray()) {
        const QJsonObject so = sv.toObject();
        const auto value = number(so.value(QStringLiteral("value")));
        if (!value)
            continue; // the base step (value null) is the normal colour, not a line
        panel.thresholds << Threshold{*value, grafanaColor(so.value(QStringLiteral("color")).toString()),
                                      QString()};
    }
    if (thresholds.value(QStringLiteral("mode")).toString() == QLatin1String("percentage") &&
        !panel.thresholds.isEmpty())
        out.unsupported << QStringLiteral("%1: percentage thresholds are used as absolute values").arg(name);
    const QJsonObject custom = defaults.value(QStringLiteral("custom")).toObject();
    const QString stacking =
        custom.value(QStringLiteral("stacking")).toObject().value(QStringLiteral("mode")).toString();
    if (stacking == QLatin1String("normal"))
        panel.stacked = true;
    else if (stacking == QLatin1String("percent")) {
        out.unsupported << QStringLiteral("%1: stacking to 100% is drawn as normal stacking").arg(name);
        panel.stacked = true;
    }

    if (type == QLatin1String("graph")) {
        const QJsonArray yaxes = p.value(QStringLiteral("yaxes")).toArray();
        if (!yaxes.isEmpty()) {
            const QJsonObject y = yaxes.first().toObject();
            if (unit.isEmpty())
                unit = y.value(QStringLiteral("format")).toString();
            if (!panel.min)
                panel.min = number(y.value(QStringLiteral("min")));
            if (!panel.max)
                panel.max = number(y.value(QStringLiteral("max")));
        }
        if (p.value(QStringLiteral("stack")).toBool())
            panel.stacked = true;
        for (const auto &tv : p.value(QStringLiteral("thresholds")).toArray()) {
            const QJsonObject to = tv.toObject();
            if (const auto v = number(to.value(QStringLiteral("value"))))
                panel.thresholds << Threshold{
                    *v,
                    grafanaColor(
                        to.value(QStringLiteral("lineColor"))
                            .toString(to.value(QStringLiteral("colorMode")).toString(QStringLiteral("red")))),
                    QString()};
        }
        if (!p.value(QStringLiteral("seriesOverrides")).toArray().isEmpty())
            out.unsupported << QStringLiteral(
                                   "%1: series overrides (per-series styles, second y axis) are ignored")
                                   .arg(name);
        if (p.contains(QStringLiteral("alert")))
            out.unsupported << QStringLiteral(
                                   "%1: its legacy Grafana alert is not evaluated (Prometheus rules are)")
                                   .arg(name);
    }
    if (type == QLatin1String("singlestat")) {
        if (unit.isEmpty())
            unit = p.value(QStringLiteral("format")).toString();
        const QStringList steps =
            p.value(QStringLiteral("thresholds")).toString().split(QLatin1Char(','), Qt::SkipEmptyParts);
        const QJsonArray colors = p.value(QStringLiteral("colors")).toArray();
        for (int i = 0; i < steps.size(); ++i) {
            bool ok = false;
            const double v = steps.at(i).trimmed().toDouble(&ok);
            if (ok)
                panel.thresholds << Threshold{
                    v, colors.size() > i + 1 ? colors.at(i + 1).toString() : QStringLiteral("#e02f44"),
                    QString()};
        }
    }
    if (!unit.isEmpty()) {
        if (UnitFormat::isKnown(unit))
            panel.unit = UnitFormat::normalize(unit);
        else
            out.unsupported << QStringLiteral(
                                   "%1: unit \"%2\" is not known; values are shown as plain numbers")
                                   .arg(name, unit);
    }
    if (!p.value(QStringLiteral("fieldConfig"))
             .toObject()
             .value(QStringLiteral("overrides"))
             .toArray()
             .isEmpty())
        out.unsupported << QStringLiteral("%1: field overrides are ignored").arg(name);
    if (!p.value(QStringLiteral("transformations")).toArray().isEmpty())
        out.unsupported << QStringLiteral("%1: transformations are not applied").arg(name);
    if (panel.type == PanelType::Stat) {
        const QJsonArray calcs = p.value(QStringLiteral("options"))
                                     .toObject()
                                     .value(QStringLiteral("reduceOptions"))
                                     .toObject()
                                     .value(QStringLiteral("calcs"))
                                     .toArray();
        const QString calc = calcs.isEmpty() ? QStringLiteral("lastNotNull") : calcs.first().toString();
        if (calc != QLatin1String("lastNotNull") && calc != QLatin1String("last"))
            out.unsupported
                << QStringLiteral("%1: the stat shows the last value, not \"%2\"").arg(name, calc);
    }
    if (!p.value(QStringLiteral("interval")).toString().isEmpty())
        out.unsupported << QStringLiteral(
                               "%1: its minimum interval \"%2\" is replaced by the scrape interval")
                               .arg(name, p.value(QStringLiteral("interval")).toString());

    const QJsonObject g = p.value(QStringLiteral("gridPos")).toObject();
    panel.grid.x = qBound(0, g.value(QStringLiteral("x")).toInt(0), 23);
    panel.grid.y = qMax(0, g.value(QStringLiteral("y")).toInt(index * 8));
    panel.grid.w = qBound(1, g.value(QStringLiteral("w")).toInt(12), 24);
    panel.grid.h = qMax(1, g.value(QStringLiteral("h")).toInt(8));
    out.dashboard.panels << panel;
}

} // namespace Sitrep::Prom
