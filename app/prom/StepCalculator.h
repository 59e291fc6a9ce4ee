#pragma once

#include <QString>

#include <optional>

namespace Sitrep::Prom {

// The query step and the $__interval / $__rate_interval / $__range a query uses, computed as Grafana's query
// runner and Prometheus data source compute them from the time range, the panel's data points (its width in
// pixels, or maxDataPoints), the panel's min interval, the query's min step and resolution, and the data
// source's scrape interval.
struct StepChoice
{
    qint64 intervalMs = 0;     // $__interval
    qint64 rateIntervalMs = 0; // $__rate_interval: max(step + scrape, 4 * scrape)
    qint64 stepMs = 0;         // what query_range gets (and $__interval when the step was raised)
    QString intervalText;      // "1m", "30s", or "236s" when the step was raised
    QString rateIntervalText;  // "60s"
    QString rangeText;         // "3600s"
    qint64 rangeS = 0;         // $__range_s
};

// What the query asks of the step (Grafana's panel interval, the query's "Min step" and resolution).
struct StepRequest
{
    qint64 rangeMs = 3600000;
    int dataPoints = 1000;    // panel width in pixels, or the panel's maxDataPoints
    qint64 scrapeMs = 15000;  // the data source's scrape interval
    QString panelMinInterval; // the panel's "interval" (variables already expanded); empty: none
    QString targetMinStep;    // the query's "interval" (Min step); empty: none
    int intervalFactor = 1;
};

class StepCalculator final
{
public:
    static constexpr int kMaxPointsPerSeries = 11000;

    static StepChoice choose(const StepRequest &request);
    static StepChoice choose(qint64 rangeMs, int pixelWidth, qint64 scrapeIntervalMs = 15000,
                             qint64 minStepMs = 0);
    // Grafana's secondsToHms: 90 -> "1m", 0.5 -> "500ms" (the largest whole unit only).
    static QString secondsToHms(double seconds);
    // Grafana's interval text ("1m", "30s", "1h30m", "500ms") in milliseconds.
    static std::optional<double> intervalToMs(const QString &text);
    // Grafana's rounding table: 37 s becomes 30 s, 8 min becomes 10 min, ...
    static qint64 roundInterval(qint64 ms);
    // PromQL duration text: 90000 -> "1m30s", 500 -> "500ms", 86400000 -> "1d".
    static QString formatDuration(qint64 ms);
    // Parses PromQL/Grafana durations ("5m", "1h30m", "250ms", "2d", "1w"); nullopt when malformed.
    static std::optional<qint64> parseDuration(const QString &text);
};

} // namespace Sitrep::Prom
