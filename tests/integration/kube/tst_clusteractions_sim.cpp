// Cluster actions from the panes against the simulated cluster (in-process, TLS): cordon/uncordon from the
// nodes view and delete pods by a field selector from the pods pane. Each goes through the confirmation
// dialog (which must show the exact request and the matching pods), reaches the simulator, comes back through
// the watch, is refused with a reason when RBAC says no, and lands in the incident journal.
#include "ActionConfirmDialog.h"
#include "PodsModel.h"
#include "PodsPane.h"
#include "ResourcesPane.h"
#include "core/Clock.h"
#include "core/IncidentSession.h"
#include "core/Journal.h"
#include "kube/Actions.h"
#include "kube/ClusterConnection.h"
#include "kube/Kubeconfig.h"
#include "kube/ResourcePrinter.h"
#include "sim/ClusterState.h"
#include "sim/SimServer.h"

#include <QAction>
#include <QInputDialog>
#include <QJsonArray>
#include <QMenu>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace Sitrep::Kube;
using Sitrep::Sim::SimServer;
using Sitrep::Ui::ActionConfirmDialog;
using Sitrep::Ui::PodsModel;
using Sitrep::Ui::PodsPane;
using Sitrep::Ui::ResourcesPane;

namespace {

// A pod that ended (evicted): the simulator leaves Failed pods as they are, like a kubelet.
QJsonObject evictedPod(const QString &ns, const QString &name)
{
    return QJsonObject{
        {QStringLiteral("apiVersion"), QStringLiteral("v1")},
        {QStringLiteral("kind"), QStringLiteral("Pod")},
        {QStringLiteral("metadata"),
         QJsonObject{
             {QStringLiteral("name"), name},
             {QStringLiteral("namespace"), ns},
             {QStringLiteral("labels"), QJsonObject{{QStringLiteral("app"), QStringLiteral("batch")}}}}},
        {QStringLiteral("spec"),
         QJsonObject{{QStringLiteral("nodeName"), QStringLiteral("sim-node-a")},
                     {QStringLiteral("containers"),
                      QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("job")},
                                             {QStringLiteral("image"), QStringLiteral("busybox:1.36")}}}}}},
        {QStringLiteral("status"),
         QJsonObject{{QStringLiteral("phase"), QStringLiteral("Failed")},
                     {QStringLiteral("reason"), QStringLiteral("Evicted")},
                     {QStringLiteral("message"), QStringLiteral("The node was low on resource: memory.")}}}};
}

// The menu action whose text starts with prefix, or nullptr.
QAction *actionStarting(QMenu *menu, const QString &prefix)
{
    for (QAction *a : menu->actions()) {
        if (a->text().startsWith(prefix))
            return a;
    }
    return nullptr;
}

} // namespace

class TstClusterActionsSim final : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void cordonAndUncordonNode();
    void cordonNotAllowedSaysWhy();
    void deletePodsByFieldSelector();
    void badOrEmptyFieldSelectorDeletesNothing();

private:
    std::unique_ptr<ClusterConnection> open();
    // Makes the node's row current in the nodes view once the watch delivered it.
    bool selectNode(ResourcesPane &pane, const QString &node);
    QString nodeStatus(ResourcesPane &pane, const QString &node);
    QList<Sitrep::Core::TimelineEvent> actions() const;

    Sitrep::Core::SystemClock m_clock;
    std::unique_ptr<SimServer> m_sim;
    std::unique_ptr<Sitrep::Core::Journal> m_journal;
    std::unique_ptr<Sitrep::Core::IncidentSession> m_session;
    QTemporaryDir m_dir;
};

void TstClusterActionsSim::initTestCase()
{
    QVERIFY(m_dir.isValid());
    qRegisterMetaType<QInputDialog *>(); // PodsPane.h only forward-declares it
}

