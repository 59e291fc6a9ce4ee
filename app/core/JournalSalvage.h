#pragma once

#include "core/TimelineEvent.h"

#include <QList>
#include <QString>

namespace Sitrep::Core {

// Every event that can still be read from a damaged incident file, and what could not. First through
// SQL, one id at a time (a damaged leaf page loses only its own rows), then from the raw pages for
// the ids SQL cannot reach (a damaged interior page or schema hides intact leaves). Never writes.
class JournalSalvage final
{
public:
    struct Result
    {
        QList<TimelineEvent> events; // ascending id, pins applied
        qint64 expected = -1;        // the highest id the file handed out (-1: unknown)
        QList<qint64> lostIds;       // ids up to `expected` that no page holds any more
        int fromPages = 0;           // events only the raw page scan could reach
        QString sqlError;            // why SQL could not read everything (empty when it could)

        qint64 readable() const { return events.size(); }
        // "287 of 300 events readable (lost: 33-45)"
        QString sentence() const;
        // "lost: 33-45", empty when nothing is missing
        QString lostText() const;
    };

    static Result read(const QString &path);

    // Runs of ids as ranges, the first eight of them: "33-45, 90".
    static QString describeIds(const QList<qint64> &ids);
};

} // namespace Sitrep::Core
