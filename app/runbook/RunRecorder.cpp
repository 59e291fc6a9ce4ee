#include "runbook/RunRecorder.h"

#include <QJsonObject>

namespace Sitrep::Runbook {

QString RunRecorder::excerpt(const QString &output, int maxChars)
{
    if (output.size() <= maxChars)
        return output;
    const int head = maxChars / 4;
    const int tail = maxChars - head;
    return output.left(head) +
           QStringLiteral("\n[... %1 characters left out ...]\n").arg(output.size() - head - tail) +
           output.right(tail);
}

QString RunRecorder::scrub(const QString &text, const QStringList &secrets) const
{
    QString s = text;
    for (const QString &secret : secrets) {
        if (secret.size() >= 3)
            s.replace(secret, Core::Redactor::kMask);
    }
    s = m_redactor ? m_redactor->redact(s) : Core::Redactor::redactPatterns(s);
    return s;
}

Core::Result<qint64> RunRecorder::recordIntent(const QString &runbook, const PreparedCommand &command,
                                               const QString &where)
{
    return m_session.journal().recordIntent(m_session.author(), scrub(command.display, command.secretValues),
                                            {{QStringLiteral("source"), QStringLiteral("runbook")},
                                             {QStringLiteral("runbook"), runbook},
                                             {QStringLiteral("stepId"), command.stepId},
                                             {QStringLiteral("where"), where},
                                             {QStringLiteral("risk"), riskName(command.risk)}});
}

Core::Result<Core::TimelineEvent> RunRecorder::recordRun(const QString &runbook,
                                                         const PreparedCommand &command,
                                                         const RunResult &result, const QString &runner)
{
    const QString shown = scrub(command.display, command.secretValues);
    const QString out = scrub(excerpt(QString::fromUtf8(result.output)), command.secretValues);
    QString outcome;
    if (result.handedOff)
        outcome = QStringLiteral("handed off to the terminal emulator ") + result.terminalProgram;
    else if (!result.started)
        outcome = QStringLiteral("did not start: ") + result.error;
    else if (result.timedOut)
        outcome = result.error;
    else if (result.cancelled)
        outcome = QStringLiteral("cancelled");
    else
        outcome = QStringLiteral("exit %1").arg(result.exitCode);
    // A hand-off's duration is the terminal emulator's start, not the command's: it is left out.
    const QString took =
        result.handedOff ? QString() : QStringLiteral(" in %1 s").arg(result.durationMs / 1000.0, 0, 'f', 1);
    const QString summary =
        QStringLiteral("Ran `%1` on %2%3: %4%5")
            .arg(shown.section(QLatin1Char('\n'), 0, 0).left(160), result.where,
                 command.dryRun ? QStringLiteral(" (dry run)") : QString(), outcome, took);
    const QJsonObject payload =
        withProgressFields({{QStringLiteral("runbook"), runbook},
                            {QStringLiteral("stepId"), command.stepId},
                            {QStringLiteral("command"), shown},
                            {QStringLiteral("where"), result.where},
                            {QStringLiteral("runner"), runner},
                            {QStringLiteral("risk"), riskName(command.risk)},
                            {QStringLiteral("dryRun"), command.dryRun},
                            {QStringLiteral("started"), result.started},
                            {QStringLiteral("exitCode"), result.exitCode},
                            {QStringLiteral("durationMs"), result.durationMs},
                            {QStringLiteral("timedOut"), result.timedOut},
                            {QStringLiteral("cancelled"), result.cancelled},
                            {QStringLiteral("truncated"), result.truncated},
                            {QStringLiteral("handedOff"), result.handedOff},
                            {QStringLiteral("terminal"), result.terminalProgram},
                            {QStringLiteral("output"), out},
                            {QStringLiteral("error"), scrub(result.error, command.secretValues)}});
    return m_session.record(Core::EventKind::CommandRun, summary, payload);
}

Core::Result<Core::TimelineEvent> RunRecorder::recordStep(const QString &runbook, const QString &stepId,
                                                          const QString &state, const QString &text,
                                                          const QString &note)
{
    static const QStringList states = {QStringLiteral("done"), QStringLiteral("skipped"),
                                       QStringLiteral("n/a"), QStringLiteral("todo")};
    if (!states.contains(state))
        return Core::makeError(
            QStringLiteral("unknown step state \"%1\"; expected done, skipped, n/a or todo").arg(state),
            stepId);
    const QString shownText = scrub(text, {});
    QString summary = QStringLiteral("Runbook step %1: %2")
                          .arg(state, shownText.section(QLatin1Char('\n'), 0, 0).left(160));
    if (!note.isEmpty())
        summary += QStringLiteral(" (") + scrub(note, {}) + QLatin1Char(')');
    return m_session.record(Core::EventKind::ChecklistStep, summary,
                            withProgressFields({{QStringLiteral("runbook"), runbook},
                                                {QStringLiteral("stepId"), stepId},
                                                {QStringLiteral("state"), state},
                                                {QStringLiteral("text"), shownText},
                                                {QStringLiteral("note"), scrub(note, {})}}));
}

Core::Result<Core::TimelineEvent> RunRecorder::recordOpened(const QString &runbook, const QString &title,
                                                            int total, const QString &phase)
{
    // No stepId: the walk's state (RunbookProgress) is not touched by it.
    // Progress fields the caller adds (the next step) come along; these are the opening's own.
    QJsonObject payload = withProgressFields({});
    for (const auto &[key, value] : {std::pair{QStringLiteral("runbook"), QJsonValue(runbook)},
                                     {QStringLiteral("runbookTitle"), QJsonValue(scrub(title, {}))},
                                     {QStringLiteral("state"), QJsonValue(QStringLiteral("opened"))},
                                     {QStringLiteral("phase"), QJsonValue(phase)},
                                     {QStringLiteral("done"), QJsonValue(0)},
                                     {QStringLiteral("total"), QJsonValue(total)}})
        payload.insert(key, value);
    return m_session.record(Core::EventKind::ChecklistStep,
                            QStringLiteral("Runbook opened: %1 (%2 steps)").arg(scrub(title, {})).arg(total),
                            payload);
}

QJsonObject RunRecorder::withProgressFields(QJsonObject payload) const
{
    for (auto it = m_progress.begin(); it != m_progress.end(); ++it)
        payload.insert(it.key(), it.value());
    return payload;
}

Core::Result<Core::TimelineEvent> RunRecorder::recordNote(const QString &runbook, const QString &stepId,
                                                          const QString &text, const QString &note)
{
    if (note.trimmed().isEmpty())
        return Core::makeError(QStringLiteral("the note is empty"), stepId);
    const QString shown = scrub(note.trimmed(), {});
    return m_session.record(Core::EventKind::Note,
                            QStringLiteral("On runbook step \"%1\": %2")
                                .arg(scrub(text, {}).section(QLatin1Char('\n'), 0, 0).left(120), shown),
                            QJsonObject{{QStringLiteral("runbook"), runbook},
                                        {QStringLiteral("stepId"), stepId},
                                        {QStringLiteral("text"), shown}});
}

} // namespace Sitrep::Runbook
