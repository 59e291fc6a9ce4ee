#include "core/Incident.h"

#include <QJsonArray>

namespace Sitrep::Core {

Incident Incident::fromEvents(const QList<TimelineEvent> &events)
{
    Incident i;
    for (const auto &e : events)
        i.apply(e);
    return i;
}

QStringList Incident::foldedKinds()
{
    QStringList out;
    for (EventKind k :
         {EventKind::Declared, EventKind::StatusChange, EventKind::SeverityChange, EventKind::RoleChange,
          EventKind::Milestone, EventKind::FieldChange, EventKind::UpdatePublished})
        out << eventKindName(k);
    return out;
}

void Incident::apply(const TimelineEvent &e)
{
    const QJsonObject &p = e.payload;
    auto str = [&p](const char *key) { return p.value(QLatin1String(key)).toString(); };
    switch (e.kind) {
    case EventKind::Declared: {
        m_id = str("id");
        m_title = str("title");
        m_service = str("service");
        m_severity = str("severity");
        m_declaredMs = e.tsMs;
        m_lastStatusChangeMs = e.tsMs;
        if (const auto s = parseStatus(str("status")); s)
            m_status = *s;
        if (p.contains(QLatin1String("severities"))) {
            if (auto scheme = SeverityScheme::fromJson(p.value(QLatin1String("severities")).toArray());
                scheme)
                m_severities = *scheme;
        }
        if (!m_severity.isEmpty())
            m_severityHistory.append({e.tsMs, m_severity});
        break;
    }
    case EventKind::StatusChange:
        if (const auto s = parseStatus(str("to")); s) {
            if (isReopen(m_status, *s))
                ++m_reopenCount;
            m_status = *s;
            m_lastStatusChangeMs = e.tsMs;
        }
        break;
    case EventKind::SeverityChange:
        m_severity = str("to");
        m_severityHistory.append({e.tsMs, m_severity});
        if (p.contains(QLatin1String("severities"))) {
            if (auto scheme = SeverityScheme::fromJson(p.value(QLatin1String("severities")).toArray());
                scheme)
                m_severities = *scheme;
        }
        break;
    case EventKind::RoleChange:
        if (const auto r = parseRole(str("role")); r)
            m_roles.insert(static_cast<int>(*r), str("person"));
        break;
    case EventKind::Milestone:
        if (const auto m = parseMilestone(str("milestone")); m) {
            const QDateTime t =
                QDateTime::fromMSecsSinceEpoch(p.value(QLatin1String("tsMs")).toInteger(), Qt::UTC);
            if (p.value(QLatin1String("cleared")).toBool())
                m_milestones.clear(*m);
            else
                (void)m_milestones.set(*m, t); // validated when recorded; an invalid one cannot be stored
        }
        break;
    case EventKind::FieldChange:
        m_fields.insert(str("field"), str("value"));
        if (str("field") == QLatin1String("title"))
            m_title = str("value");
        else if (str("field") == QLatin1String("service"))
            m_service = str("value");
        break;
    case EventKind::UpdatePublished:
        m_lastUpdatePublishedMs = e.tsMs;
        ++m_updatesPublished;
        break;
    default:
        break;
    }
}

qint64 Incident::startMs() const
{
    if (const auto t = m_milestones.at(Milestone::ImpactStarted))
        return t->toMSecsSinceEpoch();
    return m_declaredMs;
}

QHash<QString, qint64> Incident::timeInSeverity(qint64 untilMs) const
{
    QHash<QString, qint64> out;
    for (int i = 0; i < m_severityHistory.size(); ++i) {
        // The first severity covers the impact from its start, even when declared later.
        const qint64 from =
            i == 0 ? std::min(m_severityHistory[i].first, startMs()) : m_severityHistory[i].first;
        const qint64 to = i + 1 < m_severityHistory.size() ? m_severityHistory[i + 1].first : untilMs;
        out[m_severityHistory[i].second] += std::max<qint64>(0, to - from);
    }
    return out;
}

} // namespace Sitrep::Core
