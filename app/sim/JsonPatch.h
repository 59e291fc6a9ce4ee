#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>

namespace Sitrep::Sim {

// The three PATCH flavours kubectl sends: JSON merge patch (RFC 7386), strategic merge patch
// (merge patch whose object lists merge by "name"), and JSON patch (RFC 6902).
class JsonPatch final
{
public:
    static QJsonObject mergePatch(const QJsonObject &target, const QJsonObject &patch);
    static QJsonObject strategicMerge(const QJsonObject &target, const QJsonObject &patch);
    static Core::Result<QJsonObject> jsonPatch(const QJsonObject &target, const QJsonArray &operations);
    // Dispatches on the request Content-Type.
    static Core::Result<QJsonObject> apply(const QJsonObject &target, const QByteArray &contentType,
                                           const QByteArray &body);
};

} // namespace Sitrep::Sim
