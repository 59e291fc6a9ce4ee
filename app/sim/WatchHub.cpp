#include "sim/WatchHub.h"

#include "sim/ClusterState.h"
#include "sim/HttpConnection.h"

#include <QDateTime>
#include <QJsonDocument>

using namespace Qt::Literals::StringLiterals;

namespace Sitrep::Sim {

namespace {
constexpr qint64 kMaxBuffered = 32 * 1024 * 1024; // a client this far behind is cut off
}

WatchHub::WatchHub(ClusterState &state, PodLogs &logs, QObject *parent)
    : QObject(parent)
    , m_state(state)
    , m_logs(logs)
{
    connect(&m_state, &ClusterState::changed, this, &WatchHub::onChanged);
    connect(&m_logs, &PodLogs::lineAppended, this, &WatchHub::onLine);
    connect(&m_logs, &PodLogs::runEnded, this, &WatchHub::onRunEnded);
    m_bookmarkTimer.setInterval(5000);
    connect(&m_bookmarkTimer, &QTimer::timeout, this, &WatchHub::sendBookmarks);
    m_bookmarkTimer.start();
    m_expiryTimer.setInterval(100);
    connect(&m_expiryTimer, &QTimer::timeout, this, &WatchHub::expire);
    m_expiryTimer.start();
}

WatchHub::~WatchHub()
{
    closeAll();
}

void WatchHub::setBookmarkIntervalMs(int ms)
{
    m_bookmarkTimer.setInterval(qMax(10, ms));
}

static qint64 deadline(qint64 nowMs, qint64 timeoutMs, qint64 capMs)
{
    qint64 t = timeoutMs;
    if (capMs > 0)
        t = t > 0 ? qMin(t, capMs) : capMs;
    return t > 0 ? nowMs + t : 0;
}

void WatchHub::startWatch(HttpConnection *connection, const WatchSpec &spec, const QList<WatchEvent> &initial,
                          const QJsonObject &errorEvent)
{
    connect(connection, &HttpConnection::closed, this, &WatchHub::forget, Qt::UniqueConnection);
    connection->startStream(200, "application/json");
    Watch w{connection, spec, 0, false,
            deadline(QDateTime::currentMSecsSinceEpoch(), spec.timeoutMs, m_capMs)};
    if (!errorEvent.isEmpty()) {
        connection->writeChunk(QJsonDocument(QJsonObject{{u"type"_s, u"ERROR"_s}, {u"object"_s, errorEvent}})
                                   .toJson(QJsonDocument::Compact) +
                               '\n');
        connection->finishStream();
        return;
    }
    m_watches.append(w);
    Watch &stored = m_watches.last();
    for (const WatchEvent &e : initial) {
        if (matches(stored, e.object) && !send(stored, e.type, e.object))
            return;
    }
}

bool WatchHub::matches(const Watch &w, const QJsonObject &object) const
{
    const QJsonObject meta = object.value("metadata"_L1).toObject();
    if (!w.spec.ns.isEmpty() && meta.value("namespace"_L1).toString() != w.spec.ns)
        return false;
    if (!w.spec.labels.isEmpty() && !w.spec.labels.matches(meta.value("labels"_L1).toObject()))
        return false;
    return w.spec.fields.isEmpty() || w.spec.fields.matches(object);
}

// Returns false when the watch was ended (fault or dead connection).
bool WatchHub::send(Watch &w, const QString &type, const QJsonObject &object)
{
    HttpConnection *c = w.connection;
    if (!c || !c->isOpen())
        return false;
    if (c->bytesToWrite() > kMaxBuffered) {
        drop(w);
        return false;
    }
    QJsonObject payload = object;
    if (w.spec.table && type != "BOOKMARK"_L1 && type != "ERROR"_L1) {
        payload = TableRenderer::table(
            w.spec.resource, {object}, m_state.nowMs(), w.spec.include,
            object.value("metadata"_L1).toObject().value("resourceVersion"_L1).toString(), {},
            !w.sentColumns);
        w.sentColumns = true;
    }
    c->writeChunk(
        QJsonDocument(QJsonObject{{u"type"_s, type}, {u"object"_s, payload}}).toJson(QJsonDocument::Compact) +
        '\n');
    ++w.sent;
    if (w.spec.dropAfterEvents >= 0 && w.sent >= w.spec.dropAfterEvents) {
        drop(w);
        return false;
    }
    return true;
}

// Cuts the connection from the event loop, so no list is modified while it is being iterated.
void WatchHub::drop(Watch &w)
{
    QMetaObject::invokeMethod(w.connection.data(), &HttpConnection::abort, Qt::QueuedConnection);
    w.connection = nullptr;
}

void WatchHub::onChanged(const WatchEvent &event)
{
    for (qsizetype i = 0; i < m_watches.size(); ++i) {
        Watch &w = m_watches[i];
        if (w.spec.resource != event.resource || !matches(w, event.object))
            continue;
        send(w, event.type, event.object);
    }
}

void WatchHub::sendBookmarks()
{
    const QString rv = QString::number(m_state.resourceVersion());
    for (Watch &w : m_watches) {
        if (!w.spec.bookmarks)
            continue;
        send(w, u"BOOKMARK"_s,
             {{u"kind"_s, w.spec.kind},
              {u"apiVersion"_s, w.spec.apiVersion},
              {u"metadata"_s,
               QJsonObject{{u"resourceVersion"_s, rv},
                           {u"annotations"_s, QJsonObject{{u"k8s.io/initial-events-end"_s, u"true"_s}}}}}});
    }
}

void WatchHub::startFollow(HttpConnection *connection, const QString &logKey, bool timestamps,
                           qint64 limitBytes, qint64 timeoutMs)
{
    connect(connection, &HttpConnection::closed, this, &WatchHub::forget, Qt::UniqueConnection);
    m_follows.append(Follow{connection, logKey, timestamps, limitBytes,
                            deadline(QDateTime::currentMSecsSinceEpoch(), timeoutMs, m_capMs)});
}

void WatchHub::onLine(const QString &key, const PodLogs::Line &line)
{
    QList<HttpConnection *> done;
    for (qsizetype i = 0; i < m_follows.size(); ++i) {
        Follow &f = m_follows[i];
        if (f.key != key || !f.connection)
            continue;
        QByteArray data = PodLogs::format(line, f.timestamps);
        if (f.bytesLeft >= 0) {
            data.truncate(f.bytesLeft);
            f.bytesLeft -= data.size();
        }
        f.connection->writeChunk(data);
        if (f.bytesLeft == 0)
            done << f.connection;
    }
    for (HttpConnection *c : done)
        finish(c);
}

void WatchHub::onRunEnded(const QString &key)
{
    QList<HttpConnection *> done;
    for (const Follow &f : std::as_const(m_follows)) {
        if (f.key == key && f.connection)
            done << f.connection;
    }
    for (HttpConnection *c : done)
        finish(c);
}

void WatchHub::expire()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QList<HttpConnection *> done;
    for (const Watch &w : std::as_const(m_watches)) {
        if (!w.connection || (w.deadlineMs > 0 && now >= w.deadlineMs))
            done << w.connection;
    }
    for (const Follow &f : std::as_const(m_follows)) {
        if (!f.connection || (f.deadlineMs > 0 && now >= f.deadlineMs))
            done << f.connection;
    }
    for (HttpConnection *c : done)
        finish(c);
}

void WatchHub::finish(HttpConnection *connection)
{
    if (connection && connection->isStreaming())
        connection->finishStream();
    forget(connection);
}

void WatchHub::forget(HttpConnection *connection)
{
    m_watches.removeIf([connection](const Watch &w) { return !w.connection || w.connection == connection; });
    m_follows.removeIf([connection](const Follow &f) { return !f.connection || f.connection == connection; });
}

void WatchHub::closeAll()
{
    QList<HttpConnection *> all;
    for (const Watch &w : std::as_const(m_watches))
        all << w.connection;
    for (const Follow &f : std::as_const(m_follows))
        all << f.connection;
    for (HttpConnection *c : all)
        finish(c);
    m_watches.clear();
    m_follows.clear();
}

} // namespace Sitrep::Sim
