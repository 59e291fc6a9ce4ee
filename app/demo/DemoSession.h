#pragma once

#include "core/Result.h"
#include "demo/PrometheusLauncher.h"

#include <QList>
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
// real cluster and Prometheus. The "two-regions" layout adds a second simulator: prod-eu runs the bad
// rollout, prod-us the same service healthy, each with its own kubeconfig, as two regions would.
class DemoSession final : public QObject
{
    Q_OBJECT
public:
    explicit DemoSession(QObject *parent = nullptr);
    ~DemoSession() override;

    // One simulated cluster of the demo, as the console should watch it.
    struct Cluster
    {
        QString name;
        QString kubeconfig;
        QString context;
        QString colour;
    };
    static QString twoRegions() { return QStringLiteral("two-regions"); }

    // Starts the simulator(s) now and Prometheus asynchronously (prometheusReady / prometheusFailed).
    // layout: "" for one cluster, twoRegions() for prod-eu (crash loop) and prod-us (healthy).
    Sitrep::Core::Result<void> start(const QString &workDir, const QByteArray &alertRules,
                                     const QString &layout = {});
    // The crash-looping cluster (the only one, or prod-eu).
    QString kubeconfigPath() const { return m_kubeconfig; }
    QString contextName() const { return m_context; }
    // Every simulated cluster, the crash-looping one first.
    QList<Cluster> clusters() const { return m_clusters; }
    Sitrep::Sim::SimServer *secondServer() const { return m_second.get(); }
    QUrl apiUrl() const;
    Sitrep::Sim::SimServer *server() const { return m_server.get(); }

signals:
    void prometheusReady(const QUrl &url);
    void prometheusFailed(const QString &sentence);

private:
    std::unique_ptr<Sitrep::Sim::SimServer> m_server;
    std::unique_ptr<Sitrep::Sim::SimServer> m_second; // prod-us of the two-regions layout
    PrometheusLauncher m_prometheus;
    QString m_kubeconfig;
    QString m_context = QStringLiteral("sitrep-demo");
    QList<Cluster> m_clusters;
};

} // namespace Sitrep::Demo
