// The shipped main window against the simulated cluster: the environment toolbar's namespace selector
// (a namespace or "All namespaces") switches every cluster pane, an insecure-skip-tls-verify cluster is
// warned about in the toolbar, and activating an event brings its pod or deployment forward, selected.
#include "ClusterBar.h"
#include "ClusterChips.h"
#include "ClusterController.h"
#include "ClusterListEditor.h"
#include "ClustersDialog.h"
#include "DeploymentsModel.h"
#include "DeploymentsPane.h"
#include "EnvironmentBar.h"
#include "EventsModel.h"
#include "EventsPane.h"
#include "MainWindow.h"
#include "PodsFilterProxy.h"
#include "PodsModel.h"
#include "PodsPane.h"
#include "ResourcesModel.h"
#include "ResourcesPane.h"
#include "Workspace.h"
#include "core/Clock.h"
#include "core/IncidentFile.h"
#include "kube/Actions.h"
#include "kube/ClusterConnection.h"
#include "kube/ClusterSet.h"
#include "sim/SimServer.h"
#include "support/TestEnv.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QPushButton>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace Sitrep;
using namespace Sitrep::Ui;

namespace {

// Whether every row of model has role == value (and there is at least one row).
bool allRows(const QAbstractItemModel *model, int role, const QString &value)
{
    if (model->rowCount() == 0)
        return false;
    for (int r = 0; r < model->rowCount(); ++r) {
        if (model->index(r, 0).data(role).toString() != value)
            return false;
    }
    return true;
}

// A tabbed dock that is not the current tab stays "visible" but is moved out of the window: in front means
// some of it can be seen.
bool inFront(const QWidget *pane)
{
    return pane->isVisible() && !pane->visibleRegion().isEmpty();
}

QSet<QString> namespacesOf(const QAbstractItemModel *model)
{
    QSet<QString> out;
    for (int r = 0; r < model->rowCount(); ++r)
        out.insert(model->index(r, 0).data(PodsModel::NamespaceRole).toString());
    return out;
}

// Chooses a namespace the way a user does: types it (or picks the entry) and presses Return.
void chooseNamespace(QComboBox *combo, const QString &text)
{
    combo->lineEdit()->setText(text);
    QTest::keyClick(combo->lineEdit(), Qt::Key_Return);
}

} // namespace

class TstWorkspaceCluster final : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void namespaceSelectorSwitchesEveryClusterPane();
    void insecureClusterIsWarnedInTheToolbar();
    void eventsBringTheirObjectForward();
    void incidentNamesItsClusters();

private:
    QString kubeconfig(const QString &name);

    QTemporaryDir m_home;
    std::unique_ptr<Sim::SimServer> m_sim;
};

void TstWorkspaceCluster::initTestCase()
{
    QVERIFY(m_home.isValid());
    Test::isolateHome(m_home.path(), QStringLiteral("tst_workspacecluster"));
}

void TstWorkspaceCluster::init()
{
    m_sim = std::make_unique<Sim::SimServer>();
    QVERIFY(m_sim->loadScenario(QStringLiteral("api-gateway-rollout")).ok());
    auto url = m_sim->start(0, true);
    QVERIFY2(url.ok(), qPrintable(url.ok() ? QString() : url.error().text()));
}

void TstWorkspaceCluster::cleanup()
{
    m_sim.reset();
}

QString TstWorkspaceCluster::kubeconfig(const QString &name)
{
    const QString path = m_home.filePath(name);
    return m_sim->writeKubeconfig(path).ok() ? path : QString();
}

