// app/kube against the simulated cluster (in-process, TLS, bearer token, kubeconfig written by the
// simulator): list+watch, actions, 401/403, 410 relist without losing a deletion, hangs, malformed JSON, exec
// credentials, and a PNG of the pods pane with simulated data.
#include "ClusterWorkspace.h"
#include "KubeStateLabel.h"
#include "PodsModel.h"
#include "PodsPane.h"
#include "ResourcesModel.h"
#include "ResourcesPane.h"
#include "core/ManualClock.h"
#include "kube/Actions.h"
#include "kube/ClusterConnection.h"
#include "kube/Kubeconfig.h"
#include "sim/FaultInjector.h"
#include "sim/SimServer.h"
#include "support/TestEnv.h"

#include <QComboBox>
#include <QDir>
#include <QJsonArray>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace Sitrep::Kube;
using Sitrep::Sim::FaultInjector;
using Sitrep::Sim::SimServer;

namespace {

// Every key an informer delivered, with its last event type.
struct Seen
{
    QHash<QString, ObjectEvent::Type> last;
    QHash<QString, QJsonObject> objects;
    int deletions = 0;
    void attach(Informer *inf)
    {
        QObject::connect(inf, &Informer::eventsReady, inf, [this](const ObjectEvents &evs) {
            for (const auto &e : evs) {
                last.insert(e.key, e.type);
                objects.insert(e.key, e.object);
                deletions += e.type == ObjectEvent::Type::Deleted;
            }
        });
    }
    bool alive(const QString &key) const
    {
        return last.contains(key) && last.value(key) != ObjectEvent::Type::Deleted;
    }
    // A live pod owned by a ReplicaSet: its replacement gets a new name, so its deletion stays visible.
    QString replicaSetPod(const QString &prefix = {}) const
    {
        for (auto it = last.cbegin(); it != last.cend(); ++it) {
            if (it.value() == ObjectEvent::Type::Deleted || !it.key().startsWith(prefix))
                continue;
            const QJsonArray owners = objects.value(it.key())
                                          .value(QLatin1String("metadata"))
                                          .toObject()
                                          .value(QLatin1String("ownerReferences"))
                                          .toArray();
            if (!owners.isEmpty() && owners.first().toObject().value(QLatin1String("kind")).toString() ==
                                         QLatin1String("ReplicaSet"))
                return it.key();
        }
        return {};
    }
};

} // namespace

class TstKubeSim final : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void listWatchAndActions();
    void unauthorizedIsClear();
    void accessReview();
    void relistAfter410KeepsDeletion();
    void hungListTimesOutAndReconnects();
    void malformedJsonIsShownThenRecovers();
    void execCredentialAgainstSim();
    void podsPanePng();
    void resourcesPaneShowsTheRestOfTheCluster();
    void workspaceSwitchesNamespaceAndContext();

private:
    Sitrep::Core::Result<ClusterConfig> config();
    std::unique_ptr<ClusterConnection> open(const ClusterConfig &cfg);
    Sitrep::Core::SystemClock m_clock;
    std::unique_ptr<SimServer> m_sim;
    QTemporaryDir m_dir;
};

void TstKubeSim::initTestCase()
{
    QVERIFY(m_dir.isValid());
}

void TstKubeSim::init()
{
    m_sim = std::make_unique<SimServer>();
    auto loaded = m_sim->loadScenario(QStringLiteral("api-gateway-rollout"));
    QVERIFY2(loaded.ok(), qPrintable(loaded.ok() ? QString() : loaded.error().text()));
    auto url = m_sim->start(0, true);
    QVERIFY2(url.ok(), qPrintable(url.ok() ? QString() : url.error().text()));
}

void TstKubeSim::cleanup()
{
    m_sim.reset();
}

Sitrep::Core::Result<ClusterConfig> TstKubeSim::config()
{
    const QString path = m_dir.filePath(QStringLiteral("kubeconfig"));
    if (auto w = m_sim->writeKubeconfig(path); !w)
        return w.error();
    auto kc = Kubeconfig::loadFiles({path});
    if (!kc)
        return kc.error();
    return kc->resolve();
}

std::unique_ptr<ClusterConnection> TstKubeSim::open(const ClusterConfig &cfg)
{
    auto c = ClusterConnection::open(cfg, m_clock, nullptr);
    if (!c)
        return nullptr;
    (*c)->setInformerSetup([](Informer &i) {
        i.setBackoff(50, 300);
        i.setWatchIdleTimeoutMs(1500);
        i.setListTimeoutMs(1500);
    });
    return std::move(c).value();
}

