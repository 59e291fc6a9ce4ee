#pragma once

#include "core/Result.h"
#include "prom/BurnRate.h"
#include "prom/FieldConfig.h"
#include "prom/Transformations.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace Sitrep::Prom {

enum class PanelType { TimeSeries, Stat, Table, Gauge, BarGauge, StateTimeline, Text };
QString panelTypeName(PanelType t);
std::optional<PanelType> panelTypeFromName(const QString &name);

// One PromQL query of a panel; legendFormat uses {{label}} placeholders.
struct PanelTarget
{
    QString expr;
    QString legendFormat;
    QString refId;
    bool instant = false;   // an instant query (/api/v1/query) at the range's end
    QString format;         // time_series (default), table, heatmap
    QString interval;       // Grafana's "Min step" (may hold a variable)
    int intervalFactor = 1; // Grafana's "Resolution" 1/N
};

// A horizontal line on a time series (or the colour step of a stat from `value` upward).
struct Threshold
{
    double value = 0;
    QString color; // #rrggbb or a CSS colour name
    QString label;
};

// A shaded horizontal band (an SLO target, a healthy range).
struct Band
{
    double from = 0;
    double to = 0;
    QString color;
    QString label;
};

// Placement on a 24-column grid, rows of 30 px units like Grafana's gridPos.
struct GridPos
{
    int x = 0;
    int y = 0;
    int w = 12;
    int h = 8;
};

// An SLO a stat panel speaks about: its value is a burn rate, shown with the time to budget exhaustion.
struct SloSpec
{
    double objective = 0.999;
    qint64 periodMs = 30LL * 86400000;
};

// How the panel reduces a series to the value it shows (stat, gauge, bar gauge): Grafana's reduceOptions.
struct ReduceOptions
{
    QStringList calcs{QStringLiteral("lastNotNull")};
    bool allValues = false; // "values": every value rather than one per series
    int limit = 0;          // with allValues: at most this many (0: Grafana's 5000)
    QString fields;         // which fields: "" numeric ones, "/regex/" or a name
};

struct Panel
{
    QString title;
    QString description;
    PanelType type = PanelType::TimeSeries;
    QList<PanelTarget> targets;
    QString unit; // a Grafana unit id (s, ms, percent, bytes, binBps, ...) or suffix:TEXT
    std::optional<double> min;
    std::optional<double> max;
    int decimals = -1;
    bool stacked = false;
    QList<Threshold> thresholds; // drawn as lines (Sitrep's own format)
    QList<Band> bands;
    GridPos grid;
    std::optional<SloSpec> slo;

    // Grafana's field options (beyond unit/min/max/decimals above), its overrides and transformations.
    FieldConfig field;
    QList<FieldOverride> overrides;
    QList<Transformation> transformations;
    ReduceOptions reduce;
    // The panel type's own options as Grafana wrote them (graphMode, colorMode, textMode, displayMode,
    // orientation, showThresholdMarkers, legend, ...): the view reads what it draws.
    QJsonObject options;
    QString grafanaType; // "timeseries", "graph", "gauge" ... as imported; empty for Sitrep's own
    QString minInterval; // Grafana's panel "interval" (lower limit of $__interval)
    int maxDataPoints = 0;
    QString repeat; // variable name: one copy of the panel per selected value
    bool repeatVertical = false;
    int maxPerRow = 0;
    QString repeatValue; // set on the copies: the value of `repeat` this copy shows
    int row = -1;        // index into Dashboard::rows, -1 above the first row

    // The field options in force for one field: the defaults above, then each override that matches.
    FieldConfig configFor(const QString &displayName, const QString &refId, bool numeric = true,
                          const QString &fieldName = QString()) const;
};

// A Grafana row: a heading across the grid that folds the panels under it.
struct Row
{
    QString title;
    bool collapsed = false;
    int y = 0;
    QString repeat;
};

// A template variable: $name in expressions.
struct Variable
{
    enum class Type { Custom, Constant, Query, TextBox, Datasource, Interval, AdHoc };
    QString name;
    QString label;
    Type type = Type::Custom;
    QStringList options;
    QStringList optionTexts; // what the selector shows for each option, when it differs from the value
    QString current;
    QString query; // Query: label_values(...), label_names(), metrics(...), query_result(...)
    QString regex; // Query: Grafana's regex filter (a capture group picks the value)
    int sort = 0;  // Query: 0 as returned, 1/2 alphabetical asc/desc, 3/4 numeric, 5/6 case-insensitive
    // Several values at once (Grafana's "multi"), optionally "All" (kAll in selected).
    bool multi = false;
    bool includeAll = false;
    QString allValue;     // what "All" expands to; empty: every option as an alternation
    QStringList selected; // multi: the chosen values
    bool hidden = false;  // Grafana's hide: 2 (no selector)
    // Interval: "auto" as Grafana computes it from the range (auto_count steps, at least auto_min).
    bool autoInterval = false;
    int autoCount = 30;
    QString autoMin = QStringLiteral("10s");

    static constexpr const char *kAll = "$__all";
    static constexpr const char *kAuto = "$__auto_interval";
    // What $name expands to: one value as is; several as a PromQL regex alternation "(a|b)" (for =~).
    QString value() const;
    // The values $name stands for now: one, several, or every option for All.
    QStringList values() const;
    bool isAll() const;
    static QString regexAlternation(const QStringList &values);
    static QString typeName(Type t);
    // The fields a saved dashboard and the inspector write alike, each only when set: query, multi,
    // includeAll, allValue.
    void insertQueryFields(QJsonObject &o) const;
};

// A dashboard: panels on a grid plus variables. Sitrep's own JSON format is documented in
// resources/dashboards/README.md; Grafana JSON goes through GrafanaImporter.
struct Dashboard
{
    static constexpr int kFormatVersion = 1;

    QString title;
    QString description;
    QString defaultRange = QStringLiteral("1h");
    QString refresh; // "", 5s, 10s, 30s, 1m
    QString scrapeInterval = QStringLiteral("15s");
    QList<Variable> variables;
    QList<Panel> panels;
    QList<Row> rows;
    struct Link
    {
        QString title;
        QString url;      // type "link"
        QStringList tags; // type "dashboards": Sitrep's dashboards with these tags
        bool asDropdown = false;
    };
    QList<Link> links;
    QStringList tags;

    // Parses the own format; errors name the source and the JSON field (panels[2].targets[0].expr).
    static Core::Result<Dashboard> fromJson(const QByteArray &json, const QString &source);
    QByteArray toJson() const;
    const Variable *variable(const QString &name) const;
    // A runbook's query as a full-width time series below the other panels (an existing panel with the
    // same query is replaced, so charting it twice does not stack copies).
    void addQueryPanel(const QString &title, const QString &expr);
    // A runbook's own burn-rate thresholds ("Critical: burn rate > 14.4x", "Warning: > 3x") replace the
    // SRE workbook's on every panel drawn in burn-rate units ("x"). Returns how many panels changed.
    int applyBurnThresholds(const QList<BurnWindowPair> &thresholds);
};

} // namespace Sitrep::Prom
