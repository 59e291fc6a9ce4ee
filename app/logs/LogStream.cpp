#include "logs/LogStream.h"

#include "logs/LineAnalyzer.h"
#include "logs/LogTimestamp.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QUrlQuery>

namespace Sitrep::Logs {

namespace {
constexpr int kMaxRetryMs = 5000;
constexpr int kMaxNetworkAttempts = 12;
// Follow streams are quiet for minutes on idle pods; a transfer timeout this long only catches
// dead connections, which are then resumed from the last timestamp.
constexpr int kTransferTimeoutMs = 5 * 60 * 1000;
constexpr size_t kMaxWindow = 20000;
constexpr int kEndedPollMs = 2000;

qint64 nowNs()
{
    return QDateTime::currentMSecsSinceEpoch() * 1000000LL;
}

size_t hashText(QByteArrayView text)
{
    return qHash(text);
}
} // namespace

LogStream::LogStream(QNetworkAccessManager *nam, QUrl apiBase, RequestFactory factory, LogTarget target,
                     quint16 source, StreamOptions options, LineSink sink, QObject *parent)
    : QObject(parent)
    , m_nam(nam)
    , m_apiBase(std::move(apiBase))
    , m_factory(std::move(factory))
    , m_target(std::move(target))
    , m_source(source)
    , m_options(options)
    , m_sink(std::move(sink))
    , m_splitter(options.maxLineBytes)
{
    // A child, so that it follows the stream to the session's worker thread.
    m_retryTimer.setParent(this);
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, &LogStream::connectNow);
}

LogStream::~LogStream()
{
    abortReply();
}

QUrl LogStream::logUrl(const QUrl &apiBase, const LogTarget &t, const StreamOptions &o,
                       std::optional<qint64> sinceTimeNs)
{
    QUrl url = apiBase;
    QString path = apiBase.path();
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    path += QStringLiteral("/api/v1/namespaces/") + t.ns + QStringLiteral("/pods/") + t.pod +
            QStringLiteral("/log");
    url.setPath(path);
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("container"), t.container);
    if (o.follow && !o.previous)
        q.addQueryItem(QStringLiteral("follow"), QStringLiteral("true"));
    if (o.previous)
        q.addQueryItem(QStringLiteral("previous"), QStringLiteral("true"));
    q.addQueryItem(QStringLiteral("timestamps"), QStringLiteral("true"));
    if (sinceTimeNs) {
        q.addQueryItem(QStringLiteral("sinceTime"), QString::fromLatin1(LogTimestamp::format(*sinceTimeNs)));
    } else {
        if (o.tailLines && *o.tailLines >= 0)
            q.addQueryItem(QStringLiteral("tailLines"), QString::number(*o.tailLines));
        if (o.sinceTimeNs)
            q.addQueryItem(QStringLiteral("sinceTime"),
                           QString::fromLatin1(LogTimestamp::format(*o.sinceTimeNs)));
        else if (o.sinceSeconds && *o.sinceSeconds > 0)
            q.addQueryItem(QStringLiteral("sinceSeconds"), QString::number(*o.sinceSeconds));
    }
    url.setQuery(q);
    return url;
}

void LogStream::start()
{
    if (m_state == State::Connecting || m_state == State::Streaming)
        return;
    m_attempt = 0;
    connectNow();
}

void LogStream::stop()
{
    ++m_generation;
    m_recover = false;
    m_retryTimer.stop();
    abortReply();
    m_splitter.reset();
    setState(State::Stopped);
}

void LogStream::abortReply()
{
    if (m_reply) {
        QNetworkReply *r = m_reply;
        m_reply = nullptr;
        r->disconnect(this);
        r->abort();
        r->deleteLater();
    }
}

void LogStream::containerRestarted()
{
    // The pod watch saw a restart. A stream that is still reading will see the old run end and
    // resume; one that has already ended looks now instead of at its next poll. Either way the
    // resume finds a log without our last lines, recovers them from the previous run and draws
    // the divider (see deliver()), so the order of "restart reported" and "run rotated" is moot.
    // A failed stream comes back too: a restart is exactly what a container that could not start needed.
    retryNow();
}

void LogStream::retryNow()
{
    if (m_state == State::Streaming || m_state == State::Connecting || m_state == State::Stopped ||
        m_state == State::Idle)
        return;
    m_retryTimer.stop();
    m_attempt = 0;
    connectNow();
}

