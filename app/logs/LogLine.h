#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QtGlobal>

#include <memory>
#include <vector>

namespace Sitrep::Logs {

// Severity of a log line, ordered so that a level filter can say "at least".
enum class LogLevel : quint8 { Unknown, Trace, Debug, Info, Warn, Error, Fatal };

QString levelName(LogLevel level); // "ERROR", "" for Unknown

// Facts about a line found while it was ingested (cheap), so display work can be done lazily.
enum LineFlag : quint8 {
    JsonLine = 0x01,    // the text is a JSON object: level/message are extracted on display
    AnsiCodes = 0x02,   // contains ESC sequences to strip on display
    Truncated = 0x04,   // longer than the limit; the tail was dropped and a marker appended
    NoTimestamp = 0x08, // the server sent no parsable timestamp: ts is the arrival time
    MarkerLine = 0x10,  // not from the container: a divider or notice written by Sitrep
    ErrorMarker = 0x20, // a marker that reports an error (403, pod gone ...)
    Previous = 0x40,    // from the previous (crashed) instance of the container
};

// One line on its way from a stream into the buffer.
struct LogLine
{
    qint64 tsNs = 0;    // UTC nanoseconds since the epoch
    QByteArray text;    // raw bytes as received (timestamp prefix removed), may be invalid UTF-8
    quint16 source = 0; // index of the stream's LogTarget in the session
    LogLevel level = LogLevel::Unknown;
    quint8 flags = 0;
};

// The lines of one network read: their text in one shared arena plus fixed-size records, so a
// million lines a second cost no allocation per line on their way to the buffer.
struct LogBatch
{
    struct Ref
    {
        qint64 tsNs = 0;
        quint32 offset = 0;
        quint32 length = 0;
        quint16 source = 0;
        LogLevel level = LogLevel::Unknown;
        quint8 flags = 0;
    };

    QByteArray bytes;
    std::vector<Ref> lines;

    QByteArrayView text(size_t i) const
    {
        return QByteArrayView(bytes.constData() + lines[i].offset, qsizetype(lines[i].length));
    }
    // Appends a line (text then an optional suffix such as a truncation marker).
    void add(qint64 tsNs, quint16 source, LogLevel level, quint8 flags, QByteArrayView text,
             QByteArrayView suffix = {})
    {
        Ref r;
        r.tsNs = tsNs;
        r.offset = quint32(bytes.size());
        r.length = quint32(text.size() + suffix.size());
        r.source = source;
        r.level = level;
        r.flags = flags;
        bytes.append(text.data(), text.size());
        if (!suffix.isEmpty())
            bytes.append(suffix.data(), suffix.size());
        lines.push_back(r);
    }
    void add(const LogLine &l) { add(l.tsNs, l.source, l.level, l.flags, l.text); }
    LogLine line(size_t i) const
    {
        const Ref &r = lines[i];
        return LogLine{r.tsNs, text(i).toByteArray(), r.source, r.level, r.flags};
    }
    bool empty() const { return lines.empty(); }
    size_t size() const { return lines.size(); }
};

using LogBatchPtr = std::shared_ptr<const LogBatch>;

} // namespace Sitrep::Logs
