#pragma once

#include "logs/LogLine.h"

#include <QByteArrayView>
#include <QJsonObject>
#include <QString>

namespace Sitrep::Logs {

// What a line says about itself: severity, JSON structure, ANSI colour codes. detect() is the
// per-line cost at ingest (a single scan, no allocation); the rest runs only for lines on screen.
class LineAnalyzer final
{
public:
    // Severity from a level field (JSON "level"/"severity", logfmt level=), a klog prefix (E1123 ...)
    // or the first level word (ERROR, warn, FATAL, panic, ...Exception). Sets JsonLine/AnsiCodes in *flags.
    static LogLevel detect(QByteArrayView text, quint8 *flags);
    // "error", "E", "warning", "CRITICAL" ... to a level; Unknown when it is no level name.
    static LogLevel levelFromWord(QByteArrayView word);

    // ESC [ ... final-byte sequences (SGR colours, cursor moves) and OSC sequences removed.
    static QByteArray stripAnsi(QByteArrayView text);

    // Text for display: ANSI stripped, invalid UTF-8 replaced (U+FFFD), control characters shown as
    // their Unicode control pictures, cut at maxChars with an ellipsis.
    static QString displayText(QByteArrayView raw, quint8 flags, int maxChars = 4000);

    // A JSON log line: its level, its message and the whole object (for the expanded view).
    struct JsonSummary
    {
        bool ok = false;
        LogLevel level = LogLevel::Unknown;
        QString message;
        QJsonObject object;
    };
    static JsonSummary parseJson(QByteArrayView text);
    // The message column of a JSON line: the message, then the other fields as key=value.
    static QString jsonDisplay(const JsonSummary &s, int maxChars = 4000);
};

} // namespace Sitrep::Logs
