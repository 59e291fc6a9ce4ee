#pragma once

#include "core/Journal.h"
#include "core/Result.h"

#include <QString>

namespace Sitrep::Core {

// `sitrep incident check` and `recover`, and the Recover button: checks an incident file, and copies
// every event that can still be read from a damaged one into a new file, leaving the damaged file as
// it was found. The copy ends with an entry saying what was recovered and what was lost.
class JournalRecovery final
{
public:
    struct Report
    {
        QString source;
        QString output;
        QString damage;    // empty when the source was intact
        qint64 copied = 0; // events written to the new file (the recovery entry not counted)
        qint64 expected = -1;
        QString lost; // "lost: 33-45"
        QString sentence() const;
    };

    // The health of the file at path, checked now (also a big file's check, which otherwise runs
    // in the background).
    static Result<JournalHealth> check(const QString &path);
    // Writes a new incident file at output with every readable event of source, then the recovery
    // entry. output must not exist yet.
    static Result<Report> recover(const QString &source, const QString &output, const QString &author);
};

} // namespace Sitrep::Core
