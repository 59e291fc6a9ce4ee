#pragma once

#include <QList>
#include <QString>

namespace Sitrep::Comms {

// A runbook's escalation rules: time-based levels ("Level 2 (15-30 min): Platform Team Lead") and
// conditions that call for escalating at once ("escalate immediately if data loss is suspected").
// Plain data so the runbook module can hand it over without comms depending on it.
struct EscalationPolicy
{
    struct Level
    {
        int level = 1;
        int afterMinutes = 0; // prompt once the incident is this long without mitigation
        QString contact;      // "Platform Team Lead (#platform-oncall)"
        QString severity;     // only incidents of this severity ("P0 not resolved within 1 hour"); empty: any
        QString condition;    // the runbook's words for it, shown with the prompt
    };
    struct Trigger
    {
        QString condition; // "data loss suspected"
        QString contact;   // who to escalate to; empty: the highest level
    };
    QList<Level> levels;
    QList<Trigger> immediate;

    bool isEmpty() const { return levels.isEmpty() && immediate.isEmpty(); }
    // Parses lines like "Level 2 (15-30 min): Escalate to Platform Team Lead" and
    // "Escalate immediately if data loss is suspected"; lines that match neither are ignored.
    static EscalationPolicy fromLines(const QStringList &lines);
};

} // namespace Sitrep::Comms
