#include "prom/GrafanaVariableReader.h"

#include <QJsonArray>
#include <QRegularExpression>

namespace Sitrep::Prom {

namespace {

QStringList currentValues(const QJsonObject &v)
{
    const QJsonValue value = v.value(QLatin1String("current")).toObject().value(QLatin1String("value"));
    QStringList out;
    if (value.isArray()) {
        for (const QJsonValue &c : value.toArray())
            out << c.toString();
    } else if (!value.toString().isEmpty()) {
        out << value.toString();
    }
    return out;
}

// The query text of a query variable: a string, or Grafana 10's object ({query}, or {qryType, label,
// metric}).
QString queryText(const QJsonObject &v)
{
    const QJsonValue q = v.value(QLatin1String("query"));
    if (!q.isObject())
        return q.toString().isEmpty() ? v.value(QLatin1String("definition")).toString() : q.toString();
    const QJsonObject o = q.toObject();
    const QString text = o.value(QLatin1String("query")).toString();
    if (!text.isEmpty())
        return text;
    const QString metric = o.value(QLatin1String("metric")).toString();
    const QString label = o.value(QLatin1String("label")).toString();
    switch (o.value(QLatin1String("qryType")).toInt(-1)) {
    case 0:
        return metric.isEmpty() ? QStringLiteral("label_names()")
                                : QStringLiteral("label_names(%1)").arg(metric);
    case 1:
        return metric.isEmpty() ? QStringLiteral("label_values(%1)").arg(label)
                                : QStringLiteral("label_values(%1, %2)").arg(metric, label);
    case 2:
        return QStringLiteral("metrics(%1)").arg(metric);
    default:
        return v.value(QLatin1String("definition")).toString();
    }
}

bool isPrometheusQuery(const QString &query)
{
    static const QRegularExpression known(
        QStringLiteral("^\\s*(label_values|label_names|metrics|query_result)\\s*\\("));
    return known.match(query).hasMatch() || query.trimmed().startsWith(QLatin1Char('{')) ||
           !query.trimmed().isEmpty();
}

} // namespace

QList<QPair<QString, QString>> GrafanaVariableReader::splitCustom(const QString &query)
{
    QList<QPair<QString, QString>> out;
    static const QRegularExpression item(QStringLiteral("(?:\\\\,|[^,])+"));
    static const QRegularExpression pair(QStringLiteral("^\\s*(.+)\\s:\\s(.+)$"));
    auto it = item.globalMatch(query);
    while (it.hasNext()) {
        QString text = it.next().captured(0);
        text.replace(QStringLiteral("\\,"), QStringLiteral(","));
        const auto m = pair.match(text);
        if (m.hasMatch())
            out << qMakePair(m.captured(1).trimmed(), m.captured(2).trimmed());
        else if (!text.trimmed().isEmpty())
            out << qMakePair(text.trimmed(), text.trimmed());
    }
    return out;
}

void GrafanaVariableReader::read(const QJsonObject &v, GrafanaImport &out, ApproximationList &notes)
{
    Variable var;
    var.name = v.value(QLatin1String("name")).toString();
    if (var.name.isEmpty())
        return;
    var.label = v.value(QLatin1String("label")).toString();
    if (var.label.isEmpty())
        var.label = var.name;
    var.hidden = v.value(QLatin1String("hide")).toInt() == 2;
    const QString type = v.value(QLatin1String("type")).toString();
    var.multi = v.value(QLatin1String("multi")).toBool();
    var.includeAll = v.value(QLatin1String("includeAll")).toBool();
    var.allValue = v.value(QLatin1String("allValue")).toString();
    const QStringList current = currentValues(v);
    if (var.multi || var.includeAll) {
        // Several values (or "All") expand as a regex alternation, as Grafana does for Prometheus.
        var.selected = current;
        if (!var.multi && current.size() == 1 && current.first() != QLatin1String(Variable::kAll))
            var.current = current.first();
    } else {
        var.current = current.value(0);
        if (var.current == QLatin1String(Variable::kAll))
            var.current.clear();
    }

    const QString query = queryText(v);
    if (type == QLatin1String("datasource")) {
        var.type = Variable::Type::Datasource;
        var.query = v.value(QLatin1String("query")).toString();
        var.multi = false;
        var.includeAll = false;
        var.selected.clear();
        var.current = QStringLiteral("Prometheus");
        var.options = {var.current};
        out.datasourceVariables << var.name;
        if (!var.query.isEmpty() && var.query != QLatin1String("prometheus"))
            notes.add(QStringLiteral("variable $%1 chooses a %2 data source; it stands for the environment's "
                                     "Prometheus")
                          .arg(var.name, var.query));
    } else if (type == QLatin1String("custom")) {
        var.type = Variable::Type::Custom;
        const auto parts = splitCustom(query);
        for (const auto &[text, value] : parts) {
            var.options << value;
            var.optionTexts << text;
        }
        if (var.options.isEmpty()) {
            for (const QJsonValue &o : v.value(QLatin1String("options")).toArray()) {
                const QString value = o.toObject().value(QLatin1String("value")).toString();
                if (value != QLatin1String(Variable::kAll)) {
                    var.options << value;
                    var.optionTexts << o.toObject().value(QLatin1String("text")).toString(value);
                }
            }
        }
    } else if (type == QLatin1String("constant")) {
        var.type = Variable::Type::Constant;
        var.current = query;
        var.multi = false;
        var.selected.clear();
    } else if (type == QLatin1String("textbox")) {
        var.type = Variable::Type::TextBox;
        if (var.current.isEmpty())
            var.current = query;
    } else if (type == QLatin1String("interval")) {
        var.type = Variable::Type::Interval;
        for (const auto &[text, value] : splitCustom(query)) {
            Q_UNUSED(text);
            var.options << value;
        }
        var.autoInterval = v.value(QLatin1String("auto")).toBool();
        var.autoCount = v.value(QLatin1String("auto_count")).toInt(30);
        var.autoMin = v.value(QLatin1String("auto_min")).toString(QStringLiteral("10s"));
        if (var.autoInterval)
            var.options.prepend(QLatin1String(Variable::kAuto));
        if (var.current.startsWith(QLatin1String("$__auto")))
            var.current = QLatin1String(Variable::kAuto);
        if (var.current.isEmpty() && !var.options.isEmpty())
            var.current = var.options.first();
    } else if (type == QLatin1String("query")) {
        var.type = Variable::Type::Query;
        var.query = query;
        var.regex = v.value(QLatin1String("regex")).toString();
        var.sort = v.value(QLatin1String("sort")).toInt();
        const QJsonObject ds = v.value(QLatin1String("datasource")).toObject();
        const QString dsType = ds.value(QLatin1String("type")).toString();
        if (!dsType.isEmpty() && dsType != QLatin1String("prometheus") &&
            dsType != QLatin1String("datasource")) {
            notes.add(QStringLiteral("variable $%1 queries a %2 data source; it keeps its saved value \"%3\"")
                          .arg(var.name, dsType, current.join(QStringLiteral(", "))));
            var.type = Variable::Type::Custom;
            var.options = current;
            var.query.clear();
        } else if (!isPrometheusQuery(var.query)) {
            notes.add(QStringLiteral("variable $%1 has no query; it keeps its saved value").arg(var.name));
            var.type = Variable::Type::Custom;
            var.options = current;
            var.query.clear();
        }
    } else if (type == QLatin1String("adhoc")) {
        var.type = Variable::Type::AdHoc;
        var.hidden = true;
        notes.add(QStringLiteral("ad-hoc filters ($%1) are not added to the queries").arg(var.name));
    } else {
        notes.add(QStringLiteral("variable $%1 of type %2 is not supported; $%1 stays unexpanded in queries")
                      .arg(var.name, type.isEmpty() ? QStringLiteral("(none)") : type));
        return;
    }
    out.dashboard.variables << var;
}

} // namespace Sitrep::Prom
