// The real kubectl (the preinstalled dispatcher, which picks kubectl.1.<minor> from the server's /version)
// against the simulated cluster in this process, over TLS with a bearer token. SIM_K8S_MINOR selects the
// version the server reports (32 by default; ctest also runs 29 and 33).
#include "KubectlRunner.h"

#include "sim/ClusterState.h"
#include "sim/SimServer.h"
#include "support/TestEnv.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

#include <algorithm>

#include <memory>

using Sitrep::Sim::SimServer;
using Sitrep::Test::KubectlRunner;

class TstSimKubectl final : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void clientMatchesServerVersion();
    void getPods_data();
    void getPods();
    void getPodsJsonAndJsonpath();
    void chunkedListMatchesFullList();
    void watchPrintsChangesUntilServerEnds();
    void eventsSortedByLastTimestamp();
    void describePodShowsBackOff();
    void logsTailAndPrevious();
    void logsFollowUntilStreamEnds();
    void logsBySelector();
    void topPods();
    void authCanI_data();
    void authCanI();
    void otherResources_data();
    void otherResources();
    void scaleCreatesPods();
    void deletePodsWithFieldSelector();
    void applyCreatesThenUpdates();
    void typedClientCreatesSendProtobuf();
    void rolloutHistoryUndoStatusRestart();
    void unauthorizedWithoutToken();
    void moreVerbsAndFlags();
    void agesAsKubectlPrintsThem();
    void cleanupTestCase();

private:
    KubectlRunner::Run kubectl(const QStringList &args, int timeoutMs = 30000) const;
    QStringList lines(const QString &text) const;

    int m_minor = 32;
    QTemporaryDir m_dir;
    std::unique_ptr<SimServer> m_sim;
    std::unique_ptr<KubectlRunner> m_kubectl;
};

KubectlRunner::Run TstSimKubectl::kubectl(const QStringList &args, int timeoutMs) const
{
    return m_kubectl->run(args, timeoutMs);
}

