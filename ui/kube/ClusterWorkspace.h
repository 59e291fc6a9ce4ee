#pragma once

#include "kube/ClusterConnection.h"
#include "kube/Kubeconfig.h"

#include <QPointer>
#include <QWidget>

#include <memory>

class QComboBox;
class QTabWidget;

namespace Sitrep::Ui {

class ClusterBar;
class DeploymentsPane;
class EventLinks;
class EventsPane;
class PodsPane;

// The cluster area of the main window: a bar to pick the kubeconfig context and the namespace (or all
// namespaces), TLS/credential warnings, and the pods, events and deployments panes in tabs. It owns the
// ClusterConnection of the chosen context and replaces it on a context switch.
class ClusterWorkspace final : public QWidget
{
    Q_OBJECT
public:
    ClusterWorkspace(const Core::Clock &clock, Core::IncidentSession *session, QWidget *parent = nullptr);
    ~ClusterWorkspace() override;

    // The kubeconfig to offer contexts from; opens its current context.
    void setKubeconfig(const Kube::Kubeconfig &kubeconfig);
    // Opens a context (empty = current-context); an error is shown in the bar and returned.
    Core::Result<void> openContext(const QString &context);
    // "" = all namespaces.
    void setNamespace(const QString &ns);
    void setSession(Core::IncidentSession *session);

    Kube::ClusterConnection *connection() const { return m_connection.get(); }
    PodsPane *podsPane() const { return m_pods; }
    EventsPane *eventsPane() const { return m_events; }
    DeploymentsPane *deploymentsPane() const { return m_deployments; }
    QComboBox *contextCombo() const { return m_context; }
    QComboBox *namespaceCombo() const;
    ClusterBar *clusterBar() const { return m_bar; }
    EventLinks *eventLinks() const { return m_links; }
    QString message() const;

signals:
    // A new connection is open (or nullptr after a failure): the composition root hands it to the logs pane.
    void connectionChanged(Sitrep::Kube::ClusterConnection *connection);
    void logsRequested(const QString &ns, const QStringList &pods);

private:
    const Core::Clock &m_clock;
    QPointer<Core::IncidentSession> m_session;
    Kube::Kubeconfig m_kubeconfig;
    std::unique_ptr<Kube::ClusterConnection> m_connection;
    QComboBox *m_context = nullptr;
    ClusterBar *m_bar = nullptr; // namespace selector and warnings, shared with the main window's toolbar
    EventLinks *m_links = nullptr;
    QTabWidget *m_tabs = nullptr;
    PodsPane *m_pods = nullptr;
    EventsPane *m_events = nullptr;
    DeploymentsPane *m_deployments = nullptr;
    bool m_updating = false;
};

} // namespace Sitrep::Ui
