// The first start as a new user meets it: no settings, so the connection dialog; update channels edited from
// there and saved; the environment saved and shown in the toolbar with what is missing.
#include "ChannelSettingsDialog.h"
#include "ChartsPane.h"
#include "CommsController.h"
#include "CommsPaneHost.h"
#include "CommsSettingsDialog.h"
#include "ConnectionDialog.h"
#include "EnvironmentBar.h"
#include "MainWindow.h"
#include "RunbookController.h"
#include "RunbookStepModel.h"
#include "RunbookWizard.h"
#include "UpdatesPane.h"
#include "Workspace.h"
#include "comms/CommsSettings.h"
#include "comms/EscalationPolicy.h"
#include "core/IncidentFile.h"
#include "core/IncidentSession.h"
#include "core/ManualClock.h"
#include "prom/Dashboard.h"
#include "runbook/CommandRunner.h"
#include "runbook/RunPolicy.h"
#include "runbook/RunTypes.h"
#include "runbook/Runbook.h"
#include "support/TestEnv.h"

#include <QDir>
#include <QFileInfo>

#include <QAction>
#include <QDialogButtonBox>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QStandardPaths>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace Sitrep;
using namespace Sitrep::Ui;

class TstWorkspace final : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void firstStartConnectionsAndChannels();
    void bastionRunsTheRunbookOverSsh();
    void updateSettingsPersistAndApply();
    void pluginsListedWithWhyNot();
    void runbookComesBackWithTheIncident();
    void demoWithoutPrometheusSaysHowToInstall();
    void runbookBurnThresholdsReachTheCharts();
    void runbookEscalationBecomesPrompts();

private:
    QTemporaryDir m_home;
};

void TstWorkspace::initTestCase()
{
    QVERIFY(m_home.isValid());
    // The notifier plugins the build made are loaded: channels name a loaded plugin.
    Test::isolateHome(m_home.path(), QStringLiteral("tst_workspace"));
}

void TstWorkspace::firstStartConnectionsAndChannels()
{
    Core::ManualClock clock;
    Core::IncidentFile file(clock, QStringLiteral("alice"));
    MainWindow window(file);
    Workspace workspace(file, window);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(workspace.isFirstRun());
    // Nothing configured: the toolbar says what is missing and offers the demo.
    auto *bar = window.findChild<EnvironmentBar *>();
    QVERIFY(bar);
    QVERIFY2(bar->missingText().contains(QLatin1String("No Kubernetes context")),
             qPrintable(bar->missingText()));

    ConnectionDialog *dialog = workspace.showConnections();
    QVERIFY(dialog->isVisible());
    // Update channels are part of the first start, from the same dialog.
    auto *channelsButton = dialog->findChild<QPushButton *>(QStringLiteral("editChannels"));
    QVERIFY(channelsButton);
    channelsButton->click();
    auto *channels = window.findChild<ChannelSettingsDialog *>(QStringLiteral("channelSettings"));
    QVERIFY(channels);
    QCOMPARE(channels->table()->rowCount(), 1); // the offline file channel
    channels->addChannel(QStringLiteral("webhook"));
    channels->table()->item(1, 3)->setText(QStringLiteral(R"({"urlSecret":"webhook-incidents"})"));
    const auto edited = channels->channels();
    QVERIFY2(edited.ok(), qPrintable(edited.ok() ? QString() : edited.error().text()));
    channels->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
    QTRY_VERIFY(!channels->isVisible());
    const QJsonArray saved =
        QJsonDocument::fromJson(QSettings().value(QStringLiteral("comms/channels")).toByteArray()).array();
    QCOMPARE(saved.size(), 2);

    // Saving the dialog stores the environment and the toolbar shows it.
    dialog->accept();
    QVERIFY(!workspace.isFirstRun());
    QVERIFY2(bar->bannerText().contains(QLatin1String("DEFAULT")), qPrintable(bar->bannerText()));
    QVERIFY(bar->missingText().contains(QLatin1String("No Prometheus URL")));
}

