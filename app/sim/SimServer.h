#pragma once

#include "core/Clock.h"
#include "core/Result.h"
#include "sim/Scenario.h"

#include <QByteArray>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>
#include <QTcpServer>
#include <QUrl>

#include <memory>

namespace Sitrep::Sim {

class ApiRouter;
class ClusterState;
class Controllers;
class EventRecorder;
class ExecServer;
class FaultInjector;
class HttpConnection;
class MetricsModel;
class PodLogs;
class ResourceCatalog;
class ResourceHandler;
class ScenarioTimeline;
class Simulation;
class WatchHub;

// The simulated Kubernetes cluster as a server on 127.0.0.1: the API that kubectl and app/kube talk to,
// /metrics for Prometheus, scenarios that unfold over time, and fault injection for client tests.
// Runs in the caller's event loop (in-process for tests and `sitrep --demo`, or under `sitrep sim`).
class SimServer final : public QObject
{
    Q_OBJECT
public:
    // `clock` (optional) drives simulated time; without one the wall clock is used. It must outlive the
    // server.
    explicit SimServer(QObject *parent = nullptr, const Core::Clock *clock = nullptr);
    ~SimServer() override;

    // Before start(): which scenario (built-in name or JSON file path). Default: api-gateway-rollout.
    Core::Result<void> loadScenario(const QString &nameOrPath);
    Core::Result<void> loadScenario(const Scenario &scenario);

    // Listens on 127.0.0.1:port (0 = any free port). TLS generates a CA and a server certificate.
    Core::Result<QUrl> start(quint16 port = 0, bool tls = true);
    void stop();
    bool isListening() const;
    QUrl url() const { return m_url; }
    // An extra plain-HTTP listener that serves only /metrics (for a Prometheus without TLS config).
    Core::Result<QUrl> startMetricsListener(quint16 port = 0);
    QUrl metricsUrl() const { return m_metricsUrl; }

    // A kubeconfig (0600) that points kubectl at this server: CA data, bearer token, default namespace.
    Core::Result<void> writeKubeconfig(const QString &path,
                                       const QString &contextName = QStringLiteral("sitrep-sim"),
                                       const QString &defaultNamespace = QStringLiteral("demo")) const;
    QByteArray caCertificatePem() const { return m_caPem; }

    // Settings (any time).
    void setVersionMinor(int minor);
    int versionMinor() const;
    void setToken(const QString &token); // empty: no authentication (the default for --no-tls)
    QString token() const;
    void
    setDeniedVerbs(const QStringList &rules); // SelfSubjectAccessReview: "delete pods", "delete", "* secrets"
    void setBookmarkIntervalMs(int ms);
    void setStreamTimeoutCapMs(qint64 ms); // end every watch / logs -f after this long (tests)
    void setHistoryLimit(int events);      // watch replay window; older resourceVersions get 410
    // Whether simulated time advances on its own (QTimer). Tests with a ManualClock turn it off and call
    // step().
    void setRunning(bool running);

    // Synthetic load: N plain Running pods, and N watch events (MODIFIED) on them.
    void addSyntheticPods(int count, const QString &ns = QStringLiteral("load"));
    void churn(int events);
    // One simulation step at the clock's current time (controllers, containers, logs, metrics).
    void step();

    QByteArray metricsText() const;
    // OpenMetrics backfill for promtool (timestamps in seconds, ends with "# EOF").
    QByteArray openMetricsBackfill(int hours, int stepSeconds = 15) const;

    ClusterState &state() { return *m_state; }
    Controllers &controllers() { return *m_controllers; }
    PodLogs &logs() { return *m_logs; }
    FaultInjector &faults() { return *m_faults; }
    Simulation &simulation() { return *m_simulation; }
    // The scenario's timeline as it plays (null before a scenario is loaded).
    const ScenarioTimeline *timeline() const { return m_timeline.get(); }
    const Scenario &scenario() const;
    int openStreams() const;
    // kubectl exec sessions open now, and the counters the scripted answers quote ("connections").
    int openExecSessions() const;
    QHash<QString, QString> execCounters() const;

signals:
    void requestHandled(const QByteArray &method, const QString &path);

private:
    void onNewConnection(QTcpServer *server, bool metricsOnly);

    std::unique_ptr<Core::Clock> m_ownClock;
    const Core::Clock *m_clock = nullptr;
    std::unique_ptr<ClusterState> m_state;
    std::unique_ptr<EventRecorder> m_events;
    std::unique_ptr<Controllers> m_controllers;
    std::unique_ptr<PodLogs> m_logs;
    std::unique_ptr<Simulation> m_simulation;
    std::unique_ptr<WatchHub> m_hub;
    std::unique_ptr<ResourceCatalog> m_catalog;
    std::unique_ptr<FaultInjector> m_faults;
    std::unique_ptr<ResourceHandler> m_resources;
    std::unique_ptr<ApiRouter> m_router;
    std::unique_ptr<ApiRouter> m_metricsRouter;
    std::unique_ptr<ExecServer> m_exec;
    std::unique_ptr<MetricsModel> m_metrics;
    std::unique_ptr<ScenarioTimeline> m_timeline;
    QPointer<QTcpServer> m_server;
    QPointer<QTcpServer> m_metricsServer;
    QUrl m_url;
    QUrl m_metricsUrl;
    QByteArray m_caPem;
    bool m_loaded = false;
    bool m_running = true;
    QString m_pendingToken;
    bool m_tokenSet = false;
    quint64 m_churnCursor = 0;
    QStringList m_churnNames; // the load pods churn() modifies, listed once
};

} // namespace Sitrep::Sim
