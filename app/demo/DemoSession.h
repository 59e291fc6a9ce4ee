#pragma once

#include "core/Result.h"
#include "demo/PrometheusLauncher.h"

#include <QObject>
#include <QUrl>

#include <memory>

namespace Sitrep::Sim {
class SimServer;
}

namespace Sitrep::Demo {

// `sitrep --demo`: the simulated cluster in-process (HTTPS, token, generated kubeconfig) running the
// api-gateway rollout scenario, plus a real Prometheus from PATH that scrapes it with hours of
// backfilled history and the scenario's alert rules. The GUI then connects to both exactly as to a
// real cluster and Prometheus.
class DemoSession final : public QObject
{
    Q_OBJECT
public:
    explicit DemoSession(QObject *parent = nullptr);
    ~DemoSession() override;

    // Starts the simulator now and Prometheus asynchronously (prometheusReady / prometheusFailed).
    Sitrep::Core::Result<void> start(const QString &workDir, const QByteArray &alertRules);
    QString kubeconfigPath() const { return m_kubeconfig; }
    QString contextName() const { return QStringLiteral("sitrep-demo"); }
    QUrl apiUrl() const;
    Sitrep::Sim::SimServer *server() const { return m_server.get(); }

signals:
    void prometheusReady(const QUrl &url);
    void prometheusFailed(const QString &sentence);

private:
    std::unique_ptr<Sitrep::Sim::SimServer> m_server;
    PrometheusLauncher m_prometheus;
    QString m_kubeconfig;
};

} // namespace Sitrep::Demo
