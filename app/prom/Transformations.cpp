#include "prom/Transformations.h"

#include "prom/FrameJoin.h"
#include "prom/Reducer.h"

#include <QHash>
#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace Sitrep::Prom {

namespace {

QString nameOf(const DataFrame &frame, int i)
{
    return fieldDisplayName(frame.fields[i], frame);
}

// A field with only the given rows, in that order.
DataField pick(const DataField &f, const QVector<int> &rows)
{
    DataField out = f;
    out.numbers.clear();
    out.strings.clear();
    for (int r : rows) {
        if (f.type == DataField::Type::String)
            out.strings << f.strings.value(r);
        else
            out.numbers << f.numbers.value(r, qQNaN());
    }
    return out;
}

DataFrame pickRows(const DataFrame &frame, const QVector<int> &rows)
{
    DataFrame out;
    out.refId = frame.refId;
    out.name = frame.name;
    for (const DataField &f : frame.fields)
        out.fields << pick(f, rows);
    return out;
}

double binaryOp(double a, const QString &op, double b)
{
    if (op == QLatin1String("+"))
        return a + b;
    if (op == QLatin1String("-"))
        return a - b;
    if (op == QLatin1String("*"))
        return a * b;
    if (op == QLatin1String("/"))
        return a / b;
    if (op == QLatin1String("%"))
        return std::fmod(a, b);
    if (op == QLatin1String("^"))
        return std::pow(a, b);
    return qQNaN();
}

} // namespace

QStringList Transformations::supported()
{
    return {QStringLiteral("organize"),    QStringLiteral("filterFieldsByName"),
            QStringLiteral("merge"),       QStringLiteral("seriesToColumns"),
            QStringLiteral("joinByField"), QStringLiteral("labelsToFields"),
            QStringLiteral("reduce"),      QStringLiteral("calculateField"),
            QStringLiteral("sortBy"),      QStringLiteral("groupBy"),
            QStringLiteral("limit"),       QStringLiteral("renameByRegex"),
            QStringLiteral("concatenate"), QStringLiteral("seriesToRows")};
}

bool Transformations::isSupported(const QString &id)
{
    return supported().contains(id);
}

QList<DataFrame> Transformations::apply(const QList<Transformation> &list, const QList<DataFrame> &frames)
{
    QList<DataFrame> out = frames;
    for (const Transformation &t : list) {
        if (!t.disabled)
            out = apply(t, out);
    }
    return out;
}

QList<DataFrame> Transformations::apply(const Transformation &t, const QList<DataFrame> &frames)
{
    const QString &id = t.id;
    if (id == QLatin1String("organize"))
        return organize(t.options, frames);
    if (id == QLatin1String("filterFieldsByName"))
        return filterFieldsByName(t.options, frames);
    if (id == QLatin1String("merge"))
        return merge(frames);
    if (id == QLatin1String("seriesToColumns") || id == QLatin1String("joinByField"))
        return joinByField(t.options, frames);
    if (id == QLatin1String("labelsToFields"))
        return labelsToFields(t.options, frames);
    if (id == QLatin1String("reduce"))
        return reduce(t.options, frames);
    if (id == QLatin1String("calculateField"))
        return calculateField(t.options, frames);
    if (id == QLatin1String("sortBy"))
        return sortBy(t.options, frames);
    if (id == QLatin1String("groupBy"))
        return groupBy(t.options, frames);
    if (id == QLatin1String("limit"))
        return limit(t.options, frames);
    if (id == QLatin1String("renameByRegex"))
        return renameByRegex(t.options, frames);
    if (id == QLatin1String("concatenate"))
        return concatenate(frames);
    if (id == QLatin1String("seriesToRows"))
        return seriesToRows(frames);
    return frames;
}