void TstWorkspace::bastionRunsTheRunbookOverSsh()
{
    Core::ManualClock clock;
    Core::IncidentFile file(clock, QStringLiteral("alice"));
    MainWindow window(file);
    Workspace workspace(file, window);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("rb.md"));
    QFile md(path);
    QVERIFY(md.open(QIODevice::WriteOnly));
    md.write("# Check\n\n## Triage\n\n```bash\n# Pods\nkubectl get pods -n demo\n```\n");
    md.close();
    QVERIFY(workspace.openRunbook(path));
    RunbookWizard *wizard = workspace.runbook();
    QString step;
    for (const Runbook::Step *s : wizard->model()->runbook().allSteps())
        step = s->command.isEmpty() ? step : s->id;
    QVERIFY(wizard->selectStep(step));

    // An environment with a bastion: commands go there over SSH (nothing listens on this port).
    const quint16 port = Test::freePort();
    Core::Environment prod;
    prod.name = QStringLiteral("prod-eu");
    prod.sshBastion = QStringLiteral("ops@127.0.0.1:%1").arg(port);
    workspace.applyEnvironment(prod);
    QSignalSpy ran(wizard, &RunbookWizard::runFinished);
    wizard->runSelected();
    QVERIFY(ran.wait(15000));
    auto result = ran.takeFirst().first().value<Runbook::RunResult>();
    QCOMPARE(result.where, QStringLiteral("ops@127.0.0.1:%1").arg(port));
    QVERIFY2(result.error.contains(QLatin1String("refused"), Qt::CaseInsensitive), qPrintable(result.error));

    // Back to an environment without one: the same step runs on this machine.
    Core::Environment local;
    local.name = QStringLiteral("laptop");
    workspace.applyEnvironment(local);
    wizard->runSelected();
    QVERIFY(ran.wait(15000));
    result = ran.takeFirst().first().value<Runbook::RunResult>();
    QVERIFY2(!result.where.contains(QLatin1String("127.0.0.1")), qPrintable(result.where));
}

void TstWorkspace::updateSettingsPersistAndApply()
{
    Core::ManualClock clock;
    {
        Core::IncidentFile file(clock, QStringLiteral("alice"));
        MainWindow window(file);
        Workspace workspace(file, window);
        CommsController *comms = workspace.commsController();
        QCOMPARE(comms->cadencePolicy().rule(QStringLiteral("P1"))->firstUpdateMinutes, 15); // the default

        CommsSettingsDialog *dialog = comms->editSettings();
        QVERIFY(dialog->isVisible());
        QStandardItemModel *m = dialog->model();
        QCOMPARE(m->rowCount(), 4); // P0..P3, P3 with no cadence
        QCOMPARE(m->item(3, 0)->text(), QStringLiteral("P3"));
        QCOMPARE(m->item(3, 1)->text(), QStringLiteral("0"));
        // A wrong value is refused, saying where.
        m->item(1, 1)->setText(QStringLiteral("soon"));
        dialog->tryAccept();
        QVERIFY(dialog->isVisible());
        QCOMPARE(dialog->errorText(),
                 QStringLiteral("P1, first update: \"soon\" is not a number of minutes (0 to 10080)"));
        m->item(1, 1)->setText(QStringLiteral("7"));
        m->item(1, 2)->setText(QStringLiteral("20"));
        m->item(3, 1)->setText(QStringLiteral("60"));
        m->item(3, 2)->setText(QStringLiteral("120"));
        dialog->linkEdit()->setText(QStringLiteral("https://bot:pw@status.example.test/"));
        dialog->tryAccept();
        QVERIFY(dialog->isVisible());
        QVERIFY2(dialog->errorText().contains(QLatin1String("must not carry a user name or password")),
                 qPrintable(dialog->errorText()));
        dialog->linkEdit()->setText(QStringLiteral("https://status.example.test/incidents"));
        dialog->grab().save(Test::outputDir(QStringLiteral("tst_workspace")) +
                            QStringLiteral("/update-settings.png"));
        dialog->tryAccept();
        QTRY_VERIFY(!dialog->isVisible());
        QCOMPARE(comms->cadencePolicy().rule(QStringLiteral("P1"))->intervalMinutes, 20);
        QCOMPARE(comms->cadencePolicy().rule(QStringLiteral("P3"))->firstUpdateMinutes, 60);

        // The runbook's own rules go on top while it is open; the rest stays as configured.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("rb.md"));
        QFile md(path);
        QVERIFY(md.open(QIODevice::WriteOnly));
        md.write("# Gateway\n\n## Communication\n\n- P1: 3 minutes\n- P1: every 12 minutes\n");
        md.close();
        QVERIFY(workspace.openRunbook(path));
        QCOMPARE(comms->cadencePolicy().rule(QStringLiteral("P1"))->firstUpdateMinutes, 3);
        QCOMPARE(comms->cadencePolicy().rule(QStringLiteral("P1"))->intervalMinutes, 12);
        QCOMPARE(comms->cadencePolicy().rule(QStringLiteral("P3"))->intervalMinutes, 120);

        // Edited stock sentences are kept in settings.
        Comms::StockSentences sentences;
        sentences.setSentence(Core::Status::Monitoring, QStringLiteral("A fix is out; we are watching."));
        emit comms->host()->stockSentencesEdited(sentences);
    }
    // A new session finds all of it again.
    QSettings settings;
    Comms::CommsSettings saved(settings);
    QCOMPARE(saved.updatesLink(), QStringLiteral("https://status.example.test/incidents"));
    QCOMPARE(saved.stockSentences().sentence(Core::Status::Monitoring),
             QStringLiteral("A fix is out; we are watching."));
    Core::IncidentFile file(clock, QStringLiteral("alice"));
    MainWindow window(file);
    Workspace workspace(file, window);
    QCOMPARE(workspace.commsController()->cadencePolicy().rule(QStringLiteral("P1"))->intervalMinutes, 20);
    saved.resetCadence();
}

