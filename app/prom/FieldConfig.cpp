#include "prom/FieldConfig.h"

#include <QJsonArray>
#include <QRegularExpression>

#include <cmath>

namespace Sitrep::Prom {

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

Thresholds thresholdsFrom(const QJsonObject &o)
{
    Thresholds t;
    t.mode = o.value(QLatin1String("mode")).toString() == QLatin1String("percentage")
                 ? Thresholds::Mode::Percentage
                 : Thresholds::Mode::Absolute;
    for (const QJsonValue &sv : o.value(QLatin1String("steps")).toArray()) {
        const QJsonObject so = sv.toObject();
        ThresholdStep s;
        s.value = number(so.value(QLatin1String("value")));
        s.color = so.value(QLatin1String("color")).toString();
        t.steps << s;
    }
    // The base step first; Grafana keeps the others ascending.
    std::stable_sort(t.steps.begin(), t.steps.end(), [](const ThresholdStep &a, const ThresholdStep &b) {
        return a.value.value_or(-qInf()) < b.value.value_or(-qInf());
    });
    return t;
}

MappingResult resultFrom(const QJsonObject &o)
{
    return {o.value(QLatin1String("text")).toString(), o.value(QLatin1String("color")).toString()};
}

ColorSpec colorFrom(const QJsonValue &v)
{
    ColorSpec c;
    if (v.isString()) { // an override's "color" can be a bare colour in old dashboards
        c.mode = QStringLiteral("fixed");
        c.fixedColor = v.toString();
        return c;
    }
    const QJsonObject o = v.toObject();
    c.mode = o.value(QLatin1String("mode")).toString(c.mode);
    c.fixedColor = o.value(QLatin1String("fixedColor")).toString();
    return c;
}

// Reads one Grafana property (id, value) into cfg; false when the id is not one this reader takes up.
bool applyProperty(FieldConfig &cfg, const QString &id, const QJsonValue &value)
{
    if (id == QLatin1String("unit"))
        cfg.unit = value.toString();
    else if (id == QLatin1String("decimals")) {
        if (value.isDouble())
            cfg.decimals = value.toInt();
    } else if (id == QLatin1String("min"))
        cfg.min = number(value);
    else if (id == QLatin1String("max"))
        cfg.max = number(value);
    else if (id == QLatin1String("displayName") || id == QLatin1String("displayNameFromDS"))
        cfg.displayName = value.toString();
    else if (id == QLatin1String("noValue"))
        cfg.noValue = value.toString();
    else if (id == QLatin1String("thresholds"))
        cfg.thresholds = thresholdsFrom(value.toObject());
    else if (id == QLatin1String("mappings"))
        cfg.mappings = FieldConfig::mappingsFrom(value.toArray());
    else if (id == QLatin1String("color"))
        cfg.color = colorFrom(value);
    else if (id == QLatin1String("custom.drawStyle")) {
        const QString s = value.toString();
        cfg.drawStyle = s == QLatin1String("bars")     ? DrawStyle::Bars
                        : s == QLatin1String("points") ? DrawStyle::Points
                                                       : DrawStyle::Line;
    } else if (id == QLatin1String("custom.lineWidth"))
        cfg.lineWidth = number(value);
    else if (id == QLatin1String("custom.fillOpacity"))
        cfg.fillOpacity = number(value);
    else if (id == QLatin1String("custom.pointSize"))
        cfg.pointSize = number(value);
    else if (id == QLatin1String("custom.gradientMode")) {
        const QString s = value.toString();
        cfg.gradientMode = s == QLatin1String("opacity")  ? GradientMode::Opacity
                           : s == QLatin1String("hue")    ? GradientMode::Hue
                           : s == QLatin1String("scheme") ? GradientMode::Scheme
                                                          : GradientMode::None;
    } else if (id == QLatin1String("custom.stacking")) {
        const QJsonObject o = value.toObject();
        const QString m = o.value(QLatin1String("mode")).toString();
        cfg.stacking = m == QLatin1String("normal")    ? StackingMode::Normal
                       : m == QLatin1String("percent") ? StackingMode::Percent
                                                       : StackingMode::None;
        // Grafana keys a stack by the group's text, whatever its JSON type: Node Exporter Full's "Total" sets
        // group false, a stack of its own (a line above the others, not stacked on them).
        const QJsonValue group = o.value(QLatin1String("group"));
        if (group.isBool())
            cfg.stackGroup = group.toBool() ? QStringLiteral("true") : QStringLiteral("false");
        else if (group.isDouble())
            cfg.stackGroup = QString::number(group.toDouble());
        else
            cfg.stackGroup = group.toString(QStringLiteral("A"));
    } else if (id == QLatin1String("custom.thresholdsStyle")) {
        const QString m = value.toObject().value(QLatin1String("mode")).toString();
        cfg.thresholdsStyle = m == QLatin1String("line")          ? ThresholdsStyle::Line
                              : m == QLatin1String("dashed")      ? ThresholdsStyle::Dashed
                              : m == QLatin1String("area")        ? ThresholdsStyle::Area
                              : m == QLatin1String("line+area")   ? ThresholdsStyle::LineAndArea
                              : m == QLatin1String("dashed+area") ? ThresholdsStyle::DashedAndArea
                                                                  : ThresholdsStyle::Off;
    } else if (id == QLatin1String("custom.transform"))
        cfg.negativeY = value.toString() == QLatin1String("negative-Y");
    else if (id == QLatin1String("custom.hideFrom")) {
        const QJsonObject o = value.toObject();
        cfg.hideFromViz = o.value(QLatin1String("viz")).toBool();
        cfg.hideFromLegend = o.value(QLatin1String("legend")).toBool();
    } else if (id == QLatin1String("custom.hidden")) // table columns
        cfg.hideFromViz = value.toBool();
    else if (id == QLatin1String("custom.lineStyle")) {
        const QString fill = value.toObject().value(QLatin1String("fill")).toString();
        cfg.dashed = fill == QLatin1String("dash") || fill == QLatin1String("dot");
    } else if (id == QLatin1String("custom.lineInterpolation")) {
        const QString s = value.toString();
        cfg.lineInterpolation = s == QLatin1String("smooth")       ? LineInterpolation::Smooth
                                : s == QLatin1String("stepBefore") ? LineInterpolation::StepBefore
                                : s == QLatin1String("stepAfter")  ? LineInterpolation::StepAfter
                                                                   : LineInterpolation::Linear;
    } else if (id == QLatin1String("custom.axisPlacement")) {
        cfg.axisRight = value.toString() == QLatin1String("right");
        cfg.axisHidden = value.toString() == QLatin1String("hidden");
    } else if (id == QLatin1String("custom.width"))
        cfg.width = number(value);
    else if (id == QLatin1String("custom.align"))
        cfg.align = value.toString();
    else if (id == QLatin1String("custom.cellOptions"))
        cfg.cellType = value.toObject().value(QLatin1String("type")).toString();
    else if (id == QLatin1String("custom.displayMode")) // table cells before Grafana 10
        cfg.cellType = value.toString();
    else
        return false;
    return true;
}

// Grafana fills every custom option with its default; only these differ from Sitrep's drawing.
bool isHarmlessDefault(const QString &key, const QJsonValue &value = QJsonValue())
{
    // An option switched off (or left empty) draws as if it were not there.
    if (value.isBool() && !value.toBool())
        return true;
    if (value.isNull() || (value.isString() && value.toString().isEmpty()) ||
        (value.isObject() && value.toObject().isEmpty()))
        return true;
    // A log or symlog axis is drawn linear: worth a note.
    if (key == QLatin1String("scaleDistribution"))
        return value.toObject().value(QLatin1String("type")).toString(QStringLiteral("linear")) ==
               QLatin1String("linear");
    static const QStringList keys{QStringLiteral("axisBorderShow"),   QStringLiteral("axisCenteredZero"),
                                  QStringLiteral("axisColorMode"),    QStringLiteral("axisLabel"),
                                  QStringLiteral("barAlignment"),     QStringLiteral("barWidthFactor"),
                                  QStringLiteral("insertNulls"),      QStringLiteral("scaleDistribution"),
                                  QStringLiteral("showPoints"),       QStringLiteral("spanNulls"),
                                  QStringLiteral("axisSoftMin"),      QStringLiteral("axisSoftMax"),
                                  QStringLiteral("axisGridShow"),     QStringLiteral("inspect"),
                                  QStringLiteral("filterable"),       QStringLiteral("minWidth"),
                                  QStringLiteral("lineWidth"),        QStringLiteral("hideValue"),
                                  QStringLiteral("rowHeight"),        QStringLiteral("footer"),
                                  QStringLiteral("mergeValues"),      QStringLiteral("pointShape"),
                                  QStringLiteral("pointStrokeWidth"), QStringLiteral("fillBelowTo")};
    return keys.contains(key);
}

} // namespace