void TstWorkspaceCluster::namespaceSelectorSwitchesEveryClusterPane()
{
    Core::SystemClock clock;
    Core::IncidentFile file(clock, QStringLiteral("alice"));
    MainWindow window(file);
    Workspace workspace(file, window);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto *bar = window.findChild<EnvironmentBar *>();
    QVERIFY(bar);
    ClusterBar *clusterBar = bar->clusterBar();
    QVERIFY(!clusterBar->isVisible()); // nothing to choose from before a cluster is open

    QSignalSpy loaded(clusterBar, &ClusterBar::namespacesLoaded);
    const QString path = kubeconfig(QStringLiteral("kubeconfig"));
    QVERIFY(!path.isEmpty());
    QVERIFY(workspace.connectCluster(path, QStringLiteral("sitrep-sim")));
    QTRY_VERIFY(clusterBar->isVisible()); // the toolbar lays it out on the next pass
    QVERIFY(loaded.wait(10000));
    QVERIFY(loaded.first().first().toBool());
    QComboBox *combo = clusterBar->namespaceCombo();
    QCOMPARE(combo->itemText(0), QStringLiteral("All namespaces"));
    for (const QString &ns :
         {QStringLiteral("demo"), QStringLiteral("payments"), QStringLiteral("monitoring")})
        QVERIFY2(combo->findText(ns) > 0, qPrintable(ns));
    QCOMPARE(combo->currentText(), QStringLiteral("demo")); // the context's namespace
    QVERIFY(clusterBar->message().isEmpty());               // a verified cluster: nothing to warn about
    QVERIFY(!clusterBar->messageLabel()->isVisible());
    PodsPane *pods = workspace.pods();
    QTRY_VERIFY_WITH_TIMEOUT(allRows(pods->model(), PodsModel::NamespaceRole, QStringLiteral("demo")), 10000);

    // One namespace: pods, events, deployments and the other kinds all follow.
    workspace.resources()->setKind(Kube::ResourcePrinter::Kind::Services);
    chooseNamespace(combo, QStringLiteral("payments"));
    QCOMPARE(workspace.cluster()->currentNamespace(), QStringLiteral("payments"));
    QCOMPARE(combo->currentText(), QStringLiteral("payments"));
    QTRY_VERIFY_WITH_TIMEOUT(allRows(pods->model(), PodsModel::NamespaceRole, QStringLiteral("payments")),
                             10000);
    QVERIFY(pods->view()->isColumnHidden(PodsModel::Namespace));
    DeploymentsModel *deployments = workspace.deployments()->model();
    QTRY_VERIFY_WITH_TIMEOUT(
        (deployments->flush(), deployments->rowOf(QStringLiteral("payments/payments-api")) >= 0), 10000);
    QCOMPARE(deployments->rowOf(QStringLiteral("demo/api-gateway")), -1);
    for (int r = 0; r < workspace.events()->model()->rowCount(); ++r)
        QCOMPARE(workspace.events()->model()->index(r, 0).data(EventsModel::NamespaceRole).toString(),
                 QStringLiteral("payments"));
    ResourcesModel *resources = workspace.resources()->model();
    QTRY_VERIFY_WITH_TIMEOUT(resources->rowCount() > 0 && resources->index(0, ResourcesModel::NamespaceColumn)
                                                               .data()
                                                               .toString() == QLatin1String("payments"),
                             10000);
    for (int r = 0; r < resources->rowCount(); ++r)
        QCOMPARE(resources->index(r, ResourcesModel::NamespaceColumn).data().toString(), QStringLiteral("payments"));

    // All namespaces: pods of several namespaces, with the NAMESPACE column shown.
    chooseNamespace(combo, QStringLiteral("All namespaces"));
    QCOMPARE(workspace.cluster()->currentNamespace(), QString());
    QTRY_VERIFY_WITH_TIMEOUT(namespacesOf(pods->model()).contains(QStringLiteral("demo")) &&
                                 namespacesOf(pods->model()).contains(QStringLiteral("payments")),
                             10000);
    QVERIFY(!pods->view()->isColumnHidden(PodsModel::Namespace));
    QTRY_VERIFY_WITH_TIMEOUT(
        (deployments->flush(), deployments->rowOf(QStringLiteral("demo/api-gateway")) >= 0 &&
                                   deployments->rowOf(QStringLiteral("payments/payments-api")) >= 0),
        10000);
}

void TstWorkspaceCluster::insecureClusterIsWarnedInTheToolbar()
{
    const QString secure = kubeconfig(QStringLiteral("kubeconfig"));
    QVERIFY(!secure.isEmpty());
    QFile in(secure);
    QVERIFY(in.open(QIODevice::ReadOnly));
    QString yaml = QString::fromUtf8(in.readAll());
    in.close();
    const qsizetype before = yaml.size();
    yaml.replace(QRegularExpression(QStringLiteral("certificate-authority-data: \\S+")),
                 QStringLiteral("insecure-skip-tls-verify: true"));
    QVERIFY(yaml.size() != before);
    QFile out(m_home.filePath(QStringLiteral("kubeconfig-insecure")));
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(yaml.toUtf8());
    out.close();

    Core::SystemClock clock;
    Core::IncidentFile file(clock, QStringLiteral("alice"));
    MainWindow window(file);
    Workspace workspace(file, window);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    ClusterBar *clusterBar = window.findChild<EnvironmentBar *>()->clusterBar();
    QVERIFY(workspace.connectCluster(out.fileName(), QStringLiteral("sitrep-sim")));
    QVERIFY2(clusterBar->message().contains(QLatin1String(
                 "TLS verification is disabled for cluster \"sitrep-sim\" (insecure-skip-tls-verify)")),
             qPrintable(clusterBar->message()));
    QTRY_VERIFY(clusterBar->messageLabel()->isVisible()); // in the toolbar, whichever pane is in front
    QCOMPARE(clusterBar->messageLabel()->toolTip(), clusterBar->message());
    // The connection works (that is the point of the flag), and the warning stays while it does.
    QTRY_VERIFY_WITH_TIMEOUT(workspace.pods()->model()->rowCount() > 0, 10000);
    QVERIFY(clusterBar->messageLabel()->isVisible());

    // Back to a verified connection: the warning goes.
    QVERIFY(workspace.connectCluster(secure, QStringLiteral("sitrep-sim")));
    QVERIFY(clusterBar->message().isEmpty());
    QVERIFY(!clusterBar->messageLabel()->isVisible());
}