QList<DataFrame> Transformations::organize(const QJsonObject &options, const QList<DataFrame> &frames)
{
    const QJsonObject exclude = options.value(QLatin1String("excludeByName")).toObject();
    const QJsonObject include = options.value(QLatin1String("includeByName")).toObject();
    const QJsonObject index = options.value(QLatin1String("indexByName")).toObject();
    const QJsonObject rename = options.value(QLatin1String("renameByName")).toObject();
    bool anyInclude = false;
    for (auto it = include.begin(); it != include.end(); ++it)
        anyInclude = anyInclude || it.value().toBool();
    QList<DataFrame> out;
    for (const DataFrame &frame : frames) {
        struct Item
        {
            DataField field;
            QString name;
            int order;
        };
        QList<Item> items;
        for (int i = 0; i < frame.fields.size(); ++i) {
            const QString name = nameOf(frame, i);
            if (exclude.value(name).toBool())
                continue;
            if (anyInclude && !include.value(name).toBool())
                continue;
            const int order =
                index.contains(name) ? index.value(name).toInt() : std::numeric_limits<int>::max();
            items << Item{frame.fields[i], name, order};
        }
        std::stable_sort(items.begin(), items.end(),
                         [](const Item &a, const Item &b) { return a.order < b.order; });
        DataFrame f;
        f.refId = frame.refId;
        f.name = frame.name;
        for (Item &item : items) {
            const QString renamed = rename.value(item.name).toString();
            if (!renamed.isEmpty()) {
                item.field.config.displayName = renamed;
                item.field.name = renamed;
            } else {
                item.field.config.displayName = item.name;
            }
            f.fields << item.field;
        }
        out << f;
    }
    return out;
}

QList<DataFrame> Transformations::filterFieldsByName(const QJsonObject &options,
                                                     const QList<DataFrame> &frames)
{
    const QJsonObject include = options.value(QLatin1String("include")).toObject();
    const QJsonObject exclude = options.value(QLatin1String("exclude")).toObject();
    const auto namesOf = [](const QJsonObject &o) {
        QStringList names;
        for (const QJsonValue &v : o.value(QLatin1String("names")).toArray())
            names << v.toString();
        return names;
    };
    const QStringList includeNames = namesOf(include);
    const QStringList excludeNames = namesOf(exclude);
    const QString includePattern = include.value(QLatin1String("pattern")).toString();
    const QString excludePattern = exclude.value(QLatin1String("pattern")).toString();
    const QRegularExpression includeRe =
        includePattern.isEmpty() ? QRegularExpression() : jsRegex(includePattern);
    const QRegularExpression excludeRe =
        excludePattern.isEmpty() ? QRegularExpression() : jsRegex(excludePattern);
    const bool hasInclude = !includeNames.isEmpty() || !includePattern.isEmpty();
    QList<DataFrame> out;
    for (const DataFrame &frame : frames) {
        DataFrame f;
        f.refId = frame.refId;
        f.name = frame.name;
        for (int i = 0; i < frame.fields.size(); ++i) {
            const QString name = nameOf(frame, i);
            if (hasInclude) {
                const bool in = includeNames.contains(name) ||
                                (!includePattern.isEmpty() && includeRe.match(name).hasMatch());
                if (!in)
                    continue;
            }
            if (excludeNames.contains(name) ||
                (!excludePattern.isEmpty() && excludeRe.match(name).hasMatch()))
                continue;
            f.fields << frame.fields[i];
        }
        out << f;
    }
    return out;
}