QRegularExpression jsRegex(const QString &text)
{
    // Grafana's stringToJsRegex: "/pattern/flags" searches anywhere; anything else must match whole.
    static const QRegularExpression slashed(QStringLiteral("^/(.*?)/([gimys]*)$"));
    const auto m = slashed.match(text);
    if (!text.startsWith(QLatin1Char('/')) || !m.hasMatch())
        return QRegularExpression(QStringLiteral("^(?:") + text + QStringLiteral(")$"));
    QRegularExpression::PatternOptions options;
    if (m.captured(2).contains(QLatin1Char('i')))
        options |= QRegularExpression::CaseInsensitiveOption;
    if (m.captured(2).contains(QLatin1Char('s')))
        options |= QRegularExpression::DotMatchesEverythingOption;
    if (m.captured(2).contains(QLatin1Char('m')))
        options |= QRegularExpression::MultilineOption;
    return QRegularExpression(m.captured(1), options);
}

const ThresholdStep *Thresholds::stepFor(double value, double min, double max) const
{
    if (steps.isEmpty() || std::isnan(value))
        return steps.isEmpty() ? nullptr : &steps.first();
    double v = value;
    if (mode == Mode::Percentage) {
        if (!(max > min))
            return &steps.first();
        v = (value - min) / (max - min) * 100.0;
    }
    const ThresholdStep *active = &steps.first();
    for (const ThresholdStep &s : steps) {
        if (!s.value || v >= *s.value)
            active = &s;
        else
            break;
    }
    return active;
}

