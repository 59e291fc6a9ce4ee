#include "prom/StepCalculator.h"

#include <QtGlobal>

#include <algorithm>
#include <cmath>

namespace Sitrep::Prom {

qint64 StepCalculator::roundInterval(qint64 ms)
{
    // Upper bound (exclusive) -> rounded value, from Grafana's kbn.roundInterval.
    static constexpr qint64 table[][2] = {
        {10, 1},
        {15, 10},
        {35, 20},
        {75, 50},
        {150, 100},
        {350, 200},
        {750, 500},
        {1500, 1000},
        {3500, 2000},
        {7500, 5000},
        {12500, 10000},
        {17500, 15000},
        {25000, 20000},
        {45000, 30000},
        {90000, 60000},
        {210000, 120000},
        {450000, 300000},
        {750000, 600000},
        {1050000, 900000},
        {1500000, 1200000},
        {2700000, 1800000},
        {5400000, 3600000},
        {9000000, 7200000},
        {16200000, 10800000},
        {32400000, 21600000},
        {86400000, 43200000},
        {604800000, 86400000},
        {1814400000, 604800000},
        {3628800000, 2592000000},
    };
    for (const auto &row : table) {
        if (ms < row[0])
            return row[1];
    }
    return 31536000000;
}

namespace {

// JavaScript's String(number) for the interval texts Grafana builds ("236s", "0.5s").
QString jsSeconds(double s)
{
    QString t = QString::number(s, 'f', 3);
    while (t.contains(QLatin1Char('.')) && (t.endsWith(QLatin1Char('0')) || t.endsWith(QLatin1Char('.'))))
        t.chop(1);
    return t;
}

} // namespace

QString StepCalculator::secondsToHms(double seconds)
{
    const auto whole = [](double v) { return qint64(std::floor(v)); };
    const qint64 years = whole(seconds / 31536000);
    if (years)
        return QString::number(years) + QLatin1Char('y');
    const qint64 days = whole(std::fmod(seconds, 31536000) / 86400);
    if (days)
        return QString::number(days) + QLatin1Char('d');
    const qint64 hours = whole(std::fmod(std::fmod(seconds, 31536000), 86400) / 3600);
    if (hours)
        return QString::number(hours) + QLatin1Char('h');
    const qint64 minutes = whole(std::fmod(std::fmod(std::fmod(seconds, 31536000), 86400), 3600) / 60);
    if (minutes)
        return QString::number(minutes) + QLatin1Char('m');
    const qint64 secs = whole(std::fmod(std::fmod(std::fmod(std::fmod(seconds, 31536000), 86400), 3600), 60));
    if (secs)
        return QString::number(secs) + QLatin1Char('s');
    const qint64 ms = whole(seconds * 1000.0);
    if (ms)
        return QString::number(ms) + QStringLiteral("ms");
    return QStringLiteral("less than a millisecond");
}

std::optional<double> StepCalculator::intervalToMs(const QString &text)
{
    if (const auto ms = parseDuration(text))
        return double(*ms);
    // Grafana also reads bare numbers as seconds.
    bool ok = false;
    const double s = text.trimmed().toDouble(&ok);
    if (ok && s >= 0)
        return s * 1000.0;
    return std::nullopt;
}

StepChoice StepCalculator::choose(const StepRequest &r)
{
    StepChoice c;
    const double rangeMs = double(std::max<qint64>(r.rangeMs, 1));
    const int points = std::max(1, r.dataPoints);
    // The query runner: $__interval from range / data points, rounded, at least the lower limit (the panel's
    // min interval, else the data source's scrape interval).
    double lowLimitMs = double(std::max<qint64>(r.scrapeMs, 1));
    if (!r.panelMinInterval.trimmed().isEmpty()) {
        if (const auto ms = intervalToMs(r.panelMinInterval))
            lowLimitMs = *ms;
    }
    double intervalMs = double(roundInterval(qint64(std::llround(rangeMs / points))));
    if (lowLimitMs > intervalMs)
        intervalMs = lowLimitMs;
    QString intervalText = secondsToHms(intervalMs / 1000.0);
    // The Prometheus data source: min step, resolution and the 11,000-points limit.
    double intervalS = intervalMs / 1000.0;
    const auto minStep = r.targetMinStep.trimmed().isEmpty() ? std::nullopt : intervalToMs(r.targetMinStep);
    const double minIntervalS = minStep ? *minStep / 1000.0 : intervalS;
    double scrapeS = minStep ? *minStep / 1000.0 : double(std::max<qint64>(r.scrapeMs, 0)) / 1000.0;
    if (scrapeS == 0)
        scrapeS = 15;
    const double rangeS = std::ceil(rangeMs / 1000.0);
    double safeS = rangeS / double(kMaxPointsPerSeries);
    if (safeS > 1)
        safeS = std::ceil(safeS);
    const double adjustedS = std::max({intervalS * std::max(1, r.intervalFactor), minIntervalS, safeS});
    const double rateS = std::max(adjustedS + scrapeS, 4 * scrapeS);
    if (adjustedS != intervalS) {
        intervalS = adjustedS;
        intervalText = jsSeconds(adjustedS) + QLatin1Char('s');
    }
    c.intervalMs = qint64(std::llround(intervalS * 1000.0));
    c.intervalText = intervalText;
    c.stepMs = qint64(std::llround(adjustedS * 1000.0));
    c.rateIntervalMs = qint64(std::llround(rateS * 1000.0));
    c.rateIntervalText = jsSeconds(rateS) + QLatin1Char('s');
    c.rangeS = qint64(std::llround(rangeMs / 1000.0));
    c.rangeText = QString::number(c.rangeS) + QLatin1Char('s');
    return c;
}

StepChoice StepCalculator::choose(qint64 rangeMs, int pixelWidth, qint64 scrapeIntervalMs, qint64 minStepMs)
{
    StepRequest r;
    r.rangeMs = rangeMs;
    r.dataPoints = pixelWidth;
    r.scrapeMs = scrapeIntervalMs;
    if (minStepMs > 0)
        r.targetMinStep = formatDuration(minStepMs);
    return choose(r);
}

QString StepCalculator::formatDuration(qint64 ms)
{
    if (ms <= 0)
        return QStringLiteral("0s");
    static constexpr struct
    {
        qint64 ms;
        const char *unit;
    } units[] = {{604800000, "w"}, {86400000, "d"}, {3600000, "h"}, {60000, "m"}, {1000, "s"}, {1, "ms"}};
    QString out;
    qint64 rest = ms;
    for (const auto &u : units) {
        if (rest >= u.ms) {
            out += QString::number(rest / u.ms) + QLatin1String(u.unit);
            rest %= u.ms;
        }
    }
    return out;
}

std::optional<qint64> StepCalculator::parseDuration(const QString &text)
{
    const QString t = text.trimmed();
    if (t.isEmpty())
        return std::nullopt;
    qint64 total = 0;
    int i = 0;
    while (i < t.size()) {
        int start = i;
        while (i < t.size() && t.at(i).isDigit())
            ++i;
        if (i == start)
            return std::nullopt;
        const qint64 n = t.mid(start, i - start).toLongLong();
        int u = i;
        while (i < t.size() && t.at(i).isLetter())
            ++i;
        const QString unit = t.mid(u, i - u);
        qint64 mul = 0;
        if (unit == QLatin1String("ms"))
            mul = 1;
        else if (unit == QLatin1String("s"))
            mul = 1000;
        else if (unit == QLatin1String("m"))
            mul = 60000;
        else if (unit == QLatin1String("h"))
            mul = 3600000;
        else if (unit == QLatin1String("d"))
            mul = 86400000;
        else if (unit == QLatin1String("w"))
            mul = 604800000;
        else if (unit == QLatin1String("y"))
            mul = 31536000000;
        else
            return std::nullopt;
        total += n * mul;
    }
    return total;
}

} // namespace Sitrep::Prom
