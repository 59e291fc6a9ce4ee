#pragma once

#include "runbook/RiskRules.h"
#include "runbook/Runbook.h"

#include <QString>
#include <QStringList>

namespace Sitrep::Runbook {

// Decides how risky a runbook command is (read, change, destructive), whether it needs a terminal (a
// pseudo-terminal, or the whole screen) and whether it never ends, by applying RiskRules to each simple
// command of the command line, looking through wrappers (sudo, xargs, bash -c, kubectl exec ...); the
// riskiest part wins. Unknown programs count as change.
class RiskClassifier final
{
public:
    struct Result
    {
        Risk risk = Risk::Read;
        TerminalUse terminal = TerminalUse::None;
        bool endless = false;     // runs until stopped (logs -f, --watch)
        bool interactive = false; // terminal != None || endless
        QString reason;           // the simple command that decided the risk
        QString rule;             // the name of the rule that decided it (RiskRules.cpp)
        QStringList trail;        // every rule applied on the way (wrappers looked through included)
    };
    static Result classify(const QString &command);
    // A block of SQL (or psql backslash commands): the riskiest statement decides.
    static Result classifySql(const QString &sql);
};

} // namespace Sitrep::Runbook