void TstWorkspaceCluster::eventsBringTheirObjectForward()
{
    Core::SystemClock clock;
    Core::IncidentFile file(clock, QStringLiteral("alice"));
    MainWindow window(file);
    Workspace workspace(file, window);
    window.resize(1400, 900);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(workspace.connectCluster(kubeconfig(QStringLiteral("kubeconfig")), QStringLiteral("sitrep-sim")));
    PodsPane *pods = workspace.pods();
    EventsPane *events = workspace.events();
    auto *eventsDock = window.findChild<QDockWidget *>(QStringLiteral("events"));
    QVERIFY(eventsDock);

    // An event about a pod that is in the table (the crash-looping api-gateway's BackOff).
    auto eventAbout = [&](const QString &kind, const QString &name) -> QModelIndex {
        events->model()->flush();
        pods->model()->flush();
        QSortFilterProxyModel *proxy = events->proxy();
        for (int r = 0; r < proxy->rowCount(); ++r) {
            const QModelIndex i = proxy->index(r, 0);
            const QString key = i.data(EventsModel::NamespaceRole).toString() + QLatin1Char('/') +
                                i.data(EventsModel::ObjectNameRole).toString();
            if (i.data(EventsModel::ObjectKindRole).toString() != kind ||
                !i.data(EventsModel::ObjectNameRole).toString().startsWith(name))
                continue;
            if (kind != QLatin1String("Pod") || pods->model()->rowOf(key) >= 0)
                return i;
        }
        return {};
    };
    QModelIndex podEvent;
    QTRY_VERIFY_WITH_TIMEOUT(
        (podEvent = eventAbout(QStringLiteral("Pod"), QStringLiteral("api-gateway-"))).isValid(), 15000);
    const QString podKey = podEvent.data(EventsModel::NamespaceRole).toString() + QLatin1Char('/') +
                           podEvent.data(EventsModel::ObjectNameRole).toString();
    // The pods pane is behind the events pane, and its filter hides the pod.
    eventsDock->raise();
    QTRY_VERIFY(inFront(events) && !inFront(pods));
    pods->filterEdit()->setText(QStringLiteral("no-such-pod"));
    QCOMPARE(pods->proxy()->rowCount(), 0);

    // Return on the event (the keyboard's "activate").
    events->view()->setFocus();
    events->view()->setCurrentIndex(podEvent);
    QTest::keyClick(events->view(), Qt::Key_Return);
    QTRY_VERIFY(inFront(pods));
    QVERIFY(pods->filterEdit()->text().isEmpty()); // the filter gave way: the user asked for this pod
    QCOMPARE(pods->view()->currentIndex().data(PodsModel::KeyRole).toString(), podKey);
    QCOMPARE(pods->selectedKeys(), QStringList{podKey});

    // A deployment's event (scaling it records one) selects the deployment.
    QSignalSpy done(workspace.cluster()->actions(), &Kube::ActionRunner::finished);
    workspace.cluster()->actions()->run(
        Kube::Actions::scale(QStringLiteral("demo"), QStringLiteral("order-worker"), 3));
    QVERIFY(done.wait(10000));
    QModelIndex deploymentEvent;
    QTRY_VERIFY_WITH_TIMEOUT(
        (deploymentEvent = eventAbout(QStringLiteral("Deployment"), QStringLiteral("order-worker")))
            .isValid(),
        15000);
    eventsDock->raise();
    QTRY_VERIFY(inFront(events) && !inFront(workspace.deployments()));
    events->view()->setCurrentIndex(deploymentEvent);
    QTest::keyClick(events->view(), Qt::Key_Return);
    QTRY_VERIFY(inFront(workspace.deployments()));
    QCOMPARE(workspace.deployments()->currentKey(), QStringLiteral("demo/order-worker"));
}

