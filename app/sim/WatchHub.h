#pragma once

#include "sim/FieldSelector.h"
#include "sim/LabelSelector.h"
#include "sim/PodLogs.h"
#include "sim/TableRenderer.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTimer>

namespace Sitrep::Sim {

class ClusterState;
class HttpConnection;
struct WatchEvent;

// A watch request, resolved: what to stream and how.
struct WatchSpec
{
    QString resource;
    QString kind;       // for BOOKMARK objects
    QString apiVersion; // for BOOKMARK objects
    QString ns;
    LabelSelector labels;
    FieldSelector fields;
    bool table = false;
    TableRenderer::IncludeObject include = TableRenderer::IncludeObject::Metadata;
    bool bookmarks = false;
    qint64 timeoutMs = 0;     // 0: until the client goes away
    int dropAfterEvents = -1; // fault: cut the connection after N events
};

// The open streams of the simulated API: watches (one JSON event per line) and `logs -f` follows.
class WatchHub final : public QObject
{
    Q_OBJECT
public:
    explicit WatchHub(ClusterState &state, PodLogs &logs, QObject *parent = nullptr);
    ~WatchHub() override;

    // Starts the stream; replays `initial` first (already filtered by resourceVersion).
    void startWatch(HttpConnection *connection, const WatchSpec &spec, const QList<WatchEvent> &initial,
                    const QJsonObject &errorEvent = {});
    void startFollow(HttpConnection *connection, const QString &logKey, bool timestamps, qint64 limitBytes,
                     qint64 timeoutMs);
    void setBookmarkIntervalMs(int ms);
    // Caps every stream (tests: the server ends `get -w` / `logs -f` after a while). 0: no cap.
    void setStreamTimeoutCapMs(qint64 ms) { m_capMs = ms; }
    int watchCount() const { return int(m_watches.size()); }
    int followCount() const { return int(m_follows.size()); }
    void closeAll();

private:
    struct Watch
    {
        QPointer<HttpConnection> connection;
        WatchSpec spec;
        int sent = 0;
        bool sentColumns = false;
        qint64 deadlineMs = 0;
    };
    struct Follow
    {
        QPointer<HttpConnection> connection;
        QString key;
        bool timestamps = false;
        qint64 bytesLeft = -1;
        qint64 deadlineMs = 0;
    };

    void onChanged(const WatchEvent &event);
    void onLine(const QString &key, const PodLogs::Line &line);
    void onRunEnded(const QString &key);
    bool send(Watch &w, const QString &type, const QJsonObject &object);
    void drop(Watch &w);
    bool matches(const Watch &w, const QJsonObject &object) const;
    void sendBookmarks();
    void expire();
    void finish(HttpConnection *connection);
    void forget(HttpConnection *connection);

    ClusterState &m_state;
    PodLogs &m_logs;
    QList<Watch> m_watches;
    QList<Follow> m_follows;
    QTimer m_bookmarkTimer;
    QTimer m_expiryTimer;
    qint64 m_capMs = 0;
};

} // namespace Sitrep::Sim