void TstClusterActionsSim::init()
{
    m_sim = std::make_unique<SimServer>();
    auto loaded = m_sim->loadScenario(QStringLiteral("api-gateway-rollout"));
    QVERIFY2(loaded.ok(), qPrintable(loaded.ok() ? QString() : loaded.error().text()));
    auto url = m_sim->start(0, true);
    QVERIFY2(url.ok(), qPrintable(url.ok() ? QString() : url.error().text()));
    m_journal = std::make_unique<Sitrep::Core::Journal>();
    const QString file =
        m_dir.filePath(QStringLiteral("%1.sitrep").arg(QString::fromLatin1(QTest::currentTestFunction())));
    QVERIFY(m_journal->open(file).ok());
    m_session = std::make_unique<Sitrep::Core::IncidentSession>(*m_journal, m_clock, QStringLiteral("alice"));
    QVERIFY(m_session
                ->declare(
                    {QStringLiteral("api-gateway 502s"), QStringLiteral("api-gateway"), QStringLiteral("P1")})
                .ok());
}

void TstClusterActionsSim::cleanup()
{
    m_session.reset();
    m_journal.reset();
    m_sim.reset();
}

std::unique_ptr<ClusterConnection> TstClusterActionsSim::open()
{
    const QString path = m_dir.filePath(QStringLiteral("kubeconfig"));
    if (!m_sim->writeKubeconfig(path).ok())
        return nullptr;
    auto kc = Kubeconfig::loadFiles({path});
    if (!kc)
        return nullptr;
    auto cfg = kc->resolve();
    if (!cfg)
        return nullptr;
    auto c = ClusterConnection::open(*cfg, m_clock, m_session.get());
    return c ? std::move(c).value() : nullptr;
}

bool TstClusterActionsSim::selectNode(ResourcesPane &pane, const QString &node)
{
    QSortFilterProxyModel *proxy = pane.proxy();
    for (int r = 0; r < proxy->rowCount(); ++r) {
        const QModelIndex i = proxy->index(r, 0);
        if (i.data(Qt::UserRole).toString() == node) {
            pane.view()->setCurrentIndex(i);
            return pane.currentNode() == node;
        }
    }
    return false;
}

QString TstClusterActionsSim::nodeStatus(ResourcesPane &pane, const QString &node)
{
    QSortFilterProxyModel *proxy = pane.proxy();
    for (int c = 0; c < proxy->columnCount(); ++c) {
        if (proxy->headerData(c, Qt::Horizontal).toString() != QLatin1String("STATUS"))
            continue;
        for (int r = 0; r < proxy->rowCount(); ++r) {
            if (proxy->index(r, 0).data(Qt::UserRole).toString() == node)
                return proxy->index(r, c).data().toString();
        }
    }
    return {};
}

QList<Sitrep::Core::TimelineEvent> TstClusterActionsSim::actions() const
{
    QList<Sitrep::Core::TimelineEvent> out;
    for (const auto &e : m_journal->events()) {
        if (e.kind == Sitrep::Core::EventKind::Action)
            out << e;
    }
    return out;
}

