#include "prom/Downsampler.h"

#include <cmath>

namespace Sitrep::Prom {

QList<QPointF> Downsampler::finitePoints(const RangeSeries &s, qint64 *dropped)
{
    QList<QPointF> out;
    out.reserve(s.values.size());
    qint64 bad = 0;
    for (qsizetype i = 0; i < s.values.size(); ++i) {
        const double v = s.values[i];
        if (std::isfinite(v))
            out.append(QPointF(s.timesMs[i], v));
        else
            ++bad;
    }
    if (dropped)
        *dropped = bad;
    return out;
}

QList<QPointF> Downsampler::minMaxPerPixel(const RangeSeries &s, int pixels, qint64 *dropped)
{
    const qsizetype n = s.values.size();
    if (pixels <= 0 || n <= 2 * qsizetype(pixels))
        return finitePoints(s, dropped);
    const double t0 = s.timesMs.first();
    const double t1 = s.timesMs.last();
    const double span = t1 > t0 ? t1 - t0 : 1.0;
    QList<QPointF> out;
    out.reserve(2 * pixels + 2);
    qint64 bad = 0;
    qsizetype i = 0;
    while (i < n) {
        const int bucket = std::min(pixels - 1, int((s.timesMs[i] - t0) / span * pixels));
        qsizetype minI = -1;
        qsizetype maxI = -1;
        for (; i < n; ++i) {
            const int b = std::min(pixels - 1, int((s.timesMs[i] - t0) / span * pixels));
            if (b != bucket)
                break;
            const double v = s.values[i];
            if (!std::isfinite(v)) {
                ++bad;
                continue;
            }
            if (minI < 0 || v < s.values[minI])
                minI = i;
            if (maxI < 0 || v > s.values[maxI])
                maxI = i;
        }
        if (minI < 0)
            continue;
        const qsizetype a = std::min(minI, maxI);
        const qsizetype b = std::max(minI, maxI);
        out.append(QPointF(s.timesMs[a], s.values[a]));
        if (b != a)
            out.append(QPointF(s.timesMs[b], s.values[b]));
    }
    if (dropped)
        *dropped = bad;
    return out;
}

QList<QPointF> Downsampler::lttb(const RangeSeries &s, int threshold, qint64 *dropped)
{
    const QList<QPointF> pts = finitePoints(s, dropped);
    const qsizetype n = pts.size();
    if (threshold >= n || threshold < 3)
        return pts;
    QList<QPointF> out;
    out.reserve(threshold);
    const double every = double(n - 2) / double(threshold - 2);
    qsizetype a = 0;
    out.append(pts[0]);
    for (int i = 0; i < threshold - 2; ++i) {
        // Average of the next bucket: the third corner of the triangle.
        qsizetype avgStart = qsizetype(std::floor((i + 1) * every)) + 1;
        qsizetype avgEnd = std::min(n, qsizetype(std::floor((i + 2) * every)) + 1);
        double ax = 0;
        double ay = 0;
        const qsizetype avgLen = std::max<qsizetype>(1, avgEnd - avgStart);
        for (qsizetype j = avgStart; j < avgEnd; ++j) {
            ax += pts[j].x();
            ay += pts[j].y();
        }
        ax /= double(avgLen);
        ay /= double(avgLen);
        const qsizetype from = qsizetype(std::floor(i * every)) + 1;
        const qsizetype to = qsizetype(std::floor((i + 1) * every)) + 1;
        double best = -1;
        qsizetype bestJ = from;
        for (qsizetype j = from; j < to && j < n; ++j) {
            const double area = std::abs((pts[a].x() - ax) * (pts[j].y() - pts[a].y()) -
                                         (pts[a].x() - pts[j].x()) * (ay - pts[a].y()));
            if (area > best) {
                best = area;
                bestJ = j;
            }
        }
        out.append(pts[bestJ]);
        a = bestJ;
    }
    out.append(pts[n - 1]);
    return out;
}

} // namespace Sitrep::Prom
