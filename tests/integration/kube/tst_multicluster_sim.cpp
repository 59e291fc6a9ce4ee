// Two regions at once, against two simulators running as their own processes (sitrep sim): prod-eu in the
// api-gateway crash loop, prod-us healthy. The pods, events, deployments and cluster panes show both with a
// CLUSTER column; actions act on the row's own cluster, say so in the confirmation and the journal; a runbook
// command runs against the cluster picked (kubectl --context, the kubeconfig files untouched); logs of both
// clusters merge in time order; a 401, a TLS error and a server that never answers hold up nobody; and
// killing one simulator leaves the other cluster's panes live while its own rows turn grey, "stale since".
#include "ActionConfirmDialog.h"
#include "ClusterChips.h"
#include "DeploymentsModel.h"
#include "DeploymentsPane.h"
#include "EventsModel.h"
#include "EventsPane.h"
#include "KubeStateLabel.h"
#include "LogModel.h"
#include "PodsModel.h"
#include "PodsFilterProxy.h"
#include "PodsPane.h"
#include "ResourcesModel.h"
#include "ResourcesPane.h"
#include "core/IncidentSession.h"
#include "core/Journal.h"
#include "kube/ClusterSet.h"
#include "kube/KubeCall.h"
#include "logs/LogSession.h"
#include "logs/PodTargetTracker.h"
#include "runbook/LocalRunner.h"
#include "support/ServerProcess.h"
#include "support/TestEnv.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

#include <csignal>

using namespace Sitrep;
using namespace Sitrep::Ui;
using Kube::ClusterConnection;
using Kube::ClusterHealth;
using Kube::ClusterSpec;

namespace {

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool writeAll(const QString &path, const QByteArray &data)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(data) == data.size();
}

// The value of a "key: value" line of a kubeconfig the simulator wrote.
QByteArray field(const QByteArray &yaml, const QByteArray &key)
{
    for (const QByteArray &line : yaml.split('\n'))
        if (line.trimmed().startsWith(key + ':'))
            return line.trimmed().mid(key.size() + 1).trimmed();
    return {};
}

// Every row's value of a role, with the cluster it belongs to ("prod-eu|demo/x").
QSet<QString> keysOf(QAbstractItemModel *m, int keyRole, int clusterRole)
{
    QSet<QString> out;
    for (int r = 0; r < m->rowCount(); ++r)
        out.insert(m->index(r, 0).data(clusterRole).toString() + QLatin1Char('|') +
                   m->index(r, 0).data(keyRole).toString());
    return out;
}

QStringList clustersOf(QAbstractItemModel *m, int clusterRole)
{
    QStringList out;
    for (int r = 0; r < m->rowCount(); ++r)
        if (const QString c = m->index(r, 0).data(clusterRole).toString(); !out.contains(c))
            out << c;
    out.sort();
    return out;
}

} // namespace

class TstMultiClusterSim final : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void mergedPanesShowBothClusters();
    void actionsActOnTheRowsOwnCluster();
    void runbookCommandRunsOnThePickedCluster();
    void logsMergeAcrossClusters();
    void brokenClustersHoldUpNobody();
    void killingOneSimulatorLeavesTheOtherLive();
    void cleanupTestCase();

private:
    QString startSim(Test::ServerProcess &server, const QString &context, const QString &scenario);
    ClusterSpec spec(const QString &name) const;
    void makeSet(const QList<ClusterSpec> &specs);
    int rowOfDeployment(const QString &cluster) const;

    QTemporaryDir m_dir;
    Test::ServerProcess m_eu;
    Test::ServerProcess m_us;
    QHash<QString, QString> m_kubeconfigs; // cluster -> file the simulator wrote
    Core::SystemClock m_clock;
    Core::Journal m_journal;
    std::unique_ptr<Core::IncidentSession> m_session;
    std::unique_ptr<Kube::ClusterSet> m_set;
    std::unique_ptr<PodsPane> m_pods;
    std::unique_ptr<EventsPane> m_events;
    std::unique_ptr<DeploymentsPane> m_deployments;
    std::unique_ptr<ResourcesPane> m_resources;
};

QString TstMultiClusterSim::startSim(Test::ServerProcess &server, const QString &context, const QString &scenario)
{
    const quint16 port = Test::freePort();
    const QString kubeconfig = m_dir.filePath(QStringLiteral("kubeconfig-") + context);
    const QString error =
        server.startTcp(QStringLiteral(SIM_SERVE_BINARY),
                        {QStringLiteral("--port"), QString::number(port), QStringLiteral("--scenario"), scenario,
                         QStringLiteral("--context"), context, QStringLiteral("--write-kubeconfig"), kubeconfig},
                        port);
    if (error.isEmpty())
        m_kubeconfigs.insert(context, kubeconfig);
    return error;
}

