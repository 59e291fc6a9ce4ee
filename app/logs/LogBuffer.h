#pragma once

#include "logs/LogLine.h"

#include <QByteArrayView>

#include <deque>
#include <memory>
#include <vector>

namespace Sitrep::Logs {

// The bounded store of every line the pane can show: a ring of fixed 24-byte entries (timestamp,
// source, level, flags, where the text lives) over an arena of 1 MB text blocks. Lines are numbered
// by a sequence that never repeats; the oldest lines are evicted (and counted) past the capacity,
// and a text block is freed once none of its lines is left. ~145 MB for 1M lines of 120 bytes.
class LogBuffer final
{
public:
    static constexpr qsizetype kDefaultCapacity = 1000000;

    struct Entry
    {
        qint64 tsNs = 0;
        quint32 block = 0; // global block number
        quint32 offset = 0;
        quint32 length = 0;
        quint16 source = 0;
        LogLevel level = LogLevel::Unknown;
        quint8 flags = 0;
    };

    explicit LogBuffer(qsizetype capacity = kDefaultCapacity);
    ~LogBuffer();

    qsizetype capacity() const { return m_capacity; }
    // Shrinking evicts the oldest lines (counted like any eviction).
    void setCapacity(qsizetype capacity);

    void append(const LogLine &line) { append(line.tsNs, line.source, line.level, line.flags, line.text); }
    void append(qint64 tsNs, quint16 source, LogLevel level, quint8 flags, QByteArrayView text);

    // Lines are numbered [firstSeq, endSeq).
    quint64 firstSeq() const { return m_firstSeq; }
    quint64 endSeq() const { return m_firstSeq + quint64(m_size); }
    qsizetype size() const { return m_size; }
    bool isEmpty() const { return m_size == 0; }
    bool contains(quint64 seq) const { return seq >= m_firstSeq && seq < endSeq(); }

    const Entry &entry(quint64 seq) const { return m_ring[ringIndex(seq)]; }
    QByteArrayView text(quint64 seq) const;
    LogLine line(quint64 seq) const;

    // Lines dropped because the buffer was full (not those removed by clear()).
    quint64 evicted() const { return m_evicted; }
    // Forgets every line; sequence numbers continue.
    void clear();
    // Bytes held by entries and text blocks (what the 1M-line memory target is about).
    qsizetype memoryBytes() const;

private:
    struct Block
    {
        std::unique_ptr<char[]> data;
        quint32 used = 0;
        quint32 size = 0;
        qint64 live = 0;
    };

    size_t ringIndex(quint64 seq) const { return (m_head + size_t(seq - m_firstSeq)) % m_ring.size(); }
    void evictOne();
    Block &blockFor(qsizetype bytes);

    std::vector<Entry> m_ring;
    size_t m_head = 0; // ring index of firstSeq
    qsizetype m_size = 0;
    qsizetype m_capacity;
    quint64 m_firstSeq = 0;
    quint64 m_evicted = 0;
    std::deque<Block> m_blocks;
    Block m_spare;           // the last block freed by eviction, reused so a full ring faults no new pages
    quint32 m_blockBase = 0; // global number of m_blocks.front()
};

} // namespace Sitrep::Logs
