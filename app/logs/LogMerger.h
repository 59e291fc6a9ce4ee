#pragma once

#include "logs/LogLine.h"

#include <QObject>
#include <QTimer>

#include <deque>
#include <functional>
#include <vector>

namespace Sitrep::Logs {

// Merges many streams (each already in time order) into one timestamp-ordered flow. A line is
// released once no live stream can still send an earlier one (every live stream has sent a later
// line) or once it has waited the reorder window; a k-way merge over the per-stream queues keeps
// the cost O(log streams) per line. Lines that arrive later than the window are released at once
// and counted as late. Lines stay in their read's LogBatch until released: nothing is copied here.
class LogMerger final : public QObject
{
    Q_OBJECT
public:
    // Released lines in order, as (batch, index) pairs valid during the call.
    using Merged = std::vector<std::pair<const LogBatch *, quint32>>;
    using Output = std::function<void(const Merged &lines)>;

    explicit LogMerger(QObject *parent = nullptr);

    void setOutput(Output output) { m_output = std::move(output); }
    void setWindowMs(int ms) { m_windowMs = ms; }
    int windowMs() const { return m_windowMs; }
    // How often released lines are handed on (the coalescing period).
    void setFlushIntervalMs(int ms) { m_timer.setInterval(ms); }

    // A live source holds lines of the others back until it has spoken; an ended one does not.
    void setSourceLive(quint16 source, bool live);
    void push(quint16 source, LogBatchPtr batch);
    void push(quint16 source, std::vector<LogLine> &&lines);

    // Releases what is ready at nowMs (everything when all is true) in timestamp order to fn.
    void drain(qint64 nowMs, bool all, const Output &fn);
    // The same, materialised (tests).
    std::vector<LogLine> takeReady(qint64 nowMs, bool all = false);
    // Releases everything pending to the output now.
    void flushAll();
    // Drops everything pending.
    void discard();

    qsizetype pendingLines() const { return m_pending; }
    quint64 lateLines() const { return m_late; }

private:
    struct Pending
    {
        LogBatchPtr batch;
        size_t next = 0;
        qint64 arrivalMs = 0;
    };
    struct Source
    {
        std::deque<Pending> queue;
        qint64 lastTs = 0;
        bool live = false;
        bool seen = false;
    };
    Source &source(quint16 id);
    void onTimer();

    std::vector<Source> m_sources;
    Output m_output;
    QTimer m_timer;
    int m_windowMs = 250;
    qsizetype m_pending = 0;
    qint64 m_lastReleasedTs = 0;
    quint64 m_late = 0;
};

} // namespace Sitrep::Logs