void TstMultiClusterSim::initTestCase()
{
    QVERIFY(m_dir.isValid());
    const QString eu = startSim(m_eu, QStringLiteral("prod-eu"), QStringLiteral("api-gateway-rollout"));
    QVERIFY2(eu.isEmpty(), qPrintable(eu));
    const QString us = startSim(m_us, QStringLiteral("prod-us"), QStringLiteral("healthy"));
    QVERIFY2(us.isEmpty(), qPrintable(us));
    // Both simulators are separate processes: killing one later is a real cluster going away.
    QVERIFY(m_eu.process().processId() != m_us.process().processId());
    const auto opened = m_journal.open(m_dir.filePath(QStringLiteral("incident.sitrep")));
    QVERIFY2(opened.ok(), opened.ok() ? "" : qPrintable(opened.error().text()));
    m_session = std::make_unique<Core::IncidentSession>(m_journal, m_clock, QStringLiteral("alice"));
    Core::IncidentSession::Declaration d;
    d.title = QStringLiteral("api-gateway 502 in prod-eu");
    d.service = QStringLiteral("api-gateway");
    QVERIFY(m_session->declare(d).ok());
}

ClusterSpec TstMultiClusterSim::spec(const QString &name) const
{
    return ClusterSpec{m_kubeconfigs.value(name), name, QStringLiteral("demo"), {}, {}};
}

void TstMultiClusterSim::makeSet(const QList<ClusterSpec> &specs)
{
    m_pods.reset();
    m_events.reset();
    m_deployments.reset();
    m_resources.reset();
    m_set = std::make_unique<Kube::ClusterSet>(m_clock, m_session.get());
    m_set->setProbe(300, 1500);
    m_set->setInformerSetup([](Kube::Informer &i) {
        i.setBackoff(100, 400);
        i.setListTimeoutMs(3000);
    });
    m_pods = std::make_unique<PodsPane>(m_clock);
    m_events = std::make_unique<EventsPane>(m_clock);
    m_deployments = std::make_unique<DeploymentsPane>(m_clock);
    m_resources = std::make_unique<ResourcesPane>(m_clock);
    m_resources->setKind(Kube::ResourcePrinter::Kind::Nodes);
    QObject::connect(m_set.get(), &Kube::ClusterSet::clustersChanged, m_pods.get(), [this] {
        const auto list = m_set->connections();
        m_pods->setConnections(list);
        m_events->setConnections(list);
        m_deployments->setConnections(list);
        m_resources->setConnections(list);
    });
    m_set->setClusters(specs);
}

int TstMultiClusterSim::rowOfDeployment(const QString &cluster) const
{
    m_deployments->model()->flush();
    return m_deployments->model()->rowOf(QStringLiteral("demo/api-gateway"), cluster);
}

