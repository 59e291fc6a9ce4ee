#pragma once

#include "core/Clock.h"
#include "core/Result.h"
#include "kube/ExecCredentialPlugin.h"
#include "kube/KubeCall.h"
#include "kube/Kubeconfig.h"

#include <QElapsedTimer>
#include <QList>
#include <QNetworkRequest>
#include <QObject>
#include <QSet>
#include <QSslConfiguration>
#include <QUrl>

#include <memory>

class QNetworkAccessManager;

namespace Sitrep::Kube {

// The connection to one cluster as one user (one kubeconfig context): one QNetworkAccessManager, TLS from the
// kubeconfig, credentials (token, token file, client certificate, basic, exec plugin), and every call tracked
// so shutdown() can abort it.
class KubeClient final : public QObject
{
    Q_OBJECT
public:
    // Fails with a sentence naming the file when a certificate, key or CA cannot be read.
    static Core::Result<std::unique_ptr<KubeClient>>
    create(const ClusterConfig &config, const Core::Clock &clock, QObject *parent = nullptr);
    ~KubeClient() override;

    const ClusterConfig &config() const { return m_config; }
    QString contextName() const { return m_config.context.name; }
    QString userName() const { return m_config.user.name; }
    QString defaultNamespace() const { return m_config.ns; }
    QUrl server() const { return m_server; }
    QStringList warnings() const { return m_config.warnings; }
    const Core::Clock &clock() const { return m_clock; }
    QNetworkAccessManager *networkManager() const { return m_nam; }

    // Starts a call; the returned object reports finished() exactly once (also after shutdown()).
    KubeCall *send(KubeRequest request);
    KubeCall *get(const QString &path, const QUrlQuery &query = {}, const QString &what = {});
    // Aborts everything in flight; no call is sent after this.
    void shutdown();
    int inFlight() const { return int(m_calls.size()); }

    // Default timeout of non-streaming calls (and silence tolerated on streams without their own).
    void setDefaultTimeoutMs(int ms) { m_timeoutMs = ms; }
    int defaultTimeoutMs() const { return m_timeoutMs; }
    // The largest answer read (one event for a watch); larger ones fail with a sentence naming the URL.
    void setMaxReplyBytes(qint64 bytes) { m_maxReplyBytes = bytes; }
    qint64 maxReplyBytes() const { return m_maxReplyBytes; }

    // An authenticated request for any URL of this server, for modules that stream on their own (logs).
    // Uses the credential at hand; an exec credential that is not fetched yet is left out.
    QNetworkRequest makeRequest(const QUrl &url) const;
    ExecCredentialPlugin *execPlugin() const { return m_exec; }

signals:
    // The credential plugin failed; calls waiting for it fail with the same sentence.
    void credentialError(const QString &sentence);

private:
    friend class KubeCall;
    KubeClient(ClusterConfig config, const Core::Clock &clock, QObject *parent);
    Core::Result<void> setUp();
    void dispatch(KubeCall *call);
    void started(KubeCall *call);
    void forget(KubeCall *call);
    QString tokenNow() const;
    // Called by a call that got 401: with an exec plugin, drop the credential and send once more.
    bool retryAfterUnauthorized(KubeCall *call);

    ClusterConfig m_config;
    const Core::Clock &m_clock;
    QNetworkAccessManager *m_nam = nullptr;
    QUrl m_server;
    QSslConfiguration m_ssl;
    ExecCredentialPlugin *m_exec = nullptr;
    QList<QPointer<KubeCall>> m_waiting; // for the exec plugin
    QSet<KubeCall *> m_calls;
    mutable QString m_fileToken;
    mutable QElapsedTimer m_fileTokenAge;
    int m_timeoutMs = 30000;
    qint64 m_maxReplyBytes;
    bool m_shutdown = false;
};

} // namespace Sitrep::Kube