void TstKubeSim::listWatchAndActions()
{
    auto cfg = config();
    QVERIFY2(cfg.ok(), qPrintable(cfg.ok() ? QString() : cfg.error().text()));
    QCOMPARE(cfg->ns, QStringLiteral("demo"));
    QVERIFY(cfg->cluster.server.startsWith(QLatin1String("https://127.0.0.1:")));
    auto conn = open(*cfg);
    QVERIFY(conn);
    conn->start();
    Seen pods;
    pods.attach(conn->pods());
    Seen deps;
    deps.attach(conn->deployments());
    QTRY_VERIFY_WITH_TIMEOUT(conn->pods()->hasSynced() && conn->deployments()->hasSynced(), 10000);
    QTRY_COMPARE(conn->pods()->state(), Informer::State::Live);
    QVERIFY(pods.last.size() > 3);
    QVERIFY(deps.alive(QStringLiteral("demo/api-gateway")));

    // Scale: merge patch of /scale, seen back through the watch.
    QSignalSpy done(conn->actions(), &ActionRunner::finished);
    conn->actions()->run(Actions::scale(QStringLiteral("demo"), QStringLiteral("api-gateway"), 5));
    QVERIFY(done.wait(10000));
    auto outcome = done.last().at(1).value<ActionOutcome>();
    QVERIFY2(outcome.ok, qPrintable(outcome.sentence));
    QTRY_COMPARE_WITH_TIMEOUT(deps.objects.value(QStringLiteral("demo/api-gateway"))
                                  .value(QLatin1String("spec"))
                                  .toObject()
                                  .value(QLatin1String("replicas"))
                                  .toInt(),
                              5, 10000);

    // Restart: the template annotation arrives.
    conn->actions()->run(
        Actions::rolloutRestart(QStringLiteral("demo"), QStringLiteral("api-gateway"), m_clock.now()));
    QVERIFY(done.wait(10000));
    outcome = done.last().at(1).value<ActionOutcome>();
    QVERIFY2(outcome.ok, qPrintable(outcome.sentence));
    QTRY_VERIFY_WITH_TIMEOUT(deps.objects.value(QStringLiteral("demo/api-gateway"))
                                 .value(QLatin1String("spec"))
                                 .toObject()
                                 .value(QLatin1String("template"))
                                 .toObject()
                                 .value(QLatin1String("metadata"))
                                 .toObject()
                                 .value(QLatin1String("annotations"))
                                 .toObject()
                                 .contains(QLatin1String("kubectl.kubernetes.io/restartedAt")),
                             10000);

    // Undo to the previous revision, from the deployment's ReplicaSets.
    QList<Revision> history;
    bool gotHistory = false;
    conn->actions()->fetchHistory(QStringLiteral("demo"), QStringLiteral("api-gateway"), this,
                                  [&](const auto &r) {
                                      gotHistory = true;
                                      if (r)
                                          history = *r;
                                  });
    QTRY_VERIFY_WITH_TIMEOUT(gotHistory, 10000);
    QVERIFY(history.size() >= 2);
    Sitrep::Core::Result<ActionPlan> plan = Sitrep::Core::makeError(QStringLiteral("none"));
    bool prepared = false;
    conn->actions()->prepareUndo(QStringLiteral("demo"), QStringLiteral("api-gateway"),
                                 history.first().revision, this, [&](const auto &p) {
                                     plan = p;
                                     prepared = true;
                                 });
    QTRY_VERIFY_WITH_TIMEOUT(prepared, 10000);
    QVERIFY2(plan.ok(), qPrintable(plan.ok() ? QString() : plan.error().message));
    const QString revBefore = deps.objects.value(QStringLiteral("demo/api-gateway"))
                                  .value(QLatin1String("metadata"))
                                  .toObject()
                                  .value(QLatin1String("annotations"))
                                  .toObject()
                                  .value(QLatin1String("deployment.kubernetes.io/revision"))
                                  .toString();
    conn->actions()->run(*plan);
    QVERIFY(done.wait(10000));
    outcome = done.last().at(1).value<ActionOutcome>();
    QVERIFY2(outcome.ok, qPrintable(outcome.sentence));
    QTRY_VERIFY_WITH_TIMEOUT(deps.objects.value(QStringLiteral("demo/api-gateway"))
                                     .value(QLatin1String("metadata"))
                                     .toObject()
                                     .value(QLatin1String("annotations"))
                                     .toObject()
                                     .value(QLatin1String("deployment.kubernetes.io/revision"))
                                     .toString() != revBefore,
                             10000);

    // Delete a pod: the watch delivers its deletion. Not one of api-gateway's: the rollback above may be
    // replacing those right now, and a pod the controller deletes first answers 404.
    const QString victim = pods.replicaSetPod(QStringLiteral("demo/order-worker"));
    QVERIFY(!victim.isEmpty());
    conn->actions()->run(Actions::deletePods(QStringLiteral("demo"), {victim.section(QLatin1Char('/'), 1)}));
    QVERIFY(done.wait(10000));
    outcome = done.last().at(1).value<ActionOutcome>();
    QVERIFY2(outcome.ok, qPrintable(outcome.sentence));
    QTRY_COMPARE_WITH_TIMEOUT(pods.last.value(victim), ObjectEvent::Type::Deleted, 15000);
}

