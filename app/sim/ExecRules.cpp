#include "sim/ExecRules.h"

#include "sim/ClusterState.h"

#include <QJsonArray>

using namespace Qt::Literals::StringLiterals;

namespace Sitrep::Sim {

namespace {

Core::Result<QRegularExpression> pattern(const QJsonObject &o, const QString &where, bool caseInsensitive)
{
    const QString text = o.value("match"_L1).toString();
    if (text.isEmpty())
        return Core::makeError(u"needs a \"match\" regular expression"_s, where);
    QRegularExpression re(text, caseInsensitive ? QRegularExpression::CaseInsensitiveOption
                                                : QRegularExpression::NoPatternOption);
    if (!re.isValid())
        return Core::makeError(u"\"match\" is not a regular expression: %1"_s.arg(re.errorString()), where);
    return re;
}

QStringList strings(const QJsonValue &v)
{
    QStringList out;
    for (const QJsonValue &s : v.toArray())
        out << (s.isDouble() ? QString::number(s.toDouble()) : s.toString());
    return out;
}

} // namespace

Core::Result<ExecRules> ExecRules::fromJson(const QJsonObject &o, const QString &where)
{
    ExecRules rules;
    rules.prompt = o.value("prompt"_L1).toString(rules.prompt);
    rules.database = o.value("database"_L1).toString(rules.database);
    int i = 0;
    for (const QJsonValue &v : o.value("commands"_L1).toArray()) {
        const QString at = u"%1.commands[%2]"_s.arg(where).arg(i++);
        const QJsonObject c = v.toObject();
        auto re = pattern(c, at, false);
        if (!re)
            return re.error();
        rules.commands.append({*re, c.value("stdout"_L1).toString(), c.value("stderr"_L1).toString(),
                               c.value("exitCode"_L1).toInt(0)});
    }
    i = 0;
    for (const QJsonValue &v : o.value("sql"_L1).toArray()) {
        const QString at = u"%1.sql[%2]"_s.arg(where).arg(i++);
        const QJsonObject c = v.toObject();
        auto re = pattern(c, at, true);
        if (!re)
            return re.error();
        Sql s{*re, strings(c.value("columns"_L1)), {}, c.value("tag"_L1).toString(), c.value("error"_L1).toString()};
        for (const QJsonValue &row : c.value("rows"_L1).toArray())
            s.rows << strings(row);
        for (const QStringList &row : std::as_const(s.rows)) {
            if (row.size() != s.columns.size())
                return Core::makeError(u"a row has %1 values for %2 columns"_s.arg(row.size()).arg(s.columns.size()),
                                       at + u".rows"_s);
        }
        rules.sql.append(s);
    }
    i = 0;
    static const QStringList replies = {u"integer"_s, u"string"_s, u"status"_s, u"nil"_s, u"array"_s, u"error"_s};
    for (const QJsonValue &v : o.value("redis"_L1).toArray()) {
        const QString at = u"%1.redis[%2]"_s.arg(where).arg(i++);
        const QJsonObject c = v.toObject();
        auto re = pattern(c, at, true);
        if (!re)
            return re.error();
        const QString reply = c.value("reply"_L1).toString(u"string"_s);
        if (!replies.contains(reply))
            return Core::makeError(u"reply must be one of %1, not \"%2\""_s.arg(replies.join(u", "_s), reply),
                                   at + u".reply"_s);
        QStringList values = strings(c.value("values"_L1));
        if (values.isEmpty() && c.contains("value"_L1))
            values << (c.value("value"_L1).isDouble() ? QString::number(c.value("value"_L1).toDouble())
                                                      : c.value("value"_L1).toString());
        rules.redis.append({*re, reply, values});
    }
    return rules;
}

Core::Result<ExecCounters> ExecCounters::fromJson(const QJsonObject &o, const QString &where)
{
    ExecCounters out;
    for (auto it = o.begin(); it != o.end(); ++it) {
        const QJsonObject c = it.value().toObject();
        const QString at = u"%1.counters.%2"_s.arg(where, it.key());
        Counter counter;
        counter.name = it.key();
        counter.base = c.value("base"_L1).toDouble(0);
        counter.perMinute = c.value("perMinute"_L1).toDouble(0);
        counter.decayPerMinute = c.value("decayPerMinute"_L1).toDouble(counter.perMinute * 4);
        counter.max = c.value("max"_L1).toDouble(1e12);
        counter.value = c.value("start"_L1).toDouble(counter.base); // where it stands when the scenario begins
        // "whileUnready": "demo/app=api-gateway": grows while a pod with that label in that namespace is not ready.
        const QString pods = c.value("whileUnready"_L1).toString();
        if (!pods.isEmpty()) {
            const QString selector = pods.section(QLatin1Char('/'), 1);
            counter.ns = pods.section(QLatin1Char('/'), 0, 0);
            for (const QString &pair : selector.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
                if (!pair.contains(QLatin1Char('=')))
                    return Core::makeError(u"whileUnready wants namespace/label=value, not \"%1\""_s.arg(pods),
                                           at);
                counter.labels.insert(pair.section(QLatin1Char('='), 0, 0), pair.section(QLatin1Char('='), 1));
            }
            if (counter.ns.isEmpty() || counter.labels.isEmpty())
                return Core::makeError(u"whileUnready wants namespace/label=value, not \"%1\""_s.arg(pods), at);
        }
        out.m_counters.append(counter);
    }
    return out;
}

void ExecCounters::advance(const ClusterState &state, qint64 nowMs)
{
    const double minutes = m_lastMs < 0 ? 0 : double(nowMs - m_lastMs) / 60000.0;
    m_lastMs = nowMs;
    for (Counter &c : m_counters) {
        bool unready = false;
        if (!c.labels.isEmpty()) {
            const auto pods = state.list(u"pods"_s, c.ns, [&c](const QJsonObject &pod) {
                const QJsonObject labels = pod.value("metadata"_L1).toObject().value("labels"_L1).toObject();
                for (auto it = c.labels.cbegin(); it != c.labels.cend(); ++it) {
                    if (labels.value(it.key()).toString() != it.value())
                        return false;
                }
                return true;
            });
            for (const QJsonObject &pod : pods) {
                for (const QJsonValue &cs : pod.value("status"_L1).toObject().value("containerStatuses"_L1).toArray())
                    unready = unready || !cs.toObject().value("ready"_L1).toBool();
            }
        }
        if (unready)
            c.value = qMin(c.max, c.value + c.perMinute * minutes);
        else
            c.value = qMax(c.base, c.value - c.decayPerMinute * minutes);
    }
}

QHash<QString, QString> ExecCounters::values() const
{
    QHash<QString, QString> out;
    for (const Counter &c : m_counters)
        out.insert(c.name, QString::number(qRound64(c.value)));
    return out;
}

} // namespace Sitrep::Sim