void TstMultiClusterSim::mergedPanesShowBothClusters()
{
    makeSet({spec(QStringLiteral("prod-eu")), spec(QStringLiteral("prod-us"))});
    QCOMPARE(m_set->openCount(), 2);
    const QStringList both{QStringLiteral("prod-eu"), QStringLiteral("prod-us")};
    PodsModel *pods = m_pods->model();
    QTRY_COMPARE_WITH_TIMEOUT((pods->flush(), clustersOf(pods, PodsModel::ClusterRole)), both, 15000);
    // The same deployment in both regions: two rows, one per cluster.
    QTRY_VERIFY_WITH_TIMEOUT(rowOfDeployment(QStringLiteral("prod-eu")) >= 0 &&
                                 rowOfDeployment(QStringLiteral("prod-us")) >= 0,
                             15000);
    QVERIFY(rowOfDeployment(QStringLiteral("prod-eu")) != rowOfDeployment(QStringLiteral("prod-us")));
    // prod-eu's rollout makes events; a healthy prod-us may have none yet, but is watched all the same.
    QTRY_VERIFY_WITH_TIMEOUT((m_events->model()->flush(), clustersOf(m_events->model(), EventsModel::ClusterRole))
                                 .contains(QStringLiteral("prod-eu")),
                             15000);
    QTRY_VERIFY_WITH_TIMEOUT(m_events->stateLabel()->stateText().contains(QLatin1String("prod-eu: live")) &&
                                 m_events->stateLabel()->stateText().contains(QLatin1String("prod-us: live")),
                             15000);
    QTRY_COMPARE_WITH_TIMEOUT(
        (m_resources->model()->flush(), clustersOf(m_resources->model(), ResourcesModel::ClusterRole)), both,
        15000);

    // The CLUSTER column shows (several clusters), drawn in each cluster's colour.
    QVERIFY(!m_pods->view()->isColumnHidden(PodsModel::Cluster));
    QVERIFY(!m_events->view()->isColumnHidden(EventsModel::Cluster));
    QVERIFY(!m_deployments->view()->isColumnHidden(DeploymentsModel::Cluster));
    QCOMPARE(pods->headerData(PodsModel::Cluster, Qt::Horizontal).toString(), QStringLiteral("CLUSTER"));
    const QModelIndex first = pods->index(0, PodsModel::Cluster);
    QVERIFY(both.contains(first.data().toString()));
    QCOMPARE(first.data(Qt::BackgroundRole).value<QColor>(),
             QColor(m_set->connection(first.data().toString())->colour()));
    QVERIFY(m_set->connection(QStringLiteral("prod-eu"))->colour() !=
            m_set->connection(QStringLiteral("prod-us"))->colour());

    // prod-eu crash-loops, prod-us does not: the per-cluster counts say so, on the chips and for the wall.
    QTRY_VERIFY_WITH_TIMEOUT(m_set->pods().clustersLine().contains(QLatin1String("prod-us ok")) &&
                                 !m_set->pods().clustersLine().contains(QLatin1String("prod-eu ok")),
                             30000);
    QVERIFY2(m_set->pods().clustersLine().startsWith(QLatin1String("prod-eu ")),
             qPrintable(m_set->pods().clustersLine()));
    QTRY_VERIFY_WITH_TIMEOUT(m_pods->clusterChips()->text().contains(QStringLiteral("prod-us \u00b7 \u25cf live")),
                             10000);
    QVERIFY2(m_pods->clusterChips()->text().contains(QLatin1String("pods: ok")),
             qPrintable(m_pods->clusterChips()->text()));
    QTRY_VERIFY(m_pods->stateLabel()->stateText().contains(QLatin1String("prod-eu: live")));
    QVERIFY(m_pods->stateLabel()->stateText().contains(QLatin1String("prod-us: live")));

    // Filterable by cluster: hiding prod-eu leaves prod-us's rows only.
    m_pods->clusterChips()->setClusterShown(QStringLiteral("prod-eu"), false);
    QCOMPARE(clustersOf(m_pods->proxy(), PodsModel::ClusterRole), QStringList{QStringLiteral("prod-us")});
    m_pods->clusterChips()->setClusterShown(QStringLiteral("prod-eu"), true);
    QCOMPARE(clustersOf(m_pods->proxy(), PodsModel::ClusterRole), both);

    // The journal's pod snapshot carries each cluster, so a follower wall shows the same line.
    QTRY_VERIFY_WITH_TIMEOUT(
        [this] {
            const auto events = m_journal.events();
            return std::any_of(events.begin(), events.end(), [](const Core::TimelineEvent &e) {
                return e.payload.value(QLatin1String("podSummary"))
                           .toObject()
                           .value(QLatin1String("clusters"))
                           .toArray()
                           .size() == 2;
            });
        }(),
        10000);

    m_pods->resize(1500, 520);
    m_pods->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_pods.get()));
    m_pods->view()->sortByColumn(PodsModel::Cluster, Qt::AscendingOrder);
    const QString dir = Test::outputDir(QStringLiteral("tst_multicluster_sim"));
    QVERIFY(m_pods->grab().save(dir + QStringLiteral("/pods-two-clusters.png")));
    // The other merged panes, for a human to look at.
    m_deployments->selectDeployment(QStringLiteral("demo/api-gateway"), QStringLiteral("prod-us"));
    for (QWidget *pane : {static_cast<QWidget *>(m_events.get()), static_cast<QWidget *>(m_deployments.get()),
                          static_cast<QWidget *>(m_resources.get())}) {
        pane->resize(1500, 520);
        pane->show();
        QVERIFY(QTest::qWaitForWindowExposed(pane));
    }
    QVERIFY(m_events->grab().save(dir + QStringLiteral("/events-two-clusters.png")));
    QVERIFY(m_deployments->grab().save(dir + QStringLiteral("/deployments-two-clusters.png")));
    QVERIFY(m_resources->grab().save(dir + QStringLiteral("/nodes-two-clusters.png")));
    qInfo("PNG: %s/{pods,events,deployments,nodes}-two-clusters.png", qPrintable(dir));
}

