#include "BenchLiveSource.h"

#include "BenchPod.h"

#include "sim/ClusterState.h"
#include "sim/PodLogs.h"
#include "sim/SimServer.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonObject>
#include <QTimer>

namespace Sitrep::Bench {

BenchLiveSource::BenchLiveSource(int pods, int linesPerSecond, std::function<QByteArray(int)> line,
                                 QObject *parent)
    : QThread(parent)
    , m_pods(pods)
    , m_rate(linesPerSecond)
    , m_line(std::move(line))
{}

BenchLiveSource::~BenchLiveSource()
{
    quit();
    wait();
}

bool BenchLiveSource::startServing()
{
    start();
    QElapsedTimer t;
    t.start();
    while (m_port.load() == 0 && !m_failed.load() && t.elapsed() < 60000)
        QThread::msleep(20);
    return m_port.load() != 0;
}

void BenchLiveSource::run()
{
    Sim::SimServer sim;
    if (!sim.loadScenario(QStringLiteral("healthy")).ok()) {
        m_failed = true;
        return;
    }
    sim.setRunning(false); // only the benchmark's writers touch the logs
    sim.setToken({});
    const QString started = QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
    for (int i = 0; i < m_pods; ++i) {
        const QJsonObject running{{QStringLiteral("startedAt"), started}};
        sim.state().create(QStringLiteral("pods"),
                           benchPod(QStringLiteral("live-%1").arg(i), QStringLiteral("Running"), true,
                                    QJsonObject{{QStringLiteral("running"), running}}));
    }
    sim.logs().setMaxLines(20000);
    const auto url = sim.start(0, false);
    if (!url) {
        m_failed = true;
        return;
    }
    // Writers paced by the clock: every 10 ms each pod writes its share of what is due by now.
    QElapsedTimer clock;
    clock.start();
    QTimer writer;
    writer.setInterval(10);
    connect(&writer, &QTimer::timeout, &sim, [&] {
        const qint64 due = clock.elapsed() * m_rate / 1000 - m_written.load();
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        for (qint64 n = 0; n < due; ++n) {
            const qint64 i = m_written.load();
            sim.logs().append(QStringLiteral("default"), QStringLiteral("live-%1").arg(i % m_pods),
                              QStringLiteral("app"), now, QString::fromUtf8(m_line(int(i))));
            m_written.fetch_add(1);
        }
    });
    writer.start();
    m_port = quint16(url->port());
    exec();
}

} // namespace Sitrep::Bench
