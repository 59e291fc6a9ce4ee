#pragma once

#include "core/Result.h"
#include "runbook/Runbook.h"
#include "runbook/SqlResult.h"
#include "runbook/SqlSplitter.h"

#include <QByteArray>

namespace Sitrep::Runbook {

// How a SQL step runs: its statements (the step's own BEGIN / COMMIT left out) in one transaction, READ ONLY
// when the step only reads, with a statement timeout; outside a transaction when a statement cannot run in
// one (VACUUM, CREATE INDEX CONCURRENTLY ...). The same plan drives Qt's PostgreSQL driver and psql.
struct SqlPlan
{
    QList<SqlStatement> statements; // SQL and psql backslash commands, in order
    QStringList notes;              // what was left out, as sentences
    bool readOnly = true;
    bool transaction = true;
    int statementTimeoutMs = 30000;
    QString marker; // unique per plan: separates the statements' output in psql's

    static SqlPlan make(const QString &sql, Risk risk, int readTimeoutMs = 30000,
                        int writeTimeoutMs = 300000);
    // The script psql reads on stdin (kubectl exec ... psql -f -).
    QByteArray psqlScript() const;
    // psql --csv output of psqlScript(): the table of the last statement that returned rows, else the count
    // of rows the last changing statement touched.
    Core::Result<SqlResult> readPsqlOutput(const QByteArray &out) const;
};

} // namespace Sitrep::Runbook
