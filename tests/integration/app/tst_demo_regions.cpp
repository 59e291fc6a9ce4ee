// `sitrep --demo-regions` through the real widgets: two simulators (prod-eu in the api-gateway crash loop,
// prod-us healthy), the incident declared on both (recorded in its journal), the pods, events and deployments
// panes showing both with a CLUSTER column, the runbook wizard offering each cluster, and the wall's pods
// tile saying "prod-eu 3 CrashLoopBackOff" and "prod-us ok". PNGs of the console's pods pane and the wall.
#include "ClusterChips.h"
#include "ClusterController.h"
#include "DeploymentsModel.h"
#include "DeploymentsPane.h"
#include "MainWindow.h"
#include "PodsModel.h"
#include "PodsPane.h"
#include "RunbookWizard.h"
#include "WallTile.h"
#include "WallWindow.h"
#include "Workspace.h"
#include "core/IncidentFile.h"
#include "core/User.h"
#include "demo/DemoSession.h"
#include "kube/ClusterSet.h"
#include "support/TestEnv.h"

#include <QComboBox>
#include <QDockWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace Sitrep;
using namespace Sitrep::Core;
using namespace Sitrep::Ui;

class TstDemoRegions final : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void twoRegionsSideBySide();

private:
    QTemporaryDir m_home;
};

void TstDemoRegions::initTestCase()
{
    QVERIFY(m_home.isValid());
    Test::isolateHome(m_home.path(), QStringLiteral("tst_demo_regions"));
}

void TstDemoRegions::twoRegionsSideBySide()
{
    SystemClock clock;
    IncidentFile file(clock, currentUser());
    MainWindow window(file);
    Workspace workspace(file, window);
    window.resize(1600, 1000);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    WallWindow wall(file);
    workspace.attachWall(wall);
    wall.resize(1366, 768);
    wall.show();

    workspace.setDemoScenario(Demo::DemoSession::twoRegions());
    QVERIFY(workspace.startDemo());
    QVERIFY(file.isOpen());
    QCOMPARE(workspace.demo()->clusters().size(), 2);

    // The incident names both clusters, in its journal.
    const QList<Kube::ClusterSpec> named = Kube::IncidentClusters::fromEvents(file.journal()->events());
    QCOMPARE(named.size(), 2);
    QCOMPARE(named.at(0).displayName(), QStringLiteral("prod-eu"));
    QCOMPARE(named.at(1).displayName(), QStringLiteral("prod-us"));
    QVERIFY(workspace.clusters()->incidentNamesClusters());
    Kube::ClusterSet *set = workspace.clusters()->set();
    QCOMPARE(set->openCount(), 2);

    // Both regions in the pods pane, prod-eu crash-looping, prod-us fine; counts per cluster on the chips.
    PodsModel *pods = workspace.pods()->model();
    auto clusters = [pods] {
        pods->flush();
        QSet<QString> out;
        for (int r = 0; r < pods->rowCount(); ++r)
            out.insert(pods->index(r, 0).data(PodsModel::ClusterRole).toString());
        return out;
    };
    QTRY_COMPARE_WITH_TIMEOUT(clusters(),
                              (QSet<QString>{QStringLiteral("prod-eu"), QStringLiteral("prod-us")}), 20000);
    QVERIFY(!workspace.pods()->view()->isColumnHidden(PodsModel::Cluster));
    QTRY_VERIFY_WITH_TIMEOUT(
        set->pods().clustersLine().startsWith(QLatin1String("prod-eu 3 CrashLoopBackOff")) &&
            set->pods().clustersLine().endsWith(QLatin1String("prod-us ok")),
        60000);
    QTRY_VERIFY(workspace.pods()->clusterChips()->text().contains(QLatin1String("CrashLoopBackOff")));
    workspace.deployments()->model()->flush();
    QVERIFY(workspace.deployments()->model()->rowOf(QStringLiteral("demo/api-gateway"),
                                                    QStringLiteral("prod-eu")) >= 0);
    QTRY_VERIFY((workspace.deployments()->model()->flush(),
                 workspace.deployments()->model()->rowOf(QStringLiteral("demo/api-gateway"),
                                                         QStringLiteral("prod-us")) >= 0));

    // The runbook wizard offers each region; the first is prod-eu.
    QComboBox *box = workspace.runbook()->clusterBox();
    QCOMPARE(box->count(), 2);
    QCOMPARE(box->itemText(1), QStringLiteral("on prod-us"));
    QCOMPARE(workspace.runbook()->target().kubeContext, QStringLiteral("prod-eu"));

    // The wall's pods tile: a line per region, then the sums. The wall reads the pods on its own tick, so a
    // region may still say "no pods" there for a moment after the pods pane has its first list.
    QTRY_VERIFY2_WITH_TIMEOUT(
        wall.tiles().first()->text().contains(QLatin1String("prod-eu")) &&
            wall.tiles().first()->text().contains(QLatin1String("3 CrashLoopBackOff")) &&
            wall.tiles().first()->text().contains(QLatin1String("prod-us")) &&
            wall.tiles().first()->text().contains(QLatin1String("ok")),
        qPrintable(wall.tiles().first()->text()), 10000);

    if (auto *dock = window.findChild<QDockWidget *>(QStringLiteral("pods")))
        dock->raise();
    const QString dir = Test::outputDir(QStringLiteral("tst_demo_regions"));
    QVERIFY(workspace.pods()->grab().save(dir + QStringLiteral("/pods.png")));
    QVERIFY(window.grab().save(dir + QStringLiteral("/main.png")));
    QVERIFY(wall.grab().save(dir + QStringLiteral("/wall.png")));
    qInfo("PNG: %s/{pods,main,wall}.png", qPrintable(dir));
}

QTEST_MAIN(TstDemoRegions)
#include "tst_demo_regions.moc"
