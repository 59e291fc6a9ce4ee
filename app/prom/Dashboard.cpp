#include "prom/Dashboard.h"

#include "prom/QueryTemplate.h"
#include "prom/StepCalculator.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace Sitrep::Prom {

using Core::makeError;
using Core::Result;

QString panelTypeName(PanelType t)
{
    switch (t) {
    case PanelType::TimeSeries:
        return QStringLiteral("timeseries");
    case PanelType::Stat:
        return QStringLiteral("stat");
    case PanelType::Table:
        return QStringLiteral("table");
    case PanelType::Gauge:
        return QStringLiteral("gauge");
    case PanelType::BarGauge:
        return QStringLiteral("bargauge");
    case PanelType::StateTimeline:
        return QStringLiteral("state-timeline");
    case PanelType::Text:
        return QStringLiteral("text");
    }
    return {};
}

std::optional<PanelType> panelTypeFromName(const QString &name)
{
    for (const PanelType t : {PanelType::TimeSeries, PanelType::Stat, PanelType::Table, PanelType::Gauge,
                              PanelType::BarGauge, PanelType::StateTimeline, PanelType::Text}) {
        if (panelTypeName(t) == name)
            return t;
    }
    return std::nullopt;
}

FieldConfig Panel::configFor(const QString &displayName, const QString &refId, bool numeric,
                             const QString &fieldName) const
{
    FieldConfig c;
    if (!unit.isEmpty())
        c.unit = unit;
    if (decimals >= 0)
        c.decimals = decimals;
    c.min = min;
    c.max = max;
    // Sitrep's own threshold lines colour stats from each value upward, on green below the first.
    if (!thresholds.isEmpty()) {
        Thresholds t;
        t.steps << ThresholdStep{std::nullopt, QStringLiteral("#43a047")};
        for (const Threshold &th : thresholds)
            t.steps << ThresholdStep{th.value, th.color};
        std::stable_sort(t.steps.begin() + 1, t.steps.end(),
                         [](const ThresholdStep &a, const ThresholdStep &b) { return *a.value < *b.value; });
        c.thresholds = t;
    }
    c.merge(field);
    for (const FieldOverride &o : overrides) {
        if (o.matcher.matches(displayName, refId, numeric, fieldName))
            c.merge(o.config);
    }
    return c;
}

namespace {

std::optional<double> optionalNumber(const QJsonObject &o, const char *key)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (v.isDouble())
        return v.toDouble();
    return std::nullopt;
}

} // namespace

void Variable::insertQueryFields(QJsonObject &o) const
{
    if (!query.isEmpty())
        o.insert(QStringLiteral("query"), query);
    if (multi)
        o.insert(QStringLiteral("multi"), true);
    if (includeAll)
        o.insert(QStringLiteral("includeAll"), true);
    if (!allValue.isEmpty())
        o.insert(QStringLiteral("allValue"), allValue);
}

QString Variable::typeName(Type t)
{
    switch (t) {
    case Type::Custom:
        return QStringLiteral("custom");
    case Type::Constant:
        return QStringLiteral("constant");
    case Type::Query:
        return QStringLiteral("query");
    case Type::TextBox:
        return QStringLiteral("textbox");
    case Type::Datasource:
        return QStringLiteral("datasource");
    case Type::Interval:
        return QStringLiteral("interval");
    case Type::AdHoc:
        return QStringLiteral("adhoc");
    }
    return {};
}

bool Variable::isAll() const
{
    return selected.contains(QLatin1String(kAll)) || current == QLatin1String(kAll);
}

QStringList Variable::values() const
{
    if (multi && !selected.isEmpty()) {
        if (isAll())
            return options;
        return selected;
    }
    const QString v = value();
    return v.isEmpty() ? QStringList() : QStringList{v};
}

QString Variable::value() const
{
    if (multi && !selected.isEmpty()) {
        if (selected.contains(QLatin1String(kAll)))
            return allValue.isEmpty() ? regexAlternation(options) : allValue;
        return regexAlternation(selected);
    }
    return current.isEmpty() && !options.isEmpty() ? options.first() : current;
}

QString Variable::regexAlternation(const QStringList &values)
{
    // Grafana's Prometheus formatting: regex metacharacters escaped for a PromQL string, several values
    // grouped.
    VariableValue v;
    v.values = values;
    v.multiFormat = true;
    return QueryTemplate::format(v, QString());
}

const Variable *Dashboard::variable(const QString &name) const
{
    for (const auto &v : variables) {
        if (v.name == name)
            return &v;
    }
    return nullptr;
}

