// A full dashboard (8 panels) refreshing from a real Prometheus with 7 hours of history: how long a refresh
// takes and the GUI event loop's worst delay meanwhile (target: no stall over 50 ms).
#include "ChartsPane.h"
#include "PanelView.h"
#include "integration/prom/PromFixture.h"
#include "prom/DashboardLoader.h"
#include "prom/PromClient.h"
#include "support/TestEnv.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <ctime>

using namespace Sitrep;

namespace {
// CPU time of the calling thread (the GUI thread), in microseconds.
qint64 threadCpuUs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return qint64(ts.tv_sec) * 1000000 + ts.tv_nsec / 1000;
}
} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    Test::PromFixture fixture;
    if (const QString err = fixture.start("groups: []\n", false); !err.isEmpty()) {
        std::fprintf(stderr, "prometheus: %s\n", qPrintable(err));
        return 1;
    }
    Prom::PromClient client;
    Prom::ServerConfig config;
    config.url = fixture.prometheusUrl();
    if (!client.configure(config))
        return 1;
    const auto loaded = Prom::DashboardLoader::loadFile(
        Test::sourceDir() + QStringLiteral("/resources/dashboards/service-overview.json"));
    if (!loaded) {
        std::fprintf(stderr, "%s\n", qPrintable(loaded.error().text()));
        return 1;
    }
    Ui::ChartsPane pane(&client);
    pane.resize(1800, 1050);
    pane.setDashboard(loaded->dashboard);
    pane.setVariable(QStringLiteral("namespace"), QStringLiteral("shop"));
    pane.setVariable(QStringLiteral("service"), QStringLiteral("web"));
    pane.show();

    // The stall probe: a 5 ms timer. How late it fires is the wall-clock stall, which on two cores also
    // counts the time Prometheus (busy answering) keeps this process off the CPU; the GUI thread's own CPU
    // time between two ticks is what our code blocked the event loop for.
    QElapsedTimer sinceTick;
    qint64 maxStallMs = 0;
    qint64 maxBusyUs = 0;
    qint64 lastCpuUs = threadCpuUs();
    bool measuring = false;
    QTimer probe;
    probe.setInterval(5);
    QObject::connect(&probe, &QTimer::timeout, [&] {
        const qint64 cpu = threadCpuUs();
        if (measuring) {
            maxStallMs = std::max(maxStallMs, sinceTick.elapsed() - 5);
            maxBusyUs = std::max(maxBusyUs, cpu - lastCpuUs);
        }
        lastCpuUs = cpu;
        sinceTick.restart();
    });
    probe.start();
    sinceTick.start();

    QList<qint64> refreshMs;
    // The first pass is a warm-up (first layout and paint of every panel, fonts, variables); not measured.
    bool warmUp = true;
    for (const qint64 hours : {3, 1, 6, 7, 1, 6, 7, 1, 6, 7, 6}) {
        QEventLoop loop;
        QObject::connect(&pane, &Ui::ChartsPane::refreshed, &loop, &QEventLoop::quit);
        QTimer::singleShot(60000, &loop, &QEventLoop::quit);
        QElapsedTimer t;
        t.start();
        measuring = !warmUp;
        sinceTick.restart();
        lastCpuUs = threadCpuUs();
        pane.setAbsoluteRange((fixture.endS() - hours * 3600) * 1000, fixture.endS() * 1000);
        loop.exec();
        measuring = false;
        if (std::exchange(warmUp, false))
            continue;
        refreshMs << t.elapsed();
    }
    int points = 0;
    for (int i = 0; i < pane.panelCount(); ++i)
        points += pane.panel(i)->seriesCount();
    std::sort(refreshMs.begin(), refreshMs.end());
    std::printf("BENCH dashboard_panels %d panels\n", pane.panelCount());
    std::printf("BENCH dashboard_series %d series\n", points);
    std::printf("BENCH dashboard_refresh_median_ms %lld ms\n", refreshMs.at(refreshMs.size() / 2));
    std::printf("BENCH dashboard_refresh_max_ms %lld ms\n", refreshMs.last());
    std::printf("BENCH dashboard_gui_max_stall_ms %lld ms\n", maxStallMs);
    std::printf("BENCH dashboard_gui_max_busy_ms %.1f ms\n", maxBusyUs / 1000.0);
    return 0;
}
