#pragma once

#include "support/ServerProcess.h"

#include <QByteArray>
#include <QTemporaryDir>
#include <QUrl>

#include <memory>

namespace Sitrep::Test {

// A real Prometheus with known history and a real Alertmanager on free ports of 127.0.0.1.
// History (all samples every 15 s for 7 hours, ending at endS):
//   http_requests_total{service="api",code="200"} +147 per step (9.8/s)
//   http_requests_total{service="api",code="500"} +3 per step (0.2/s)  -> error ratio 0.02
//   http_request_duration_seconds_bucket{service="api",le=...} per step: 0.1:+60 0.25:+90 0.5:+96 1:+100
//   +Inf:+100 kube_pod_container_status_restarts_total{namespace="shop",pod="api-0"} +1 every 5 minutes
class PromFixture final
{
public:
    static constexpr qint64 kStepS = 15;
    static constexpr qint64 kHistoryS = 7 * 3600;

    // Empty on success, else what failed. extra: more OpenMetrics families (without "# EOF"), e.g. a node's.
    QString start(const QByteArray &rules, bool withAlertmanager, const QByteArray &extra = {});
    // Prometheus started with --web.config.file (TLS, client certificates, basic auth): https URL.
    QString startWithWebConfig(const QByteArray &webConfigYaml);
    QUrl prometheusUrl() const { return m_promUrl; }
    QUrl alertmanagerUrl() const { return m_amUrl; }
    qint64 endS() const { return m_endS; }
    QString dataDir() const { return m_dir ? m_dir->path() : QString(); }

    static QByteArray openMetrics(qint64 startS, qint64 endS);

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    ServerProcess m_prom;
    ServerProcess m_am;
    QUrl m_promUrl;
    QUrl m_amUrl;
    qint64 m_endS = 0;
};

} // namespace Sitrep::Test
