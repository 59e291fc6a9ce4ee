// The simulated API over HTTP with a plain Qt client: watch replay and 410, paging, faults, /metrics,
// the promtool backfill, and `sim_serve` (the CLI's SimCommand) as a child process stopped by SIGTERM.
#include "sim/ClusterState.h"
#include "sim/FaultInjector.h"
#include "sim/SimServer.h"
#include "support/ServerProcess.h"
#include "support/TestEnv.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>
#include <memory>

using Sitrep::Sim::FaultInjector;
using Sitrep::Sim::SimServer;

class TstSimServer final : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void versionAndDiscovery();
    void listPagesThroughSyntheticPods();
    void watchReplaysFromResourceVersion();
    void watchTooOldGets410Event();
    void watchBookmarksWhenAsked();
    void faults_data();
    void faults();
    void hangNeverAnswers();
    void dropWatchAfterEvents();
    void metricsFollowReadiness();
    void backfillIsAcceptedByPromtool();
    void childProcessStopsOnSigterm();

private:
    struct Reply
    {
        int status = 0;
        QByteArray body;
        QByteArray contentType;
        QNetworkReply::NetworkError error = QNetworkReply::NoError;
    };
    Reply get(const QString &path, const QByteArray &accept = "application/json",
              const QByteArray &fault = {}, int timeoutMs = 10000);
    QUrl url(const QString &pathAndQuery) const;

    std::unique_ptr<SimServer> m_sim;
    QNetworkAccessManager m_nam;
};

void TstSimServer::init()
{
    m_sim = std::make_unique<SimServer>();
    auto loaded = m_sim->loadScenario(QStringLiteral("api-gateway-rollout"));
    QVERIFY(loaded.ok());
    auto started = m_sim->start(0, false); // plain HTTP: no token, so a bare client can talk to it
    QVERIFY2(started.ok(), qPrintable(started.ok() ? QString() : started.error().text()));
}

void TstSimServer::cleanup()
{
    m_sim.reset();
}

QUrl TstSimServer::url(const QString &pathAndQuery) const
{
    return QUrl(m_sim->url().toString() + pathAndQuery);
}

TstSimServer::Reply TstSimServer::get(const QString &path, const QByteArray &accept, const QByteArray &fault,
                                      int timeoutMs)
{
    QNetworkRequest request(url(path));
    request.setRawHeader("Accept", accept);
    if (!fault.isEmpty())
        request.setRawHeader("X-Sim-Fault", fault);
    request.setTransferTimeout(timeoutMs);
    QNetworkReply *reply = m_nam.get(request);
    QSignalSpy done(reply, &QNetworkReply::finished);
    if (!reply->isFinished())
        done.wait(timeoutMs + 2000);
    Reply r;
    r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    r.body = reply->readAll();
    r.contentType = reply->header(QNetworkRequest::ContentTypeHeader).toByteArray();
    r.error = reply->error();
    reply->deleteLater();
    return r;
}

void TstSimServer::versionAndDiscovery()
{
    auto r = get(QStringLiteral("/version"));
    QCOMPARE(r.status, 200);
    QCOMPARE(QJsonDocument::fromJson(r.body).object().value(QLatin1String("minor")).toString(),
             QStringLiteral("32"));
    r = get(QStringLiteral("/apis"),
            "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json");
    QCOMPARE(r.contentType,
             QByteArray("application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList"));
    QVERIFY(r.body.contains("\"metrics.k8s.io\""));
    r = get(QStringLiteral("/apis"));
    QCOMPARE(QJsonDocument::fromJson(r.body).object().value(QLatin1String("kind")).toString(),
             QStringLiteral("APIGroupList"));
    r = get(QStringLiteral("/apis/apps/v1"));
    QVERIFY(r.body.contains("\"deployments/scale\""));
    r = get(QStringLiteral("/api/v1/namespaces/demo/pods/nope"));
    QCOMPARE(r.status, 404);
    QCOMPARE(QJsonDocument::fromJson(r.body).object().value(QLatin1String("reason")).toString(),
             QStringLiteral("NotFound"));
}

