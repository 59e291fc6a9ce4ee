#include "logs/LogBuffer.h"

#include <cstring>

namespace Sitrep::Logs {

namespace {
constexpr quint32 kBlockBytes = 1024 * 1024;
} // namespace

LogBuffer::LogBuffer(qsizetype capacity)
    : m_capacity(qMax<qsizetype>(1, capacity))
{}

LogBuffer::~LogBuffer() = default;

void LogBuffer::setCapacity(qsizetype capacity)
{
    capacity = qMax<qsizetype>(1, capacity);
    while (m_size > capacity)
        evictOne();
    // Re-pack the ring so that ringIndex() stays valid for the new size.
    std::vector<Entry> ring;
    ring.reserve(size_t(qMin(capacity, qMax<qsizetype>(m_size, 1024))));
    for (quint64 s = m_firstSeq; s < endSeq(); ++s)
        ring.push_back(entry(s));
    m_ring = std::move(ring);
    m_head = 0;
    m_capacity = capacity;
}

LogBuffer::Block &LogBuffer::blockFor(qsizetype bytes)
{
    if (!m_blocks.empty()) {
        Block &b = m_blocks.back();
        if (qsizetype(b.size - b.used) >= bytes)
            return b;
    }
    Block b;
    if (m_spare.data && qsizetype(m_spare.size) >= bytes) {
        b = std::move(m_spare);
        b.used = 0;
        b.live = 0;
    } else {
        b.size = quint32(qMax<qsizetype>(kBlockBytes, bytes));
        b.data.reset(new char[b.size]);
    }
    m_blocks.push_back(std::move(b));
    return m_blocks.back();
}

void LogBuffer::append(qint64 tsNs, quint16 source, LogLevel level, quint8 flags, QByteArrayView text)
{
    if (m_size == m_capacity)
        evictOne();
    const qsizetype len = qMin<qsizetype>(text.size(), 0x7fffffff);
    Block &b = blockFor(len);
    Entry e;
    e.tsNs = tsNs;
    e.block = m_blockBase + quint32(m_blocks.size() - 1);
    e.offset = b.used;
    e.length = quint32(len);
    e.source = source;
    e.level = level;
    e.flags = flags;
    if (len > 0)
        std::memcpy(b.data.get() + b.used, text.data(), size_t(len));
    b.used += quint32(len);
    ++b.live;
    if (qsizetype(m_ring.size()) < m_capacity && m_head == 0 && size_t(m_size) == m_ring.size()) {
        m_ring.push_back(e);
    } else {
        m_ring[(m_head + size_t(m_size)) % m_ring.size()] = e;
    }
    ++m_size;
}

void LogBuffer::evictOne()
{
    if (m_size == 0)
        return;
    const Entry &e = m_ring[m_head];
    Block &b = m_blocks[e.block - m_blockBase];
    --b.live;
    m_head = (m_head + 1) % m_ring.size();
    --m_size;
    ++m_firstSeq;
    ++m_evicted;
    while (m_blocks.size() > 1 && m_blocks.front().live == 0) {
        if (m_blocks.front().size == kBlockBytes)
            m_spare = std::move(m_blocks.front());
        m_blocks.pop_front();
        ++m_blockBase;
    }
}

QByteArrayView LogBuffer::text(quint64 seq) const
{
    const Entry &e = entry(seq);
    const Block &b = m_blocks[e.block - m_blockBase];
    return QByteArrayView(b.data.get() + e.offset, qsizetype(e.length));
}

LogLine LogBuffer::line(quint64 seq) const
{
    const Entry &e = entry(seq);
    LogLine l;
    l.tsNs = e.tsNs;
    l.source = e.source;
    l.level = e.level;
    l.flags = e.flags;
    l.text = text(seq).toByteArray();
    return l;
}

void LogBuffer::clear()
{
    m_firstSeq = endSeq();
    m_size = 0;
    m_head = 0;
    m_ring.clear();
    m_ring.shrink_to_fit();
    m_blockBase += quint32(m_blocks.size());
    m_blocks.clear();
    m_spare = Block();
}

qsizetype LogBuffer::memoryBytes() const
{
    qsizetype bytes = qsizetype(m_ring.capacity() * sizeof(Entry));
    for (const Block &b : m_blocks)
        bytes += b.size;
    return bytes + (m_spare.data ? qsizetype(m_spare.size) : 0);
}

} // namespace Sitrep::Logs
