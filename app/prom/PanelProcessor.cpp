#include "prom/PanelProcessor.h"

#include "prom/GrafanaColors.h"
#include "prom/QueryTemplate.h"
#include "prom/Reducer.h"

#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <cmath>

namespace Sitrep::Prom {

namespace {

QList<QPointF> pointsOf(const DataField &time, const DataField &value)
{
    if (!value.points.isEmpty())
        return value.points;
    QList<QPointF> out;
    const int n = std::min(time.size(), value.size());
    out.reserve(n);
    for (int i = 0; i < n; ++i) {
        const double v = value.number(i);
        if (std::isfinite(v))
            out << QPointF(time.number(i), v);
    }
    return out;
}

bool fieldSelected(const QString &filter, const QString &name)
{
    if (filter.isEmpty() || filter == QLatin1String("/.*/"))
        return true;
    if (filter.startsWith(QLatin1Char('/')))
        return jsRegex(filter).match(name).hasMatch();
    return filter == name;
}

// A field's options: the panel's defaults and overrides, what transformations set on the field, and the
// overrides again (they win over both, as in Grafana).
FieldConfig resolvedConfig(const Panel &panel, const DataField &field, const DataFrame &frame,
                           const QString &name)
{
    FieldConfig cfg = panel.configFor(name, frame.refId, field.isNumeric(), field.name);
    cfg.merge(field.config);
    for (const FieldOverride &o : panel.overrides) {
        if (o.matcher.matches(name, frame.refId, field.isNumeric(), field.name))
            cfg.merge(o.config);
    }
    return cfg;
}

} // namespace

QString PanelProcessor::seriesName(const QString &legendFormat, const Labels &labels, const QString &expr)
{
    if (!legendFormat.trimmed().isEmpty() && legendFormat != QLatin1String("__auto"))
        return QueryTemplate::legend(legendFormat, labels);
    if (!labels.isEmpty())
        return labelsToString(labels);
    return expr;
}

QList<DataFrame> PanelProcessor::frames(const Panel &panel, const QList<QueryResult> &results)
{
    QList<DataFrame> out;
    int tableResults = 0;
    for (const QueryResult &r : results)
        tableResults += r.format == QLatin1String("table") ? 1 : 0;
    for (const QueryResult &r : results) {
        if (r.format == QLatin1String("table")) {
            // One frame per query: Time, the labels as columns (sorted), the value.
            DataFrame f;
            f.refId = r.refId;
            QStringList labelNames;
            for (const RangeSeries &s : r.series) {
                for (auto it = s.labels.cbegin(); it != s.labels.cend(); ++it) {
                    if (!labelNames.contains(it.key()))
                        labelNames << it.key();
                }
            }
            labelNames.sort();
            DataField time;
            time.name = QStringLiteral("Time");
            time.type = DataField::Type::Time;
            QList<DataField> labelFields;
            for (const QString &l : labelNames) {
                DataField lf;
                lf.name = l;
                lf.type = DataField::Type::String;
                labelFields << lf;
            }
            DataField value;
            value.name = tableResults > 1 ? QStringLiteral("Value #") + r.refId : QStringLiteral("Value");
            for (const RangeSeries &s : r.series) {
                const int n = r.instant ? std::min<int>(1, int(s.values.size())) : int(s.values.size());
                for (int i = 0; i < n; ++i) {
                    const int at = r.instant ? int(s.values.size()) - 1 : i;
                    time.numbers << s.timesMs.value(at);
                    value.numbers << s.values.value(at);
                    for (int l = 0; l < labelNames.size(); ++l)
                        labelFields[l].strings << s.labels.value(labelNames[l]);
                }
            }
            f.fields << time << labelFields << value;
            out << f;
            continue;
        }
        for (const RangeSeries &s : r.series) {
            DataFrame f;
            f.refId = r.refId;
            DataField time;
            time.name = QStringLiteral("Time");
            time.type = DataField::Type::Time;
            time.numbers = s.timesMs;
            DataField value;
            value.name = QStringLiteral("Value");
            value.labels = s.labels;
            value.numbers = s.values;
            value.points = s.points;
            value.displayNameFromDS = seriesName(r.legendFormat, s.labels, r.expr);
            f.name = value.displayNameFromDS;
            f.fields << time << value;
            out << f;
        }
    }
    bool transforms = false;
    for (const Transformation &t : panel.transformations)
        transforms = transforms || !t.disabled;
    if (!transforms)
        return out;
    // Points were reduced for the raw series; transformed values are drawn from what the transformations
    // give.
    for (DataFrame &f : out) {
        for (DataField &field : f.fields)
            field.points.clear();
    }
    return Transformations::apply(panel.transformations, out);
}

QList<DrawSeries> PanelProcessor::timeSeries(const Panel &panel, const QList<DataFrame> &frames)
{
    QList<DrawSeries> out;
    int index = 0;
    for (const DataFrame &frame : frames) {
        const int t = frame.timeIndex();
        if (t < 0)
            continue;
        for (int i = 0; i < frame.fields.size(); ++i) {
            const DataField &field = frame.fields[i];
            if (i == t || !field.isNumeric())
                continue;
            DrawSeries s;
            s.name = fieldDisplayName(field, frame);
            s.refId = frame.refId;
            s.labels = field.labels;
            s.config = resolvedConfig(panel, field, frame, s.name);
            s.times = frame.fields[t].numbers;
            s.values = field.numbers;
            s.points = pointsOf(frame.fields[t], field);
            double last = qQNaN();
            for (qsizetype k = s.values.size() - 1; k >= 0; --k) {
                if (std::isfinite(s.values[k])) {
                    last = s.values[k];
                    break;
                }
            }
            s.index = index++;
            s.color = DisplayProcessor::seriesColor(s.config, s.index, last, s.config.min.value_or(0),
                                                    s.config.max.value_or(1));
            out << s;
        }
    }
    return out;
}

QList<ReducedValue> PanelProcessor::reducedValues(const Panel &panel, const QList<DataFrame> &frames)
{
    struct Source
    {
        const DataFrame *frame;
        int field;
        QString name;
        FieldConfig config;
    };
    QList<Source> sources;
    double lo = qInf();
    double hi = -qInf();
    for (const DataFrame &frame : frames) {
        for (int i = 0; i < frame.fields.size(); ++i) {
            const DataField &f = frame.fields[i];
            if (!f.isNumeric())
                continue;
            const QString name = fieldDisplayName(f, frame);
            if (!fieldSelected(panel.reduce.fields, name))
                continue;
            const FieldConfig cfg = resolvedConfig(panel, f, frame, name);
            if (cfg.hideFromViz.value_or(false))
                continue;
            sources << Source{&frame, i, name, cfg};
            for (double v : f.numbers) {
                if (std::isfinite(v)) {
                    lo = std::min(lo, v);
                    hi = std::max(hi, v);
                }
            }
        }
    }
    if (!std::isfinite(lo)) {
        lo = 0;
        hi = 1;
    }
    QList<ReducedValue> out;
    int index = 0;
    const auto rangeOf = [&](const FieldConfig &cfg) {
        // Grafana: a gauge without min/max spans the data of every field, from 0 when all are positive.
        double min = cfg.min.value_or(std::min(lo, 0.0));
        double max = cfg.max.value_or(hi);
        if (max <= min)
            max = min + 1;
        return std::pair{min, max};
    };
    for (const Source &src : sources) {
        const DataField &field = src.frame->fields[src.field];
        const auto [min, max] = rangeOf(src.config);
        const int t = src.frame->timeIndex();
        QList<QPointF> spark = t >= 0 ? pointsOf(src.frame->fields[t], field) : QList<QPointF>();
        if (panel.reduce.allValues) {
            const int limit = panel.reduce.limit > 0 ? panel.reduce.limit : 5000;
            for (int r = 0; r < field.size() && out.size() < limit; ++r) {
                QStringList parts;
                for (int i = 0; i < src.frame->fields.size(); ++i) {
                    if (src.frame->fields[i].type == DataField::Type::String)
                        parts << src.frame->fields[i].text(r);
                }
                ReducedValue v;
                v.title = parts.isEmpty() ? src.name : parts.join(QLatin1Char(' '));
                v.config = src.config;
                v.min = min;
                v.max = max;
                v.display = DisplayProcessor::display(field.number(r), src.config, min, max, index++);
                out << v;
            }
            continue;
        }
        for (const QString &calc : panel.reduce.calcs) {
            ReducedValue v;
            v.title =
                panel.reduce.calcs.size() > 1 ? src.name + QLatin1Char(' ') + Reducer::title(calc) : src.name;
            v.config = src.config;
            v.min = min;
            v.max = max;
            v.sparkline = spark;
            const double value = Reducer::isKnown(calc)
                                     ? Reducer::reduce(field.numbers, calc)
                                     : Reducer::reduce(field.numbers, QStringLiteral("lastNotNull"));
            v.display = DisplayProcessor::display(value, src.config, min, max, index++);
            out << v;
        }
    }
    return out;
}

QList<TableData> PanelProcessor::tables(const Panel &panel, const QList<DataFrame> &frames)
{
    QList<TableData> out;
    for (const DataFrame &frame : frames) {
        TableData t;
        t.title = frame.name.isEmpty() ? frame.refId : frame.name;
        for (int i = 0; i < frame.fields.size(); ++i) {
            const DataField &f = frame.fields[i];
            TableColumn c;
            c.name = fieldDisplayName(f, frame);
            c.config = resolvedConfig(panel, f, frame, c.name);
            if (c.config.hideFromViz.value_or(false))
                continue;
            if (f.type == DataField::Type::Time) {
                // Times as Grafana's table prints them.
                c.config.unit = QStringLiteral("time:YYYY-MM-DD HH:mm:ss");
                c.config.decimals.reset();
            } else if (f.type == DataField::Type::String) {
                c.config.unit.reset();
            }
            c.field = f;
            t.columns << c;
        }
        t.rows = frame.rows();
        out << t;
    }
    return out;
}

QList<StateRow> PanelProcessor::stateTimeline(const Panel &panel, const QList<DataFrame> &frames,
                                              qint64 endMs)
{
    QList<StateRow> out;
    int index = 0;
    for (const DataFrame &frame : frames) {
        const int t = frame.timeIndex();
        if (t < 0)
            continue;
        const DataField &time = frame.fields[t];
        for (int i = 0; i < frame.fields.size(); ++i) {
            if (i == t)
                continue;
            const DataField &f = frame.fields[i];
            StateRow row;
            row.name = fieldDisplayName(f, frame);
            const FieldConfig cfg = resolvedConfig(panel, f, frame, row.name);
            if (cfg.hideFromViz.value_or(false))
                continue;
            double lo = qInf();
            double hi = -qInf();
            for (double v : f.numbers) {
                if (std::isfinite(v)) {
                    lo = std::min(lo, v);
                    hi = std::max(hi, v);
                }
            }
            const double min = cfg.min.value_or(std::isfinite(lo) ? lo : 0);
            const double max = cfg.max.value_or(std::isfinite(hi) ? hi : 1);
            const int n = f.size();
            for (int r = 0; r < n; ++r) {
                DisplayValue d = f.isNumeric() ? DisplayProcessor::display(f.number(r), cfg, min, max, index)
                                               : DisplayProcessor::displayText(f.text(r), cfg);
                if (d.missing)
                    continue;
                if (d.color.isEmpty())
                    d.color = GrafanaColors::classic(index);
                const qint64 start = qint64(time.number(r));
                const qint64 end = r + 1 < n ? qint64(time.number(r + 1)) : std::max(start, endMs);
                if (!row.segments.isEmpty() && row.segments.last().text == d.text() &&
                    row.segments.last().color == d.color && row.segments.last().endMs >= start - 1) {
                    row.segments.last().endMs = end;
                    continue;
                }
                row.segments << StateSegment{start, end, d.text(), d.color};
            }
            ++index;
            out << row;
        }
    }
    return out;
}

} // namespace Sitrep::Prom