void TstSimServer::listPagesThroughSyntheticPods()
{
    m_sim->addSyntheticPods(3000);
    QString token;
    int total = 0, pages = 0;
    do {
        const auto r = get(QStringLiteral("/api/v1/namespaces/load/pods?limit=500") +
                           (token.isEmpty() ? QString() : QStringLiteral("&continue=") + token));
        QCOMPARE(r.status, 200);
        const QJsonObject list = QJsonDocument::fromJson(r.body).object();
        QCOMPARE(list.value(QLatin1String("kind")).toString(), QStringLiteral("PodList"));
        total += int(list.value(QLatin1String("items")).toArray().size());
        token = list.value(QLatin1String("metadata")).toObject().value(QLatin1String("continue")).toString();
        ++pages;
    } while (!token.isEmpty() && pages < 100);
    QCOMPARE(total, 3000);
    QCOMPARE(pages, 6);
    // Selectors apply before paging.
    const auto r = get(QStringLiteral("/api/v1/namespaces/load/pods?labelSelector=shard%3D3&limit=100"));
    QCOMPARE(QJsonDocument::fromJson(r.body).object().value(QLatin1String("items")).toArray().size(), 100);
}

void TstSimServer::watchReplaysFromResourceVersion()
{
    const auto list = get(QStringLiteral("/apis/apps/v1/namespaces/demo/deployments"));
    const QString rv = QJsonDocument::fromJson(list.body)
                           .object()
                           .value(QLatin1String("metadata"))
                           .toObject()
                           .value(QLatin1String("resourceVersion"))
                           .toString();
    QVERIFY(!rv.isEmpty());
    // A change after the list: the watch from that version must replay it.
    auto dep =
        m_sim->state().get(QStringLiteral("deployments"), QStringLiteral("demo"), QStringLiteral("redis"));
    QVERIFY(dep.has_value());
    QJsonObject d = *dep;
    QJsonObject meta = d.value(QLatin1String("metadata")).toObject();
    meta.insert(QLatin1String("labels"), QJsonObject{{QStringLiteral("touched"), QStringLiteral("yes")}});
    d.insert(QLatin1String("metadata"), meta);
    m_sim->state().update(QStringLiteral("deployments"), d);
    m_sim->setStreamTimeoutCapMs(500);
    const auto r =
        get(QStringLiteral("/apis/apps/v1/namespaces/demo/deployments?watch=true&resourceVersion=") + rv);
    QCOMPARE(r.status, 200);
    const QList<QByteArray> events = r.body.split('\n');
    QVERIFY2(!events.isEmpty(), r.body.constData());
    const QJsonObject first = QJsonDocument::fromJson(events.first()).object();
    QCOMPARE(first.value(QLatin1String("type")).toString(), QStringLiteral("MODIFIED"));
    QCOMPARE(first.value(QLatin1String("object"))
                 .toObject()
                 .value(QLatin1String("metadata"))
                 .toObject()
                 .value(QLatin1String("labels"))
                 .toObject()
                 .value(QLatin1String("touched"))
                 .toString(),
             QStringLiteral("yes"));
}

void TstSimServer::watchTooOldGets410Event()
{
    m_sim->state().compactHistory(m_sim->state().resourceVersion());
    const auto r = get(QStringLiteral("/api/v1/namespaces/demo/pods?watch=true&resourceVersion=5"));
    QCOMPARE(r.status, 200);
    const QJsonObject e = QJsonDocument::fromJson(r.body.split('\n').first()).object();
    QCOMPARE(e.value(QLatin1String("type")).toString(), QStringLiteral("ERROR"));
    QCOMPARE(e.value(QLatin1String("object")).toObject().value(QLatin1String("code")).toInt(), 410);
    // The HTTP flavour, by fault header.
    const auto http = get(QStringLiteral("/api/v1/namespaces/demo/pods?watch=true&resourceVersion=5"),
                          "application/json", "watch410");
    QCOMPARE(http.status, 410);
}

