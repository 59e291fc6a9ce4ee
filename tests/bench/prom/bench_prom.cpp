// query_range at its worst (50 series x 11,000 points, Prometheus' per-series cap): parse the JSON, reduce
// every series to a 1,000-pixel panel, and hand the points to Qt Charts. Prints BENCH lines; asserts nothing
// timed.
#include "unit/prom/MatrixBody.h"

#include "prom/Downsampler.h"
#include "prom/PromParser.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QLineSeries>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <vector>

using namespace Sitrep::Prom;

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    const QByteArray body = Sitrep::Test::matrixBody(50, 11000, true);
    std::printf("body: %.1f MiB\n", double(body.size()) / 1048576.0);

    std::vector<QLineSeries *> series;
    for (int i = 0; i < 50; ++i)
        series.push_back(new QLineSeries(&app));

    // CPU time of this thread as well: the machine is shared, and wall time then measures the neighbours.
    auto cpuMs = [] {
        timespec ts{};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
        return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
    };
    std::vector<double> cpu;
    std::vector<double> total;
    std::vector<double> parse;
    std::vector<double> careful;
    qint64 points = 0;
    for (int round = 0; round < 7; ++round) {
        QElapsedTimer t;
        t.start();
        const double cpu0 = cpuMs();
        const auto r = PromParser::range(200, body, QStringLiteral("bench"));
        const double parsedMs = double(t.nsecsElapsed()) / 1e6;
        if (!r.ok() || r->series.size() != 50) {
            std::fprintf(stderr, "parse failed\n");
            return 1;
        }
        points = 0;
        for (int i = 0; i < r->series.size(); ++i) {
            const QList<QPointF> pts = Downsampler::minMaxPerPixel(r->series[i], 1000);
            points += pts.size();
            series[size_t(i)]->replace(pts);
        }
        total.push_back(double(t.nsecsElapsed()) / 1e6);
        cpu.push_back(cpuMs() - cpu0);
        parse.push_back(parsedMs);

        // The QJsonDocument path (taken for answers the fast parser leaves to it) on the same body, every
        // round like the fast one, so the two medians compare warm with warm.
        QElapsedTimer c;
        c.start();
        const auto slow = PromParser::rangeCareful(200, body, QStringLiteral("bench"));
        careful.push_back(double(c.nsecsElapsed()) / 1e6);
        if (!slow.ok() || slow->series.size() != 50) {
            std::fprintf(stderr, "the QJsonDocument path failed\n");
            return 1;
        }
    }
    auto median = [](std::vector<double> v) {
        std::sort(v.begin(), v.end());
        return v[v.size() / 2];
    };
    std::printf("chart points per refresh: %lld\n", static_cast<long long>(points));
    std::printf("BENCH prom_range_50x11k_ms %.1f ms\n", median(total));
    std::printf("BENCH prom_range_50x11k_cpu_ms %.1f ms\n", median(cpu));
    std::printf("BENCH prom_range_50x11k_parse_ms %.1f ms\n", median(parse));
    std::printf("BENCH prom_range_50x11k_qjson_parse_ms %.1f ms\n", median(careful));
    return 0;
}
