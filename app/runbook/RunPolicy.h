#pragma once

#include "runbook/RunTypes.h"

namespace Sitrep::Runbook {

// The safety gate in front of every run: what confirmation a command needs, what is refused (anything but
// reads in read-only mode, unfilled placeholders), and how it runs: under a pseudo-terminal, or handed to
// the user's terminal emulator when it takes the whole screen.
class RunPolicy final
{
public:
    enum class Confirmation { None, Confirm, Typed };
    struct Decision
    {
        bool allowed = true;
        Confirmation confirmation = Confirmation::None;
        QString typedWord; // what to type for a Typed confirmation
        QString prompt;    // the final command, the target and the risk, as shown in the dialog
        QString reason;    // why it is refused
        bool pty = false;     // runs under a pseudo-terminal with an input line
        bool handOff = false; // opens in the user's terminal emulator
    };

    void setReadOnly(bool on) { m_readOnly = on; }
    bool readOnly() const { return m_readOnly; }
    void setDryRun(bool on) { m_dryRun = on; }
    bool dryRun() const { return m_dryRun; }

    Decision decide(const PreparedCommand &command, const RunTarget &target) const;
    // Whether what the user typed confirms the decision (exact, ignoring surrounding spaces).
    static bool confirms(const Decision &d, const QString &typed);
    // How a command uses the terminal (-it: a pseudo-terminal; vim, top, bare psql: the whole screen), as
    // opposed to commands that merely never end (logs -f, --watch), which run until cancelled or timed out.
    static TerminalUse terminalUse(const QString &command);

private:
    bool m_readOnly = false;
    bool m_dryRun = false;
};

} // namespace Sitrep::Runbook
