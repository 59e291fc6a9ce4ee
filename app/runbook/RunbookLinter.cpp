#include "runbook/RunbookLinter.h"

#include <QSet>

namespace Sitrep::Runbook {

QString RunbookLinter::kindName(Finding::Kind k)
{
    switch (k) {
    case Finding::Kind::Placeholder:
        return QStringLiteral("placeholder");
    case Finding::Kind::UncheckedDestructive:
        return QStringLiteral("unchecked-destructive");
    case Finding::Kind::UnknownPhase:
        return QStringLiteral("unknown-phase");
    case Finding::Kind::Interactive:
        return QStringLiteral("interactive");
    }
    return {};
}

QList<RunbookLinter::Finding> RunbookLinter::lint(const Runbook &runbook, const QSet<QString> &knownValues)
{
    QList<Finding> out;
    QSet<QString> reported;
    for (const Section &section : runbook.sections) {
        bool checked = false; // a read command earlier in the same section
        bool phaseReported = false;
        for (const Step &step : section.steps) {
            for (const Placeholder &p : step.placeholders) {
                // Context values (namespace, pod ...) come from the console; the rest nobody fills for you.
                if (p.type == Placeholder::Type::Context || knownValues.contains(p.name) ||
                    reported.contains(p.token))
                    continue;
                reported.insert(p.token);
                out.append(
                    {Finding::Kind::Placeholder, step.line, step.id,
                     QStringLiteral("%1 is not filled from the incident context; it will be asked for%2")
                         .arg(p.token, p.type == Placeholder::Type::Secret
                                           ? QStringLiteral(" (looks secret: kept in the keychain)")
                                           : QString())});
            }
            if (step.isRunnable()) {
                if (step.risk == Risk::Destructive && !checked) {
                    out.append(
                        {Finding::Kind::UncheckedDestructive, step.line, step.id,
                         QStringLiteral("destructive command with no read-only check before it in \"%1\": %2")
                             .arg(section.title, step.command.section(QLatin1Char('\n'), 0, 0))});
                }
                if (step.risk == Risk::Read)
                    checked = true;
                // A command that needs a terminal runs under a pseudo-terminal: nothing to point out.
                if (step.interactive && step.terminal != TerminalUse::Pty) {
                    // What the wizard does with it: a pseudo-terminal, the user's terminal emulator, or a
                    // run that goes on until it is cancelled or times out.
                    const QString what =
                        step.terminal == TerminalUse::FullScreen
                            ? QStringLiteral(
                                  "takes the whole screen: Sitrep opens it in your terminal emulator")
                        : step.terminal == TerminalUse::Pty
                            ? QStringLiteral(
                                  "needs a terminal: Sitrep runs it under a pseudo-terminal with an "
                                  "input line")
                            : QStringLiteral(
                                  "never ends on its own: Sitrep stops it when you cancel it or at "
                                  "the run timeout");
                    out.append(
                        {Finding::Kind::Interactive, step.line, step.id,
                         QStringLiteral("%1: %2").arg(what, step.command.section(QLatin1Char('\n'), 0, 0))});
                }
            }
            if (step.phase == Phase::Unknown && !phaseReported) {
                phaseReported = true;
                out.append({Finding::Kind::UnknownPhase, step.line, step.id,
                            QStringLiteral("section \"%1\" has steps but no heading names their phase "
                                           "(triage, investigation, resolution, rollback, verification ...)")
                                .arg(section.title)});
            }
        }
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const Finding &a, const Finding &b) { return a.line < b.line; });
    return out;
}

} // namespace Sitrep::Runbook
