#pragma once

#include <QList>
#include <QObject>
#include <QPointer>

class QWebSocket;

namespace Sitrep::Sim {

class ExecProcess;

// One kubectl exec connection, speaking the channel protocol of v5.channel.k8s.io (and v4) over a WebSocket:
// every binary message starts with its channel byte, 0 stdin, 1 stdout, 2 stderr, 3 the error channel (a
// Status with the exit code, sent once at the end), 4 terminal resize, 255 close (v5: the client ends its
// stdin). The session ends by closing the WebSocket normally after the Status.
class ExecSession final : public QObject
{
    Q_OBJECT
public:
    ExecSession(QWebSocket *socket, ExecProcess *process, QObject *parent = nullptr);
    ~ExecSession() override;

    static QByteArray exitStatus(int exitCode, const QStringList &command);
    // Starts the command as a container runtime would: a little later. What the client sends meanwhile
    // (stdin, its end, a resize) reaches the command once it runs.
    void start();

signals:
    void ended(Sitrep::Sim::ExecSession *session);

private:
    void onMessage(const QByteArray &message);
    void send(char channel, const QByteArray &data);
    void onExited(int exitCode);
    void finish(int exitCode);

    QPointer<QWebSocket> m_socket;
    ExecProcess *m_process;
    QStringList m_command;
    bool m_started = false;
    QList<QByteArray> m_early; // messages that came before the command started
    bool m_done = false;
    bool m_tty = false;
    bool m_resized = false;
    int m_pendingExit = -1;
};

} // namespace Sitrep::Sim