QStringList TstSimKubectl::lines(const QString &text) const
{
    return text.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

void TstSimKubectl::initTestCase()
{
    // The official client is the judge of the simulator: without it this test fails, it does not skip.
    QVERIFY2(!KubectlRunner::program().isEmpty(),
             "kubectl is not on PATH: install the kubectl package (v1.32; packaging/install-deps.sh says so)");
    m_minor = qEnvironmentVariableIntValue("SIM_K8S_MINOR");
    if (m_minor == 0)
        m_minor = 32;
    if (m_minor != 32) {
        const QString versioned = QStringLiteral("/usr/lib/google-cloud-sdk/bin/kubectl.1.%1").arg(m_minor);
        if (!QFileInfo::exists(versioned))
            QSKIP(qPrintable(QStringLiteral("%1 is not installed: the dispatcher cannot run the 1.%2 client")
                                 .arg(versioned)
                                 .arg(m_minor)));
    }
    QVERIFY(m_dir.isValid());
    m_sim = std::make_unique<SimServer>();
    auto loaded = m_sim->loadScenario(QStringLiteral("api-gateway-rollout"));
    QVERIFY2(loaded.ok(), qPrintable(loaded.ok() ? QString() : loaded.error().text()));
    m_sim->setVersionMinor(m_minor);
    m_sim->setStreamTimeoutCapMs(2500); // `get -w` and `logs -f` end when the server ends the stream
    m_sim->setDeniedVerbs({QStringLiteral("delete namespaces"), QStringLiteral("* secrets")});
    auto url = m_sim->start(0, true);
    QVERIFY2(url.ok(), qPrintable(url.ok() ? QString() : url.error().text()));
    const QString kubeconfig = m_dir.filePath(QStringLiteral("kubeconfig"));
    auto written = m_sim->writeKubeconfig(kubeconfig, QStringLiteral("sim"), QStringLiteral("demo"));
    QVERIFY2(written.ok(), qPrintable(written.ok() ? QString() : written.error().text()));
    m_kubectl = std::make_unique<KubectlRunner>(kubeconfig, m_dir.path());
}

void TstSimKubectl::moreVerbsAndFlags()
{
    // logs with a container, --since and --limit-bytes
    auto r = kubectl({QStringLiteral("logs"), QStringLiteral("-n"), QStringLiteral("demo"),
                      QStringLiteral("postgres-0"), QStringLiteral("-c"), QStringLiteral("postgres"),
                      QStringLiteral("--since=24h"), QStringLiteral("--limit-bytes=40")});
    QVERIFY2(r.exitCode == 0 && !r.out.isEmpty() && r.out.toUtf8().size() <= 40, qPrintable(r.describe()));
    // top nodes (metrics.k8s.io)
    r = kubectl({QStringLiteral("top"), QStringLiteral("nodes")});
    QVERIFY2(r.exitCode == 0 && r.out.contains(QLatin1String("sim-node-a")) &&
                 r.out.contains(QLatin1String("CPU(cores)")),
             qPrintable(r.describe()));
    // patch (strategic merge, kubectl's default)
    r = kubectl({QStringLiteral("patch"), QStringLiteral("deployment"), QStringLiteral("order-worker"),
                 QStringLiteral("-n"), QStringLiteral("demo"), QStringLiteral("-p"),
                 QStringLiteral(R"({"metadata":{"annotations":{"sitrep.io/drill":"yes"}}})")});
    QVERIFY2(r.exitCode == 0 && r.out.contains(QLatin1String("patched")), qPrintable(r.describe()));
    r = kubectl({QStringLiteral("get"), QStringLiteral("deployment"), QStringLiteral("order-worker"),
                 QStringLiteral("-n"), QStringLiteral("demo"), QStringLiteral("-o"),
                 QStringLiteral(R"(jsonpath={.metadata.annotations.sitrep\.io/drill})")});
    QCOMPARE(r.out, QStringLiteral("yes"));
    // create -f with a JSON body
    const QString file = m_dir.filePath(QStringLiteral("cm.json"));
    QFile f(file);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(
        R"({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"from-file","namespace":"demo"},"data":{"k":"v"}})");
    f.close();
    r = kubectl({QStringLiteral("create"), QStringLiteral("-f"), file});
    QVERIFY2(r.exitCode == 0 && r.out.contains(QLatin1String("configmap/from-file created")),
             qPrintable(r.describe()));
    // rollout undo to a chosen revision (numbers move as revisions are rolled back to): the 1.5.0 one
    r = kubectl({QStringLiteral("rollout"), QStringLiteral("history"),
                 QStringLiteral("deployment/api-gateway"), QStringLiteral("-n"), QStringLiteral("demo")});
    const auto match =
        QRegularExpression(QStringLiteral("(?m)^(\\d+)\\s+deploy api-gateway 1\\.5\\.0")).match(r.out);
    QVERIFY2(match.hasMatch(), qPrintable(r.out));
    r = kubectl({QStringLiteral("rollout"), QStringLiteral("undo"), QStringLiteral("deployment/api-gateway"),
                 QStringLiteral("-n"), QStringLiteral("demo"),
                 QStringLiteral("--to-revision=") + match.captured(1)});
    QVERIFY2(r.exitCode == 0 && r.out.contains(QLatin1String("rolled back")), qPrintable(r.describe()));
    r = kubectl({QStringLiteral("get"), QStringLiteral("deployment"), QStringLiteral("api-gateway"),
                 QStringLiteral("-n"), QStringLiteral("demo"), QStringLiteral("-o"),
                 QStringLiteral("jsonpath={.spec.template.spec.containers[0].image}")});
    QCOMPARE(r.out, QStringLiteral("registry.local/api-gateway:1.5.0"));
}

void TstSimKubectl::agesAsKubectlPrintsThem()
{
    // The AGE the simulator writes into table cells must be what kubectl prints when it formats the same
    // objects itself (--server-print=false runs kubectl's own HumanDuration). Ages chosen so that a
    // second passing between the two runs cannot change the text.
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const qint64 m = 60000, h = 60 * m, d = 24 * h;
    const QList<qint64> ages{95 * m + 30000, 5 * h + 7 * m + 30000, 30 * h + 30 * m, 3 * d + 4 * h + 30 * m,
                             9 * d + 5 * h,  400 * d + 5 * h,       3 * 365 * d + 10 * d + 5 * h};
    for (int i = 0; i < ages.size(); ++i) {
        m_sim->state().create(
            QStringLiteral("configmaps"),
            QJsonObject{{QStringLiteral("kind"), QStringLiteral("ConfigMap")},
                        {QStringLiteral("apiVersion"), QStringLiteral("v1")},
                        {QStringLiteral("metadata"),
                         QJsonObject{{QStringLiteral("name"), QStringLiteral("aged-%1").arg(i)},
                                     {QStringLiteral("namespace"), QStringLiteral("demo")},
                                     {QStringLiteral("creationTimestamp"),
                                      QDateTime::fromMSecsSinceEpoch(now - ages.at(i), Qt::UTC)
                                          .toString(Qt::ISODate)}}}});
    }
    const auto server = kubectl({QStringLiteral("get"), QStringLiteral("configmaps"), QStringLiteral("-n"),
                                 QStringLiteral("demo"), QStringLiteral("--no-headers")});
    const auto client = kubectl({QStringLiteral("get"), QStringLiteral("configmaps"), QStringLiteral("-n"),
                                 QStringLiteral("demo"), QStringLiteral("--no-headers"),
                                 QStringLiteral("--server-print=false")});
    QVERIFY2(server.exitCode == 0 && client.exitCode == 0, qPrintable(server.describe() + client.describe()));
    auto ageOf = [](const QString &table, const QString &name) {
        for (const QString &row : table.split(QLatin1Char('\n'))) {
            const QStringList cells = row.simplified().split(QLatin1Char(' '));
            if (cells.value(0) == name)
                return cells.last();
        }
        return QString();
    };
    for (int i = 0; i < ages.size(); ++i) {
        const QString name = QStringLiteral("aged-%1").arg(i);
        const QString printedByKubectl = ageOf(client.out, name);
        QVERIFY2(!printedByKubectl.isEmpty(), qPrintable(client.out));
        QCOMPARE(ageOf(server.out, name), printedByKubectl);
    }
    QCOMPARE(ageOf(server.out, QStringLiteral("aged-1")), QStringLiteral("5h7m"));
    QCOMPARE(ageOf(server.out, QStringLiteral("aged-6")), QStringLiteral("3y10d"));
}

void TstSimKubectl::cleanupTestCase()
{
    m_sim.reset();
}

void TstSimKubectl::clientMatchesServerVersion()
{
    const auto r = kubectl({QStringLiteral("version"), QStringLiteral("-o"), QStringLiteral("json")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    const QJsonObject v = QJsonDocument::fromJson(r.out.toUtf8()).object();
    QCOMPARE(v.value(QLatin1String("serverVersion")).toObject().value(QLatin1String("minor")).toString(),
             QString::number(m_minor));
    // The dispatcher ran the client that matches the server's minor version.
    const QString client =
        v.value(QLatin1String("clientVersion")).toObject().value(QLatin1String("gitVersion")).toString();
    QVERIFY2(client.startsWith(QStringLiteral("v1.%1.").arg(m_minor)), qPrintable(client));
}

void TstSimKubectl::getPods_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QStringList>("mustContain");
    QTest::addColumn<QStringList>("mustNotContain");
    QTest::addColumn<int>("rows");
    const QString demo = QStringLiteral("demo");
    QTest::newRow("all namespaces") << QStringList{QStringLiteral("get"), QStringLiteral("pods"),
                                                   QStringLiteral("-A")}
                                    << QStringList{QStringLiteral("NAMESPACE"), QStringLiteral("payments"),
                                                   QStringLiteral("postgres-0"), QStringLiteral("2/2")}
                                    << QStringList{} << 9;
    QTest::newRow("label selector") << QStringList{QStringLiteral("get"), QStringLiteral("pods"),
                                                   QStringLiteral("-n"),  demo,
                                                   QStringLiteral("-l"),  QStringLiteral("app=api-gateway")}
                                    << QStringList{QStringLiteral("api-gateway-"), QStringLiteral("0/1")}
                                    << QStringList{QStringLiteral("postgres")} << 3;
    QTest::newRow("set selector") << QStringList{QStringLiteral("get"),
                                                 QStringLiteral("pods"),
                                                 QStringLiteral("-n"),
                                                 demo,
                                                 QStringLiteral("-l"),
                                                 QStringLiteral("app in (redis,postgres),app!=nothing")}
                                  << QStringList{QStringLiteral("redis-"), QStringLiteral("postgres-0")}
                                  << QStringList{QStringLiteral("api-gateway")} << 2;
    QTest::newRow("wide") << QStringList{QStringLiteral("get"), QStringLiteral("pods"),
                                         QStringLiteral("-n"),  demo,
                                         QStringLiteral("-o"),  QStringLiteral("wide")}
                          << QStringList{QStringLiteral("NODE"), QStringLiteral("sim-node-"),
                                         QStringLiteral("10.244.")}
                          << QStringList{} << 7;
    QTest::newRow("field selector") << QStringList{QStringLiteral("get"), QStringLiteral("pods"),
                                                   QStringLiteral("-A"), QStringLiteral("--field-selector"),
                                                   QStringLiteral("metadata.namespace=payments")}
                                    << QStringList{QStringLiteral("payments-api-")}
                                    << QStringList{QStringLiteral("api-gateway")} << 2;
    QTest::newRow("restarts climb") << QStringList{QStringLiteral("get"),
                                                   QStringLiteral("pods"),
                                                   QStringLiteral("-n"),
                                                   demo,
                                                   QStringLiteral("-l"),
                                                   QStringLiteral("app=api-gateway"),
                                                   QStringLiteral("--no-headers")}
                                    << QStringList{QStringLiteral(" ago)")} << QStringList{} << 3;
}

void TstSimKubectl::getPods()
{
    QFETCH(QStringList, args);
    QFETCH(QStringList, mustContain);
    QFETCH(QStringList, mustNotContain);
    QFETCH(int, rows);
    const auto r = kubectl(args);
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    for (const QString &s : mustContain)
        QVERIFY2(r.out.contains(s), qPrintable(s + QStringLiteral(" missing in\n") + r.out));
    for (const QString &s : mustNotContain)
        QVERIFY2(!r.out.contains(s), qPrintable(s + QStringLiteral(" unexpected in\n") + r.out));
    const int headers = args.contains(QStringLiteral("--no-headers")) ? 0 : 1;
    QCOMPARE(lines(r.out).size(), rows + headers);
}

void TstSimKubectl::getPodsJsonAndJsonpath()
{
    auto r = kubectl({QStringLiteral("get"), QStringLiteral("pods"), QStringLiteral("-n"),
                      QStringLiteral("demo"), QStringLiteral("-o"), QStringLiteral("json")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    const QJsonObject list = QJsonDocument::fromJson(r.out.toUtf8()).object();
    QCOMPARE(list.value(QLatin1String("kind")).toString(), QStringLiteral("List"));
    QCOMPARE(list.value(QLatin1String("items")).toArray().size(), 7);
    // The runbook's restart check.
    r = kubectl({QStringLiteral("get"), QStringLiteral("pods"), QStringLiteral("-n"), QStringLiteral("demo"),
                 QStringLiteral("-l"), QStringLiteral("app=api-gateway"), QStringLiteral("-o"),
                 QStringLiteral("jsonpath={range "
                                ".items[*]}{.metadata.name}{\"\\t\"}{.status.containerStatuses[0]."
                                "restartCount}{\"\\n\"}{end}")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    const QStringList rows = lines(r.out);
    QCOMPARE(rows.size(), 3);
    for (const QString &row : rows) {
        QVERIFY2(row.startsWith(QLatin1String("api-gateway-")), qPrintable(row));
        QVERIFY2(row.section(QLatin1Char('\t'), 1).toInt() >= 20,
                 qPrintable(row)); // 12 minutes of a 20 s crash cycle
    }
}

void TstSimKubectl::chunkedListMatchesFullList()
{
    const auto full = kubectl({QStringLiteral("get"), QStringLiteral("pods"), QStringLiteral("-A"),
                               QStringLiteral("-o"), QStringLiteral("name")});
    const auto chunked =
        kubectl({QStringLiteral("get"), QStringLiteral("pods"), QStringLiteral("-A"), QStringLiteral("-o"),
                 QStringLiteral("name"), QStringLiteral("--chunk-size=2")});
    QVERIFY2(full.exitCode == 0 && chunked.exitCode == 0, qPrintable(chunked.describe()));
    QCOMPARE(lines(chunked.out), lines(full.out));
    QCOMPARE(lines(full.out).size(), 9);
}

void TstSimKubectl::watchPrintsChangesUntilServerEnds()
{
    QElapsedTimer timer;
    timer.start();
    // While kubectl watches, one gateway pod changes (a label added): the watch must print it.
    const QString changed = m_sim->state()
                                .list(QStringLiteral("pods"), QStringLiteral("demo"),
                                      [](const QJsonObject &p) {
                                          return p.value(QLatin1String("metadata"))
                                              .toObject()
                                              .value(QLatin1String("name"))
                                              .toString()
                                              .startsWith(QLatin1String("api-gateway-"));
                                      })
                                .first()
                                .value(QLatin1String("metadata"))
                                .toObject()
                                .value(QLatin1String("name"))
                                .toString();
    // The change is made when kubectl's watch request has reached the simulator (its list came first),
    // not after a guessed delay: the watch is registered by then, so the change must be printed.
    int podRequests = 0;
    const auto onRequest = connect(m_sim.get(), &SimServer::requestHandled, this,
                                   [this, changed, &podRequests](const QByteArray &, const QString &path) {
        if (path != QLatin1String("/api/v1/namespaces/demo/pods") || ++podRequests != 2)
            return;
        auto pod = m_sim->state().get(QStringLiteral("pods"), QStringLiteral("demo"), changed);
        if (!pod)
            return;
        QJsonObject meta = pod->value(QLatin1String("metadata")).toObject();
        QJsonObject labels = meta.value(QLatin1String("labels")).toObject();
        labels.insert(QStringLiteral("sitrep.io/watched"), QStringLiteral("yes"));
        meta.insert(QStringLiteral("labels"), labels);
        QJsonObject updated = *pod;
        updated.insert(QStringLiteral("metadata"), meta);
        m_sim->state().update(QStringLiteral("pods"), updated);
    });
    const auto r =
        kubectl({QStringLiteral("get"), QStringLiteral("pods"), QStringLiteral("-n"), QStringLiteral("demo"),
                 QStringLiteral("-l"), QStringLiteral("app=api-gateway"), QStringLiteral("-w")});
    disconnect(onRequest);
    QVERIFY2(r.finished && r.exitCode == 0, qPrintable(r.describe()));
    QCOMPARE(podRequests, 2); // one list, one watch
    QVERIFY(timer.elapsed() >= 2000); // it ran until the server ended the stream
    const QStringList rows = lines(r.out);
    QVERIFY2(rows.size() >= 5, qPrintable(r.out)); // header + the three pods listed first + the change
    QVERIFY2(rows.mid(4).join(QLatin1Char('\n')).contains(changed), qPrintable(r.out));
    QVERIFY(rows.first().startsWith(QLatin1String("NAME")));
    for (const QString &row : rows.mid(1))
        QVERIFY2(row.startsWith(QLatin1String("api-gateway-")), qPrintable(row));
}

void TstSimKubectl::eventsSortedByLastTimestamp()
{
    const auto r = kubectl({QStringLiteral("get"), QStringLiteral("events"), QStringLiteral("-n"),
                            QStringLiteral("demo"), QStringLiteral("--sort-by=.lastTimestamp")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    QVERIFY2(r.out.contains(QLatin1String("Warning")) && r.out.contains(QLatin1String("BackOff")),
             qPrintable(r.out));
    QVERIFY2(r.out.contains(QLatin1String("Back-off restarting failed container gateway")),
             qPrintable(r.out));
    QVERIFY(!r.out.contains(QLatin1String("No resources found")));
    // And in that order: oldest last-seen first.
    const auto times = kubectl({QStringLiteral("get"), QStringLiteral("events"), QStringLiteral("-n"),
                                QStringLiteral("demo"), QStringLiteral("--sort-by=.lastTimestamp"),
                                QStringLiteral("--no-headers"), QStringLiteral("-o"),
                                QStringLiteral("custom-columns=T:.lastTimestamp")});
    QVERIFY2(times.exitCode == 0, qPrintable(times.describe()));
    const QStringList stamps = lines(times.out);
    QVERIFY(stamps.size() >= 3);
    QVERIFY2(std::is_sorted(stamps.begin(), stamps.end()), qPrintable(times.out));
}

void TstSimKubectl::describePodShowsBackOff()
{
    const QString pod = m_sim->state()
                            .list(QStringLiteral("pods"), QStringLiteral("demo"))
                            .first()
                            .value(QLatin1String("metadata"))
                            .toObject()
                            .value(QLatin1String("name"))
                            .toString();
    QVERIFY(pod.startsWith(QLatin1String("api-gateway-")));
    const auto r = kubectl({QStringLiteral("describe"), QStringLiteral("pod"), QStringLiteral("-n"),
                            QStringLiteral("demo"), pod});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    for (const char *s : {"registry.local/api-gateway:1.5.0", "Restart Count:", "Events:", "BackOff",
                          "Back-off restarting failed container gateway", "Exit Code:    1"}) {
        QVERIFY2(r.out.contains(QLatin1String(s)),
                 qPrintable(QLatin1String(s) + QStringLiteral(" missing in\n") + r.out));
    }
}

void TstSimKubectl::logsTailAndPrevious()
{
    const QString pod = m_sim->state()
                            .list(QStringLiteral("pods"), QStringLiteral("demo"))
                            .first()
                            .value(QLatin1String("metadata"))
                            .toObject()
                            .value(QLatin1String("name"))
                            .toString();
    auto r = kubectl({QStringLiteral("logs"), QStringLiteral("-n"), QStringLiteral("demo"), pod,
                      QStringLiteral("--previous"), QStringLiteral("--tail=1")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    QCOMPARE(r.out, QStringLiteral("FATAL: no pg_hba.conf entry for host \"10.0.3.7\", user \"gateway\", "
                                   "database \"orders\"\n"));
    r = kubectl({QStringLiteral("logs"), QStringLiteral("-n"), QStringLiteral("demo"), pod,
                 QStringLiteral("--tail=3"), QStringLiteral("--timestamps")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    const QStringList rows = lines(r.out);
    QVERIFY(!rows.isEmpty() && rows.size() <= 3);
    static const QRegularExpression stamp(
        QStringLiteral("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{9}Z "));
    for (const QString &row : rows)
        QVERIFY2(stamp.match(row).hasMatch(), qPrintable(row));
    r = kubectl({QStringLiteral("logs"), QStringLiteral("-n"), QStringLiteral("demo"),
                 QStringLiteral("postgres-0"), QStringLiteral("--previous")});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(QLatin1String("previous terminated container")), qPrintable(r.describe()));
}

void TstSimKubectl::logsFollowUntilStreamEnds()
{
    const QString pod = m_sim->state()
                            .list(QStringLiteral("pods"), QStringLiteral("payments"))
                            .first()
                            .value(QLatin1String("metadata"))
                            .toObject()
                            .value(QLatin1String("name"))
                            .toString();
    const auto r = kubectl({QStringLiteral("logs"), QStringLiteral("-n"), QStringLiteral("payments"), pod,
                            QStringLiteral("-f"), QStringLiteral("--tail=0")});
    QVERIFY2(r.finished && r.exitCode == 0, qPrintable(r.describe()));
    // 1.5 lines/s for the ~2.5 s the server kept the stream open; all of them arrived live.
    QVERIFY2(lines(r.out).size() >= 2, qPrintable(r.out));
}

void TstSimKubectl::logsBySelector()
{
    const auto r =
        kubectl({QStringLiteral("logs"), QStringLiteral("-n"), QStringLiteral("demo"), QStringLiteral("-l"),
                 QStringLiteral("app=order-worker"), QStringLiteral("--tail=2")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    const QStringList rows = lines(r.out);
    QCOMPARE(rows.size(), 4);
    for (const QString &row : rows)
        QVERIFY2(row.startsWith(QLatin1String("{\"level\":")), qPrintable(row));
}

void TstSimKubectl::topPods()
{
    const auto r = kubectl(
        {QStringLiteral("top"), QStringLiteral("pods"), QStringLiteral("-n"), QStringLiteral("demo")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    QVERIFY2(r.out.contains(QLatin1String("CPU(cores)")) && r.out.contains(QLatin1String("postgres-0")),
             qPrintable(r.out));
    QVERIFY2(r.out.contains(QRegularExpression(QStringLiteral("postgres-0\\s+\\d+m\\s+\\d+Mi"))),
             qPrintable(r.out));
}

void TstSimKubectl::authCanI_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("answer");
    QTest::newRow("delete pods") << QStringList{QStringLiteral("delete"), QStringLiteral("pods"),
                                                QStringLiteral("-n"), QStringLiteral("demo")}
                                 << 0 << QStringLiteral("yes");
    QTest::newRow("get secrets") << QStringList{QStringLiteral("get"), QStringLiteral("secrets"),
                                                QStringLiteral("-n"), QStringLiteral("demo")}
                                 << 1 << QStringLiteral("no");
    QTest::newRow("delete namespaces")
        << QStringList{QStringLiteral("delete"), QStringLiteral("namespaces")} << 1 << QStringLiteral("no");
}

void TstSimKubectl::authCanI()
{
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    QFETCH(QString, answer);
    const auto r = kubectl(QStringList{QStringLiteral("auth"), QStringLiteral("can-i")} + args);
    QVERIFY2(r.exitCode == exitCode, qPrintable(r.describe()));
    QVERIFY2(r.out.startsWith(answer), qPrintable(r.describe()));
}

void TstSimKubectl::otherResources_data()
{
    QTest::addColumn<QString>("resource");
    QTest::addColumn<QStringList>("mustContain");
    QTest::newRow("hpa") << QStringLiteral("hpa")
                         << QStringList{QStringLiteral("Deployment/api-gateway"),
                                        QStringLiteral("cpu: 34%/70%")};
    QTest::newRow("ingress") << QStringLiteral("ingress")
                             << QStringList{QStringLiteral("api.demo.example"), QStringLiteral("nginx")};
    QTest::newRow("endpoints") << QStringLiteral("endpoints")
                               << QStringList{QStringLiteral("redis"), QStringLiteral(":6379")};
    QTest::newRow("nodes") << QStringLiteral("nodes")
                           << QStringList{QStringLiteral("sim-node-a"), QStringLiteral("Ready"),
                                          QStringLiteral("v1.32.4")};
    QTest::newRow("deployments") << QStringLiteral("deployments")
                                 << QStringList{QStringLiteral("api-gateway"), QStringLiteral("0/3")};
    QTest::newRow("statefulsets") << QStringLiteral("statefulsets")
                                  << QStringList{QStringLiteral("postgres"), QStringLiteral("1/1")};
}

void TstSimKubectl::otherResources()
{
    QFETCH(QString, resource);
    QFETCH(QStringList, mustContain);
    const auto r = kubectl({QStringLiteral("get"), resource, QStringLiteral("-n"), QStringLiteral("demo")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    for (const QString &s : mustContain)
        QVERIFY2(r.out.contains(s), qPrintable(s + QStringLiteral(" missing in\n") + r.out));
}

void TstSimKubectl::typedClientCreatesSendProtobuf()
{
    // `kubectl create <kind>` and `auth whoami` POST protobuf bodies and do not retry as JSON.
    auto r = kubectl({QStringLiteral("create"), QStringLiteral("namespace"), QStringLiteral("drill")});
    QVERIFY2(r.exitCode == 0 && r.out.contains(QLatin1String("namespace/drill created")),
             qPrintable(r.describe()));
    r = kubectl({QStringLiteral("create"), QStringLiteral("deployment"), QStringLiteral("web"),
                 QStringLiteral("--image=nginx:1.25"), QStringLiteral("--replicas=2"),
                 QStringLiteral("--port=80"), QStringLiteral("-n"), QStringLiteral("drill")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    r = kubectl({QStringLiteral("get"), QStringLiteral("deployment"), QStringLiteral("web"),
                 QStringLiteral("-n"), QStringLiteral("drill"), QStringLiteral("-o"),
                 QStringLiteral("jsonpath={.spec.replicas} {.spec.template.spec.containers[0].image} "
                                "{.spec.template.spec.containers[0].ports[0].containerPort} "
                                "{.spec.selector.matchLabels.app}")});
    QCOMPARE(r.out, QStringLiteral("2 nginx:1.25 80 web"));
    // The controllers run it like any other deployment.
    QTRY_COMPARE_WITH_TIMEOUT(
        lines(kubectl({QStringLiteral("get"), QStringLiteral("pods"), QStringLiteral("-n"),
                       QStringLiteral("drill"), QStringLiteral("-l"), QStringLiteral("app=web"),
                       QStringLiteral("-o"), QStringLiteral("name")})
                  .out)
            .size(),
        2, 15000);
    r = kubectl({QStringLiteral("create"), QStringLiteral("configmap"), QStringLiteral("cfg"),
                 QStringLiteral("--from-literal=mode=drill"), QStringLiteral("-n"), QStringLiteral("drill")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    r = kubectl({QStringLiteral("get"), QStringLiteral("configmap"), QStringLiteral("cfg"),
                 QStringLiteral("-n"), QStringLiteral("drill"), QStringLiteral("-o"),
                 QStringLiteral("jsonpath={.data.mode}")});
    QCOMPARE(r.out, QStringLiteral("drill"));
    r = kubectl({QStringLiteral("auth"), QStringLiteral("whoami")});
    QVERIFY2(r.exitCode == 0 && r.out.contains(QLatin1String("sitrep-sim-admin")), qPrintable(r.describe()));
}

void TstSimKubectl::scaleCreatesPods()
{
    const auto r = kubectl({QStringLiteral("scale"), QStringLiteral("deployment/order-worker"),
                            QStringLiteral("-n"), QStringLiteral("demo"), QStringLiteral("--replicas=3")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    QVERIFY(r.out.contains(QLatin1String("deployment.apps/order-worker scaled")));
    const auto pods =
        kubectl({QStringLiteral("get"), QStringLiteral("pods"), QStringLiteral("-n"), QStringLiteral("demo"),
                 QStringLiteral("-l"), QStringLiteral("app=order-worker"), QStringLiteral("-o"),
                 QStringLiteral("name")});
    QCOMPARE(lines(pods.out).size(), 3);
}

void TstSimKubectl::deletePodsWithFieldSelector()
{
    // The pod the scale created must have started before the phase selector can see it.
    QTRY_COMPARE_WITH_TIMEOUT(m_sim->state()
                                  .list(QStringLiteral("pods"), QStringLiteral("demo"),
                                        [](const QJsonObject &p) {
                                            return p.value(QLatin1String("metadata"))
                                                       .toObject()
                                                       .value(QLatin1String("name"))
                                                       .toString()
                                                       .startsWith(QLatin1String("order-worker")) &&
                                                   p.value(QLatin1String("status"))
                                                           .toObject()
                                                           .value(QLatin1String("phase"))
                                                           .toString() == QLatin1String("Running");
                                        })
                                  .size(),
                              3, 10000);
    const auto r = kubectl({QStringLiteral("delete"), QStringLiteral("pods"), QStringLiteral("-n"),
                            QStringLiteral("demo"), QStringLiteral("-l"), QStringLiteral("app=order-worker"),
                            QStringLiteral("--field-selector"), QStringLiteral("status.phase=Running")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    QCOMPARE(r.out.count(QLatin1String("deleted")), 3);
    // The ReplicaSet replaces them.
    const auto pods =
        kubectl({QStringLiteral("get"), QStringLiteral("pods"), QStringLiteral("-n"), QStringLiteral("demo"),
                 QStringLiteral("-l"), QStringLiteral("app=order-worker"), QStringLiteral("-o"),
                 QStringLiteral("name")});
    QCOMPARE(lines(pods.out).size(), 3);
    for (const QString &name : lines(pods.out))
        QVERIFY2(!r.out.contains(name.section(QLatin1Char('/'), 1)), qPrintable(name));
}

void TstSimKubectl::applyCreatesThenUpdates()
{
    const QString file = m_dir.filePath(QStringLiteral("cm.yaml"));
    auto write = [&file](const char *value) {
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(
                    "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: gateway-flags\n  namespace: demo\n"
                    "data:\n  pg_hba_fix: \"") +
                value + "\"\n");
    };
    write("true");
    auto r = kubectl({QStringLiteral("apply"), QStringLiteral("-f"), file});
    QVERIFY2(r.exitCode == 0 && r.out.contains(QLatin1String("configmap/gateway-flags created")),
             qPrintable(r.describe()));
    write("false");
    r = kubectl({QStringLiteral("apply"), QStringLiteral("-f"), file});
    QVERIFY2(r.exitCode == 0 && r.out.contains(QLatin1String("configmap/gateway-flags configured")),
             qPrintable(r.describe()));
    r = kubectl({QStringLiteral("get"), QStringLiteral("configmap"), QStringLiteral("gateway-flags"),
                 QStringLiteral("-n"), QStringLiteral("demo"), QStringLiteral("-o"),
                 QStringLiteral("jsonpath={.data.pg_hba_fix}")});
    QCOMPARE(r.out, QStringLiteral("false"));
}

void TstSimKubectl::rolloutHistoryUndoStatusRestart()
{
    const QStringList deploy{QStringLiteral("deployment/api-gateway"), QStringLiteral("-n"),
                             QStringLiteral("demo")};
    auto r = kubectl(QStringList{QStringLiteral("rollout"), QStringLiteral("history")} + deploy);
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    QVERIFY2(r.out.contains(QRegularExpression(QStringLiteral("1\\s+deploy api-gateway 1.4.2"))),
             qPrintable(r.out));
    QVERIFY2(r.out.contains(QRegularExpression(QStringLiteral("2\\s+deploy api-gateway 1.5.0"))),
             qPrintable(r.out));

    r = kubectl(QStringList{QStringLiteral("rollout"), QStringLiteral("undo")} + deploy);
    QVERIFY2(r.exitCode == 0 && r.out.contains(QLatin1String("rolled back")), qPrintable(r.describe()));
    r = kubectl(
        QStringList{QStringLiteral("rollout"), QStringLiteral("status"), QStringLiteral("--timeout=30s")} +
            deploy,
        40000);
    QVERIFY2(r.exitCode == 0 && r.out.contains(QLatin1String("successfully rolled out")),
             qPrintable(r.describe()));
    r = kubectl({QStringLiteral("get"), QStringLiteral("pods"), QStringLiteral("-n"), QStringLiteral("demo"),
                 QStringLiteral("-l"), QStringLiteral("app=api-gateway"), QStringLiteral("--no-headers")});
    QCOMPARE(lines(r.out).size(), 3);
    for (const QString &row : lines(r.out))
        QVERIFY2(row.contains(QRegularExpression(QStringLiteral("1/1\\s+Running\\s+0 "))), qPrintable(r.out));
    // The healed gateway logs requests again, not the pg_hba error.
    r = kubectl({QStringLiteral("logs"), QStringLiteral("-n"), QStringLiteral("demo"),
                 QStringLiteral("deployment/api-gateway"), QStringLiteral("--tail=20")});
    QVERIFY2(r.exitCode == 0 && r.out.contains(QLatin1String("api-gateway 1.4.2 starting")),
             qPrintable(r.describe()));
    QVERIFY(!r.out.contains(QLatin1String("FATAL")));

    r = kubectl(QStringList{QStringLiteral("rollout"), QStringLiteral("restart")} + deploy);
    QVERIFY2(r.exitCode == 0 && r.out.contains(QLatin1String("restarted")), qPrintable(r.describe()));
    r = kubectl(
        QStringList{QStringLiteral("rollout"), QStringLiteral("status"), QStringLiteral("--timeout=30s")} +
            deploy,
        40000);
    QVERIFY2(r.exitCode == 0 && r.out.contains(QLatin1String("successfully rolled out")),
             qPrintable(r.describe()));
    r = kubectl(QStringList{QStringLiteral("rollout"), QStringLiteral("history")} + deploy);
    QVERIFY2(r.out.contains(QRegularExpression(QStringLiteral("\\n4\\s+"))), qPrintable(r.out));
    QVERIFY2(!r.out.contains(QRegularExpression(QStringLiteral("\\n1\\s+"))),
             qPrintable(r.out)); // 1 became 3, then 4
}

void TstSimKubectl::unauthorizedWithoutToken()
{
    const QString token = m_sim->token();
    m_sim->setToken(QStringLiteral("another-token"));
    const auto r = kubectl({QStringLiteral("get"), QStringLiteral("pods")});
    m_sim->setToken(token);
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(QLatin1String("You must be logged in to the server")), qPrintable(r.describe()));
}

QTEST_GUILESS_MAIN(TstSimKubectl)
#include "tst_simkubectl.moc"
