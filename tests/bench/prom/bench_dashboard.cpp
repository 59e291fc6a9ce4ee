// Whole dashboards refreshing from a real Prometheus with 7 hours of history: how long a refresh takes and
// the GUI event loop's worst delay meanwhile (target: no stall over 50 ms). Two cases: Sitrep's service
// overview (8 panels) and Node Exporter Full's first 30 panels (gauges, bar gauge, stats, time series; every
// row open) over the simulator's node metrics (app/sim's MetricsModelNodes, as the demo serves them).
#include "ChartsPane.h"
#include "PanelView.h"
#include "integration/prom/PromFixture.h"
#include "prom/DashboardLoader.h"
#include "prom/PromClient.h"
#include "prom/VariableResolver.h"
#include "sim/MetricsModelNodes.h"
#include "support/TestEnv.h"

#include <QApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <functional>

using namespace Sitrep;

namespace {

constexpr int kNefPanels = 30;

// CPU time of the calling thread (the GUI thread), in microseconds.
qint64 threadCpuUs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return qint64(ts.tv_sec) * 1000000 + ts.tv_nsec / 1000;
}

struct Figures
{
    qint64 medianMs = -1;
    qint64 maxMs = -1;
    qint64 maxStallMs = 0;
    double maxBusyMs = 0;
    int panels = 0;
    int series = 0;
};

// Waits for the pane's next refreshed() (60 s at most); false when it did not come.
bool awaitRefresh(Ui::ChartsPane &pane, const std::function<void()> &start)
{
    QEventLoop loop;
    bool done = false;
    QObject::connect(&pane, &Ui::ChartsPane::refreshed, &loop, [&] {
        done = true;
        loop.quit();
    });
    QTimer::singleShot(60000, &loop, &QEventLoop::quit);
    start();
    loop.exec();
    return done;
}

// Refreshes the pane over time ranges of these many hours (ending at endS), the first one a warm-up (first
// layout and paint of every panel, fonts, variables; not measured).
Figures measure(Ui::ChartsPane &pane, qint64 endS, const QList<qint64> &hours)
{
    // The stall probe: a 5 ms timer. How late it fires is the wall-clock stall, which on two cores also
    // counts the time Prometheus (busy answering) keeps this process off the CPU; the GUI thread's own CPU
    // time between two ticks is what our code blocked the event loop for.
    QElapsedTimer sinceTick;
    Figures f;
    qint64 maxBusyUs = 0;
    qint64 lastCpuUs = threadCpuUs();
    bool measuring = false;
    QTimer probe;
    probe.setInterval(5);
    QObject::connect(&probe, &QTimer::timeout, [&] {
        const qint64 cpu = threadCpuUs();
        if (measuring) {
            f.maxStallMs = std::max(f.maxStallMs, sinceTick.elapsed() - 5);
            maxBusyUs = std::max(maxBusyUs, cpu - lastCpuUs);
        }
        lastCpuUs = cpu;
        sinceTick.restart();
    });
    probe.start();
    sinceTick.start();

    QList<qint64> refreshMs;
    bool warmUp = true;
    for (const qint64 h : hours) {
        QElapsedTimer t;
        t.start();
        measuring = !warmUp;
        sinceTick.restart();
        lastCpuUs = threadCpuUs();
        if (!awaitRefresh(pane, [&] { pane.setAbsoluteRange((endS - h * 3600) * 1000, endS * 1000); })) {
            std::fprintf(stderr, "a refresh did not finish within 60 s\n");
            return {};
        }
        measuring = false;
        if (std::exchange(warmUp, false))
            continue;
        refreshMs << t.elapsed();
    }
    std::sort(refreshMs.begin(), refreshMs.end());
    f.medianMs = refreshMs.at(refreshMs.size() / 2);
    f.maxMs = refreshMs.last();
    f.maxBusyMs = maxBusyUs / 1000.0;
    f.panels = pane.panelCount();
    for (int i = 0; i < pane.panelCount(); ++i)
        f.series += pane.panel(i)->seriesCount();
    return f;
}

void print(const char *prefix, const Figures &f)
{
    std::printf("BENCH %s_panels %d panels\n", prefix, f.panels);
    std::printf("BENCH %s_series %d series\n", prefix, f.series);
    std::printf("BENCH %s_refresh_median_ms %lld ms\n", prefix, f.medianMs);
    std::printf("BENCH %s_refresh_max_ms %lld ms\n", prefix, f.maxMs);
    std::printf("BENCH %s_gui_max_stall_ms %lld ms\n", prefix, f.maxStallMs);
    std::printf("BENCH %s_gui_max_busy_ms %.1f ms\n", prefix, f.maxBusyMs);
}

