#include "sim/FaultInjector.h"

namespace Sitrep::Sim {

std::optional<FaultInjector::Rule> FaultInjector::parseHeader(const QByteArray &header)
{
    if (header.isEmpty())
        return std::nullopt;
    const QList<QByteArray> parts = header.trimmed().toLower().split('=');
    const QByteArray kind = parts.value(0);
    Rule rule;
    rule.parameter = parts.value(1).toInt();
    if (kind == "429")
        rule.kind = Kind::TooManyRequests;
    else if (kind == "500")
        rule.kind = Kind::InternalError;
    else if (kind == "hang")
        rule.kind = Kind::Hang;
    else if (kind == "malformed")
        rule.kind = Kind::MalformedJson;
    else if (kind == "watch410")
        rule.kind = Kind::Watch410;
    else if (kind == "watchexpired")
        rule.kind = Kind::WatchExpired;
    else if (kind == "dropwatch")
        rule.kind = Kind::DropWatch;
    else
        return std::nullopt;
    rule.watchOnly =
        rule.kind == Kind::Watch410 || rule.kind == Kind::WatchExpired || rule.kind == Kind::DropWatch;
    return rule;
}

std::optional<FaultInjector::Rule> FaultInjector::take(const QByteArray &method, const QString &path,
                                                       bool isWatch, const QByteArray &header)
{
    if (auto fromHeader = parseHeader(header)) {
        if (!fromHeader->watchOnly || isWatch)
            return fromHeader;
    }
    for (qsizetype i = 0; i < m_rules.size(); ++i) {
        Rule &rule = m_rules[i];
        const bool watchKind =
            rule.kind == Kind::Watch410 || rule.kind == Kind::WatchExpired || rule.kind == Kind::DropWatch;
        if ((watchKind || rule.watchOnly) && !isWatch)
            continue;
        if (!rule.method.isEmpty() && rule.method != method)
            continue;
        if (!rule.path.match(path).hasMatch())
            continue;
        const Rule hit = rule;
        if (rule.times > 0 && --rule.times == 0)
            m_rules.removeAt(i);
        return hit;
    }
    return std::nullopt;
}

} // namespace Sitrep::Sim