QList<DataFrame> Transformations::merge(const QList<DataFrame> &frames)
{
    if (frames.size() < 2)
        return frames;
    // Columns: every display name, in first-seen order. Rows whose shared (non-value) cells agree become one.
    QList<QString> names;
    QList<DataField> templates;
    QList<QSet<QString>> namesPerFrame;
    for (const DataFrame &f : frames) {
        QSet<QString> mine;
        for (int i = 0; i < f.fields.size(); ++i) {
            const QString n = nameOf(f, i);
            mine.insert(n);
            if (!names.contains(n)) {
                names << n;
                templates << f.fields[i].emptyLike(n);
            }
        }
        namesPerFrame << mine;
    }
    QSet<QString> common = namesPerFrame.first();
    for (const QSet<QString> &s : namesPerFrame)
        common.intersect(s);
    QStringList keyNames;
    for (const QString &n : names) {
        const int t = int(names.indexOf(n));
        if (common.contains(n) && templates[t].type != DataField::Type::Number)
            keyNames << n;
    }
    DataFrame out;
    out.fields = templates;
    QHash<QString, int> rowOfKey;
    int rows = 0;
    for (const DataFrame &f : frames) {
        QHash<QString, int> col;
        for (int i = 0; i < f.fields.size(); ++i)
            col.insert(nameOf(f, i), i);
        for (int r = 0; r < f.rows(); ++r) {
            QStringList key;
            for (const QString &k : keyNames)
                key << f.fields[col.value(k)].text(r);
            const QString joined = key.join(QChar(0x1f));
            int row = keyNames.isEmpty() ? -1 : rowOfKey.value(joined, -1);
            if (row < 0) {
                row = rows++;
                if (!keyNames.isEmpty())
                    rowOfKey.insert(joined, row);
                for (DataField &field : out.fields)
                    field.appendCell(nullptr, -1);
            }
            for (int c = 0; c < out.fields.size(); ++c) {
                const auto it = col.constFind(names[c]);
                if (it == col.cend())
                    continue;
                DataField &dst = out.fields[c];
                const DataField &src = f.fields[*it];
                if (dst.type == DataField::Type::String)
                    dst.strings[row] = src.text(r);
                else if (!std::isnan(src.number(r)))
                    dst.numbers[row] = src.number(r);
            }
        }
    }
    for (DataField &f : out.fields)
        f.config.displayName = f.name;
    out.refId = frames.first().refId;
    return {out};
}

QList<DataFrame> Transformations::joinByField(const QJsonObject &options, const QList<DataFrame> &frames)
{
    if (frames.size() < 2)
        return frames;
    const QString by = options.value(QLatin1String("byField")).toString();
    const bool inner = options.value(QLatin1String("mode")).toString() == QLatin1String("inner");
    return {FrameJoin::join(frames, by, inner)};
}

QList<DataFrame> Transformations::labelsToFields(const QJsonObject &options, const QList<DataFrame> &frames)
{
    QStringList keep;
    for (const QJsonValue &v : options.value(QLatin1String("keepLabels")).toArray())
        keep << v.toString();
    const QString valueLabel = options.value(QLatin1String("valueLabel")).toString();
    const bool rowsMode = options.value(QLatin1String("mode")).toString() == QLatin1String("rows");
    QList<DataFrame> out;
    for (const DataFrame &frame : frames) {
        if (rowsMode) {
            // One row per label: "label" and "value" columns.
            DataFrame f;
            f.refId = frame.refId;
            DataField label;
            label.name = QStringLiteral("label");
            label.type = DataField::Type::String;
            DataField value = label;
            value.name = QStringLiteral("value");
            for (const DataField &field : frame.fields) {
                for (auto it = field.labels.cbegin(); it != field.labels.cend(); ++it) {
                    if (!keep.isEmpty() && !keep.contains(it.key()))
                        continue;
                    label.strings << it.key();
                    value.strings << it.value();
                }
            }
            f.fields << label << value;
            out << f;
            continue;
        }
        DataFrame f;
        f.refId = frame.refId;
        f.name = frame.name;
        for (const DataField &field : frame.fields) {
            if (field.labels.isEmpty()) {
                f.fields << field;
                continue;
            }
            const int rows = field.size();
            QStringList names = field.labels.keys();
            for (const QString &l : names) {
                if (l == QLatin1String("__name__") || (!keep.isEmpty() && !keep.contains(l)) ||
                    l == valueLabel)
                    continue;
                DataField lf;
                lf.name = l;
                lf.type = DataField::Type::String;
                for (int r = 0; r < rows; ++r)
                    lf.strings << field.labels.value(l);
                f.fields << lf;
            }
            DataField v = field;
            v.name = valueLabel.isEmpty() ? (field.name.isEmpty() ? QStringLiteral("Value") : field.name)
                                          : field.labels.value(valueLabel);
            v.labels.clear();
            v.displayNameFromDS.clear();
            f.fields << v;
        }
        out << f;
    }
    return out;
}

