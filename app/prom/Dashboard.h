#pragma once

#include "core/Result.h"
#include "prom/BurnRate.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace Sitrep::Prom {

enum class PanelType { TimeSeries, Stat, Table };
QString panelTypeName(PanelType t);

// One PromQL query of a panel; legendFormat uses {{label}} placeholders.
struct PanelTarget
{
    QString expr;
    QString legendFormat;
    QString refId;
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

struct Panel
{
    QString title;
    QString description;
    PanelType type = PanelType::TimeSeries;
    QList<PanelTarget> targets;
    QString unit; // s, ms, percent, percentunit, reqps, bytes, decbytes, short, none, suffix:x
    std::optional<double> min;
    std::optional<double> max;
    int decimals = -1;
    bool stacked = false;
    QList<Threshold> thresholds;
    QList<Band> bands;
    GridPos grid;
    std::optional<SloSpec> slo;
};

// A template variable: $name in expressions.
struct Variable
{
    enum class Type { Custom, Constant, Query, TextBox };
    QString name;
    QString label;
    Type type = Type::Custom;
    QStringList options;
    QString current;
    QString query; // Query: label_values(metric, label) or label_values(label)
    // Several values at once (Grafana's "multi"), optionally "All" (kAll in selected).
    bool multi = false;
    bool includeAll = false;
    QString allValue;     // what "All" expands to; empty: every option as an alternation
    QStringList selected; // multi: the chosen values

    static constexpr const char *kAll = "$__all";
    // What $name expands to: one value as is; several as a PromQL regex alternation "(a|b)" (for =~).
    QString value() const;
    static QString regexAlternation(const QStringList &values);
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