void TstKubeSim::unauthorizedIsClear()
{
    auto cfg = config();
    QVERIFY(cfg.ok());
    cfg.value().user.token = QStringLiteral("not-the-token");
    auto conn = open(*cfg);
    QVERIFY(conn);
    conn->start();
    QTRY_COMPARE_WITH_TIMEOUT(conn->pods()->state(), Informer::State::Failed, 10000);
    QVERIFY2(conn->pods()->stateText().startsWith(
                 QStringLiteral("the cluster rejected the credentials of user %1 (401)").arg(cfg->user.name)),
             qPrintable(conn->pods()->stateText()));
}

void TstKubeSim::accessReview()
{
    m_sim->setDeniedVerbs({QStringLiteral("delete pods")});
    auto cfg = config();
    QVERIFY(cfg.ok());
    auto conn = open(*cfg);
    QVERIFY(conn);
    AccessDecision del, get;
    int answers = 0;
    conn->access()->check({QStringLiteral("delete"), QString(), QStringLiteral("pods"), QString(),
                           QStringLiteral("demo"), QString()},
                          this, [&](const AccessDecision &d) {
                              del = d;
                              ++answers;
                          });
    conn->access()->check({QStringLiteral("get"), QString(), QStringLiteral("pods"), QString(),
                           QStringLiteral("demo"), QString()},
                          this, [&](const AccessDecision &d) {
                              get = d;
                              ++answers;
                          });
    QTRY_COMPARE_WITH_TIMEOUT(answers, 2, 10000);
    QVERIFY(del.known);
    QVERIFY(!del.allowed);
    QVERIFY2(del.reason.startsWith(
                 QStringLiteral("not allowed: user %1 may not delete pods in demo").arg(cfg->user.name)),
             qPrintable(del.reason));
    QVERIFY(get.known);
    QVERIFY(get.allowed);
}

void TstKubeSim::relistAfter410KeepsDeletion()
{
    auto cfg = config();
    QVERIFY(cfg.ok());
    // The first pod watch hangs (the informer sees nothing after its list) ...
    FaultInjector::Rule hang;
    hang.kind = FaultInjector::Kind::Hang;
    hang.path = QRegularExpression(QStringLiteral("/namespaces/demo/pods$"));
    hang.watchOnly = true;
    hang.times = 1;
    m_sim->faults().add(hang);
    Seen pods;
    auto conn = open(*cfg);
    QVERIFY(conn);
    conn->start();
    pods.attach(conn->pods());
    QTRY_VERIFY_WITH_TIMEOUT(conn->pods()->hasSynced(), 10000);
    const QString victim = pods.replicaSetPod();
    QVERIFY(!victim.isEmpty());
    // ... while another client deletes a pod; the next watch is answered 410 Gone.
    auto other = open(*cfg);
    QSignalSpy done(other->actions(), &ActionRunner::finished);
    other->actions()->run(Actions::deletePods(QStringLiteral("demo"), {victim.section(QLatin1Char('/'), 1)}));
    QVERIFY(done.wait(10000));
    QVERIFY(done.last().at(1).value<ActionOutcome>().ok);
    FaultInjector::Rule gone;
    gone.kind = FaultInjector::Kind::Watch410;
    gone.path = hang.path;
    gone.times = 1;
    m_sim->faults().add(gone);
    QVERIFY(pods.alive(victim)); // not seen yet: the watch hangs
    // Idle timeout -> re-watch -> 410 -> relist -> reconcile emits the deletion it missed.
    QTRY_COMPARE_WITH_TIMEOUT(conn->pods()->relists(), 1, 15000);
    QTRY_COMPARE_WITH_TIMEOUT(pods.last.value(victim), ObjectEvent::Type::Deleted, 15000);
    QTRY_COMPARE_WITH_TIMEOUT(conn->pods()->state(), Informer::State::Live, 10000);
}

