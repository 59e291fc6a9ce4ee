#pragma once

#include "runbook/CommandRunner.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QTimer>

#include <memory>

class QTemporaryDir;

namespace Sitrep::Runbook {

// Runs a command with `bash -c` on this machine, pinned to the console's kubeconfig and context (every
// kubectl it starts, also inside pipes and `watch`, sees that context), with placeholder values as
// environment. The command gets its own process group so cancel and timeout stop everything it started.
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

private:
    void onOutput(bool isStderr);
    void onFinished(int exitCode, QProcess::ExitStatus status);
    void onError(QProcess::ProcessError error);
    void stop();
    void signalGroup(int signal);
    void finish();
    QString pinContext(const RunTarget &target);

    QString m_shell = QStringLiteral("bash");
    QProcess *m_process = nullptr;
    QTimer m_timeout;
    QTimer m_killTimer;
    QElapsedTimer m_clock;
    RunRequest m_request;
    RunResult m_result;
    std::unique_ptr<QTemporaryDir> m_tmp;
    qint64 m_pid = 0;
};

} // namespace Sitrep::Runbook
