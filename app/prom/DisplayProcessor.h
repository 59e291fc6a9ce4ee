#pragma once

#include "prom/FieldConfig.h"
#include "prom/FormattedValue.h"

#include <QString>

#include <optional>

namespace Sitrep::Prom {

// A value as a panel draws it: its text (after value mappings and the unit), its colour, and where it sits
// between the field's min and max (for gauges).
struct DisplayValue
{
    double numeric = 0;
    FormattedValue formatted;
    QString color;        // "#rrggbb", empty when nothing colours it
    double percent = 0;   // 0..1 between min and max
    bool mapped = false;  // a value mapping gave the text or colour
    bool missing = false; // null / NaN without a mapping

    QString text() const { return formatted.toString(); }
};

// Grafana's display processor: value mappings first, then the unit with its decimals, the colour from the
// field's colour mode (fixed, thresholds, classic palette, continuous schemes) and thresholds (absolute or
// percentage of min..max).
class DisplayProcessor final
{
public:
    static DisplayValue display(double value, const FieldConfig &config, double min, double max,
                                int seriesIndex = 0);
    // A text cell (table label columns): mappings by text and regex, colour from a mapping only.
    static DisplayValue displayText(const QString &text, const FieldConfig &config);
    static std::optional<MappingResult> mapValue(const QList<ValueMapping> &mappings, double value);
    static std::optional<MappingResult> mapText(const QList<ValueMapping> &mappings, const QString &text);
    // The colour a series is drawn in (time series lines, bars).
    static QString seriesColor(const FieldConfig &config, int seriesIndex, double value, double min,
                               double max);
};

} // namespace Sitrep::Prom
