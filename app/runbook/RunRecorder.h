#pragma once

#include "core/IncidentSession.h"

#include "core/Redactor.h"
#include "runbook/RunTypes.h"
#include <QJsonObject>

namespace Sitrep::Runbook {

// Puts runbook work on the incident's record: every command run (who, where, the final command and an
// output excerpt, both redacted, exit code, duration, step) and every checklist tick. The wizard restores
// its state from these events, so reopening an incident shows the runbook exactly as it was left.
class RunRecorder final
{
public:
    static constexpr int kExcerptChars = 4000;

    explicit RunRecorder(Core::IncidentSession &session, const Core::Redactor *redactor = nullptr)
        : m_session(session)
        , m_redactor(redactor)
    {}

    // Where the walk stands after the next record ({runbookTitle, phase, done, total}): added to run and
    // step records so the wall display and followers show progress from the journal alone.
    RunRecorder &withProgress(const QJsonObject &progress)
    {
        m_progress = progress;
        return *this;
    }
    // The runbook was opened for this incident: its title and size.
    Core::Result<Core::TimelineEvent> recordOpened(const QString &runbook, const QString &title, int total,
                                                   const QString &phase);
    // Before a command runs: what is about to run where (not a timeline entry; the run record is). An
    // error means the command must not run, since its record could not be kept.
    Core::Result<qint64> recordIntent(const QString &runbook, const PreparedCommand &command,
                                      const QString &where);
    Core::Result<Core::TimelineEvent> recordRun(const QString &runbook, const PreparedCommand &command,
                                                const RunResult &result, const QString &runner);
    // state: "done", "skipped", "n/a", "todo" (unticked); note is the reason for skipped / N/A.
    Core::Result<Core::TimelineEvent> recordStep(const QString &runbook, const QString &stepId,
                                                 const QString &state, const QString &text,
                                                 const QString &note = {});

    // A responder's note on a step; it shows in the timeline and next to the step in the wizard.
    Core::Result<Core::TimelineEvent> recordNote(const QString &runbook, const QString &stepId,
                                                 const QString &text, const QString &note);

    // The head and tail of long output with a marker in between.
    static QString excerpt(const QString &output, int maxChars = kExcerptChars);

private:
    QString scrub(const QString &text, const QStringList &secrets) const;

    QJsonObject withProgressFields(QJsonObject payload) const;

    Core::IncidentSession &m_session;
    const Core::Redactor *m_redactor;
    QJsonObject m_progress;
};

} // namespace Sitrep::Runbook
