#include "kube/ClusterHealth.h"

#include "kube/KubeCall.h"
#include "kube/KubeClient.h"

namespace Sitrep::Kube {

ClusterHealth::ClusterHealth(KubeClient *client, const Core::Clock &clock, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_clock(clock)
{
    m_probeTimer.setInterval(10000);
    connect(&m_probeTimer, &QTimer::timeout, this, &ClusterHealth::probe);
}

void ClusterHealth::setProbe(int intervalMs, int timeoutMs)
{
    m_probeTimer.setInterval(intervalMs);
    m_probeTimeoutMs = timeoutMs;
}

void ClusterHealth::follow(Informer *informer)
{
    if (m_informer)
        m_informer->disconnect(this);
    m_informer = informer;
    m_informerState = informer ? informer->state() : Informer::State::Stopped;
    m_informerText = informer ? informer->stateText() : QString();
    if (informer)
        connect(informer, &Informer::stateChanged, this, &ClusterHealth::onInformer);
    recompute();
}

void ClusterHealth::start()
{
    if (m_startedMs == 0)
        m_startedMs = m_clock.nowMs();
    m_probeTimer.start();
}

void ClusterHealth::stop()
{
    m_probeTimer.stop();
    if (m_probeCall)
        m_probeCall->abort();
}

void ClusterHealth::onInformer(Informer::State state, const QString &text)
{
    // The moment the watch breaks is the last moment data was known to flow.
    if (m_informerState == Informer::State::Live && state != Informer::State::Live)
        m_lastContactMs = m_clock.nowMs();
    m_informerState = state;
    // The error itself ("... connection refused"), not the informer's "reconnecting (3): " framing.
    m_informerText = m_informer && !m_informer->lastError().isEmpty() ? m_informer->lastError() : text;
    if (state == Informer::State::Live) {
        m_lastContactMs = m_clock.nowMs();
        m_everLive = true;
    }
    recompute();
}

void ClusterHealth::probe()
{
    if (m_probeCall)
        return; // the previous one has not answered yet: its timeout decides
    KubeRequest r;
    r.path = QStringLiteral("/version");
    r.timeoutMs = m_probeTimeoutMs;
    r.what = QStringLiteral("GET /version");
    KubeCall *call = m_client->send(r);
    m_probeCall = call;
    connect(call, &KubeCall::finished, this, [this, call] {
        m_probeCall = nullptr;
        // Any HTTP answer is an answer (a proxy's 404, a 403 for /version): the probe asks whether the server
        // is there and quick, not whether it likes us; the watches say that.
        const bool ok = call->ok() || (call->httpStatus() > 0 && !call->timedOut());
        if (ok) {
            m_probeError.clear();
            if (m_informerState == Informer::State::Live)
                m_lastContactMs = m_clock.nowMs();
        } else if (m_probeOk) {
            m_probeError = call->timedOut()
                               ? QStringLiteral("did not answer within %1 s").arg(m_probeTimeoutMs / 1000.0)
                               : call->errorText();
        }
        m_probeOk = ok;
        recompute();
    });
}

void ClusterHealth::recompute()
{
    State next = State::Connecting;
    QString reason;
    if (m_informerState == Informer::State::Failed) {
        next = State::Failed;
        reason = m_informerText;
    } else if (m_informerState == Informer::State::Live && m_probeOk) {
        next = State::Live;
    } else if (m_informerState == Informer::State::Live) {
        next = State::Stale; // the watch is open but the server no longer answers
        reason = m_probeError;
    } else if (m_informerState == Informer::State::Reconnecting) {
        next = State::Stale;
        reason = m_informerText;
    } else if (!m_probeOk) {
        next = m_everLive ? State::Stale : State::Connecting;
        reason = m_probeError;
    }
    if (next == State::Stale && m_state != State::Stale)
        m_staleSinceMs =
            m_lastContactMs > 0 ? m_lastContactMs : (m_startedMs > 0 ? m_startedMs : m_clock.nowMs());
    if (next == m_state && reason == m_reason)
        return;
    m_state = next;
    m_reason = reason;
    emit changed(next);
}

QString ClusterHealth::stateName(State s)
{
    switch (s) {
    case State::Connecting:
        return QStringLiteral("connecting");
    case State::Live:
        return QStringLiteral("live");
    case State::Stale:
        return QStringLiteral("stale");
    case State::Failed:
        return QStringLiteral("failed");
    }
    return {};
}

QString ClusterHealth::text() const
{
    switch (m_state) {
    case State::Live:
        return QStringLiteral("live");
    case State::Connecting:
        return m_reason.isEmpty() ? QStringLiteral("connecting") : QStringLiteral("connecting: ") + m_reason;
    case State::Stale: {
        const QString since =
            QDateTime::fromMSecsSinceEpoch(m_staleSinceMs).toLocalTime().toString(QStringLiteral("HH:mm:ss"));
        QString t = m_everLive ? QStringLiteral("stale since %1").arg(since)
                               : QStringLiteral("not answering since %1").arg(since);
        if (!m_reason.isEmpty())
            t += QStringLiteral(": ") + m_reason;
        return t;
    }
    case State::Failed:
        return QStringLiteral("failed: ") + m_reason;
    }
    return {};
}

} // namespace Sitrep::Kube
