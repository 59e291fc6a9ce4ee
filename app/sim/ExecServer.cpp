#include "sim/ExecServer.h"

#include "sim/ApiReply.h"
#include "sim/ClusterState.h"
#include "sim/ExecProcess.h"
#include "sim/ExecSession.h"
#include "sim/HttpConnection.h"
#include "sim/Scenario.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QWebSocket>
#include <QWebSocketServer>

using namespace Qt::Literals::StringLiterals;

namespace Sitrep::Sim {

namespace {

const QRegularExpression &execPath()
{
    static const QRegularExpression re(u"^/api/v1/namespaces/([^/]+)/pods/([^/]+)/(exec|attach)$"_s);
    return re;
}

} // namespace

// The query of an exec URL: Go encodes spaces in commands as '+'.
QUrlQuery ExecServer::queryOf(const QUrl &url)
{
    QString raw = url.query(QUrl::FullyEncoded);
    raw.replace(QLatin1Char('+'), u"%20"_s);
    return QUrlQuery(raw);
}

namespace {

bool flag(const QUrlQuery &q, const QString &name)
{
    const QString v = q.queryItemValue(name);
    return v == "true"_L1 || v == "1"_L1;
}

} // namespace

ExecServer::ExecServer(const ClusterState &state, QObject *parent)
    : QObject(parent)
    , m_state(state)
    , m_server(new QWebSocketServer(u"sitrep-sim"_s, QWebSocketServer::NonSecureMode, this))
{
    // The sockets handed over are already TLS (QSslSocket) or plain: the WebSocket layer only frames.
    m_server->setSupportedSubprotocols({u"v5.channel.k8s.io"_s, u"v4.channel.k8s.io"_s});
    connect(m_server, &QWebSocketServer::newConnection, this, &ExecServer::onNewConnection);
}

ExecServer::~ExecServer()
{
    qDeleteAll(m_sessions);
}

void ExecServer::setScenario(const Scenario &scenario)
{
    m_rules.clear();
    for (auto it = scenario.images.cbegin(); it != scenario.images.cend(); ++it) {
        if (auto rules = ExecRules::fromJson(it->exec, it.key()))
            m_rules.insert(it.key(), *rules);
    }
    if (auto counters = ExecCounters::fromJson(scenario.counters, scenario.name))
        m_counters = *counters;
}

void ExecServer::advance(qint64 nowMs)
{
    m_counters.advance(m_state, nowMs);
}

std::optional<ExecServer::Refusal> ExecServer::resolve(const QString &path, const QUrlQuery &query,
                                                       Target *target) const
{
    const auto m = execPath().match(path);
    if (!m.hasMatch())
        return Refusal{404, u"NotFound"_s, u"the server could not find the requested resource"_s};
    target->ns = m.captured(1);
    target->pod = m.captured(2);
    const auto pod = m_state.get(u"pods"_s, target->ns, target->pod);
    if (!pod)
        return Refusal{404, u"NotFound"_s, u"pods \"%1\" not found"_s.arg(target->pod)};
    const QJsonArray containers = pod->value("spec"_L1).toObject().value("containers"_L1).toArray();
    target->container = query.queryItemValue(u"container"_s);
    if (target->container.isEmpty() && !containers.isEmpty())
        target->container = containers.first().toObject().value("name"_L1).toString();
    bool known = false;
    for (const QJsonValue &c : containers) {
        if (c.toObject().value("name"_L1).toString() == target->container) {
            known = true;
            target->image = c.toObject().value("image"_L1).toString();
        }
    }
    if (!known)
        return Refusal{400, u"BadRequest"_s,
                       u"container %1 is not valid for pod %2"_s.arg(target->container, target->pod)};
    bool running = false;
    for (const QJsonValue &cs : pod->value("status"_L1).toObject().value("containerStatuses"_L1).toArray()) {
        const QJsonObject s = cs.toObject();
        if (s.value("name"_L1).toString() == target->container)
            running = s.value("state"_L1).toObject().contains("running"_L1);
    }
    if (!running)
        return Refusal{400, u"BadRequest"_s, u"container not found (\"%1\")"_s.arg(target->container)};
    target->command = query.allQueryItemValues(u"command"_s, QUrl::FullyDecoded);
    if (m.captured(3) == "exec"_L1 && target->command.isEmpty())
        return Refusal{400, u"BadRequest"_s, u"you must specify at least 1 command"_s};
    target->tty = flag(query, u"tty"_s);
    target->stdinOpen = flag(query, u"stdin"_s);
    return std::nullopt;
}

bool ExecServer::accepts(const HttpRequest &head) const
{
    if (!head.header("upgrade").toLower().contains("websocket") || !execPath().match(head.path).hasMatch())
        return false;
    if (!m_token.isEmpty() && head.header("authorization") != "Bearer " + m_token.toUtf8())
        return false; // answered over HTTP: 401
    Target target;
    return !resolve(head.path, head.query, &target); // else answered over HTTP with the reason
}

void ExecServer::take(QTcpSocket *socket)
{
    m_server->handleConnection(socket);
}

void ExecServer::refuse(HttpConnection *c, const HttpRequest &req)
{
    Target target;
    if (const auto refusal = resolve(req.path, req.query, &target))
        return ApiReply::status(c, refusal->code, refusal->reason, refusal->message);
    // A valid exec asked for without the WebSocket upgrade (SPDY, or plain HTTP).
    ApiReply::status(c, 400, u"BadRequest"_s,
                     u"Upgrade request required: the simulated cluster serves exec over WebSockets "
                     "(v5.channel.k8s.io)"_s);
}

void ExecServer::onNewConnection()
{
    while (QWebSocket *socket = m_server->nextPendingConnection()) {
        Target target;
        const QUrl url = socket->requestUrl();
        if (resolve(url.path(), queryOf(url), &target)) { // the pod went away during the handshake
            socket->close(QWebSocketProtocol::CloseCodeNormal);
            socket->deleteLater();
            continue;
        }
        ExecContext context;
        context.ns = target.ns;
        context.pod = target.pod;
        context.container = target.container;
        context.image = target.image;
        context.rules = m_rules.value(target.image);
        context.vars = m_counters.values();
        context.vars.insert(u"pod"_s, target.pod);
        context.vars.insert(u"namespace"_s, target.ns);
        context.vars.insert(u"container"_s, target.container);
        context.vars.insert(u"image"_s, target.image);
        auto *process = new ExecProcess(context, target.command, target.tty, target.stdinOpen);
        auto *session = new ExecSession(socket, process, this);
        m_sessions.append(session);
        connect(session, &ExecSession::ended, this, [this](ExecSession *s) {
            m_sessions.removeAll(s);
            s->deleteLater();
        });
        session->start();
    }
}

} // namespace Sitrep::Sim
