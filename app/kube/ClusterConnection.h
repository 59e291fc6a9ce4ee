#pragma once

#include "core/Clock.h"
#include "core/IncidentSession.h"
#include "core/Result.h"
#include "kube/AccessReview.h"
#include "kube/ActionRunner.h"
#include "kube/ClusterHealth.h"
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
// census for the wall, and whether the cluster still answers (health). An incident may watch several: each is
// one ClusterConnection (see ClusterSet), with a name and a colour the panes mark its rows with. Panes bind to
// it and re-bind on informersReplaced().
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
    ClusterHealth *health() const { return m_health; }
    QString contextName() const { return m_client->contextName(); }
    // What the panes, the confirmation and the journal call this cluster ("prod-eu"); the context by default.
    QString clusterName() const { return m_name.isEmpty() ? contextName() : m_name; }
    // The banner-like colour of its rows ("#1565c0"); empty when it is the only cluster.
    QString colour() const { return m_colour; }
    void setDisplay(const QString &name, const QString &colour);
    // With several clusters, journal entries and action outcomes say which cluster they are about.
    void setNamedInSentences(bool named);
    bool namedInSentences() const { return m_named; }
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
    void displayChanged();

private:
    ClusterConnection(std::unique_ptr<KubeClient> client, const Core::Clock &clock,
                      Core::IncidentSession *session, QObject *parent);
    void makeInformers();

    std::unique_ptr<KubeClient> m_client;
    const Core::Clock &m_clock;
    ActionRunner *m_actions = nullptr;
    AccessReview *m_access = nullptr;
    ClusterJournaler *m_journaler = nullptr;
    ClusterHealth *m_health = nullptr;
    PodCensus *m_census = nullptr;
    Informer *m_pods = nullptr;
    Informer *m_events = nullptr;
    Informer *m_deployments = nullptr;
    InformerSetup m_setup;
    QString m_ns;
    QString m_name;
    QString m_colour;
    bool m_named = false;
    bool m_started = false;
};

} // namespace Sitrep::Kube
