#pragma once

#include "core/Result.h"

#include <QJsonObject>
#include <QString>

namespace Sitrep::Sim {

// Turns the protobuf bodies that kubectl's typed client POSTs (`kubectl create namespace | deployment |
// configmap | secret`, `auth whoami`) into the JSON objects the rest of the simulator handles. A real API
// server accepts these, and kubectl does not retry a refused protobuf body as JSON. The field numbers
// are those of k8s.io/api's generated.proto; fields not listed are skipped, as a server would ignore
// unknown fields.
class ProtoObjects final
{
public:
    struct Decoded
    {
        QString apiVersion;
        QString kind;
        QJsonObject object;
    };

    // body: "k8s\0" + runtime.Unknown{typeMeta, raw}. Errors say what could not be read.
    static Core::Result<Decoded> decode(const QByteArray &body);
    static QStringList supportedKinds();
};

} // namespace Sitrep::Sim
