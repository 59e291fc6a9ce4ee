#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QString>

namespace Sitrep::Bench {

// A pod of the benchmarks' simulated cluster: one container "app" in namespace "default", in the given
// phase with the given container state ({"running": ...} or {"terminated": ...}).
inline QJsonObject benchPod(const QString &name, const QString &phase, bool ready, const QJsonObject &state)
{
    return QJsonObject{
        {QStringLiteral("kind"), QStringLiteral("Pod")},
        {QStringLiteral("apiVersion"), QStringLiteral("v1")},
        {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("name"), name},
                                                 {QStringLiteral("namespace"), QStringLiteral("default")}}},
        {QStringLiteral("spec"),
         QJsonObject{{QStringLiteral("containers"),
                      QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("app")},
                                             {QStringLiteral("image"), QStringLiteral("bench")}}}}}},
        {QStringLiteral("status"),
         QJsonObject{{QStringLiteral("phase"), phase},
                     {QStringLiteral("containerStatuses"),
                      QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("app")},
                                             {QStringLiteral("ready"), ready},
                                             {QStringLiteral("restartCount"), 0},
                                             {QStringLiteral("state"), state}}}}}}};
}

} // namespace Sitrep::Bench