void TstMultiClusterSim::actionsActOnTheRowsOwnCluster()
{
    QVERIFY(m_set);
    ClusterConnection *us = m_set->connection(QStringLiteral("prod-us"));
    ClusterConnection *eu = m_set->connection(QStringLiteral("prod-eu"));
    QVERIFY(us && eu);
    // Delete one prod-us pod from the merged table.
    PodsModel *pods = m_pods->model();
    pods->flush();
    QString victim;
    QSet<QString> euPods;
    for (int r = 0; r < pods->rowCount(); ++r) {
        const PodRow *row = pods->rowAt(r);
        if (row->cluster == QLatin1String("prod-us") && row->pod.name.startsWith(QLatin1String("api-gateway-")))
            victim = row->key();
        if (row->cluster == QLatin1String("prod-eu"))
            euPods.insert(row->key());
    }
    QVERIFY(!victim.isEmpty());
    QVERIFY(m_pods->selectPod(victim, QStringLiteral("prod-us")));
    QSignalSpy shown(m_pods.get(), &PodsPane::confirmationShown);
    QSignalSpy finished(m_pods.get(), &PodsPane::actionFinished);
    m_pods->deleteSelected();
    QCOMPARE(shown.size(), 1);
    auto *dialog = shown.first().first().value<ActionConfirmDialog *>();
    QCOMPARE(dialog->clusterText(), QStringLiteral("on cluster prod-us"));
    QVERIFY2(dialog->requestText().startsWith(QStringLiteral("DELETE ") + us->client()->server().toString()),
             qPrintable(dialog->requestText()));
    QVERIFY(!dialog->requestText().contains(eu->client()->server().toString()));
    QCOMPARE(dialog->confirmButton()->text(), QStringLiteral("Delete on prod-us"));
    dialog->accept();
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.first().at(1).toBool(), true);
    QVERIFY2(finished.first().at(0).toString().endsWith(QLatin1String("on prod-us succeeded")),
             qPrintable(finished.first().at(0).toString()));
    // Gone from prod-us; prod-eu's rows untouched.
    QTRY_VERIFY_WITH_TIMEOUT((pods->flush(), pods->rowOf(victim, QStringLiteral("prod-us")) < 0), 10000);
    pods->flush();
    for (const QString &key : std::as_const(euPods))
        QVERIFY2(pods->rowOf(key, QStringLiteral("prod-eu")) >= 0, qPrintable(key));
    // The journal names the cluster, its server and its context.
    bool recorded = false;
    for (const Core::TimelineEvent &e : m_journal.events()) {
        if (e.kind != Core::EventKind::Action)
            continue;
        recorded = true;
        QCOMPARE(e.payload.value(QLatin1String("cluster")).toString(), QStringLiteral("prod-us"));
        QCOMPARE(e.payload.value(QLatin1String("server")).toString(), us->client()->server().toString());
        QVERIFY(e.summary.contains(QLatin1String("on prod-us")));
    }
    QVERIFY(recorded);

    // Scale prod-eu's api-gateway from the deployments pane: only prod-eu's changes.
    QTRY_VERIFY_WITH_TIMEOUT(rowOfDeployment(QStringLiteral("prod-eu")) >= 0, 10000);
    const int usReplicas = m_deployments->model()->rowAt(rowOfDeployment(QStringLiteral("prod-us")))->replicas;
    m_deployments->selectDeployment(QStringLiteral("demo/api-gateway"), QStringLiteral("prod-eu"));
    QCOMPARE(m_deployments->currentCluster(), QStringLiteral("prod-eu"));
    QSignalSpy depShown(m_deployments.get(), &DeploymentsPane::confirmationShown);
    QSignalSpy depDone(m_deployments.get(), &DeploymentsPane::actionFinished);
    m_deployments->scaleCurrent(5);
    QCOMPARE(depShown.size(), 1);
    auto *scale = depShown.first().first().value<ActionConfirmDialog *>();
    QCOMPARE(scale->clusterText(), QStringLiteral("on cluster prod-eu"));
    QVERIFY(scale->requestText().startsWith(QStringLiteral("PATCH ") + eu->client()->server().toString()));
    scale->accept();
    QTRY_VERIFY_WITH_TIMEOUT(!depDone.isEmpty() && depDone.last().at(0).toString().contains(QLatin1String("scale")),
                             10000);
    QVERIFY2(depDone.last().at(0).toString().endsWith(QLatin1String("on prod-eu succeeded")),
             qPrintable(depDone.last().at(0).toString()));
    QTRY_COMPARE_WITH_TIMEOUT(
        m_deployments->model()->rowAt(rowOfDeployment(QStringLiteral("prod-eu")))->replicas, 5, 10000);
    QCOMPARE(m_deployments->model()->rowAt(rowOfDeployment(QStringLiteral("prod-us")))->replicas, usReplicas);
}

