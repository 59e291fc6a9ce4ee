// The first start as a new user meets it: no settings, so the connection dialog; update channels edited from
// there and saved; the environment saved and shown in the toolbar with what is missing.
#include "ChannelSettingsDialog.h"
#include "ConnectionDialog.h"
#include "EnvironmentBar.h"
#include "MainWindow.h"
#include "Workspace.h"
#include "core/IncidentFile.h"
#include "core/ManualClock.h"
#include "support/TestEnv.h"

#include <QDir>
#include <QFileInfo>

#include <QDialogButtonBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPushButton>
#include <QSettings>
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

QTEST_MAIN(TstWorkspace)
#include "tst_workspace.moc"