void LogStream::connectNow()
{
    abortReply();
    m_splitter.reset();
    m_httpError = false;
    m_httpStatus = 0;
    m_errorBody.clear();
    m_linesThisConnection = 0;

    StreamOptions o = m_options;
    std::optional<qint64> since;
    if (m_phase == Phase::PreviousAfterRestart) {
        o.previous = true;
        o.follow = false;
        if (m_lastTs > 0)
            since = m_windowStartNs;
    } else if (m_lastTs > 0) {
        since = m_windowStartNs; // resume: the server sends the newest second again, duplicates are skipped
    }
    if (since)
        beginResume();
    else
        m_resuming = false;

    const QUrl url = logUrl(m_apiBase, m_target, o, since);
    const quint64 generation = ++m_generation;
    setState(State::Connecting);
    if (m_provider) {
        m_provider(url, [this, generation, url](const QNetworkRequest &req) {
            if (generation == m_generation && m_state == State::Connecting)
                sendRequest(url, req);
        });
        return;
    }
    sendRequest(url, m_factory ? m_factory(url) : QNetworkRequest(url));
}

void LogStream::sendRequest(const QUrl &url, QNetworkRequest req)
{
    req.setUrl(url);
    req.setTransferTimeout(kTransferTimeoutMs);
    req.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    if (!req.hasRawHeader("Accept"))
        req.setRawHeader("Accept", "*/*");
    m_reply = m_nam->get(req);
    m_connected.start();
    if (m_attempt > 0 || m_lines > 0)
        ++m_reconnects;
    connect(m_reply, &QNetworkReply::readyRead, this, &LogStream::onReadyRead);
    connect(m_reply, &QNetworkReply::finished, this, &LogStream::onFinished);
}

void LogStream::onReadyRead()
{
    if (!m_reply)
        return;
    if (m_httpStatus == 0) {
        m_httpStatus = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        m_httpError = m_httpStatus >= 300;
        if (!m_httpError) {
            m_lastFailure.clear();
            setState(State::Streaming);
        }
    }
    const QByteArray data = m_reply->readAll();
    if (m_httpError) {
        if (m_errorBody.size() < 64 * 1024)
            m_errorBody += data;
        return;
    }
    handleBytes(data);
}

void LogStream::handleBytes(const QByteArray &data)
{
    m_bytes += quint64(data.size());
    m_readSize = data.size();
    m_splitter.feed(data, [this](QByteArrayView line, qsizetype dropped) { deliver(line, dropped); });
    flushOut();
    if (m_recover)
        QMetaObject::invokeMethod(this, &LogStream::recoverPrevious, Qt::QueuedConnection);
}

void LogStream::recoverPrevious()
{
    if (!m_recover)
        return;
    m_recover = false;
    m_retryTimer.stop();
    abortReply();
    m_splitter.reset();
    m_attempt = 0;
    m_phase = Phase::PreviousAfterRestart;
    connectNow();
}

void LogStream::finishRecovery(bool hadPrevious)
{
    // What the previous run still held is in; whatever we had seen but it no longer held is lost.
    const qint64 missing = m_resuming ? m_skipRemaining : m_unmatched;
    m_resuming = false;
    m_unmatched = 0;
    if (missing > 0) {
        ++m_gaps;
        emit gapDetected(m_gaps);
        emitMarker(
            tr("\u26a0 Lines of %1 may be missing here: after the stream reconnected, neither the current "
               "nor the previous log held the lines last seen at %2.")
                .arg(m_target.label(), LogTimestamp::display(m_lastTs, true)),
            ErrorMarker, m_lastTs + 1);
    }
    if (hadPrevious)
        emitMarker(QStringLiteral("\u2500\u2500 container restarted \u2500\u2500"), 0, m_lastTs + 1);
    m_phase = Phase::Main;
    m_newInstance = true; // the new run's log does not hold the old lines: that is no gap
    connectNow();
}

void LogStream::deliverPendingTail()
{
    if (m_pendingTail.isEmpty())
        return;
    const QByteArray tail = std::exchange(m_pendingTail, {});
    const bool resuming = std::exchange(m_resuming, false);
    deliver(tail, 0);
    m_resuming = resuming;
    flushOut();
}

