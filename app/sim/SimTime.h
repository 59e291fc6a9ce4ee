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

// An age as the API server writes it into table cells and kubectl prints it (apimachinery's
// HumanDuration): 45s, 3m12s, 3m, 95m, 5h7m, 5h, 30h, 3d4h, 9d, 1y200d, 9y. Written here on its own,
// away from app/kube's copy, so that a bug in one cannot hide a bug in the other; tst_simkubectl
// compares it with kubectl's own client-side printing.
inline QString age(qint64 sinceMs, qint64 nowMs)
{
    const qint64 seconds = (nowMs - sinceMs) / 1000; // truncated, as Go's int(d.Seconds())
    if (seconds < -1)
        return QStringLiteral("<invalid>");
    if (seconds < 0)
        return QStringLiteral("0s");
    if (seconds < 120)
        return QStringLiteral("%1s").arg(seconds);
    const qint64 minutes = seconds / 60;
    auto withRest = [](qint64 whole, const char *unit, qint64 rest, const char *restUnit) {
        return rest == 0 ? QStringLiteral("%1%2").arg(whole).arg(QLatin1String(unit))
                         : QStringLiteral("%1%2%3%4")
                               .arg(whole)
                               .arg(QLatin1String(unit))
                               .arg(rest)
                               .arg(QLatin1String(restUnit));
    };
    if (minutes < 10)
        return withRest(minutes, "m", seconds % 60, "s");
    if (minutes < 180)
        return QStringLiteral("%1m").arg(minutes);
    const qint64 hours = seconds / 3600;
    if (hours < 8)
        return withRest(hours, "h", minutes % 60, "m");
    if (hours < 48)
        return QStringLiteral("%1h").arg(hours);
    const qint64 days = hours / 24;
    if (hours < 24 * 8)
        return withRest(days, "d", hours % 24, "h");
    if (hours < 24 * 365 * 2)
        return QStringLiteral("%1d").arg(days);
    if (hours < 24 * 365 * 8)
        return withRest(days / 365, "y", days % 365, "d");
    return QStringLiteral("%1y").arg(days / 365);
}

} // namespace SimTime
} // namespace Sitrep::Sim
