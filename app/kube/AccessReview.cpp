#include "kube/AccessReview.h"

#include "kube/KubeClient.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>

namespace Sitrep::Kube {

QString AccessQuery::key() const
{
    return QStringList{verb, group, resource, subresource, ns, name}.join(QLatin1Char('|'));
}

QString AccessQuery::describe() const
{
    QString r = resource;
    if (!subresource.isEmpty())
        r += QLatin1Char('/') + subresource;
    if (!group.isEmpty())
        r += QLatin1Char('.') + group;
    QString s = verb + QLatin1Char(' ') + r;
    if (!name.isEmpty())
        s += QLatin1Char(' ') + name;
    if (!ns.isEmpty())
        s += QStringLiteral(" in ") + ns;
    return s;
}

AccessReview::AccessReview(KubeClient *client, QObject *parent)
    : QObject(parent)
    , m_client(client)
{}

QByteArray AccessReview::requestBody(const AccessQuery &q)
{
    QJsonObject attrs{{QStringLiteral("verb"), q.verb}, {QStringLiteral("resource"), q.resource}};
    if (!q.group.isEmpty())
        attrs.insert(QStringLiteral("group"), q.group);
    if (!q.subresource.isEmpty())
        attrs.insert(QStringLiteral("subresource"), q.subresource);
    if (!q.ns.isEmpty())
        attrs.insert(QStringLiteral("namespace"), q.ns);
    if (!q.name.isEmpty())
        attrs.insert(QStringLiteral("name"), q.name);
    const QJsonObject body{
        {QStringLiteral("kind"), QStringLiteral("SelfSubjectAccessReview")},
        {QStringLiteral("apiVersion"), QStringLiteral("authorization.k8s.io/v1")},
        {QStringLiteral("spec"), QJsonObject{{QStringLiteral("resourceAttributes"), attrs}}}};
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

void AccessReview::check(const AccessQuery &query, QObject *context, Callback callback)
{
    const qint64 now = m_client->clock().nowMs();
    const QString key = query.key();
    if (auto it = m_cache.constFind(key); it != m_cache.constEnd() && now - it->atMs < 60000) {
        callback(it->decision);
        return;
    }
    KubeRequest r;
    r.method = QByteArrayLiteral("POST");
    r.path = QStringLiteral("/apis/authorization.k8s.io/v1/selfsubjectaccessreviews");
    r.contentType = QByteArrayLiteral("application/json");
    r.body = requestBody(query);
    r.what = QStringLiteral("check whether %1 may %2").arg(m_client->userName(), query.describe());
    KubeCall *call = m_client->send(r);
    QPointer<QObject> guard(context);
    connect(call, &KubeCall::finished, this, [this, call, query, key, guard, callback] {
        AccessDecision d;
        const QJsonObject o = call->ok() ? call->json() : QJsonObject();
        if (!call->ok() || o.isEmpty()) {
            d.allowed = true; // unknown: let the API server decide when the action is tried
            d.reason = QStringLiteral("could not check permissions: %1").arg(call->errorText());
        } else {
            const QJsonObject st = o.value(QLatin1String("status")).toObject();
            d.known = true;
            d.allowed = st.value(QLatin1String("allowed")).toBool();
            if (!d.allowed) {
                d.reason = QStringLiteral("not allowed: user %1 may not %2")
                               .arg(m_client->userName(), query.describe());
                const QString why = st.value(QLatin1String("reason")).toString();
                if (!why.isEmpty())
                    d.reason += QStringLiteral(" (%1)").arg(why);
            }
            m_cache.insert(key, {d, m_client->clock().nowMs()});
        }
        if (guard)
            callback(d);
    });
}

} // namespace Sitrep::Kube