double Thresholds::absolute(double stepValue, double min, double max) const
{
    if (mode == Mode::Percentage)
        return min + (max - min) * stepValue / 100.0;
    return stepValue;
}

void FieldConfig::merge(const FieldConfig &o)
{
    const auto take = [](auto &mine, const auto &theirs) {
        if (theirs)
            mine = theirs;
    };
    take(unit, o.unit);
    take(decimals, o.decimals);
    take(min, o.min);
    take(max, o.max);
    take(displayName, o.displayName);
    take(noValue, o.noValue);
    take(thresholds, o.thresholds);
    take(mappings, o.mappings);
    take(color, o.color);
    take(drawStyle, o.drawStyle);
    take(lineWidth, o.lineWidth);
    take(fillOpacity, o.fillOpacity);
    take(gradientMode, o.gradientMode);
    take(stacking, o.stacking);
    take(stackGroup, o.stackGroup);
    take(thresholdsStyle, o.thresholdsStyle);
    take(negativeY, o.negativeY);
    take(hideFromViz, o.hideFromViz);
    take(hideFromLegend, o.hideFromLegend);
    take(dashed, o.dashed);
    take(pointSize, o.pointSize);
    take(lineInterpolation, o.lineInterpolation);
    take(axisRight, o.axisRight);
    take(axisHidden, o.axisHidden);
    take(width, o.width);
    take(cellType, o.cellType);
    take(align, o.align);
}

QList<ValueMapping> FieldConfig::mappingsFrom(const QJsonArray &array)
{
    QList<ValueMapping> out;
    for (const QJsonValue &mv : array) {
        const QJsonObject m = mv.toObject();
        const QString type = m.value(QLatin1String("type")).toString();
        const QJsonObject options = m.value(QLatin1String("options")).toObject();
        ValueMapping vm;
        if (type == QLatin1String("value")) {
            vm.type = ValueMapping::Type::Value;
            for (auto it = options.begin(); it != options.end(); ++it)
                vm.values.insert(it.key(), resultFrom(it.value().toObject()));
        } else if (type == QLatin1String("range")) {
            vm.type = ValueMapping::Type::Range;
            vm.from = number(options.value(QLatin1String("from")));
            vm.to = number(options.value(QLatin1String("to")));
            vm.result = resultFrom(options.value(QLatin1String("result")).toObject());
        } else if (type == QLatin1String("regex")) {
            vm.type = ValueMapping::Type::Regex;
            vm.pattern = options.value(QLatin1String("pattern")).toString();
            vm.result = resultFrom(options.value(QLatin1String("result")).toObject());
        } else if (type == QLatin1String("special")) {
            vm.type = ValueMapping::Type::Special;
            const QString match = options.value(QLatin1String("match")).toString();
            vm.special = match == QLatin1String("nan")        ? ValueMapping::Special::NaN
                         : match == QLatin1String("null+nan") ? ValueMapping::Special::NullAndNaN
                         : match == QLatin1String("true")     ? ValueMapping::Special::True
                         : match == QLatin1String("false")    ? ValueMapping::Special::False
                         : match == QLatin1String("empty")    ? ValueMapping::Special::Empty
                                                              : ValueMapping::Special::Null;
            vm.result = resultFrom(options.value(QLatin1String("result")).toObject());
        } else if (m.contains(QLatin1String("value")) || m.contains(QLatin1String("from"))) {
            // Grafana 7's flat form: {type: 1, value: "1", text: "UP"} or {type: 2, from, to, text}.
            const int oldType = m.value(QLatin1String("type")).toInt();
            if (oldType == 2) {
                vm.type = ValueMapping::Type::Range;
                vm.from = number(m.value(QLatin1String("from")));
                vm.to = number(m.value(QLatin1String("to")));
                vm.result = {m.value(QLatin1String("text")).toString(), QString()};
            } else {
                vm.type = ValueMapping::Type::Value;
                const QString key = m.value(QLatin1String("value")).isDouble()
                                        ? QString::number(m.value(QLatin1String("value")).toDouble())
                                        : m.value(QLatin1String("value")).toString();
                if (key == QLatin1String("null")) {
                    vm.type = ValueMapping::Type::Special;
                    vm.special = ValueMapping::Special::Null;
                    vm.result = {m.value(QLatin1String("text")).toString(), QString()};
                } else {
                    vm.values.insert(key, {m.value(QLatin1String("text")).toString(), QString()});
                }
            }
        } else {
            continue;
        }
        out << vm;
    }
    return out;
}

