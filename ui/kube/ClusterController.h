#pragma once

#include "ClusterListEditor.h"
#include "kube/ClusterSet.h"

#include <QObject>
#include <QPointer>

namespace Sitrep::Core {
class IncidentSession;
}

namespace Sitrep::Ui {

class ClustersDialog;
class DeploymentsPane;
class EventsPane;
class PodsPane;
class ResourcesPane;

// Which clusters the console watches, and the panes that show them: the open incident's clusters when it
// names some (Incident > Clusters…, or chosen when declaring it), else the active environment's contexts (or the
// demo's). Owns the ClusterSet, hands its connections to the pods, events, deployments and cluster panes, and
// records a new choice in the incident's journal.
class ClusterController final : public QObject
{
    Q_OBJECT
public:
    ClusterController(const Core::Clock &clock, QWidget *dialogParent, QObject *parent = nullptr);
    ~ClusterController() override;

    Kube::ClusterSet *set() const { return m_set; }
    void addPanes(PodsPane *pods, EventsPane *events, DeploymentsPane *deployments, ResourcesPane *resources);

    // What the environment (or the demo) points at: watched while the open incident names no clusters.
    void setEnvironmentClusters(const QList<Kube::ClusterSpec> &clusters);
    // The open incident (nullptr: none): the clusters it names replace the environment's; a clusters entry
    // appended later (another console, the CLI) is followed.
    void setSession(Core::IncidentSession *session);
    // Records the clusters in the open incident (if any) and watches them. A failed journal write is returned
    // (the clusters are watched all the same: seeing the cluster is never worse than not seeing it).
    Core::Result<void> chooseClusters(const QList<Kube::ClusterSpec> &clusters);

    // What is watched now, and whether it comes from the incident.
    QList<Kube::ClusterSpec> clusters() const { return m_set->specs(); }
    bool incidentNamesClusters() const { return !m_incidentClusters.isEmpty(); }
    // Every context one may pick: those of $KUBECONFIG / ~/.kube/config, plus those of the files the
    // environment, the demo or the incident name.
    QList<ClusterListEditor::Choice> choices() const;

    // Incident > Clusters… (non-blocking).
    ClustersDialog *showDialog();

signals:
    void clustersChanged();
    // A sentence for the status bar (a cluster that could not be opened, a choice not recorded).
    void message(const QString &sentence, bool error);

private:
    void apply(const QList<Kube::ClusterSpec> &clusters);
    void bindPanes();

    Kube::ClusterSet *m_set;
    QPointer<QWidget> m_dialogParent;
    QPointer<Core::IncidentSession> m_session;
    QMetaObject::Connection m_journalLink;
    QList<Kube::ClusterSpec> m_environmentClusters;
    QList<Kube::ClusterSpec> m_incidentClusters;
    QPointer<PodsPane> m_pods;
    QPointer<EventsPane> m_events;
    QPointer<DeploymentsPane> m_deployments;
    QPointer<ResourcesPane> m_resources;
};

} // namespace Sitrep::Ui