void TstWorkspaceCluster::incidentNamesItsClusters()
{
    // Two regions in the user's kubeconfig files ($KUBECONFIG with both), prod-us healthy.
    Sim::SimServer us;
    QVERIFY(us.loadScenario(QStringLiteral("healthy")).ok());
    QVERIFY(us.start(0, true).ok());
    const QString euFile = m_home.filePath(QStringLiteral("kc-eu"));
    const QString usFile = m_home.filePath(QStringLiteral("kc-us"));
    QVERIFY(m_sim->writeKubeconfig(euFile, QStringLiteral("prod-eu"), QStringLiteral("demo")).ok());
    QVERIFY(us.writeKubeconfig(usFile, QStringLiteral("prod-us"), QStringLiteral("demo")).ok());
    const QByteArray before = qgetenv("KUBECONFIG");
    qputenv("KUBECONFIG", (euFile + QLatin1Char(':') + usFile).toUtf8());
    auto restore = qScopeGuard([before] { qputenv("KUBECONFIG", before); });

    Core::SystemClock clock;
    Core::IncidentFile file(clock, QStringLiteral("alice"));
    MainWindow window(file);
    Workspace workspace(file, window);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    const QString path = m_home.filePath(QStringLiteral("regions.sitrep"));
    Core::IncidentSession::Declaration d;
    d.title = QStringLiteral("502s in prod-eu");
    d.service = QStringLiteral("api-gateway");
    QVERIFY(file.create(path, d).ok());
    QVERIFY(workspace.connectCluster(QString(), QStringLiteral("prod-eu")));
    QCOMPARE(workspace.clusters()->set()->openCount(), 1);
    QVERIFY(!workspace.clusters()->incidentNamesClusters());

    // Incident > Clusters...: add prod-us (the first context not watched yet), all namespaces, and accept.
    ClustersDialog *dialog = workspace.clusters()->showDialog();
    ClusterListEditor *editor = dialog->editor();
    QCOMPARE(editor->rowCount(), 1);
    auto *add = editor->findChild<QPushButton *>(QStringLiteral("addCluster"));
    QVERIFY(add && add->isEnabled());
    add->click();
    QCOMPARE(editor->rowCount(), 2);
    QVERIFY(editor->contextBox(1)->currentText().startsWith(QLatin1String("prod-us")));
    editor->namespaceBox(1)->setCurrentIndex(1); // All namespaces
    QCOMPARE(editor->clusters().at(1).ns, std::optional<QString>(QString()));
    QTRY_VERIFY(editor->contextBox(1)->isVisible()); // a new row shows once the event loop has run
    dialog->resize(640, dialog->sizeHint().height());
    QVERIFY(dialog->grab().save(Test::outputDir(QStringLiteral("tst_workspacecluster")) +
                                QStringLiteral("/clusters-dialog.png")));
    dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();

    // Recorded in the incident, and both watched side by side.
    const QList<Kube::ClusterSpec> named = Kube::IncidentClusters::fromEvents(file.journal()->events());
    QCOMPARE(named.size(), 2);
    QCOMPARE(named.at(1).context, QStringLiteral("prod-us"));
    QCOMPARE(file.session()->incident().field(QStringLiteral("clusters")),
             QStringLiteral("prod-eu, prod-us (all namespaces)"));
    QVERIFY(workspace.clusters()->incidentNamesClusters());
    QCOMPARE(workspace.clusters()->set()->openCount(), 2);
    QCOMPARE(workspace.clusters()->set()->connection(QStringLiteral("prod-us"))->currentNamespace(), QString());
    QTRY_VERIFY_WITH_TIMEOUT(workspace.pods()->clusterChips()->text().contains(QLatin1String("prod-us")), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(
        (workspace.pods()->model()->flush(), workspace.pods()->model()->clusters().size() == 2), 10000);
    QVERIFY(!workspace.pods()->view()->isColumnHidden(PodsModel::Cluster));
    // Several clusters: each names itself in the toolbar's place, the single-cluster namespace box goes.
    QVERIFY(!window.findChild<EnvironmentBar *>()->clusterBar()->isVisibleTo(&window));

    // Reopened, the incident watches its clusters again, whatever the environment says.
    file.close();
    QVERIFY(workspace.connectCluster(QString(), QStringLiteral("prod-eu")));
    QCOMPARE(workspace.clusters()->set()->openCount(), 1);
    QVERIFY(file.open(path).ok());
    QCOMPARE(workspace.clusters()->set()->openCount(), 2);
    QVERIFY(workspace.clusters()->set()->connection(QStringLiteral("prod-us")));
    workspace.clusters()->set()->shutdown();
}

QTEST_MAIN(TstWorkspaceCluster)
#include "tst_workspacecluster.moc"
