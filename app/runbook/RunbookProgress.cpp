#include "runbook/RunbookProgress.h"

namespace Sitrep::Runbook {

QString stepStatusName(StepStatus s)
{
    switch (s) {
    case StepStatus::Todo:
        return QStringLiteral("todo");
    case StepStatus::Running:
        return QStringLiteral("running");
    case StepStatus::Done:
        return QStringLiteral("done");
    case StepStatus::Failed:
        return QStringLiteral("failed");
    case StepStatus::Skipped:
        return QStringLiteral("skipped");
    case StepStatus::NotApplicable:
        return QStringLiteral("n/a");
    }
    return {};
}

QString RunbookProgress::apply(const Core::TimelineEvent &event)
{
    if (event.kind != Core::EventKind::CommandRun && event.kind != Core::EventKind::ChecklistStep &&
        event.kind != Core::EventKind::Note)
        return {};
    const QJsonObject p = event.payload;
    if (p.value(QLatin1String("runbook")).toString() != m_runbook)
        return {};
    const QString id = p.value(QLatin1String("stepId")).toString();
    if (id.isEmpty())
        return {};
    StepProgress &s = m_steps[id];
    if (event.kind == Core::EventKind::Note) {
        s.notes.append(p.value(QLatin1String("text")).toString());
        return id;
    }
    s.lastMs = event.tsMs;
    if (event.kind == Core::EventKind::CommandRun) {
        ++s.runs;
        s.exitCode = p.value(QLatin1String("exitCode")).toInt(-1);
        s.output = p.value(QLatin1String("output")).toString();
        const bool ok = p.value(QLatin1String("started")).toBool() &&
                        !p.value(QLatin1String("cancelled")).toBool() &&
                        !p.value(QLatin1String("timedOut")).toBool() && s.exitCode == 0;
        s.status = ok ? StepStatus::Done : StepStatus::Failed;
        s.note.clear();
        return id;
    }
    const QString state = p.value(QLatin1String("state")).toString();
    s.note = p.value(QLatin1String("note")).toString();
    if (state == QLatin1String("done"))
        s.status = StepStatus::Done;
    else if (state == QLatin1String("skipped"))
        s.status = StepStatus::Skipped;
    else if (state == QLatin1String("n/a"))
        s.status = StepStatus::NotApplicable;
    else
        s.status = StepStatus::Todo;
    return id;
}

void RunbookProgress::applyAll(const QList<Core::TimelineEvent> &events)
{
    for (const auto &e : events)
        apply(e);
}

void RunbookProgress::setRunning(const QString &stepId, bool running)
{
    StepProgress &s = m_steps[stepId];
    if (running)
        s.status = StepStatus::Running;
    else if (s.status == StepStatus::Running)
        s.status = StepStatus::Todo;
}

int RunbookProgress::finishedCount(const Runbook &runbook) const
{
    int n = 0;
    for (const Step *s : runbook.allSteps()) {
        const StepStatus st = m_steps.value(s->id).status;
        n += (st == StepStatus::Done || st == StepStatus::Skipped || st == StepStatus::NotApplicable) ? 1 : 0;
    }
    return n;
}

} // namespace Sitrep::Runbook
