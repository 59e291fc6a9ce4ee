#include "prom/VariableResolver.h"

#include "prom/NumberText.h"
#include "prom/PromClient.h"
#include "prom/StepCalculator.h"

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
    m_errors.clear();
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
    // One at a time, each after the variables it uses (Grafana's dependency order), so that a chained
    // variable is asked with the values it depends on settled.
    if (m_pending > 0)
        return;
    while (!m_queue.isEmpty()) {
        qsizetype pick = 0;
        for (qsizetype q = 0; q < m_queue.size(); ++q) {
            const Variable *v = variable(m_queue[q]);
            bool waits = false;
            if (v) {
                for (const QString &ref : QueryTemplate::referencedVariables(v->query))
                    waits = waits || (ref != v->name && m_queue.contains(ref));
            }
            if (!waits) {
                pick = q;
                break;
            }
        }
        const QString next = m_queue.takeAt(pick);
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
        if (error.isEmpty())
            m_errors.remove(v.name);
        else
            m_errors.insert(v.name, QStringLiteral("Variable $%1: %2").arg(v.name, error));
        const QStringList before = v.multi ? v.selected : QStringList{v.current};
        if (error.isEmpty()) {
            QStringList texts;
            v.options = filterOptions(raw, v.regex, v.sort, &texts);
            v.optionTexts = texts;
            validate(v);
        }
        const QStringList after = v.multi ? v.selected : QStringList{v.current};
        const QString name = v.name;
        emit optionsChanged(name);
        // A value that had to change (the old one is gone) changes what the variables using it see.
        if (before != after) {
            refresh(dependents(name));
            return;
        }
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
    text += QLatin1Char(' ') + NumberText::jsNumber(s.value) + QLatin1Char(' ') +
            QString::number(qint64(s.timeSec * 1000.0));
    return text;
}

namespace {

// Intl.Collator with numeric: true, as Grafana's natural sort: runs of digits compare as numbers, the rest
// without regard to case.
bool naturalLess(const QString &a, const QString &b)
{
    qsizetype i = 0;
    qsizetype j = 0;
    while (i < a.size() && j < b.size()) {
        if (a[i].isDigit() && b[j].isDigit()) {
            qsizetype ei = i;
            qsizetype ej = j;
            while (ei < a.size() && a[ei].isDigit())
                ++ei;
            while (ej < b.size() && b[ej].isDigit())
                ++ej;
            const double x = a.mid(i, ei - i).toDouble();
            const double y = b.mid(j, ej - j).toDouble();
            if (x != y)
                return x < y;
            i = ei;
            j = ej;
            continue;
        }
        const QChar x = a[i].toCaseFolded();
        const QChar y = b[j].toCaseFolded();
        if (x != y)
            return x < y;
        ++i;
        ++j;
    }
    return a.size() - i < b.size() - j;
}

} // namespace

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
        // Grafana's sortVariableValues: a stable ascending sort by the text, reversed for the descending
        // kinds; numeric sorts by the first number in the text (-1 without one).
        QList<int> order(values.size());
        std::iota(order.begin(), order.end(), 0);
        static const QRegularExpression digits(QStringLiteral("\\d+"));
        const auto numberIn = [](const QString &t) {
            const auto m = digits.match(t);
            return m.hasMatch() ? m.captured(0).toDouble() : -1.0;
        };
        const int kind = (sort + 1) / 2; // 1 alphabetical, 2 numeric, 3 case-insensitive, 4 natural
        std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
            const QString &x = texts[a];
            const QString &y = texts[b];
            switch (kind) {
            case 1:
                return x < y;
            case 2:
                return numberIn(x) < numberIn(y);
            case 3:
                return x.toLower() < y.toLower();
            case 4:
                return naturalLess(x, y);
            default:
                return false;
            }
        });
        if (kind >= 1 && kind <= 4 && sort % 2 == 0)
            std::reverse(order.begin(), order.end());
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