void TstKubeSim::hungListTimesOutAndReconnects()
{
    auto cfg = config();
    QVERIFY(cfg.ok());
    FaultInjector::Rule hang;
    hang.kind = FaultInjector::Kind::Hang;
    hang.path = QRegularExpression(QStringLiteral("/namespaces/demo/pods$"));
    hang.method = QByteArrayLiteral("GET");
    hang.times = 1;
    m_sim->faults().add(hang);
    QStringList states; // outlives the connection, whose informers report into it
    auto conn = open(*cfg);
    QVERIFY(conn);
    conn->start();
    connect(conn->pods(), &Informer::stateChanged, this,
            [&states](Informer::State, const QString &t) { states << t; });
    QTRY_VERIFY_WITH_TIMEOUT(std::any_of(states.begin(), states.end(),
                                         [](const QString &s) {
                                             return s.startsWith(QLatin1String("reconnecting (1)")) &&
                                                    s.contains(QLatin1String("no answer"));
                                         }),
                             10000);
    QTRY_COMPARE_WITH_TIMEOUT(conn->pods()->state(), Informer::State::Live, 10000);
    QVERIFY(conn->pods()->objectCount() > 0);
}

void TstKubeSim::malformedJsonIsShownThenRecovers()
{
    auto cfg = config();
    QVERIFY(cfg.ok());
    FaultInjector::Rule bad;
    bad.kind = FaultInjector::Kind::MalformedJson;
    bad.path = QRegularExpression(QStringLiteral("/namespaces/demo/pods$"));
    bad.method = QByteArrayLiteral("GET");
    bad.times = 1;
    m_sim->faults().add(bad);
    QStringList states; // outlives the connection, whose informers report into it
    auto conn = open(*cfg);
    QVERIFY(conn);
    conn->start();
    connect(conn->pods(), &Informer::stateChanged, this,
            [&states](Informer::State, const QString &t) { states << t; });
    QTRY_VERIFY_WITH_TIMEOUT(
        std::any_of(states.begin(), states.end(),
                    [](const QString &s) { return s.contains(QLatin1String("malformed JSON")); }),
        10000);
    QTRY_COMPARE_WITH_TIMEOUT(conn->pods()->state(), Informer::State::Live, 10000);
}

void TstKubeSim::execCredentialAgainstSim()
{
    auto cfg = config();
    QVERIFY(cfg.ok());
    const QString script = m_dir.filePath(QStringLiteral("sim-login.sh"));
    QFile f(script);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QStringLiteral("#!/bin/sh\necho "
                           "'{\"kind\":\"ExecCredential\",\"apiVersion\":\"client.authentication.k8s.io/v1\","
                           "\"status\":{\"token\":\"%1\"}}'\n")
                .arg(m_sim->token())
                .toUtf8());
    f.close();
    QVERIFY(f.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
    cfg.value().user.token.clear();
    ExecConfig e;
    e.apiVersion = QStringLiteral("client.authentication.k8s.io/v1");
    e.command = script;
    cfg.value().user.exec = e;
    auto conn = open(*cfg);
    QVERIFY(conn);
    conn->start();
    QTRY_COMPARE_WITH_TIMEOUT(conn->pods()->state(), Informer::State::Live, 10000);
    QCOMPARE(conn->client()->execPlugin()->runs(), 1);
}

