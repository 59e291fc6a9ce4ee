#include "kube/ClusterConnection.h"

namespace Sitrep::Kube {

using Core::Result;

ClusterConnection::ClusterConnection(std::unique_ptr<KubeClient> client, const Core::Clock &clock,
                                     Core::IncidentSession *session, QObject *parent)
    : QObject(parent)
    , m_client(std::move(client))
    , m_clock(clock)
{
    m_client->setParent(nullptr); // owned by the unique_ptr
    m_actions = new ActionRunner(m_client.get(), session, this);
    m_access = new AccessReview(m_client.get(), this);
    m_journaler = new ClusterJournaler(session, clock, m_client->contextName(), this);
    m_census = new PodCensus(clock, session, this);
    m_journaler->setCensus(m_census);
    m_health = new ClusterHealth(m_client.get(), clock, this);
    m_ns = m_client->defaultNamespace();
}

void ClusterConnection::setDisplay(const QString &name, const QString &colour)
{
    if (name == m_name && colour == m_colour)
        return;
    m_name = name;
    m_colour = colour;
    setNamedInSentences(m_named); // the sentences use the new name
    emit displayChanged();
}

void ClusterConnection::setNamedInSentences(bool named)
{
    m_named = named;
    m_actions->setClusterName(clusterName(), named);
    m_journaler->setClusterName(clusterName(), named);
}

ClusterConnection::~ClusterConnection()
{
    // No state signals from a connection being destroyed: their receivers may be gone already.
    for (Informer *i : {m_pods, m_events, m_deployments})
        if (i)
            i->blockSignals(true);
    m_health->blockSignals(true);
    shutdown();
}

Result<std::unique_ptr<ClusterConnection>>
ClusterConnection::open(const Kubeconfig &kubeconfig, const QString &context, const Core::Clock &clock,
                        Core::IncidentSession *session, QObject *parent)
{
    auto cfg = kubeconfig.resolve(context);
    if (!cfg)
        return cfg.error();
    return open(*cfg, clock, session, parent);
}

Result<std::unique_ptr<ClusterConnection>> ClusterConnection::open(const ClusterConfig &config,
                                                                   const Core::Clock &clock,
                                                                   Core::IncidentSession *session,
                                                                   QObject *parent)
{
    auto client = KubeClient::create(config, clock);
    if (!client)
        return client.error();
    return std::unique_ptr<ClusterConnection>(
        new ClusterConnection(std::move(client).value(), clock, session, parent));
}

void ClusterConnection::setSession(Core::IncidentSession *session)
{
    m_actions->setSession(session);
    m_journaler->setSession(session);
    m_census->setSession(session);
}

void ClusterConnection::makeInformers()
{
    for (Informer *i : {m_pods, m_events, m_deployments}) {
        if (i) {
            i->stop();
            i->deleteLater();
        }
    }
    m_pods = new Informer(m_client.get(), ResourceRef::pods(m_ns), this);
    m_events = new Informer(m_client.get(), ResourceRef::events(m_ns), this);
    m_deployments = new Informer(m_client.get(), ResourceRef::deployments(m_ns), this);
    connect(m_pods, &Informer::eventsReady, m_journaler, &ClusterJournaler::onPodEvents);
    m_census->reset();
    m_census->setSourceLive(false);
    connect(m_pods, &Informer::stateChanged, m_census,
            [this](Informer::State state) { m_census->setSourceLive(state == Informer::State::Live); });
    connect(m_events, &Informer::eventsReady, m_journaler, &ClusterJournaler::onClusterEvents);
    connect(m_deployments, &Informer::eventsReady, m_journaler, &ClusterJournaler::onDeploymentEvents);
    m_health->follow(m_pods);
    if (m_setup)
        for (Informer *i : {m_pods, m_events, m_deployments})
            m_setup(*i);
}

void ClusterConnection::start()
{
    if (m_started)
        return;
    m_started = true;
    makeInformers();
    emit informersReplaced();
    for (Informer *i : {m_pods, m_events, m_deployments})
        i->start();
    m_health->start();
}

void ClusterConnection::setNamespace(const QString &ns)
{
    m_ns = ns;
    if (!m_started)
        return;
    makeInformers();
    emit informersReplaced();
    for (Informer *i : {m_pods, m_events, m_deployments})
        i->start();
}

void ClusterConnection::shutdown()
{
    m_health->stop();
    for (Informer *i : {m_pods, m_events, m_deployments})
        if (i)
            i->stop();
    if (m_client)
        m_client->shutdown();
}

} // namespace Sitrep::Kube
