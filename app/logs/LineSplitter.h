#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <cstring>

namespace Sitrep::Logs {

// Cuts a byte stream into lines. Lines may straddle reads; a last line without a newline is
// delivered by finish(); a line longer than maxLineBytes keeps its head and reports how many
// bytes were dropped, so a 1 MB line (or a binary blob without newlines) costs bounded memory.
class LineSplitter final
{
public:
    static constexpr qsizetype kDefaultMaxLineBytes = 1024 * 1024;

    explicit LineSplitter(qsizetype maxLineBytes = kDefaultMaxLineBytes)
        : m_max(maxLineBytes)
    {}

    // onLine(QByteArrayView line, qsizetype droppedBytes): line has no '\n' and no trailing '\r'.
    // The view is valid only during the call.
    template<typename F> void feed(QByteArrayView data, F &&onLine)
    {
        const char *p = data.data();
        const char *end = p + data.size();
        while (p < end) {
            const char *nl = static_cast<const char *>(std::memchr(p, '\n', size_t(end - p)));
            if (!nl) {
                append(p, end - p);
                return;
            }
            if (m_partial.isEmpty() && m_dropped == 0) {
                // Fast path: the whole line is inside this read, no copy.
                qsizetype len = nl - p;
                if (len > m_max) {
                    emitLine(QByteArrayView(p, m_max), len - m_max, onLine);
                } else {
                    emitLine(QByteArrayView(p, len), 0, onLine);
                }
            } else {
                append(p, nl - p);
                emitLine(QByteArrayView(m_partial), m_dropped, onLine);
                m_partial.clear();
                m_dropped = 0;
            }
            p = nl + 1;
        }
    }

    // End of stream: delivers a last line that had no newline.
    template<typename F> void finish(F &&onLine)
    {
        if (!m_partial.isEmpty() || m_dropped > 0)
            emitLine(QByteArrayView(m_partial), m_dropped, onLine);
        reset();
    }

    void reset()
    {
        m_partial.clear();
        m_dropped = 0;
    }
    qsizetype pendingBytes() const { return m_partial.size(); }
    qsizetype maxLineBytes() const { return m_max; }

private:
    void append(const char *p, qsizetype n)
    {
        const qsizetype room = m_max - m_partial.size();
        if (n <= room) {
            m_partial.append(p, n);
        } else {
            if (room > 0)
                m_partial.append(p, room);
            m_dropped += n - qMax<qsizetype>(room, 0);
        }
    }

    template<typename F> static void emitLine(QByteArrayView line, qsizetype dropped, F &onLine)
    {
        if (dropped == 0 && !line.isEmpty() && line.back() == '\r')
            line.chop(1);
        onLine(line, dropped);
    }

    QByteArray m_partial;
    qsizetype m_dropped = 0;
    qsizetype m_max;
};

} // namespace Sitrep::Logs
