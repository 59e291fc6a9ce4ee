#pragma once

#include "core/Milestones.h"
#include "core/Roles.h"
#include "core/Severity.h"
#include "core/Status.h"
#include "core/TimelineEvent.h"

#include <QHash>
#include <QList>
#include <QString>

namespace Sitrep::Core {

// The incident as it stands, folded from its timeline: the journal's events are the truth, this is the view.
class Incident final
{
public:
    // Replays events in order; an event that does not apply (e.g. an unknown kind) is skipped.
    static Incident fromEvents(const QList<TimelineEvent> &events);
    // The kinds apply() reads (the rest leave the incident as it is): a fold needs only these.
    static QStringList foldedKinds();
    void apply(const TimelineEvent &e);

    bool isDeclared() const { return !m_id.isEmpty(); }
    QString id() const { return m_id; }
    QString title() const { return m_title; }
    QString service() const { return m_service; }
    QString severity() const { return m_severity; }
    const SeverityScheme &severities() const { return m_severities; }
    Status status() const { return m_status; }
    QString role(Role r) const { return m_roles.value(static_cast<int>(r)); }
    QString commander() const { return role(Role::Commander); }
    const Milestones &milestones() const { return m_milestones; }
    QString field(const QString &name) const { return m_fields.value(name); } // root cause, resolution, ...
    QHash<QString, QString> fields() const { return m_fields; }
    qint64 declaredMs() const { return m_declaredMs; }
    // Impact start when known, else the declaration: what "elapsed" on the header counts from.
    qint64 startMs() const;
    qint64 lastStatusChangeMs() const { return m_lastStatusChangeMs; }
    qint64 lastUpdatePublishedMs() const { return m_lastUpdatePublishedMs; }
    int reopenCount() const { return m_reopenCount; }
    int updatesPublished() const { return m_updatesPublished; }
    // Milliseconds spent at each severity until untilMs (for the postmortem's impact section).
    QHash<QString, qint64> timeInSeverity(qint64 untilMs) const;

private:
    QString m_id;
    QString m_title;
    QString m_service;
    QString m_severity;
    SeverityScheme m_severities = SeverityScheme::defaults();
    Status m_status = Status::Investigating;
    QHash<int, QString> m_roles;
    Milestones m_milestones;
    QHash<QString, QString> m_fields;
    qint64 m_declaredMs = 0;
    qint64 m_lastStatusChangeMs = 0;
    qint64 m_lastUpdatePublishedMs = 0;
    int m_reopenCount = 0;
    int m_updatesPublished = 0;
    QList<QPair<qint64, QString>> m_severityHistory;
};

} // namespace Sitrep::Core
