#pragma once

#include "prom/PromTypes.h"

#include <QList>
#include <QPointF>

namespace Sitrep::Prom {

// Reduces a series to what a panel of N pixels can show before it reaches Qt Charts. Non-finite values
// (NaN, +-Inf) never become chart points: they are counted and left out.
class Downsampler final
{
public:
    // Min and max of every pixel column, in time order (keeps spikes; at most 2 points per pixel).
    // Series already short enough are converted as they are.
    static QList<QPointF> minMaxPerPixel(const RangeSeries &s, int pixels, qint64 *dropped = nullptr);
    // Largest-Triangle-Three-Buckets down to `threshold` points (smooth lines, keeps the shape).
    static QList<QPointF> lttb(const RangeSeries &s, int threshold, qint64 *dropped = nullptr);
    // Every finite point, for short series and tables.
    static QList<QPointF> finitePoints(const RangeSeries &s, qint64 *dropped = nullptr);
};

} // namespace Sitrep::Prom
