#include "runbook/LocalRunner.h"

#include "runbook/PtyProcess.h"
#include "runbook/TerminalLauncher.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <signal.h>
#include <unistd.h>

namespace Sitrep::Runbook {

namespace {
constexpr int kKillGraceMs = 2000;
}

LocalRunner::LocalRunner(QObject *parent)
    : CommandRunner(parent)
{
    m_timeout.setSingleShot(true);
    connect(&m_timeout, &QTimer::timeout, this, [this] {
        m_result.timedOut = true;
        m_result.error = QStringLiteral("timed out after %1 s").arg(m_request.timeoutMs / 1000.0, 0, 'f', 1);
        stop();
    });
    m_killTimer.setSingleShot(true);
    connect(&m_killTimer, &QTimer::timeout, this, [this] { signalGroup(SIGKILL); });
}

LocalRunner::~LocalRunner()
{
    if (m_process && m_process->state() != QProcess::NotRunning) {
        signalGroup(SIGKILL);
        m_process->waitForFinished(kKillGraceMs);
    }
    delete m_pty; // kills what still runs on the terminal
}

bool LocalRunner::isRunning() const
{
    return m_process != nullptr || m_pty != nullptr;
}

QString LocalRunner::pinContext(const RunTarget &target)
{
    // kubectl merges the files in KUBECONFIG and the first one that sets current-context wins: a tiny
    // file in front pins the context without copying (or parsing) the user's kubeconfig.
    QString base = target.kubeconfig;
    if (base.isEmpty())
        base = qEnvironmentVariable("KUBECONFIG");
    if (base.isEmpty())
        base = QDir::homePath() + QStringLiteral("/.kube/config");
    if (target.kubeContext.isEmpty())
        return base;
    m_tmp = std::make_unique<QTemporaryDir>();
    const QString pin = m_tmp->filePath(QStringLiteral("context.json"));
    QFile f(pin);
    if (!m_tmp->isValid() || !f.open(QIODevice::WriteOnly))
        return base;
    f.write(QJsonDocument(QJsonObject{{QStringLiteral("apiVersion"), QStringLiteral("v1")},
                                      {QStringLiteral("kind"), QStringLiteral("Config")},
                                      {QStringLiteral("current-context"), target.kubeContext}})
                .toJson());
    f.close();
    return pin + QLatin1Char(':') + base;
}

void LocalRunner::start(const RunRequest &request)
{
    if (isRunning()) {
        RunResult busy;
        busy.stepId = request.prepared.stepId;
        busy.display = request.prepared.display;
        busy.error = QStringLiteral("another command is still running; wait for it or cancel it");
        emit finished(busy);
        return;
    }
    m_request = request;
    m_result = RunResult();
    m_result.stepId = request.prepared.stepId;
    m_result.display = request.prepared.display;
    m_result.where = request.target.describe();

    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("KUBECONFIG"), pinContext(request.target));
    // Every kubectl the command starts (pipes, xargs, scripts) gets --context on its command line: a kubectl
    // in front of PATH adds it. The user's kubeconfig is never changed; an explicit --context in the command
    // comes later on the line and wins.
    if (!request.target.kubeContext.isEmpty() && m_tmp && m_tmp->isValid()) {
        const QString real = QStandardPaths::findExecutable(QStringLiteral("kubectl"));
        const QString bin = m_tmp->filePath(QStringLiteral("bin"));
        QFile shim(bin + QStringLiteral("/kubectl"));
        if (!real.isEmpty() && QDir().mkpath(bin) && shim.open(QIODevice::WriteOnly)) {
            auto quote = [](QString s) -> QString {
                s.replace(QLatin1Char('\''), QStringLiteral("'\\''"));
                return QLatin1Char('\'') + s + QLatin1Char('\'');
            };
            shim.write(QStringLiteral("#!/bin/sh\nexec %1 --context=%2 \"$@\"\n")
                           .arg(quote(real), quote(request.target.kubeContext))
                           .toUtf8());
            shim.close();
            shim.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
            env.insert(QStringLiteral("PATH"), bin + QLatin1Char(':') + env.value(QStringLiteral("PATH")));
        }
    }
    if (!request.target.kubeContext.isEmpty())
        env.insert(QStringLiteral("SITREP_CONTEXT"), request.target.kubeContext);
    if (!request.target.kubeNamespace.isEmpty())
        env.insert(QStringLiteral("SITREP_NAMESPACE"), request.target.kubeNamespace);
    for (auto it = request.prepared.env.cbegin(); it != request.prepared.env.cend(); ++it)
        env.insert(it.key(), it.value());

    if (request.prepared.terminal == TerminalUse::FullScreen)
        return handOff(env);
    if (request.prepared.terminal == TerminalUse::Pty)
        return startPty(env);
    m_process = new QProcess(this);
    m_process->setProcessEnvironment(env);
    m_process->setProgram(m_shell);
    m_process->setArguments({QStringLiteral("-c"), request.prepared.command});
    if (request.stdinData.isEmpty())
        m_process->setStandardInputFile(QProcess::nullDevice()); // nothing may wait for a keyboard
    m_process->setChildProcessModifier([] { ::setpgid(0, 0); });
    connect(m_process, &QProcess::started, this, [this] {
        m_result.started = true;
        if (!m_request.stdinData.isEmpty()) { // the input it was given (SQL for psql), then end of input
            m_process->write(m_request.stdinData);
            m_process->closeWriteChannel();
        }
        emit started(m_result.stepId);
    });
    connect(m_process, &QProcess::readyReadStandardOutput, this, [this] { onOutput(false); });
    connect(m_process, &QProcess::readyReadStandardError, this, [this] { onOutput(true); });
    connect(m_process, &QProcess::finished, this, &LocalRunner::onFinished);
    connect(m_process, &QProcess::errorOccurred, this, &LocalRunner::onError);
    m_clock.start();
    m_process->start();
    if (request.timeoutMs > 0)
        m_timeout.start(request.timeoutMs);
}