void Dashboard::addQueryPanel(const QString &title, const QString &expr)
{
    int bottom = 0;
    for (qsizetype i = panels.size() - 1; i >= 0; --i) {
        if (panels[i].targets.size() == 1 && panels[i].targets.first().expr == expr) {
            panels.removeAt(i);
            continue;
        }
        // Above the first row, where it stays in view whatever the rows fold.
        if (panels[i].row < 0)
            bottom = std::max(bottom, panels[i].grid.y + panels[i].grid.h);
    }
    Panel p;
    p.title = title;
    p.description = QStringLiteral("From the runbook: ") + expr;
    p.targets.append({expr, {}, QStringLiteral("A")});
    p.grid = {0, bottom, 24, 8};
    panels.append(p);
}

int Dashboard::applyBurnThresholds(const QList<BurnWindowPair> &thresholds)
{
    if (thresholds.isEmpty())
        return 0;
    auto colorOf = [](const QString &severity) {
        if (severity == QLatin1String("critical") || severity == QLatin1String("page") ||
            severity == QLatin1String("high"))
            return QStringLiteral("#e53935");
        if (severity == QLatin1String("warning") || severity == QLatin1String("medium"))
            return QStringLiteral("#fb8c00");
        return QStringLiteral("#fdd835");
    };
    QList<Threshold> mine;
    for (const BurnWindowPair &t : thresholds)
        mine.append({t.factor, colorOf(t.severity),
                     QStringLiteral("%1x %2 (runbook)").arg(t.factor).arg(t.severity)});
    // Stat panels colour from each value upward: ascending order.
    std::sort(mine.begin(), mine.end(),
              [](const Threshold &a, const Threshold &b) { return a.value < b.value; });
    int changed = 0;
    for (Panel &p : panels) {
        if (p.unit != QLatin1String("suffix:x"))
            continue;
        p.thresholds = mine;
        ++changed;
    }
    return changed;
}