void TstKubeSim::resourcesPaneShowsTheRestOfTheCluster()
{
    using Sitrep::Kube::ResourcePrinter;
    auto cfg = config();
    QVERIFY(cfg.ok());
    auto conn = open(*cfg);
    QVERIFY(conn);
    Sitrep::Ui::ResourcesPane pane(m_clock);
    pane.resize(1400, 500);
    pane.setPollIntervalMs(500);
    pane.setConnection(conn.get());
    conn->start();
    pane.show();
    // The text of the row whose NAME is name, column by header.
    auto cell = [&pane](const QString &name, const QString &header) -> QString {
        Sitrep::Ui::ResourcesModel *m = pane.model();
        m->flush();
        int col = -1;
        for (int c = 0; c < m->columnCount(); ++c) {
            if (m->headerData(c, Qt::Horizontal).toString() == header)
                col = c;
        }
        for (int r = 0; r < m->rowCount(); ++r) {
            if (m->index(r, Sitrep::Ui::ResourcesModel::FirstKindColumn).data().toString() == name)
                return m->index(r, col).data().toString();
        }
        return {};
    };
    pane.setKind(ResourcePrinter::Kind::Nodes);
    QTRY_COMPARE_WITH_TIMEOUT(cell(QStringLiteral("sim-node-a"), QStringLiteral("STATUS")),
                              QStringLiteral("Ready"), 10000);
    QCOMPARE(cell(QStringLiteral("sim-node-a"), QStringLiteral("PRESSURE")), QStringLiteral("none"));
    QVERIFY(cell(QStringLiteral("sim-node-a"), QStringLiteral("ATTENTION")).isEmpty());
    QTRY_COMPARE(pane.stateLabel()->stateText(), QStringLiteral("live"));

    pane.setKind(ResourcePrinter::Kind::Services);
    QTRY_COMPARE_WITH_TIMEOUT(cell(QStringLiteral("api-gateway"), QStringLiteral("TYPE")),
                              QStringLiteral("ClusterIP"), 10000);
    QVERIFY(cell(QStringLiteral("api-gateway"), QStringLiteral("CLUSTER-IP"))
                .startsWith(QLatin1String("10.96.")));
    QVERIFY(cell(QStringLiteral("api-gateway"), QStringLiteral("PORT(S)")).endsWith(QLatin1String("/TCP")));

    pane.setKind(ResourcePrinter::Kind::Hpas);
    QTRY_COMPARE_WITH_TIMEOUT(cell(QStringLiteral("api-gateway"), QStringLiteral("REFERENCE")),
                              QStringLiteral("Deployment/api-gateway"), 10000);
    QVERIFY2(cell(QStringLiteral("api-gateway"), QStringLiteral("TARGETS")).contains(QLatin1String("/70%")),
             qPrintable(cell(QStringLiteral("api-gateway"), QStringLiteral("TARGETS"))));

    pane.setKind(ResourcePrinter::Kind::Ingresses);
    QTRY_COMPARE_WITH_TIMEOUT(cell(QStringLiteral("api-gateway"), QStringLiteral("HOSTS")),
                              QStringLiteral("api.demo.example"), 10000);

    pane.setKind(ResourcePrinter::Kind::Endpoints);
    QTRY_VERIFY_WITH_TIMEOUT(!cell(QStringLiteral("api-gateway"), QStringLiteral("AGE")).isEmpty(), 10000);

    // kubectl top: polled from metrics.k8s.io.
    QSignalSpy polled(&pane, &Sitrep::Ui::ResourcesPane::polled);
    pane.setKind(ResourcePrinter::Kind::TopPods);
    QTRY_VERIFY_WITH_TIMEOUT(!polled.isEmpty(), 10000);
    QVERIFY(polled.first().first().toBool());
    QTRY_VERIFY_WITH_TIMEOUT(pane.model()->rowCount() > 0, 5000);
    // NAME, then CPU(cores) and MEMORY(bytes), after CLUSTER and NAMESPACE.
    const int first = Sitrep::Ui::ResourcesModel::FirstKindColumn;
    const QString cpu = pane.model()->index(0, first + 1).data().toString();
    QVERIFY2(cpu.endsWith(QLatin1Char('m')) && cpu.chopped(1).toInt() > 0, qPrintable(cpu));
    QVERIFY(pane.model()->index(0, first + 2).data().toString().endsWith(QLatin1String("Mi")));

    // When metrics fail, the pane says why instead of showing stale numbers as live.
    FaultInjector::Rule rule;
    rule.kind = FaultInjector::Kind::InternalError;
    rule.path = QRegularExpression(QStringLiteral("metrics\\.k8s\\.io"));
    m_sim->faults().add(rule);
    polled.clear();
    QTRY_VERIFY_WITH_TIMEOUT(!polled.isEmpty() && !polled.last().first().toBool(), 10000);
    QVERIFY2(pane.stateLabel()->stateText() != QLatin1String("live") &&
                 !pane.stateLabel()->stateText().isEmpty(),
             qPrintable(pane.stateLabel()->stateText()));
    m_sim->faults().clear();

    pane.setKind(ResourcePrinter::Kind::Hpas);
    QTRY_VERIFY_WITH_TIMEOUT(pane.model()->rowCount() > 0, 10000);
    const QString dir = Sitrep::Test::outputDir(QStringLiteral("tst_kube_sim"));
    QVERIFY(pane.grab().save(dir + QStringLiteral("/resources-pane-sim.png")));
}

