#pragma once

#include "core/Clock.h"
#include "core/Incident.h"
#include "core/Journal.h"
#include "core/Result.h"

#include <QObject>

namespace Sitrep::Core {

// The operations a responder performs on an open incident. Each validates, becomes a TimelineEvent
// in the journal, and updates the folded Incident. The GUI, the CLI and other modules all go through it.
class IncidentSession final : public QObject
{
    Q_OBJECT
public:
    IncidentSession(Journal &journal, const Clock &clock, QString author, QObject *parent = nullptr);

    const Incident &incident() const { return m_incident; }
    Journal &journal() { return m_journal; }
    const Clock &clock() const { return m_clock; }
    QString author() const { return m_author; }
    void setAuthor(const QString &author) { m_author = author; }

    struct Declaration
    {
        QString title;
        QString service;
        QString severity = QStringLiteral("P1");
        SeverityScheme severities = SeverityScheme::defaults();
        QDateTime impactStarted; // optional
        QString commander;       // optional
    };
    Result<void> declare(const Declaration &d);
    Result<void> setStatus(Status to, const QString &note = {});
    Result<void> setSeverity(const QString &name, const QString &reason = {});
    Result<void> assignRole(Role role, const QString &person);
    Result<void> setMilestone(Milestone m, const QDateTime &when);
    Result<void> setField(const QString &field, const QString &value);
    Result<TimelineEvent> addNote(const QString &text, bool pinned = false);
    // For modules that record their own kinds (alerts, actions, command runs ...).
    Result<TimelineEvent> record(EventKind kind, const QString &summary, const QJsonObject &payload = {},
                                 bool pinned = false);

signals:
    void incidentChanged();

private:
    Result<TimelineEvent> append(EventKind kind, const QString &summary, const QJsonObject &payload,
                                 bool pinned = false);
    void onEvents(const QList<TimelineEvent> &events);
    Result<void> requireDeclared() const;

    Journal &m_journal;
    const Clock &m_clock;
    QString m_author;
    Incident m_incident;
};

} // namespace Sitrep::Core