void TstMultiClusterSim::runbookCommandRunsOnThePickedCluster()
{
    const QString kubectl = Test::findProgram(QStringLiteral("kubectl"));
    QVERIFY2(!kubectl.isEmpty(), "kubectl is not on PATH: install the kubectl package (1.32)");
    // The user's kubeconfig: both files, prod-eu's first, so its current-context (prod-eu) is kubectl's.
    const QString files = m_kubeconfigs.value(QStringLiteral("prod-eu")) + QLatin1Char(':') +
                          m_kubeconfigs.value(QStringLiteral("prod-us"));
    const QByteArray euBefore = readAll(m_kubeconfigs.value(QStringLiteral("prod-eu")));
    const QByteArray usBefore = readAll(m_kubeconfigs.value(QStringLiteral("prod-us")));
    QVERIFY(!euBefore.isEmpty() && !usBefore.isEmpty());
    QSet<QString> usNames;
    QSet<QString> euNames;
    m_pods->model()->flush();
    for (int r = 0; r < m_pods->model()->rowCount(); ++r) {
        const PodRow *row = m_pods->model()->rowAt(r);
        (row->cluster == QLatin1String("prod-us") ? usNames : euNames).insert(QStringLiteral("pod/") + row->pod.name);
    }

    Runbook::LocalRunner runner;
    Runbook::RunRequest request;
    request.prepared.stepId = QStringLiteral("triage-1");
    // Lists the pods, then shows the kubectl the command ran: it adds --context on the command line.
    request.prepared.command =
        QStringLiteral("kubectl get pods -n demo -o name --cache-dir %1 && tail -n 1 \"$(command -v kubectl)\"")
            .arg(m_dir.filePath(QStringLiteral("kubectl-cache")));
    request.prepared.display = request.prepared.command;
    request.target.kubeconfig = files;
    request.target.kubeContext = QStringLiteral("prod-us"); // picked in the wizard
    request.target.kubeNamespace = QStringLiteral("demo");
    request.target.cluster = QStringLiteral("prod-us");
    QSignalSpy done(&runner, &Runbook::CommandRunner::finished);
    runner.start(request);
    QVERIFY(done.wait(60000));
    const auto result = done.first().first().value<Runbook::RunResult>();
    const QString out = QString::fromUtf8(result.output);
    QVERIFY2(result.ok(), qPrintable(out + result.error));
    const QStringList lines = out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QVERIFY(lines.size() > 1);
    // Every pod listed is prod-us's (the first api-gateway pod was deleted above; the listing is live).
    int listed = 0;
    for (const QString &line : lines) {
        if (!line.startsWith(QLatin1String("pod/")))
            continue;
        ++listed;
        QVERIFY2(!euNames.contains(line) || usNames.contains(line), qPrintable(line));
    }
    QVERIFY(listed > 0);
    QVERIFY2(lines.last().contains(QLatin1String("--context='prod-us' \"$@\"")), qPrintable(lines.last()));
    QVERIFY(result.where.contains(QLatin1String("prod-us")));
    // The user's files are exactly as they were: no current-context was changed in them.
    QCOMPARE(readAll(m_kubeconfigs.value(QStringLiteral("prod-eu"))), euBefore);
    QCOMPARE(readAll(m_kubeconfigs.value(QStringLiteral("prod-us"))), usBefore);
    QCOMPARE(field(euBefore, "current-context"), QByteArray("prod-eu"));
}

