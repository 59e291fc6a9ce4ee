#include "sim/ApiReply.h"

#include "sim/HttpConnection.h"

#include <QJsonDocument>

using namespace Qt::Literals::StringLiterals;

namespace Sitrep::Sim {

void ApiReply::json(HttpConnection *c, int code, const QJsonObject &body, const QByteArray &contentType)
{
    c->respond(code, contentType, QJsonDocument(body).toJson(QJsonDocument::Compact));
}

QJsonObject ApiReply::statusObject(int code, const QString &reason, const QString &message,
                                   const QJsonObject &details)
{
    QJsonObject s{{u"kind"_s, u"Status"_s},
                  {u"apiVersion"_s, u"v1"_s},
                  {u"metadata"_s, QJsonObject()},
                  {u"status"_s, code < 400 ? u"Success"_s : u"Failure"_s},
                  {u"message"_s, message},
                  {u"reason"_s, reason},
                  {u"code"_s, code}};
    if (!details.isEmpty())
        s.insert("details"_L1, details);
    return s;
}

void ApiReply::status(HttpConnection *c, int code, const QString &reason, const QString &message,
                      const QJsonObject &details)
{
    json(c, code, statusObject(code, reason, message, details));
}

void ApiReply::notFound(HttpConnection *c, const QString &resource, const QString &name)
{
    const QString group = resource.section(QLatin1Char('.'), 1);
    status(c, 404, u"NotFound"_s, u"%1 \"%2\" not found"_s.arg(resource, name),
           {{u"name"_s, name}, {u"group"_s, group}, {u"kind"_s, resource.section(QLatin1Char('.'), 0, 0)}});
}

} // namespace Sitrep::Sim
