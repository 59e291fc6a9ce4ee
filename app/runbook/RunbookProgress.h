#pragma once

#include "core/TimelineEvent.h"
#include "runbook/Runbook.h"

#include <QHash>

namespace Sitrep::Runbook {

enum class StepStatus { Todo, Running, Done, Failed, Skipped, NotApplicable };
QString stepStatusName(StepStatus s); // "todo", "running", "done", "failed", "skipped", "n/a"

// What happened to one step so far.
struct StepProgress
{
    StepStatus status = StepStatus::Todo;
    QString note; // reason for skipped / N/A
    int exitCode = -1;
    QString output;    // excerpt of the last run
    qint64 lastMs = 0; // when it last changed
    int runs = 0;
    QStringList notes; // responders' notes on the step, oldest first
};

// The state of a runbook walk, folded from the journal's CommandRun and ChecklistStep events for one
// runbook. The journal is the truth: reopening an incident replays the events and gets the same state.
class RunbookProgress final
{
public:
    explicit RunbookProgress(QString runbook = {})
        : m_runbook(std::move(runbook))
    {}

    const QString &runbook() const { return m_runbook; }
    // Returns the step id the event changed, or an empty string when it is about something else.
    QString apply(const Core::TimelineEvent &event);
    void applyAll(const QList<Core::TimelineEvent> &events);
    void setRunning(const QString &stepId, bool running);

    StepProgress progress(const QString &stepId) const { return m_steps.value(stepId); }
    // Steps done, skipped or N/A, out of all steps of the runbook.
    int finishedCount(const Runbook &runbook) const;

private:
    QString m_runbook;
    QHash<QString, StepProgress> m_steps;
};

} // namespace Sitrep::Runbook
