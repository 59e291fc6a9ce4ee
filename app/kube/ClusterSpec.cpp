#include "kube/ClusterSpec.h"

#include "core/IncidentSession.h"

#include <QJsonArray>

namespace Sitrep::Kube {

QString ClusterSpec::describe() const
{
    const QString who = displayName().isEmpty() ? QStringLiteral("the current context") : displayName();
    if (!ns)
        return who;
    return ns->isEmpty() ? QStringLiteral("%1 (all namespaces)").arg(who)
                         : QStringLiteral("%1 (namespace %2)").arg(who, *ns);
}

QJsonObject ClusterSpec::toJson() const
{
    QJsonObject o{{QStringLiteral("context"), context}};
    if (!kubeconfig.isEmpty())
        o.insert(QStringLiteral("kubeconfig"), kubeconfig);
    if (ns)
        o.insert(QStringLiteral("namespace"), *ns);
    if (!colour.isEmpty())
        o.insert(QStringLiteral("colour"), colour);
    if (!name.isEmpty())
        o.insert(QStringLiteral("name"), name);
    return o;
}

ClusterSpec ClusterSpec::fromJson(const QJsonObject &o)
{
    ClusterSpec s;
    s.kubeconfig = o.value(QLatin1String("kubeconfig")).toString();
    s.context = o.value(QLatin1String("context")).toString();
    if (o.value(QLatin1String("namespace")).isString())
        s.ns = o.value(QLatin1String("namespace")).toString();
    s.colour = o.value(QLatin1String("colour")).toString();
    s.name = o.value(QLatin1String("name")).toString();
    return s;
}

std::optional<QList<ClusterSpec>> IncidentClusters::fromEvent(const Core::TimelineEvent &e)
{
    if (e.kind != Core::EventKind::FieldChange ||
        e.payload.value(QLatin1String("field")).toString() != QLatin1String(kField))
        return std::nullopt;
    QList<ClusterSpec> out;
    for (const QJsonValue &v : e.payload.value(QLatin1String("clusters")).toArray()) {
        const ClusterSpec s = ClusterSpec::fromJson(v.toObject());
        if (!s.context.isEmpty())
            out << s;
    }
    return out;
}

QList<ClusterSpec> IncidentClusters::fromEvents(const QList<Core::TimelineEvent> &events)
{
    for (auto it = events.crbegin(); it != events.crend(); ++it) {
        if (auto clusters = fromEvent(*it))
            return *clusters;
    }
    return {};
}

QString IncidentClusters::describe(const QList<ClusterSpec> &clusters)
{
    QStringList parts;
    for (const ClusterSpec &s : clusters)
        parts << s.describe();
    return parts.isEmpty() ? QStringLiteral("none") : parts.join(QStringLiteral(", "));
}

Core::Result<void> IncidentClusters::record(Core::IncidentSession &session, const QList<ClusterSpec> &clusters)
{
    QJsonArray list;
    for (const ClusterSpec &s : clusters)
        list.append(s.toJson());
    // A field change, so the folded incident (and every export) shows the clusters as a readable field; the
    // payload keeps them structured for the console that reopens the incident.
    const QString value = describe(clusters);
    const QJsonObject payload{{QStringLiteral("field"), QLatin1String(kField)},
                              {QStringLiteral("value"), value},
                              {QStringLiteral("clusters"), list}};
    auto r = session.record(Core::EventKind::FieldChange, QStringLiteral("clusters: %1").arg(value), payload);
    if (!r)
        return r.error();
    return {};
}

} // namespace Sitrep::Kube
