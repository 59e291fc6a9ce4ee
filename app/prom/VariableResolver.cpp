#include "prom/VariableResolver.h"

#include "prom/PromClient.h"
#include "prom/StepCalculator.h"

#include <QCollator>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <numeric>

namespace Sitrep::Prom {

VariableResolver::VariableResolver(PromClient *client, QObject *parent)
    : QObject(parent)
    , m_client(client)
{}

VariableResolver::~VariableResolver()
{
    for (const auto &c : std::as_const(m_calls)) {
        if (c)
            c->abort();
    }
}

void VariableResolver::setVariables(const QList<Variable> &variables)
{
    for (const auto &c : std::as_const(m_calls)) {
        if (c)
            c->abort();
    }
    m_calls.clear();
    m_queue.clear();
    m_pending = 0;
    ++m_generation;
    m_variables = variables;
}

const Variable *VariableResolver::variable(const QString &name) const
{
    for (const Variable &v : m_variables) {
        if (v.name == name)
            return &v;
    }
    return nullptr;
}

void VariableResolver::setRange(qint64 startMs, qint64 endMs)
{
    m_startMs = startMs;
    m_endMs = endMs;
}

QString VariableResolver::autoInterval(const Variable &v, qint64 rangeMs)
{
    const int count = std::max(1, v.autoCount);
    double ms = double(StepCalculator::roundInterval(qint64(double(rangeMs) / count)));
    const auto low = StepCalculator::intervalToMs(v.autoMin);
    if (low && *low > ms)
        ms = *low;
    return StepCalculator::secondsToHms(ms / 1000.0);
}

QMap<QString, VariableValue> VariableResolver::values() const
{
    QMap<QString, VariableValue> out;
    const qint64 range = m_endMs > m_startMs ? m_endMs - m_startMs : 3600000;
    for (const Variable &v : m_variables) {
        switch (v.type) {
        case Variable::Type::AdHoc:
            break;
        case Variable::Type::Datasource:
            out.insert(v.name,
                       VariableValue::single(v.current.isEmpty() ? QStringLiteral("Prometheus") : v.current));
            break;
        case Variable::Type::Interval: {
            const QString a = autoInterval(v, range);
            if (v.autoInterval)
                out.insert(QStringLiteral("__auto_interval_") + v.name, VariableValue::single(a));
            out.insert(v.name,
                       VariableValue::single(v.current == QLatin1String(Variable::kAuto) ? a : v.value()));
            break;
        }
        default:
            out.insert(v.name, VariableValue::of(v));
            break;
        }
    }
    return out;
}

QStringList VariableResolver::dependents(const QString &name) const
{
    // Every variable whose query uses `name`, and theirs in turn, in list order.
    QSet<QString> changed{name};
    QStringList out;
    for (const Variable &v : m_variables) {
        if (v.type != Variable::Type::Query)
            continue;
        const QStringList refs = QueryTemplate::referencedVariables(v.query);
        for (const QString &r : refs) {
            if (changed.contains(r)) {
                out << v.name;
                changed.insert(v.name);
                break;
            }
        }
    }
    return out;
}

void VariableResolver::refreshAll()
{
    QStringList names;
    for (const Variable &v : m_variables) {
        if (v.type == Variable::Type::Query)
            names << v.name;
    }
    refresh(names);
}

void VariableResolver::setValue(const QString &name, const QStringList &values)
{
    for (Variable &v : m_variables) {
        if (v.name != name)
            continue;
        if (v.multi)
            v.selected = values;
        else
            v.current = values.value(0);
        if (!v.multi && v.includeAll && v.current == QLatin1String(Variable::kAll))
            v.selected = {v.current};
        else if (!v.multi)
            v.selected.clear();
    }
    emit optionsChanged(name);
    const QStringList deps = dependents(name);
    if (deps.isEmpty()) {
        emit changed();
        return;
    }
    refresh(deps);
}

void VariableResolver::refresh(const QStringList &names)
{
    for (const QString &n : names) {
        if (!m_queue.contains(n))
            m_queue << n;
    }
    // One at a time, in list order: a chained variable is asked with the values it depends on settled.
    if (m_pending > 0)
        return;
    while (!m_queue.isEmpty()) {
        const QString next = m_queue.takeFirst();
        for (int i = 0; i < m_variables.size(); ++i) {
            if (m_variables[i].name == next && m_variables[i].type == Variable::Type::Query) {
                ask(i);
                return;
            }
        }
    }
    emit changed();
}

void VariableResolver::ask(int index)
{
    const Variable &v = m_variables[index];
    TemplateContext ctx;
    ctx.values = values();
    ctx.rangeMs = m_endMs > m_startMs ? m_endMs - m_startMs : 3600000;
    const VariableQuery q = QueryTemplate::parseVariableQuery(QueryTemplate::expand(v.query, ctx));
    const int generation = m_generation;
    const QString name = v.name;
    ++m_pending;
    auto done = [this, index, generation](const QStringList &raw, const QString &error) {
        if (generation != m_generation)
            return;
        --m_pending;
        answered(index, raw, error);
    };
    const auto onList = [done](Core::Result<QStringList> r) {
        if (r)
            done(*r, {});
        else
            done({}, r.error().text());
    };
    PromCall *call = nullptr;
    switch (q.kind) {
    case VariableQuery::Kind::LabelValues:
        call = m_client->labelValues(q.label, q.match.isEmpty() ? QStringList() : QStringList{q.match},
                                     m_startMs, m_endMs, this, onList);
        break;
    case VariableQuery::Kind::LabelNames:
        call = m_client->labelNames(q.match.isEmpty() ? QStringList() : QStringList{q.match}, m_startMs,
                                    m_endMs, this, onList);
        break;
    case VariableQuery::Kind::Metrics: {
        const QString regex = q.regex;
        call = m_client->labelValues(QStringLiteral("__name__"), {}, m_startMs, m_endMs, this,
                                     [done, regex](Core::Result<QStringList> r) {
                                         if (!r)
                                             return done({}, r.error().text());
                                         const QRegularExpression re(regex);
                                         QStringList out;
                                         for (const QString &m : *r) {
                                             if (regex.isEmpty() || re.match(m).hasMatch())
                                                 out << m;
                                         }
                                         done(out, {});
                                     });
        break;
    }
    case VariableQuery::Kind::QueryResult:
        call = m_client->query(q.expr, m_endMs, this, [done](Core::Result<InstantResult> r) {
            if (!r)
                return done({}, r.error().text());
            QStringList out;
            for (const Sample &s : r->samples)
                out << queryResultText(s);
            done(out, {});
        });
        break;
    case VariableQuery::Kind::Series:
        call = m_client->series({q.match}, m_startMs, m_endMs, this, [done](Core::Result<QList<Labels>> r) {
            if (!r)
                return done({}, r.error().text());
            QStringList out;
            for (const Labels &l : *r) {
                Sample s;
                s.labels = l;
                out << queryResultText(s).section(QLatin1Char(' '), 0, 0);
            }
            done(out, {});
        });
        break;
    case VariableQuery::Kind::Invalid:
        --m_pending;
        answered(index, {}, QStringLiteral("\"%1\" is not a query Sitrep can ask Prometheus").arg(v.query));
        return;
    }
    m_calls.insert(name, call);
}

void VariableResolver::answered(int index, const QStringList &raw, const QString &error)
{
    if (index < m_variables.size()) {
        Variable &v = m_variables[index];
        if (error.isEmpty()) {
            QStringList texts;
            v.options = filterOptions(raw, v.regex, v.sort, &texts);
            v.optionTexts = texts;
            validate(v);
        }
        emit optionsChanged(v.name);
    }
    refresh({});
}

void VariableResolver::validate(Variable &v)
{
    // Grafana keeps a value the new options still have; otherwise the first option (All, when offered).
    if (v.multi) {
        if (v.isAll())
            return;
        QStringList kept;
        for (const QString &s : std::as_const(v.selected)) {
            if (v.options.contains(s))
                kept << s;
        }
        if (kept.isEmpty()) {
            if (v.includeAll)
                kept << QLatin1String(Variable::kAll);
            else if (!v.options.isEmpty())
                kept << v.options.first();
        }
        v.selected = kept;
        return;
    }
    if (v.includeAll && (v.current.isEmpty() || v.current == QLatin1String(Variable::kAll))) {
        v.current = QLatin1String(Variable::kAll);
        v.selected = {v.current};
        return;
    }
    if (!v.options.contains(v.current)) {
        if (v.includeAll) {
            v.current = QLatin1String(Variable::kAll);
            v.selected = {v.current};
        } else {
            v.current = v.options.value(0);
        }
    }
}

QString VariableResolver::queryResultText(const Sample &s)
{
    QString text = s.labels.value(QStringLiteral("__name__"));
    QStringList parts;
    for (auto it = s.labels.cbegin(); it != s.labels.cend(); ++it) {
        if (it.key() != QLatin1String("__name__"))
            parts << QStringLiteral("%1=\"%2\"").arg(it.key(), it.value());
    }
    text += QLatin1Char('{') + parts.join(QLatin1Char(',')) + QLatin1Char('}');
    text += QLatin1Char(' ') + QString::number(s.value, 'g', 17) + QLatin1Char(' ') +
            QString::number(qint64(s.timeSec * 1000.0));
    return text;
}

QStringList VariableResolver::filterOptions(const QStringList &raw, const QString &regex, int sort,
                                            QStringList *textsOut)
{
    QStringList values;
    QStringList texts;
    QSet<QString> seen;
    const QRegularExpression re = regex.isEmpty() ? QRegularExpression() : jsRegex(regex);
    for (const QString &item : raw) {
        QString value = item;
        QString text = item;
        if (!regex.isEmpty()) {
            // Grafana's stringToJsRegex: "/.../flags" searches, a bare pattern must match the whole text.
            const QRegularExpression &search = re;
            const auto m = search.match(item);
            if (!m.hasMatch())
                continue;
            const QString named = m.captured(QStringLiteral("value"));
            const QString namedText = m.captured(QStringLiteral("text"));
            if (!named.isEmpty() || !namedText.isEmpty()) {
                value = named.isEmpty() ? namedText : named;
                text = namedText.isEmpty() ? named : namedText;
            } else if (search.captureCount() >= 1 && !m.captured(1).isEmpty()) {
                value = text = m.captured(1);
            }
        }
        if (seen.contains(value))
            continue;
        seen.insert(value);
        values << value;
        texts << text;
    }
    if (sort > 0) {
        QList<int> order(values.size());
        std::iota(order.begin(), order.end(), 0);
        QCollator natural;
        natural.setNumericMode(true);
        std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
            const QString &x = texts[a];
            const QString &y = texts[b];
            switch (sort) {
            case 1:
                return x < y;
            case 2:
                return y < x;
            case 3:
            case 4: {
                static const QRegularExpression digits(QStringLiteral("\\d+"));
                const double nx = digits.match(x).captured(0).toDouble();
                const double ny = digits.match(y).captured(0).toDouble();
                return sort == 3 ? nx < ny : ny < nx;
            }
            case 5:
                return x.compare(y, Qt::CaseInsensitive) < 0;
            case 6:
                return y.compare(x, Qt::CaseInsensitive) < 0;
            case 7:
                return natural.compare(x, y) < 0;
            case 8:
                return natural.compare(y, x) < 0;
            default:
                return false;
            }
        });
        QStringList v2;
        QStringList t2;
        for (int i : order) {
            v2 << values[i];
            t2 << texts[i];
        }
        values = v2;
        texts = t2;
    }
    if (textsOut)
        *textsOut = texts;
    return values;
}

} // namespace Sitrep::Prom