void TstClusterActionsSim::cordonAndUncordonNode()
{
    auto conn = open();
    QVERIFY(conn);
    ResourcesPane pane(m_clock);
    pane.resize(1200, 400);
    pane.setConnection(conn.get());
    pane.setKind(ResourcePrinter::Kind::Nodes);
    pane.show();
    const QString node = QStringLiteral("sim-node-b");
    QTRY_VERIFY_WITH_TIMEOUT(selectNode(pane, node), 10000);
    QCOMPARE(nodeStatus(pane, node), QStringLiteral("Ready"));

    // The menu offers Cordon (the RBAC answer arrives first), not Uncordon: the node is schedulable.
    std::unique_ptr<QMenu> menu;
    QTRY_VERIFY_WITH_TIMEOUT(
        (menu.reset(pane.buildContextMenu(nullptr)),
         actionStarting(menu.get(), QStringLiteral("Cordon node sim-node-b"))->isEnabled()),
        10000);
    QVERIFY(!actionStarting(menu.get(), QStringLiteral("Uncordon node sim-node-b"))->isEnabled());

    QSignalSpy shown(&pane, &ResourcesPane::confirmationShown);
    QSignalSpy finished(&pane, &ResourcesPane::actionFinished);
    actionStarting(menu.get(), QStringLiteral("Cordon node"))->trigger();
    QCOMPARE(shown.size(), 1);
    auto *dialog = shown.first().first().value<ActionConfirmDialog *>();
    QVERIFY2(
        dialog->requestText() ==
            QStringLiteral("PATCH %1/api/v1/nodes/sim-node-b\nContent-Type: "
                           "application/strategic-merge-patch+json\n\n{\"spec\":{\"unschedulable\":true}}")
                .arg(m_sim->url().toString()),
        qPrintable(dialog->requestText()));
    dialog->accept();
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.last().at(0).toString(), QStringLiteral("cordon node/sim-node-b succeeded"));
    QVERIFY(finished.last().at(1).toBool());
    QCOMPARE(pane.lastOutcome(), QStringLiteral("cordon node/sim-node-b succeeded"));
    // The simulator stored it, and the watch brings it back to the table.
    QVERIFY(m_sim->state()
                .get(QStringLiteral("nodes"), QString(), node)
                ->value(QLatin1String("spec"))
                .toObject()
                .value(QLatin1String("unschedulable"))
                .toBool());
    QTRY_COMPARE_WITH_TIMEOUT(nodeStatus(pane, node), QStringLiteral("Ready,SchedulingDisabled"), 10000);

    // The simulator's scheduler honours it: replacement pods avoid the cordoned node.
    QStringList workers;
    for (const QJsonObject &p : m_sim->state().list(QStringLiteral("pods"), QStringLiteral("demo"))) {
        const QString name =
            p.value(QLatin1String("metadata")).toObject().value(QLatin1String("name")).toString();
        if (name.startsWith(QLatin1String("order-worker-")))
            workers << name;
    }
    QCOMPARE(workers.size(), 2);
    QSignalSpy ran(conn->actions(), &ActionRunner::finished);
    conn->actions()->run(Actions::deletePods(QStringLiteral("demo"), workers));
    QVERIFY(ran.wait(10000));
    auto replacements = [this, &workers] {
        QStringList nodes;
        for (const QJsonObject &p : m_sim->state().list(QStringLiteral("pods"), QStringLiteral("demo"))) {
            const QString name =
                p.value(QLatin1String("metadata")).toObject().value(QLatin1String("name")).toString();
            if (name.startsWith(QLatin1String("order-worker-")) && !workers.contains(name))
                nodes
                    << p.value(QLatin1String("spec")).toObject().value(QLatin1String("nodeName")).toString();
        }
        return nodes;
    };
    QTRY_COMPARE_WITH_TIMEOUT(replacements().size(), 2, 10000);
    QVERIFY2(!replacements().contains(node), qPrintable(replacements().join(QLatin1Char(' '))));

    // Uncordon: the current row still names the node; now only Uncordon is offered.
    menu.reset(pane.buildContextMenu(nullptr));
    QVERIFY(!actionStarting(menu.get(), QStringLiteral("Cordon node"))->isEnabled());
    QAction *uncordon = actionStarting(menu.get(), QStringLiteral("Uncordon node sim-node-b"));
    QVERIFY(uncordon->isEnabled());
    uncordon->trigger();
    QCOMPARE(shown.size(), 2);
    dialog = shown.last().first().value<ActionConfirmDialog *>();
    QVERIFY2(dialog->requestText().endsWith(QLatin1String("{\"spec\":{\"unschedulable\":null}}")),
             qPrintable(dialog->requestText()));
    dialog->accept();
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.last().at(0).toString(), QStringLiteral("uncordon node/sim-node-b succeeded"));
    QTRY_COMPARE_WITH_TIMEOUT(nodeStatus(pane, node), QStringLiteral("Ready"), 10000);
    QVERIFY(!m_sim->state()
                 .get(QStringLiteral("nodes"), QString(), node)
                 ->value(QLatin1String("spec"))
                 .toObject()
                 .contains(QLatin1String("unschedulable")));

    // Journaled like every action: who, what, the exact request and its status.
    QList<Sitrep::Core::TimelineEvent> journaled;
    for (const auto &e : actions()) {
        if (e.payload.value(QLatin1String("target")).toString() == QLatin1String("node/sim-node-b"))
            journaled << e;
    }
    QCOMPARE(journaled.size(), 2);
    QCOMPARE(journaled.at(0).summary, QStringLiteral("cordon node/sim-node-b succeeded"));
    QCOMPARE(journaled.at(0).payload.value(QLatin1String("who")).toString(), QStringLiteral("alice"));
    QCOMPARE(journaled.at(0).payload.value(QLatin1String("kubectl")).toString(),
             QStringLiteral("kubectl cordon sim-node-b"));
    const QJsonObject request =
        journaled.at(0).payload.value(QLatin1String("requests")).toArray().first().toObject();
    QCOMPARE(request.value(QLatin1String("method")).toString(), QStringLiteral("PATCH"));
    QCOMPARE(request.value(QLatin1String("status")).toInt(), 200);
    QCOMPARE(journaled.at(1).payload.value(QLatin1String("verb")).toString(), QStringLiteral("uncordon"));
}

