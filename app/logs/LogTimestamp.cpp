#include "logs/LogTimestamp.h"

#include <QDateTime>
#include <QTimeZone>

namespace Sitrep::Logs {

namespace {

// Howard Hinnant's days_from_civil: proleptic Gregorian date to days since 1970-01-01.
constexpr qint64 daysFromCivil(qint64 y, unsigned m, unsigned d)
{
    y -= m <= 2;
    const qint64 era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = unsigned(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + qint64(doe) - 719468;
}

inline bool digits(const char *p, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; ++i) {
        const unsigned c = unsigned(p[i]) - '0';
        if (c > 9)
            return false;
        v = v * 10 + int(c);
    }
    *out = v;
    return true;
}

} // namespace

std::optional<qint64> LogTimestamp::parse(QByteArrayView text, qsizetype *consumed)
{
    // YYYY-MM-DDTHH:MM:SS = 19 characters, then optional .fraction, then Z or +hh:mm / -hh:mm
    const char *p = text.data();
    const qsizetype n = text.size();
    if (n < 20)
        return std::nullopt;
    int year, month, day, hour, minute, second;
    if (!digits(p, 4, &year) || p[4] != '-' || !digits(p + 5, 2, &month) || p[7] != '-' ||
        !digits(p + 8, 2, &day) || (p[10] != 'T' && p[10] != 't' && p[10] != ' ') ||
        !digits(p + 11, 2, &hour) || p[13] != ':' || !digits(p + 14, 2, &minute) || p[16] != ':' ||
        !digits(p + 17, 2, &second))
        return std::nullopt;
    if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60)
        return std::nullopt;
    qsizetype i = 19;
    qint64 frac = 0;
    if (i < n && p[i] == '.') {
        ++i;
        int nd = 0;
        while (i < n && unsigned(p[i]) - '0' <= 9) {
            if (nd < 9) {
                frac = frac * 10 + (p[i] - '0');
                ++nd;
            }
            ++i;
        }
        if (nd == 0)
            return std::nullopt;
        for (; nd < 9; ++nd)
            frac *= 10;
    }
    if (i >= n)
        return std::nullopt;
    qint64 offsetSec = 0;
    if (p[i] == 'Z' || p[i] == 'z') {
        ++i;
    } else if (p[i] == '+' || p[i] == '-') {
        int oh, om;
        if (n - i < 6 || !digits(p + i + 1, 2, &oh) || p[i + 3] != ':' || !digits(p + i + 4, 2, &om))
            return std::nullopt;
        offsetSec = (oh * 3600 + om * 60) * (p[i] == '+' ? 1 : -1);
        i += 6;
    } else {
        return std::nullopt;
    }
    const qint64 days = daysFromCivil(year, unsigned(month), unsigned(day));
    const qint64 secs = days * 86400 + hour * 3600 + minute * 60 + second - offsetSec;
    if (consumed)
        *consumed = i;
    return secs * 1000000000LL + frac;
}

std::optional<qint64> LogTimestamp::splitPrefix(QByteArrayView line, QByteArrayView *rest)
{
    qsizetype used = 0;
    const auto ts = parse(line, &used);
    if (!ts)
        return std::nullopt;
    if (used < line.size()) {
        if (line[used] != ' ')
            return std::nullopt;
        ++used;
    }
    *rest = line.sliced(used);
    return ts;
}

QByteArray LogTimestamp::format(qint64 ns)
{
    qint64 secs = ns / 1000000000LL;
    qint64 frac = ns % 1000000000LL;
    if (frac < 0) {
        frac += 1000000000LL;
        --secs;
    }
    const QDateTime dt = QDateTime::fromSecsSinceEpoch(secs, QTimeZone::utc());
    QByteArray out = dt.toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss")).toLatin1();
    out += '.';
    out += QByteArray::number(frac).rightJustified(9, '0');
    out += 'Z';
    return out;
}

QString LogTimestamp::display(qint64 ns, bool withDate, bool utc)
{
    const qint64 ms = toMs(ns);
    const QDateTime dt =
        utc ? QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc()) : QDateTime::fromMSecsSinceEpoch(ms);
    return dt.toString(withDate ? QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz") : QStringLiteral("HH:mm:ss.zzz"));
}

} // namespace Sitrep::Logs
