#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QVariant>

#include <optional>

namespace Sitrep::Core {

// Reads table rows straight from the pages of an SQLite file (and of its -wal file, up to the last
// committed frame), without going through the b-tree. This is SQLite's own recovery approach: when
// an interior page or the schema is damaged, SQL cannot reach the leaves below it, but every intact
// leaf page still holds its rows. Only used on files that SQLite itself reports as damaged.
class SqliteCellScanner final
{
public:
    struct Row
    {
        qint64 rowid = 0;
        QVariantList values; // NULL, qint64, double, QString (text) or QByteArray (blob)
    };

    // Scans path (and path-wal when present). Never throws and never writes; a page that does not
    // parse is skipped and counted.
    explicit SqliteCellScanner(const QString &path);

    bool isSqliteFile() const { return m_sqlite; }
    int pageSize() const { return m_pageSize; }
    int pagesScanned() const { return m_pagesScanned; }
    int pagesSkipped() const { return m_pagesSkipped; }

    // Every row found on a table leaf page, of any table; the same rowid may appear more than once
    // (an older copy of a page in the WAL). Callers pick their table's rows by shape.
    const QList<Row> &rows() const { return m_rows; }

private:
    void scanPage(const QByteArray &page, bool isFirstPage);
    bool readCell(const QByteArray &page, int offset);
    QByteArray payloadWithOverflow(const QByteArray &page, int offset, qint64 payloadSize,
                                   int *consumed) const;
    QByteArray pageAt(quint32 number) const;

    QByteArray m_file;
    QByteArray m_wal;
    bool m_sqlite = false;
    int m_pageSize = 0;
    int m_usable = 0;
    int m_pagesScanned = 0;
    int m_pagesSkipped = 0;
    QList<QPair<quint32, qsizetype>> m_walFrames; // committed frames: page number, offset of its data
    QList<Row> m_rows;
};

} // namespace Sitrep::Core
