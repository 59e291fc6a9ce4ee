#include "kube/Actions.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace Sitrep::Kube {

namespace {

QByteArray compact(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

KubeRequest deletePodRequest(const QString &ns, const QString &pod)
{
    KubeRequest r;
    r.method = QByteArrayLiteral("DELETE");
    r.path = resourcePath(QString(), QStringLiteral("v1"), QStringLiteral("pods"), ns, pod);
    r.contentType = QByteArrayLiteral("application/json");
    r.body = compact({{QStringLiteral("propagationPolicy"), QStringLiteral("Background")}});
    r.what = QStringLiteral("delete pod %1 in %2").arg(pod, ns);
    return r;
}

} // namespace

ActionPlan Actions::rolloutRestart(const QString &ns, const QString &deployment, const QDateTime &now)
{
    ActionPlan p;
    p.verb = QStringLiteral("rollout restart");
    p.target = QStringLiteral("deployment/") + deployment;
    p.ns = ns;
    p.kubectl = QStringLiteral("kubectl -n %1 rollout restart deployment/%2").arg(ns, deployment);
    KubeRequest r;
    r.method = QByteArrayLiteral("PATCH");
    r.path = resourcePath(QStringLiteral("apps"), QStringLiteral("v1"), QStringLiteral("deployments"), ns,
                          deployment);
    r.query.addQueryItem(QStringLiteral("fieldManager"), QStringLiteral("kubectl-rollout"));
    r.contentType = QByteArrayLiteral("application/strategic-merge-patch+json");
    const QString stamp = now.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ssZ"));
    r.body = compact(QJsonObject{
        {QStringLiteral("spec"),
         QJsonObject{
             {QStringLiteral("template"),
              QJsonObject{{QStringLiteral("metadata"),
                           QJsonObject{{QStringLiteral("annotations"),
                                        QJsonObject{{QStringLiteral("kubectl.kubernetes.io/restartedAt"),
                                                     stamp}}}}}}}}}});
    r.what = QStringLiteral("restart deployment %1 in %2").arg(deployment, ns);
    p.requests << r;
    return p;
}

ActionPlan Actions::scale(const QString &ns, const QString &deployment, int replicas)
{
    ActionPlan p;
    p.verb = QStringLiteral("scale");
    p.target = QStringLiteral("deployment/") + deployment;
    p.ns = ns;
    p.note = QStringLiteral("to %1 replicas").arg(replicas);
    p.kubectl =
        QStringLiteral("kubectl -n %1 scale deployment/%2 --replicas=%3").arg(ns, deployment).arg(replicas);
    KubeRequest r;
    r.method = QByteArrayLiteral("PATCH");
    r.path = resourcePath(QStringLiteral("apps"), QStringLiteral("v1"), QStringLiteral("deployments"), ns,
                          deployment, QStringLiteral("scale"));
    r.contentType = QByteArrayLiteral("application/merge-patch+json");
    r.body = compact({{QStringLiteral("spec"), QJsonObject{{QStringLiteral("replicas"), replicas}}}});
    r.what = QStringLiteral("scale deployment %1 in %2").arg(deployment, ns);
    p.requests << r;
    return p;
}

Core::Result<ActionPlan> Actions::rolloutUndo(const QJsonObject &deployment, const QJsonArray &replicaSets,
                                              qint64 toRevision)
{
    auto undo = RolloutHistory::undoPatch(deployment, replicaSets, toRevision);
    if (!undo)
        return undo.error();
    const QJsonObject meta = deployment.value(QLatin1String("metadata")).toObject();
    const QString ns = meta.value(QLatin1String("namespace")).toString();
    const QString name = meta.value(QLatin1String("name")).toString();
    ActionPlan p;
    p.verb = QStringLiteral("rollout undo");
    p.target = QStringLiteral("deployment/") + name;
    p.ns = ns;
    p.note = QStringLiteral("to revision %1 (%2)").arg(undo->revision).arg(undo->images);
    p.kubectl = QStringLiteral("kubectl -n %1 rollout undo deployment/%2").arg(ns, name);
    if (toRevision > 0)
        p.kubectl += QStringLiteral(" --to-revision=%1").arg(toRevision);
    KubeRequest r;
    r.method = QByteArrayLiteral("PATCH");
    r.path =
        resourcePath(QStringLiteral("apps"), QStringLiteral("v1"), QStringLiteral("deployments"), ns, name);
    r.contentType = QByteArrayLiteral("application/json-patch+json");
    r.body = undo->patch;
    r.what = QStringLiteral("roll back deployment %1 in %2").arg(name, ns);
    p.requests << r;
    return p;
}

ActionPlan Actions::deletePods(const QString &ns, const QStringList &pods)
{
    ActionPlan p;
    p.verb = QStringLiteral("delete");
    p.target =
        pods.size() == 1 ? QStringLiteral("pod/") + pods.first() : QStringLiteral("%1 pods").arg(pods.size());
    p.ns = ns;
    QStringList args;
    for (const QString &pod : pods)
        args << pod;
    p.kubectl = QStringLiteral("kubectl -n %1 delete pod %2").arg(ns, args.join(QLatin1Char(' ')));
    for (const QString &pod : pods) {
        p.requests << deletePodRequest(ns, pod);
        p.objects << QStringLiteral("pod/") + pod;
    }
    return p;
}

ActionPlan Actions::deleteMatchingPods(const QString &ns, const QStringList &pods,
                                       const QString &fieldSelector, const QString &labelSelector)
{
    ActionPlan p = deletePods(ns, pods);
    QStringList sel;
    if (!fieldSelector.isEmpty())
        sel << QStringLiteral("fields %1").arg(fieldSelector);
    if (!labelSelector.isEmpty())
        sel << QStringLiteral("labels %1").arg(labelSelector);
    p.target = QStringLiteral("%1 pods matching %2").arg(pods.size()).arg(sel.join(QStringLiteral(", ")));
    p.kubectl = QStringLiteral("kubectl -n %1 delete pods").arg(ns);
    if (!labelSelector.isEmpty())
        p.kubectl += QStringLiteral(" -l '%1'").arg(labelSelector);
    if (!fieldSelector.isEmpty())
        p.kubectl += QStringLiteral(" --field-selector '%1'").arg(fieldSelector);
    return p;
}

ActionPlan Actions::cordon(const QString &node, bool cordon)
{
    ActionPlan p;
    p.verb = cordon ? QStringLiteral("cordon") : QStringLiteral("uncordon");
    p.target = QStringLiteral("node/") + node;
    p.objects << p.target;
    p.destructive = cordon;
    p.kubectl = QStringLiteral("kubectl %1 %2").arg(p.verb, node);
    // Like kubectl's two-way merge patch: uncordon removes the field (false is omitted) rather than setting
    // false.
    KubeRequest r;
    r.method = QByteArrayLiteral("PATCH");
    r.path = resourcePath(QString(), QStringLiteral("v1"), QStringLiteral("nodes"), QString(), node);
    r.contentType = QByteArrayLiteral("application/strategic-merge-patch+json");
    r.body = compact(
        {{QStringLiteral("spec"), QJsonObject{{QStringLiteral("unschedulable"),
                                               cordon ? QJsonValue(true) : QJsonValue(QJsonValue::Null)}}}});
    r.what = QStringLiteral("%1 node %2").arg(p.verb, node);
    p.requests << r;
    return p;
}

} // namespace Sitrep::Kube
