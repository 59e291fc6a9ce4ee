// Pods at scale: initial sync of 10,000 and 30,000 pods (paginated list) into the sorted pods table, then
// 1,000 watch events/s while a timer probe measures the GUI event loop's worst delay; resident memory per
// pod. The simulator runs in its own thread so its work does not count as GUI stalls. Prints BENCH lines
// only.
#include "PodsFilterProxy.h"
#include "PodsModel.h"
#include "core/Clock.h"
#include "kube/Informer.h"
#include "kube/KubeClient.h"
#include "kube/Kubeconfig.h"
#include "sim/SimServer.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QHeaderView>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>
#include <QTreeView>

#include <atomic>
#include <malloc.h>
#include <unistd.h>

#include <cstdio>
#include <functional>

using namespace Sitrep;

namespace {

double residentKb()
{
    malloc_trim(0); // freed parse buffers go back to the OS, so RSS shows what is kept
    QFile f(QStringLiteral("/proc/self/statm"));
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    const QList<QByteArray> parts = f.readAll().split(' ');
    return parts.size() > 1 ? parts.at(1).toDouble() * double(sysconf(_SC_PAGESIZE)) / 1024.0 : 0;
}

void bench(const char *name, double value, const char *unit)
{
    std::printf("BENCH %s %.3f %s\n", name, value, unit);
    std::fflush(stdout);
}

// Runs fn in the simulator's thread and waits for it.
void inSim(QObject *context, const std::function<void()> &fn)
{
    QMetaObject::invokeMethod(context, fn, Qt::BlockingQueuedConnection);
}

// Measures the longest gap between 5 ms ticks of the GUI thread.
class StallProbe
{
public:
    StallProbe()
    {
        m_timer.setInterval(5);
        m_timer.setTimerType(Qt::PreciseTimer);
        QObject::connect(&m_timer, &QTimer::timeout, [this] {
            const qint64 now = m_clock.nsecsElapsed();
            m_max = std::max(m_max, now - m_last);
            m_last = now;
        });
    }
    void start()
    {
        m_max = 0;
        m_clock.start();
        m_last = 0;
        m_timer.start();
    }
    double stop()
    {
        m_timer.stop();
        return std::max(0.0, double(m_max) / 1e6 - 5.0);
    }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = 0;
    qint64 m_max = 0;
};

struct Run
{
    double syncSeconds = 0;
    double syncStallMs = 0;
    double kbPerPod = 0;
    double watchStallMs = 0;
    qint64 watchEvents = 0;
    qint64 producedEvents = 0;
};

bool waitUntil(const std::function<bool()> &cond, int timeoutMs)
{
    QElapsedTimer t;
    t.start();
    while (!cond()) {
        if (t.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        QThread::usleep(200);
    }
    return true;
}

Run runOnce(int pods, bool watchPhase)
{
    Run out;
    QThread simThread;
    simThread.start();
    QObject simContext;
    simContext.moveToThread(&simThread);
    Sim::SimServer *sim = nullptr;
    QTemporaryDir dir;
    const QString kubeconfig = dir.filePath(QStringLiteral("kubeconfig"));
    bool ok = false;
    inSim(&simContext, [&] {
        sim = new Sim::SimServer();
        ok = sim->loadScenario(QStringLiteral("healthy")).ok() && sim->start(0, true).ok() &&
             sim->writeKubeconfig(kubeconfig, QStringLiteral("bench"), QStringLiteral("load")).ok();
        sim->addSyntheticPods(pods, QStringLiteral("load"));
    });
    if (!ok) {
        std::fprintf(stderr, "simulator did not start\n");
        return out;
    }
    auto kc = Kube::Kubeconfig::loadFiles({kubeconfig});
    auto cfg = kc ? kc->resolve() : Core::Result<Kube::ClusterConfig>(kc.error());
    if (!cfg) {
        std::fprintf(stderr, "%s\n", qPrintable(cfg.error().text()));
        return out;
    }
    Core::SystemClock clock;
    const double rss0 = residentKb();
    {
        auto client = Kube::KubeClient::create(*cfg, clock);
        Kube::Informer informer(client->get(), Kube::ResourceRef::pods(QStringLiteral("load")));
        informer.setListTimeoutMs(120000);
        Ui::PodsModel model(clock);
        Ui::PodsFilterProxy proxy;
        proxy.setPodsModel(&model);
        QTreeView view;
        view.setUniformRowHeights(true);
        view.setModel(&proxy);
        view.setSortingEnabled(true);
        view.sortByColumn(Ui::PodsModel::Name, Qt::AscendingOrder);
        view.resize(1200, 800);
        view.show();
        QObject::connect(&informer, &Kube::Informer::eventsReady, &model, &Ui::PodsModel::enqueue);
        qint64 received = 0;
        QObject::connect(&informer, &Kube::Informer::eventsReady,
                         [&received](const Kube::ObjectEvents &e) { received += e.size(); });

        StallProbe probe;
        QElapsedTimer t;
        probe.start();
        t.start();
        informer.start();
        if (!waitUntil(
                [&] {
                    return informer.hasSynced() && model.pendingEvents() == 0 && proxy.rowCount() == pods;
                },
                300000))
            std::fprintf(stderr, "sync incomplete: %d of %d rows\n", proxy.rowCount(), pods);
        out.syncSeconds = double(t.nsecsElapsed()) / 1e9;
        out.syncStallMs = probe.stop();
        waitUntil([&] { return informer.state() == Kube::Informer::State::Live; }, 10000);
        out.kbPerPod = (residentKb() - rss0) / pods;

        if (watchPhase) {
            // 1,000 events/s for 5 s, produced in the simulator's thread in 10 ms slices.
            QTimer *churn = nullptr;
            std::atomic<qint64> produced{0};
            inSim(&simContext, [&] {
                churn = new QTimer();
                churn->setInterval(10);
                churn->setTimerType(Qt::PreciseTimer);
                QObject::connect(churn, &QTimer::timeout, [sim, &produced] {
                    sim->churn(10);
                    produced += 10;
                });
                churn->start();
            });
            received = 0;
            probe.start();
            QElapsedTimer w;
            w.start();
            waitUntil([&] { return w.elapsed() >= 5000; }, 6000);
            out.watchStallMs = probe.stop();
            inSim(&simContext, [&] {
                churn->stop();
                delete churn;
            });
            out.watchEvents = received;
            out.producedEvents = produced;
        }
        informer.stop();
        client->get()->shutdown();
    }
    inSim(&simContext, [&] { delete sim; });
    simThread.quit();
    simThread.wait();
    return out;
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    const Run small = runOnce(10000, false);
    bench("pods_sync_10k_s", small.syncSeconds, "s");
    bench("pods_sync_10k_max_stall_ms", small.syncStallMs, "ms");
    const Run big = runOnce(30000, true);
    bench("pods_sync_30k_s", big.syncSeconds, "s");
    bench("pods_sync_30k_max_stall_ms", big.syncStallMs, "ms");
    bench("pods_kb_per_pod", big.kbPerPod, "KB");
    bench("pods_watch_max_stall_ms", big.watchStallMs, "ms");
    bench("pods_watch_events_per_s", double(big.watchEvents) / 5.0, "events/s");
    bench("pods_watch_events_produced_per_s", double(big.producedEvents) / 5.0, "events/s");
    return 0;
}