FieldConfig FieldConfig::fromDefaults(const QJsonObject &d)
{
    FieldConfig cfg;
    for (auto it = d.begin(); it != d.end(); ++it) {
        if (it.key() == QLatin1String("custom")) {
            const QJsonObject custom = it.value().toObject();
            for (auto c = custom.begin(); c != custom.end(); ++c) {
                if (!applyProperty(cfg, QStringLiteral("custom.") + c.key(), c.value()) &&
                    !isHarmlessDefault(c.key(), c.value()))
                    cfg.ignored << QStringLiteral("custom.") + c.key();
            }
            continue;
        }
        if (it.key() == QLatin1String("links")) {
            cfg.hasLinks = !it.value().toArray().isEmpty();
            continue;
        }
        if (it.key() == QLatin1String("filterable") || it.key() == QLatin1String("fieldMinMax") ||
            it.key() == QLatin1String("path"))
            continue;
        if (it.value().isNull())
            continue;
        if (!applyProperty(cfg, it.key(), it.value()) && !isHarmlessDefault(it.key(), it.value()))
            cfg.ignored << it.key();
    }
    return cfg;
}

FieldConfig FieldConfig::fromProperties(const QJsonArray &properties)
{
    FieldConfig cfg;
    for (const QJsonValue &pv : properties) {
        const QJsonObject p = pv.toObject();
        const QString id = p.value(QLatin1String("id")).toString();
        if (id == QLatin1String("custom.filterable") || id == QLatin1String("custom.inspect") ||
            id == QLatin1String("custom.minWidth"))
            continue;
        if (id == QLatin1String("links")) {
            cfg.hasLinks = !p.value(QLatin1String("value")).toArray().isEmpty();
            continue;
        }
        if (!applyProperty(cfg, id, p.value(QLatin1String("value"))) &&
            !isHarmlessDefault(id.startsWith(QLatin1String("custom.")) ? id.mid(7) : id,
                               p.value(QLatin1String("value"))))
            cfg.ignored << id;
    }
    return cfg;
}

bool FieldMatcher::matches(const QString &displayName, const QString &refId, bool numeric,
                           const QString &fieldName) const
{
    switch (kind) {
    case Kind::ByName:
        return displayName == option || (!fieldName.isEmpty() && fieldName == option);
    case Kind::ByNames: {
        const bool named = names.contains(displayName) || (!fieldName.isEmpty() && names.contains(fieldName));
        return exclude ? !named : named;
    }
    case Kind::ByRegexp: {
        const QRegularExpression re = jsRegex(option);
        return re.isValid() && re.match(displayName).hasMatch();
    }
    case Kind::ByFrameRefID:
        return refId == option;
    case Kind::ByType:
        return (option == QLatin1String("number")) == numeric;
    case Kind::Unknown:
        return false;
    }
    return false;
}

FieldMatcher FieldMatcher::fromJson(const QJsonObject &m)
{
    FieldMatcher f;
    f.id = m.value(QLatin1String("id")).toString();
    const QJsonValue options = m.value(QLatin1String("options"));
    if (f.id == QLatin1String("byName")) {
        f.kind = Kind::ByName;
        f.option = options.toString();
    } else if (f.id == QLatin1String("byNames")) {
        f.kind = Kind::ByNames;
        for (const QJsonValue &n : options.toObject().value(QLatin1String("names")).toArray())
            f.names << n.toString();
        f.exclude = options.toObject().value(QLatin1String("mode")).toString() == QLatin1String("exclude");
    } else if (f.id == QLatin1String("byRegexp")) {
        f.kind = Kind::ByRegexp;
        f.option = options.toString();
    } else if (f.id == QLatin1String("byFrameRefID")) {
        f.kind = Kind::ByFrameRefID;
        f.option = options.toString();
    } else if (f.id == QLatin1String("byType")) {
        f.kind = Kind::ByType;
        f.option = options.toString();
    } else {
        f.kind = Kind::Unknown;
    }
    return f;
}

} // namespace Sitrep::Prom
