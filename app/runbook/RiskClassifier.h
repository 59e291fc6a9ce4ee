#pragma once

#include "runbook/Runbook.h"

#include <QString>

namespace Sitrep::Runbook {

// Decides how risky a runbook command is (read, change, destructive) and whether it needs a terminal or
// never ends, by applying RiskRules to each simple command of a pipeline; the riskiest one wins.
class RiskClassifier final
{
public:
    struct Result
    {
        Risk risk = Risk::Read;
        bool interactive = false;
        QString reason; // the simple command that decided the risk
    };
    static Result classify(const QString &command);
    static Result classifySql(const QString &sql);

private:
    static Result classifySimple(const QStringList &words, int depth);
};

} // namespace Sitrep::Runbook
