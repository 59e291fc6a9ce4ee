#include "logs/LogMerger.h"

#include <QDateTime>

#include <limits>
#include <queue>

namespace Sitrep::Logs {

LogMerger::LogMerger(QObject *parent)
    : QObject(parent)
{
    m_timer.setInterval(50);
    connect(&m_timer, &QTimer::timeout, this, &LogMerger::onTimer);
}

LogMerger::Source &LogMerger::source(quint16 id)
{
    if (id >= m_sources.size())
        m_sources.resize(size_t(id) + 1);
    return m_sources[id];
}

void LogMerger::setSourceLive(quint16 id, bool live)
{
    source(id).live = live;
}

void LogMerger::push(quint16 id, LogBatchPtr batch)
{
    if (!batch || batch->empty())
        return;
    Source &s = source(id);
    for (const LogBatch::Ref &r : batch->lines)
        s.lastTs = qMax(s.lastTs, r.tsNs);
    s.seen = true;
    m_pending += qsizetype(batch->size());
    s.queue.push_back(Pending{std::move(batch), 0, QDateTime::currentMSecsSinceEpoch()});
    if (!m_timer.isActive())
        m_timer.start();
}

void LogMerger::push(quint16 id, std::vector<LogLine> &&lines)
{
    auto b = std::make_shared<LogBatch>();
    for (const LogLine &l : lines)
        b->add(l);
    push(id, std::move(b));
}

void LogMerger::drain(qint64 nowMs, bool all, const Output &fn)
{
    if (m_pending == 0)
        return;
    // The newest time before which no live source can still deliver a line.
    qint64 watermark = std::numeric_limits<qint64>::max();
    for (const Source &s : m_sources) {
        if (s.live)
            watermark = qMin(watermark, s.seen ? s.lastTs : std::numeric_limits<qint64>::min());
    }
    const qint64 cutoff = nowMs - m_windowMs;

    Merged out;
    out.reserve(size_t(m_pending));
    std::vector<LogBatchPtr> done; // released batches live until fn() has run
    using Head = std::pair<qint64, quint16>;
    std::priority_queue<Head, std::vector<Head>, std::greater<Head>> heap;
    for (size_t i = 0; i < m_sources.size(); ++i) {
        const auto &q = m_sources[i].queue;
        if (!q.empty())
            heap.emplace(q.front().batch->lines[q.front().next].tsNs, quint16(i));
    }
    while (!heap.empty()) {
        const auto [ts, id] = heap.top();
        Source &s = m_sources[id];
        Pending &p = s.queue.front();
        if (!all && ts > watermark && p.arrivalMs > cutoff)
            break;
        heap.pop();
        if (ts < m_lastReleasedTs)
            ++m_late;
        else
            m_lastReleasedTs = ts;
        out.emplace_back(p.batch.get(), quint32(p.next));
        if (++p.next == p.batch->size()) {
            done.push_back(std::move(p.batch));
            s.queue.pop_front();
        }
        if (!s.queue.empty())
            heap.emplace(s.queue.front().batch->lines[s.queue.front().next].tsNs, id);
    }
    m_pending -= qsizetype(out.size());
    if (!out.empty() && fn)
        fn(out);
}

std::vector<LogLine> LogMerger::takeReady(qint64 nowMs, bool all)
{
    std::vector<LogLine> lines;
    drain(nowMs, all, [&](const Merged &m) {
        lines.reserve(m.size());
        for (const auto &[b, i] : m)
            lines.push_back(b->line(i));
    });
    return lines;
}

void LogMerger::flushAll()
{
    drain(0, true, m_output);
}

void LogMerger::discard()
{
    for (Source &s : m_sources)
        s.queue.clear();
    m_pending = 0;
}

void LogMerger::onTimer()
{
    drain(QDateTime::currentMSecsSinceEpoch(), false, m_output);
    if (m_pending == 0)
        m_timer.stop();
}

} // namespace Sitrep::Logs
