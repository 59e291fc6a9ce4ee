#pragma once

#include "core/Result.h"
#include "runbook/DatabaseTarget.h"
#include "runbook/RunTypes.h"

namespace Sitrep::Runbook {

// Fills a step's placeholders and applies dry-run. `<name>` tokens are replaced by the value quoted for
// where they stand (unquoted, '...' or "..."); `$VAR` / `${VAR}` stay in the text and their values travel
// as environment, so no value is ever parsed as shell. A secret `<name>` never enters the text either: its
// value goes in the environment and the text refers to it (SecretPlacement). Values are looked up by
// placeholder name, then by context key ("namespace", "pod" ...).
class CommandPreparer final
{
public:
    static Core::Result<PreparedCommand> prepare(const Step &step, const QMap<QString, QString> &values,
                                                 bool dryRun = false);
    // A SQL step for the database: `<name>` tokens become SQL string literals ('it''s'), never code; risk from
    // its statements; destructive ones are confirmed by typing the database's name.
    static Core::Result<PreparedCommand> prepareSql(const Step &step, const QMap<QString, QString> &values,
                                                    const DatabaseTarget &db);
    // The environment variable that carries a secret `<placeholder>`'s value: SITREP_SECRET_DB_PASSWORD.
    static QString secretVariable(const QString &token);
    // A value as an SQL string literal: 'it''s'.
    static QString sqlLiteral(const QString &value);
    // Adds --dry-run=server to each kubectl mutation that supports it and has no --dry-run yet.
    static QString withServerDryRun(const QString &command, bool *changed = nullptr);
};

} // namespace Sitrep::Runbook
