#pragma once

#include "prom/FieldConfig.h"
#include "prom/PromTypes.h"

#include <QList>
#include <QPointF>
#include <QString>
#include <QStringList>
#include <QVector>

namespace Sitrep::Prom {

// One column of a frame, as Grafana's data frames have them: times, numbers or strings.
struct DataField
{
    enum class Type { Time, Number, String };
    QString name;
    Type type = Type::Number;
    Labels labels;
    QVector<double> numbers;   // Time (ms since the epoch) and Number
    QStringList strings;       // String
    QList<QPointF> points;     // time series: the values as a chart of the panel's width draws them
    QString displayNameFromDS; // the query's legend, when it set one
    FieldConfig config; // per field (set by transformations); the panel's defaults and overrides come on top

    int size() const { return type == Type::String ? int(strings.size()) : int(numbers.size()); }
    bool isNumeric() const { return type == Type::Number; }
    // The cell as text, for tables and joins.
    QString text(int row) const;
    double number(int row) const;
    // An empty column of the same type, labels and config (without a display name), named name.
    DataField emptyLike(const QString &name) const;
    // Appends one cell: src's row, or an empty one when src is null or row < 0.
    void appendCell(const DataField *src, int row);
};

// A table of equal-length fields, tagged with the query it came from.
struct DataFrame
{
    QString refId;
    QString name;
    QList<DataField> fields;

    int rows() const;
    int timeIndex() const; // -1 without a time field
    const DataField *field(const QString &name) const;
};

// Grafana's name for a field as panels and overrides see it: an explicit displayName, the query's legend,
// the frame's name for a lone value, or the metric with its labels; then made unique in its frame
// ("Time 1", "Time 2") the way Grafana numbers duplicates.
QString fieldDisplayName(const DataField &field, const DataFrame &frame);
QString uniqueFieldName(const DataFrame &frame, int fieldIndex);

} // namespace Sitrep::Prom
