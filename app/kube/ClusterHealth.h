#pragma once

#include "core/Clock.h"
#include "kube/Informer.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

namespace Sitrep::Kube {

class KubeCall;
class KubeClient;

// Whether one cluster still answers, for an incident that watches several: live, connecting, stale (it
// stopped answering: the panes keep its last rows, greyed, "stale since 10:42:13") or failed (401, 403,
// a TLS error: it will not get better by waiting). Follows the cluster's pod watch, and asks GET /version
// every few seconds with a short timeout, so a cluster that hangs without closing its connections is seen
// as stale within seconds instead of after the watch's idle timeout.
class ClusterHealth final : public QObject
{
    Q_OBJECT
public:
    enum class State { Connecting, Live, Stale, Failed };
    Q_ENUM(State)

    ClusterHealth(KubeClient *client, const Core::Clock &clock, QObject *parent = nullptr);

    // The informer whose state says whether data flows (the pods one); nullptr detaches.
    void follow(Informer *informer);
    void start();
    void stop();
    // How often /version is asked and how long an answer may take (defaults 10 s and 5 s).
    void setProbe(int intervalMs, int timeoutMs);

    State state() const { return m_state; }
    // When the cluster was last known to answer (for "stale since"); 0 = never.
    qint64 staleSinceMs() const { return m_state == State::Stale ? m_staleSinceMs : 0; }
    // Why it is stale or failed (the informer's or the probe's sentence), empty when live.
    QString reason() const { return m_reason; }
    // "live", "connecting", "stale since 10:42:13: connection refused", "failed: ... (401)"
    QString text() const;
    bool hasAnswered() const { return m_everLive; }
    static QString stateName(State s);

signals:
    void changed(Sitrep::Kube::ClusterHealth::State state);

private:
    void onInformer(Informer::State state, const QString &text);
    void probe();
    void recompute();

    KubeClient *m_client;
    const Core::Clock &m_clock;
    QPointer<Informer> m_informer;
    QPointer<KubeCall> m_probeCall;
    QTimer m_probeTimer;
    int m_probeTimeoutMs = 5000;
    Informer::State m_informerState = Informer::State::Stopped;
    QString m_informerText;
    bool m_probeOk = true; // until a probe says otherwise
    QString m_probeError;
    bool m_everLive = false;
    qint64 m_lastContactMs = 0;
    qint64 m_staleSinceMs = 0;
    qint64 m_startedMs = 0;
    State m_state = State::Connecting;
    QString m_reason;
};

} // namespace Sitrep::Kube
