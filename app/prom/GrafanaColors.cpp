#include "prom/GrafanaColors.h"

#include <QHash>
#include <QList>
#include <QRegularExpression>

#include <algorithm>
#include <cmath>

namespace Sitrep::Prom::GrafanaColors {

namespace {

struct Rgb
{
    int r = 0;
    int g = 0;
    int b = 0;
};

Rgb parseHex(const QString &hex)
{
    const QString h = hex.startsWith(QLatin1Char('#')) ? hex.mid(1) : hex;
    bool ok = false;
    const uint v = h.right(6).toUInt(&ok, 16);
    return {int((v >> 16) & 0xff), int((v >> 8) & 0xff), int(v & 0xff)};
}

QString hex(const Rgb &c)
{
    const auto two = [](int v) {
        return QStringLiteral("%1").arg(std::clamp(v, 0, 255), 2, 16, QLatin1Char('0'));
    };
    return QLatin1Char('#') + two(c.r) + two(c.g) + two(c.b);
}

Rgb mix(const Rgb &a, const Rgb &b, double t)
{
    return {int(std::lround(a.r + (b.r - a.r) * t)), int(std::lround(a.g + (b.g - a.g) * t)),
            int(std::lround(a.b + (b.b - a.b) * t))};
}

const QHash<QString, QString> &named()
{
    // Grafana's named colours (dark theme values, which its dashboards are drawn in).
    static const QHash<QString, QString> map{
        {QStringLiteral("super-light-red"), QStringLiteral("#ffa6b0")},
        {QStringLiteral("light-red"), QStringLiteral("#ff7383")},
        {QStringLiteral("red"), QStringLiteral("#f2495c")},
        {QStringLiteral("semi-dark-red"), QStringLiteral("#e02f44")},
        {QStringLiteral("dark-red"), QStringLiteral("#c4162a")},
        {QStringLiteral("super-light-orange"), QStringLiteral("#ffcb7d")},
        {QStringLiteral("light-orange"), QStringLiteral("#ffb357")},
        {QStringLiteral("orange"), QStringLiteral("#ff9830")},
        {QStringLiteral("semi-dark-orange"), QStringLiteral("#ff780a")},
        {QStringLiteral("dark-orange"), QStringLiteral("#fa6400")},
        {QStringLiteral("super-light-yellow"), QStringLiteral("#fff899")},
        {QStringLiteral("light-yellow"), QStringLiteral("#ffee52")},
        {QStringLiteral("yellow"), QStringLiteral("#fade2a")},
        {QStringLiteral("semi-dark-yellow"), QStringLiteral("#f2cc0c")},
        {QStringLiteral("dark-yellow"), QStringLiteral("#e0b400")},
        {QStringLiteral("super-light-green"), QStringLiteral("#c8f2c2")},
        {QStringLiteral("light-green"), QStringLiteral("#96d98d")},
        {QStringLiteral("green"), QStringLiteral("#73bf69")},
        {QStringLiteral("semi-dark-green"), QStringLiteral("#56a64b")},
        {QStringLiteral("dark-green"), QStringLiteral("#37872d")},
        {QStringLiteral("super-light-blue"), QStringLiteral("#c0d8ff")},
        {QStringLiteral("light-blue"), QStringLiteral("#8ab8ff")},
        {QStringLiteral("blue"), QStringLiteral("#5794f2")},
        {QStringLiteral("semi-dark-blue"), QStringLiteral("#3274d9")},
        {QStringLiteral("dark-blue"), QStringLiteral("#1f60c4")},
        {QStringLiteral("super-light-purple"), QStringLiteral("#deb6f2")},
        {QStringLiteral("light-purple"), QStringLiteral("#ca95e5")},
        {QStringLiteral("purple"), QStringLiteral("#b877d9")},
        {QStringLiteral("semi-dark-purple"), QStringLiteral("#a352cc")},
        {QStringLiteral("dark-purple"), QStringLiteral("#8f3bb8")},
        {QStringLiteral("text"), QStringLiteral("#7f7f7f")},
        {QStringLiteral("transparent"), QStringLiteral("#00000000")},
    };
    return map;
}

} // namespace

QString resolve(const QString &colorIn)
{
    const QString color = colorIn.trimmed();
    if (color.isEmpty())
        return {};
    const QString lower = color.toLower();
    if (const auto it = named().constFind(lower); it != named().cend())
        return *it;
    if (lower.startsWith(QLatin1Char('#'))) {
        if (lower.size() == 4) // #rgb
            return QStringLiteral("#%1%1%2%2%3%3").arg(lower.at(1)).arg(lower.at(2)).arg(lower.at(3));
        // CSS #rrggbbaa: the colour without its alpha, so that resolving twice gives the same colour.
        if (lower.size() == 9 && lower != QLatin1String("#00000000"))
            return lower.left(7);
        return lower;
    }
    static const QRegularExpression rgba(QStringLiteral(
        "^rgba?\\(\\s*([\\d.]+)\\s*,\\s*([\\d.]+)\\s*,\\s*([\\d.]+)\\s*(?:,\\s*([\\d.]+)\\s*)?\\)$"));
    const auto m = rgba.match(lower);
    if (m.hasMatch()) {
        const Rgb c{int(m.captured(1).toDouble()), int(m.captured(2).toDouble()),
                    int(m.captured(3).toDouble())};
        // Grafana's rgba() colours are nearly opaque; an opaque colour stays the same when resolved again.
        const double a = m.captured(4).isEmpty() ? 1.0 : m.captured(4).toDouble();
        return a <= 0 ? QStringLiteral("#00000000") : hex(c);
    }
    return color;
}

QString classic(int index)
{
    static const QList<QString> palette{
        QStringLiteral("#7eb26d"), QStringLiteral("#eab839"), QStringLiteral("#6ed0e0"),
        QStringLiteral("#ef843c"), QStringLiteral("#e24d42"), QStringLiteral("#1f78c1"),
        QStringLiteral("#ba43a9"), QStringLiteral("#705da0"), QStringLiteral("#508642"),
        QStringLiteral("#cca300"), QStringLiteral("#447ebc"), QStringLiteral("#c15c17"),
        QStringLiteral("#890f02"), QStringLiteral("#0a437c"), QStringLiteral("#6d1f62"),
        QStringLiteral("#584477"), QStringLiteral("#b7dbab"), QStringLiteral("#f4d598"),
        QStringLiteral("#70dbed"), QStringLiteral("#f9ba8f"), QStringLiteral("#f29191"),
        QStringLiteral("#82b5d8"), QStringLiteral("#e5a8e2"), QStringLiteral("#aea2e0"),
        QStringLiteral("#629e51"), QStringLiteral("#e5ac0e"), QStringLiteral("#64b0c8"),
        QStringLiteral("#e0752d"), QStringLiteral("#bf1b00"), QStringLiteral("#0a50a1"),
        QStringLiteral("#962d82"), QStringLiteral("#614d93")};
    return palette.at(((index % palette.size()) + palette.size()) % palette.size());
}

QString continuous(const QString &mode, double fraction)
{
    static const QHash<QString, QList<QString>> schemes{
        {QStringLiteral("continuous-GrYlRd"),
         {QStringLiteral("#73bf69"), QStringLiteral("#fade2a"), QStringLiteral("#f2495c")}},
        {QStringLiteral("continuous-RdYlGr"),
         {QStringLiteral("#f2495c"), QStringLiteral("#fade2a"), QStringLiteral("#73bf69")}},
        {QStringLiteral("continuous-BlYlRd"),
         {QStringLiteral("#1f60c4"), QStringLiteral("#fade2a"), QStringLiteral("#f2495c")}},
        {QStringLiteral("continuous-YlRd"), {QStringLiteral("#fade2a"), QStringLiteral("#f2495c")}},
        {QStringLiteral("continuous-BlPu"), {QStringLiteral("#5794f2"), QStringLiteral("#b877d9")}},
        {QStringLiteral("continuous-YlBl"), {QStringLiteral("#fade2a"), QStringLiteral("#5794f2")}},
        {QStringLiteral("continuous-blues"), {QStringLiteral("#c0d8ff"), QStringLiteral("#1f60c4")}},
        {QStringLiteral("continuous-reds"), {QStringLiteral("#ffa6b0"), QStringLiteral("#c4162a")}},
        {QStringLiteral("continuous-greens"), {QStringLiteral("#c8f2c2"), QStringLiteral("#37872d")}},
        {QStringLiteral("continuous-purples"), {QStringLiteral("#deb6f2"), QStringLiteral("#8f3bb8")}},
        {QStringLiteral("continuous-oranges"), {QStringLiteral("#ffcb7d"), QStringLiteral("#fa6400")}},
        {QStringLiteral("continuous-viridis"),
         {QStringLiteral("#440154"), QStringLiteral("#21918c"), QStringLiteral("#fde725")}},
    };
    const auto it = schemes.constFind(mode);
    if (it == schemes.cend())
        return {};
    const QList<QString> &stops = *it;
    const double f = std::clamp(std::isnan(fraction) ? 0.0 : fraction, 0.0, 1.0) * double(stops.size() - 1);
    const int i = std::min(int(f), int(stops.size()) - 2);
    return hex(mix(parseHex(stops.at(i)), parseHex(stops.at(i + 1)), f - i));
}

QString shade(const QString &color, double fraction)
{
    const QString c = resolve(color);
    if (!c.startsWith(QLatin1Char('#')))
        return c;
    return hex(mix(Rgb{255, 255, 255}, parseHex(c), 0.35 + 0.65 * std::clamp(fraction, 0.0, 1.0)));
}

} // namespace Sitrep::Prom::GrafanaColors
