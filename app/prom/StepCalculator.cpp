#include "prom/StepCalculator.h"

#include <QtGlobal>

#include <algorithm>

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

StepChoice StepCalculator::choose(qint64 rangeMs, int pixelWidth, qint64 scrapeIntervalMs, qint64 minStepMs)
{
    StepChoice c;
    const qint64 pixels = std::max(1, pixelWidth);
    const qint64 floorMs = std::max<qint64>({minStepMs, scrapeIntervalMs, 1});
    const qint64 raw = std::max<qint64>(1, rangeMs / pixels);
    c.intervalMs = std::max(roundInterval(raw), floorMs);
    const qint64 scrape = std::max<qint64>(1, scrapeIntervalMs);
    c.rateIntervalMs = std::max(c.intervalMs + scrape, 4 * scrape);
    const qint64 minForCap = (rangeMs + kMaxPointsPerSeries - 1) / kMaxPointsPerSeries;
    c.stepMs = std::max(c.intervalMs, minForCap);
    return c;
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
