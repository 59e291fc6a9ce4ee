#pragma once

#include "logs/LineSplitter.h"
#include "logs/LogLine.h"
#include "logs/LogTarget.h"

#include <QElapsedTimer>
#include <QHash>
#include <QNetworkRequest>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QUrl>

#include <functional>
#include <optional>
#include <vector>

class QNetworkAccessManager;
class QNetworkReply;

namespace Sitrep::Logs {

// What to ask the server for (kubectl logs flags).
struct StreamOptions
{
    bool follow = true;
    bool previous = false;              // the crashed instance instead of the running one
    std::optional<int> tailLines;       // --tail
    std::optional<qint64> sinceSeconds; // --since
    std::optional<qint64> sinceTimeNs;  // --since-time
    qsizetype maxLineBytes = LineSplitter::kDefaultMaxLineBytes;
};

// Builds the authenticated request for a URL (bearer token, client certificate, CA): made by the
// composition root from the Kubernetes client's connection, so this module needs no kube code.
using RequestFactory = std::function<QNetworkRequest(const QUrl &)>;
// Builds the request asynchronously and calls done (on the stream's thread) with it: how a
// stream on a worker thread gets its request from a factory that must run on the GUI thread.
using RequestProvider =
    std::function<void(const QUrl &url, std::function<void(const QNetworkRequest &)> done)>;
// Receives each read's lines, in stream order, tagged with the stream's source id.
using LineSink = std::function<void(quint16 source, LogBatchPtr lines)>;

// One container's log: a GET .../pods/P/log?follow=true&timestamps=true stream cut into lines,
// resumed after drops from the last timestamp without duplicates, and re-opened with the previous
// instance's tail and a divider when the caller reports a restart.
class LogStream final : public QObject
{
    Q_OBJECT
public:
    enum class State { Idle, Connecting, Streaming, Waiting, Ended, Failed, Stopped };
    Q_ENUM(State)

    LogStream(QNetworkAccessManager *nam, QUrl apiBase, RequestFactory factory, LogTarget target,
              quint16 source, StreamOptions options, LineSink sink, QObject *parent = nullptr);
    ~LogStream() override;

    const LogTarget &target() const { return m_target; }
    quint16 source() const { return m_source; }
    State state() const { return m_state; }
    QString errorString() const { return m_error; }

    void start();
    void stop();
    // The pod watch saw a restart: look now. A resume that finds a new run reads the rest of the
    // previous one (previous=true), writes a "container restarted" divider and follows the new run.
    void containerRestarted();
    // The pod watch saw a change that can make this stream work (the container is now running or
    // ready), or the caller asked for the target again: a stream that failed (its retries ran out
    // while the container was still pulling its image or running init containers) or that waits for
    // its next retry looks now, with a fresh retry budget. Live and stopped streams are left alone.
    void retryNow();

    // Newest timestamp seen (the resume point), 0 before the first line.
    qint64 lastTimestampNs() const { return m_lastTs; }
    quint64 linesReceived() const { return m_lines; }
    quint64 bytesReceived() const { return m_bytes; }
    quint64 duplicatesDropped() const { return m_duplicates; }
    // Resumes after which lines we had seen were no longer served (a marker line says so).
    quint64 gapsDetected() const { return m_gaps; }
    int reconnects() const { return m_reconnects; }
    // Replaces the factory: requests are then built by the provider (LogSession's worker mode).
    void setRequestProvider(RequestProvider provider) { m_provider = std::move(provider); }
    // Retry delays start here and double up to 5 s (tests shorten it).
    void setRetryBaseMs(int ms) { m_retryBaseMs = ms; }

    // The request URL for these options (also what the tests check).
    static QUrl logUrl(const QUrl &apiBase, const LogTarget &target, const StreamOptions &options,
                       std::optional<qint64> sinceTimeNs);

signals:
    void stateChanged(Sitrep::Logs::LogStream::State state);
    void errorOccurred(const QString &sentence);
    // A resume found lines missing (a marker line says so); total is gapsDetected().
    void gapDetected(quint64 total);

private:
    enum class Phase { Main, PreviousAfterRestart };

    void connectNow();
    void sendRequest(const QUrl &url, QNetworkRequest request);
    void onReadyRead();
    void onFinished();
    void handleBytes(const QByteArray &data);
    void deliver(QByteArrayView line, qsizetype dropped);
    void deliverPendingTail();
    void recoverPrevious();
    void finishRecovery(bool hadPrevious);
    void flushOut();
    void scheduleRetry(const QString &why);
    void setState(State s);
    void fail(const QString &sentence);
    void emitMarker(const QString &text, quint8 extraFlags, qint64 tsNs);
    QString httpErrorSentence(int status, const QByteArray &body) const;
    void rememberForResume(qint64 ts, QByteArrayView text);
    void beginResume();
    void abortReply();

    QNetworkAccessManager *m_nam;
    QUrl m_apiBase;
    RequestFactory m_factory;
    RequestProvider m_provider;
    quint64 m_generation = 0; // requests asked for by an older connectNow() are dropped
    LogTarget m_target;
    quint16 m_source;
    StreamOptions m_options;
    LineSink m_sink;

    QPointer<QNetworkReply> m_reply;
    LineSplitter m_splitter;
    std::shared_ptr<LogBatch> m_out;
    qsizetype m_readSize = 0; // the arena of a batch is sized after its read
    State m_state = State::Idle;
    Phase m_phase = Phase::Main;
    QString m_error;
    QString m_lastFailure; // the sentence of the last fail(), until the stream works again
    QTimer m_retryTimer;
    int m_attempt = 0;
    int m_retryBaseMs = 250;
    bool m_httpError = false;
    int m_httpStatus = 0;
    QByteArray m_errorBody;
    quint64 m_linesThisConnection = 0;
    QElapsedTimer m_connected;
    QByteArray m_pendingTail; // an unterminated last line of a follow stream, held until the resume

    // Resume without duplicates: (timestamp, text hash) of the lines of the newest timestamp's
    // second (the API server rounds sinceTime down to seconds on its way to the kubelet). A flat
    // vector, because this runs for every line; the multiset is built only when resuming. Lines
    // older than m_windowStartNs were all seen (a stream is in time order) and are skipped outright.
    qint64 m_lastTs = 0;
    qint64 m_windowStartNs = 0;
    std::vector<std::pair<qint64, size_t>> m_window;
    QHash<QPair<qint64, size_t>, int> m_skip;
    qint64 m_skipRemaining = 0;
    bool m_resuming = false;
    quint64 m_gaps = 0;
    bool m_newInstance = false; // resuming into a restarted container's log
    bool m_recover = false;     // this connection serves a new run: read the previous one first
    qint64 m_unmatched = 0;     // seen lines the previous run no longer held

    quint64 m_lines = 0;
    quint64 m_bytes = 0;
    quint64 m_duplicates = 0;
    int m_reconnects = 0;
};

} // namespace Sitrep::Logs
