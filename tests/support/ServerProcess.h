#pragma once

#include <QProcess>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace Sitrep::Test {

// A real server (prometheus, alertmanager, sshd, sitrep sim ...) started by a test on 127.0.0.1.
// start() waits until the server answers (HTTP GET of readyUrl returns 2xx, or the TCP port accepts),
// by polling with short waits on socket signals; the process is killed when the object goes away.
class ServerProcess final
{
public:
    ServerProcess() = default;
    ~ServerProcess();
    ServerProcess(const ServerProcess &) = delete;
    ServerProcess &operator=(const ServerProcess &) = delete;

    void setEnvironment(const QProcessEnvironment &env) { m_env = env; }
    void setWorkingDirectory(const QString &dir) { m_workDir = dir; }
    // Returns an empty string on success, otherwise what failed (with the server's own output).
    QString start(const QString &program, const QStringList &args, const QUrl &readyUrl,
                  int timeoutMs = 20000);
    QString startTcp(const QString &program, const QStringList &args, quint16 port, int timeoutMs = 20000);
    void stop();
    QProcess &process() { return m_process; }
    QString output() const;

private:
    QString launch(const QString &program, const QStringList &args);
    QProcess m_process;
    QProcessEnvironment m_env = QProcessEnvironment::systemEnvironment();
    QString m_workDir;
    mutable QByteArray m_output;
};

} // namespace Sitrep::Test
