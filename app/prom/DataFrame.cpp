#include "prom/DataFrame.h"

#include "prom/NumberText.h"

#include <cmath>

namespace Sitrep::Prom {

QString DataField::text(int row) const
{
    if (type == Type::String)
        return strings.value(row);
    const double v = numbers.value(row, qQNaN());
    if (std::isnan(v))
        return {};
    return NumberText::jsNumber(v);
}

double DataField::number(int row) const
{
    if (type == Type::String) {
        bool ok = false;
        const double v = strings.value(row).toDouble(&ok);
        return ok ? v : qQNaN();
    }
    return numbers.value(row, qQNaN());
}

DataField DataField::emptyLike(const QString &newName) const
{
    DataField out;
    out.name = newName;
    out.type = type;
    out.labels = labels;
    out.config = config;
    out.config.displayName.reset();
    return out;
}

void DataField::appendCell(const DataField *src, int row)
{
    if (type == Type::String)
        strings << (src && row >= 0 ? src->text(row) : QString());
    else
        numbers << (src && row >= 0 ? src->number(row) : qQNaN());
}

int DataFrame::rows() const
{
    int n = 0;
    for (const DataField &f : fields)
        n = std::max(n, f.size());
    return n;
}

int DataFrame::timeIndex() const
{
    for (int i = 0; i < fields.size(); ++i) {
        if (fields[i].type == DataField::Type::Time)
            return i;
    }
    return -1;
}

const DataField *DataFrame::field(const QString &name) const
{
    for (const DataField &f : fields) {
        if (f.name == name)
            return &f;
    }
    return nullptr;
}

QString uniqueFieldName(const DataFrame &frame, int fieldIndex)
{
    // Grafana's getUniqueFieldName: the n-th of several fields with one name is "name n".
    const QString &name = frame.fields[fieldIndex].name;
    int dupes = 0;
    bool foundSelf = false;
    for (int i = 0; i < frame.fields.size(); ++i) {
        if (i == fieldIndex) {
            foundSelf = true;
            if (dupes > 0) {
                ++dupes;
                break;
            }
        } else if (frame.fields[i].name == name) {
            ++dupes;
            if (foundSelf)
                break;
        }
    }
    return dupes ? QStringLiteral("%1 %2").arg(name).arg(dupes) : name;
}

QString fieldDisplayName(const DataField &field, const DataFrame &frame)
{
    if (field.config.displayName && !field.config.displayName->isEmpty())
        return *field.config.displayName;
    if (!field.displayNameFromDS.isEmpty())
        return field.displayNameFromDS;
    if (field.type == DataField::Type::Time || field.type == DataField::Type::String ||
        field.labels.isEmpty()) {
        // A lone value field in a named frame takes the frame's name (a series without labels).
        int values = 0;
        for (const DataField &f : frame.fields)
            values += f.isNumeric() ? 1 : 0;
        if (field.isNumeric() && values == 1 && !frame.name.isEmpty() && field.labels.isEmpty())
            return frame.name;
        for (int i = 0; i < frame.fields.size(); ++i) {
            if (&frame.fields[i] == &field)
                return uniqueFieldName(frame, i);
        }
        return field.name;
    }
    // A series: the metric and its labels, as Prometheus prints them.
    return labelsToString(field.labels);
}

} // namespace Sitrep::Prom