void TstMultiClusterSim::logsMergeAcrossClusters()
{
    if (!m_set)
        makeSet({spec(QStringLiteral("prod-eu")), spec(QStringLiteral("prod-us"))});
    Logs::LogSession session;
    Logs::PodTargetTracker tracker(&session);
    LogModel model(&session);
    for (ClusterConnection *c : m_set->connections()) {
        Kube::KubeClient *client = c->client();
        session.setConnection(c->clusterName(), client->server(),
                              [client](const QUrl &url) { return client->makeRequest(url); });
    }
    QVERIFY(tracker.setSelection(QStringLiteral("demo"), QStringLiteral("app=api-gateway")));
    // The pod informers listed long ago: each cluster lists afresh (its panes drop and refill only its own
    // rows), and the tracker hears every pod with its cluster, as the composition root wires it.
    for (ClusterConnection *c : m_set->connections()) {
        const QString name = c->clusterName();
        c->setNamespace(c->currentNamespace());
        QObject::connect(c->pods(), &Kube::Informer::eventsReady, &tracker,
                         [&tracker, name](const Kube::ObjectEvents &events) {
                             for (const auto &e : events)
                                 if (e.type == Kube::ObjectEvent::Type::Deleted)
                                     tracker.remove(e.object, name);
                                 else
                                     tracker.upsert(e.object, name);
                         });
    }
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            QSet<QString> clusters;
            for (const auto &t : tracker.targets())
                clusters.insert(t.cluster);
            return clusters.size() == 2;
        }(),
        15000);
    // Lines of both clusters arrive, merged by time, each saying whose pod it is.
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            session.flush();
            model.flushAll();
            bool eu = false;
            bool us = false;
            for (int r = 0; r < model.rowCount(); ++r) {
                const QString pod = model.index(r, LogModel::PodColumn).data().toString();
                eu = eu || pod.startsWith(QStringLiteral("prod-eu \u00b7 api-gateway-"));
                us = us || pod.startsWith(QStringLiteral("prod-us \u00b7 api-gateway-"));
            }
            return eu && us;
        }(),
        20000);
    // In time order across both clusters: a line older than the one before it is only ever one the merger
    // let through late (a crash-looping container's new instance, reconnected after the merge window) and
    // counted; and the clusters' lines interleave rather than come in blocks.
    struct Order
    {
        int inversions = 0;
        int switches = 0;
    };
    auto order = [&] {
        session.flush();
        model.flushAll();
        Order o;
        qint64 previous = 0;
        QString lastCluster;
        for (int r = 0; r < model.rowCount(); ++r) {
            const QModelIndex i = model.index(r, LogModel::PodColumn);
            if (i.data(LogModel::MarkerRole).toBool())
                continue;
            const qint64 ts = i.data(LogModel::TimestampNsRole).toLongLong();
            o.inversions += ts < previous ? 1 : 0;
            previous = std::max(previous, ts);
            const QString cluster = i.data().toString().section(QStringLiteral(" \u00b7 "), 0, 0);
            o.switches += !lastCluster.isEmpty() && cluster != lastCluster ? 1 : 0;
            lastCluster = cluster;
        }
        return o;
    };
    QTRY_VERIFY_WITH_TIMEOUT(order().switches >= 4, 20000);
    const Order o = order();
    QVERIFY2(quint64(o.inversions) <= session.merger().lateLines(),
             qPrintable(QStringLiteral("%1 lines out of order, %2 late").arg(o.inversions).arg(session.merger().lateLines())));
    session.stopAll();
}