void TstKubeSim::podsPanePng()
{
    auto cfg = config();
    QVERIFY(cfg.ok());
    auto conn = open(*cfg);
    QVERIFY(conn);
    Sitrep::Ui::PodsPane pane(m_clock);
    pane.resize(1400, 600);
    pane.setConnection(conn.get());
    conn->setNamespace(QString()); // all namespaces
    conn->start();
    pane.show();
    QTRY_VERIFY_WITH_TIMEOUT(conn->pods()->hasSynced() && pane.model()->rowCount() > 3, 10000);
    QTRY_COMPARE(pane.stateLabel()->stateText(), QStringLiteral("live"));
    // Wait for the scenario's crash loop to reach the table instead of sleeping.
    auto crashLooping = [&pane] {
        pane.model()->flush();
        for (int r = 0; r < pane.model()->rowCount(); ++r) {
            if (pane.model()->index(r, Sitrep::Ui::PodsModel::Status).data().toString() ==
                QLatin1String("CrashLoopBackOff"))
                return true;
        }
        return false;
    };
    QTRY_VERIFY_WITH_TIMEOUT(crashLooping(), 20000);
    pane.view()->sortByColumn(Sitrep::Ui::PodsModel::Status, Qt::DescendingOrder);
    const QString dir = Sitrep::Test::outputDir(QStringLiteral("tst_kube_sim"));
    QDir().mkpath(dir);
    QVERIFY(pane.grab().save(dir + QStringLiteral("/pods-pane-sim.png")));
    qInfo("PNG: %s", qPrintable(dir + QStringLiteral("/pods-pane-sim.png")));
}

void TstKubeSim::workspaceSwitchesNamespaceAndContext()
{
    const QString path = m_dir.filePath(QStringLiteral("kubeconfig-ws"));
    QVERIFY(m_sim->writeKubeconfig(path, QStringLiteral("sim-a"), QStringLiteral("demo")).ok());
    QFile extra(m_dir.filePath(QStringLiteral("broken-ctx")));
    QVERIFY(extra.open(QIODevice::WriteOnly));
    extra.write("contexts:\n- name: broken\n  context: {cluster: missing, user: nobody}\n");
    extra.close();
    auto kc = Kubeconfig::loadFiles({path, extra.fileName()});
    QVERIFY(kc.ok());
    Sitrep::Ui::ClusterWorkspace ws(m_clock, nullptr);
    QSignalSpy changed(&ws, &Sitrep::Ui::ClusterWorkspace::connectionChanged);
    ws.setKubeconfig(*kc);
    QCOMPARE(changed.size(), 1);
    QVERIFY(ws.connection());
    QCOMPARE(ws.contextCombo()->count(), 2);
    QTRY_VERIFY_WITH_TIMEOUT(ws.podsPane()->model()->rowCount() > 0, 10000);
    for (int r = 0; r < ws.podsPane()->model()->rowCount(); ++r)
        QCOMPARE(ws.podsPane()->model()->index(r, 0).data(Sitrep::Ui::PodsModel::NamespaceRole).toString(),
                 QStringLiteral("demo"));
    QTRY_VERIFY_WITH_TIMEOUT(ws.namespaceCombo()->findText(QStringLiteral("payments")) >= 0, 10000);
    ws.setNamespace(QStringLiteral("payments"));
    QTRY_VERIFY_WITH_TIMEOUT(ws.podsPane()->model()->rowCount() > 0, 10000);
    for (int r = 0; r < ws.podsPane()->model()->rowCount(); ++r)
        QCOMPARE(ws.podsPane()->model()->index(r, 0).data(Sitrep::Ui::PodsModel::NamespaceRole).toString(),
                 QStringLiteral("payments"));
    ws.setNamespace(QString());
    QTRY_VERIFY_WITH_TIMEOUT(ws.podsPane()->model()->rowCount() > 4, 10000);
    auto bad = ws.openContext(QStringLiteral("broken"));
    QVERIFY(!bad.ok());
    QVERIFY2(ws.message().contains(QLatin1String("names cluster \"missing\"")), qPrintable(ws.message()));
    QCOMPARE(ws.connection(), nullptr);
    QVERIFY(ws.openContext(QStringLiteral("sim-a")).ok());
    QTRY_VERIFY_WITH_TIMEOUT(ws.podsPane()->model()->rowCount() > 0, 10000);
}

QTEST_MAIN(TstKubeSim)
#include "tst_kube_sim.moc"