QList<DataFrame> Transformations::reduce(const QJsonObject &options, const QList<DataFrame> &frames)
{
    QStringList calcs;
    for (const QJsonValue &v : options.value(QLatin1String("reducers")).toArray())
        calcs << v.toString();
    if (calcs.isEmpty())
        calcs << QStringLiteral("lastNotNull");
    if (options.value(QLatin1String("mode")).toString() == QLatin1String("reduceFields")) {
        QList<DataFrame> out;
        for (const DataFrame &frame : frames) {
            DataFrame f;
            f.refId = frame.refId;
            f.name = frame.name;
            for (const DataField &field : frame.fields) {
                if (field.type == DataField::Type::Time &&
                    !options.value(QLatin1String("includeTimeField")).toBool())
                    continue;
                DataField r = field;
                if (field.isNumeric()) {
                    r.numbers = {Reducer::reduce(field.numbers, calcs.first())};
                } else {
                    r.strings = {field.strings.isEmpty() ? QString() : field.strings.last()};
                    r.numbers = {field.numbers.isEmpty() ? qQNaN() : field.numbers.last()};
                }
                f.fields << r;
            }
            out << f;
        }
        return out;
    }
    // seriesToRows: a row per numeric field, a column per reducer.
    DataFrame out;
    DataField name;
    name.name = QStringLiteral("Field");
    name.type = DataField::Type::String;
    QList<DataField> columns;
    for (const QString &c : calcs) {
        DataField col;
        col.name = Reducer::title(c);
        col.type = DataField::Type::Number;
        columns << col;
    }
    for (const DataFrame &frame : frames) {
        for (int i = 0; i < frame.fields.size(); ++i) {
            const DataField &field = frame.fields[i];
            if (!field.isNumeric())
                continue;
            name.strings << nameOf(frame, i);
            for (int c = 0; c < calcs.size(); ++c) {
                columns[c].numbers << Reducer::reduce(field.numbers, calcs[c]);
                if (columns[c].config.unit == std::nullopt && field.config.unit)
                    columns[c].config.unit = field.config.unit;
            }
        }
    }
    out.fields << name << columns;
    out.refId = frames.isEmpty() ? QString() : frames.first().refId;
    return {out};
}

QList<DataFrame> Transformations::calculateField(const QJsonObject &options, const QList<DataFrame> &frames)
{
    if (frames.isEmpty())
        return frames;
    const QString mode = options.value(QLatin1String("mode")).toString(QStringLiteral("reduceRow"));
    const bool replace = options.value(QLatin1String("replaceFields")).toBool();
    // Time series are joined on time first, as Grafana does before computing across series.
    const bool series = frames.first().timeIndex() >= 0;
    DataFrame frame = frames.size() > 1 && series ? FrameJoin::join(frames, QString()) : frames.first();
    const int rows = frame.rows();
    DataField result;
    result.type = DataField::Type::Number;
    QString alias = options.value(QLatin1String("alias")).toString();
    if (mode == QLatin1String("binary")) {
        const QJsonObject b = options.value(QLatin1String("binary")).toObject();
        const auto operand = [&](const QString &key) -> std::function<double(int)> {
            const QJsonValue v = b.value(key);
            const QString text =
                v.isObject() ? v.toObject().value(QLatin1String("fixed")).toString() : v.toString();
            for (int i = 0; i < frame.fields.size(); ++i) {
                if (nameOf(frame, i) == text) {
                    const DataField *f = &frame.fields[i];
                    return [f](int r) { return f->number(r); };
                }
            }
            bool ok = false;
            const double c = text.toDouble(&ok);
            return [c, ok](int) { return ok ? c : qQNaN(); };
        };
        const auto left = operand(QStringLiteral("left"));
        const auto right = operand(QStringLiteral("right"));
        const QString op = b.value(QLatin1String("operator")).toString(QStringLiteral("+"));
        for (int r = 0; r < rows; ++r)
            result.numbers << binaryOp(left(r), op, right(r));
        if (alias.isEmpty())
            alias = QStringLiteral("%1 %2 %3")
                        .arg(b.value(QLatin1String("left")).toString(), op,
                             b.value(QLatin1String("right")).toString());
    } else if (mode == QLatin1String("index")) {
        for (int r = 0; r < rows; ++r)
            result.numbers << r;
        if (alias.isEmpty())
            alias = QStringLiteral("Row");
    } else {
        const QJsonObject red = options.value(QLatin1String("reduce")).toObject();
        const QString calc = red.value(QLatin1String("reducer")).toString(QStringLiteral("sum"));
        QStringList include;
        for (const QJsonValue &v : red.value(QLatin1String("include")).toArray())
            include << v.toString();
        QList<int> use;
        for (int i = 0; i < frame.fields.size(); ++i) {
            if (frame.fields[i].isNumeric() && (include.isEmpty() || include.contains(nameOf(frame, i))))
                use << i;
        }
        for (int r = 0; r < rows; ++r) {
            QVector<double> values;
            for (int i : use)
                values << frame.fields[i].number(r);
            result.numbers << Reducer::reduce(values, calc);
        }
        if (alias.isEmpty())
            alias = Reducer::title(calc);
    }
    result.name = alias;
    result.config.displayName = alias;
    DataFrame out;
    out.refId = frame.refId;
    if (replace) {
        const int t = frame.timeIndex();
        if (t >= 0)
            out.fields << frame.fields[t];
    } else {
        out.fields = frame.fields;
    }
    out.fields << result;
    return {out};
}

