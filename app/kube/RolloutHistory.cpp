#include "kube/RolloutHistory.h"

#include "kube/PodSummary.h"

#include <QJsonDocument>
#include <QSet>

#include <algorithm>

namespace Sitrep::Kube {

using Core::makeError;

namespace {

const QString kRevision = QStringLiteral("deployment.kubernetes.io/revision");
const QString kHashLabel = QStringLiteral("pod-template-hash");

QJsonObject metaOf(const QJsonObject &o)
{
    return o.value(QLatin1String("metadata")).toObject();
}

bool ownedBy(const QJsonObject &rs, const QString &uid)
{
    for (const auto &r : metaOf(rs).value(QLatin1String("ownerReferences")).toArray()) {
        const QJsonObject ref = r.toObject();
        if (ref.value(QLatin1String("controller")).toBool() &&
            ref.value(QLatin1String("uid")).toString() == uid)
            return true;
    }
    return false;
}

QJsonObject templateWithoutHash(QJsonObject tmpl)
{
    QJsonObject meta = tmpl.value(QLatin1String("metadata")).toObject();
    QJsonObject labels = meta.value(QLatin1String("labels")).toObject();
    labels.remove(kHashLabel);
    meta.insert(QStringLiteral("labels"), labels);
    tmpl.insert(QStringLiteral("metadata"), meta);
    return tmpl;
}

QString imagesOf(const QJsonObject &tmpl)
{
    QStringList out;
    const QJsonArray cs =
        tmpl.value(QLatin1String("spec")).toObject().value(QLatin1String("containers")).toArray();
    for (const auto &c : cs)
        out << c.toObject().value(QLatin1String("name")).toString() + QLatin1Char('=') +
                   c.toObject().value(QLatin1String("image")).toString();
    return out.join(QStringLiteral(", "));
}

} // namespace

QList<Revision> RolloutHistory::fromReplicaSets(const QJsonObject &deployment, const QJsonArray &replicaSets)
{
    const QString uid = metaOf(deployment).value(QLatin1String("uid")).toString();
    QList<Revision> out;
    for (const auto &v : replicaSets) {
        const QJsonObject rs = v.toObject();
        if (!ownedBy(rs, uid))
            continue;
        const QJsonObject meta = metaOf(rs);
        const QJsonObject ann = meta.value(QLatin1String("annotations")).toObject();
        bool ok = false;
        const qint64 rev = ann.value(kRevision).toString().toLongLong(&ok);
        if (!ok)
            continue;
        Revision r;
        r.revision = rev;
        r.replicaSet = meta.value(QLatin1String("name")).toString();
        r.changeCause = ann.value(QLatin1String("kubernetes.io/change-cause")).toString();
        const QJsonObject tmpl =
            rs.value(QLatin1String("spec")).toObject().value(QLatin1String("template")).toObject();
        r.images = imagesOf(tmpl);
        r.createdMs = parseKubeTime(meta.value(QLatin1String("creationTimestamp")).toString());
        r.replicas = rs.value(QLatin1String("status")).toObject().value(QLatin1String("replicas")).toInt();
        r.replicaSetObject = rs;
        out << r;
    }
    std::sort(out.begin(), out.end(),
              [](const Revision &a, const Revision &b) { return a.revision < b.revision; });
    return out;
}

Core::Result<RolloutHistory::Undo> RolloutHistory::undoPatch(const QJsonObject &deployment,
                                                             const QJsonArray &replicaSets, qint64 toRevision)
{
    const QString name = metaOf(deployment).value(QLatin1String("name")).toString();
    const QJsonObject spec = deployment.value(QLatin1String("spec")).toObject();
    if (spec.value(QLatin1String("paused")).toBool())
        return makeError(
            QStringLiteral("you cannot rollback a paused deployment; resume it first with 'kubectl rollout "
                           "resume' and try again"));
    const QList<Revision> revisions = fromReplicaSets(deployment, replicaSets);
    const Revision *chosen = nullptr;
    if (toRevision > 0) {
        for (const Revision &r : revisions)
            if (r.revision == toRevision)
                chosen = &r;
        if (!chosen)
            return makeError(
                QStringLiteral("unable to find specified revision %1 in history").arg(toRevision));
    } else {
        // kubectl: the second-highest revision is the previous one.
        if (revisions.size() < 2)
            return makeError(QStringLiteral("no rollout history found for deployment \"%1\"").arg(name));
        chosen = &revisions.at(revisions.size() - 2);
    }
    const QJsonObject rsTemplate = chosen->replicaSetObject.value(QLatin1String("spec"))
                                       .toObject()
                                       .value(QLatin1String("template"))
                                       .toObject();
    const QJsonObject target = templateWithoutHash(rsTemplate);
    if (target == templateWithoutHash(spec.value(QLatin1String("template")).toObject()))
        return makeError(QStringLiteral("skipped rollback (current template already matches revision %1)")
                             .arg(chosen->revision));

    static const QSet<QString> skip{QStringLiteral("kubectl.kubernetes.io/last-applied-configuration"),
                                    kRevision,
                                    QStringLiteral("deployment.kubernetes.io/revision-history"),
                                    QStringLiteral("deployment.kubernetes.io/desired-replicas"),
                                    QStringLiteral("deployment.kubernetes.io/max-replicas"),
                                    QStringLiteral("deprecated.deployment.rollback.to")};
    const QJsonObject depAnn = metaOf(deployment).value(QLatin1String("annotations")).toObject();
    const QJsonObject rsAnn = metaOf(chosen->replicaSetObject).value(QLatin1String("annotations")).toObject();
    QJsonObject annotations;
    for (const QString &k : skip)
        if (depAnn.contains(k))
            annotations.insert(k, depAnn.value(k));
    for (auto it = rsAnn.begin(); it != rsAnn.end(); ++it)
        if (!skip.contains(it.key()))
            annotations.insert(it.key(), it.value());

    const QJsonArray patch{
        QJsonObject{{QStringLiteral("op"), QStringLiteral("replace")},
                    {QStringLiteral("path"), QStringLiteral("/spec/template")},
                    {QStringLiteral("value"), target}},
        QJsonObject{{QStringLiteral("op"), QStringLiteral("replace")},
                    {QStringLiteral("path"), QStringLiteral("/metadata/annotations")},
                    {QStringLiteral("value"), annotations}},
    };
    Undo u;
    u.revision = chosen->revision;
    u.patch = QJsonDocument(patch).toJson(QJsonDocument::Compact);
    u.images = chosen->images;
    return u;
}

} // namespace Sitrep::Kube