void TstWorkspace::pluginsListedWithWhyNot()
{
    // The built plugins plus a file that is not a plugin at all.
    QTemporaryDir dir;
    const QDir built(QString::fromUtf8(qgetenv("SITREP_PLUGIN_DIR")));
    int real = 0;
    for (const QFileInfo &f : built.entryInfoList({QStringLiteral("*.so")}, QDir::Files)) {
        QVERIFY(QFile::link(f.absoluteFilePath(), dir.filePath(f.fileName())));
        ++real;
    }
    QVERIFY(real >= 5);
    QFile broken(dir.filePath(QStringLiteral("libsitrep_broken.so")));
    QVERIFY(broken.open(QIODevice::WriteOnly));
    broken.write("not a shared library");
    broken.close();
    const QByteArray before = qgetenv("SITREP_PLUGIN_DIR");
    qputenv("SITREP_PLUGIN_DIR", dir.path().toUtf8());

    // Said at start too (the message bar logs errors as warnings), not only in the dialog.
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("^notifier plugin not loaded: ")));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral(
                                           "^1 notifier plugin\\(s\\) not loaded \\(Incident > "
                                           "Notifier plugins says why\\): libsitrep_broken.so")));
    Core::ManualClock clock;
    Core::IncidentFile file(clock, QStringLiteral("alice"));
    MainWindow window(file);
    Workspace workspace(file, window);
    qputenv("SITREP_PLUGIN_DIR", before);
    QDialog *dialog = workspace.commsController()->showPlugins();
    auto *view = dialog->findChild<QTableView *>();
    QVERIFY(view);
    QAbstractItemModel *m = view->model();
    QCOMPARE(m->rowCount(), real + 1);
    dialog->grab().save(Test::outputDir(QStringLiteral("tst_workspace")) +
                        QStringLiteral("/notifier-plugins.png"));
    int loaded = 0;
    QString whyNot;
    for (int r = 0; r < m->rowCount(); ++r) {
        const QString status = m->index(r, 3).data().toString();
        if (status == QLatin1String("loaded")) {
            ++loaded;
            QVERIFY(!m->index(r, 1).data().toString().isEmpty()); // the version from the metadata
        } else {
            QCOMPARE(m->index(r, 2).data().toString(), QStringLiteral("libsitrep_broken.so"));
            whyNot = status;
        }
    }
    QCOMPARE(loaded, real);
    QVERIFY2(whyNot.startsWith(QLatin1String("not loaded: ")) && whyNot.size() > 14, qPrintable(whyNot));
}

