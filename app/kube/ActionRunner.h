#pragma once

#include "core/IncidentSession.h"
#include "core/Result.h"
#include "kube/ActionPlan.h"
#include "kube/RolloutHistory.h"

#include <QObject>
#include <QPointer>

#include <functional>

namespace Sitrep::Kube {

class KubeClient;

// How an action ended, as recorded in the journal.
struct ActionOutcome
{
    bool ok = false;
    QString sentence;    // "rollout restart deployment/api in demo succeeded" or what failed
    QList<int> statuses; // HTTP status of each request
    int failedRequests = 0;
    qint64 intentId = 0; // the journal's record written before the first request (0: none, or refused)
};

// Runs ActionPlans against the cluster (requests in order), fetches what plans need (deployment + ReplicaSets
// for undo, matching pods for delete-by-selector), and records every run in the incident journal (who, what,
// the requests, the outcome) when a session is set.
class ActionRunner final : public QObject
{
    Q_OBJECT
public:
    ActionRunner(KubeClient *client, Core::IncidentSession *session, QObject *parent = nullptr);
    void setSession(Core::IncidentSession *session) { m_session = session; }
    KubeClient *client() const { return m_client; }
    // The cluster the runner acts on, recorded with every action; named in the outcome sentence when the
    // incident watches several clusters ("... in demo on prod-eu succeeded").
    void setClusterName(const QString &name, bool namedInSentences)
    {
        m_cluster = name;
        m_named = namedInSentences;
    }
    // The plan's title as the outcome sentence and the journal say it.
    QString titleOf(const ActionPlan &plan) const;

    using PlanCallback = std::function<void(const Core::Result<ActionPlan> &)>;
    using HistoryCallback = std::function<void(const Core::Result<QList<Revision>> &)>;

    // `kubectl rollout history`: GET the deployment, list ReplicaSets by its selector, keep the owned ones.
    void fetchHistory(const QString &ns, const QString &deployment, QObject *context,
                      HistoryCallback callback);
    // The undo plan (0 = previous revision); errors like kubectl's ("skipped rollback ...").
    void prepareUndo(const QString &ns, const QString &deployment, qint64 toRevision, QObject *context,
                     PlanCallback callback);
    // Lists pods matching the selectors and plans deleting each (an empty match is an error sentence).
    void prepareDeleteMatching(const QString &ns, const QString &fieldSelector, const QString &labelSelector,
                               QObject *context, PlanCallback callback);

    // Sends the plan's requests in order; returns an id reported by finished().
    int run(const ActionPlan &plan);

signals:
    void finished(int id, const Sitrep::Kube::ActionOutcome &outcome);

private:
    void fetchDeploymentAndReplicaSets(
        const QString &ns, const QString &deployment, QObject *context,
        std::function<void(const Core::Result<std::pair<QJsonObject, QJsonArray>> &)> cb);
    void step(int id, ActionPlan plan, int index, ActionOutcome outcome);
    void record(const ActionPlan &plan, const ActionOutcome &outcome);

    KubeClient *m_client;
    QPointer<Core::IncidentSession> m_session;
    QString m_cluster;
    bool m_named = false;
    int m_nextId = 1;
};

} // namespace Sitrep::Kube
