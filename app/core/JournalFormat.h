#pragma once

#include "core/Result.h"

#include <QString>

class QSqlDatabase;

namespace Sitrep::Core {

// The incident file as SQLite holds it: the schema's migrations, one version at a time, and what a file's
// first bytes and PRAGMA quick_check say about it before anything else is read.
class JournalFormat final
{
public:
    // What the first bytes of a file say: an SQLite database, and how big it claims to be.
    struct FileHeader
    {
        bool sqlite = false;
        qint64 claimedBytes = -1; // page size x page count, when the header's count is valid
    };
    static FileHeader readHeader(const QString &path);

    // The schema version a file holds (0 for a new, empty file); an error when it holds other tables.
    static Result<int> schemaVersion(const QSqlDatabase &db);
    // Moves a writable file from schema `from` to `to` in one transaction: all of it or nothing.
    static Result<void> upgrade(QSqlDatabase &db, int from, int to);

    // "Page 7: btreeInitPage() returns error code 11; ..." from the rows of PRAGMA quick_check(8); empty
    // when the file is intact.
    static QString quickCheck(const QSqlDatabase &db);
};

} // namespace Sitrep::Core