QList<DataFrame> Transformations::sortBy(const QJsonObject &options, const QList<DataFrame> &frames)
{
    const QJsonArray sort = options.value(QLatin1String("sort")).toArray();
    if (sort.isEmpty())
        return frames;
    const QJsonObject first = sort.first().toObject();
    const QString by = first.value(QLatin1String("field")).toString();
    const bool desc = first.value(QLatin1String("desc")).toBool();
    QList<DataFrame> out;
    for (const DataFrame &frame : frames) {
        int col = -1;
        for (int i = 0; i < frame.fields.size(); ++i) {
            if (nameOf(frame, i) == by)
                col = i;
        }
        if (col < 0) {
            out << frame;
            continue;
        }
        QVector<int> rows(frame.rows());
        std::iota(rows.begin(), rows.end(), 0);
        const DataField &f = frame.fields[col];
        std::stable_sort(rows.begin(), rows.end(), [&](int a, int b) {
            const bool less = f.type == DataField::Type::String
                                  ? QString::localeAwareCompare(f.text(a), f.text(b)) < 0
                                  : f.number(a) < f.number(b);
            const bool more = f.type == DataField::Type::String
                                  ? QString::localeAwareCompare(f.text(b), f.text(a)) < 0
                                  : f.number(b) < f.number(a);
            return desc ? more : less;
        });
        out << pickRows(frame, rows);
    }
    return out;
}

QList<DataFrame> Transformations::groupBy(const QJsonObject &options, const QList<DataFrame> &frames)
{
    const QJsonObject fields = options.value(QLatin1String("fields")).toObject();
    QList<DataFrame> out;
    for (const DataFrame &frame : frames) {
        QList<int> groupCols;
        QList<QPair<int, QString>> aggregates;
        for (int i = 0; i < frame.fields.size(); ++i) {
            const QJsonObject spec = fields.value(nameOf(frame, i)).toObject();
            const QString op = spec.value(QLatin1String("operation")).toString();
            if (op == QLatin1String("groupby"))
                groupCols << i;
            else if (op == QLatin1String("aggregate")) {
                for (const QJsonValue &c : spec.value(QLatin1String("aggregations")).toArray())
                    aggregates << qMakePair(i, c.toString());
            }
        }
        if (groupCols.isEmpty()) {
            out << frame;
            continue;
        }
        QList<QString> keys;
        QHash<QString, QVector<int>> rowsOf;
        for (int r = 0; r < frame.rows(); ++r) {
            QStringList parts;
            for (int c : groupCols)
                parts << frame.fields[c].text(r);
            const QString key = parts.join(QChar(0x1f));
            if (!rowsOf.contains(key))
                keys << key;
            rowsOf[key] << r;
        }
        DataFrame f;
        f.refId = frame.refId;
        for (int c : groupCols) {
            DataField g = frame.fields[c].emptyLike(nameOf(frame, c));
            for (const QString &key : keys)
                g.appendCell(&frame.fields[c], rowsOf.value(key).first());
            f.fields << g;
        }
        for (const auto &[c, calc] : aggregates) {
            DataField a;
            a.type = DataField::Type::Number;
            a.name = QStringLiteral("%1 (%2)").arg(nameOf(frame, c), calc);
            a.config = frame.fields[c].config;
            a.config.displayName.reset();
            for (const QString &key : keys) {
                QVector<double> values;
                for (int r : rowsOf.value(key))
                    values << frame.fields[c].number(r);
                a.numbers << Reducer::reduce(values, calc);
            }
            f.fields << a;
        }
        out << f;
    }
    return out;
}

