#pragma once

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QRegularExpression>
#include <QString>
#include <QStringList>

#include <optional>

namespace Sitrep::Prom {

// Grafana's stringToJsRegex: "/pattern/flags" searches anywhere in the text, a bare pattern must match it
// all.
QRegularExpression jsRegex(const QString &text);

// One step of Grafana thresholds: from `value` upward the colour applies; the base step has no value.
struct ThresholdStep
{
    std::optional<double> value; // nullopt: the base step (-infinity)
    QString color;
};

// Grafana's thresholds: absolute values, or percentages of the field's min..max.
struct Thresholds
{
    enum class Mode { Absolute, Percentage };
    Mode mode = Mode::Absolute;
    QList<ThresholdStep> steps; // ascending

    // The step a value falls in (its colour), with min/max for percentage mode.
    const ThresholdStep *stepFor(double value, double min, double max) const;
    // A step's value in the field's units (percentages resolved against min..max).
    double absolute(double stepValue, double min, double max) const;
};

// What a mapping turns a value into: a text, a colour, or both.
struct MappingResult
{
    QString text;
    QString color;
};

// Grafana value mappings: one exact value, a range, a regex on the text, or a special value.
struct ValueMapping
{
    enum class Type { Value, Range, Regex, Special };
    enum class Special { Null, NaN, NullAndNaN, True, False, Empty };
    Type type = Type::Value;
    QHash<QString, MappingResult> values; // Value: the value as text -> result
    std::optional<double> from;           // Range
    std::optional<double> to;
    QString pattern; // Regex
    Special special = Special::Null;
    MappingResult result; // Range, Regex, Special
};

// How a series or cell is coloured.
struct ColorSpec
{
    QString mode =
        QStringLiteral("palette-classic"); // fixed, thresholds, palette-classic, continuous-*, shades
    QString fixedColor;
};

// Time series drawing options (Grafana's fieldConfig.custom).
enum class DrawStyle { Line, Bars, Points };
enum class StackingMode { None, Normal, Percent };
enum class GradientMode { None, Opacity, Hue, Scheme };
enum class ThresholdsStyle { Off, Line, Dashed, Area, LineAndArea, DashedAndArea };
enum class LineInterpolation { Linear, Smooth, StepBefore, StepAfter };

// Field options as Grafana's fieldConfig has them; every member optional so overrides merge onto defaults.
struct FieldConfig
{
    std::optional<QString> unit;
    std::optional<int> decimals;
    std::optional<double> min;
    std::optional<double> max;
    std::optional<QString> displayName;
    std::optional<QString> noValue;
    std::optional<Thresholds> thresholds;
    std::optional<QList<ValueMapping>> mappings;
    std::optional<ColorSpec> color;
    // custom
    std::optional<DrawStyle> drawStyle;
    std::optional<double> lineWidth;
    std::optional<double> fillOpacity; // 0..100
    std::optional<GradientMode> gradientMode;
    std::optional<StackingMode> stacking;
    std::optional<QString> stackGroup;
    std::optional<ThresholdsStyle> thresholdsStyle;
    std::optional<bool> negativeY; // custom.transform: negative-Y
    std::optional<bool> hideFromViz;
    std::optional<bool> hideFromLegend;
    std::optional<bool> dashed; // custom.lineStyle: dash / dot
    std::optional<double> pointSize;
    std::optional<LineInterpolation> lineInterpolation;
    std::optional<bool> axisRight;   // custom.axisPlacement: right
    std::optional<bool> axisHidden;  // custom.axisPlacement: hidden
    std::optional<double> width;     // table column width in px
    std::optional<QString> cellType; // table cell: auto, color-background, color-text, gauge, ...
    std::optional<QString> align;    // table cell alignment

    // Options Grafana knows that this reader did not take up ("custom.axisSoftMin" ...), for the notes.
    QStringList ignored;
    bool hasLinks = false; // data links on values (not offered)

    // Overrides win: every set member of `over` replaces this one's.
    void merge(const FieldConfig &over);

    // Grafana JSON: fieldConfig.defaults, or the properties list of an override.
    static FieldConfig fromDefaults(const QJsonObject &defaults);
    static FieldConfig fromProperties(const QJsonArray &properties);
    static QList<ValueMapping> mappingsFrom(const QJsonArray &mappings);
};

// Which fields an override applies to.
struct FieldMatcher
{
    enum class Kind { ByName, ByNames, ByRegexp, ByFrameRefID, ByType, Unknown };
    Kind kind = Kind::ByName;
    QString option;       // name, regex, refId or type
    QStringList names;    // ByNames
    bool exclude = false; // ByNames with mode "exclude": every field but those (a legend's "hide others")
    QString id;           // as Grafana wrote it

    // As Grafana matches: by the display name or the field's own name ("Value #A", "Time").
    bool matches(const QString &displayName, const QString &refId, bool numeric,
                 const QString &fieldName = QString()) const;
    static FieldMatcher fromJson(const QJsonObject &matcher);
};

struct FieldOverride
{
    FieldMatcher matcher;
    FieldConfig config;
};

} // namespace Sitrep::Prom