void TstSimServer::watchBookmarksWhenAsked()
{
    m_sim->setBookmarkIntervalMs(100);
    m_sim->setStreamTimeoutCapMs(400);
    const QString rv = QString::number(m_sim->state().resourceVersion());
    auto r =
        get(QStringLiteral(
                "/api/v1/namespaces/kube-nothing/pods?watch=true&allowWatchBookmarks=true&resourceVersion=") +
            rv);
    QVERIFY2(r.body.contains("\"type\":\"BOOKMARK\""), r.body.constData());
    QVERIFY(r.body.contains("k8s.io/initial-events-end"));
    r = get(QStringLiteral("/api/v1/namespaces/kube-nothing/pods?watch=true&resourceVersion=") + rv);
    QVERIFY(!r.body.contains("BOOKMARK"));
}

void TstSimServer::faults_data()
{
    QTest::addColumn<QByteArray>("fault");
    QTest::addColumn<int>("status");
    QTest::addColumn<bool>("validJson");
    QTest::newRow("429") << QByteArray("429") << 429 << true;
    QTest::newRow("500") << QByteArray("500") << 500 << true;
    QTest::newRow("malformed") << QByteArray("malformed") << 200 << false;
}

void TstSimServer::faults()
{
    QFETCH(QByteArray, fault);
    QFETCH(int, status);
    QFETCH(bool, validJson);
    const auto r = get(QStringLiteral("/api/v1/namespaces/demo/pods"), "application/json", fault);
    QCOMPARE(r.status, status);
    QJsonParseError error{};
    QJsonDocument::fromJson(r.body, &error);
    QCOMPARE(error.error == QJsonParseError::NoError, validJson);
    // Without the header the same request is fine.
    QCOMPARE(get(QStringLiteral("/api/v1/namespaces/demo/pods")).status, 200);
}

void TstSimServer::hangNeverAnswers()
{
    FaultInjector::Rule hang;
    hang.kind = FaultInjector::Kind::Hang;
    hang.path = QRegularExpression(QStringLiteral("/namespaces/demo/pods$"));
    hang.times = 1;
    m_sim->faults().add(hang);
    const auto r = get(QStringLiteral("/api/v1/namespaces/demo/pods"), "application/json", {}, 600);
    QCOMPARE(r.error, QNetworkReply::OperationCanceledError);                  // the transfer timeout fired
    QCOMPARE(get(QStringLiteral("/api/v1/namespaces/demo/pods")).status, 200); // once only
}

void TstSimServer::dropWatchAfterEvents()
{
    // On the wire, not through QNetworkAccessManager (whose error for a reset after complete chunks
    // depends on timing): two events, then the connection is cut without the stream's closing chunk.
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, quint16(m_sim->url().port()));
    QVERIFY(socket.waitForConnected(5000));
    socket.write("GET /api/v1/namespaces/demo/pods?watch=true HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                 "Accept: application/json\r\nX-Sim-Fault: dropwatch=2\r\n\r\n");
    QByteArray wire;
    QSignalSpy gone(&socket, &QTcpSocket::disconnected);
    connect(&socket, &QTcpSocket::readyRead, &socket, [&] { wire += socket.readAll(); });
    QVERIFY(gone.wait(10000));
    wire += socket.readAll();
    QVERIFY2(wire.startsWith("HTTP/1.1 200"), wire.constData());
    QVERIFY2(wire.count("\"type\":\"ADDED\"") <= 2 && wire.count("\"type\":\"ADDED\"") >= 1,
             wire.constData());
    QVERIFY2(!wire.endsWith("0\r\n\r\n"), "the stream was ended cleanly instead of being cut");
}