void LocalRunner::startPty(QProcessEnvironment env)
{
    // A terminal as a terminal emulator offers it; pagers would wait for keys nobody presses.
    env.insert(QStringLiteral("TERM"), QStringLiteral("xterm-256color"));
    env.insert(QStringLiteral("PAGER"), QStringLiteral("cat"));
    env.insert(QStringLiteral("GIT_PAGER"), QStringLiteral("cat"));
    env.insert(QStringLiteral("SYSTEMD_PAGER"), QString());
    m_pty = new PtyProcess(this);
    connect(m_pty, &PtyProcess::readyRead, this, [this](const QByteArray &chunk) { deliver(chunk, false); });
    connect(m_pty, &PtyProcess::finished, this, [this](int exitCode, bool bySignal) {
        m_result.exitCode = exitCode;
        if (bySignal && m_result.error.isEmpty() && !m_result.cancelled)
            m_result.error = QStringLiteral("the command was ended by signal %1").arg(exitCode - 128);
        finish();
    });
    m_clock.start();
    QString error;
    if (!m_pty->start(m_shell, {QStringLiteral("-c"), m_request.prepared.command}, env, m_request.columns,
                      m_request.rows, &error)) {
        m_result.error = QStringLiteral("could not start %1: %2").arg(m_shell, error);
        finish();
        return;
    }
    m_result.started = true;
    emit started(m_result.stepId);
    if (!m_request.stdinData.isEmpty())
        m_pty->write(m_request.stdinData);
    if (m_request.timeoutMs > 0)
        m_timeout.start(m_request.timeoutMs);
}

void LocalRunner::handOff(const QProcessEnvironment &env)
{
    m_clock.start();
    const auto launched = TerminalLauncher::launch(m_request.prepared.command, env, m_shell);
    RunResult result = m_result;
    if (!launched) {
        result.error = launched.error().message;
        m_tmp.reset();
    } else {
        result.started = true;
        result.handedOff = true;
        result.terminalProgram = launched->terminal;
        if (m_tmp)
            m_handedOff.push_back(std::move(m_tmp)); // the command still reads its kubeconfig pin
    }
    result.durationMs = m_clock.elapsed();
    reportLater(result);
}

void LocalRunner::writeInput(const QByteArray &bytes)
{
    if (m_pty)
        m_pty->write(bytes);
}

void LocalRunner::onOutput(bool isStderr)
{
    if (!m_process)
        return;
    deliver(isStderr ? m_process->readAllStandardError() : m_process->readAllStandardOutput(), isStderr);
}

void LocalRunner::deliver(const QByteArray &chunk, bool isStderr)
{
    if (chunk.isEmpty())
        return;
    // Keep reading past the cap (a blocked pipe would stall the command) but keep and show only the start.
    const qint64 room = m_request.outputCapBytes - m_result.output.size();
    if (room <= 0) {
        m_result.truncated = true;
        m_result.droppedBytes += chunk.size();
        return;
    }
    const QByteArray kept = chunk.left(room);
    if (kept.size() < chunk.size()) {
        m_result.truncated = true;
        m_result.droppedBytes += chunk.size() - kept.size();
    }
    m_result.output += kept;
    emit output(m_result.stepId, kept, isStderr);
}

void LocalRunner::onFinished(int exitCode, QProcess::ExitStatus status)
{
    onOutput(false);
    onOutput(true);
    m_result.exitCode = status == QProcess::NormalExit ? exitCode : -1;
    if (status == QProcess::CrashExit && m_result.error.isEmpty() && !m_result.cancelled)
        m_result.error = QStringLiteral("the shell was killed by a signal");
    finish();
}

void LocalRunner::onError(QProcess::ProcessError error)
{
    if (error != QProcess::FailedToStart || !m_process)
        return;
    m_result.started = false;
    m_result.error = QStringLiteral("could not start %1: %2").arg(m_shell, m_process->errorString());
    finish();
}

void LocalRunner::finish()
{
    if (!m_process && !m_pty)
        return;
    m_timeout.stop();
    m_killTimer.stop();
    m_result.durationMs = m_clock.elapsed();
    if (m_process) {
        m_process->disconnect(this);
        m_process->deleteLater();
        m_process = nullptr;
    }
    if (m_pty) {
        m_pty->disconnect(this);
        m_pty->deleteLater();
        m_pty = nullptr;
    }
    m_pid = 0;
    m_tmp.reset();
    const RunResult result = m_result;
    emit finished(result);
}

void LocalRunner::cancel()
{
    if (!isRunning())
        return;
    m_result.cancelled = true;
    m_result.error = QStringLiteral("cancelled");
    stop();
}

void LocalRunner::stop()
{
    signalGroup(SIGTERM);
    m_killTimer.start(kKillGraceMs);
}

void LocalRunner::signalGroup(int signal)
{
    if (m_pty) {
        m_pty->signalGroup(signal);
        return;
    }
    if (!m_process)
        return;
    const qint64 pid = m_process->processId();
    if (pid > 0)
        ::kill(-pid_t(pid), signal); // the whole group: bash and everything it started
}

} // namespace Sitrep::Runbook