void TstClusterActionsSim::cordonNotAllowedSaysWhy()
{
    m_sim->setDeniedVerbs({QStringLiteral("patch nodes")});
    auto conn = open();
    QVERIFY(conn);
    ResourcesPane pane(m_clock);
    pane.setConnection(conn.get());
    pane.setKind(ResourcePrinter::Kind::Nodes);
    QTRY_VERIFY_WITH_TIMEOUT(selectNode(pane, QStringLiteral("sim-node-a")), 10000);
    std::unique_ptr<QMenu> menu;
    QTRY_VERIFY_WITH_TIMEOUT(
        (menu.reset(pane.buildContextMenu(nullptr)), actionStarting(menu.get(), QStringLiteral("Cordon node"))
                                                         ->text()
                                                         .endsWith(QLatin1String("(not allowed)"))),
        10000);
    QAction *cordon = actionStarting(menu.get(), QStringLiteral("Cordon node"));
    QVERIFY(!cordon->isEnabled());
    QVERIFY2(cordon->toolTip().contains(QLatin1String("may not patch nodes")), qPrintable(cordon->toolTip()));
    QSignalSpy shown(&pane, &ResourcesPane::confirmationShown);
    pane.cordonCurrent(true); // the keyboard path is gated too
    QCOMPARE(shown.size(), 0);
}

