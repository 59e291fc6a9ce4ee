#pragma once

#include "runbook/CommandRunner.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QTimer>

#include <memory>
#include <vector>

class QTemporaryDir;

namespace Sitrep::Runbook {
class PtyProcess;
}

namespace Sitrep::Runbook {

// Runs a command with `bash -c` on this machine, pinned to the console's kubeconfig and context (every
// kubectl it starts, also inside pipes and `watch`, sees that context), with placeholder values (secrets
// included) as environment, never on a command line. The command gets its own process group so cancel and
// timeout stop everything it started. `-it` commands run under a pseudo-terminal (PtyProcess) and take
// input; full-screen ones open in the user's terminal emulator (TerminalLauncher).
class LocalRunner final : public CommandRunner
{
    Q_OBJECT
public:
    explicit LocalRunner(QObject *parent = nullptr);
    ~LocalRunner() override;

    void setShell(const QString &shell) { m_shell = shell; }
    void start(const RunRequest &request) override;
    void cancel() override;
    bool isRunning() const override;
    QString kind() const override { return QStringLiteral("local"); }
    bool acceptsInput() const override { return m_pty != nullptr; }
    void writeInput(const QByteArray &bytes) override;

private:
    void onOutput(bool isStderr);
    void deliver(const QByteArray &chunk, bool isStderr);
    void startPty(QProcessEnvironment env);
    void handOff(const QProcessEnvironment &env);
    void onFinished(int exitCode, QProcess::ExitStatus status);
    void onError(QProcess::ProcessError error);
    void stop();
    void signalGroup(int signal);
    void finish();
    QString pinContext(const RunTarget &target);

    QString m_shell = QStringLiteral("bash");
    QProcess *m_process = nullptr;
    PtyProcess *m_pty = nullptr;
    std::vector<std::unique_ptr<QTemporaryDir>> m_handedOff; // their kubeconfig pins live on with them
    QTimer m_timeout;
    QTimer m_killTimer;
    QElapsedTimer m_clock;
    RunRequest m_request;
    RunResult m_result;
    std::unique_ptr<QTemporaryDir> m_tmp;
    qint64 m_pid = 0;
};

} // namespace Sitrep::Runbook