// Node Exporter Full as a user imports it, cut to its first 30 panels with every row open.
Core::Result<Prom::LoadedDashboard> nodeExporterFull()
{
    auto loaded = Prom::DashboardLoader::loadFile(
        Test::sourceDir() + QStringLiteral("/resources/dashboards/node-exporter-full.json"));
    if (!loaded)
        return loaded;
    Prom::LoadedDashboard cut = *loaded;
    Prom::Dashboard &d = cut.dashboard;
    d.panels = d.panels.mid(0, kNefPanels);
    int lastRow = -1;
    for (const Prom::Panel &p : std::as_const(d.panels))
        lastRow = std::max(lastRow, p.row);
    d.rows = d.rows.mid(0, lastRow + 1);
    for (Prom::Row &r : d.rows)
        r.collapsed = false;
    return cut;
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    // One Prometheus for both cases: the fixture's services, and one node as the simulator serves it.
    const qint64 endS =
        QDateTime::currentSecsSinceEpoch() / Test::PromFixture::kStepS * Test::PromFixture::kStepS -
        Test::PromFixture::kStepS;
    QByteArray nodeHistory;
    Sim::MetricsModelNodes nodes((endS - Test::PromFixture::kHistoryS - 86400) * 1000);
    Sim::SimNode node;
    node.name = QStringLiteral("web-node-1");
    node.cpus = 4;
    Sim::MetricsModelNodes::writeOpenMetrics(nodeHistory, nodes.series({node}),
                                             (endS - Test::PromFixture::kHistoryS) * 1000, endS * 1000, 15);
    Test::PromFixture fixture;
    if (const QString err = fixture.start("groups: []\n", false, nodeHistory); !err.isEmpty()) {
        std::fprintf(stderr, "prometheus: %s\n", qPrintable(err));
        return 1;
    }
    Prom::PromClient client;
    Prom::ServerConfig config;
    config.url = fixture.prometheusUrl();
    if (!client.configure(config))
        return 1;

    const auto overview = Prom::DashboardLoader::loadFile(
        Test::sourceDir() + QStringLiteral("/resources/dashboards/service-overview.json"));
    if (!overview) {
        std::fprintf(stderr, "%s\n", qPrintable(overview.error().text()));
        return 1;
    }
    {
        Ui::ChartsPane pane(&client);
        pane.resize(1800, 1050);
        pane.setDashboard(overview->dashboard);
        pane.setVariable(QStringLiteral("namespace"), QStringLiteral("shop"));
        pane.setVariable(QStringLiteral("service"), QStringLiteral("web"));
        pane.show();
        const Figures f = measure(pane, fixture.endS(), {3, 1, 6, 7, 1, 6, 7, 1, 6, 7, 6});
        if (f.medianMs < 0)
            return 1;
        print("dashboard", f);
    }

    const auto nef = nodeExporterFull();
    if (!nef) {
        std::fprintf(stderr, "%s\n", qPrintable(nef.error().text()));
        return 1;
    }
    Ui::ChartsPane pane(&client);
    pane.resize(1920, 1080);
    pane.setAutoRefreshMs(0);
    pane.setDashboard(nef->dashboard, nef->notes);
    pane.setAutoRefreshMs(0);
    pane.show();
    // The job and node variables come from Prometheus; then the panels follow.
    if (!awaitRefresh(pane, [&] { pane.setAbsoluteRange((endS - 3600) * 1000, endS * 1000); })) {
        std::fprintf(stderr, "Node Exporter Full: the first refresh did not finish within 60 s\n");
        return 1;
    }
    QElapsedTimer variables;
    variables.start();
    while (pane.variables()->isBusy() && variables.elapsed() < 20000)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
    if (pane.variableValue(QStringLiteral("node")).isEmpty()) {
        std::fprintf(stderr, "Node Exporter Full: the node variable found no instance in Prometheus\n");
        return 1;
    }
    const Figures f = measure(pane, endS, {3, 1, 6, 7, 1, 6, 7, 1, 6, 7, 6});
    if (f.medianMs < 0)
        return 1;
    int withData = 0;
    for (int i = 0; i < pane.panelCount(); ++i)
        withData += pane.panel(i)->seriesCount() > 0 ? 1 : 0;
    if (f.panels != kNefPanels || withData < kNefPanels / 2) {
        std::fprintf(stderr,
                     "Node Exporter Full: %d panels drawn, %d with data (expected %d, most with data)\n",
                     f.panels, withData, kNefPanels);
        return 1;
    }
    print("dashboard_nef", f);
    std::printf("BENCH dashboard_nef_panels_with_data %d panels\n", withData);
    return 0;
}
