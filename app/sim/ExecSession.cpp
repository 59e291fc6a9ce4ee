#include "sim/ExecSession.h"

#include "sim/ExecProcess.h"
#include "sim/ExecServer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>
#include <QUrlQuery>
#include <QWebSocket>

#include <utility>

using namespace Qt::Literals::StringLiterals;

namespace Sitrep::Sim {

namespace {
constexpr char kStdin = 0;
constexpr char kStdout = 1;
constexpr char kStderr = 2;
constexpr char kError = 3;
constexpr char kResize = 4;
constexpr char kClose = char(255);
// A real exec starts a process through the container runtime: tens of milliseconds. Output sent the moment
// the WebSocket opens can beat kubectl to its own streams, and kubectl before 1.33 drops it ("Unknown stream
// id 1, discarding message", kubernetes#131189).
constexpr int kProcessStartMs = 50;
} // namespace

ExecSession::ExecSession(QWebSocket *socket, ExecProcess *process, QObject *parent)
    : QObject(parent)
    , m_socket(socket)
    , m_process(process)
{
    socket->setParent(this);
    process->setParent(this);
    const QUrlQuery query = ExecServer::queryOf(socket->requestUrl());
    m_command = query.allQueryItemValues(u"command"_s, QUrl::FullyDecoded);
    m_tty = query.queryItemValue(u"tty"_s) == "true"_L1;
    connect(socket, &QWebSocket::binaryMessageReceived, this, &ExecSession::onMessage);
    connect(socket, &QWebSocket::disconnected, this, [this] {
        m_done = true;
        emit ended(this);
    });
    connect(process, &ExecProcess::output, this,
            [this](const QByteArray &bytes, bool isStderr) { send(isStderr ? kStderr : kStdout, bytes); });
    connect(process, &ExecProcess::exited, this, &ExecSession::onExited);
}

ExecSession::~ExecSession()
{
    if (m_socket && m_socket->state() == QAbstractSocket::ConnectedState)
        m_socket->abort();
}

QByteArray ExecSession::exitStatus(int exitCode, const QStringList &command)
{
    QJsonObject status{{u"metadata"_s, QJsonObject()}};
    if (exitCode == 0) {
        status.insert("status"_L1, u"Success"_s);
    } else {
        status.insert("status"_L1, u"Failure"_s);
        status.insert("message"_L1,
                      u"command terminated with non-zero exit code: error executing command [%1], "
                      "exit code %2"_s.arg(command.join(QLatin1Char(' ')))
                          .arg(exitCode));
        status.insert("reason"_L1, u"NonZeroExitCode"_s);
        status.insert(
            "details"_L1,
            QJsonObject{{u"causes"_s, QJsonArray{QJsonObject{{u"reason"_s, u"ExitCode"_s},
                                                             {u"message"_s, QString::number(exitCode)}}}}});
    }
    return QJsonDocument(status).toJson(QJsonDocument::Compact);
}

void ExecSession::start()
{
    QTimer::singleShot(kProcessStartMs, this, [this] {
        if (m_done)
            return;
        m_started = true;
        m_process->start();
        for (const QByteArray &message : std::exchange(m_early, {}))
            onMessage(message);
    });
}

void ExecSession::send(char channel, const QByteArray &data)
{
    if (!m_socket || m_done)
        return;
    m_socket->sendBinaryMessage(QByteArray(1, channel) + data);
}

void ExecSession::onMessage(const QByteArray &message)
{
    if (message.isEmpty() || m_done)
        return;
    if (!m_started) {
        m_early << message;
        return;
    }
    const char channel = message.at(0);
    const QByteArray data = message.mid(1);
    if (channel == kStdin) {
        m_process->input(data);
    } else if (channel == kClose) {
        if (!data.isEmpty() && data.at(0) == kStdin)
            m_process->endOfInput();
    } else if (channel == kResize) {
        // {"Width":100,"Height":30}: the simulated programs draw nothing that depends on it.
        m_resized = true;
        if (m_pendingExit >= 0)
            finish(m_pendingExit);
    }
}

void ExecSession::onExited(int exitCode)
{
    if (m_done || !m_socket || m_pendingExit >= 0)
        return;
    // kubectl -t sends the terminal's size from a goroutine of its own as the stream opens; a command that
    // ends before that write arrives would have kubectl write into a closed WebSocket and print "Unhandled
    // Error ... websocket: close sent" on the user's terminal. A real container takes long enough to start
    // that this never shows: wait for the size (briefly) before ending.
    if (m_tty && !m_resized) {
        m_pendingExit = exitCode;
        QTimer::singleShot(500, this, [this] { finish(m_pendingExit); });
        return;
    }
    finish(exitCode);
}

void ExecSession::finish(int exitCode)
{
    if (m_done || !m_socket)
        return;
    send(kError, exitStatus(exitCode, m_command));
    m_done = true;
    m_socket->close(QWebSocketProtocol::CloseCodeNormal);
}

} // namespace Sitrep::Sim
