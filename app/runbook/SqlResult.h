#pragma once

#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace Sitrep::Runbook {

// What a SQL step returned: the rows of its last statement that returned rows (the first kMaxRows), or how
// many rows it changed. A null QString in a row is SQL NULL.
struct SqlResult
{
    static constexpr int kMaxRows = 1000;

    QStringList columns;
    QList<QStringList> rows;
    bool truncated = false;   // the statement returned more than kMaxRows rows
    qint64 rowsAffected = -1; // INSERT / UPDATE / DELETE
    QString statement;        // the statement the rows (or the count) come from
    QStringList notes;        // what was left out and why ("\x is a psql command: skipped")

    bool hasTable() const { return !columns.isEmpty(); }
    // Header and rows, tab-separated as COPY writes text: \t, \n, \r and \\ escaped, NULL as \N.
    QString toTsv() const;
    // "3 rows", "the first 1,000 rows (there are more)", "4 rows changed", "done".
    QString summary() const;
    // The first lines of the table as text, for the journal.
    QString excerpt(int maxRows = 20) const;
};

// A CSV text as psql --csv writes it (RFC 4180: quotes around fields with commas, quotes or newlines, "" for
// a quote) into header and rows; unquoted empty fields are NULL.
bool parseCsv(const QString &csv, QStringList *header, QList<QStringList> *rows, bool *truncated,
              int maxRows = SqlResult::kMaxRows);

} // namespace Sitrep::Runbook

Q_DECLARE_METATYPE(Sitrep::Runbook::SqlResult)
