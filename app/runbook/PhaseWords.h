#pragma once

#include "runbook/Runbook.h"

namespace Sitrep::Runbook {

// Recognises the response phase a heading (or a bold label like "**Resolution:**") names, and the time
// budget a heading states ("(2 minutes)").
class PhaseWords final
{
public:
    // The phase whose word appears first in the text; Unknown when none does.
    static Phase phaseOf(const QString &text);
    static int timeBudgetSeconds(const QString &heading);
    // GitHub-style anchor of a heading ("Fix 1: Database" -> "fix-1-database").
    static QString anchor(const QString &heading);
};

} // namespace Sitrep::Runbook