void LogStream::deliver(QByteArrayView line, qsizetype dropped)
{
    if (m_recover)
        return; // this connection is being dropped for the previous run's log
    if (!m_pendingTail.isEmpty()) {
        // The line the last connection ended inside: it comes again, whole.
        if (line.startsWith(m_pendingTail))
            m_pendingTail.clear();
    }
    qint64 ts;
    quint8 flags = 0;
    QByteArrayView text = line;
    if (const auto parsed = LogTimestamp::splitPrefix(line, &text)) {
        ts = *parsed;
    } else {
        ts = m_lastTs > 0 ? m_lastTs : nowNs();
        flags |= NoTimestamp;
    }
    if (m_resuming) {
        if (ts < m_windowStartNs) {
            ++m_duplicates; // before the resume point: seen for sure
            return;
        }
        const auto it = m_skip.find(qMakePair(ts, hashText(text)));
        if (it != m_skip.end() && it.value() > 0) {
            --it.value();
            ++m_duplicates;
            if (--m_skipRemaining == 0) {
                m_resuming = false;
                m_newInstance = false;
                m_skip.clear();
            }
            return;
        }
        if (ts > m_lastTs && !m_pendingTail.isEmpty()) {
            const QByteArray tail = std::exchange(m_pendingTail, {});
            const bool resuming = std::exchange(m_resuming, false);
            deliver(tail, 0);
            m_resuming = resuming;
        }
        if (ts > m_lastTs) {
            // Past the resume point while lines we had are still owed: this log is not the one we
            // were reading. The container restarted (or its log rotated): read the rest of the
            // previous run first, then come back for this one.
            if (m_skipRemaining > 0 && !m_newInstance && m_phase == Phase::Main && m_options.follow &&
                !m_options.previous) {
                m_recover = true;
                return;
            }
            m_unmatched = m_phase == Phase::PreviousAfterRestart ? m_skipRemaining : 0;
            m_resuming = false;
            m_newInstance = false;
            m_skip.clear();
        }
    }
    if (m_phase == Phase::PreviousAfterRestart)
        flags |= Previous;
    rememberForResume(ts, text);
    const LogLevel level = LineAnalyzer::detect(text, &flags);
    if (!m_out) {
        m_out = std::make_shared<LogBatch>();
        m_out->bytes.reserve(m_readSize);
    }
    if (dropped > 0) {
        const QByteArray marker =
            " \xe2\x80\xa6 [line truncated, " + QByteArray::number(dropped) + " bytes dropped]";
        m_out->add(ts, m_source, level, flags | Truncated, text, marker);
    } else {
        m_out->add(ts, m_source, level, flags, text);
    }
    ++m_lines;
    ++m_linesThisConnection;
}

void LogStream::rememberForResume(qint64 ts, QByteArrayView text)
{
    if (ts > m_lastTs) {
        m_lastTs = ts;
        const qint64 second = ts - ts % 1000000000LL;
        if (second > m_windowStartNs) {
            m_windowStartNs = second;
            m_window.clear();
        }
    }
    if (ts < m_windowStartNs)
        return;
    m_window.emplace_back(ts, hashText(text));
    // A flood can put a million lines in one second: keep the newest ones, and move the window
    // start to a timestamp boundary so that everything before it is known to be seen.
    if (m_window.size() > kMaxWindow) {
        const qint64 cut = m_window[m_window.size() / 2].first;
        const auto keep = std::lower_bound(m_window.begin(), m_window.end(), cut,
                                           [](const auto &e, qint64 t) { return e.first < t; });
        if (keep != m_window.begin()) {
            m_window.erase(m_window.begin(), keep);
            m_windowStartNs = cut;
        }
    }
}

void LogStream::beginResume()
{
    m_skip.clear();
    for (const auto &e : m_window)
        ++m_skip[qMakePair(e.first, e.second)];
    m_skipRemaining = qint64(m_window.size());
    m_resuming = true;
}

void LogStream::flushOut()
{
    if (!m_out || m_out->empty())
        return;
    LogBatchPtr batch = std::move(m_out);
    m_out.reset();
    m_attempt = 0;
    if (m_sink)
        m_sink(m_source, std::move(batch));
}

