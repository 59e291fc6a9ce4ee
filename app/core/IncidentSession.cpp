#include "core/IncidentSession.h"

#include <QJsonArray>
#include <QUuid>

namespace Sitrep::Core {

IncidentSession::IncidentSession(Journal &journal, const Clock &clock, QString author, QObject *parent)
    : QObject(parent)
    , m_journal(journal)
    , m_clock(clock)
    , m_author(std::move(author))
    , m_incident(Incident::fromEvents(journal.events()))
{
    connect(&m_journal, &Journal::eventsAppended, this, &IncidentSession::onEvents);
    // A team incident's events can arrive ahead of ones already applied: fold them again in timeline
    // order, so every replica holding the same events shows the same incident (the later change wins).
    connect(&m_journal, &Journal::reordered, this, [this] {
        m_incident = Incident::fromEvents(m_journal.eventsOfKinds(Incident::foldedKinds()));
        emit incidentChanged();
    });
}

void IncidentSession::onEvents(const QList<TimelineEvent> &events)
{
    for (const auto &e : events)
        m_incident.apply(e);
    emit incidentChanged();
}

Result<TimelineEvent> IncidentSession::append(EventKind kind, const QString &summary,
                                              const QJsonObject &payload, bool pinned)
{
    TimelineEvent e = makeEvent(kind, m_clock.nowMs(), m_author, summary, payload);
    e.pinned = pinned;
    return m_journal.append(e);
}

Result<void> IncidentSession::requireDeclared() const
{
    if (!m_incident.isDeclared())
        return makeError(QStringLiteral("the incident has not been declared yet"));
    return {};
}

Result<void> IncidentSession::declare(const Declaration &d)
{
    if (m_incident.isDeclared())
        return makeError(QStringLiteral("the incident \"%1\" is already declared").arg(m_incident.title()));
    if (d.title.trimmed().isEmpty())
        return makeError(QStringLiteral("an incident needs a title"), QStringLiteral("title"));
    const auto level = d.severities.find(d.severity);
    if (!level)
        return makeError(level.error().message, QStringLiteral("severity"));
    const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces).left(8);
    QJsonObject payload{{QStringLiteral("id"), id},
                        {QStringLiteral("title"), d.title.trimmed()},
                        {QStringLiteral("service"), d.service.trimmed()},
                        {QStringLiteral("severity"), level->name},
                        {QStringLiteral("status"), statusName(Status::Investigating)},
                        {QStringLiteral("severities"), d.severities.toJson()}};
    const QString summary = QStringLiteral("%1 incident declared: %2").arg(level->name, d.title.trimmed());
    if (auto r = append(EventKind::Declared, summary, payload); !r)
        return r.error();
    if (d.impactStarted.isValid()) {
        if (auto r = setMilestone(Milestone::ImpactStarted, d.impactStarted); !r)
            return r;
    }
    if (!d.commander.trimmed().isEmpty())
        return assignRole(Role::Commander, d.commander);
    return {};
}

Result<void> IncidentSession::setStatus(Status to, const QString &note)
{
    if (auto r = requireDeclared(); !r)
        return r;
    const Status from = m_incident.status();
    if (from == to)
        return makeError(QStringLiteral("the incident is already %1").arg(statusName(to)));
    const bool reopen = isReopen(from, to);
    QString summary = reopen ? QStringLiteral("Reopened: %1 -> %2") : QStringLiteral("Status: %1 -> %2");
    summary = summary.arg(statusTitle(from), statusTitle(to));
    if (!note.isEmpty())
        summary += QStringLiteral(" (%1)").arg(note);
    QJsonObject payload{{QStringLiteral("from"), statusName(from)},
                        {QStringLiteral("to"), statusName(to)},
                        {QStringLiteral("reopen"), reopen},
                        {QStringLiteral("note"), note}};
    if (auto r = append(EventKind::StatusChange, summary, payload); !r)
        return r.error();
    // Resolving sets the resolved milestone unless it was recorded already.
    if (to == Status::Resolved && !m_incident.milestones().has(Milestone::Resolved))
        return setMilestone(Milestone::Resolved, m_clock.now());
    if (to == Status::Monitoring && !m_incident.milestones().has(Milestone::Mitigated))
        return setMilestone(Milestone::Mitigated, m_clock.now());
    if (reopen) {
        QJsonObject clear{{QStringLiteral("milestone"), milestoneName(Milestone::Resolved)},
                          {QStringLiteral("cleared"), true}};
        if (auto r =
                append(EventKind::Milestone, QStringLiteral("Resolved milestone cleared by reopen"), clear);
            !r)
            return r.error();
    }
    return {};
}