Result<Dashboard> Dashboard::fromJson(const QByteArray &json, const QString &source)
{
    QJsonParseError pe{};
    const QJsonDocument doc = QJsonDocument::fromJson(json, &pe);
    if (pe.error != QJsonParseError::NoError)
        return makeError(QStringLiteral("not valid JSON: %1 at byte %2").arg(pe.errorString()).arg(pe.offset),
                         source);
    if (!doc.isObject())
        return makeError(QStringLiteral("a dashboard is a JSON object"), source);
    const QJsonObject root = doc.object();
    const auto where = [&source](const QString &field) { return source + QLatin1Char(':') + field; };
    const QJsonValue version = root.value(QStringLiteral("sitrepDashboard"));
    if (!version.isDouble())
        return makeError(QStringLiteral("not a Sitrep dashboard (no \"sitrepDashboard\": 1); "
                                        "Grafana dashboards are imported instead"),
                         source);
    if (version.toInt() > kFormatVersion)
        return makeError(QStringLiteral("written for a newer Sitrep (format %1, this one reads %2)")
                             .arg(version.toInt())
                             .arg(kFormatVersion),
                         where(QStringLiteral("sitrepDashboard")));
    Dashboard d;
    d.title = root.value(QStringLiteral("title")).toString();
    if (d.title.isEmpty())
        return makeError(QStringLiteral("missing"), where(QStringLiteral("title")));
    d.description = root.value(QStringLiteral("description")).toString();
    d.defaultRange = root.value(QStringLiteral("range")).toString(d.defaultRange);
    if (!StepCalculator::parseDuration(d.defaultRange))
        return makeError(QStringLiteral("\"%1\" is not a duration like 1h").arg(d.defaultRange),
                         where(QStringLiteral("range")));
    d.refresh = root.value(QStringLiteral("refresh")).toString();
    d.scrapeInterval = root.value(QStringLiteral("scrapeInterval")).toString(d.scrapeInterval);
    if (!StepCalculator::parseDuration(d.scrapeInterval))
        return makeError(QStringLiteral("\"%1\" is not a duration like 15s").arg(d.scrapeInterval),
                         where(QStringLiteral("scrapeInterval")));

    const QJsonArray vars = root.value(QStringLiteral("variables")).toArray();
    for (int i = 0; i < vars.size(); ++i) {
        const QJsonObject vo = vars.at(i).toObject();
        const QString at = QStringLiteral("variables[%1]").arg(i);
        Variable v;
        v.name = vo.value(QStringLiteral("name")).toString();
        if (v.name.isEmpty())
            return makeError(QStringLiteral("missing"), where(at + QStringLiteral(".name")));
        v.label = vo.value(QStringLiteral("label")).toString(v.name);
        const QString type = vo.value(QStringLiteral("type")).toString(QStringLiteral("custom"));
        if (type == QLatin1String("custom"))
            v.type = Variable::Type::Custom;
        else if (type == QLatin1String("constant"))
            v.type = Variable::Type::Constant;
        else if (type == QLatin1String("query"))
            v.type = Variable::Type::Query;
        else if (type == QLatin1String("textbox"))
            v.type = Variable::Type::TextBox;
        else
            return makeError(
                QStringLiteral("unknown type \"%1\" (custom, constant, query, textbox)").arg(type),
                where(at + QStringLiteral(".type")));
        for (const auto &o : vo.value(QStringLiteral("options")).toArray())
            v.options << o.toString();
        v.current = vo.value(QStringLiteral("value")).toString();
        v.query = vo.value(QStringLiteral("query")).toString();
        v.multi = vo.value(QStringLiteral("multi")).toBool();
        v.includeAll = vo.value(QStringLiteral("includeAll")).toBool();
        v.allValue = vo.value(QStringLiteral("allValue")).toString();
        for (const auto &sv : vo.value(QStringLiteral("selected")).toArray())
            v.selected << sv.toString();
        if (v.type == Variable::Type::Query && v.query.isEmpty())
            return makeError(QStringLiteral("a query variable needs \"query\": \"label_values(...)\""),
                             where(at + QStringLiteral(".query")));
        d.variables << v;
    }

    const QJsonValue panelsValue = root.value(QStringLiteral("panels"));
    if (!panelsValue.isArray())
        return makeError(QStringLiteral("missing list of panels"), where(QStringLiteral("panels")));
    const QJsonArray panels = panelsValue.toArray();
    for (int i = 0; i < panels.size(); ++i) {
        const QJsonObject po = panels.at(i).toObject();
        const QString at = QStringLiteral("panels[%1]").arg(i);
        Panel p;
        p.title = po.value(QStringLiteral("title")).toString();
        p.description = po.value(QStringLiteral("description")).toString();
        const QString type = po.value(QStringLiteral("type")).toString(QStringLiteral("timeseries"));
        if (const auto t = panelTypeFromName(type))
            p.type = *t;
        else
            return makeError(
                QStringLiteral("unknown panel type \"%1\" (timeseries, stat, table, gauge, bargauge, "
                               "state-timeline)")
                    .arg(type),
                where(at + QStringLiteral(".type")));
        const QJsonArray targets = po.value(QStringLiteral("targets")).toArray();
        if (targets.isEmpty())
            return makeError(QStringLiteral("a panel needs at least one target"),
                             where(at + QStringLiteral(".targets")));
        for (int t = 0; t < targets.size(); ++t) {
            const QJsonObject to = targets.at(t).toObject();
            PanelTarget pt;
            pt.expr = to.value(QStringLiteral("expr")).toString();
            if (pt.expr.trimmed().isEmpty())
                return makeError(QStringLiteral("missing PromQL"),
                                 where(at + QStringLiteral(".targets[%1].expr").arg(t)));
            pt.legendFormat = to.value(QStringLiteral("legend")).toString();
            pt.refId = to.value(QStringLiteral("refId")).toString(QString(QChar(u'A' + (t % 26))));
            p.targets << pt;
        }
        p.unit = po.value(QStringLiteral("unit")).toString();
        p.min = optionalNumber(po, "min");
        p.max = optionalNumber(po, "max");
        p.decimals = po.value(QStringLiteral("decimals")).toInt(-1);
        p.stacked = po.value(QStringLiteral("stacked")).toBool();
        const QJsonArray th = po.value(QStringLiteral("thresholds")).toArray();
        for (int t = 0; t < th.size(); ++t) {
            const QJsonObject to = th.at(t).toObject();
            if (!to.value(QStringLiteral("value")).isDouble())
                return makeError(QStringLiteral("a threshold needs a numeric value"),
                                 where(at + QStringLiteral(".thresholds[%1].value").arg(t)));
            p.thresholds << Threshold{to.value(QStringLiteral("value")).toDouble(),
                                      to.value(QStringLiteral("color")).toString(QStringLiteral("#e53935")),
                                      to.value(QStringLiteral("label")).toString()};
        }
        for (const auto &bv : po.value(QStringLiteral("bands")).toArray()) {
            const QJsonObject bo = bv.toObject();
            p.bands << Band{bo.value(QStringLiteral("from")).toDouble(),
                            bo.value(QStringLiteral("to")).toDouble(),
                            bo.value(QStringLiteral("color")).toString(QStringLiteral("#43a047")),
                            bo.value(QStringLiteral("label")).toString()};
        }
        const QJsonObject g = po.value(QStringLiteral("gridPos")).toObject();
        p.grid.x = g.value(QStringLiteral("x")).toInt(0);
        p.grid.y = g.value(QStringLiteral("y")).toInt(i * 8);
        p.grid.w = qBound(1, g.value(QStringLiteral("w")).toInt(12), 24);
        p.grid.h = qMax(1, g.value(QStringLiteral("h")).toInt(8));
        if (po.contains(QStringLiteral("slo"))) {
            const QJsonObject so = po.value(QStringLiteral("slo")).toObject();
            SloSpec s;
            s.objective = so.value(QStringLiteral("objective")).toDouble(0.999);
            if (s.objective <= 0 || s.objective >= 1)
                return makeError(QStringLiteral("the objective is a ratio between 0 and 1, e.g. 0.999"),
                                 where(at + QStringLiteral(".slo.objective")));
            const auto period = StepCalculator::parseDuration(
                so.value(QStringLiteral("period")).toString(QStringLiteral("30d")));
            if (!period)
                return makeError(QStringLiteral("not a duration like 30d"),
                                 where(at + QStringLiteral(".slo.period")));
            s.periodMs = *period;
            p.slo = s;
        }
        d.panels << p;
    }
    return d;
}

