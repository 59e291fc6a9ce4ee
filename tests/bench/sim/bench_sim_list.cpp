// How fast the simulated API serves what the client benchmarks need: 30,000 pods listed in pages of 500,
// and a stream of watch events. Prints BENCH lines; never asserts on time.
#include "sim/ClusterState.h"
#include "sim/SimServer.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>

#include <cstdio>

using Sitrep::Sim::SimServer;

namespace {

void bench(const char *name, double value, const char *unit)
{
    std::printf("BENCH %s %.1f %s\n", name, value, unit);
    std::fflush(stdout);
}

QByteArray fetch(QNetworkAccessManager &nam, const QUrl &url)
{
    QNetworkRequest request(url);
    request.setRawHeader("Accept", "application/json");
    QNetworkReply *reply = nam.get(request);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    const QByteArray body = reply->readAll();
    reply->deleteLater();
    return body;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    constexpr int kPods = 30000;
    SimServer sim;
    if (auto r = sim.loadScenario(QStringLiteral("healthy")); !r) {
        std::fprintf(stderr, "%s\n", qPrintable(r.error().text()));
        return 1;
    }
    sim.setRunning(false);
    sim.setHistoryLimit(50000);
    QElapsedTimer timer;
    timer.start();
    sim.addSyntheticPods(kPods);
    bench("sim_create_30k_pods", double(timer.elapsed()), "ms");
    const auto url = sim.start(0, false);
    if (!url) {
        std::fprintf(stderr, "%s\n", qPrintable(url.error().text()));
        return 1;
    }
    QNetworkAccessManager nam;

    // Paged list, as informers do it.
    for (int round = 0; round < 2; ++round) {
        timer.restart();
        int items = 0, pages = 0;
        qint64 bytes = 0;
        QString token;
        do {
            QString path = QStringLiteral("/api/v1/namespaces/load/pods?limit=500");
            if (!token.isEmpty())
                path += QStringLiteral("&continue=") + token;
            const QByteArray body = fetch(nam, QUrl(url->toString() + path));
            bytes += body.size();
            const QJsonObject list = QJsonDocument::fromJson(body).object();
            items += int(list.value(QLatin1String("items")).toArray().size());
            token =
                list.value(QLatin1String("metadata")).toObject().value(QLatin1String("continue")).toString();
            ++pages;
        } while (!token.isEmpty());
        const double ms = double(timer.elapsed());
        if (items != kPods)
            std::fprintf(stderr, "listed %d pods, expected %d\n", items, kPods);
        if (round == 1) {
            bench("sim_list_30k_pods_paged", ms, "ms");
            bench("sim_list_pods_per_s", items / (ms / 1000.0), "pods/s");
            bench("sim_list_pages", pages, "pages");
            bench("sim_list_bytes", double(bytes) / (1024 * 1024), "MiB");
        }
    }

    // Watch throughput: MODIFIED events on the synthetic pods, streamed to one watcher.
    constexpr int kEvents = 20000;
    QNetworkRequest request(QUrl(url->toString() +
                                 QStringLiteral("/api/v1/namespaces/load/pods?watch=true&resourceVersion=") +
                                 QString::number(sim.state().resourceVersion())));
    QNetworkReply *watch = nam.get(request);
    int received = 0;
    QByteArray pending;
    QEventLoop loop;
    QObject::connect(watch, &QNetworkReply::readyRead, [&] {
        pending += watch->readAll();
        qsizetype nl;
        while ((nl = pending.indexOf('\n')) >= 0) {
            pending.remove(0, nl + 1);
            if (++received == kEvents)
                loop.quit();
        }
    });
    QTimer producer;
    int produced = 0;
    QObject::connect(&producer, &QTimer::timeout, [&] {
        if (produced < kEvents) {
            sim.churn(500);
            produced += 500;
        }
    });
    QTimer::singleShot(200, [&] {
        timer.restart();
        producer.start(0);
    });
    QTimer::singleShot(120000, &loop, &QEventLoop::quit);
    loop.exec();
    const double ms = double(timer.elapsed());
    bench("sim_watch_events", received, "events");
    bench("sim_watch_events_per_s", received / (ms / 1000.0), "events/s");
    watch->abort();
    watch->deleteLater();
    return received == kEvents ? 0 : 1;
}