void TstMultiClusterSim::brokenClustersHoldUpNobody()
{
    // prod-us three times over, each broken another way, next to a working prod-eu.
    const QByteArray us = readAll(m_kubeconfigs.value(QStringLiteral("prod-us")));
    const QByteArray eu = readAll(m_kubeconfigs.value(QStringLiteral("prod-eu")));
    const QString badToken = m_dir.filePath(QStringLiteral("kubeconfig-bad-token"));
    QVERIFY(!field(us, "token").isEmpty());
    QVERIFY(writeAll(badToken, QByteArray(us).replace("token: " + field(us, "token"), "token: not-the-token")));
    QVERIFY(field(us, "certificate-authority-data") != field(eu, "certificate-authority-data"));
    const QString badCa = m_dir.filePath(QStringLiteral("kubeconfig-bad-ca"));
    QVERIFY(writeAll(badCa, QByteArray(us).replace(field(us, "certificate-authority-data"),
                                                   field(eu, "certificate-authority-data"))));
    // A server that accepts connections and never says a word (a hung API server, a black-holed VPN).
    QTcpServer hung;
    QList<QTcpSocket *> held;
    QObject::connect(&hung, &QTcpServer::newConnection, &hung, [&hung, &held] {
        while (QTcpSocket *s = hung.nextPendingConnection())
            held << s;
    });
    QVERIFY(hung.listen(QHostAddress::LocalHost));
    const QString silent = m_dir.filePath(QStringLiteral("kubeconfig-silent"));
    QVERIFY(writeAll(silent, QStringLiteral("apiVersion: v1\nkind: Config\nclusters:\n- name: silent\n  cluster:\n"
                                            "    server: https://127.0.0.1:%1\n    insecure-skip-tls-verify: true\n"
                                            "contexts:\n- name: silent\n  context:\n    cluster: silent\n"
                                            "    user: silent\ncurrent-context: silent\nusers:\n- name: silent\n"
                                            "  user:\n    token: t\n")
                                 .arg(hung.serverPort())
                                 .toUtf8()));
    QElapsedTimer t;
    t.start();
    makeSet({ClusterSpec{badToken, QStringLiteral("prod-us"), QStringLiteral("demo"), {}, QStringLiteral("bad-token")},
             ClusterSpec{badCa, QStringLiteral("prod-us"), QStringLiteral("demo"), {}, QStringLiteral("bad-ca")},
             ClusterSpec{silent, QStringLiteral("silent"), QStringLiteral("demo"), {}, QStringLiteral("silent")},
             spec(QStringLiteral("prod-eu"))});
    QCOMPARE(m_set->openCount(), 4);
    ClusterConnection *good = m_set->connection(QStringLiteral("prod-eu"));
    QVERIFY(good);
    // prod-eu's pods and deployments arrive while the others fail.
    QTRY_VERIFY_WITH_TIMEOUT(good->pods()->hasSynced() && good->health()->state() == ClusterHealth::State::Live,
                             10000);
    QTRY_VERIFY_WITH_TIMEOUT(rowOfDeployment(QStringLiteral("prod-eu")) >= 0, 10000);
    QVERIFY2(t.elapsed() < 8000, qPrintable(QString::number(t.elapsed())));
    QCOMPARE(clustersOf((m_pods->model()->flush(), m_pods->model()), PodsModel::ClusterRole),
             QStringList{QStringLiteral("prod-eu")});
    // Each broken one says what is wrong, in words.
    ClusterConnection *token = m_set->connection(QStringLiteral("bad-token"));
    ClusterConnection *ca = m_set->connection(QStringLiteral("bad-ca"));
    ClusterConnection *quiet = m_set->connection(QStringLiteral("silent"));
    QTRY_COMPARE_WITH_TIMEOUT(token->health()->state(), ClusterHealth::State::Failed, 10000);
    QVERIFY2(token->health()->text().contains(QLatin1String("401")), qPrintable(token->health()->text()));
    QTRY_VERIFY_WITH_TIMEOUT(ca->health()->text().contains(QLatin1String("certificate-authority")), 10000);
    QVERIFY(ca->health()->state() != ClusterHealth::State::Live);
    // Told by the health probe ("did not answer within 1.5 s") or by the list's own timeout ("no answer").
    QTRY_VERIFY_WITH_TIMEOUT(quiet->health()->text().contains(QLatin1String("did not answer")) ||
                                 quiet->health()->text().contains(QLatin1String("no answer")),
                             10000);
    QVERIFY(!held.isEmpty()); // the silent server was asked, and is still holding the connection
    // The chips say all of it; prod-eu's says live.
    QTRY_VERIFY2(m_pods->clusterChips()->text().contains(QStringLiteral("prod-eu \u00b7 \u25cf live")),
                 qPrintable(m_pods->clusterChips()->text()));
    QVERIFY2(m_pods->clusterChips()->text().contains(QStringLiteral("bad-token \u00b7 \u2716 failed")),
             qPrintable(m_pods->clusterChips()->text()));
    // And a change in prod-eu still shows at once.
    Kube::KubeRequest churn;
    churn.method = "POST";
    churn.path = QStringLiteral("/sim/churn");
    churn.query.addQueryItem(QStringLiteral("count"), QStringLiteral("1"));
    QSignalSpy changed(good->pods(), &Kube::Informer::eventsReady);
    good->client()->send(churn);
    QVERIFY(changed.wait(5000));
    m_set.reset();
    qDeleteAll(held);
}

