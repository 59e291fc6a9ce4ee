#include "demo/PrometheusLauncher.h"

#include <QFile>
#include <QNetworkReply>
#include <QStandardPaths>
#include <QTcpServer>

#include <csignal>
#include <sys/prctl.h>

using namespace Sitrep::Core;

namespace Sitrep::Demo {

namespace {
quint16 freePort()
{
    QTcpServer s;
    return s.listen(QHostAddress::LocalHost, 0) ? s.serverPort() : 0;
}

Result<void> writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
        return makeError(QStringLiteral("cannot write %1: %2").arg(path, f.errorString()));
    return {};
}
} // namespace

PrometheusLauncher::PrometheusLauncher(QObject *parent)
    : QObject(parent)
{
    // If Sitrep dies (even kill -9), its Prometheus goes with it instead of lingering on a port.
    m_process.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
    m_poll.setInterval(100);
    connect(&m_poll, &QTimer::timeout, this, &PrometheusLauncher::poll);
    connect(&m_process, &QProcess::finished, this, [this](int code) {
        if (m_poll.isActive()) {
            m_poll.stop();
            emit failed(tr("Prometheus exited during start-up (code %1): %2")
                            .arg(code)
                            .arg(QString::fromUtf8(m_process.readAll().right(400))));
        }
    });
}

PrometheusLauncher::~PrometheusLauncher()
{
    stop();
}

QString PrometheusLauncher::prometheusBinary()
{
    return QStandardPaths::findExecutable(QStringLiteral("prometheus"));
}

QString PrometheusLauncher::promtoolBinary()
{
    return QStandardPaths::findExecutable(QStringLiteral("promtool"));
}

QString PrometheusLauncher::installHint()
{
    return tr("Prometheus is not installed, so the demo has no charts. Install it with "
              "`sudo apt-get install prometheus` (or run packaging/install-deps.sh) and restart the demo.");
}

Result<void> PrometheusLauncher::prepare(const Config &config)
{
    m_dir = std::make_unique<QTemporaryDir>();
    if (!m_dir->isValid())
        return makeError(tr("cannot create a temporary directory for Prometheus"));
    QByteArray yaml = "global:\n  scrape_interval: " + config.scrapeInterval.toUtf8() +
                      "\n  evaluation_interval: " + config.scrapeInterval.toUtf8() +
                      "\nrule_files:\n  - rules.yml\n";
    if (config.alertmanager.isValid()) {
        yaml += "alerting:\n  alertmanagers:\n    - static_configs:\n        - targets: ['" +
                config.alertmanager.authority().toUtf8() + "']\n";
    }
    // honor_labels: the simulator speaks for node-exporter too, with the job and instance a real scrape of it
    // would give (dashboards select nodes by instance).
    yaml += "scrape_configs:\n  - job_name: sitrep-sim\n    honor_labels: true\n    metrics_path: " +
            config.scrapeTarget.path().toUtf8() + "\n    scheme: " + config.scrapeTarget.scheme().toUtf8() +
            "\n    static_configs:\n      - targets: ['" + config.scrapeTarget.authority().toUtf8() + "']\n";
    if (auto r = writeFile(m_dir->filePath(QStringLiteral("prometheus.yml")), yaml); !r)
        return r;
    if (auto r = writeFile(m_dir->filePath(QStringLiteral("rules.yml")),
                           config.rules.isEmpty() ? QByteArray("groups: []\n") : config.rules);
        !r)
        return r;
    return {};
}

void PrometheusLauncher::start(const Config &config)
{
    m_config = config;
    if (prometheusBinary().isEmpty()) {
        emit failed(installHint());
        return;
    }
    if (auto r = prepare(config); !r) {
        emit failed(r.error().text());
        return;
    }
    auto launch = [this] {
        const quint16 port = freePort();
        m_url = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port));
        m_process.setProcessChannelMode(QProcess::MergedChannels);
        // Retention far back so backfilled blocks are not deleted as "too old" on start.
        m_process.start(prometheusBinary(),
                        {QStringLiteral("--config.file=") + m_dir->filePath(QStringLiteral("prometheus.yml")),
                         QStringLiteral("--storage.tsdb.path=") + m_dir->filePath(QStringLiteral("data")),
                         QStringLiteral("--storage.tsdb.retention.time=3650d"),
                         QStringLiteral("--web.listen-address=127.0.0.1:%1").arg(port),
                         QStringLiteral("--rules.alert.resend-delay=2s"),
                         QStringLiteral("--log.level=warn")});
        m_attempts = 0;
        m_poll.start();
    };
    if (config.backfill.isEmpty() || promtoolBinary().isEmpty()) {
        launch();
        return;
    }
    const QString file = m_dir->filePath(QStringLiteral("backfill.om"));
    if (auto r = writeFile(file, config.backfill); !r) {
        emit failed(r.error().text());
        return;
    }
    // promtool runs asynchronously; hours of history take a second or two.
    connect(
        &m_promtool, &QProcess::finished, this,
        [this, launch](int code) {
            if (code != 0)
                qWarning("promtool backfill failed (%d): %s", code,
                         m_promtool.readAll().right(300).constData());
            launch();
        },
        Qt::SingleShotConnection);
    m_promtool.setProcessChannelMode(QProcess::MergedChannels);
    m_promtool.start(promtoolBinary(),
                     {QStringLiteral("tsdb"), QStringLiteral("create-blocks-from"),
                      QStringLiteral("openmetrics"), file, m_dir->filePath(QStringLiteral("data"))});
}

void PrometheusLauncher::poll()
{
    if (++m_attempts > 300) {
        m_poll.stop();
        emit failed(tr("Prometheus did not become ready within 30 s"));
        return;
    }
    QNetworkRequest req(m_url.resolved(QUrl(QStringLiteral("/-/ready"))));
    req.setTransferTimeout(1000);
    QNetworkReply *reply = m_nam.get(req);
    connect(reply, &QNetworkReply::finished, this, [this, reply] {
        reply->deleteLater();
        if (!m_poll.isActive())
            return;
        if (reply->error() == QNetworkReply::NoError) {
            m_poll.stop();
            emit ready(m_url);
        }
    });
}

void PrometheusLauncher::stop()
{
    m_poll.stop();
    for (QProcess *p : {&m_promtool, &m_process}) {
        if (p->state() != QProcess::NotRunning) {
            p->terminate();
            if (!p->waitForFinished(3000))
                p->kill();
            p->waitForFinished(1000);
        }
    }
}

} // namespace Sitrep::Demo
