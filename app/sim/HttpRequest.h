#pragma once

#include <QByteArray>
#include <QHash>
#include <QString>
#include <QStringList>
#include <QUrlQuery>

namespace Sitrep::Sim {

// One parsed HTTP/1.1 request.
struct HttpRequest
{
    QByteArray method;
    QString path; // decoded path, no query
    QUrlQuery query;
    QHash<QByteArray, QByteArray> headers; // lower-case names
    QByteArray body;

    QByteArray header(const QByteArray &lowerName) const { return headers.value(lowerName); }
    QString param(const QString &name) const { return query.queryItemValue(name, QUrl::FullyDecoded); }
    bool hasParam(const QString &name) const { return query.hasQueryItem(name); }
    // A boolean query parameter as the API server reads it (Go's strconv.ParseBool): 1 t T TRUE true True
    // are true; anything else (0 f false ..., or garbage) is false. Official clients send "True" and "1".
    bool flag(const QString &name) const
    {
        static const QStringList yes{QStringLiteral("1"), QStringLiteral("t"), QStringLiteral("T"),
                                     QStringLiteral("TRUE"), QStringLiteral("true"), QStringLiteral("True")};
        return yes.contains(param(name));
    }
};

} // namespace Sitrep::Sim
