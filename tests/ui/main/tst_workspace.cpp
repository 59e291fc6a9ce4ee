// The first start as a new user meets it: no settings, so the connection dialog; update channels edited from
// there and saved; the environment saved and shown in the toolbar with what is missing.
#include "ChannelSettingsDialog.h"
#include "ConnectionDialog.h"
#include "EnvironmentBar.h"
#include "MainWindow.h"
#include "RunbookStepModel.h"
#include "RunbookWizard.h"
#include "Workspace.h"
#include "core/IncidentFile.h"
#include "core/ManualClock.h"
#include "runbook/CommandRunner.h"
#include "runbook/RunTypes.h"
#include "runbook/Runbook.h"
#include "support/TestEnv.h"

#include <QDir>
#include <QFileInfo>

#include <QDialogButtonBox>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
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

private:
    QTemporaryDir m_home;
};

void TstWorkspace::initTestCase()
{
    QVERIFY(m_home.isValid());
    qputenv("XDG_CONFIG_HOME", m_home.filePath(QStringLiteral("config")).toUtf8());
    qputenv("XDG_DATA_HOME", m_home.filePath(QStringLiteral("data")).toUtf8());
    // The notifier plugins the build made: channels name a loaded plugin.
    qputenv("SITREP_PLUGIN_DIR",
            QDir::cleanPath(QFileInfo(Test::sitrepBinary()).dir().filePath(QStringLiteral("../plugins")))
                .toUtf8());
    QCoreApplication::setOrganizationName(QStringLiteral("sitrep-test"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_workspace"));
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

QTEST_MAIN(TstWorkspace)
#include "tst_workspace.moc"
