#include "comms/CadencePolicy.h"

#include <QRegularExpression>

namespace Sitrep::Comms {

using Core::makeError;

CadencePolicy CadencePolicy::defaults()
{
    CadencePolicy p;
    p.setRule(QStringLiteral("P0"), {5, 10});
    p.setRule(QStringLiteral("P1"), {15, 30});
    p.setRule(QStringLiteral("P2"), {30, 60});
    return p;
}

QString CadencePolicy::normalize(const QString &severity)
{
    // "P1", "p1", "sev1", "SEV-1" and "1" name the same level.
    static const QRegularExpression re(QStringLiteral("^(?:p|sev)?[-_ ]?(\\d+)$"),
                                       QRegularExpression::CaseInsensitiveOption);
    const QString s = severity.trimmed();
    if (const auto m = re.match(s); m.hasMatch())
        return QStringLiteral("P") + m.captured(1);
    return s.toLower();
}

void CadencePolicy::setRule(const QString &severity, Rule rule)
{
    const QString key = normalize(severity);
    m_rules.insert(key, rule);
    m_names.insert(key, severity.trimmed());
}

void CadencePolicy::removeRule(const QString &severity)
{
    m_rules.remove(normalize(severity));
    m_names.remove(normalize(severity));
}

std::optional<CadencePolicy::Rule> CadencePolicy::rule(const QString &severity) const
{
    const auto it = m_rules.constFind(normalize(severity));
    if (it == m_rules.cend() || it->intervalMinutes <= 0)
        return std::nullopt;
    return *it;
}

QStringList CadencePolicy::severities() const
{
    QStringList out = m_names.values();
    out.sort();
    return out;
}

QList<CommunicationRule> CadencePolicy::parseRunbookRules(const QStringList &lines)
{
    static const QRegularExpression re(
        QStringLiteral(
            "^[\\s*>-]*\\**((?:P|SEV)[-_ ]?\\d+)\\**\\s*:\\s*(every\\s+)?(\\d+)\\s*(?:min|minutes?|m)\\b"),
        QRegularExpression::CaseInsensitiveOption);
    QList<CommunicationRule> out;
    for (const auto &line : lines) {
        const auto m = re.match(line.trimmed());
        if (!m.hasMatch())
            continue;
        CommunicationRule r;
        r.severity = m.captured(1).toUpper();
        if (m.captured(2).isEmpty())
            r.firstUpdateMinutes = m.captured(3).toInt();
        else
            r.intervalMinutes = m.captured(3).toInt();
        out << r;
    }
    return out;
}

void CadencePolicy::applyRunbookRules(const QList<CommunicationRule> &rules)
{
    for (const auto &r : rules) {
        Rule rule = m_rules.value(normalize(r.severity));
        if (r.firstUpdateMinutes >= 0)
            rule.firstUpdateMinutes = r.firstUpdateMinutes;
        if (r.intervalMinutes > 0)
            rule.intervalMinutes = r.intervalMinutes;
        // A runbook that only states the first deadline still gets a cadence: twice that, like the defaults.
        if (rule.intervalMinutes <= 0 && rule.firstUpdateMinutes > 0)
            rule.intervalMinutes = rule.firstUpdateMinutes * 2;
        setRule(r.severity, rule);
    }
}

QJsonObject CadencePolicy::toJson() const
{
    QJsonObject o;
    for (auto it = m_rules.cbegin(); it != m_rules.cend(); ++it)
        o.insert(m_names.value(it.key(), it.key()),
                 QJsonObject{{QStringLiteral("first"), it->firstUpdateMinutes},
                             {QStringLiteral("interval"), it->intervalMinutes}});
    o.insert(QStringLiteral("monitoringReminder"), m_monitoringMinutes);
    return o;
}

Core::Result<CadencePolicy> CadencePolicy::fromJson(const QJsonObject &o, const QString &where)
{
    CadencePolicy p;
    for (auto it = o.begin(); it != o.end(); ++it) {
        if (it.key() == QLatin1String("monitoringReminder")) {
            p.m_monitoringMinutes = it.value().toInt(60);
            continue;
        }
        const QJsonObject r = it.value().toObject();
        const int first = r.value(QLatin1String("first")).toInt(-1);
        const int interval = r.value(QLatin1String("interval")).toInt(-1);
        const QString field = where.isEmpty() ? it.key() : where + QLatin1Char('.') + it.key();
        if (!it.value().isObject() || first < 0 || interval < 0)
            return makeError(
                QStringLiteral("expected {\"first\": minutes, \"interval\": minutes} (0 = no cadence)"),
                field);
        p.setRule(it.key(), {first, interval});
    }
    return p;
}

} // namespace Sitrep::Comms
