#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace Sitrep::Sim {

class HttpConnection;

// How the simulated API answers: JSON bodies and Kubernetes Status errors.
class ApiReply final
{
public:
    static void json(HttpConnection *c, int code, const QJsonObject &body,
                     const QByteArray &contentType = QByteArrayLiteral("application/json"));
    static void status(HttpConnection *c, int code, const QString &reason, const QString &message,
                       const QJsonObject &details = {});
    static QJsonObject statusObject(int code, const QString &reason, const QString &message,
                                    const QJsonObject &details = {});
    static void notFound(HttpConnection *c, const QString &resource, const QString &name);
};

} // namespace Sitrep::Sim
