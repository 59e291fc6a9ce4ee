#pragma once

#include "logs/LogBuffer.h"
#include "logs/LogMerger.h"
#include "logs/LogStream.h"
#include "logs/LogTarget.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QThread>
#include <QUrl>

#include <vector>

class QNetworkAccessManager;

namespace Sitrep::Logs {

// The live logs of a set of containers: one LogStream per target, merged into timestamp order
// into a bounded LogBuffer. The streams (network, line splitting, timestamp and severity parsing)
// run on the session's own worker thread with its own QNetworkAccessManager; batches of parsed
// lines come back to this object's thread, where the merger, the buffer and the model live.
// The caller watches pods and keeps the targets current (setTargets, containerRestarted); this
// module knows nothing of the Kubernetes client beyond a base URL and a request factory.
class LogSession final : public QObject
{
    Q_OBJECT
public:
    explicit LogSession(QObject *parent = nullptr);
    ~LogSession() override;

    // Where and how to connect. The factory runs on this object's thread (it may use the Kubernetes
    // client directly); the worker thread asks for each request and waits without blocking.
    void setConnection(const QUrl &apiBase, RequestFactory factory);
    // The same for the targets of one cluster (LogTarget::cluster), when the incident watches several.
    void setConnection(const QString &cluster, const QUrl &apiBase, RequestFactory factory);
    // The cluster left the incident: its targets must be gone already (setTargets).
    void removeConnection(const QString &cluster) { m_clusters.remove(cluster); }
    // How many clusters have a connection of their own: with more than one, lines say whose pod they are.
    int clusterCount() const { return int(m_clusters.size()); }
    QUrl apiBase() const { return m_apiBase; }

    // Applies to streams started from now on; restartStreams() re-opens the current ones with them.
    void setOptions(const StreamOptions &options) { m_options = options; }
    const StreamOptions &options() const { return m_options; }
    void restartStreams();
    // Retry delays of new streams (tests shorten them).
    void setRetryBaseMs(int ms) { m_retryBaseMs = ms; }

    // The containers to stream. New ones start, missing ones stop with a notice line; asking again
    // for a target whose stream has failed tries it again.
    void setTargets(const QList<LogTarget> &targets);
    QList<LogTarget> targets() const;
    // The pod watch saw a container's restart count grow.
    void containerRestarted(const LogTarget &target);
    // The pod watch saw a container start running or become ready: its stream, if it failed or waits
    // for a retry (a slow image pull, long init containers), looks now.
    void containerStarted(const LogTarget &target);
    void stopAll();

    // The id lines of this container carry (created on first use; ids are never reused).
    quint16 registerSource(const LogTarget &target) { return sourceFor(target); }
    // Feeds lines that did not come from a LogStream (tests, benchmarks, imported files).
    void push(quint16 source, std::vector<LogLine> &&lines) { m_merger.push(source, std::move(lines)); }
    void push(quint16 source, LogBatchPtr lines) { m_merger.push(source, std::move(lines)); }

    // Every source ever streamed, by the id stored with its lines.
    const LogTarget &source(quint16 id) const { return m_sources.at(id); }
    int sourceCount() const { return int(m_sources.size()); }
    // The last state each current stream reported (mirrored on this thread).
    LogStream::State streamState(const LogTarget &target) const;
    QHash<QString, LogStream::State> streamStates() const;
    QString streamError(const LogTarget &target) const { return m_errors.value(target.key()); }

    LogBuffer &buffer() { return m_buffer; }
    const LogBuffer &buffer() const { return m_buffer; }
    LogMerger &merger() { return m_merger; }
    // Shrinking evicts the oldest lines at once (counted as dropped); capacityChanged tells the model.
    void setCapacity(qsizetype lines);
    void clear();
    // Hands every line still in the reorder window to the buffer now.
    void flush() { m_merger.flushAll(); }

    quint64 linesIngested() const { return m_ingested; }
    // Lines lost to ring eviction (the pane's dropped counter).
    quint64 droppedLines() const { return m_buffer.evicted(); }
    // Resumes, over every stream of this session, after which lines seen before were no longer
    // served (each also left a marker line): the pane's "gap on reconnect" counter.
    quint64 gapsDetected() const { return m_gaps; }

signals:
    // Lines [firstSeq, endSeq) were appended to the buffer (once per merge batch).
    void linesAppended(quint64 firstSeq, quint64 endSeq);
    void cleared();
    void sourcesChanged();
    void streamStateChanged(quint16 source, Sitrep::Logs::LogStream::State state);
    void streamErrorOccurred(quint16 source, const QString &sentence);
    void gapsDetectedChanged(quint64 gaps);
    void capacityChanged(qsizetype lines);

private:
    struct Running
    {
        LogStream *stream = nullptr; // lives on the worker thread: only reached through invokeMethod
        LogTarget target;
        quint16 source = 0;
        LogStream::State state = LogStream::State::Idle;
        int nam = 0; // index in m_nams
    };
    struct Nam
    {
        QNetworkAccessManager *nam = nullptr; // created on, and owned by, the worker thread
        int streams = 0;
    };

    quint16 sourceFor(const LogTarget &target);
    void startStream(const LogTarget &target);
    void stopStream(const QString &key, bool notice);
    void onMerged(const LogMerger::Merged &lines);
    void notice(quint16 source, const QString &text, quint8 flags);
    // A network manager with room for one more follow stream. Qt (before 6.5) opens at most six
    // HTTP/1.1 connections per host and manager, and a follow stream holds its connection for
    // ever: streams are spread over several managers so that 200 containers all stream at once.
    int workerNam();

    QUrl m_apiBase;
    RequestFactory m_factory;
    QHash<QString, QPair<QUrl, RequestFactory>> m_clusters; // by cluster name
    StreamOptions m_options;
    int m_retryBaseMs = 250;
    QThread m_thread;
    std::vector<Nam> m_nams;
    QObject *m_workerContext = nullptr; // lives on the worker thread: target of calls back into it
    QHash<QString, Running> m_streams;  // by target key
    QHash<QString, QString> m_errors;
    std::vector<LogTarget> m_sources;
    QHash<QString, quint16> m_sourceIds;
    LogMerger m_merger;
    LogBuffer m_buffer;
    quint64 m_ingested = 0;
    quint64 m_gaps = 0;
};

} // namespace Sitrep::Logs
