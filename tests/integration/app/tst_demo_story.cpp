// The demo incident end to end, through the real widgets and servers: the simulated cluster in-process, a
// real Prometheus from PATH, real kubectl run by the runbook wizard. Follows the commander from the crash
// loop to the exported postmortem and checks the journal holds every step in order, redacted. PNGs of the
// main window and the wall display at the key moments go to the test's output folder.
#include "ActionConfirmDialog.h"
#include "ChannelModel.h"
#include "ChartsPane.h"
#include "CommsPaneHost.h"
#include "DeploymentsModel.h"
#include "DeploymentsPane.h"
#include "LogModel.h"
#include "LogsPane.h"
#include "MainWindow.h"
#include "RunbookStepModel.h"
#include "RunbookWizard.h"
#include "UpdatesPane.h"
#include "WallTile.h"
#include "WallWindow.h"
#include "Workspace.h"
#include "core/IncidentFile.h"
#include "core/User.h"
#include "demo/DemoSession.h"
#include "export/Exporter.h"
#include "kube/ClusterConnection.h"
#include "runbook/Runbook.h"
#include "sim/SimServer.h"
#include "support/TestEnv.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Sitrep;
using namespace Sitrep::Core;
using namespace Sitrep::Ui;

class TstDemoStory final : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void theWholeIncident();

private:
    void shoot(const QString &name, QWidget &window, WallWindow &wall);
    QTemporaryDir m_home;
};

void TstDemoStory::initTestCase()
{
    QVERIFY(m_home.isValid());
    // Settings, incidents and the file channel's updates go to a private home.
    qputenv("XDG_DATA_HOME", m_home.filePath(QStringLiteral("data")).toUtf8());
    qputenv("XDG_CONFIG_HOME", m_home.filePath(QStringLiteral("config")).toUtf8());
    // The notifier plugins the build made (the offline file channel among them).
    qputenv("SITREP_PLUGIN_DIR",
            QDir::cleanPath(QFileInfo(Test::sitrepBinary()).dir().filePath(QStringLiteral("../plugins")))
                .toUtf8());
}

void TstDemoStory::shoot(const QString &name, QWidget &window, WallWindow &wall)
{
    const QString dir = Test::outputDir(QStringLiteral("demo-story"));
    QVERIFY(window.grab().save(dir + QStringLiteral("/") + name + QStringLiteral("-main.png")));
    QVERIFY(wall.grab().save(dir + QStringLiteral("/") + name + QStringLiteral("-wall.png")));
}

