#pragma once

#include <QList>
#include <QString>

namespace Sitrep::Runbook {

// One statement of a SQL block, or one psql backslash command (\x, \dt, \copy ...).
struct SqlStatement
{
    enum class Kind { Sql, Meta };
    Kind kind = Kind::Sql;
    QString text; // as written, trimmed, without the terminating ';'
    QString bare; // the same with comments, string literals and quoted identifiers blanked (for keywords)
    int line = 1; // 1-based line where it starts

    // BEGIN, COMMIT, ROLLBACK, END, ABORT, START TRANSACTION, SAVEPOINT, RELEASE: the runner's own business.
    bool isTransactionControl() const;
    // The first keyword of bare, upper-cased ("SELECT", "WITH", "UPDATE").
    QString keyword() const;
};

// Splits SQL the way psql does: at ';' outside string literals ('...', E'...'), quoted identifiers,
// dollar quotes ($$...$$, $tag$...$tag$) and comments (--, nested /* */); a backslash command runs to the
// end of its line. Never fails: unterminated quotes end at the end of the text.
class SqlSplitter final
{
public:
    static QList<SqlStatement> split(const QString &sql);
};

} // namespace Sitrep::Runbook
