#include "runbook/SqlPlan.h"

#include <QRandomGenerator>
#include <QRegularExpression>

namespace Sitrep::Runbook {

namespace {

// Statements PostgreSQL refuses inside a transaction block.
bool needsAutocommit(const SqlStatement &st)
{
    static const QRegularExpression re(
        QStringLiteral(
            "^\\s*(VACUUM|CREATE\\s+(UNIQUE\\s+)?INDEX\\s+CONCURRENTLY|DROP\\s+INDEX\\s+CONCURRENTLY|"
            "REINDEX\\b.*\\bCONCURRENTLY|CREATE\\s+DATABASE|DROP\\s+DATABASE|ALTER\\s+SYSTEM|"
            "CREATE\\s+TABLESPACE|DROP\\s+TABLESPACE|CLUSTER\\s*$)"),
        QRegularExpression::CaseInsensitiveOption);
    return st.kind == SqlStatement::Kind::Sql && re.match(st.bare).hasMatch();
}

// A command tag psql prints for a statement that returns no rows ("UPDATE 4", "INSERT 0 1", "CREATE INDEX").
bool isCommandTag(const QString &line, qint64 *count)
{
    static const QRegularExpression re(QStringLiteral(
        "^(INSERT \\d+|UPDATE|DELETE|MERGE|COPY|SELECT|MOVE|FETCH|CREATE|ALTER|DROP|TRUNCATE|GRANT|REVOKE|"
        "VACUUM|ANALYZE|REINDEX|CLUSTER|COMMENT|LOCK|CALL|DO|SET|RESET|SHOW|LISTEN|NOTIFY|DISCARD|PREPARE|"
        "EXECUTE|DEALLOCATE|REFRESH|SECURITY LABEL|IMPORT|BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE|CHECKPOINT)"
        "( [A-Z ]+)?( (\\d+))?$"));
    const auto m = re.match(line);
    if (!m.hasMatch())
        return false;
    if (count)
        *count = m.captured(4).isEmpty() ? -1 : m.captured(4).toLongLong();
    return true;
}

} // namespace

SqlPlan SqlPlan::make(const QString &sql, Risk risk, int readTimeoutMs, int writeTimeoutMs)
{
    SqlPlan plan;
    plan.readOnly = risk == Risk::Read;
    plan.statementTimeoutMs = plan.readOnly ? readTimeoutMs : writeTimeoutMs;
    plan.marker = QStringLiteral("__sitrep_%1__")
                      .arg(QRandomGenerator::global()->generate64(), 16, 16, QLatin1Char('0'));
    for (const SqlStatement &st : SqlSplitter::split(sql)) {
        if (st.isTransactionControl()) {
            plan.notes << QStringLiteral("the step's own %1 was left out: Sitrep runs the step as one "
                                         "transaction")
                              .arg(st.keyword());
            continue;
        }
        if (needsAutocommit(st))
            plan.transaction = false;
        plan.statements << st;
    }
    if (!plan.transaction)
        plan.notes << QStringLiteral("%1 cannot run inside a transaction: each statement commits on its own")
                          .arg(std::find_if(plan.statements.cbegin(), plan.statements.cend(), needsAutocommit)
                                   ->keyword());
    return plan;
}

QByteArray SqlPlan::psqlScript() const
{
    QStringList lines{QStringLiteral("\\set ON_ERROR_STOP on")};
    if (transaction) {
        lines << (readOnly ? QStringLiteral("BEGIN READ ONLY;") : QStringLiteral("BEGIN;"));
        lines << QStringLiteral("SET LOCAL statement_timeout = %1;").arg(statementTimeoutMs);
    } else {
        lines << QStringLiteral("SET statement_timeout = %1;").arg(statementTimeoutMs);
    }
    for (qsizetype i = 0; i < statements.size(); ++i) {
        const SqlStatement &st = statements.at(i);
        lines << QStringLiteral("\\echo %1 %2").arg(marker).arg(i);
        lines << (st.kind == SqlStatement::Kind::Meta ? st.text : st.text + QLatin1Char(';'));
    }
    lines << QStringLiteral("\\echo %1 end").arg(marker);
    if (transaction)
        lines << (readOnly ? QStringLiteral("ROLLBACK;") : QStringLiteral("COMMIT;"));
    return lines.join(QLatin1Char('\n')).toUtf8() + '\n';
}

Core::Result<SqlResult> SqlPlan::readPsqlOutput(const QByteArray &out) const
{
    // Chunks of output between the markers, one per statement.
    QList<QStringList> chunks(statements.size());
    int current = -1;
    const QStringList lines = QString::fromUtf8(out).split(QLatin1Char('\n'));
    for (QString line : lines) {
        if (line.endsWith(QLatin1Char('\r')))
            line.chop(1);
        if (line.startsWith(marker + QLatin1Char(' '))) {
            const QString which = line.mid(marker.size() + 1);
            bool ok = false;
            const int n = which.toInt(&ok);
            current = ok && n >= 0 && n < statements.size() ? n : -1;
            continue;
        }
        if (current >= 0)
            chunks[current] << line;
    }
    SqlResult result;
    result.notes = notes;
    for (qsizetype i = 0; i < statements.size(); ++i) {
        if (statements.at(i).kind != SqlStatement::Kind::Sql)
            continue;
        QStringList chunk = chunks.at(i);
        while (!chunk.isEmpty() && chunk.last().isEmpty())
            chunk.removeLast();
        if (chunk.isEmpty())
            continue;
        qint64 count = -1;
        if (chunk.size() == 1 && isCommandTag(chunk.first(), &count)) {
            if (count >= 0 && !result.hasTable()) {
                result.rowsAffected = count;
                result.statement = statements.at(i).text;
            }
            continue;
        }
        SqlResult table;
        if (!parseCsv(chunk.join(QLatin1Char('\n')), &table.columns, &table.rows, &table.truncated))
            return Core::makeError(QStringLiteral("psql's answer to \"%1\" is not the CSV Sitrep asked for")
                                       .arg(statements.at(i).text.simplified().left(80)));
        result.columns = table.columns;
        result.rows = table.rows;
        result.truncated = table.truncated;
        result.rowsAffected = -1;
        result.statement = statements.at(i).text;
    }
    return result;
}

} // namespace Sitrep::Runbook
