#pragma once

#include "prom/Dashboard.h"
#include "prom/QueryTemplate.h"
#include "prom/StepCalculator.h"

#include <QList>
#include <QString>

namespace Sitrep::Prom {

// One query of a panel as it goes to Prometheus: PromQL with every variable expanded, range and step.
struct PlannedQuery
{
    QString refId;
    QString expr;
    QString legendFormat;
    QString format;
    bool instant = false;
    qint64 startMs = 0; // aligned on the step, as Grafana aligns it
    qint64 endMs = 0;
    StepChoice step;
    QStringList unresolved; // variables the expression names that have no value
};

// What a panel asks Prometheus for a time range: Grafana's interval arithmetic per query ($__interval from
// the panel's width or maxDataPoints and min interval, the query's min step and resolution,
// $__rate_interval), variables expanded with Grafana's Prometheus formatting, start and end aligned on the
// step.
class PanelQueries final
{
public:
    // values: what each dashboard variable stands for now; dataPoints: the plot's width in pixels.
    static QList<PlannedQuery> plan(const Panel &panel, const QMap<QString, VariableValue> &values,
                                    qint64 startMs, qint64 endMs, int dataPoints, qint64 scrapeMs);
    // Grafana's alignRange: start and end down to a multiple of the step (in the local time zone's offset).
    static QPair<qint64, qint64> align(qint64 startMs, qint64 endMs, qint64 stepMs);
};

} // namespace Sitrep::Prom
