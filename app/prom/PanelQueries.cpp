#include "prom/PanelQueries.h"

#include <QDateTime>

#include <cmath>

namespace Sitrep::Prom {

QPair<qint64, qint64> PanelQueries::align(qint64 startMs, qint64 endMs, qint64 stepMs)
{
    if (stepMs <= 0)
        return {startMs, endMs};
    // Grafana aligns in seconds, shifted by the browser's UTC offset so that day steps start at local
    // midnight.
    const double offsetS = double(QDateTime::currentDateTime().offsetFromUtc());
    const double step = double(stepMs) / 1000.0;
    const auto down = [&](qint64 ms) {
        const double s = double(ms) / 1000.0;
        return qint64(std::llround((std::floor((s + offsetS) / step) * step - offsetS) * 1000.0));
    };
    return {down(startMs), down(endMs)};
}

QList<PlannedQuery> PanelQueries::plan(const Panel &panel, const QMap<QString, VariableValue> &values,
                                       qint64 startMs, qint64 endMs, int dataPoints, qint64 scrapeMs)
{
    QList<PlannedQuery> out;
    TemplateContext ctx;
    ctx.values = values;
    ctx.rangeMs = endMs - startMs;
    // The panel's min interval may be a variable ($interval, $resolution).
    const QString minInterval = QueryTemplate::expand(panel.minInterval, ctx);
    const int points = panel.maxDataPoints > 0 ? std::min(panel.maxDataPoints, std::max(1, dataPoints))
                                               : std::max(1, dataPoints);
    for (const PanelTarget &t : panel.targets) {
        StepRequest r;
        r.rangeMs = endMs - startMs;
        r.dataPoints = panel.maxDataPoints > 0 ? panel.maxDataPoints : points;
        r.scrapeMs = scrapeMs;
        r.panelMinInterval = minInterval;
        r.targetMinStep = QueryTemplate::expand(t.interval, ctx);
        r.intervalFactor = t.intervalFactor;
        PlannedQuery q;
        q.refId = t.refId;
        q.legendFormat = t.legendFormat;
        q.format = t.format.isEmpty() ? QStringLiteral("time_series") : t.format;
        q.instant = t.instant;
        q.step = StepCalculator::choose(r);
        TemplateContext qctx = ctx;
        qctx.setStep(q.step);
        q.expr = QueryTemplate::expand(t.expr, qctx, &q.unresolved);
        const auto [s, e] = align(startMs, endMs, q.step.stepMs);
        q.startMs = s;
        q.endMs = t.instant ? endMs : std::max(e, s + q.step.stepMs);
        if (t.instant)
            q.startMs = endMs;
        out << q;
    }
    return out;
}

} // namespace Sitrep::Prom
