#pragma once

#include "core/Result.h"
#include "runbook/RunTypes.h"

namespace Sitrep::Runbook {

// Fills a step's placeholders and applies dry-run. `<name>` tokens are replaced by the value quoted for
// where they stand (unquoted, '...' or "..."); `$VAR` / `${VAR}` stay in the text and their values travel
// as environment, so no value is ever parsed as shell. Values are looked up by placeholder name, then by
// context key ("namespace", "pod" ...).
class CommandPreparer final
{
public:
    static Core::Result<PreparedCommand> prepare(const Step &step, const QMap<QString, QString> &values,
                                                 bool dryRun = false);
    // Adds --dry-run=server to each kubectl mutation that supports it and has no --dry-run yet.
    static QString withServerDryRun(const QString &command, bool *changed = nullptr);
};

} // namespace Sitrep::Runbook
