#pragma once

#include "runbook/Runbook.h"

#include <QSet>

namespace Sitrep::Runbook {

// Finds what would trip a responder at 3 a.m.: values nobody will have at hand, destructive commands
// with nothing checked first, and steps whose phase no heading names.
class RunbookLinter final
{
public:
    struct Finding
    {
        enum class Kind { Placeholder, UncheckedDestructive, UnknownPhase, Interactive };
        Kind kind;
        int line = 0;
        QString stepId;
        QString message;
    };
    // knownValues: placeholder names the caller can fill (from --set or the incident context).
    static QList<Finding> lint(const Runbook &runbook, const QSet<QString> &knownValues = {});
    static QString kindName(Finding::Kind k);
};

} // namespace Sitrep::Runbook
