#pragma once

#include "sim/ExecRules.h"
#include "sim/HttpRequest.h"

#include <QHash>
#include <QObject>
#include <QString>

#include <optional>

class QTcpSocket;
class QWebSocketServer;

namespace Sitrep::Sim {

class ClusterState;
class ExecSession;
class HttpConnection;
class Scenario;

// `kubectl exec` against the simulated cluster: kubectl 1.32 upgrades GET .../pods/NAME/exec to a WebSocket
// (subprotocol v5.channel.k8s.io). A connection whose first request is such an upgrade is handed here before
// it is read (Qt WebSockets does the handshake); what runs is scripted per image in the scenario (ExecRules),
// with counters that move with the cluster. Requests that cannot be served get the Status the API would send.
class ExecServer final : public QObject
{
    Q_OBJECT
public:
    ExecServer(const ClusterState &state, QObject *parent = nullptr);
    ~ExecServer() override;

    // Before any exec: the scenario's images and counters (validated when the scenario was loaded).
    void setScenario(const Scenario &scenario);
    void setToken(const QString &token) { m_token = token; }
    // A connection's first request, not yet read: whether it is an exec upgrade this server can serve; then
    // take() gets the socket with the request still unread.
    bool accepts(const HttpRequest &head) const;
    void take(QTcpSocket *socket);
    // An exec or attach request that was not taken: answered as the API server would.
    void refuse(HttpConnection *c, const HttpRequest &req);
    // Counters follow the cluster on every simulation step.
    void advance(qint64 nowMs);
    int openSessions() const { return int(m_sessions.size()); }
    static QUrlQuery queryOf(const QUrl &url);
    QHash<QString, QString> counterValues() const { return m_counters.values(); }

private:
    struct Target
    {
        QString ns, pod, container, image;
        QStringList command;
        bool tty = false;
        bool stdinOpen = false;
    };
    struct Refusal
    {
        int code;
        QString reason;
        QString message;
    };
    // The exec a path and query ask for, or why it cannot run.
    std::optional<Refusal> resolve(const QString &path, const QUrlQuery &query, Target *target) const;
    void onNewConnection();

    const ClusterState &m_state;
    QWebSocketServer *m_server;
    QString m_token;
    QHash<QString, ExecRules> m_rules; // per image
    ExecCounters m_counters;
    QList<ExecSession *> m_sessions;
};

} // namespace Sitrep::Sim
