#pragma once

#include "kube/ActionPlan.h"
#include "kube/RolloutHistory.h"

#include <QDateTime>
#include <QStringList>

namespace Sitrep::Kube {

// Builds the exact requests kubectl sends for each action (see notes/kubernetes-wire.md section 1).
// Pure functions: no network, so every byte is tested.
struct Actions
{
    static ActionPlan rolloutRestart(const QString &ns, const QString &deployment, const QDateTime &now);
    static ActionPlan scale(const QString &ns, const QString &deployment, int replicas);
    // From the deployment and its ReplicaSets (fetched by ActionRunner::prepareUndo); 0 = previous revision.
    static Core::Result<ActionPlan> rolloutUndo(const QJsonObject &deployment, const QJsonArray &replicaSets,
                                                qint64 toRevision);
    static ActionPlan deletePods(const QString &ns, const QStringList &pods);
    // `kubectl delete pods --field-selector F -l L` once the matching pods are known.
    static ActionPlan deleteMatchingPods(const QString &ns, const QStringList &pods,
                                         const QString &fieldSelector, const QString &labelSelector);
    static ActionPlan cordon(const QString &node, bool cordon = true);
};

} // namespace Sitrep::Kube