QByteArray Dashboard::toJson() const
{
    QJsonObject root{{QStringLiteral("sitrepDashboard"), kFormatVersion},
                     {QStringLiteral("title"), title},
                     {QStringLiteral("range"), defaultRange},
                     {QStringLiteral("scrapeInterval"), scrapeInterval}};
    if (!description.isEmpty())
        root.insert(QStringLiteral("description"), description);
    if (!refresh.isEmpty())
        root.insert(QStringLiteral("refresh"), refresh);
    QJsonArray vars;
    for (const auto &v : variables) {
        QJsonObject o{{QStringLiteral("name"), v.name}, {QStringLiteral("type"), Variable::typeName(v.type)}};
        if (v.label != v.name && !v.label.isEmpty())
            o.insert(QStringLiteral("label"), v.label);
        if (!v.options.isEmpty())
            o.insert(QStringLiteral("options"), QJsonArray::fromStringList(v.options));
        if (!v.current.isEmpty())
            o.insert(QStringLiteral("value"), v.current);
        v.insertQueryFields(o);
        if (!v.selected.isEmpty())
            o.insert(QStringLiteral("selected"), QJsonArray::fromStringList(v.selected));
        vars.append(o);
    }
    if (!vars.isEmpty())
        root.insert(QStringLiteral("variables"), vars);
    QJsonArray panelArray;
    for (const auto &p : panels) {
        QJsonObject o{{QStringLiteral("title"), p.title}, {QStringLiteral("type"), panelTypeName(p.type)}};
        if (!p.description.isEmpty())
            o.insert(QStringLiteral("description"), p.description);
        QJsonArray targets;
        for (const auto &t : p.targets) {
            QJsonObject to{{QStringLiteral("expr"), t.expr}};
            if (!t.legendFormat.isEmpty())
                to.insert(QStringLiteral("legend"), t.legendFormat);
            targets.append(to);
        }
        o.insert(QStringLiteral("targets"), targets);
        if (!p.unit.isEmpty())
            o.insert(QStringLiteral("unit"), p.unit);
        if (p.min)
            o.insert(QStringLiteral("min"), *p.min);
        if (p.max)
            o.insert(QStringLiteral("max"), *p.max);
        if (p.decimals >= 0)
            o.insert(QStringLiteral("decimals"), p.decimals);
        if (p.stacked)
            o.insert(QStringLiteral("stacked"), true);
        QJsonArray th;
        for (const auto &t : p.thresholds) {
            QJsonObject to{{QStringLiteral("value"), t.value}, {QStringLiteral("color"), t.color}};
            if (!t.label.isEmpty())
                to.insert(QStringLiteral("label"), t.label);
            th.append(to);
        }
        if (!th.isEmpty())
            o.insert(QStringLiteral("thresholds"), th);
        QJsonArray bands;
        for (const auto &b : p.bands)
            bands.append(QJsonObject{{QStringLiteral("from"), b.from},
                                     {QStringLiteral("to"), b.to},
                                     {QStringLiteral("color"), b.color},
                                     {QStringLiteral("label"), b.label}});
        if (!bands.isEmpty())
            o.insert(QStringLiteral("bands"), bands);
        o.insert(QStringLiteral("gridPos"), QJsonObject{{QStringLiteral("x"), p.grid.x},
                                                        {QStringLiteral("y"), p.grid.y},
                                                        {QStringLiteral("w"), p.grid.w},
                                                        {QStringLiteral("h"), p.grid.h}});
        if (p.slo)
            o.insert(QStringLiteral("slo"), QJsonObject{{QStringLiteral("objective"), p.slo->objective},
                                                        {QStringLiteral("period"),
                                                         StepCalculator::formatDuration(p.slo->periodMs)}});
        panelArray.append(o);
    }
    root.insert(QStringLiteral("panels"), panelArray);
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

} // namespace Sitrep::Prom
