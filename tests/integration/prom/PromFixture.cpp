#include "PromFixture.h"

#include "support/TestEnv.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QProcess>

#include <cmath>

namespace Sitrep::Test {

QByteArray PromFixture::openMetrics(qint64 startS, qint64 endS)
{
    QByteArray out;
    out.reserve(4 << 20);
    auto line = [&out](const char *series, qint64 value, qint64 ts) {
        out += series;
        out += ' ';
        out += QByteArray::number(value);
        out += ' ';
        out += QByteArray::number(ts); // seconds: milliseconds would land in the year 58,000
        out += '\n';
    };
    // Counters: one series after the other, each in time order.
    out += "# TYPE http_requests counter\n";
    for (const auto &[series, inc] : {std::pair{"http_requests_total{service=\"api\",code=\"200\"}", 147},
                                      std::pair{"http_requests_total{service=\"api\",code=\"500\"}", 3}}) {
        qint64 v = 0;
        for (qint64 t = startS; t <= endS; t += kStepS, v += inc)
            line(series, v, t);
    }
    // "web": daily-looking traffic, and an incident in the last 40 minutes (errors, latency, restarts, CPU).
    const qint64 incidentS = endS - 40 * 60;
    auto wave = [](qint64 t) { return std::sin(double(t) / 900.0); };
    {
        qint64 ok = 0;
        for (qint64 t = startS; t <= endS; t += kStepS) {
            line("http_requests_total{service=\"web\",code=\"200\"}", ok, t);
            ok += 600 + qint64(std::lround(200 * wave(t)));
        }
        qint64 errors = 0;
        for (qint64 t = startS; t <= endS; t += kStepS) {
            line("http_requests_total{service=\"web\",code=\"500\"}", errors, t);
            errors += t >= incidentS          ? 45 + qint64(std::lround(15 * wave(t * 7)))
                      : (t / kStepS) % 4 == 0 ? 1
                                              : 0;
        }
    }
    out += "# TYPE kube_pod_container_status_restarts counter\n";
    for (qint64 t = startS; t <= endS; t += kStepS)
        line("kube_pod_container_status_restarts_total{namespace=\"shop\",pod=\"api-0\"}", (t - startS) / 300,
             t);
    for (const char *pod : {"web-0", "web-1"}) {
        const QByteArray series =
            QByteArray("kube_pod_container_status_restarts_total{namespace=\"shop\",pod=\"") + pod + "\"}";
        for (qint64 t = startS; t <= endS; t += kStepS)
            line(series.constData(), t < incidentS ? 0 : (t - incidentS) / (pod[4] == '0' ? 180 : 420), t);
    }
    out += "# TYPE container_cpu_usage_seconds counter\n";
    for (const char *pod : {"web-0", "web-1"}) {
        const QByteArray series = QByteArray("container_cpu_usage_seconds_total{namespace=\"shop\",pod=\"") +
                                  pod + "\",container=\"web\"}";
        qint64 milli = 0; // cpu-milliseconds, printed as seconds with 3 decimals
        for (qint64 t = startS; t <= endS; t += kStepS) {
            out += series + ' ' + QByteArray::number(double(milli) / 1000.0, 'f', 3) + ' ' +
                   QByteArray::number(t) + '\n';
            milli += kStepS * (t < incidentS ? 250 + qint64(100 * wave(t)) : 420 + (pod[4] == '0' ? 60 : 0));
        }
    }
    out += "# TYPE container_memory_working_set_bytes gauge\n";
    for (const char *pod : {"web-0", "web-1"}) {
        const QByteArray series = QByteArray("container_memory_working_set_bytes{namespace=\"shop\",pod=\"") +
                                  pod + "\",container=\"web\"}";
        for (qint64 t = startS; t <= endS; t += kStepS)
            line(series.constData(),
                 180000000 + qint64(20000000 * wave(t / 3)) + (t >= incidentS ? 150000000 : 0), t);
    }
    out += "# TYPE kube_pod_container_resource_limits gauge\n";
    for (const char *pod : {"web-0", "web-1"}) {
        for (const auto &[resource, value] : {std::pair{"cpu", 1}, std::pair{"memory", 536870912}}) {
            const QByteArray series =
                QByteArray("kube_pod_container_resource_limits{namespace=\"shop\",pod=\"") + pod +
                "\",container=\"web\",resource=\"" + resource + "\"}";
            for (qint64 t = startS; t <= endS; t += kStepS)
                line(series.constData(), value, t);
        }
    }
    // Histogram: every MetricPoint (buckets, count, sum) together, in time order.
    out += "# TYPE http_request_duration_seconds histogram\n";
    qint64 n = 0;
    for (qint64 t = startS; t <= endS; t += kStepS, ++n) {
        line("http_request_duration_seconds_bucket{service=\"api\",le=\"0.1\"}", 60 * n, t);
        line("http_request_duration_seconds_bucket{service=\"api\",le=\"0.25\"}", 90 * n, t);
        line("http_request_duration_seconds_bucket{service=\"api\",le=\"0.5\"}", 96 * n, t);
        line("http_request_duration_seconds_bucket{service=\"api\",le=\"1.0\"}", 100 * n, t);
        line("http_request_duration_seconds_bucket{service=\"api\",le=\"+Inf\"}", 100 * n, t);
        line("http_request_duration_seconds_count{service=\"api\"}", 100 * n, t);
        line("http_request_duration_seconds_sum{service=\"api\"}", 20 * n, t);
    }
    // web: fast until the incident, then a slow tail.
    qint64 b[5] = {0, 0, 0, 0, 0};
    double sum = 0;
    for (qint64 t = startS; t <= endS; t += kStepS) {
        static const char *les[] = {"0.1", "0.25", "0.5", "1.0", "+Inf"};
        for (int i = 0; i < 5; ++i)
            line((QByteArray("http_request_duration_seconds_bucket{service=\"web\",le=\"") + les[i] + "\"}")
                     .constData(),
                 b[i], t);
        line("http_request_duration_seconds_count{service=\"web\"}", b[4], t);
        out += "http_request_duration_seconds_sum{service=\"web\"} " + QByteArray::number(sum, 'f', 3) + ' ' +
               QByteArray::number(t) + '\n';
        const bool bad = t >= incidentS;
        const qint64 inc[5] = {bad ? 300 : 520, bad ? 420 : 580, bad ? 520 : 596, bad ? 585 : 600, 600};
        for (int i = 0; i < 5; ++i)
            b[i] += inc[i] + (i == 0 ? qint64(std::lround(40 * wave(t))) : 0) * (bad ? 0 : 1);
        // keep buckets cumulative after the wobble
        for (int i = 1; i < 5; ++i)
            b[i] = std::max(b[i], b[i - 1]);
        sum += bad ? 180.0 : 45.0;
    }
    out += "# EOF\n";
    return out;
}

QString PromFixture::start(const QByteArray &rules, bool withAlertmanager, const QByteArray &extra)
{
    const QString prometheus = findProgram(QStringLiteral("prometheus"));
    const QString promtool = findProgram(QStringLiteral("promtool"));
    const QString alertmanager = findProgram(QStringLiteral("prometheus-alertmanager"));
    if (prometheus.isEmpty() || promtool.isEmpty() || (withAlertmanager && alertmanager.isEmpty()))
        return QStringLiteral("prometheus, promtool and prometheus-alertmanager must be installed "
                              "(packaging/install-deps.sh)");
    m_dir = std::make_unique<QTemporaryDir>();
    if (!m_dir->isValid())
        return QStringLiteral("no temporary directory");
    const QString d = m_dir->path();

    // Samples on a 15 s grid, the last one a little in the past so rules evaluated now still see it.
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    m_endS = (now / kStepS) * kStepS - kStepS;
    const qint64 startS = m_endS - kHistoryS;
    QFile om(d + QStringLiteral("/history.om"));
    QByteArray history = openMetrics(startS, m_endS);
    if (!extra.isEmpty())
        history.insert(history.size() - int(sizeof("# EOF\n") - 1), extra);
    if (!om.open(QIODevice::WriteOnly) || om.write(history) < 0)
        return QStringLiteral("cannot write %1").arg(om.fileName());
    om.close();
    QDir().mkpath(d + QStringLiteral("/data"));
    QProcess tool;
    tool.setProcessChannelMode(QProcess::MergedChannels);
    tool.start(promtool, {QStringLiteral("tsdb"), QStringLiteral("create-blocks-from"),
                          QStringLiteral("openmetrics"), om.fileName(), d + QStringLiteral("/data")});
    if (!tool.waitForFinished(60000) || tool.exitCode() != 0)
        return QStringLiteral("promtool failed: %1").arg(QString::fromUtf8(tool.readAll()));

    QString amTarget;
    if (withAlertmanager) {
        const quint16 amPort = freePort();
        m_amUrl = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(amPort));
        QFile amc(d + QStringLiteral("/alertmanager.yml"));
        if (!amc.open(QIODevice::WriteOnly))
            return QStringLiteral("cannot write %1").arg(amc.fileName());
        amc.write("route:\n  receiver: blackhole\n  group_wait: 1s\n  group_interval: 1s\n"
                  "receivers:\n  - name: blackhole\n");
        amc.close();
        QDir().mkpath(d + QStringLiteral("/am"));
        const QString err = m_am.start(alertmanager,
                                       {QStringLiteral("--config.file=") + amc.fileName(),
                                        QStringLiteral("--storage.path=") + d + QStringLiteral("/am"),
                                        QStringLiteral("--web.listen-address=127.0.0.1:%1").arg(amPort),
                                        QStringLiteral("--cluster.listen-address=")},
                                       QUrl(m_amUrl.toString() + QStringLiteral("/-/ready")));
        if (!err.isEmpty())
            return err;
        amTarget =
            QStringLiteral(
                "alerting:\n  alertmanagers:\n    - static_configs:\n        - targets: ['127.0.0.1:%1']\n")
                .arg(amPort);
    }

