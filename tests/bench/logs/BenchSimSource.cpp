#include "BenchSimSource.h"

#include "BenchPod.h"

#include "sim/ClusterState.h"
#include "sim/PodLogs.h"
#include "sim/SimServer.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonObject>

namespace Sitrep::Bench {

BenchSimSource::BenchSimSource(int lines, qint64 t0Ms, std::function<QByteArray(int)> line, QObject *parent)
    : QThread(parent)
    , m_lines(lines)
    , m_t0Ms(t0Ms)
    , m_line(std::move(line))
{}

BenchSimSource::~BenchSimSource()
{
    quit();
    wait();
}

bool BenchSimSource::startServing()
{
    start();
    QElapsedTimer t;
    t.start();
    while (m_port.load() == 0 && !m_failed.load() && t.elapsed() < 300000)
        QThread::msleep(20);
    return m_port.load() != 0;
}

QList<QByteArray> BenchSimSource::requests() const
{
    QMutexLocker lock(&m_mutex);
    return m_requests;
}

void BenchSimSource::run()
{
    Sim::SimServer sim;
    if (!sim.loadScenario(QStringLiteral("healthy")).ok()) {
        m_failed = true;
        return;
    }
    sim.setRunning(false); // nothing but the benchmark's lines in the log
    sim.setToken({});
    // A pod whose container has finished: its log is served whole and the connection closes, so both
    // `kubectl logs -f` and Sitrep's follow stream reach the end.
    const QString started = QStringLiteral("2026-11-23T07:00:00Z");
    const QJsonObject terminated{{QStringLiteral("exitCode"), 0},
                                 {QStringLiteral("reason"), QStringLiteral("Completed")},
                                 {QStringLiteral("startedAt"), started},
                                 {QStringLiteral("finishedAt"), started}};
    const QJsonObject pod = benchPod(QStringLiteral("bench-0"), QStringLiteral("Succeeded"), false,
                                     QJsonObject{{QStringLiteral("terminated"), terminated}});
    sim.state().create(QStringLiteral("pods"), pod);
    sim.logs().setMaxLines(m_lines);
    for (int i = 0; i < m_lines; ++i)
        sim.logs().append(QStringLiteral("default"), QStringLiteral("bench-0"), QStringLiteral("app"),
                          m_t0Ms + i / 1000, QString::fromUtf8(m_line(i)));
    // Render the log once before anything is timed (the simulator keeps whole runs rendered).
    Sim::LogQuery all;
    all.timestamps = true;
    m_bodyBytes = sim.logs()
                      .read(QStringLiteral("default"), QStringLiteral("bench-0"), QStringLiteral("app"), all)
                      .size();
    connect(&sim, &Sim::SimServer::requestHandled, &sim,
            [this](const QByteArray &method, const QString &path) {
                QMutexLocker lock(&m_mutex);
                m_requests.append(method + ' ' + path.toUtf8());
            });
    const auto url = sim.start(0, false);
    if (!url) {
        m_failed = true;
        return;
    }
    m_port = quint16(url->port());
    exec();
}

} // namespace Sitrep::Bench
