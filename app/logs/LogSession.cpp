#include "logs/LogSession.h"

#include <QDateTime>
#include <QNetworkAccessManager>
#include <QPointer>

namespace Sitrep::Logs {

LogSession::LogSession(QObject *parent)
    : QObject(parent)
{
    m_merger.setOutput([this](const LogMerger::Merged &lines) { onMerged(lines); });
    m_thread.setObjectName(QStringLiteral("sitrep-logs"));
    m_workerContext = new QObject;
    m_workerContext->moveToThread(&m_thread);
    m_thread.start();
}

LogSession::~LogSession()
{
    // Streams and the network manager die on their own thread, before it stops.
    QList<LogStream *> streams;
    for (const Running &r : std::as_const(m_streams))
        streams.append(r.stream);
    m_streams.clear();
    QList<QNetworkAccessManager *> nams;
    for (const Nam &n : m_nams)
        nams.append(n.nam);
    m_nams.clear();
    // Nothing on the worker thread ever blocks on this thread, so this cannot deadlock.
    QMetaObject::invokeMethod(
        m_workerContext,
        [streams, nams, ctx = m_workerContext] {
            qDeleteAll(streams);
            qDeleteAll(nams);
            delete ctx;
        },
        Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

void LogSession::setConnection(const QUrl &apiBase, RequestFactory factory)
{
    m_apiBase = apiBase;
    m_factory = std::move(factory);
}

void LogSession::setConnection(const QString &cluster, const QUrl &apiBase, RequestFactory factory)
{
    if (cluster.isEmpty())
        return setConnection(apiBase, std::move(factory));
    m_clusters.insert(cluster, qMakePair(apiBase, std::move(factory)));
}

int LogSession::workerNam()
{
    constexpr int kStreamsPerNam = 5;
    for (size_t i = 0; i < m_nams.size(); ++i) {
        if (m_nams[i].streams < kStreamsPerNam)
            return int(i);
    }
    auto *nam = new QNetworkAccessManager;
    nam->moveToThread(&m_thread);
    m_nams.push_back(Nam{nam, 0});
    return int(m_nams.size() - 1);
}

quint16 LogSession::sourceFor(const LogTarget &target)
{
    const auto it = m_sourceIds.constFind(target.key());
    if (it != m_sourceIds.constEnd())
        return it.value();
    const quint16 id = quint16(qMin<size_t>(m_sources.size(), 0xffff));
    if (id == m_sources.size()) {
        m_sources.push_back(target);
        m_sourceIds.insert(target.key(), id);
        emit sourcesChanged();
    }
    return id;
}

void LogSession::startStream(const LogTarget &target)
{
    const quint16 id = sourceFor(target);
    // Batches cross to this thread as queued calls; the shared_ptr carries them without a copy.
    auto sink = [this](quint16 src, LogBatchPtr lines) {
        QMetaObject::invokeMethod(
            this, [this, src, lines = std::move(lines)]() mutable { m_merger.push(src, std::move(lines)); },
            Qt::QueuedConnection);
    };
    const int nam = workerNam();
    ++m_nams[size_t(nam)].streams;
    const auto cluster = m_clusters.constFind(target.cluster);
    const bool own = cluster != m_clusters.constEnd();
    auto *s = new LogStream(m_nams[size_t(nam)].nam, own ? cluster->first : m_apiBase,
                            own ? cluster->second : m_factory, target, id, m_options, sink);
    s->setRetryBaseMs(m_retryBaseMs);
    // The request is built here (the factory may touch the Kubernetes client) and handed back to
    // the worker thread, where the stream is checked to be still alive before it is used.
    s->setRequestProvider([this, guard = QPointer<LogStream>(s), clusterName = target.cluster](
                              const QUrl &url, std::function<void(const QNetworkRequest &)> done) {
        QMetaObject::invokeMethod(
            this,
            [this, url, done = std::move(done), guard, clusterName] {
                const auto c = m_clusters.constFind(clusterName);
                const RequestFactory &factory = c != m_clusters.constEnd() ? c->second : m_factory;
                const QNetworkRequest req = factory ? factory(url) : QNetworkRequest(url);
                QMetaObject::invokeMethod(
                    m_workerContext,
                    [done, req, guard] {
                        if (guard)
                            done(req);
                    },
                    Qt::QueuedConnection);
            },
            Qt::QueuedConnection);
    });
    s->moveToThread(&m_thread);
    const QString key = target.key();
    m_streams.insert(key, Running{s, target, id, LogStream::State::Idle, nam});
    m_errors.remove(key);
    connect(s, &LogStream::stateChanged, this, [this, key, id](LogStream::State st) {
        auto it = m_streams.find(key);
        if (it == m_streams.end() || it->source != id)
            return;
        const LogStream::State before = std::exchange(it->state, st);
        // Only a stream that may still send early lines holds the others back: not one that has
        // ended or failed, nor an ended one that merely looks again for news.
        const bool live = st == LogStream::State::Streaming ||
                          (st == LogStream::State::Connecting && before != LogStream::State::Ended);
        m_merger.setSourceLive(id, live);
        emit streamStateChanged(id, st);
    });
    connect(s, &LogStream::errorOccurred, this, [this, key, id](const QString &sentence) {
        m_errors.insert(key, sentence);
        emit streamErrorOccurred(id, sentence);
    });
    // The stream counts its own gaps on the worker thread; the session keeps the sum on this one.
    connect(s, &LogStream::gapDetected, this, [this] { emit gapsDetectedChanged(++m_gaps); });
    m_merger.setSourceLive(id, true);
    QMetaObject::invokeMethod(s, &LogStream::start, Qt::QueuedConnection);
}

void LogSession::stopStream(const QString &key, bool withNotice)
{
    const auto it = m_streams.find(key);
    if (it == m_streams.end())
        return;
    const Running r = it.value();
    m_streams.erase(it);
    --m_nams[size_t(r.nam)].streams;
    disconnect(r.stream, nullptr, this, nullptr);
    QMetaObject::invokeMethod(
        r.stream,
        [s = r.stream] {
            s->stop();
            s->deleteLater();
        },
        Qt::QueuedConnection);
    m_merger.setSourceLive(r.source, false);
    if (withNotice)
        notice(r.source,
               tr("\u2500\u2500 %1 is no longer streamed (pod deleted or deselected) \u2500\u2500")
                   .arg(r.target.label()),
               MarkerLine);
}

void LogSession::setTargets(const QList<LogTarget> &targets)
{
    QSet<QString> wanted;
    for (const LogTarget &t : targets) {
        wanted.insert(t.key());
        const auto it = m_streams.constFind(t.key());
        if (it == m_streams.constEnd())
            startStream(t);
        else if (it->state == LogStream::State::Failed)
            QMetaObject::invokeMethod(it->stream, &LogStream::retryNow, Qt::QueuedConnection);
    }
    const QStringList keys = m_streams.keys();
    for (const QString &k : keys) {
        if (!wanted.contains(k))
            stopStream(k, true);
    }
}

QList<LogTarget> LogSession::targets() const
{
    QList<LogTarget> out;
    for (const Running &r : m_streams)
        out.append(r.target);
    return out;
}

LogStream::State LogSession::streamState(const LogTarget &target) const
{
    const auto it = m_streams.constFind(target.key());
    return it == m_streams.constEnd() ? LogStream::State::Stopped : it->state;
}

QHash<QString, LogStream::State> LogSession::streamStates() const
{
    QHash<QString, LogStream::State> out;
    for (auto it = m_streams.constBegin(); it != m_streams.constEnd(); ++it)
        out.insert(it.key(), it->state);
    return out;
}

void LogSession::containerRestarted(const LogTarget &target)
{
    const auto it = m_streams.constFind(target.key());
    if (it == m_streams.constEnd()) {
        startStream(target);
        return;
    }
    m_merger.setSourceLive(it->source, true);
    QMetaObject::invokeMethod(it->stream, &LogStream::containerRestarted, Qt::QueuedConnection);
}

void LogSession::containerStarted(const LogTarget &target)
{
    const auto it = m_streams.constFind(target.key());
    if (it == m_streams.constEnd()) {
        startStream(target);
        return;
    }
    QMetaObject::invokeMethod(it->stream, &LogStream::retryNow, Qt::QueuedConnection);
}

void LogSession::setCapacity(qsizetype lines)
{
    if (lines == m_buffer.capacity())
        return;
    m_buffer.setCapacity(lines);
    emit capacityChanged(m_buffer.capacity());
}

void LogSession::restartStreams()
{
    const QList<LogTarget> current = targets();
    stopAll();
    for (const LogTarget &t : current)
        startStream(t);
}

void LogSession::stopAll()
{
    const QStringList keys = m_streams.keys();
    for (const QString &k : keys)
        stopStream(k, false);
}

void LogSession::clear()
{
    m_merger.discard(); // what waits in the reorder window goes too
    m_buffer.clear();
    emit cleared();
}

void LogSession::notice(quint16 source, const QString &text, quint8 flags)
{
    LogLine l;
    l.tsNs = QDateTime::currentMSecsSinceEpoch() * 1000000LL;
    l.source = source;
    l.flags = flags;
    l.text = text.toUtf8();
    std::vector<LogLine> v;
    v.push_back(std::move(l));
    m_merger.push(source, std::move(v));
}

void LogSession::onMerged(const LogMerger::Merged &lines)
{
    const quint64 first = m_buffer.endSeq();
    for (const auto &[batch, i] : lines) {
        const LogBatch::Ref &r = batch->lines[i];
        m_buffer.append(r.tsNs, r.source, r.level, r.flags, batch->text(i));
    }
    m_ingested += lines.size();
    // Eviction may have moved the start past `first` when a batch is larger than the buffer.
    emit linesAppended(qMax(first, m_buffer.firstSeq()), m_buffer.endSeq());
}

} // namespace Sitrep::Logs
