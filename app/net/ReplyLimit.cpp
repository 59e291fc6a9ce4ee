#include "net/ReplyLimit.h"

#include <QNetworkReply>

namespace Sitrep::Net {

qint64 ReplyLimit::defaultBytes()
{
    bool ok = false;
    const qint64 mib = qEnvironmentVariable("SITREP_MAX_REPLY_MIB").toLongLong(&ok);
    return (ok && mib > 0 ? mib : kDefaultMiB) * 1024 * 1024;
}

QString ReplyLimit::sizeText(qint64 bytes)
{
    const char *units[] = {"bytes", "KiB", "MiB", "GiB", "TiB"};
    double v = double(bytes);
    int u = 0;
    while (v >= 1024 && u < 4) {
        v /= 1024;
        ++u;
    }
    const QString number = v == double(qint64(v)) ? QString::number(qint64(v)) : QString::number(v, 'f', 1);
    return number + QLatin1Char(' ') + QLatin1String(units[u]);
}

QString ReplyLimit::tooLarge(const QUrl &url, qint64 limit)
{
    return QStringLiteral("the answer from %1 is larger than %2, the most Sitrep reads of one answer "
                          "(SITREP_MAX_REPLY_MIB raises it)")
        .arg(url.toString(QUrl::RemoveUserInfo), sizeText(limit));
}

QString ReplyLimit::lineTooLarge(const QUrl &url, qint64 limit)
{
    return QStringLiteral("one event from %1 is larger than %2, the most Sitrep reads of one answer "
                          "(SITREP_MAX_REPLY_MIB raises it)")
        .arg(url.toString(QUrl::RemoveUserInfo), sizeText(limit));
}

qint64 ReplyLimit::announced(const QNetworkReply *reply)
{
    const QVariant v = reply->header(QNetworkRequest::ContentLengthHeader);
    return v.isValid() ? v.toLongLong() : -1;
}

} // namespace Sitrep::Net