void TstMultiClusterSim::killingOneSimulatorLeavesTheOtherLive()
{
    makeSet({spec(QStringLiteral("prod-eu")), spec(QStringLiteral("prod-us"))});
    ClusterConnection *eu = m_set->connection(QStringLiteral("prod-eu"));
    ClusterConnection *us = m_set->connection(QStringLiteral("prod-us"));
    QTRY_VERIFY_WITH_TIMEOUT(eu->health()->state() == ClusterHealth::State::Live &&
                                 us->health()->state() == ClusterHealth::State::Live,
                             15000);
    PodsModel *pods = m_pods->model();
    QTRY_COMPARE_WITH_TIMEOUT((pods->flush(), clustersOf(pods, PodsModel::ClusterRole)),
                              (QStringList{QStringLiteral("prod-eu"), QStringLiteral("prod-us")}), 15000);
    const QSet<QString> usRows = [&] {
        QSet<QString> out;
        for (const QString &k : keysOf(pods, PodsModel::KeyRole, PodsModel::ClusterRole))
            if (k.startsWith(QLatin1String("prod-us|")))
                out.insert(k);
        return out;
    }();
    QVERIFY(!usRows.isEmpty());

    // prod-us's simulator dies.
    QSignalSpy gone(&m_us.process(), &QProcess::finished);
    ::kill(pid_t(m_us.process().processId()), SIGKILL);
    QVERIFY(gone.wait(10000));
    QTRY_COMPARE_WITH_TIMEOUT(us->health()->state(), ClusterHealth::State::Stale, 10000);
    QVERIFY2(us->health()->text().startsWith(QLatin1String("stale since ")), qPrintable(us->health()->text()));
    // Its rows stay, greyed, and say so in the CLUSTER column; prod-eu's keep their colours.
    pods->flush();
    QCOMPARE(keysOf(pods, PodsModel::KeyRole, PodsModel::ClusterRole).intersect(usRows), usRows);
    for (int r = 0; r < pods->rowCount(); ++r) {
        const QModelIndex i = pods->index(r, PodsModel::Status);
        const bool stale = i.data(PodsModel::ClusterRole).toString() == QLatin1String("prod-us");
        QCOMPARE(i.data(PodsModel::StaleRole).toBool(), stale);
        if (stale) {
            QCOMPARE(i.data(Qt::ForegroundRole).value<QColor>(), QColor(0x9e, 0x9e, 0x9e));
            QVERIFY(pods->index(r, PodsModel::Cluster).data().toString().contains(QLatin1String("stale")));
        }
    }
    QVERIFY(m_pods->stateLabel()->stateText().contains(QLatin1String("prod-us: stale since")));
    QTRY_VERIFY2(m_pods->clusterChips()->text().contains(QStringLiteral("prod-us \u00b7 \u25cc stale since")),
                 qPrintable(m_pods->clusterChips()->text()));
    QTRY_VERIFY(m_set->pods().clustersLine().contains(QLatin1String("(stale since")));

    // prod-eu goes on: its health stays live, and a change there reaches its panes.
    QCOMPARE(eu->health()->state(), ClusterHealth::State::Live);
    QVERIFY(m_pods->stateLabel()->stateText().contains(QLatin1String("prod-eu: live")));
    Kube::KubeRequest churn;
    churn.method = "POST";
    churn.path = QStringLiteral("/sim/churn");
    churn.query.addQueryItem(QStringLiteral("count"), QStringLiteral("3"));
    QSignalSpy changed(eu->pods(), &Kube::Informer::eventsReady);
    eu->client()->send(churn);
    QVERIFY(changed.wait(5000));
    // A deletion in prod-eu, from the pane, still works and still lands.
    pods->flush();
    QString victim;
    for (int r = 0; r < pods->rowCount() && victim.isEmpty(); ++r)
        if (pods->rowAt(r)->cluster == QLatin1String("prod-eu"))
            victim = pods->rowAt(r)->key();
    QVERIFY(m_pods->selectPod(victim, QStringLiteral("prod-eu")));
    QSignalSpy shown(m_pods.get(), &PodsPane::confirmationShown);
    QSignalSpy finished(m_pods.get(), &PodsPane::actionFinished);
    m_pods->deleteSelected();
    QCOMPARE(shown.size(), 1);
    shown.first().first().value<ActionConfirmDialog *>()->accept();
    QVERIFY(finished.wait(10000));
    QVERIFY2(finished.first().at(1).toBool(), qPrintable(finished.first().at(0).toString()));
    QTRY_VERIFY_WITH_TIMEOUT((pods->flush(), pods->rowOf(victim, QStringLiteral("prod-eu")) < 0), 10000);

    m_pods->resize(1500, 520);
    m_pods->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_pods.get()));
    const QString png = Test::outputDir(QStringLiteral("tst_multicluster_sim")) + QStringLiteral("/pods-one-stale.png");
    QVERIFY(m_pods->grab().save(png));
    qInfo("PNG: %s", qPrintable(png));
}

void TstMultiClusterSim::cleanupTestCase()
{
    m_pods.reset();
    m_events.reset();
    m_deployments.reset();
    m_resources.reset();
    m_set.reset();
}

QTEST_MAIN(TstMultiClusterSim)
#include "tst_multicluster_sim.moc"
