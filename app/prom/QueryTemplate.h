#pragma once

#include "prom/PromTypes.h"

#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace Sitrep::Prom {

struct Variable;
struct StepChoice;

// What a variable stands for when a query is expanded: its values (one, several, or every option for All)
// and how Grafana formats it for Prometheus.
struct VariableValue
{
    QStringList values;
    QStringList texts;        // what the selector shows; empty: the values
    bool multiFormat = false; // multi-value or include-All: regex-escaped, several as (a|b)
    bool isAll = false;
    QString allValue; // a custom All value goes in as it is written

    static VariableValue of(const Variable &v);
    static VariableValue single(const QString &value);
};

// Values substituted into a panel's PromQL before it is sent.
struct TemplateContext
{
    QMap<QString, QString> variables; // name -> value, inserted as written (the simple case)
    qint64 intervalMs = 15000;
    qint64 rateIntervalMs = 60000;
    qint64 rangeMs = 3600000;
    QMap<QString, VariableValue> values; // name -> value with its Grafana formatting (wins over `variables`)
    // Grafana's texts for the built-ins ("1m", "60s", "3600s"); empty: derived from the numbers above.
    QString intervalText;
    QString rateIntervalText;
    QString rangeText;

    void setStep(const StepChoice &step);
};

// label_values(metric{...}, label) or label_values(label): what a query variable asks Prometheus.
struct LabelValuesQuery
{
    QString match; // series selector, empty for label_values(label)
    QString label;
};

// A query variable's query, as Grafana's Prometheus data source reads it.
struct VariableQuery
{
    enum class Kind { LabelValues, LabelNames, Metrics, QueryResult, Series, Invalid };
    Kind kind = Kind::Invalid;
    QString match; // LabelValues/LabelNames: series selector; Series: the selector
    QString label; // LabelValues
    QString regex; // Metrics
    QString expr;  // QueryResult
};

// Grafana-compatible template expansion: $var, ${var}, ${var:format}, [[var]], $__interval, $__interval_ms,
// $__rate_interval, $__range, $__range_s, $__range_ms; and legends from {{label}} formats.
class QueryTemplate final
{
public:
    // Unknown variables are left in place and listed in *unresolved (Prometheus then names the problem).
    static QString expand(const QString &expr, const TemplateContext &ctx, QStringList *unresolved = nullptr);
    // One variable in one of Grafana's formats: "" (Prometheus' own), regex, pipe, csv, json, raw, text,
    // glob, queryparam, doublequote, singlequote, sqlstring, percentencode, lucene.
    static QString format(const VariableValue &value, const QString &format, const QString &name = {});
    // "{{code}} on {{ pod }}" -> "500 on api-0"; an empty format gives the series as Prometheus prints it.
    static QString legend(const QString &format, const Labels &labels);
    static std::optional<LabelValuesQuery> parseLabelValues(const QString &query);
    static VariableQuery parseVariableQuery(const QString &query);
    // The names of the variables an expression refers to ($a, ${b}, [[c]]), built-ins left out.
    static QStringList referencedVariables(const QString &expr);
    // Grafana's escapes for PromQL strings: plain values and regex alternatives.
    static QString regularEscape(const QString &value);
    static QString specialRegexEscape(const QString &value);
};

} // namespace Sitrep::Prom
