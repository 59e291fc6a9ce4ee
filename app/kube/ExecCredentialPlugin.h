#pragma once

#include "core/Clock.h"
#include "core/Result.h"
#include "kube/Kubeconfig.h"

#include <QDateTime>
#include <QObject>
#include <QPointer>

#include <optional>

class QProcess;
class QTimer;

namespace Sitrep::Kube {

// A credential handed out by an exec plugin (or read from the kubeconfig).
struct Credential
{
    QString token;
    QByteArray clientCertificatePem;
    QByteArray clientKeyPem;
    QDateTime expiry; // invalid = does not expire

    bool expiredAt(const QDateTime &now) const { return expiry.isValid() && now >= expiry; }
};

// Runs a kubeconfig exec credential plugin the way client-go does (command + args + env,
// KUBERNETES_EXEC_INFO, ExecCredential on stdout) without blocking: fetch() starts it, ready()/failed()
// report. The credential is cached until its expirationTimestamp.
class ExecCredentialPlugin final : public QObject
{
    Q_OBJECT
public:
    ExecCredentialPlugin(ExecConfig exec, ClusterInfo cluster, const Core::Clock &clock,
                         QObject *parent = nullptr);
    ~ExecCredentialPlugin() override;

    // The cached credential if it has not expired yet.
    std::optional<Credential> cached() const;
    // The last credential handed out, expired or not (a plugin may return one that is already stale).
    std::optional<Credential> last() const { return m_cache; }
    // Starts the plugin unless it is already running; ready() or failed() follows.
    void fetch();
    // Drops the cache (the server rejected it).
    void invalidate();
    bool running() const { return m_process != nullptr; }
    int runs() const { return m_runs; }
    void setTimeoutMs(int ms) { m_timeoutMs = ms; }

    // Parses an ExecCredential document (public for tests).
    static Core::Result<Credential> parseOutput(const QByteArray &json, const QString &expectedApiVersion);

signals:
    void ready(const Sitrep::Kube::Credential &credential);
    void failed(const QString &sentence);

private:
    void onFinished();
    QByteArray execInfo() const;

    ExecConfig m_exec;
    ClusterInfo m_cluster;
    const Core::Clock &m_clock;
    std::optional<Credential> m_cache;
    QPointer<QProcess> m_process;
    QTimer *m_timer = nullptr;
    int m_runs = 0;
    int m_timeoutMs = 30000;
};

} // namespace Sitrep::Kube
