#include "runbook/TerminalLauncher.h"

#include <QProcess>
#include <QStandardPaths>

namespace Sitrep::Runbook {

QStringList TerminalLauncher::terminalCommand(const QProcessEnvironment &env)
{
    const QStringList path = env.value(QStringLiteral("PATH")).split(QLatin1Char(':'), Qt::SkipEmptyParts);
    const QStringList chosen = QProcess::splitCommand(env.value(QStringLiteral("TERMINAL")));
    if (!chosen.isEmpty()) {
        const QString program = chosen.first().contains(QLatin1Char('/'))
                                    ? chosen.first()
                                    : QStandardPaths::findExecutable(chosen.first(), path);
        if (!program.isEmpty())
            return QStringList{program} + chosen.mid(1);
    }
    const QString fallback = QStandardPaths::findExecutable(QStringLiteral("x-terminal-emulator"), path);
    return fallback.isEmpty() ? QStringList() : QStringList{fallback};
}

Core::Result<TerminalLauncher::Launched>
TerminalLauncher::launch(const QString &command, const QProcessEnvironment &env, const QString &shell)
{
    const QStringList terminal = terminalCommand(env);
    if (terminal.isEmpty()) {
        const QString named = env.value(QStringLiteral("TERMINAL"));
        return Core::makeError(
            named.isEmpty()
                ? QStringLiteral("no terminal emulator found: set $TERMINAL or install one that provides "
                                 "x-terminal-emulator (xterm, gnome-terminal, konsole ...)")
                : QStringLiteral("$TERMINAL is \"%1\", which is not an installed program").arg(named),
            QStringLiteral("TERMINAL"));
    }
    // `-e PROGRAM ARGS...` is what x-terminal-emulator (Debian policy) and $TERMINAL conventionally take.
    const QString script =
        command + QStringLiteral("\nstatus=$?\nprintf '\\n[sitrep: the command ended with exit code "
                                 "%s; press Enter to close]' \"$status\"\nread -r _\n");
    QProcess process;
    process.setProgram(terminal.first());
    process.setArguments(terminal.mid(1) + QStringList{QStringLiteral("-e"), shell, QStringLiteral("-c"),
                                                       script, QStringLiteral("sitrep")});
    process.setProcessEnvironment(env);
    process.setStandardInputFile(QProcess::nullDevice());
    qint64 pid = 0;
    if (!process.startDetached(&pid))
        return Core::makeError(
            QStringLiteral("could not start %1: %2").arg(terminal.first(), process.errorString()),
            QStringLiteral("TERMINAL"));
    return Launched{terminal.first(), pid};
}

} // namespace Sitrep::Runbook