void TstWorkspace::runbookComesBackWithTheIncident()
{
    QTemporaryDir dir;
    const QString runbook = dir.filePath(QStringLiteral("gateway.md"));
    QFile md(runbook);
    QVERIFY(md.open(QIODevice::WriteOnly));
    md.write(
        "# Gateway\n\n## Severity Levels\n\n| Level | Description |\n|---|---|\n| SEV1 | Everything is down "
        "|\n"
        "| SEV2 | Some users affected |\n\n## Triage\n\n```bash\n# Pods\necho pods\n# Events\necho "
        "events\n```\n\n"
        "## Detection\n\n```promql\n# Error ratio\nsum(rate(http_requests_total{code=~\"5..\"}[5m]))\n```\n");
    md.close();
    const QString incident = dir.filePath(QStringLiteral("inc.sitrep"));

    Core::ManualClock clock;
    Core::IncidentFile file(clock, QStringLiteral("alice"));
    MainWindow window(file);
    Workspace workspace(file, window);
    RunbookController *runbooks = workspace.runbooks();
    QVERIFY(workspace.openRunbook(runbook));
    // The runbook's severity table defines the levels a new incident offers.
    QCOMPARE(window.severityScheme().levels().size(), 2);
    QCOMPARE(window.severityScheme().levels().first().name, QStringLiteral("SEV1"));

    Core::IncidentSession::Declaration d;
    d.title = QStringLiteral("Gateway down");
    d.service = QStringLiteral("api-gateway");
    d.severity = QStringLiteral("SEV1");
    d.severities = window.severityScheme();
    QVERIFY(file.create(incident, d).ok());
    QVERIFY(workspace.openRunbook(runbook));
    RunbookWizard *wizard = workspace.runbook();
    QVERIFY(wizard->selectStep(QStringLiteral("triage-2")));
    wizard->markSelected(QStringLiteral("done"));

    // A query step charted from the wizard lands on the charts pane's dashboard.
    QString query;
    for (const Runbook::Step *s : wizard->model()->runbook().allSteps())
        query = s->kind == Runbook::StepKind::Query ? s->id : query;
    QVERIFY(wizard->selectStep(query));
    const int panels = int(workspace.charts()->dashboard().panels.size());
    wizard->chartSelected();
    QCOMPARE(workspace.charts()->dashboard().panels.size(), panels + 1);
    QCOMPARE(workspace.charts()->dashboard().panels.last().title, QStringLiteral("Error ratio"));
    QCOMPARE(workspace.charts()->dashboard().panels.last().targets.first().expr,
             QStringLiteral("sum(rate(http_requests_total{code=~\"5..\"}[5m]))"));

    // Read-only mode from the menu: said in the header, kept in settings, enforced by the policy.
    QAction *readOnly = window.findChild<QAction *>(QStringLiteral("readOnlyMode"));
    QVERIFY(readOnly);
    auto *badge = window.findChild<QLabel *>(QStringLiteral("readOnlyBadge"));
    QVERIFY(badge && !badge->isVisibleTo(&window));
    readOnly->trigger();
    QVERIFY(runbooks->policy().readOnly());
    QVERIFY(badge->isVisibleTo(&window));
    QVERIFY(QSettings().value(QStringLiteral("runbook/readOnly")).toBool());
    readOnly->trigger();
    QVERIFY(!runbooks->policy().readOnly());

    // Close and reopen the incident: the runbook comes back where the walk stood.
    file.close();
    wizard->openRunbook(Runbook::Runbook{}, QString());
    QVERIFY(wizard->openKey().isEmpty());
    QVERIFY(file.open(incident).ok());
    QCOMPARE(wizard->openKey(), runbook);
    QCOMPARE(wizard->selectedStepId(), QStringLiteral("triage-2"));
    QCOMPARE(wizard->model()->progress().progress(QStringLiteral("triage-2")).status,
             Runbook::StepStatus::Done);
}

