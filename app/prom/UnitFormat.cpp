#include "prom/UnitFormat.h"

#include <QStringList>

#include <cmath>

namespace Sitrep::Prom {

namespace {

QString num(double v, int decimals)
{
    if (decimals >= 0)
        return QString::number(v, 'f', decimals);
    const double a = std::abs(v);
    if (a == 0)
        return QStringLiteral("0");
    // Three significant digits, no exponent for the sizes a panel shows.
    const int d = a >= 100 ? 0 : a >= 10 ? 1 : a >= 1 ? 2 : a >= 0.01 ? 3 : 4;
    QString s = QString::number(v, 'f', d);
    if (s.contains(QLatin1Char('.'))) {
        while (s.endsWith(QLatin1Char('0')))
            s.chop(1);
        if (s.endsWith(QLatin1Char('.')))
            s.chop(1);
    }
    return s;
}

QString scaled(double v, double base, const QStringList &units, int decimals)
{
    int i = 0;
    double x = v;
    while (std::abs(x) >= base && i + 1 < units.size()) {
        x /= base;
        ++i;
    }
    return num(x, decimals) + units.at(i);
}

QString duration(double seconds, int decimals)
{
    const double a = std::abs(seconds);
    if (a == 0)
        return QStringLiteral("0 s");
    if (a < 1e-3)
        return num(seconds * 1e6, decimals) + QStringLiteral(" µs");
    if (a < 1)
        return num(seconds * 1e3, decimals) + QStringLiteral(" ms");
    if (a < 60)
        return num(seconds, decimals) + QStringLiteral(" s");
    if (a < 3600)
        return num(seconds / 60, decimals) + QStringLiteral(" min");
    if (a < 86400)
        return num(seconds / 3600, decimals) + QStringLiteral(" h");
    return num(seconds / 86400, decimals) + QStringLiteral(" d");
}

} // namespace

QString UnitFormat::normalize(const QString &unit)
{
    const QString u = unit.trimmed();
    if (u == QLatin1String("%"))
        return QStringLiteral("percent");
    if (u == QLatin1String("req/s") || u == QLatin1String("rps"))
        return QStringLiteral("reqps");
    if (u == QLatin1String("seconds") || u == QLatin1String("dtdurations"))
        return QStringLiteral("s");
    if (u == QLatin1String("ratio") || u == QLatin1String("percentunit"))
        return QStringLiteral("percentunit");
    if (u == QLatin1String("x"))
        return QStringLiteral("suffix:x");
    return u;
}

bool UnitFormat::isKnown(const QString &unit)
{
    static const QStringList known{QString(),
                                   QStringLiteral("none"),
                                   QStringLiteral("short"),
                                   QStringLiteral("s"),
                                   QStringLiteral("ms"),
                                   QStringLiteral("µs"),
                                   QStringLiteral("percent"),
                                   QStringLiteral("percentunit"),
                                   QStringLiteral("reqps"),
                                   QStringLiteral("ops"),
                                   QStringLiteral("bytes"),
                                   QStringLiteral("decbytes"),
                                   QStringLiteral("cores")};
    const QString u = normalize(unit);
    return known.contains(u) || u.startsWith(QLatin1String("suffix:")) ||
           u.startsWith(QLatin1String("prefix:"));
}

QString UnitFormat::format(double value, const QString &unitIn, int decimals)
{
    if (std::isnan(value))
        return QStringLiteral("NaN");
    if (std::isinf(value))
        return value > 0 ? QStringLiteral("+Inf") : QStringLiteral("-Inf");
    const QString unit = normalize(unitIn);
    if (unit == QLatin1String("s"))
        return duration(value, decimals);
    if (unit == QLatin1String("ms"))
        return duration(value / 1e3, decimals);
    if (unit == QLatin1String("µs"))
        return duration(value / 1e6, decimals);
    if (unit == QLatin1String("percent"))
        return num(value, decimals) + QLatin1Char('%');
    if (unit == QLatin1String("percentunit"))
        return num(value * 100, decimals) + QLatin1Char('%');
    if (unit == QLatin1String("reqps"))
        return scaled(value, 1000, {QString(), QStringLiteral("k"), QStringLiteral("M")}, decimals) +
               QStringLiteral(" req/s");
    if (unit == QLatin1String("ops"))
        return scaled(value, 1000, {QString(), QStringLiteral("k"), QStringLiteral("M")}, decimals) +
               QStringLiteral(" ops/s");
    if (unit == QLatin1String("cores"))
        return num(value, decimals) + QStringLiteral(" cores");
    if (unit == QLatin1String("bytes"))
        return scaled(value, 1024,
                      {QStringLiteral(" B"), QStringLiteral(" KiB"), QStringLiteral(" MiB"),
                       QStringLiteral(" GiB"), QStringLiteral(" TiB")},
                      decimals);
    if (unit == QLatin1String("decbytes"))
        return scaled(value, 1000,
                      {QStringLiteral(" B"), QStringLiteral(" kB"), QStringLiteral(" MB"),
                       QStringLiteral(" GB"), QStringLiteral(" TB")},
                      decimals);
    if (unit.startsWith(QLatin1String("suffix:")))
        return num(value, decimals) + unit.mid(7);
    if (unit.startsWith(QLatin1String("prefix:")))
        return unit.mid(7) + num(value, decimals);
    if (unit == QLatin1String("short"))
        return scaled(
            value, 1000,
            {QString(), QStringLiteral("k"), QStringLiteral("M"), QStringLiteral("G"), QStringLiteral("T")},
            decimals);
    return num(value, decimals);
}

} // namespace Sitrep::Prom
