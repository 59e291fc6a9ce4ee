#pragma once

#include "core/Clock.h"
#include "core/IncidentSession.h"
#include "core/Result.h"
#include "kube/AccessReview.h"
#include "kube/ActionRunner.h"
#include "kube/ClusterJournaler.h"
#include "kube/Informer.h"
#include "kube/KubeClient.h"
#include "kube/Kubeconfig.h"
#include "kube/PodCensus.h"

#include <QObject>

#include <memory>

namespace Sitrep::Kube {

// Everything Sitrep keeps open for one kubeconfig context: the client, pod/event/deployment informers for the
// chosen namespace (or all), the action runner, RBAC checks, the journaler feeding the incident and the pod
// census for the wall. The composition root creates one per open context; panes bind to it and re-bind on
// informersReplaced().
class ClusterConnection final : public QObject
{
    Q_OBJECT
public:
    static Core::Result<std::unique_ptr<ClusterConnection>>
    open(const Kubeconfig &kubeconfig, const QString &context, const Core::Clock &clock,
         Core::IncidentSession *session, QObject *parent = nullptr);
    static Core::Result<std::unique_ptr<ClusterConnection>> open(const ClusterConfig &config,
                                                                 const Core::Clock &clock,
                                                                 Core::IncidentSession *session,
                                                                 QObject *parent = nullptr);
    ~ClusterConnection() override;

    KubeClient *client() const { return m_client.get(); }
    ActionRunner *actions() const { return m_actions; }
    AccessReview *access() const { return m_access; }
    ClusterJournaler *journaler() const { return m_journaler; }
    PodCensus *census() const { return m_census; }
    Informer *pods() const { return m_pods; }
    Informer *events() const { return m_events; }
    Informer *deployments() const { return m_deployments; }
    QString contextName() const { return m_client->contextName(); }
    // "" means all namespaces.
    QString currentNamespace() const { return m_ns; }
    void setSession(Core::IncidentSession *session);

    // Replaces the informers with ones for ns ("" = all namespaces) and starts them.
    void setNamespace(const QString &ns);
    // Lets tests and the benchmark shorten timeouts before start().
    using InformerSetup = std::function<void(Informer &)>;
    void setInformerSetup(InformerSetup setup) { m_setup = std::move(setup); }
    void start();
    void shutdown();

signals:
    void informersReplaced();

private:
    ClusterConnection(std::unique_ptr<KubeClient> client, const Core::Clock &clock,
                      Core::IncidentSession *session, QObject *parent);
    void makeInformers();

    std::unique_ptr<KubeClient> m_client;
    const Core::Clock &m_clock;
    ActionRunner *m_actions = nullptr;
    AccessReview *m_access = nullptr;
    ClusterJournaler *m_journaler = nullptr;
    PodCensus *m_census = nullptr;
    Informer *m_pods = nullptr;
    Informer *m_events = nullptr;
    Informer *m_deployments = nullptr;
    InformerSetup m_setup;
    QString m_ns;
    bool m_started = false;
};

} // namespace Sitrep::Kube
