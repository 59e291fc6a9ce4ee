#include "demo/DemoSession.h"
#include "support/TestEnv.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using Sitrep::Demo::DemoSession;

// The demo's moving parts for real: the in-process simulator answers the real kubectl through the
// kubeconfig it wrote, and a real Prometheus scrapes it with backfilled history and the demo's rules.
class TstDemo : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void kubectlSeesTheCrashLoop();
    void prometheusHasHistoryAndLiveData();

private:
    QString kubectl(const QStringList &args);
    QTemporaryDir m_dir;
    std::unique_ptr<DemoSession> m_demo;
    QUrl m_prometheus;
};

void TstDemo::initTestCase()
{
    QFile rules(Sitrep::Test::sourceDir() + QStringLiteral("/resources/demo/prometheus-rules.yml"));
    QVERIFY(rules.open(QIODevice::ReadOnly));
    m_demo = std::make_unique<DemoSession>();
    QSignalSpy ready(m_demo.get(), &DemoSession::prometheusReady);
    QSignalSpy failed(m_demo.get(), &DemoSession::prometheusFailed);
    const auto r = m_demo->start(m_dir.filePath(QStringLiteral("demo")), rules.readAll());
    QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().text()));
    QVERIFY(QFile::exists(m_demo->kubeconfigPath()));
    QVERIFY2(ready.wait(60000) || !failed.isEmpty(), "Prometheus neither ready nor failed");
    QVERIFY2(failed.isEmpty(), qPrintable(failed.isEmpty() ? QString() : failed.first().first().toString()));
    m_prometheus = ready.first().first().toUrl();
}

QString TstDemo::kubectl(const QStringList &args)
{
    // Asynchronous: the simulator runs in this process's event loop and must keep serving.
    QProcess p;
    p.start(QStringLiteral("kubectl"),
            QStringList{QStringLiteral("--kubeconfig"), m_demo->kubeconfigPath(),
                        QStringLiteral("--cache-dir"), m_dir.filePath(QStringLiteral("kcache"))} +
                args);
    QSignalSpy done(&p, &QProcess::finished);
    if (!done.wait(60000))
        return QStringLiteral("kubectl timed out");
    return QString::fromUtf8(p.readAllStandardOutput() + p.readAllStandardError());
}

void TstDemo::kubectlSeesTheCrashLoop()
{
    QString out;
    QTRY_VERIFY2_WITH_TIMEOUT((out = kubectl({QStringLiteral("get"), QStringLiteral("pods"),
                                              QStringLiteral("-n"), QStringLiteral("demo")}))
                                  .contains(QLatin1String("CrashLoopBackOff")),
                              qPrintable(out), 60000);
    QVERIFY(out.contains(QLatin1String("api-gateway-")));
    const QString logs =
        kubectl({QStringLiteral("logs"), QStringLiteral("-n"), QStringLiteral("demo"), QStringLiteral("-l"),
                 QStringLiteral("app=api-gateway"), QStringLiteral("--tail=20")});
    QVERIFY2(logs.contains(QLatin1String("pg_hba.conf")), qPrintable(logs));
}

void TstDemo::prometheusHasHistoryAndLiveData()
{
    QNetworkAccessManager nam;
    auto query = [&](const QString &promql, qint64 atSecs) -> QJsonArray {
        QUrl url = m_prometheus.resolved(QUrl(QStringLiteral("/api/v1/query")));
        url.setQuery(QStringLiteral("query=%1&time=%2")
                         .arg(QString::fromLatin1(QUrl::toPercentEncoding(promql)))
                         .arg(atSecs));
        QNetworkReply *reply = nam.get(QNetworkRequest(url));
        QSignalSpy done(reply, &QNetworkReply::finished);
        done.wait(10000);
        reply->deleteLater();
        return QJsonDocument::fromJson(reply->readAll())
            .object()
            .value(QLatin1String("data"))
            .toObject()
            .value(QLatin1String("result"))
            .toArray();
    };
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    // Backfilled history: requests were counted two hours ago.
    QVERIFY2(!query(QStringLiteral("http_requests_total"), now - 2 * 3600).isEmpty(),
             "no backfilled history");
    // Live scrapes of the simulator.
    QTRY_VERIFY_WITH_TIMEOUT(
        !query(QStringLiteral("up{job=\"sitrep-sim\"} == 1"), QDateTime::currentSecsSinceEpoch()).isEmpty(),
        30000);
}

QTEST_GUILESS_MAIN(TstDemo)
#include "tst_demo.moc"
