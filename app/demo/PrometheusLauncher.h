#pragma once

#include "core/Result.h"

#include <QNetworkAccessManager>
#include <QObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTimer>
#include <QUrl>

#include <memory>

namespace Sitrep::Demo {

// Starts a real Prometheus from PATH for the demo: writes its config (scraping the simulated cluster)
// and alert rules into a temporary directory, backfills history with promtool, starts it on a free
// port on 127.0.0.1 and reports when /-/ready answers. Stopped with the object.
class PrometheusLauncher final : public QObject
{
    Q_OBJECT
public:
    struct Config
    {
        QUrl scrapeTarget;   // e.g. http://127.0.0.1:PORT/metrics
        QByteArray rules;    // Prometheus rule file (YAML)
        QByteArray backfill; // OpenMetrics text ending in "# EOF", timestamps in seconds
        QString scrapeInterval = QStringLiteral("5s");
        QUrl alertmanager; // optional
    };

    explicit PrometheusLauncher(QObject *parent = nullptr);
    ~PrometheusLauncher() override;

    // Where prometheus and promtool are; empty when not installed.
    static QString prometheusBinary();
    static QString promtoolBinary();
    static QString installHint();

    // Asynchronous: emits ready(url) or failed(sentence).
    void start(const Config &config);
    void stop();
    QUrl url() const { return m_url; }
    bool isRunning() const { return m_process.state() == QProcess::Running; }

signals:
    void ready(const QUrl &url);
    void failed(const QString &message);

private:
    Sitrep::Core::Result<void> prepare(const Config &config);
    void poll();

    std::unique_ptr<QTemporaryDir> m_dir;
    QProcess m_process;
    QProcess m_promtool;
    QNetworkAccessManager m_nam;
    QTimer m_poll;
    QUrl m_url;
    int m_attempts = 0;
    Config m_config;
};

} // namespace Sitrep::Demo
