#include "prom/DisplayProcessor.h"

#include "prom/GrafanaColors.h"
#include "prom/NumberText.h"
#include "prom/UnitFormat.h"

#include <QRegularExpression>

#include <algorithm>
#include <cmath>

namespace Sitrep::Prom {

std::optional<MappingResult> DisplayProcessor::mapValue(const QList<ValueMapping> &mappings, double value)
{
    for (const ValueMapping &m : mappings) {
        switch (m.type) {
        case ValueMapping::Type::Value: {
            if (std::isnan(value))
                break;
            const auto it = m.values.constFind(NumberText::jsNumber(value));
            if (it != m.values.cend())
                return *it;
            break;
        }
        case ValueMapping::Type::Range:
            if (!std::isnan(value) && (!m.from || value >= *m.from) && (!m.to || value <= *m.to))
                return m.result;
            break;
        case ValueMapping::Type::Regex:
            if (!std::isnan(value) && jsRegex(m.pattern).match(NumberText::jsNumber(value)).hasMatch())
                return m.result;
            break;
        case ValueMapping::Type::Special:
            switch (m.special) {
            case ValueMapping::Special::Null:
            case ValueMapping::Special::NaN:
            case ValueMapping::Special::NullAndNaN:
                if (std::isnan(value))
                    return m.result;
                break;
            case ValueMapping::Special::True:
                if (!std::isnan(value) && value != 0)
                    return m.result;
                break;
            case ValueMapping::Special::False:
                if (value == 0)
                    return m.result;
                break;
            case ValueMapping::Special::Empty:
                break;
            }
            break;
        }
    }
    return std::nullopt;
}

std::optional<MappingResult> DisplayProcessor::mapText(const QList<ValueMapping> &mappings,
                                                       const QString &text)
{
    for (const ValueMapping &m : mappings) {
        switch (m.type) {
        case ValueMapping::Type::Value: {
            const auto it = m.values.constFind(text);
            if (it != m.values.cend())
                return *it;
            break;
        }
        case ValueMapping::Type::Regex: {
            const QRegularExpression re = jsRegex(m.pattern);
            const auto match = re.match(text);
            if (match.hasMatch()) {
                MappingResult r = m.result;
                // "$1" in the result text takes the capture.
                for (int i = 1; i <= re.captureCount(); ++i)
                    r.text.replace(QStringLiteral("$%1").arg(i), match.captured(i));
                return r;
            }
            break;
        }
        case ValueMapping::Type::Special:
            if ((m.special == ValueMapping::Special::Empty && text.isEmpty()) ||
                ((m.special == ValueMapping::Special::Null ||
                  m.special == ValueMapping::Special::NullAndNaN) &&
                 text.isNull()) ||
                (m.special == ValueMapping::Special::True && text == QLatin1String("true")) ||
                (m.special == ValueMapping::Special::False && text == QLatin1String("false")))
                return m.result;
            break;
        case ValueMapping::Type::Range: {
            bool ok = false;
            const double v = text.toDouble(&ok);
            if (ok && (!m.from || v >= *m.from) && (!m.to || v <= *m.to))
                return m.result;
            break;
        }
        }
    }
    return std::nullopt;
}

QString DisplayProcessor::seriesColor(const FieldConfig &config, int index, double value, double min,
                                      double max)
{
    const ColorSpec color = config.color.value_or(ColorSpec{});
    const QString &mode = color.mode;
    if (mode == QLatin1String("fixed") || mode == QLatin1String("shades"))
        return GrafanaColors::resolve(color.fixedColor.isEmpty() ? QStringLiteral("green")
                                                                 : color.fixedColor);
    if (mode == QLatin1String("thresholds")) {
        if (config.thresholds) {
            if (const ThresholdStep *s = config.thresholds->stepFor(value, min, max))
                return GrafanaColors::resolve(s->color);
        }
        return GrafanaColors::resolve(QStringLiteral("green"));
    }
    if (mode.startsWith(QLatin1String("continuous-"))) {
        const double f = max > min ? (value - min) / (max - min) : 0;
        const QString c = GrafanaColors::continuous(mode, f);
        if (!c.isEmpty())
            return c;
    }
    return GrafanaColors::classic(index);
}

DisplayValue DisplayProcessor::display(double value, const FieldConfig &config, double min, double max,
                                       int index)
{
    DisplayValue d;
    d.numeric = value;
    const QString unit = config.unit.value_or(QString());
    const int decimals = config.decimals.value_or(-1);
    if (max > min && std::isfinite(value))
        d.percent = std::clamp((value - min) / (max - min), 0.0, 1.0);
    const auto mapping = config.mappings ? mapValue(*config.mappings, value) : std::nullopt;
    if (mapping) {
        d.mapped = true;
        d.formatted = mapping->text.isEmpty() ? UnitFormat::formatParts(value, unit, decimals)
                                              : FormattedValue{QString(), mapping->text, QString()};
        if (!mapping->color.isEmpty())
            d.color = GrafanaColors::resolve(mapping->color);
    } else if (std::isnan(value)) {
        d.missing = true;
        d.formatted = {QString(), config.noValue.value_or(QStringLiteral("No data")), QString()};
    } else {
        d.formatted = UnitFormat::formatParts(value, unit, decimals);
    }
    if (d.color.isEmpty() && !d.missing) {
        // Thresholds colour the value unless the colour mode says otherwise (stat and gauge default).
        FieldConfig c = config;
        if (!c.color)
            c.color = ColorSpec{QStringLiteral("thresholds"), QString()};
        d.color = seriesColor(c, index, value, min, max);
    }
    return d;
}

DisplayValue DisplayProcessor::displayText(const QString &text, const FieldConfig &config)
{
    DisplayValue d;
    d.formatted.text = text;
    if (config.mappings) {
        if (const auto m = mapText(*config.mappings, text)) {
            d.mapped = true;
            if (!m->text.isEmpty())
                d.formatted.text = m->text;
            d.color = GrafanaColors::resolve(m->color);
        }
    }
    return d;
}

} // namespace Sitrep::Prom
