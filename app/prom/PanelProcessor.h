#pragma once

#include "prom/Dashboard.h"
#include "prom/DataFrame.h"
#include "prom/DisplayProcessor.h"
#include "prom/PromTypes.h"

#include <QList>
#include <QPointF>
#include <QString>

namespace Sitrep::Prom {

// One query's answer, with what the panel asked for.
struct QueryResult
{
    QString refId;
    QString expr;
    QString legendFormat;
    QString format = QStringLiteral("time_series"); // time_series, table, heatmap
    bool instant = false;
    QList<RangeSeries> series; // an instant answer has one sample per series
};

// A series as a time series panel draws it, with its resolved field options.
struct DrawSeries
{
    QString name;
    QString refId;
    Labels labels;
    FieldConfig config;
    QVector<double> times;
    QVector<double> values;
    QList<QPointF> points; // downsampled for the plot; empty: draw from times/values
    QString color;
    int index = 0;
};

// One value of a stat, gauge or bar gauge.
struct ReducedValue
{
    QString title; // the field's display name ("" when the panel shows one value)
    DisplayValue display;
    FieldConfig config;
    double min = 0;
    double max = 1;
    QList<QPointF> sparkline; // the series behind the value, for graphMode "area"
};

// A table as the table panel shows one frame: columns with their options.
struct TableColumn
{
    QString name;
    FieldConfig config;
    DataField field;
};

struct TableData
{
    QString title; // the frame's name, for the frame picker
    QList<TableColumn> columns;
    int rows = 0;
};

// A row of a state timeline: runs of one state.
struct StateSegment
{
    qint64 startMs = 0;
    qint64 endMs = 0;
    QString text;
    QString color;
};

struct StateRow
{
    QString name;
    QList<StateSegment> segments;
};

// What a panel draws from its queries' answers, computed as Grafana's panels compute it: data frames from the
// Prometheus answers (time series or table format), the panel's transformations, field options with
// overrides, then per panel type the series to plot, the reduced values, the table or the state runs. No
// widgets: the charts pane calls it, tests call it directly.
class PanelProcessor final
{
public:
    static QList<DataFrame> frames(const Panel &panel, const QList<QueryResult> &results);
    static QList<DrawSeries> timeSeries(const Panel &panel, const QList<DataFrame> &frames);
    static QList<ReducedValue> reducedValues(const Panel &panel, const QList<DataFrame> &frames);
    static QList<TableData> tables(const Panel &panel, const QList<DataFrame> &frames);
    static QList<StateRow> stateTimeline(const Panel &panel, const QList<DataFrame> &frames, qint64 endMs);
    // Grafana's series name: the legend with {{label}} filled in, else the labels, else the expression.
    static QString seriesName(const QString &legendFormat, const Labels &labels, const QString &expr);
};

} // namespace Sitrep::Prom
