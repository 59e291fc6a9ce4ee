#pragma once

#include <QDateTime>
#include <QString>

namespace Sitrep::Sim {

// Kubernetes time formats (RFC 3339 in UTC), shared by every object the simulator builds.
namespace SimTime {

inline QString rfc3339(const QDateTime &t)
{
    return t.toUTC().toString(Qt::ISODate); // "2026-11-23T00:16:43Z"
}

inline QString rfc3339(qint64 ms)
{
    return rfc3339(QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC));
}

// RFC3339Nano as the kubelet prefixes log lines: nanoseconds, trailing zeros kept for a steady width.
inline QString rfc3339Nano(qint64 ms)
{
    const QDateTime t = QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
    return t.toString(QStringLiteral("yyyy-MM-dd'T'HH:mm:ss.zzz")) + QStringLiteral("000000Z");
}

inline qint64 parseMs(const QString &text)
{
    const QDateTime t = QDateTime::fromString(text, Qt::ISODateWithMs);
    return t.isValid() ? t.toMSecsSinceEpoch() : -1;
}

// kubectl's short ages: 45s, 3m12s, 5h, 2d.
inline QString age(qint64 sinceMs, qint64 nowMs)
{
    const qint64 s = qMax<qint64>(0, (nowMs - sinceMs) / 1000);
    if (s < 120)
        return QString::number(s) + QLatin1Char('s');
    if (s < 600)
        return QStringLiteral("%1m%2s").arg(s / 60).arg(s % 60);
    if (s < 3 * 3600)
        return QString::number(s / 60) + QLatin1Char('m');
    if (s < 8 * 3600)
        return QStringLiteral("%1h%2m").arg(s / 3600).arg((s % 3600) / 60);
    if (s < 2 * 86400)
        return QString::number(s / 3600) + QLatin1Char('h');
    return QString::number(s / 86400) + QLatin1Char('d');
}

} // namespace SimTime
} // namespace Sitrep::Sim
