#pragma once

#include <QString>

#include <optional>

namespace Sitrep::Prom {

// The query step and the $__interval / $__rate_interval a panel uses, chosen like Grafana does from the time
// range, the panel's width in pixels and the scrape interval.
struct StepChoice
{
    qint64 intervalMs = 0;     // $__interval: range / pixels, rounded to a nice value, at least the min step
    qint64 rateIntervalMs = 0; // $__rate_interval: max($__interval + scrape, 4 * scrape)
    qint64 stepMs = 0; // what query_range gets: $__interval, raised to stay under Prometheus' 11,000 points
};

class StepCalculator final
{
public:
    static constexpr int kMaxPointsPerSeries = 11000;

    static StepChoice choose(qint64 rangeMs, int pixelWidth, qint64 scrapeIntervalMs = 15000,
                             qint64 minStepMs = 0);
    // Grafana's rounding table: 37 s becomes 30 s, 8 min becomes 10 min, ...
    static qint64 roundInterval(qint64 ms);
    // PromQL duration text: 90000 -> "1m30s", 500 -> "500ms", 86400000 -> "1d".
    static QString formatDuration(qint64 ms);
    // Parses PromQL/Grafana durations ("5m", "1h30m", "250ms", "2d", "1w"); nullopt when malformed.
    static std::optional<qint64> parseDuration(const QString &text);
};

} // namespace Sitrep::Prom
