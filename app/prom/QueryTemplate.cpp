#include "prom/QueryTemplate.h"

#include "prom/Dashboard.h"
#include "prom/StepCalculator.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QUrl>

namespace Sitrep::Prom {

namespace {

bool isWordChar(QChar c)
{
    return c.isLetterOrNumber() || c == QLatin1Char('_');
}

// The first closing parenthesis that balances the one at `open`, outside quotes; -1 if none.
int closingParen(const QString &s, int open)
{
    int depth = 0;
    QChar quote;
    for (int i = open; i < s.size(); ++i) {
        const QChar c = s.at(i);
        if (!quote.isNull()) {
            if (c == QLatin1Char('\\'))
                ++i;
            else if (c == quote)
                quote = QChar();
            continue;
        }
        if (c == QLatin1Char('"') || c == QLatin1Char('\'') || c == QLatin1Char('`'))
            quote = c;
        else if (c == QLatin1Char('('))
            ++depth;
        else if (c == QLatin1Char(')') && --depth == 0)
            return i;
    }
    return -1;
}

// "name:format" -> name stays, the format is returned ("" when there is none).
QString takeFormat(QString &name)
{
    const qsizetype colon = name.indexOf(QLatin1Char(':'));
    if (colon < 0)
        return {};
    const QString fmt = name.mid(colon + 1);
    name.truncate(colon);
    return fmt;
}

} // namespace

VariableValue VariableValue::of(const Variable &v)
{
    VariableValue out;
    out.multiFormat = v.multi || v.includeAll;
    out.isAll = v.isAll();
    out.allValue = v.allValue;
    if (out.isAll)
        out.values = v.options;
    else if (v.multi && !v.selected.isEmpty())
        out.values = v.selected;
    else {
        const QString value = v.value();
        if (!value.isEmpty() || v.type == Variable::Type::TextBox || v.type == Variable::Type::Constant)
            out.values = {value};
    }
    for (const QString &value : std::as_const(out.values)) {
        const qsizetype i = v.options.indexOf(value);
        out.texts << (i >= 0 && i < v.optionTexts.size() ? v.optionTexts.at(i) : value);
    }
    return out;
}

VariableValue VariableValue::single(const QString &value)
{
    VariableValue out;
    out.values = {value};
    out.texts = {value};
    return out;
}

void TemplateContext::setStep(const StepChoice &step)
{
    intervalMs = step.intervalMs;
    rateIntervalMs = step.rateIntervalMs;
    intervalText = step.intervalText;
    rateIntervalText = step.rateIntervalText;
    rangeText = step.rangeText;
}

QString QueryTemplate::regularEscape(const QString &value)
{
    QString out = value;
    out.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
    out.replace(QLatin1Char('\''), QStringLiteral("\\\\'"));
    return out;
}

QString QueryTemplate::specialRegexEscape(const QString &value)
{
    // Grafana's prometheusSpecialRegexEscape: a regex escape inside a PromQL string, so doubled.
    static const QString meta = QStringLiteral("$^*{}[]'+?.()|");
    QString out;
    for (const QChar c : value) {
        if (c == QLatin1Char('\\'))
            out += QStringLiteral("\\\\\\\\");
        else if (meta.contains(c))
            out += QStringLiteral("\\\\") + c;
        else
            out += c;
    }
    return out;
}

QString QueryTemplate::format(const VariableValue &v, const QString &fmt, const QString &name)
{
    // A custom All value goes in as written, whatever the format.
    if (v.isAll && !v.allValue.isEmpty())
        return v.allValue;
    const QStringList &values = v.values;
    if (fmt.isEmpty()) {
        if (!v.multiFormat)
            return regularEscape(values.value(0));
        QStringList escaped;
        for (const QString &x : values)
            escaped << specialRegexEscape(x);
        if (escaped.size() == 1)
            return escaped.first();
        return QLatin1Char('(') + escaped.join(QLatin1Char('|')) + QLatin1Char(')');
    }
    if (fmt == QLatin1String("regex")) {
        QStringList escaped;
        static const QString meta = QStringLiteral("\\^$*+?.()|[]{}");
        for (const QString &x : values) {
            QString e;
            for (const QChar ch : x) {
                if (meta.contains(ch))
                    e += QLatin1Char('\\');
                e += ch;
            }
            escaped << e;
        }
        if (escaped.size() == 1)
            return escaped.first();
        return QLatin1Char('(') + escaped.join(QLatin1Char('|')) + QLatin1Char(')');
    }
    if (fmt == QLatin1String("pipe"))
        return values.join(QLatin1Char('|'));
    if (fmt == QLatin1String("csv") || fmt == QLatin1String("raw"))
        return values.join(QLatin1Char(','));
    if (fmt == QLatin1String("text"))
        return (v.isAll ? QStringList{QStringLiteral("All")} : (v.texts.isEmpty() ? values : v.texts))
            .join(QStringLiteral(" + "));
    if (fmt == QLatin1String("json"))
        return QString::fromUtf8(
            QJsonDocument(QJsonArray::fromStringList(values)).toJson(QJsonDocument::Compact));
    if (fmt == QLatin1String("glob"))
        return values.size() == 1 ? values.first()
                                  : QLatin1Char('{') + values.join(QLatin1Char(',')) + QLatin1Char('}');
    if (fmt == QLatin1String("queryparam")) {
        QStringList parts;
        for (const QString &x : values)
            parts << QStringLiteral("var-%1=%2").arg(name, QString::fromUtf8(QUrl::toPercentEncoding(x)));
        return parts.join(QLatin1Char('&'));
    }
    if (fmt == QLatin1String("doublequote") || fmt == QLatin1String("singlequote") ||
        fmt == QLatin1String("sqlstring")) {
        const QChar q = fmt == QLatin1String("doublequote") ? QLatin1Char('"') : QLatin1Char('\'');
        QStringList parts;
        for (QString x : values) {
            if (fmt == QLatin1String("sqlstring"))
                x.replace(QLatin1Char('\''), QStringLiteral("''"));
            else
                x.replace(q, QString(QLatin1Char('\\')) + q);
            parts << q + x + q;
        }
        return parts.join(QLatin1Char(','));
    }
    if (fmt == QLatin1String("percentencode")) {
        const QString joined = values.size() == 1
                                   ? values.first()
                                   : QLatin1Char('{') + values.join(QLatin1Char(',')) + QLatin1Char('}');
        return QString::fromUtf8(QUrl::toPercentEncoding(joined));
    }
    if (fmt == QLatin1String("lucene")) {
        static const QRegularExpression special(
            QStringLiteral("([\\!\\*\\+\\-\\=<>\\s\\&\\|\\(\\)\\[\\]\\{\\}\\^\\~\\?\\:\\\\/\"])"));
        QStringList parts;
        for (QString x : values)
            parts << QLatin1Char('"') + x.replace(special, QStringLiteral("\\\\1")) + QLatin1Char('"');
        return values.size() == 1 ? parts.first()
                                  : QLatin1Char('(') + parts.join(QStringLiteral(" OR ")) + QLatin1Char(')');
    }
    // distributed, date and anything else: the values as they are.
    return values.join(QLatin1Char(','));
}

QString QueryTemplate::expand(const QString &expr, const TemplateContext &ctx, QStringList *unresolved)
{
    QMap<QString, QString> builtins;
    builtins.insert(QStringLiteral("__interval"), ctx.intervalText.isEmpty()
                                                      ? StepCalculator::formatDuration(ctx.intervalMs)
                                                      : ctx.intervalText);
    builtins.insert(QStringLiteral("__interval_ms"), QString::number(ctx.intervalMs));
    builtins.insert(QStringLiteral("__rate_interval"),
                    ctx.rateIntervalText.isEmpty() ? StepCalculator::formatDuration(ctx.rateIntervalMs)
                                                   : ctx.rateIntervalText);
    builtins.insert(QStringLiteral("__rate_interval_ms"), QString::number(ctx.rateIntervalMs));
    builtins.insert(QStringLiteral("__range"),
                    ctx.rangeText.isEmpty()
                        ? QString::number(qRound64(double(ctx.rangeMs) / 1000.0)) + QLatin1Char('s')
                        : ctx.rangeText);
    builtins.insert(QStringLiteral("__range_s"), QString::number(qRound64(double(ctx.rangeMs) / 1000.0)));
    builtins.insert(QStringLiteral("__range_ms"), QString::number(ctx.rangeMs));

    const auto resolve = [&](const QString &name, const QString &fmt) -> std::optional<QString> {
        if (const auto it = ctx.values.constFind(name); it != ctx.values.cend())
            return format(*it, fmt, name);
        if (const auto it = builtins.constFind(name); it != builtins.cend())
            return *it;
        if (const auto it = ctx.variables.constFind(name); it != ctx.variables.cend())
            return *it;
        if (unresolved && !unresolved->contains(name))
            *unresolved << name;
        return std::nullopt;
    };
    QString out;
    out.reserve(expr.size());
    int i = 0;
    const int n = int(expr.size());
    while (i < n) {
        const QChar c = expr.at(i);
        if (c == QLatin1Char('$') && i + 1 < n && expr.at(i + 1) == QLatin1Char('{')) {
            const int close = int(expr.indexOf(QLatin1Char('}'), i + 2));
            if (close > 0) {
                QString name = expr.mid(i + 2, close - i - 2);
                const QString fmt = takeFormat(name);
                if (auto v = resolve(name, fmt)) {
                    out += *v;
                    i = close + 1;
                    continue;
                }
            }
        } else if (c == QLatin1Char('[') && i + 1 < n && expr.at(i + 1) == QLatin1Char('[')) {
            const int close = int(expr.indexOf(QStringLiteral("]]"), i + 2));
            if (close > 0) {
                QString name = expr.mid(i + 2, close - i - 2);
                const QString fmt = takeFormat(name);
                static const QRegularExpression word(QStringLiteral("^[A-Za-z0-9_]+$"));
                if (word.match(name).hasMatch()) {
                    if (auto v = resolve(name, fmt)) {
                        out += *v;
                        i = close + 2;
                        continue;
                    }
                }
            }
        } else if (c == QLatin1Char('$') && i + 1 < n && isWordChar(expr.at(i + 1))) {
            int end = i + 1;
            while (end < n && isWordChar(expr.at(end)))
                ++end;
            if (auto v = resolve(expr.mid(i + 1, end - i - 1), QString())) {
                out += *v;
                i = end;
                continue;
            }
        }
        out += c;
        ++i;
    }
    return out;
}

QStringList QueryTemplate::referencedVariables(const QString &expr)
{
    static const QRegularExpression re(QStringLiteral(
        "\\$([A-Za-z0-9_]+)|\\$\\{([A-Za-z0-9_]+)(?::[^}]*)?\\}|\\[\\[([A-Za-z0-9_]+)(?::[^\\]]*)?\\]\\]"));
    QStringList out;
    auto it = re.globalMatch(expr);
    while (it.hasNext()) {
        const auto m = it.next();
        QString name = m.captured(1);
        if (name.isEmpty())
            name = m.captured(2);
        if (name.isEmpty())
            name = m.captured(3);
        if (!name.startsWith(QLatin1String("__")) && !out.contains(name))
            out << name;
    }
    return out;
}

QString QueryTemplate::legend(const QString &format, const Labels &labels)
{
    if (format.trimmed().isEmpty() || format == QLatin1String("__auto"))
        return labelsToString(labels);
    static const QRegularExpression re(QStringLiteral("\\{\\{\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*\\}\\}"));
    QString out;
    qsizetype last = 0;
    auto it = re.globalMatch(format);
    while (it.hasNext()) {
        const auto m = it.next();
        out += format.mid(last, m.capturedStart() - last);
        out += labels.value(m.captured(1));
        last = m.capturedEnd();
    }
    out += format.mid(last);
    return out;
}

std::optional<LabelValuesQuery> QueryTemplate::parseLabelValues(const QString &query)
{
    const VariableQuery q = parseVariableQuery(query);
    if (q.kind != VariableQuery::Kind::LabelValues)
        return std::nullopt;
    return LabelValuesQuery{q.match, q.label};
}

VariableQuery QueryTemplate::parseVariableQuery(const QString &queryIn)
{
    VariableQuery q;
    const QString query = queryIn.trimmed();
    static const QRegularExpression fn(
        QStringLiteral("^(label_values|label_names|metrics|query_result)\\s*\\("));
    const auto m = fn.match(query);
    if (!m.hasMatch()) {
        // A bare selector lists its series (Grafana's "classic" series query).
        if (!query.isEmpty()) {
            q.kind = VariableQuery::Kind::Series;
            q.match = query;
        }
        return q;
    }
    const int open = int(m.capturedEnd() - 1);
    const int close = closingParen(query, open);
    if (close < 0 || !query.mid(close + 1).trimmed().isEmpty())
        return q;
    const QString args = query.mid(open + 1, close - open - 1).trimmed();
    const QString name = m.captured(1);
    if (name == QLatin1String("query_result")) {
        q.kind = VariableQuery::Kind::QueryResult;
        q.expr = args;
        return q;
    }
    if (name == QLatin1String("metrics")) {
        q.kind = VariableQuery::Kind::Metrics;
        q.regex = args;
        return q;
    }
    if (name == QLatin1String("label_names")) {
        q.kind = VariableQuery::Kind::LabelNames;
        q.match = args;
        return q;
    }
    // label_values: the label is after the last comma outside braces and quotes.
    int depth = 0;
    bool quoted = false;
    int split = -1;
    for (int i = 0; i < args.size(); ++i) {
        const QChar c = args.at(i);
        if (c == QLatin1Char('"') && (i == 0 || args.at(i - 1) != QLatin1Char('\\')))
            quoted = !quoted;
        else if (!quoted && (c == QLatin1Char('{') || c == QLatin1Char('(')))
            ++depth;
        else if (!quoted && (c == QLatin1Char('}') || c == QLatin1Char(')')))
            --depth;
        else if (!quoted && depth == 0 && c == QLatin1Char(','))
            split = i;
    }
    if (split < 0) {
        q.label = args;
    } else {
        q.match = args.left(split).trimmed();
        q.label = args.mid(split + 1).trimmed();
    }
    static const QRegularExpression labelRe(QStringLiteral("^[a-zA-Z_][a-zA-Z0-9_]*$"));
    if (!labelRe.match(q.label).hasMatch())
        return q;
    q.kind = VariableQuery::Kind::LabelValues;
    return q;
}

} // namespace Sitrep::Prom
