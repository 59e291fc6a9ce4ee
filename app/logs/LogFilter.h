#pragma once

#include "logs/LogBuffer.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QRegularExpression>
#include <QSet>
#include <QString>

namespace Sitrep::Logs {

// What the user asked to see: text or regex (case toggle, include or exclude), a minimum level
// and the pods switched off. Used both for the filter (hides) and for search (highlights).
struct FilterSpec
{
    QString text;
    bool regex = false;
    bool caseSensitive = false;
    bool exclude = false;                  // hide the lines that match instead
    LogLevel minLevel = LogLevel::Unknown; // Unknown = every line
    QSet<quint16> hiddenSources;

    bool operator==(const FilterSpec &o) const
    {
        return text == o.text && regex == o.regex && caseSensitive == o.caseSensitive &&
               exclude == o.exclude && minLevel == o.minLevel && hiddenSources == o.hiddenSources;
    }
};

// A compiled FilterSpec. Plain text is matched on the raw UTF-8 bytes (no decoding per line);
// only regexes and non-ASCII case-insensitive text decode the line.
class LogFilter final
{
public:
    LogFilter() = default;
    explicit LogFilter(const FilterSpec &spec);

    const FilterSpec &spec() const { return m_spec; }
    bool isValid() const { return m_error.isEmpty(); }
    QString errorString() const { return m_error; }
    // True when every line passes (no work to do).
    bool passesAll() const { return m_passAll; }
    bool hasText() const { return !m_spec.text.isEmpty(); }

    // Whether the line is shown. Markers (dividers, errors) pass text and level filters.
    bool accepts(const LogBuffer &buffer, quint64 seq) const;
    // Whether the text matches (ignores exclude, level and pods): what search highlights.
    bool textMatches(QByteArrayView raw, quint8 flags) const;
    // Where the text matches inside a displayed (decoded) line, as (start, length) pairs in order,
    // at most `max` of them: what the pane marks inside the line. Empty matches are skipped.
    QList<QPair<int, int>> matchRanges(const QString &text, int max = 64) const;

private:
    FilterSpec m_spec;
    QString m_error;
    bool m_passAll = true;
    enum class Mode { None, BytesExact, BytesAsciiFold, Decoded, Regex } m_mode = Mode::None;
    QByteArray m_needle;
    QRegularExpression m_re;
};

} // namespace Sitrep::Logs
