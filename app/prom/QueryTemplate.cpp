#include "prom/QueryTemplate.h"

#include "prom/StepCalculator.h"

#include <QRegularExpression>

namespace Sitrep::Prom {

namespace {

bool isWordChar(QChar c)
{
    return c.isLetterOrNumber() || c == QLatin1Char('_');
}

} // namespace

QString QueryTemplate::expand(const QString &expr, const TemplateContext &ctx, QStringList *unresolved)
{
    QMap<QString, QString> values = ctx.variables;
    values.insert(QStringLiteral("__interval"), StepCalculator::formatDuration(ctx.intervalMs));
    values.insert(QStringLiteral("__interval_ms"), QString::number(ctx.intervalMs));
    values.insert(QStringLiteral("__rate_interval"), StepCalculator::formatDuration(ctx.rateIntervalMs));
    values.insert(QStringLiteral("__range"), StepCalculator::formatDuration(ctx.rangeMs));
    values.insert(QStringLiteral("__range_s"), QString::number(ctx.rangeMs / 1000));
    values.insert(QStringLiteral("__range_ms"), QString::number(ctx.rangeMs));

    QString out;
    out.reserve(expr.size());
    const auto resolve = [&](const QString &name) -> std::optional<QString> {
        auto it = values.constFind(name);
        if (it != values.cend())
            return *it;
        if (unresolved && !unresolved->contains(name))
            *unresolved << name;
        return std::nullopt;
    };
    int i = 0;
    const int n = int(expr.size());
    while (i < n) {
        const QChar c = expr.at(i);
        if (c == QLatin1Char('$') && i + 1 < n && expr.at(i + 1) == QLatin1Char('{')) {
            const int close = int(expr.indexOf(QLatin1Char('}'), i + 2));
            if (close > 0) {
                QString name = expr.mid(i + 2, close - i - 2);
                const int colon = int(name.indexOf(QLatin1Char(':')));
                if (colon >= 0)
                    name = name.left(colon); // formats (:regex, :csv) make no difference for one value
                if (auto v = resolve(name)) {
                    out += *v;
                    i = close + 1;
                    continue;
                }
            }
        } else if (c == QLatin1Char('[') && i + 1 < n && expr.at(i + 1) == QLatin1Char('[')) {
            const int close = int(expr.indexOf(QStringLiteral("]]"), i + 2));
            if (close > 0) {
                if (auto v = resolve(expr.mid(i + 2, close - i - 2))) {
                    out += *v;
                    i = close + 2;
                    continue;
                }
            }
        } else if (c == QLatin1Char('$') && i + 1 < n && isWordChar(expr.at(i + 1))) {
            int end = i + 1;
            while (end < n && isWordChar(expr.at(end)))
                ++end;
            if (auto v = resolve(expr.mid(i + 1, end - i - 1))) {
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
    static const QRegularExpression re(QStringLiteral("^\\s*label_values\\s*\\((.*)\\)\\s*$"),
                                       QRegularExpression::DotMatchesEverythingOption);
    const auto m = re.match(query);
    if (!m.hasMatch())
        return std::nullopt;
    const QString args = m.captured(1).trimmed();
    // The label is after the last comma outside braces and quotes.
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
    LabelValuesQuery q;
    if (split < 0) {
        q.label = args;
    } else {
        q.match = args.left(split).trimmed();
        q.label = args.mid(split + 1).trimmed();
    }
    static const QRegularExpression labelRe(QStringLiteral("^[a-zA-Z_][a-zA-Z0-9_]*$"));
    if (!labelRe.match(q.label).hasMatch())
        return std::nullopt;
    return q;
}

} // namespace Sitrep::Prom
