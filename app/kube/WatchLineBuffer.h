#pragma once

#include <QByteArray>
#include <QList>

namespace Sitrep::Kube {

// Cuts a watch stream into its newline-terminated JSON events: an event may straddle reads and one read
// may hold several. A line longer than the limit is an error (a broken server must not exhaust memory).
class WatchLineBuffer final
{
public:
    explicit WatchLineBuffer(qsizetype maxLineBytes = 64 * 1024 * 1024)
        : m_max(maxLineBytes)
    {}

    // Appends a read; returns the complete lines it finished (without the newline, empty lines skipped).
    QList<QByteArray> append(const QByteArray &data);
    // Bytes of an unfinished event held back.
    qsizetype pending() const { return m_buffer.size(); }
    bool overflowed() const { return m_overflow; }
    void clear()
    {
        m_buffer.clear();
        m_overflow = false;
    }

private:
    QByteArray m_buffer;
    qsizetype m_max;
    bool m_overflow = false;
};

} // namespace Sitrep::Kube