void TstSimServer::metricsFollowReadiness()
{
    const auto r = get(QStringLiteral("/metrics"), "text/plain");
    QCOMPARE(r.status, 200);
    for (const char *s : {"# TYPE http_requests_total counter",
                          "http_requests_total{service=\"api-gateway\",method=\"GET\",code=\"503\"}",
                          "http_request_duration_seconds_bucket{service=\"api-gateway\",le=\"+Inf\"}",
                          "kube_pod_container_status_restarts_total{namespace=\"demo\",pod=\"postgres-0\","
                          "container=\"exporter\"} 0",
                          "container_memory_working_set_bytes", "kube_pod_container_resource_limits"}) {
        QVERIFY2(r.body.contains(s), s);
    }
    // 12 minutes of crash-looping: a large share of api-gateway requests failed, payments-api is fine.
    auto value = [&r](const QByteArray &series) {
        for (const QByteArray &line : r.body.split('\n'))
            if (line.startsWith(series))
                return line.mid(line.lastIndexOf(' ') + 1).toDouble();
        return -1.0;
    };
    const double gw503 = value("http_requests_total{service=\"api-gateway\",method=\"GET\",code=\"503\"}");
    const double gw200 = value("http_requests_total{service=\"api-gateway\",method=\"GET\",code=\"200\"}");
    const double pay503 = value("http_requests_total{service=\"payments-api\",method=\"GET\",code=\"503\"}");
    const double pay200 = value("http_requests_total{service=\"payments-api\",method=\"GET\",code=\"200\"}");
    QVERIFY(gw503 > 1000 && gw200 > 100000);
    QVERIFY(pay503 / pay200 < 0.01);
}

void TstSimServer::backfillIsAcceptedByPromtool()
{
    const QByteArray text = m_sim->openMetricsBackfill(2);
    QVERIFY(text.endsWith("# EOF\n"));
    QVERIFY(text.contains("# TYPE http_requests counter"));
    const QString promtool = Sitrep::Test::findProgram(QStringLiteral("promtool"));
    QVERIFY2(!promtool.isEmpty(), "promtool is not on PATH: apt-get install prometheus (packaging/install-deps.sh)");
    QTemporaryDir dir;
    QFile file(dir.filePath(QStringLiteral("backfill.om")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(text);
    file.close();
    QProcess p;
    QSignalSpy finished(&p, &QProcess::finished);
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(promtool, {QStringLiteral("tsdb"), QStringLiteral("create-blocks-from"),
                       QStringLiteral("openmetrics"), file.fileName(), dir.filePath(QStringLiteral("data"))});
    QVERIFY(finished.wait(60000));
    const QByteArray out = p.readAll();
    QVERIFY2(p.exitCode() == 0, out.constData());
    QVERIFY2(
        !QDir(dir.filePath(QStringLiteral("data"))).entryList(QDir::Dirs | QDir::NoDotAndDotDot).isEmpty(),
        out.constData());
}

void TstSimServer::childProcessStopsOnSigterm()
{
    QTemporaryDir dir;
    const quint16 port = Sitrep::Test::freePort();
    const QString kubeconfig = dir.filePath(QStringLiteral("kc"));
    Sitrep::Test::ServerProcess server;
    const QString error =
        server.start(QStringLiteral(SIM_SERVE_BINARY),
                     {QStringLiteral("--port"), QString::number(port), QStringLiteral("--no-tls"),
                      QStringLiteral("--scenario"), QStringLiteral("healthy"),
                      QStringLiteral("--write-kubeconfig"), kubeconfig},
                     QUrl(QStringLiteral("http://127.0.0.1:%1/healthz").arg(port)));
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(QFile::exists(kubeconfig));
    QVERIFY(QFile(kubeconfig).permissions() == (QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                                QFileDevice::ReadUser | QFileDevice::WriteUser));
    QSignalSpy finished(&server.process(), &QProcess::finished);
    ::kill(pid_t(server.process().processId()), SIGTERM);
    QVERIFY(finished.wait(10000));
    QCOMPARE(server.process().exitStatus(), QProcess::NormalExit);
    QCOMPARE(server.process().exitCode(), 0);
    QVERIFY2(server.output().contains(QLatin1String("serving at http://127.0.0.1:")),
             server.output().toUtf8().constData());
    QVERIFY(server.output().contains(QLatin1String("Stopped.")));
}

QTEST_GUILESS_MAIN(TstSimServer)
#include "tst_simserver.moc"
