#pragma once

#include "prom/PromTypes.h"

#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace Sitrep::Prom {

// Values substituted into a panel's PromQL before it is sent.
struct TemplateContext
{
    QMap<QString, QString> variables; // name -> value
    qint64 intervalMs = 15000;
    qint64 rateIntervalMs = 60000;
    qint64 rangeMs = 3600000;
};

// label_values(metric{...}, label) or label_values(label): what a query variable asks Prometheus.
struct LabelValuesQuery
{
    QString match; // series selector, empty for label_values(label)
    QString label;
};

// Grafana-compatible template expansion: $var, ${var}, ${var:fmt}, [[var]], $__interval, $__interval_ms,
// $__rate_interval, $__range, $__range_s, $__range_ms; and legends from {{label}} formats.
class QueryTemplate final
{
public:
    // Unknown variables are left in place and listed in *unresolved (Prometheus then names the problem).
    static QString expand(const QString &expr, const TemplateContext &ctx, QStringList *unresolved = nullptr);
    // "{{code}} on {{ pod }}" -> "500 on api-0"; an empty format gives the series as Prometheus prints it.
    static QString legend(const QString &format, const Labels &labels);
    static std::optional<LabelValuesQuery> parseLabelValues(const QString &query);
};

} // namespace Sitrep::Prom