QList<DataFrame> Transformations::limit(const QJsonObject &options, const QList<DataFrame> &frames)
{
    const int n = options.value(QLatin1String("limitField")).toInt(10);
    QList<DataFrame> out;
    for (const DataFrame &frame : frames) {
        QVector<int> rows;
        for (int r = 0; r < std::min(n, frame.rows()); ++r)
            rows << r;
        out << pickRows(frame, rows);
    }
    return out;
}

QList<DataFrame> Transformations::renameByRegex(const QJsonObject &options, const QList<DataFrame> &frames)
{
    const QRegularExpression re = jsRegex(options.value(QLatin1String("regex")).toString());
    // JavaScript's "$1" in the pattern is Qt's "\1".
    QString after = options.value(QLatin1String("renamePattern")).toString();
    after.replace(QRegularExpression(QStringLiteral("\\$(\\d)")), QStringLiteral("\\\\\\1"));
    QList<DataFrame> out = frames;
    for (DataFrame &frame : out) {
        for (int i = 0; i < frame.fields.size(); ++i) {
            QString name = nameOf(frame, i);
            if (!re.match(name).hasMatch())
                continue;
            frame.fields[i].config.displayName = name.replace(re, after);
        }
    }
    return out;
}

QList<DataFrame> Transformations::concatenate(const QList<DataFrame> &frames)
{
    if (frames.size() < 2)
        return frames;
    DataFrame out;
    out.refId = frames.first().refId;
    for (const DataFrame &f : frames) {
        for (int i = 0; i < f.fields.size(); ++i) {
            DataField field = f.fields[i];
            field.config.displayName = nameOf(f, i);
            out.fields << field;
        }
    }
    return {out};
}

QList<DataFrame> Transformations::seriesToRows(const QList<DataFrame> &frames)
{
    DataField time;
    time.name = QStringLiteral("Time");
    time.type = DataField::Type::Time;
    DataField metric;
    metric.name = QStringLiteral("Metric");
    metric.type = DataField::Type::String;
    DataField value;
    value.name = QStringLiteral("Value");
    for (const DataFrame &f : frames) {
        const int t = f.timeIndex();
        for (int i = 0; i < f.fields.size(); ++i) {
            if (!f.fields[i].isNumeric())
                continue;
            for (int r = 0; r < f.fields[i].size(); ++r) {
                time.numbers << (t >= 0 ? f.fields[t].number(r) : qQNaN());
                metric.strings << nameOf(f, i);
                value.numbers << f.fields[i].number(r);
                if (!value.config.unit && f.fields[i].config.unit)
                    value.config.unit = f.fields[i].config.unit;
            }
        }
    }
    // Newest first, as Grafana sorts the rows.
    QVector<int> rows(time.numbers.size());
    std::iota(rows.begin(), rows.end(), 0);
    std::stable_sort(rows.begin(), rows.end(),
                     [&](int a, int b) { return time.numbers[a] > time.numbers[b]; });
    DataFrame out;
    out.fields << time << metric << value;
    return {pickRows(out, rows)};
}

} // namespace Sitrep::Prom
