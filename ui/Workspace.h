#pragma once

#include "core/Environment.h"

#include <QObject>

#include <QUrl>

#include <memory>

class QNetworkAccessManager;

namespace Sitrep::Core {
class IncidentFile;
class Redactor;
} // namespace Sitrep::Core
namespace Sitrep::Secrets {
class SecretStore;
}
namespace Sitrep::Kube {
class ClusterConnection;
}
namespace Sitrep::Logs {
class LogSession;
class PodTargetTracker;
} // namespace Sitrep::Logs
namespace Sitrep::Prom {
class AlertmanagerClient;
}
namespace Sitrep::Demo {
class DemoSession;
}

namespace Sitrep::Ui {

class MainWindow;
class ClusterController;
class ConnectionDialog;
class ChannelSettingsDialog;
class EnvironmentController;
class WallWindow;
class CommsController;
class CommsPaneHost;
class RunbookWizard;
class RunbookController;
class PodsPane;
class EventsPane;
class DeploymentsPane;
class ResourcesPane;
class ChartsPane;
class LogsPane;
class AlertsPane;
class MonitoringConnection;

// The GUI's wiring: creates the services each pane family needs (keychain, notifier plugins, ...)
// and docks the panes into the main window. GuiApp owns one for the life of the program.
class Workspace final : public QObject
{
    Q_OBJECT
public:
    Workspace(Sitrep::Core::IncidentFile &file, MainWindow &window, QObject *parent = nullptr);
    ~Workspace() override;

    // Plugs live sources (the update countdown ...) into a wall window.
    void attachWall(WallWindow &wall);
    CommsPaneHost *comms() const { return m_comms; }
    CommsController *commsController() const { return m_commsController; }
    RunbookWizard *runbook() const { return m_wizard; }
    RunbookController *runbooks() const { return m_runbooks; }
    // Opens a runbook in the wizard (bundled ":/runbooks/..." paths work too).
    bool openRunbook(const QString &path);
    // Connects the cluster panes to a kubeconfig context (the demo's or a real cluster's).
    bool connectCluster(const QString &kubeconfig, const QString &context);
    // The clusters the panes show (several for an incident across regions), and who chooses them.
    ClusterController *clusters() const { return m_clusters; }
    // Points the charts and alerts panes at a Prometheus that needs no credentials (the demo's) and loads the
    // dashboards: the bundled ones and the user's (~/.config/sitrep/dashboards).
    bool connectPrometheus(const QUrl &url);
    ChartsPane *charts() const { return m_charts; }
    AlertsPane *alerts() const { return m_alerts; }
    // The live Prometheus and Alertmanager clients of the active environment.
    MonitoringConnection *monitoring() const { return m_monitoring.get(); }
    // Starts the simulated cluster and Prometheus in-process and declares the demo incident on them.
    bool startDemo();
    // Which demo startDemo() runs: "" (one cluster) or "two-regions" (prod-eu in the crash loop, prod-us
    // healthy, each its own simulator).
    void setDemoScenario(const QString &scenario) { m_demoScenario = scenario; }
    Sitrep::Demo::DemoSession *demo() const { return m_demo.get(); }
    // Connects everything an environment names; says in the toolbar what is missing.
    void applyEnvironment(const Sitrep::Core::Environment &environment);
    // The first-run and settings dialog (non-blocking); saved environments are applied.
    ConnectionDialog *showConnections();
    bool isFirstRun() const;
    // Where updates go (Slack, webhook, the file channel ...): edited, saved in settings, secrets in the
    // keychain.
    ChannelSettingsDialog *editChannels();
    PodsPane *pods() const { return m_pods; }
    EventsPane *events() const { return m_events; }
    DeploymentsPane *deployments() const { return m_deployments; }
    ResourcesPane *resources() const { return m_resources; }
    LogsPane *logs() const { return m_logs; }
    // The first (usually the only) cluster the panes show.
    Sitrep::Kube::ClusterConnection *cluster() const;
    Sitrep::Secrets::SecretStore &secrets() const { return *m_secrets; }
    std::shared_ptr<Sitrep::Core::Redactor> redactor() const { return m_redactor; }

private:
    void setUpComms();
    void setUpRunbook();
    void setUpPanes();
    void setUpEnvironments();
    void bindLogsToCluster();
    void clustersChanged(); // logs, runbook targets and the toolbar follow the clusters shown
    void prometheusConnected(); // dashboards, time range, polling

    Sitrep::Core::IncidentFile &m_file;
    MainWindow &m_window;
    std::shared_ptr<Sitrep::Core::Redactor> m_redactor;
    std::unique_ptr<QNetworkAccessManager> m_nam;
    std::unique_ptr<Sitrep::Secrets::SecretStore> m_secrets;
    CommsController *m_commsController = nullptr;
    CommsPaneHost *m_comms = nullptr;
    RunbookController *m_runbooks = nullptr;
    RunbookWizard *m_wizard = nullptr;
    ClusterController *m_clusters = nullptr;
    std::unique_ptr<MonitoringConnection> m_monitoring; // after m_secrets: destroyed before it
    PodsPane *m_pods = nullptr;
    EventsPane *m_events = nullptr;
    DeploymentsPane *m_deployments = nullptr;
    ResourcesPane *m_resources = nullptr;
    ChartsPane *m_charts = nullptr;
    Sitrep::Logs::LogSession *m_logSession = nullptr;
    Sitrep::Logs::PodTargetTracker *m_logTargets = nullptr;
    LogsPane *m_logs = nullptr;
    AlertsPane *m_alerts = nullptr;
    QList<QMetaObject::Connection> m_podsToLogs;
    QStringList m_logClusters; // the clusters whose pods the logs pane follows
    QString m_demoScenario;
    QMetaObject::Connection m_followStart; // the open journal -> the pods' "since incident" baseline
    EnvironmentController *m_environments = nullptr;
    std::unique_ptr<Sitrep::Demo::DemoSession> m_demo;
};

} // namespace Sitrep::Ui
