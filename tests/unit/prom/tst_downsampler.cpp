// Downsampler: min/max per pixel keeps spikes and order, LTTB keeps ends and count, NaN/Inf never reach
// charts.
#include "prom/Downsampler.h"

#include <QTest>

#include <cmath>

using namespace Sitrep::Prom;

namespace {
RangeSeries ramp(int n)
{
    RangeSeries s;
    for (int i = 0; i < n; ++i) {
        s.timesMs << 1000.0 * i;
        s.values << double(i % 100);
    }
    return s;
}
} // namespace

class TstDownsampler final : public QObject
{
    Q_OBJECT

private slots:
    void shortSeriesUnchanged();
    void minMaxKeepsSpikes();
    void minMaxBound_data();
    void minMaxBound();
    void lttbKeepsEnds();
    void nonFiniteDropped();
};

void TstDownsampler::shortSeriesUnchanged()
{
    const RangeSeries s = ramp(50);
    const auto pts = Downsampler::minMaxPerPixel(s, 100);
    QCOMPARE(pts.size(), 50);
    QCOMPARE(pts.first(), QPointF(0, 0));
}

void TstDownsampler::minMaxKeepsSpikes()
{
    RangeSeries s = ramp(11000);
    s.values[5555] = 1e6;
    s.values[7777] = -1e6;
    const auto pts = Downsampler::minMaxPerPixel(s, 200);
    bool hi = false;
    bool lo = false;
    for (int i = 0; i < pts.size(); ++i) {
        hi = hi || pts[i].y() == 1e6;
        lo = lo || pts[i].y() == -1e6;
        if (i)
            QVERIFY(pts[i].x() > pts[i - 1].x());
    }
    QVERIFY(hi);
    QVERIFY(lo);
}

void TstDownsampler::minMaxBound_data()
{
    QTest::addColumn<int>("n");
    QTest::addColumn<int>("pixels");
    QTest::newRow("11k to 400") << 11000 << 400;
    QTest::newRow("11k to 1") << 11000 << 1;
    QTest::newRow("1001 to 500") << 1001 << 500;
}

void TstDownsampler::minMaxBound()
{
    QFETCH(int, n);
    QFETCH(int, pixels);
    const auto pts = Downsampler::minMaxPerPixel(ramp(n), pixels);
    QVERIFY(pts.size() <= 2 * pixels);
    QVERIFY(pts.size() >= pixels);
}

void TstDownsampler::lttbKeepsEnds()
{
    const RangeSeries s = ramp(11000);
    const auto pts = Downsampler::lttb(s, 500);
    QCOMPARE(pts.size(), 500);
    QCOMPARE(pts.first(), QPointF(0, 0));
    QCOMPARE(pts.last(), QPointF(10999000, 99));
}

void TstDownsampler::nonFiniteDropped()
{
    RangeSeries s = ramp(5000);
    s.values[10] = qQNaN();
    s.values[20] = qInf();
    s.values[30] = -qInf();
    qint64 dropped = 0;
    const auto pts = Downsampler::minMaxPerPixel(s, 100, &dropped);
    QCOMPARE(dropped, qint64(3));
    for (const QPointF &p : pts)
        QVERIFY(std::isfinite(p.y()));
    const auto all = Downsampler::finitePoints(s, &dropped);
    QCOMPARE(all.size(), 4997);
    QCOMPARE(dropped, qint64(3));
}

QTEST_GUILESS_MAIN(TstDownsampler)
#include "tst_downsampler.moc"