    QFile rf(d + QStringLiteral("/rules.yml"));
    if (!rf.open(QIODevice::WriteOnly) || rf.write(rules) < 0)
        return QStringLiteral("cannot write %1").arg(rf.fileName());
    rf.close();
    QFile cfg(d + QStringLiteral("/prometheus.yml"));
    if (!cfg.open(QIODevice::WriteOnly))
        return QStringLiteral("cannot write %1").arg(cfg.fileName());
    cfg.write(QStringLiteral("global:\n  evaluation_interval: 1s\nrule_files:\n  - %1\n%2")
                  .arg(rf.fileName(), amTarget)
                  .toUtf8());
    cfg.close();

    const quint16 port = freePort();
    m_promUrl = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port));
    return m_prom.start(prometheus,
                        {QStringLiteral("--config.file=") + cfg.fileName(),
                         QStringLiteral("--storage.tsdb.path=") + d + QStringLiteral("/data"),
                         // Retention counts from the newest block: keep the backfill.
                         QStringLiteral("--storage.tsdb.retention.time=30d"),
                         QStringLiteral("--web.listen-address=127.0.0.1:%1").arg(port),
                         QStringLiteral("--rules.alert.resend-delay=2s")},
                        QUrl(m_promUrl.toString() + QStringLiteral("/-/ready")));
}

} // namespace Sitrep::Test

