#pragma once

#include "core/Result.h"
#include "runbook/CommandRunner.h"

#include <QByteArray>
#include <QPointer>

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>

namespace Sitrep::Runbook {

// How to reach a bastion and prove who we are.
struct SshConfig
{
    QString host;
    int port = 22;
    QString user;
    QString identityFile;      // private key; empty: agent only
    QString passphrase;        // of identityFile, from the keychain; never stored here longer than a run
    bool useAgent = true;      // try ssh-agent (SSH_AUTH_SOCK) when the key is missing or refused
    QString knownHostsFile;    // default ~/.ssh/known_hosts
    QString acceptFingerprint; // "SHA256:..." the user accepted for an unknown host: trusted and recorded
    int connectTimeoutSeconds = 10;
    int keepaliveSeconds = 15;

    // "user@host[:port]" as people write a bastion; the sentence names what is wrong.
    static Core::Result<SshConfig> fromDestination(const QString &destination);
};

// Runs a command on a host over SSH (libssh), for teams whose kubectl lives on a bastion. Every run
// connects, checks the host key against known_hosts, authenticates with the key or the agent, runs,
// and disconnects, all on a worker thread: nothing blocks the GUI thread. A changed host key is refused;
// an unknown one is reported with its fingerprint and only trusted once the caller passes it back in
// acceptFingerprint. Placeholder values (secrets included) reach the remote shell through the channel's
// stdin, never on its command line; `-it` commands get a pseudo-terminal (libssh's pty request) and take
// input; full-screen ones open in the local terminal emulator with `ssh -t`.
class SshRunner final : public CommandRunner
{
    Q_OBJECT
public:
    explicit SshRunner(SshConfig config = {}, QObject *parent = nullptr);
    ~SshRunner() override;

    void setConfig(const SshConfig &config) { m_config = config; }
    const SshConfig &config() const { return m_config; }
    void start(const RunRequest &request) override;
    void cancel() override;
    bool isRunning() const override { return m_running; }
    QString kind() const override { return QStringLiteral("ssh"); }
    bool acceptsInput() const override { return m_running && m_pty; }
    void writeInput(const QByteArray &bytes) override;

    // The command line the remote shell receives: a prologue that reads the placeholder values from stdin
    // (base64, one per line) and exports them, then the command. No value is in it.
    static QString remoteCommand(const RunRequest &request);
    // What is written to the channel's stdin before anything else: the values remoteCommand() reads.
    static QByteArray environmentPayload(const RunRequest &request);
    static QString readyMarker() { return QStringLiteral("SITREP-VALUES-PLEASE"); }
    // Worker threads still inside libssh (a runner destroyed mid-connect leaves one until its timeout).
    static int activeWorkers();

signals:
    void hostKeyUnknown(const QString &host, const QString &fingerprint);
    void hostKeyChanged(const QString &host, const QString &fingerprint);

private:
    // What a run's worker thread shares with the runner. The worker is detached: destroying the runner
    // (an environment switch) never waits for a connect that hangs; a late worker finds no runner.
    struct Run
    {
        std::atomic_bool cancel{false};
        QPointer<SshRunner> runner;
        std::mutex inputLock;
        QByteArray input; // typed at the remote terminal, not yet sent
    };
    static void work(const std::shared_ptr<Run> &run, const RunRequest &request, const SshConfig &config);
    // A result that says where the command ran (the target as reached through this host).
    static RunResult resultFor(const RunRequest &request, const SshConfig &config);
    // Runs fn with the runner on the runner's (GUI) thread; dropped when the runner is gone.
    static void post(const std::shared_ptr<Run> &run, std::function<void(SshRunner *)> fn);

    static std::atomic_int s_workers;

    void handOff(const RunRequest &request);

    SshConfig m_config;
    std::shared_ptr<Run> m_run;
    bool m_running = false;
    bool m_pty = false;
};

} // namespace Sitrep::Runbook
