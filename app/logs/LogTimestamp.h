#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <optional>

namespace Sitrep::Logs {

// RFC 3339 timestamps with up to nanosecond fractions, as the kubelet prefixes log lines with
// (timestamps=true), parsed by hand because this runs once per line at a million lines a second.
class LogTimestamp final
{
public:
    // Parses "2026-11-23T07:00:00.123456789Z" (or a +hh:mm offset) at the start of text into UTC
    // nanoseconds since the epoch; *consumed gets the length of the timestamp.
    static std::optional<qint64> parse(QByteArrayView text, qsizetype *consumed = nullptr);
    // A line from a timestamps=true stream: timestamp, one space, the text. Lines without a valid
    // prefix return nullopt and leave the line alone.
    static std::optional<qint64> splitPrefix(QByteArrayView line, QByteArrayView *rest);
    // "2026-11-23T07:00:00.123456789Z", what sinceTime= and the journal get.
    static QByteArray format(qint64 ns);
    // "07:00:00.123" (or with date), for the pane.
    static QString display(qint64 ns, bool withDate, bool utc = true);
    static qint64 fromMs(qint64 ms) { return ms * 1000000; }
    static qint64 toMs(qint64 ns) { return ns >= 0 ? ns / 1000000 : -((-ns + 999999) / 1000000); }
};

} // namespace Sitrep::Logs
