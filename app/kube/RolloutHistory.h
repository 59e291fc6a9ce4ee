#pragma once

#include "core/Result.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace Sitrep::Kube {

// One revision of a deployment: a ReplicaSet it owns, as `kubectl rollout history` lists it.
struct Revision
{
    qint64 revision = 0;
    QString replicaSet;
    QString changeCause;
    QString images; // "api=registry/api:1.4.2, sidecar=..."
    qint64 createdMs = 0;
    int replicas = 0;
    QJsonObject replicaSetObject;
};

// The rollout history of a deployment from its ReplicaSets (owned by uid with controller=true, revision
// annotation), and the undo patch kubectl would send.
class RolloutHistory final
{
public:
    // replicaSets: the items of a ReplicaSetList (any selector; ownership is checked here). Sorted by
    // revision.
    static QList<Revision> fromReplicaSets(const QJsonObject &deployment, const QJsonArray &replicaSets);
    // The JSON patch of `kubectl rollout undo [--to-revision=N]` (0 = the previous revision).
    // Errors name the reason as kubectl does; "skipped" when the template already matches.
    struct Undo
    {
        qint64 revision = 0;
        QByteArray patch; // application/json-patch+json
        QString images;
    };
    static Core::Result<Undo> undoPatch(const QJsonObject &deployment, const QJsonArray &replicaSets,
                                        qint64 toRevision);
};

} // namespace Sitrep::Kube
