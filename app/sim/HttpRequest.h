#pragma once

#include <QByteArray>
#include <QHash>
#include <QString>
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
    bool flag(const QString &name) const
    {
        const QString v = param(name);
        return v == QLatin1String("true") || v == QLatin1String("1");
    }
};

} // namespace Sitrep::Sim
