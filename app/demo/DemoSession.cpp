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
}

QUrl DemoSession::apiUrl() const
{
    return m_server ? m_server->url() : QUrl();
}

Result<void> DemoSession::start(const QString &workDir, const QByteArray &alertRules)
{
    if (!QDir().mkpath(workDir))
        return makeError(tr("cannot create the demo folder"), workDir);
    m_server = std::make_unique<Sim::SimServer>();
    if (auto r = m_server->loadScenario(QStringLiteral("api-gateway-rollout")); !r)
        return r;
    if (auto r = m_server->start(0, true); !r)
        return r.error();
    m_kubeconfig = QDir(workDir).filePath(QStringLiteral("kubeconfig"));
    if (auto r = m_server->writeKubeconfig(m_kubeconfig, contextName(), QStringLiteral("demo")); !r)
        return r;
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
