#pragma once

#include "core/Result.h"
#include "runbook/CommandRunner.h"

#include <QPointer>

#include <atomic>
#include <functional>
#include <memory>

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
// acceptFingerprint.
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

    // The command line the remote shell receives: placeholder values exported first.
    static QString remoteCommand(const RunRequest &request);
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
    };
    static void work(const std::shared_ptr<Run> &run, const RunRequest &request, const SshConfig &config);
    // Runs fn with the runner on the runner's (GUI) thread; dropped when the runner is gone.
    static void post(const std::shared_ptr<Run> &run, std::function<void(SshRunner *)> fn);

    static std::atomic_int s_workers;

    SshConfig m_config;
    std::shared_ptr<Run> m_run;
    bool m_running = false;
};

} // namespace Sitrep::Runbook
