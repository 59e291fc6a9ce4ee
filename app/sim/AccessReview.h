#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace Sitrep::Sim {

// SelfSubjectAccessReview: decodes the request (JSON, or the minimal protobuf envelope kubectl sends)
// and answers allowed/denied from a list of denied "verb resource" rules.
class AccessReview final
{
public:
    struct Attributes
    {
        QString ns, verb, group, version, resource, subresource, name;
        QString nonResourcePath;
    };

    static Core::Result<Attributes> decode(const QByteArray &contentType, const QByteArray &body);
    static Core::Result<Attributes> decodeProtobuf(const QByteArray &body);
    // Rules: "delete" (any resource), "delete pods", "* secrets".
    static bool allowed(const Attributes &a, const QStringList &deniedRules);
    static QJsonObject response(const Attributes &a, bool allowed);
};

} // namespace Sitrep::Sim