Result<void> IncidentSession::setSeverity(const QString &name, const QString &reason)
{
    if (auto r = requireDeclared(); !r)
        return r;
    const auto level = m_incident.severities().find(name);
    if (!level)
        return makeError(level.error().message, QStringLiteral("severity"));
    if (level->name == m_incident.severity())
        return makeError(QStringLiteral("the severity is already %1").arg(level->name));
    QString summary = QStringLiteral("Severity: %1 -> %2").arg(m_incident.severity(), level->name);
    if (!reason.isEmpty())
        summary += QStringLiteral(" (%1)").arg(reason);
    if (auto r = append(EventKind::SeverityChange, summary,
                        {{QStringLiteral("from"), m_incident.severity()},
                         {QStringLiteral("to"), level->name},
                         {QStringLiteral("reason"), reason}});
        !r)
        return r.error();
    return {};
}

Result<void> IncidentSession::assignRole(Role role, const QString &person)
{
    if (auto r = requireDeclared(); !r)
        return r;
    const QString who = person.trimmed();
    const QString summary = who.isEmpty() ? QStringLiteral("%1 unassigned").arg(roleTitle(role))
                                          : QStringLiteral("%1: %2").arg(roleTitle(role), who);
    if (auto r = append(EventKind::RoleChange, summary,
                        {{QStringLiteral("role"), roleName(role)},
                         {QStringLiteral("person"), who},
                         {QStringLiteral("previous"), m_incident.role(role)}});
        !r)
        return r.error();
    return {};
}

Result<void> IncidentSession::setMilestone(Milestone m, const QDateTime &when)
{
    if (auto r = requireDeclared(); !r)
        return r;
    if (auto r = m_incident.milestones().validate(m, when); !r)
        return r;
    const QString summary =
        QStringLiteral("%1 at %2")
            .arg(milestoneTitle(m), when.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'")));
    if (auto r = append(EventKind::Milestone, summary,
                        {{QStringLiteral("milestone"), milestoneName(m)},
                         {QStringLiteral("tsMs"), when.toMSecsSinceEpoch()}});
        !r)
        return r.error();
    return {};
}

Result<void> IncidentSession::setField(const QString &field, const QString &value)
{
    if (auto r = requireDeclared(); !r)
        return r;
    if (field.trimmed().isEmpty())
        return makeError(QStringLiteral("a field needs a name"));
    if (auto r = append(EventKind::FieldChange, QStringLiteral("%1: %2").arg(field, value),
                        {{QStringLiteral("field"), field}, {QStringLiteral("value"), value}});
        !r)
        return r.error();
    return {};
}

Result<TimelineEvent> IncidentSession::addNote(const QString &text, bool pinned)
{
    if (text.trimmed().isEmpty())
        return makeError(QStringLiteral("a note cannot be empty"));
    return append(EventKind::Note, text.trimmed(), {}, pinned);
}

Result<TimelineEvent> IncidentSession::record(EventKind kind, const QString &summary,
                                              const QJsonObject &payload, bool pinned)
{
    return append(kind, summary, payload, pinned);
}

} // namespace Sitrep::Core