void TstClusterActionsSim::deletePodsByFieldSelector()
{
    for (const auto &[ns, name] : {std::pair{QStringLiteral("demo"), QStringLiteral("batch-evicted-1")},
                                   std::pair{QStringLiteral("demo"), QStringLiteral("batch-evicted-2")},
                                   std::pair{QStringLiteral("payments"), QStringLiteral("payments-evicted")}})
        m_sim->state().create(QStringLiteral("pods"), evictedPod(ns, name));
    auto conn = open();
    QVERIFY(conn);
    QCOMPARE(conn->currentNamespace(), QStringLiteral("demo"));
    PodsPane pane(m_clock);
    pane.setConnection(conn.get());
    conn->start();
    QTRY_VERIFY_WITH_TIMEOUT(
        (pane.model()->flush(), pane.model()->rowOf(QStringLiteral("demo/batch-evicted-2")) >= 0), 10000);
    QCOMPARE(pane.model()
                 ->index(pane.model()->rowOf(QStringLiteral("demo/batch-evicted-1")), PodsModel::Status)
                 .data()
                 .toString(),
             QStringLiteral("Evicted"));
    const int demoPods = int(m_sim->state().list(QStringLiteral("pods"), QStringLiteral("demo")).size());

    std::unique_ptr<QMenu> menu;
    QTRY_VERIFY_WITH_TIMEOUT(
        (menu.reset(pane.buildContextMenu(nullptr)),
         actionStarting(menu.get(), QStringLiteral("Delete pods by field selector"))->isEnabled()),
        10000);
    QSignalSpy asked(&pane, &PodsPane::fieldSelectorAsked);
    QSignalSpy shown(&pane, &PodsPane::confirmationShown);
    QSignalSpy finished(&pane, &PodsPane::actionFinished);
    actionStarting(menu.get(), QStringLiteral("Delete pods by field selector"))->trigger();
    QCOMPARE(asked.size(), 1);
    auto *input = asked.first().first().value<QInputDialog *>();
    QVERIFY(input && input->isVisible());
    QCOMPARE(input->textValue(), QStringLiteral("status.phase=Failed")); // the default: failed pods
    QVERIFY2(input->labelText().contains(QLatin1String("in demo")), qPrintable(input->labelText()));
    input->accept();

    // The pods that match now are listed by name before anything is deleted.
    QTRY_COMPARE_WITH_TIMEOUT(shown.size(), 1, 10000);
    auto *dialog = shown.first().first().value<ActionConfirmDialog *>();
    QStringList listed = dialog->objectsShown();
    listed.sort();
    QCOMPARE(listed,
             (QStringList{QStringLiteral("pod/batch-evicted-1"), QStringLiteral("pod/batch-evicted-2")}));
    const QString base = m_sim->url().toString();
    QVERIFY(dialog->requestText().contains(
        QStringLiteral("DELETE %1/api/v1/namespaces/demo/pods/batch-evicted-1").arg(base)));
    QVERIFY(dialog->requestText().contains(
        QStringLiteral("DELETE %1/api/v1/namespaces/demo/pods/batch-evicted-2").arg(base)));
    QVERIFY(!dialog->requestText().contains(QLatin1String("payments")));
    dialog->accept();
    QVERIFY(finished.wait(10000));
    QVERIFY2(finished.last().at(1).toBool(), qPrintable(finished.last().at(0).toString()));
    QCOMPARE(finished.last().at(0).toString(),
             QStringLiteral("delete 2 pods matching fields status.phase=Failed in demo succeeded"));

    // Exactly those went: the running pods of demo and the failed pod of another namespace stay.
    QVERIFY(!m_sim->state().get(QStringLiteral("pods"), QStringLiteral("demo"),
                                QStringLiteral("batch-evicted-1")));
    QVERIFY(!m_sim->state().get(QStringLiteral("pods"), QStringLiteral("demo"),
                                QStringLiteral("batch-evicted-2")));
    QVERIFY(m_sim->state().get(QStringLiteral("pods"), QStringLiteral("payments"),
                               QStringLiteral("payments-evicted")));
    QCOMPARE(int(m_sim->state().list(QStringLiteral("pods"), QStringLiteral("demo")).size()), demoPods - 2);
    QTRY_VERIFY_WITH_TIMEOUT(
        (pane.model()->flush(), pane.model()->rowOf(QStringLiteral("demo/batch-evicted-1")) < 0 &&
                                    pane.model()->rowOf(QStringLiteral("demo/batch-evicted-2")) < 0),
        10000);

    const QList<Sitrep::Core::TimelineEvent> journaled = actions();
    QCOMPARE(journaled.size(), 1);
    const QJsonObject payload = journaled.first().payload;
    QCOMPARE(journaled.first().summary, finished.last().at(0).toString());
    QCOMPARE(payload.value(QLatin1String("kubectl")).toString(),
             QStringLiteral("kubectl -n demo delete pods --field-selector 'status.phase=Failed'"));
    QCOMPARE(payload.value(QLatin1String("requests")).toArray().size(), 2);
    QCOMPARE(payload.value(QLatin1String("objects")).toArray().size(), 2);
    QCOMPARE(payload.value(QLatin1String("outcome")).toString(), QStringLiteral("succeeded"));
}

void TstClusterActionsSim::badOrEmptyFieldSelectorDeletesNothing()
{
    auto conn = open();
    QVERIFY(conn);
    PodsPane pane(m_clock);
    pane.setConnection(conn.get());
    conn->start();
    QTRY_VERIFY_WITH_TIMEOUT(conn->pods()->hasSynced(), 10000);
    QSignalSpy shown(&pane, &PodsPane::confirmationShown);
    QSignalSpy finished(&pane, &PodsPane::actionFinished);
    // Not a selector, and empty (which would match every pod): refused before any request.
    for (const QString &bad : {QStringLiteral("phase"), QStringLiteral("  ")}) {
        pane.deleteMatching(bad);
        QCOMPARE(finished.size(), 1);
        QVERIFY(!finished.takeFirst().at(1).toBool());
        QVERIFY2(pane.lastOutcome().contains(QLatin1String("is not a field selector")),
                 qPrintable(pane.lastOutcome()));
    }
    // A selector nothing matches says so.
    pane.deleteMatching(QStringLiteral("status.phase=Succeeded"));
    QVERIFY(finished.wait(10000));
    QVERIFY(!finished.last().at(1).toBool());
    QCOMPARE(pane.lastOutcome(), QStringLiteral("no pods in demo match status.phase=Succeeded"));
    QCOMPARE(shown.size(), 0);
    QVERIFY(actions().isEmpty());
}

QTEST_MAIN(TstClusterActionsSim)
#include "tst_clusteractions_sim.moc"
