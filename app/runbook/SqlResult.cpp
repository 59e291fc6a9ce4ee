#include "runbook/SqlResult.h"

#include <QLocale>

namespace Sitrep::Runbook {

namespace {

QString tsvField(const QString &v)
{
    if (v.isNull())
        return QStringLiteral("\\N");
    QString out;
    out.reserve(v.size());
    for (const QChar c : v) {
        if (c == QLatin1Char('\\'))
            out += QLatin1String("\\\\");
        else if (c == QLatin1Char('\t'))
            out += QLatin1String("\\t");
        else if (c == QLatin1Char('\n'))
            out += QLatin1String("\\n");
        else if (c == QLatin1Char('\r'))
            out += QLatin1String("\\r");
        else
            out += c;
    }
    return out;
}

} // namespace

QString SqlResult::toTsv() const
{
    if (!hasTable())
        return {};
    QStringList lines;
    QStringList header;
    for (const QString &c : columns)
        header << tsvField(c.isNull() ? QString(QLatin1String("")) : c);
    lines << header.join(QLatin1Char('\t'));
    for (const QStringList &row : rows) {
        QStringList fields;
        for (const QString &v : row)
            fields << tsvField(v);
        lines << fields.join(QLatin1Char('\t'));
    }
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

QString SqlResult::summary() const
{
    const QLocale c(QLocale::English);
    if (hasTable()) {
        if (truncated)
            return QStringLiteral("the first %1 rows (there are more)")
                .arg(c.toString(qsizetype(rows.size())));
        return rows.size() == 1 ? QStringLiteral("1 row")
                                : QStringLiteral("%1 rows").arg(c.toString(qsizetype(rows.size())));
    }
    if (rowsAffected >= 0)
        return rowsAffected == 1 ? QStringLiteral("1 row changed")
                                 : QStringLiteral("%1 rows changed").arg(c.toString(rowsAffected));
    return QStringLiteral("done");
}

QString SqlResult::excerpt(int maxRows) const
{
    if (!hasTable())
        return summary();
    QStringList lines{columns.join(QLatin1String(" | "))};
    for (int i = 0; i < rows.size() && i < maxRows; ++i) {
        QStringList cells;
        for (const QString &v : rows.at(i))
            cells << (v.isNull() ? QStringLiteral("NULL") : v);
        lines << cells.join(QLatin1String(" | "));
    }
    if (rows.size() > maxRows || truncated)
        lines << QStringLiteral("(%1)").arg(summary());
    return lines.join(QLatin1Char('\n'));
}

bool parseCsv(const QString &csv, QStringList *header, QList<QStringList> *rows, bool *truncated, int maxRows)
{
    QList<QStringList> records;
    QStringList record;
    QString field;
    bool quoted = false;    // inside quotes
    bool wasQuoted = false; // the current field was quoted ("" is an empty string, not NULL)
    bool fieldStarted = false;
    auto endField = [&] {
        if (!wasQuoted && field.isEmpty())
            record << QString(); // NULL
        else if (field.isEmpty())
            record << QString::fromLatin1("", 0); // the empty string
        else
            record << field;
        field.clear();
        wasQuoted = false;
        fieldStarted = false;
    };
    auto endRecord = [&] {
        endField();
        records << record;
        record.clear();
    };
    const qsizetype n = csv.size();
    for (qsizetype i = 0; i < n; ++i) {
        const QChar c = csv.at(i);
        if (quoted) {
            if (c == QLatin1Char('"')) {
                if (i + 1 < n && csv.at(i + 1) == QLatin1Char('"')) {
                    field += QLatin1Char('"');
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                field += c;
            }
            continue;
        }
        if (c == QLatin1Char('"') && !fieldStarted) {
            quoted = true;
            wasQuoted = true;
            fieldStarted = true;
        } else if (c == QLatin1Char(',')) {
            endField();
        } else if (c == QLatin1Char('\n')) {
            endRecord();
        } else if (c == QLatin1Char('\r') && i + 1 < n && csv.at(i + 1) == QLatin1Char('\n')) {
            continue;
        } else {
            field += c;
            fieldStarted = true;
        }
    }
    if (quoted)
        return false; // an unterminated quote: not CSV
    if (fieldStarted || !field.isEmpty() || !record.isEmpty())
        endRecord();
    if (records.isEmpty())
        return false;
    *header = records.takeFirst();
    for (QString &h : *header) {
        if (h.isNull())
            h = QStringLiteral("");
    }
    if (truncated)
        *truncated = records.size() > maxRows;
    if (records.size() > maxRows)
        records.resize(maxRows);
    *rows = records;
    return true;
}

} // namespace Sitrep::Runbook