void TstDemoStory::theWholeIncident()
{
    SystemClock clock;
    IncidentFile file(clock, currentUser());
    MainWindow window(file);
    Workspace workspace(file, window);
    window.resize(1920, 1080);
    window.show();
    WallWindow wall(file);
    workspace.attachWall(wall);
    wall.resize(1920, 1080);
    wall.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    // 1. The demo declares the incident and connects to the simulated cluster exactly as to a real one.
    QVERIFY(workspace.startDemo());
    QVERIFY(file.isOpen());
    const bool havePrometheus = !QStandardPaths::findExecutable(QStringLiteral("prometheus")).isEmpty();
    QSignalSpy promReady(workspace.demo(), &Demo::DemoSession::prometheusReady);

    // 2. The pods pane and the wall show the crash loop.
    QTRY_VERIFY_WITH_TIMEOUT(
        workspace.cluster()->census()->pods().byState.contains(QStringLiteral("CrashLoopBackOff")), 30000);
    QTRY_VERIFY_WITH_TIMEOUT(
        wall.tiles().first()->textLabel()->text().contains(QLatin1String("CrashLoopBackOff")), 5000);

    // 3. Logs stream, and the database error is among them.
    QTRY_VERIFY_WITH_TIMEOUT(workspace.logs()->model()->rowCount() > 0, 30000);
    auto logsMention = [&workspace](const QString &needle) {
        const QAbstractItemModel *m = workspace.logs()->model();
        for (int r = 0; r < m->rowCount(); ++r) {
            for (int c = 0; c < m->columnCount(); ++c) {
                if (m->index(r, c).data().toString().contains(needle))
                    return true;
            }
        }
        return false;
    };
    QTRY_VERIFY_WITH_TIMEOUT(logsMention(QStringLiteral("pg_hba.conf")), 30000);

    // 4. Charts load from the real Prometheus; the burn alert fires and links to the runbook.
    if (havePrometheus) {
        QVERIFY(promReady.wait(60000) || !promReady.isEmpty());
        QSignalSpy refreshed(workspace.charts(), &ChartsPane::refreshed);
        QVERIFY(refreshed.wait(30000));
        QVERIFY(workspace.charts()->panelCount() > 0);
        auto firing = [&file] {
            for (const TimelineEvent &e : file.journal()->events()) {
                if (e.kind == EventKind::Alert &&
                    e.summary.contains(QLatin1String("ApiGatewayErrorBudgetBurn")))
                    return true;
            }
            return false;
        };
        QTRY_VERIFY_WITH_TIMEOUT(firing(), 90000);
    } else {
        QVERIFY(workspace.charts()->statusText().contains(QLatin1String("install")));
    }
    shoot(QStringLiteral("1-crash-loop"), window, wall);
    // Every pane full of data, and the console still fits a 1920-pixel screen.
    QVERIFY2(window.minimumSizeHint().width() <= 1920,
             qPrintable(QString::number(window.minimumSizeHint().width())));

    // 5. The wizard opened the runbook; run its first read command with real kubectl against the simulator.
    RunbookWizard *wizard = workspace.runbook();
    // The wizard opened at triage.
    const Runbook::Step *selected = wizard->model()->runbook().findStep(wizard->selectedStepId());
    QVERIFY(selected);
    QCOMPARE(selected->phase, Runbook::Phase::Triage);
    QString getPods;
    for (const Runbook::Step *s : wizard->model()->runbook().allSteps()) {
        if (getPods.isEmpty() && s->command.startsWith(QLatin1String("kubectl get pods")))
            getPods = s->id;
    }
    QVERIFY(!getPods.isEmpty());
    QVERIFY(wizard->selectStep(getPods));
    QSignalSpy ran(wizard, &RunbookWizard::runFinished);
    wizard->runSelected();
    QVERIFY(ran.wait(30000));
    const auto result = ran.first().first().value<Runbook::RunResult>();
    QVERIFY2(result.ok(), qPrintable(result.error + QString::fromUtf8(result.output)));
    QVERIFY2(wizard->outputText().contains(QLatin1String("CrashLoopBackOff")),
             qPrintable(wizard->outputText()));

    // 6. Roll back the deployment through the pane, with its confirmation dialog.
    DeploymentsPane *deployments = workspace.deployments();
    QTRY_VERIFY_WITH_TIMEOUT(deployments->model()->rowCount() > 0, 10000);
    deployments->selectDeployment(QStringLiteral("demo/api-gateway"));
    QSignalSpy shown(deployments, &DeploymentsPane::confirmationShown);
    QSignalSpy acted(deployments, &DeploymentsPane::actionFinished);
    deployments->undoCurrent(0);
    QVERIFY(shown.wait(10000));
    auto *dialog = shown.first().first().value<ActionConfirmDialog *>();
    QVERIFY(dialog->requestText().contains(QLatin1String("PATCH")));
    dialog->confirmButton()->click();
    QVERIFY(acted.wait(15000));
    QVERIFY2(acted.first().at(1).toBool(), qPrintable(acted.first().first().toString()));

    // 7. Pods heal: nothing fails any more, on the console and on the wall.
    // Every api-gateway pod Running, none pending or failing.
    QTRY_VERIFY_WITH_TIMEOUT(workspace.cluster()->census()->pods().byState.keys() ==
                                 QStringList{QStringLiteral("Running")},
                             120000);
    auto wallPods = [&wall] { return wall.tiles().first()->textLabel()->text(); };
    QTRY_VERIFY_WITH_TIMEOUT(wallPods().contains(QLatin1String("Running")) &&
                                 !wallPods().contains(QLatin1String("CrashLoopBackOff")) &&
                                 !wallPods().contains(QLatin1String("Pending")),
                             5000);
    shoot(QStringLiteral("2-healed"), window, wall);

    // 8. Publish an update to the offline file channel; the cadence clock restarts.
    UpdatesPane *updates = workspace.comms()->pane();
    QVERIFY(updates);
    ChannelModel *channels = updates->channelModel();
    QCOMPARE(channels->rowCount(), 1); // the offline file channel
    QVERIFY(channels->setData(channels->index(0, 0), Qt::Checked, Qt::CheckStateRole));
    QVERIFY(updates->preview(Comms::TextFormat::Plain).contains(QLatin1String("api-gateway")));
    Result<QString> published = updates->publish();
    QVERIFY2(published.ok(), qPrintable(published.ok() ? QString() : published.error().text()));
    const QString updatesDir = MainWindow::defaultIncidentDir() + QStringLiteral("/updates");
    QTRY_VERIFY_WITH_TIMEOUT(!QDir(updatesDir).entryList(QDir::Files).isEmpty(), 10000);

    // 9. Resolve, and export the postmortem.
    QVERIFY(file.session()->setStatus(Status::Resolved, QStringLiteral("rolled back to v1")).ok());
    const QString md = m_home.filePath(QStringLiteral("postmortem.md"));
    QVERIFY(Export::Exporter::write(file.journal()->events(), Export::Format::Markdown, {}, md,
                                    *workspace.redactor())
                .ok());
    QFile exported(md);
    QVERIFY(exported.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(exported.readAll());
    QVERIFY2(text.contains(QLatin1String("kubectl get pods")), "the command run is in the postmortem");
    shoot(QStringLiteral("3-resolved"), window, wall);

    // 10. The journal holds the story in order, and no secret of the demo cluster (its token) leaked.
    const QList<TimelineEvent> events = file.journal()->events();
    auto firstIndex = [&events](EventKind kind, const QString &needle = {}) {
        for (int i = 0; i < events.size(); ++i) {
            if (events[i].kind == kind &&
                (needle.isEmpty() || events[i].summary.contains(needle, Qt::CaseInsensitive)))
                return i;
        }
        return -1;
    };
    const int declared = firstIndex(EventKind::Declared);
    const int opened = firstIndex(EventKind::ChecklistStep, QStringLiteral("Runbook opened"));
    const int command = firstIndex(EventKind::CommandRun, QStringLiteral("kubectl get pods"));
    const int rollback = firstIndex(EventKind::Action);
    const int update = firstIndex(EventKind::UpdatePublished);
    const int resolved = firstIndex(EventKind::StatusChange, QStringLiteral("resolved"));
    const QList<int> order{declared, opened, command, rollback, update, resolved};
    for (int i = 0; i < order.size(); ++i)
        QVERIFY2(order[i] >= 0, qPrintable(QStringLiteral("step %1 missing from the journal").arg(i)));
    QVERIFY(std::is_sorted(order.cbegin(), order.cend()));
    const QString token = workspace.demo()->server()->token();
    QVERIFY(!token.isEmpty());
    for (const TimelineEvent &e : events)
        QVERIFY2(!e.summary.contains(token) && !QJsonDocument(e.payload).toJson().contains(token.toUtf8()),
                 qPrintable(e.summary));
    QVERIFY(!text.contains(token));
}

QTEST_MAIN(TstDemoStory)
#include "tst_demo_story.moc"
