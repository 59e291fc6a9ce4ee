// Pods at scale, as the console holds them (ClusterSet: client, informers, journaler and census per cluster;
// the pods pane's model, sorting proxy and view), against simulators running as their own processes
// (sim_serve), so neither their memory nor their work counts:
//   one cluster: initial sync of 10,000 and 30,000 pods, 1,000 watch events/s while a 5 ms timer probes the
//   GUI event loop's worst delay, resident memory per pod;
//   three clusters: 10,000 pods each synced together, then all three churning at once, memory per pod.
// Prints BENCH lines only; a setup or run that fails says why and exits non-zero.
#include "PodsModel.h"
#include "PodsPane.h"
#include "core/Clock.h"
#include "kube/ClusterSet.h"
#include "kube/KubeCall.h"
#include "support/ServerProcess.h"
#include "support/TestEnv.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QHeaderView>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>
#include <QTreeView>

#include <malloc.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <functional>
#include <memory>
#include <vector>

using namespace Sitrep;

namespace {

[[noreturn]] void fail(const QString &why)
{
    std::fprintf(stderr, "bench_kube: %s\n", qPrintable(why));
    std::exit(1);
}

double residentKb()
{
    malloc_trim(0); // freed parse buffers go back to the OS, so RSS shows what is kept
    QFile f(QStringLiteral("/proc/self/statm"));
    if (!f.open(QIODevice::ReadOnly))
        fail(QStringLiteral("cannot read /proc/self/statm"));
    const QList<QByteArray> parts = f.readAll().split(' ');
    return parts.size() > 1 ? parts.at(1).toDouble() * double(sysconf(_SC_PAGESIZE)) / 1024.0 : 0;
}

void bench(const char *name, double value, const char *unit)
{
    if (!(value > 0))
        fail(QStringLiteral("%1 came out as %2: the run did not measure it").arg(QString::fromLatin1(name)).arg(value));
    std::printf("BENCH %s %.3f %s\n", name, value, unit);
    std::fflush(stdout);
}

// The longest gap between 5 ms ticks of the GUI thread.
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

// One simulated cluster in its own process, with `pods` synthetic pods in namespace "load".
struct Sim
{
    Test::ServerProcess process;
    QString kubeconfig;
    QString context;
};

std::unique_ptr<Sim> startSim(const QTemporaryDir &dir, const QString &context, int pods)
{
    auto sim = std::make_unique<Sim>();
    sim->context = context;
    sim->kubeconfig = dir.filePath(QStringLiteral("kubeconfig-") + context);
    const quint16 port = Test::freePort();
    const QString error = sim->process.startTcp(
        QStringLiteral(SIM_SERVE_BINARY),
        {QStringLiteral("--port"), QString::number(port), QStringLiteral("--scenario"), QStringLiteral("healthy"),
         QStringLiteral("--context"), context, QStringLiteral("--write-kubeconfig"), sim->kubeconfig},
        port);
    if (!error.isEmpty())
        fail(QStringLiteral("the simulator did not start: %1").arg(error));
    // The pods are made by the simulator's own process, asked over its admin API.
    auto kc = Kube::Kubeconfig::loadFiles({sim->kubeconfig});
    auto cfg = kc ? kc->resolve() : Core::Result<Kube::ClusterConfig>(kc.error());
    if (!cfg)
        fail(cfg.error().text());
    static Core::SystemClock clock;
    auto client = Kube::KubeClient::create(*cfg, clock);
    if (!client)
        fail(client.error().text());
    Kube::KubeRequest r;
    r.method = "POST";
    r.path = QStringLiteral("/sim/synthetic");
    r.query.addQueryItem(QStringLiteral("count"), QString::number(pods));
    r.timeoutMs = 600000;
    Kube::KubeCall *call = client->get()->send(r);
    bool done = false;
    QString why;
    QObject::connect(call, &Kube::KubeCall::finished, [&] {
        done = true;
        why = call->errorText();
    });
    if (!waitUntil([&] { return done; }, 600000) || !why.isEmpty())
        fail(QStringLiteral("%1 pods were not created: %2").arg(pods).arg(why));
    return sim;
}

// Sends POST /sim/churn?count=10 every 10 ms to each simulator from a thread of its own (its own clients and
// network), one request in flight per simulator: the GUI thread only sees the watch events.
class Churner final : public QObject
{
public:
    explicit Churner(const std::vector<std::unique_ptr<Sim>> &sims)
    {
        m_thread.start();
        moveToThread(&m_thread);
        QStringList files;
        for (const auto &s : sims)
            files << s->kubeconfig;
        QMetaObject::invokeMethod(
            this,
            [this, files] {
                for (const QString &f : files) {
                    auto kc = Kube::Kubeconfig::loadFiles({f});
                    auto cfg = kc->resolve();
                    m_clients.push_back(std::move(Kube::KubeClient::create(*cfg, m_clock)).value());
                    m_busy.push_back(false);
                }
                m_timer = new QTimer(this);
                m_timer->setInterval(10);
                m_timer->setTimerType(Qt::PreciseTimer);
                connect(m_timer, &QTimer::timeout, this, [this] { tick(); });
            },
            Qt::BlockingQueuedConnection);
    }
    ~Churner() override
    {
        QMetaObject::invokeMethod(
            this,
            [this] {
                delete m_timer;
                m_clients.clear();
                moveToThread(QCoreApplication::instance()->thread());
            },
            Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
    }
    void start()
    {
        QMetaObject::invokeMethod(this, [this] { m_timer->start(); }, Qt::BlockingQueuedConnection);
    }
    void stop()
    {
        QMetaObject::invokeMethod(this, [this] { m_timer->stop(); }, Qt::BlockingQueuedConnection);
    }
    qint64 produced() const { return m_produced; }

private:
    void tick()
    {
        for (size_t i = 0; i < m_clients.size(); ++i) {
            if (m_busy[i])
                continue;
            m_busy[i] = true;
            Kube::KubeRequest r;
            r.method = "POST";
            r.path = QStringLiteral("/sim/churn");
            r.query.addQueryItem(QStringLiteral("count"), QStringLiteral("10"));
            Kube::KubeCall *call = m_clients[i]->send(r);
            connect(call, &Kube::KubeCall::finished, this, [this, call, i] {
                m_busy[i] = false;
                if (call->ok())
                    m_produced += 10;
            });
        }
    }

    QThread m_thread;
    Core::SystemClock m_clock;
    std::vector<std::unique_ptr<Kube::KubeClient>> m_clients;
    std::vector<bool> m_busy;
    QTimer *m_timer = nullptr;
    std::atomic<qint64> m_produced{0};
};

struct Run
{
    double syncSeconds = 0;
    double syncStallMs = 0;
    double kbPerPod = 0;
    double watchStallMs = 0;
    double watchEventsPerS = 0;
    double producedPerS = 0;
};

// Syncs `clusters` simulators of `podsEach` pods into the console's pods pane, then (watchMs > 0) churns them
// all for that long.
Run runOnce(int clusters, int podsEach, int watchMs)
{
    QTemporaryDir dir;
    if (!dir.isValid())
        fail(QStringLiteral("no temporary folder"));
    std::vector<std::unique_ptr<Sim>> sims;
    QList<Kube::ClusterSpec> specs;
    for (int i = 0; i < clusters; ++i) {
        sims.push_back(startSim(dir, QStringLiteral("bench-%1").arg(i + 1), podsEach));
        specs << Kube::ClusterSpec{sims.back()->kubeconfig, sims.back()->context, QStringLiteral("load"), {}, {}};
    }
    const int total = clusters * podsEach;
    Run out;
    Core::SystemClock clock;
    const double rss0 = residentKb();
    {
        Ui::PodsPane pane(clock);
        pane.resize(1400, 800);
        pane.view()->sortByColumn(Ui::PodsModel::Name, Qt::AscendingOrder);
        pane.show();
        Kube::ClusterSet set(clock, nullptr);
        set.setInformerSetup([](Kube::Informer &i) { i.setListTimeoutMs(120000); });
        QObject::connect(&set, &Kube::ClusterSet::clustersChanged, &pane,
                         [&] { pane.setConnections(set.connections()); });
        qint64 received = 0;
        auto synced = [&] {
            for (Kube::ClusterConnection *c : set.connections())
                if (!c->pods() || !c->pods()->hasSynced())
                    return false;
            return pane.model()->pendingEvents() == 0 && pane.model()->rowCount() == total;
        };

        StallProbe probe;
        QElapsedTimer t;
        probe.start();
        t.start();
        set.setClusters(specs); // opens and starts every cluster at once
        if (set.openCount() != clusters)
            fail(QStringLiteral("%1 of %2 clusters opened").arg(set.openCount()).arg(clusters));
        for (Kube::ClusterConnection *c : set.connections())
            QObject::connect(c->pods(), &Kube::Informer::eventsReady,
                             [&received](const Kube::ObjectEvents &e) { received += e.size(); });
        if (!waitUntil(synced, 300000))
            fail(QStringLiteral("sync incomplete: %1 of %2 rows").arg(pane.model()->rowCount()).arg(total));
        out.syncSeconds = double(t.nsecsElapsed()) / 1e9;
        out.syncStallMs = probe.stop();
        if (!waitUntil(
                [&] {
                    const auto list = set.connections();
                    return std::all_of(list.begin(), list.end(), [](Kube::ClusterConnection *c) {
                        return c->pods()->state() == Kube::Informer::State::Live;
                    });
                },
                10000))
            fail(QStringLiteral("the watches did not open"));
        out.kbPerPod = (residentKb() - rss0) / total;

        if (watchMs > 0) {
            Churner churner(sims);
            received = 0;
            probe.start();
            churner.start();
            QElapsedTimer w;
            w.start();
            waitUntil([&] { return w.elapsed() >= watchMs; }, watchMs + 1000);
            out.watchStallMs = probe.stop();
            churner.stop();
            out.watchEventsPerS = double(received) * 1000.0 / watchMs;
            out.producedPerS = double(churner.produced()) * 1000.0 / watchMs;
        }
        set.shutdown();
    }
    return out;
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    const int podsEach = qEnvironmentVariableIntValue("SITREP_BENCH_KUBE_PODS") > 0
                             ? qEnvironmentVariableIntValue("SITREP_BENCH_KUBE_PODS")
                             : 10000;
    const Run small = runOnce(1, podsEach, 0);
    bench("pods_sync_10k_s", small.syncSeconds, "s");
    bench("pods_sync_10k_max_stall_ms", small.syncStallMs, "ms");
    const Run big = runOnce(1, podsEach * 3, 5000);
    bench("pods_sync_30k_s", big.syncSeconds, "s");
    bench("pods_sync_30k_max_stall_ms", big.syncStallMs, "ms");
    bench("pods_kb_per_pod", big.kbPerPod, "KB");
    bench("pods_watch_max_stall_ms", big.watchStallMs, "ms");
    bench("pods_watch_events_per_s", big.watchEventsPerS, "events/s");
    bench("pods_watch_events_produced_per_s", big.producedPerS, "events/s");
    const Run three = runOnce(3, podsEach, 5000);
    bench("pods_sync_3x10k_s", three.syncSeconds, "s");
    bench("pods_sync_3x10k_max_stall_ms", three.syncStallMs, "ms");
    bench("pods_3x10k_kb_per_pod", three.kbPerPod, "KB");
    bench("pods_watch_3x_max_stall_ms", three.watchStallMs, "ms");
    bench("pods_watch_3x_events_per_s", three.watchEventsPerS, "events/s");
    bench("pods_watch_3x_events_produced_per_s", three.producedPerS, "events/s");
    return 0;
}
