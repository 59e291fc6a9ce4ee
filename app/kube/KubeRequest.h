#pragma once

#include <QByteArray>
#include <QString>
#include <QUrlQuery>

namespace Sitrep::Kube {

// One HTTP request to the API server, before authentication is added. Actions show these verbatim
// in their confirmation dialogs, so they carry everything that will be sent.
struct KubeRequest
{
    QByteArray method = QByteArrayLiteral("GET");
    QString path; // "/api/v1/namespaces/demo/pods"
    QUrlQuery query;
    QByteArray contentType; // for bodies
    QByteArray body;
    bool stream = false; // deliver the body as it arrives (watch, follow)
    int timeoutMs = 0;   // 0 = the client's default; for streams: longest silence tolerated
    QString what;        // "list pods in demo": used in error sentences

    // "/apis/apps/v1/namespaces/demo/deployments/x?fieldManager=kubectl-rollout"
    QString pathWithQuery() const
    {
        const QString q = query.toString(QUrl::FullyEncoded);
        return q.isEmpty() ? path : path + QLatin1Char('?') + q;
    }
};

// Builds "/api/v1/..." (core group) or "/apis/<group>/<version>/...", namespaced when ns is set.
inline QString resourcePath(const QString &group, const QString &version, const QString &resource,
                            const QString &ns = {}, const QString &name = {}, const QString &subresource = {})
{
    QString p = group.isEmpty() ? QStringLiteral("/api/%1").arg(version)
                                : QStringLiteral("/apis/%1/%2").arg(group, version);
    if (!ns.isEmpty())
        p += QStringLiteral("/namespaces/") + ns;
    p += QLatin1Char('/') + resource;
    if (!name.isEmpty())
        p += QLatin1Char('/') + name;
    if (!subresource.isEmpty())
        p += QLatin1Char('/') + subresource;
    return p;
}

} // namespace Sitrep::Kube
