#pragma once

#include "core/IncidentSession.h"
#include "core/Result.h"
#include "logs/LogLine.h"
#include "logs/LogTarget.h"

#include <QJsonObject>
#include <QList>

namespace Sitrep::Logs {

class LogBuffer;
class LogSession;

// Selected log lines as evidence: pinned to the incident timeline (EventKind::LogExcerpt, redacted
// by the journal) or saved to a text file.
class LogExcerpt final
{
public:
    struct Line
    {
        qint64 tsNs = 0;
        LogTarget target;
        LogLevel level = LogLevel::Unknown;
        QString text; // decoded, ANSI stripped
    };

    // The lines with these sequence numbers (those still in the buffer), in buffer order.
    static QList<Line> collect(const LogSession &session, const QList<quint64> &seqs);
    // "2026-11-23T07:00:00.123456789Z demo/api-1/app ERROR text"
    static QString formatLine(const Line &line);

    static QString summary(const QList<Line> &lines);
    // {lines: [...], pods: [...], containers: [...], count, firstTs, lastTs}
    static QJsonObject payload(const QList<Line> &lines);

    // Records the excerpt in the incident; the journal redacts summary and payload.
    static Core::Result<Core::TimelineEvent> pin(Core::IncidentSession &session, const QList<Line> &lines,
                                                 bool pinned = true);
    // Writes one formatted line per line (UTF-8). Secrets are scrubbed here too: files travel.
    static Core::Result<void> save(const QString &path, const QList<Line> &lines);
};

} // namespace Sitrep::Logs
