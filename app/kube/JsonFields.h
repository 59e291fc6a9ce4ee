#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QString>

namespace Sitrep::Kube::JsonFields {

// Short reads of Kubernetes objects' fields (a missing field reads as empty), for the printers.
inline QJsonObject obj(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String(key)).toObject();
}

inline QJsonArray arr(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String(key)).toArray();
}

inline QString str(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String(key)).toString();
}

} // namespace Sitrep::Kube::JsonFields
