#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace Sitrep::Sim {

// Renders meta.k8s.io/v1 Table responses (what `kubectl get` prints) with the server-side columns of
// the real apiserver for each resource.
class TableRenderer final
{
public:
    enum class IncludeObject { None, Metadata, Object };

    static QJsonArray columns(const QString &resource);
    static QJsonArray cells(const QString &resource, const QJsonObject &object, qint64 nowMs);
    static QJsonObject row(const QString &resource, const QJsonObject &object, qint64 nowMs,
                           IncludeObject include);
    static QJsonObject table(const QString &resource, const QList<QJsonObject> &objects, qint64 nowMs,
                             IncludeObject include, const QString &resourceVersion,
                             const QString &continueToken, bool withColumns = true);
    static IncludeObject parseInclude(const QString &param);
    static QString podStatusReason(const QJsonObject &pod);
};

} // namespace Sitrep::Sim