namespace Sitrep::Test {

QString PromFixture::startWithWebConfig(const QByteArray &webConfigYaml)
{
    const QString prometheus = findProgram(QStringLiteral("prometheus"));
    if (prometheus.isEmpty())
        return QStringLiteral("prometheus must be installed (packaging/install-deps.sh)");
    m_dir = std::make_unique<QTemporaryDir>();
    if (!m_dir->isValid())
        return QStringLiteral("no temporary directory");
    const QString d = m_dir->path();
    QFile web(d + QStringLiteral("/web.yml"));
    if (!web.open(QIODevice::WriteOnly) || web.write(webConfigYaml) < 0)
        return QStringLiteral("cannot write %1").arg(web.fileName());
    web.close();
    QFile cfg(d + QStringLiteral("/prometheus.yml"));
    if (!cfg.open(QIODevice::WriteOnly) || cfg.write("global:\n  evaluation_interval: 1s\n") < 0)
        return QStringLiteral("cannot write %1").arg(cfg.fileName());
    cfg.close();
    const quint16 port = freePort();
    const bool tls = webConfigYaml.contains("tls_server_config");
    m_promUrl = QUrl(QStringLiteral("%1://127.0.0.1:%2")
                         .arg(tls ? QStringLiteral("https") : QStringLiteral("http"))
                         .arg(port));
    // The port accepting is the sign: a readiness GET would need the client certificate and password.
    return m_prom.startTcp(prometheus,
                           {QStringLiteral("--config.file=") + cfg.fileName(),
                            QStringLiteral("--storage.tsdb.path=") + d + QStringLiteral("/data"),
                            QStringLiteral("--web.listen-address=127.0.0.1:%1").arg(port),
                            QStringLiteral("--web.config.file=") + web.fileName()},
                           port);
}

} // namespace Sitrep::Test