void LogStream::onFinished()
{
    QNetworkReply *reply = m_reply;
    if (!reply || sender() != reply)
        return;
    m_reply = nullptr;
    reply->deleteLater();
    if (m_httpStatus == 0)
        m_httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray rest = reply->readAll();
    const QNetworkReply::NetworkError err = reply->error();

    if (m_httpStatus >= 300) {
        m_errorBody += rest;
        const QString sentence = httpErrorSentence(m_httpStatus, m_errorBody);
        const bool waiting = m_errorBody.contains("waiting to start") ||
                             m_errorBody.contains("ContainerCreating") ||
                             m_errorBody.contains("PodInitializing");
        if (m_httpStatus >= 500 || m_httpStatus == 429 || waiting) {
            setState(State::Waiting);
            scheduleRetry(sentence);
        } else if (m_phase == Phase::PreviousAfterRestart) {
            finishRecovery(false); // no previous run (a rotated log): what it held is reported missing
        } else {
            fail(sentence);
        }
        return;
    }

    // Our own aborts are disconnected first, so a cancel here is the transfer timeout: resume too.
    if (err != QNetworkReply::NoError) {
        // The partial line is sent again after the resume, so it is not delivered now.
        if (!rest.isEmpty()) {
            m_bytes += quint64(rest.size());
            m_splitter.feed(rest, [this](QByteArrayView line, qsizetype dropped) { deliver(line, dropped); });
            flushOut();
        }
        m_splitter.reset();
        scheduleRetry(tr("The log stream of %1 broke (%2); resuming from the last line.")
                          .arg(m_target.label(), reply->errorString()));
        return;
    }
    // A clean end: the last line may lack its newline. A follow stream that ends inside a line may
    // also have been cut (Qt does not always tell a cut chunked body from a finished one): that
    // tail is held until the resume shows whether the line goes on (then the full line wins) or
    // the container has ended (then the tail was its real last line).
    if (!rest.isEmpty())
        handleBytes(rest);
    const bool following = m_options.follow && !m_options.previous && m_phase == Phase::Main;
    m_splitter.finish([this, following](QByteArrayView line, qsizetype dropped) {
        if (following && dropped == 0)
            m_pendingTail = line.toByteArray();
        else
            deliver(line, dropped);
    });
    flushOut();

    if (m_phase == Phase::PreviousAfterRestart) {
        finishRecovery(true);
        return;
    }
    if (!m_options.follow || m_options.previous) {
        setState(State::Ended);
        return;
    }
    // A follow stream ends when the container stops, or when a proxy cuts it. Resume once; a
    // resume that brings nothing new means the container has really ended.
    if (m_linesThisConnection == 0 && m_attempt > 0 && m_connected.elapsed() < 2000) {
        deliverPendingTail();
        setState(State::Ended);
        // Look again now and then: a restarted container has new lines, and the resume makes a
        // look that finds nothing new cost nothing but a request.
        m_retryTimer.start(kEndedPollMs);
        return;
    }
    ++m_attempt;
    setState(State::Waiting);
    m_retryTimer.start(m_retryBaseMs);
}

void LogStream::scheduleRetry(const QString &why)
{
    ++m_attempt;
    if (m_attempt > kMaxNetworkAttempts) {
        fail(why);
        return;
    }
    m_error = why;
    emit errorOccurred(why);
    const int delay = qMin(kMaxRetryMs, m_retryBaseMs << qMin(m_attempt - 1, 10));
    m_retryTimer.start(delay);
    if (m_state != State::Waiting)
        setState(State::Waiting);
}

void LogStream::fail(const QString &sentence)
{
    m_error = sentence;
    // A failed stream is tried again when its pod changes or it is asked for again: failing the same
    // way once more is said in the banner, not in one more line of the log.
    if (sentence != m_lastFailure)
        emitMarker(sentence, ErrorMarker, nowNs());
    m_lastFailure = sentence;
    setState(State::Failed);
    emit errorOccurred(sentence);
}

void LogStream::emitMarker(const QString &text, quint8 extraFlags, qint64 tsNs)
{
    if (!m_out)
        m_out = std::make_shared<LogBatch>();
    m_out->add(tsNs, m_source, (extraFlags & ErrorMarker) ? LogLevel::Error : LogLevel::Unknown,
               quint8(MarkerLine | extraFlags), text.toUtf8());
    flushOut();
}

void LogStream::setState(State s)
{
    if (m_state == s)
        return;
    m_state = s;
    emit stateChanged(s);
}

QString LogStream::httpErrorSentence(int status, const QByteArray &body) const
{
    QString message;
    const QJsonDocument doc = QJsonDocument::fromJson(body);
    if (doc.isObject())
        message = doc.object().value(QStringLiteral("message")).toString();
    if (message.isEmpty())
        message = QString::fromUtf8(body.left(300)).trimmed();
    const QString who = m_target.ns + QLatin1Char('/') + m_target.label();
    QString s;
    switch (status) {
    case 401:
        s = tr("Cannot read the logs of %1: the cluster rejected the credentials (401). Log in again or "
               "refresh the kubeconfig.")
                .arg(who);
        break;
    case 403:
        s = tr("Cannot read the logs of %1: access denied (403). Your account needs the \"get pods/log\" "
               "permission in namespace %2.")
                .arg(who, m_target.ns);
        break;
    case 404:
        s = tr("The pod %1/%2 is gone (404); its log stream has stopped.").arg(m_target.ns, m_target.pod);
        break;
    case 400:
        if (message.contains(QLatin1String("previous terminated container")))
            s = tr("%1 has no previous (crashed) instance to show.").arg(who);
        else if (message.contains(QLatin1String("not found")) || message.contains(QLatin1String("not valid")))
            s = tr("The container %1 was not found in pod %2/%3 (400). Pick another container.")
                    .arg(m_target.container, m_target.ns, m_target.pod);
        else
            s = tr("The cluster refused the log request for %1 (400).").arg(who);
        break;
    default:
        s = tr("The log request for %1 failed with HTTP %2.").arg(who).arg(status);
        break;
    }
    if (!message.isEmpty())
        s += QStringLiteral(" Server said: ") + message;
    return s;
}

} // namespace Sitrep::Logs
