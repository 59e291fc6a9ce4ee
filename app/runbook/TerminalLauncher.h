#pragma once

#include "core/Result.h"

#include <QProcessEnvironment>
#include <QString>

namespace Sitrep::Runbook {

// Opens a command in the user's terminal emulator ($TERMINAL, else x-terminal-emulator), for programs that
// take the whole screen (vim, top, less, watch, an interactive psql). The command runs under the shell with
// the given environment (placeholder values and secrets as variables, never on a command line) and waits for
// Enter after it ends, so its last screen stays readable.
class TerminalLauncher final
{
public:
    struct Launched
    {
        QString terminal; // the program that was started ("xterm", "/usr/bin/x-terminal-emulator")
        qint64 pid = 0;
    };
    // The terminal emulator and its leading arguments ($TERMINAL may be "kitty --single-instance").
    static QStringList terminalCommand(const QProcessEnvironment &env);
    static Core::Result<Launched> launch(const QString &command, const QProcessEnvironment &env,
                                         const QString &shell = QStringLiteral("bash"));
};

} // namespace Sitrep::Runbook
