#include "demo/DemoSession.h"

#include "sim/SimServer.h"

#include <QDir>

using namespace Sitrep::Core;

namespace Sitrep::Demo {

namespace {
// Prometheus's default, and what the bundled dashboards declare as their scrape interval.
constexpr int kScrapeSeconds = 15;
} // namespace

DemoSession::DemoSession(QObject *parent)
    : QObject(parent)
{
    connect(&m_prometheus, &PrometheusLauncher::ready, this, &DemoSession::prometheusReady);
    connect(&m_prometheus, &PrometheusLauncher::failed, this, &DemoSession::prometheusFailed);
}

DemoSession::~DemoSession()
{
    m_prometheus.stop();
    if (m_server)
        m_server->stop();
    if (m_second)
        m_second->stop();
}

QUrl DemoSession::apiUrl() const
{
    return m_server ? m_server->url() : QUrl();
}

Result<void> DemoSession::start(const QString &workDir, const QByteArray &alertRules, const QString &layout)
{
    if (!QDir().mkpath(workDir))
        return makeError(tr("cannot create the demo folder"), workDir);
    if (!layout.isEmpty() && layout != twoRegions())
        return makeError(tr("no demo layout named \"%1\" (there is \"%2\")").arg(layout, twoRegions()));
    const bool regions = layout == twoRegions();
    m_server = std::make_unique<Sim::SimServer>();
    if (auto r = m_server->loadScenario(QStringLiteral("api-gateway-rollout")); !r)
        return r;
    if (auto r = m_server->start(0, true); !r)
        return r.error();
    m_context = regions ? QStringLiteral("prod-eu") : QStringLiteral("sitrep-demo");
    m_kubeconfig =
        QDir(workDir).filePath(regions ? QStringLiteral("kubeconfig-prod-eu") : QStringLiteral("kubeconfig"));
    if (auto r = m_server->writeKubeconfig(m_kubeconfig, contextName(), QStringLiteral("demo")); !r)
        return r;
    m_clusters = {{regions ? m_context : QString(), m_kubeconfig, m_context,
                   regions ? QStringLiteral("#6a1b9a") : QString()}};
    if (regions) {
        // The same service in a second region, healthy: its own simulator, its own kubeconfig file.
        m_second = std::make_unique<Sim::SimServer>();
        if (auto r = m_second->loadScenario(QStringLiteral("healthy")); !r)
            return r;
        if (auto r = m_second->start(0, true); !r)
            return r.error();
        const QString second = QDir(workDir).filePath(QStringLiteral("kubeconfig-prod-us"));
        if (auto r = m_second->writeKubeconfig(second, QStringLiteral("prod-us"), QStringLiteral("demo")); !r)
            return r;
        m_clusters << Cluster{QStringLiteral("prod-us"), second, QStringLiteral("prod-us"),
                              QStringLiteral("#1565c0")};
    }
    // Prometheus scrapes a plain-HTTP metrics listener (no token needed for /metrics).
    auto metrics = m_server->startMetricsListener(0);
    if (!metrics)
        return metrics.error();
    PrometheusLauncher::Config config;
    config.scrapeTarget = *metrics;
    if (config.scrapeTarget.path().isEmpty() || config.scrapeTarget.path() == QLatin1String("/"))
        config.scrapeTarget.setPath(QStringLiteral("/metrics"));
    config.rules = alertRules;
    // History on the scrape grid: Grafana-style $__rate_interval (4 scrapes) then finds samples in the
    // backfilled hours as in the live minutes.
    config.backfill = m_server->openMetricsBackfill(3, kScrapeSeconds);
    config.scrapeInterval = QStringLiteral("%1s").arg(kScrapeSeconds);
    m_prometheus.start(config);
    return {};
}

} // namespace Sitrep::Demo
