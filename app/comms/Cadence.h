#pragma once

#include "comms/CadencePolicy.h"
#include "comms/EscalationPolicy.h"
#include "core/Clock.h"
#include "core/Incident.h"
#include "core/Journal.h"
#include "core/Result.h"

#include <QObject>
#include <QSet>
#include <QTimer>

namespace Sitrep::Comms {

// A nudge that is not about the clock: something the incident is missing.
struct CadenceReminder
{
    QString
        id; // "no-commander", "no-severity", "no-update-since-status", "resolved-but-open", "monitoring-open"
    QString text; // the sentence shown to the commander
};

// A timed escalation prompt from the runbook's rules, until acknowledged or acted on.
struct EscalationPrompt
{
    QString id; // "level-2", "immediate-0"
    int level = 0;
    QString contact;
    QString text; // "25 min without mitigation: escalate to Platform Team Lead (#platform-oncall)"
    bool immediate = false;
};

// Where the update cadence stands at one moment.
struct CadenceState
{
    bool active = false;    // an update is owed on a schedule
    qint64 dueMs = 0;       // when the next update is due (UTC ms)
    qint64 remainingMs = 0; // negative when overdue
    bool overdue = false;
    QString countdownText; // "next update due in 3:12", "update overdue by 1:05", "" when inactive
    QString statusText;    // why inactive: "no update cadence for P3", "resolved: final update sent"
    qint64 snoozedUntilMs = 0;
    QString snoozeReason;
    QList<CadenceReminder> reminders;
    QList<EscalationPrompt> prompts;
};

// The update clock of one incident: reads the journal (declaration, status changes, published updates,
// snoozes, escalations) and the injected Clock, and says when the next update is due, what is missing and
// whom to escalate to. Ticks on a QTimer in the app; tests call evaluate() after moving a ManualClock.
class Cadence final : public QObject
{
    Q_OBJECT
public:
    Cadence(Core::Journal &journal, const Core::Clock &clock, QObject *parent = nullptr);

    void setPolicy(const CadencePolicy &policy);
    const CadencePolicy &policy() const { return m_policy; }
    void setEscalationPolicy(const EscalationPolicy &policy);
    const EscalationPolicy &escalationPolicy() const { return m_escalation; }

    // Re-evaluates every intervalMs (1 s suits a countdown with seconds).
    void start(int intervalMs = 1000);
    void stop();

    // Reads new journal events and recomputes from clock.now(); emits the signals below on changes.
    const CadenceState &evaluate();
    const CadenceState &state() const { return m_state; }
    const Core::Incident &incident() const { return m_incident; }
    std::optional<QDateTime> nextUpdateTime() const;
    // When the update after one published at `at` would be due (for the draft's "Next update" line);
    // empty when no cadence applies or the incident is resolved.
    std::optional<QDateTime> nextUpdateIfPublishedAt(const QDateTime &at) const;

    // Pushes the due time back (1..240 minutes) until the next update; recorded as a Reminder event.
    Core::Result<void> snooze(int minutes, const QString &reason, const QString &author);
    // Both recorded as Escalation events; the prompt goes away either way.
    Core::Result<void> acknowledge(const QString &promptId, const QString &author, const QString &note = {});
    Core::Result<void> escalate(const QString &promptId, const QString &author, const QString &note = {});

    // "3:12", "1:02:03": remaining seconds rounded up, overdue seconds rounded down.
    static QString formatCountdown(qint64 ms);

signals:
    void stateChanged();
    void updateDue(); // once each time the due time passes (e.g. for a desktop notification)
    void reminderRaised(const Sitrep::Comms::CadenceReminder &reminder);
    void escalationPrompted(const Sitrep::Comms::EscalationPrompt &prompt);

private:
    void readNewEvents();
    void apply(const QList<Core::TimelineEvent> &events);
    CadenceState compute(qint64 nowMs) const;
    QList<CadenceReminder> reminders(qint64 nowMs) const;
    QList<EscalationPrompt> prompts(qint64 nowMs) const;
    Core::Result<void> recordEscalation(const QString &action, const QString &promptId, const QString &author,
                                        const QString &note);

    Core::Journal &m_journal;
    const Core::Clock &m_clock;
    CadencePolicy m_policy = CadencePolicy::defaults();
    EscalationPolicy m_escalation;
    Core::Incident m_incident;
    qint64 m_lastEventId = 0;
    qint64 m_snoozeUntilMs = 0;
    qint64 m_snoozeRecordedMs = 0;
    QString m_snoozeReason;
    QSet<QString> m_handledPrompts;
    QSet<QString> m_raised; // reminder and prompt ids already signalled
    qint64 m_dueSignalledFor = -1;
    CadenceState m_state;
    QTimer m_timer;
};

} // namespace Sitrep::Comms