void TstWorkspace::demoWithoutPrometheusSaysHowToInstall()
{
    // A PATH with the tools the simulator needs (openssl) but no prometheus.
    QTemporaryDir bin;
    const QString openssl = QStandardPaths::findExecutable(QStringLiteral("openssl"));
    QVERIFY2(!openssl.isEmpty(), "openssl is installed by packaging/install-deps.sh");
    QVERIFY(QFile::link(openssl, bin.filePath(QStringLiteral("openssl"))));
    const QByteArray path = qgetenv("PATH");
    qputenv("PATH", bin.path().toUtf8());

    Core::ManualClock clock;
    Core::IncidentFile file(clock, QStringLiteral("alice"));
    MainWindow window(file);
    Workspace workspace(file, window);
    const bool started = workspace.startDemo();
    qputenv("PATH", path);
    QVERIFY(started);
    // The demo still runs (cluster, incident, runbook) and the charts pane says how to get Prometheus.
    QVERIFY(file.isOpen());
    QVERIFY(!workspace.runbook()->openKey().isEmpty());
    QVERIFY2(workspace.charts()->statusText().contains(QLatin1String("sudo apt-get install prometheus")),
             qPrintable(workspace.charts()->statusText()));
}

void TstWorkspace::runbookBurnThresholdsReachTheCharts()
{
    Core::ManualClock clock;
    Core::IncidentFile file(clock, QStringLiteral("alice"));
    MainWindow window(file);
    Workspace workspace(file, window);
    // The shared PromoterOS runbook: "Critical: Burn rate > 14.4x", "Warning: Burn rate > 3x".
    QVERIFY(workspace.openRunbook(
        Test::sourceDir() + QStringLiteral("/tests/unit/runbook/fixtures/promoteros-api-availability.md")));
    // Dashboards shown from now on draw the runbook's thresholds on their burn-rate panels.
    workspace.charts()->setDashboards(ChartsPane::bundledDashboards());
    int burnPanels = 0;
    for (const Prom::Panel &p : workspace.charts()->dashboard().panels) {
        if (p.unit != QLatin1String("suffix:x"))
            continue;
        ++burnPanels;
        QCOMPARE(p.thresholds.size(), 2);
        QCOMPARE(p.thresholds.first().label, QStringLiteral("3x warning (runbook)"));
    }
    QCOMPARE(burnPanels, 2);
}

void TstWorkspace::runbookEscalationBecomesPrompts()
{
    Core::ManualClock clock;
    Core::IncidentFile file(clock, QStringLiteral("alice"));
    MainWindow window(file);
    Workspace workspace(file, window);
    const QString fixtures = Test::sourceDir() + QStringLiteral("/tests/unit/runbook/fixtures/");
    // DeepTech: a "When to escalate" list with time limits per severity, then an escalation path.
    QVERIFY(workspace.openRunbook(fixtures + QStringLiteral("deeptech-api-incident-response.md")));
    Comms::EscalationPolicy p = workspace.commsController()->escalationPolicy();
    QCOMPARE(p.levels.size(), 2);
    QCOMPARE(p.levels.at(0).afterMinutes, 60);
    QCOMPARE(p.levels.at(0).severity, QStringLiteral("P0"));
    QCOMPARE(p.levels.at(0).contact, QStringLiteral("Senior backend engineer"));
    QCOMPARE(p.levels.at(1).afterMinutes, 240);
    QCOMPARE(p.levels.at(1).severity, QStringLiteral("P1"));
    bool dataLoss = false;
    for (const auto &t : p.immediate)
        dataLoss = dataLoss || t.condition == QLatin1String("Data loss or corruption");
    QVERIFY(dataLoss);
    // PromoterOS: its levels come from the section's own lines, not twice.
    QVERIFY(workspace.openRunbook(fixtures + QStringLiteral("promoteros-api-availability.md")));
    p = workspace.commsController()->escalationPolicy();
    QCOMPARE(p.levels.size(), 3);
    QCOMPARE(p.levels.at(1).afterMinutes, 15);
}

QTEST_MAIN(TstWorkspace)
#include "tst_workspace.moc"
