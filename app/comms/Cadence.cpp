#include "comms/Cadence.h"

#include "comms/DraftFiller.h"
#include "core/Milestones.h"

#include <QJsonObject>

#include <cmath>

namespace Sitrep::Comms {

using Core::EventKind;
using Core::makeError;
using Core::Status;

namespace {
constexpr qint64 kMinute = 60'000;
}

Cadence::Cadence(Core::Journal &journal, const Core::Clock &clock, QObject *parent)
    : QObject(parent)
    , m_journal(journal)
    , m_clock(clock)
{
    connect(&m_journal, &Core::Journal::eventsAppended, this, &Cadence::apply);
    connect(&m_timer, &QTimer::timeout, this, [this] { evaluate(); });
    readNewEvents();
    m_state = compute(m_clock.nowMs());
}

void Cadence::setPolicy(const CadencePolicy &policy)
{
    m_policy = policy;
    evaluate();
}

void Cadence::setEscalationPolicy(const EscalationPolicy &policy)
{
    m_escalation = policy;
    evaluate();
}

void Cadence::start(int intervalMs)
{
    m_timer.start(intervalMs);
    evaluate();
}

void Cadence::stop()
{
    m_timer.stop();
}

void Cadence::readNewEvents()
{
    apply(m_journal.eventsAfter(m_lastEventId));
}

void Cadence::apply(const QList<Core::TimelineEvent> &events)
{
    for (const auto &e : events) {
        // Events arrive both from the signal and from polling: each id is applied once.
        if (e.id <= m_lastEventId)
            continue;
        m_lastEventId = e.id;
        m_incident.apply(e);
        if (e.kind == EventKind::Reminder &&
            e.payload.value(QLatin1String("action")).toString() == QLatin1String("snooze")) {
            m_snoozeUntilMs = e.payload.value(QLatin1String("untilMs")).toInteger();
            m_snoozeRecordedMs = e.tsMs;
            m_snoozeReason = e.payload.value(QLatin1String("reason")).toString();
        } else if (e.kind == EventKind::Escalation) {
            const QString id = e.payload.value(QLatin1String("promptId")).toString();
            if (!id.isEmpty())
                m_handledPrompts.insert(id);
        }
    }
}

std::optional<QDateTime> Cadence::nextUpdateTime() const
{
    if (!m_state.active)
        return std::nullopt;
    return QDateTime::fromMSecsSinceEpoch(m_state.dueMs, Qt::UTC);
}

std::optional<QDateTime> Cadence::nextUpdateIfPublishedAt(const QDateTime &at) const
{
    const auto rule = m_policy.rule(m_incident.severity());
    if (!m_incident.isDeclared() || !rule || m_incident.status() == Status::Resolved)
        return std::nullopt;
    return at.toUTC().addSecs(qint64(rule->intervalMinutes) * 60);
}

QString Cadence::formatCountdown(qint64 ms)
{
    const qint64 secs = ms >= 0 ? (ms + 999) / 1000 : (-ms) / 1000;
    const qint64 h = secs / 3600;
    const qint64 m = (secs % 3600) / 60;
    const qint64 s = secs % 60;
    if (h > 0)
        return QStringLiteral("%1:%2:%3")
            .arg(h)
            .arg(m, 2, 10, QLatin1Char('0'))
            .arg(s, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1:%2").arg(m).arg(s, 2, 10, QLatin1Char('0'));
}

CadenceState Cadence::compute(qint64 nowMs) const
{
    CadenceState st;
    const Core::Incident &i = m_incident;
    if (!i.isDeclared())
        return st;
    st.reminders = reminders(nowMs);
    st.prompts = prompts(nowMs);
    const auto rule = m_policy.rule(i.severity());
    if (!rule) {
        st.statusText = i.severity().isEmpty() ? QStringLiteral("no update cadence: severity not set")
                                               : QStringLiteral("no update cadence for %1").arg(i.severity());
        return st;
    }
    qint64 due = 0;
    if (i.status() == Status::Resolved) {
        if (i.lastUpdatePublishedMs() >= i.lastStatusChangeMs() && i.updatesPublished() > 0) {
            st.statusText = QStringLiteral("resolved: final update sent");
            return st;
        }
        // The resolution notice is owed like a first update.
        due = i.lastStatusChangeMs() + rule->firstUpdateMinutes * kMinute;
    } else if (i.updatesPublished() == 0) {
        due = i.declaredMs() + rule->firstUpdateMinutes * kMinute;
    } else {
        due = i.lastUpdatePublishedMs() + rule->intervalMinutes * kMinute;
    }
    // A snooze counts until the next update is published.
    if (m_snoozeUntilMs > due && m_snoozeRecordedMs >= i.lastUpdatePublishedMs()) {
        due = m_snoozeUntilMs;
        st.snoozedUntilMs = m_snoozeUntilMs;
        st.snoozeReason = m_snoozeReason;
    }
    st.active = true;
    st.dueMs = due;
    st.remainingMs = due - nowMs;
    st.overdue = st.remainingMs < 0;
    st.countdownText = st.overdue
                           ? QStringLiteral("update overdue by %1").arg(formatCountdown(st.remainingMs))
                           : QStringLiteral("next update due in %1").arg(formatCountdown(st.remainingMs));
    return st;
}

QList<CadenceReminder> Cadence::reminders(qint64 nowMs) const
{
    const Core::Incident &i = m_incident;
    QList<CadenceReminder> out;
    if (i.commander().isEmpty())
        out.append(
            {QStringLiteral("no-commander"),
             QStringLiteral("No incident commander assigned: assign one so everyone knows who decides.")});
    if (i.severity().isEmpty())
        out.append({QStringLiteral("no-severity"),
                    QStringLiteral("Severity not set: set it so the update cadence and escalation apply.")});
    if (i.lastStatusChangeMs() > i.declaredMs() && i.lastStatusChangeMs() > i.lastUpdatePublishedMs())
        out.append({QStringLiteral("no-update-since-status"),
                    QStringLiteral("Status changed to %1 at %2 and no update has been sent since.")
                        .arg(Core::statusName(i.status()).toUpper(),
                             DraftFiller::formatTime(
                                 QDateTime::fromMSecsSinceEpoch(i.lastStatusChangeMs(), Qt::UTC)))});
    // A resolution time on record while the status still says otherwise: the incident was left open.
    if (const auto resolved = i.milestones().at(Core::Milestone::Resolved);
        resolved && i.status() != Status::Resolved)
        out.append({QStringLiteral("resolved-but-open"),
                    QStringLiteral(
                        "Resolved at %1 but the status is still %2: set it to RESOLVED and send the final "
                        "update.")
                        .arg(DraftFiller::formatTime(*resolved), Core::statusName(i.status()).toUpper())});
    const int limit = m_policy.monitoringReminderMinutes();
    if (i.status() == Status::Monitoring && limit > 0 && nowMs - i.lastStatusChangeMs() >= limit * kMinute)
        out.append({QStringLiteral("monitoring-open"),
                    QStringLiteral("Monitoring for %1: resolve the incident, or go back to investigating.")
                        .arg(Core::formatDuration((nowMs - i.lastStatusChangeMs()) / 1000))});
    return out;
}

QList<EscalationPrompt> Cadence::prompts(qint64 nowMs) const
{
    const Core::Incident &i = m_incident;
    QList<EscalationPrompt> out;
    const bool mitigated = i.milestones().has(Core::Milestone::Mitigated) ||
                           i.status() == Status::Monitoring || i.status() == Status::Resolved;
    if (i.status() == Status::Resolved)
        return out;
    QString highest;
    int highestLevel = 0;
    for (const auto &l : m_escalation.levels) {
        if (l.level > highestLevel) {
            highestLevel = l.level;
            highest = l.contact;
        }
    }
    for (int n = 0; n < m_escalation.immediate.size(); ++n) {
        const auto &t = m_escalation.immediate[n];
        const QString id = QStringLiteral("immediate-%1").arg(n);
        if (m_handledPrompts.contains(id))
            continue;
        const QString contact = t.contact.isEmpty() ? highest : t.contact;
        EscalationPrompt p{id, highestLevel, contact, {}, true};
        p.text = contact.isEmpty()
                     ? QStringLiteral("If %1: escalate immediately.").arg(t.condition)
                     : QStringLiteral("If %1: escalate immediately to %2.").arg(t.condition, contact);
        out << p;
    }
    if (mitigated)
        return out;
    const qint64 elapsed = nowMs - i.startMs();
    for (const auto &l : m_escalation.levels) {
        const QString id = QStringLiteral("level-%1").arg(l.level);
        if (l.afterMinutes <= 0 || elapsed < l.afterMinutes * kMinute || m_handledPrompts.contains(id))
            continue;
        if (!l.severity.isEmpty() && l.severity.compare(i.severity(), Qt::CaseInsensitive) != 0)
            continue; // "P0 not resolved within 1 hour" says nothing about a P1
        const QString contact = l.contact.isEmpty() ? highest : l.contact;
        QString text = QStringLiteral("%1 min without mitigation").arg(elapsed / kMinute);
        if (!l.condition.isEmpty())
            text += QStringLiteral(" (%1)").arg(l.condition);
        text += contact.isEmpty() ? QStringLiteral(": escalate")
                                  : QStringLiteral(": escalate to %1").arg(contact);
        out.append({id, l.level, contact, text, false});
    }
    return out;
}

const CadenceState &Cadence::evaluate()
{
    readNewEvents();
    const CadenceState next = compute(m_clock.nowMs());
    const bool changed =
        next.countdownText != m_state.countdownText || next.statusText != m_state.statusText ||
        next.reminders.size() != m_state.reminders.size() || next.prompts.size() != m_state.prompts.size() ||
        next.overdue != m_state.overdue || next.dueMs != m_state.dueMs;
    m_state = next;
    for (const auto &r : m_state.reminders) {
        if (!m_raised.contains(r.id)) {
            m_raised.insert(r.id);
            emit reminderRaised(r);
        }
    }
    // A reminder that went away may come back later (e.g. a second status change): signal it again then.
    for (const auto &id : QSet<QString>(m_raised)) {
        const bool stillThere = std::any_of(m_state.reminders.cbegin(), m_state.reminders.cend(),
                                            [&](const auto &r) { return r.id == id; }) ||
                                std::any_of(m_state.prompts.cbegin(), m_state.prompts.cend(),
                                            [&](const auto &p) { return p.id == id; });
        if (!stillThere)
            m_raised.remove(id);
    }
    for (const auto &p : m_state.prompts) {
        if (!m_raised.contains(p.id)) {
            m_raised.insert(p.id);
            emit escalationPrompted(p);
        }
    }
    if (m_state.active && m_state.overdue && m_dueSignalledFor != m_state.dueMs) {
        m_dueSignalledFor = m_state.dueMs;
        emit updateDue();
    }
    if (changed)
        emit stateChanged();
    return m_state;
}

Core::Result<void> Cadence::snooze(int minutes, const QString &reason, const QString &author)
{
    if (minutes < 1 || minutes > 240)
        return makeError(QStringLiteral("snooze for 1 to 240 minutes (got %1)").arg(minutes),
                         QStringLiteral("minutes"));
    if (reason.trimmed().isEmpty())
        return makeError(QStringLiteral("say why the update can wait (it goes into the timeline)"),
                         QStringLiteral("reason"));
    readNewEvents();
    const qint64 now = m_clock.nowMs();
    const qint64 base = std::max(now, compute(now).dueMs);
    const qint64 until = base + minutes * kMinute;
    auto e = m_journal.append(Core::makeEvent(
        EventKind::Reminder, now, author,
        QStringLiteral("Update reminder snoozed for %1 min: %2").arg(minutes).arg(reason.trimmed()),
        {{QStringLiteral("action"), QStringLiteral("snooze")},
         {QStringLiteral("minutes"), minutes},
         {QStringLiteral("untilMs"), until},
         {QStringLiteral("reason"), reason.trimmed()}}));
    if (!e)
        return e.error();
    evaluate();
    return {};
}

Core::Result<void> Cadence::recordEscalation(const QString &action, const QString &promptId,
                                             const QString &author, const QString &note)
{
    readNewEvents();
    const auto current = prompts(m_clock.nowMs());
    const auto it =
        std::find_if(current.cbegin(), current.cend(), [&](const auto &p) { return p.id == promptId; });
    if (it == current.cend())
        return makeError(QStringLiteral("no open escalation prompt \"%1\"").arg(promptId),
                         QStringLiteral("prompt"));
    const bool escalated = action == QLatin1String("escalated");
    QString summary = escalated ? QStringLiteral("Escalated to %1 (level %2)").arg(it->contact).arg(it->level)
                                : QStringLiteral("Escalation prompt acknowledged: %1").arg(it->text);
    if (!note.trimmed().isEmpty())
        summary += QStringLiteral(" — ") + note.trimmed();
    auto e = m_journal.append(Core::makeEvent(EventKind::Escalation, m_clock.nowMs(), author, summary,
                                              {{QStringLiteral("action"), action},
                                               {QStringLiteral("promptId"), promptId},
                                               {QStringLiteral("level"), it->level},
                                               {QStringLiteral("contact"), it->contact},
                                               {QStringLiteral("prompt"), it->text},
                                               {QStringLiteral("note"), note.trimmed()}}));
    if (!e)
        return e.error();
    evaluate();
    return {};
}

Core::Result<void> Cadence::acknowledge(const QString &promptId, const QString &author, const QString &note)
{
    return recordEscalation(QStringLiteral("acknowledged"), promptId, author, note);
}

Core::Result<void> Cadence::escalate(const QString &promptId, const QString &author, const QString &note)
{
    return recordEscalation(QStringLiteral("escalated"), promptId, author, note);
}

} // namespace Sitrep::Comms
