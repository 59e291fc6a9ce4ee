#include "prom/TimeFormat.h"

#include "prom/NumberText.h"

#include <QDateTime>

#include <cmath>

namespace Sitrep::Prom::TimeFormat {

using NumberText::toFixed;

namespace {

FormattedValue scaled(double v, int decimals, const char *suffix)
{
    return {QString(), toFixed(v, decimals), QString::fromUtf8(suffix)};
}

QString twoDigits(qint64 v)
{
    return v > 9 ? QString::number(v) : QStringLiteral("0") + QString::number(v);
}

} // namespace

FormattedValue nanoseconds(double v, int decimals)
{
    const double a = std::abs(v);
    if (a < 1000)
        return scaled(v, decimals, " ns");
    if (a < 1e6)
        return scaled(v / 1000, decimals, " µs");
    if (a < 1e9)
        return scaled(v / 1e6, decimals, " ms");
    if (a < 6e10)
        return scaled(v / 1e9, decimals, " s");
    if (a < 3.6e12)
        return scaled(v / 6e10, decimals, " min");
    if (a < 8.64e13)
        return scaled(v / 3.6e12, decimals, " hour");
    return scaled(v / 8.64e13, decimals, " day");
}

FormattedValue microseconds(double v, int decimals)
{
    const double a = std::abs(v);
    if (a < 1000)
        return scaled(v, decimals, " µs");
    if (a < 1e6)
        return scaled(v / 1000, decimals, " ms");
    return scaled(v / 1e6, decimals, " s");
}

FormattedValue milliseconds(double v, int decimals)
{
    const double a = std::abs(v);
    if (a < 1000)
        return scaled(v, decimals, " ms");
    if (a < 60000)
        return scaled(v / 1000, decimals, " s");
    if (a < 3600000)
        return scaled(v / 60000, decimals, " min");
    if (a < 86400000)
        return scaled(v / 3600000, decimals, " hour");
    if (a < 31536000000.0)
        return scaled(v / 86400000, decimals, " day");
    return scaled(v / 31536000000.0, decimals, " year");
}

FormattedValue seconds(double v, int decimals)
{
    if (v == 0)
        return {QString(), QStringLiteral("0"), QStringLiteral(" s")};
    const double a = std::abs(v);
    if (a < 0.000001)
        return scaled(v * 1e9, decimals, " ns");
    if (a < 0.001)
        return scaled(v * 1e6, decimals, " µs");
    if (a < 1)
        return scaled(v * 1e3, decimals, " ms");
    if (a < 60)
        return scaled(v, decimals, " s");
    if (a < 3600)
        return scaled(v / 60, decimals, " min");
    if (a < 86400)
        return scaled(v / 3600, decimals, " hour");
    if (a < 604800)
        return scaled(v / 86400, decimals, " day");
    if (a < 31536000)
        return scaled(v / 604800, decimals, " week");
    return scaled(v / 3.15569e7, decimals, " year");
}

FormattedValue minutes(double v, int decimals)
{
    const double a = std::abs(v);
    if (a < 60)
        return scaled(v, decimals, " min");
    if (a < 1440)
        return scaled(v / 60, decimals, " hour");
    if (a < 10080)
        return scaled(v / 1440, decimals, " day");
    if (a < 604800)
        return scaled(v / 10080, decimals, " week");
    return scaled(v / 5.25948e5, decimals, " year");
}

FormattedValue hours(double v, int decimals)
{
    const double a = std::abs(v);
    if (a < 24)
        return scaled(v, decimals, " hour");
    if (a < 168)
        return scaled(v / 24, decimals, " day");
    if (a < 8760)
        return scaled(v / 168, decimals, " week");
    return scaled(v / 8760, decimals, " year");
}

FormattedValue days(double v, int decimals)
{
    const double a = std::abs(v);
    if (a < 7)
        return scaled(v, decimals, " day");
    if (a < 365)
        return scaled(v / 7, decimals, " week");
    return scaled(v / 365, decimals, " year");
}

FormattedValue duration(double v, int decimals, Scale scale)
{
    const char *unitName = scale == Scale::Millisecond ? "millisecond" : "second";
    if (std::isnan(v))
        return {QString(), QStringLiteral("NaN"), QString()};
    if (v == 0)
        return {QString(), QStringLiteral("0"),
                QStringLiteral(" ") + QLatin1String(unitName) + QLatin1Char('s')};
    if (v < 0) {
        FormattedValue f = duration(-v, decimals, scale);
        f.suffix += QStringLiteral(" ago");
        return f;
    }
    static constexpr struct
    {
        const char *name;
        double ms;
    } units[] = {{"year", 31536000000.0}, {"month", 2592000000.0}, {"week", 604800000.0},
                 {"day", 86400000.0},     {"hour", 3600000.0},     {"minute", 60000.0},
                 {"second", 1000.0},      {"millisecond", 1.0}};
    // In milliseconds, as Grafana does, to keep the floating-point error out of the smaller units.
    double rest = std::round(v * (scale == Scale::Second ? 1000.0 : 1.0) * 1e6) / 1e6;
    QStringList parts;
    bool started = false;
    int budget = std::max(0, decimals);
    for (const auto &u : units) {
        if (budget < 0)
            break;
        const double value = rest / u.ms;
        if (value >= 1 || started) {
            started = true;
            const double whole = std::floor(value);
            parts << QStringLiteral("%1 %2%3").arg(NumberText::jsNumber(whole), QLatin1String(u.name),
                                                   whole != 1 ? QStringLiteral("s") : QString());
            rest = std::fmod(rest, u.ms);
            --budget;
        }
    }
    return {QString(), parts.join(QStringLiteral(", ")), QString()};
}

FormattedValue hoursMinutesSeconds(double v)
{
    if (v < 0) {
        FormattedValue f = hoursMinutesSeconds(-v);
        f.suffix += QStringLiteral(" ago");
        return f;
    }
    const qint64 h = qint64(std::floor(v / 3600));
    const qint64 m = qint64(std::floor(std::fmod(v, 3600) / 60));
    const qint64 s = qint64(std::floor(std::fmod(std::fmod(v, 3600), 60)));
    return {QString(), twoDigits(h) + QLatin1Char(':') + twoDigits(m) + QLatin1Char(':') + twoDigits(s),
            QString()};
}

FormattedValue daysHoursMinutesSeconds(double v)
{
    if (v < 0) {
        FormattedValue f = daysHoursMinutesSeconds(-v);
        f.suffix += QStringLiteral(" ago");
        return f;
    }
    const qint64 d = qint64(std::floor(v / 86400));
    const QString day = d > 0 ? QString::number(d) + QStringLiteral(" d ") : QString();
    return {QString(), day + hoursMinutesSeconds(v - double(d) * 86400).text, QString()};
}

FormattedValue clock(double ms, int decimals)
{
    if (!std::isfinite(ms))
        return {QString(), NumberText::jsNumber(ms), QString()};
    const qint64 t = qint64(std::floor(ms));
    const qint64 msPart = ((t % 1000) + 1000) % 1000;
    const qint64 sPart = ((t / 1000) % 60 + 60) % 60;
    const qint64 mPart = ((t / 60000) % 60 + 60) % 60;
    const auto three = [](qint64 v) { return QStringLiteral("%1").arg(v, 3, 10, QLatin1Char('0')); };
    if (ms < 1000)
        return {QString(), three(msPart) + QStringLiteral("ms"), QString()};
    if (ms < 60000) {
        if (decimals == 0)
            return {QString(), twoDigits(sPart) + QLatin1Char('s'), QString()};
        return {QString(), twoDigits(sPart) + QStringLiteral("s:") + three(msPart) + QStringLiteral("ms"),
                QString()};
    }
    const QString full = twoDigits(mPart) + QStringLiteral("m:") + twoDigits(sPart) + QStringLiteral("s:") +
                         three(msPart) + QStringLiteral("ms");
    if (ms < 3600000) {
        if (decimals == 0)
            return {QString(), twoDigits(mPart) + QLatin1Char('m'), QString()};
        if (decimals == 1)
            return {QString(), twoDigits(mPart) + QStringLiteral("m:") + twoDigits(sPart) + QLatin1Char('s'),
                    QString()};
        return {QString(), full, QString()};
    }
    const QString h = twoDigits(t / 3600000) + QLatin1Char('h');
    if (decimals == 0)
        return {QString(), h, QString()};
    if (decimals == 1)
        return {QString(), h + QLatin1Char(':') + twoDigits(mPart) + QLatin1Char('m'), QString()};
    if (decimals == 2)
        return {QString(),
                h + QLatin1Char(':') + twoDigits(mPart) + QStringLiteral("m:") + twoDigits(sPart) +
                    QLatin1Char('s'),
                QString()};
    return {QString(), h + QLatin1Char(':') + full, QString()};
}

QString momentToQt(const QString &pattern)
{
    // Longest tokens first; text in [brackets] is literal in moment, 'quoted' in Qt.
    static const QList<QPair<QString, QString>> tokens{
        {QStringLiteral("YYYY"), QStringLiteral("yyyy")}, {QStringLiteral("YY"), QStringLiteral("yy")},
        {QStringLiteral("MMMM"), QStringLiteral("MMMM")}, {QStringLiteral("MMM"), QStringLiteral("MMM")},
        {QStringLiteral("MM"), QStringLiteral("MM")},     {QStringLiteral("M"), QStringLiteral("M")},
        {QStringLiteral("DD"), QStringLiteral("dd")},     {QStringLiteral("D"), QStringLiteral("d")},
        {QStringLiteral("dddd"), QStringLiteral("dddd")}, {QStringLiteral("ddd"), QStringLiteral("ddd")},
        {QStringLiteral("HH"), QStringLiteral("HH")},     {QStringLiteral("H"), QStringLiteral("H")},
        {QStringLiteral("hh"), QStringLiteral("hh")},     {QStringLiteral("h"), QStringLiteral("h")},
        {QStringLiteral("mm"), QStringLiteral("mm")},     {QStringLiteral("m"), QStringLiteral("m")},
        {QStringLiteral("ss"), QStringLiteral("ss")},     {QStringLiteral("s"), QStringLiteral("s")},
        {QStringLiteral("SSS"), QStringLiteral("zzz")},   {QStringLiteral("A"), QStringLiteral("AP")},
        {QStringLiteral("a"), QStringLiteral("ap")}};
    QString out;
    QString literal;
    auto flushLiteral = [&] {
        if (!literal.isEmpty()) {
            out += QLatin1Char('\'') + QString(literal).replace(QLatin1Char('\''), QStringLiteral("''")) +
                   QLatin1Char('\'');
            literal.clear();
        }
    };
    for (int i = 0; i < pattern.size();) {
        if (pattern.at(i) == QLatin1Char('[')) {
            const int close = int(pattern.indexOf(QLatin1Char(']'), i));
            literal += pattern.mid(i + 1, close < 0 ? -1 : close - i - 1);
            i = close < 0 ? int(pattern.size()) : close + 1;
            continue;
        }
        bool matched = false;
        for (const auto &[moment, qt] : tokens) {
            if (pattern.mid(i, moment.size()) == moment) {
                flushLiteral();
                out += qt;
                i += int(moment.size());
                matched = true;
                break;
            }
        }
        if (!matched) {
            const QChar c = pattern.at(i++);
            if (c.isLetter())
                literal += c;
            else {
                flushLiteral();
                out += c;
            }
        }
    }
    flushLiteral();
    return out;
}

FormattedValue dateTime(double epochMs, const QString &pattern, const QString &todayPattern)
{
    if (!std::isfinite(epochMs))
        return {QString(), NumberText::jsNumber(epochMs), QString()};
    const QDateTime t = QDateTime::fromMSecsSinceEpoch(qint64(epochMs));
    QString p = pattern;
    if (!todayPattern.isEmpty() && t.date() == QDate::currentDate())
        p = todayPattern;
    QString text = t.toString(momentToQt(p));
    // moment writes am/pm in lower case for "a"; Qt's "ap" follows the locale's case.
    if (p.contains(QLatin1Char('a')) && !p.contains(QLatin1Char('A')))
        text.replace(QStringLiteral("AM"), QStringLiteral("am"))
            .replace(QStringLiteral("PM"), QStringLiteral("pm"));
    return {QString(), text, QString()};
}

FormattedValue fromNow(double epochMs, qint64 nowMs)
{
    // moment's relative-time thresholds: 45 s, 45 min, 22 h, 26 d, 11 months.
    const double diff = double(nowMs) - epochMs;
    const double s = std::abs(diff) / 1000;
    QString text;
    if (s < 45)
        text = QStringLiteral("a few seconds");
    else if (s < 90)
        text = QStringLiteral("a minute");
    else if (s < 45 * 60)
        text = QStringLiteral("%1 minutes").arg(std::lround(s / 60));
    else if (s < 90 * 60)
        text = QStringLiteral("an hour");
    else if (s < 22 * 3600)
        text = QStringLiteral("%1 hours").arg(std::lround(s / 3600));
    else if (s < 36 * 3600)
        text = QStringLiteral("a day");
    else if (s < 26 * 86400)
        text = QStringLiteral("%1 days").arg(std::lround(s / 86400));
    else if (s < 45 * 86400)
        text = QStringLiteral("a month");
    else if (s < 320 * 86400)
        text = QStringLiteral("%1 months").arg(std::lround(s / (30.4 * 86400)));
    else if (s < 548 * 86400)
        text = QStringLiteral("a year");
    else
        text = QStringLiteral("%1 years").arg(std::lround(s / (365.25 * 86400)));
    return {QString(), diff >= 0 ? text + QStringLiteral(" ago") : QStringLiteral("in ") + text, QString()};
}

} // namespace Sitrep::Prom::TimeFormat
