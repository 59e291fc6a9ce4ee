#include "ClusterController.h"

#include "ClustersDialog.h"
#include "DeploymentsPane.h"
#include "EventsPane.h"
#include "PodsPane.h"
#include "ResourcesPane.h"
#include "core/IncidentSession.h"
#include "kube/Kubeconfig.h"

namespace Sitrep::Ui {

using Kube::ClusterSpec;

ClusterController::ClusterController(const Core::Clock &clock, QWidget *dialogParent, QObject *parent)
    : QObject(parent)
    , m_set(new Kube::ClusterSet(clock, nullptr, this))
    , m_dialogParent(dialogParent)
{
    connect(m_set, &Kube::ClusterSet::clustersChanged, this, [this] {
        bindPanes();
        for (const auto &[name, why] : m_set->failures())
            emit message(tr("Cluster %1 not connected: %2").arg(name, why), true);
        emit clustersChanged();
    });
}

ClusterController::~ClusterController()
{
    // The panes outlive the connections: unbind them before the connections go.
    if (m_pods)
        m_pods->setConnections({});
    if (m_events)
        m_events->setConnections({});
    if (m_deployments)
        m_deployments->setConnections({});
    if (m_resources)
        m_resources->setConnections({});
}

void ClusterController::addPanes(PodsPane *pods, EventsPane *events, DeploymentsPane *deployments,
                                 ResourcesPane *resources)
{
    m_pods = pods;
    m_events = events;
    m_deployments = deployments;
    m_resources = resources;
    bindPanes();
}

void ClusterController::bindPanes()
{
    const QList<Kube::ClusterConnection *> list = m_set->connections();
    if (m_pods)
        m_pods->setConnections(list);
    if (m_events)
        m_events->setConnections(list);
    if (m_deployments)
        m_deployments->setConnections(list);
    if (m_resources)
        m_resources->setConnections(list);
}

void ClusterController::apply(const QList<ClusterSpec> &clusters)
{
    if (clusters == m_set->specs() && !m_set->isEmpty())
        return;
    m_set->setClusters(clusters);
}

void ClusterController::setEnvironmentClusters(const QList<ClusterSpec> &clusters)
{
    m_environmentClusters = clusters;
    if (m_incidentClusters.isEmpty())
        m_set->setClusters(clusters); // asked again: a reconnect of the same clusters keeps their rows
}

void ClusterController::setSession(Core::IncidentSession *session)
{
    disconnect(m_journalLink);
    m_session = session;
    m_set->setSession(session);
    m_incidentClusters = session ? Kube::IncidentClusters::fromEvents(session->journal().events())
                                 : QList<ClusterSpec>{};
    if (session) {
        m_journalLink = connect(&session->journal(), &Core::Journal::eventsAppended, this,
                                [this](const QList<Core::TimelineEvent> &events) {
                                    for (const Core::TimelineEvent &e : events) {
                                        if (auto clusters = Kube::IncidentClusters::fromEvent(e)) {
                                            m_incidentClusters = *clusters;
                                            apply(m_incidentClusters.isEmpty() ? m_environmentClusters
                                                                              : m_incidentClusters);
                                        }
                                    }
                                });
    }
    apply(m_incidentClusters.isEmpty() ? m_environmentClusters : m_incidentClusters);
}

Core::Result<void> ClusterController::chooseClusters(const QList<ClusterSpec> &clusters)
{
    Core::Result<void> recorded;
    if (m_session && m_session->incident().isDeclared()) {
        m_incidentClusters = clusters;
        // The journal entry comes back through eventsAppended; applying now makes the choice immediate.
        recorded = Kube::IncidentClusters::record(*m_session, clusters);
        if (!recorded)
            emit message(tr("The clusters are watched but not recorded in the incident: %1")
                             .arg(recorded.error().text()),
                         true);
    } else {
        m_environmentClusters = clusters;
    }
    apply(clusters);
    return recorded;
}

QList<ClusterListEditor::Choice> ClusterController::choices() const
{
    QList<ClusterListEditor::Choice> out;
    auto addFile = [&out](const QString &file) {
        const auto kc = Kube::Kubeconfig::load(file);
        if (!kc)
            return;
        for (const Kube::ContextInfo &c : kc->contexts()) {
            const bool have = std::any_of(out.begin(), out.end(), [&](const ClusterListEditor::Choice &o) {
                return o.context == c.name && o.kubeconfig == file;
            });
            if (!have)
                out.append({file, c.name, c.ns});
        }
    };
    addFile(QString());
    QStringList files;
    for (const QList<ClusterSpec> *list : {&m_environmentClusters, &m_incidentClusters}) {
        for (const ClusterSpec &s : *list)
            if (!s.kubeconfig.isEmpty() && !files.contains(s.kubeconfig))
                files << s.kubeconfig;
    }
    for (const QString &f : std::as_const(files))
        addFile(f);
    return out;
}

ClustersDialog *ClusterController::showDialog()
{
    auto *dialog = new ClustersDialog(choices(), clusters(), m_session && m_session->incident().isDeclared(),
                                      m_dialogParent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ClustersDialog::clustersChosen, this,
            [this](const QList<ClusterSpec> &clusters) { (void)chooseClusters(clusters); });
    dialog->open();
    return dialog;
}

} // namespace Sitrep::Ui
