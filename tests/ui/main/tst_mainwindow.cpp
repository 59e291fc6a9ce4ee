#include "ConsoleLayout.h"
#include "ElidedLabel.h"
#include "IncidentHeader.h"
#include "MainWindow.h"
#include "TimelineModel.h"
#include "TimelinePane.h"
#include "core/IncidentFile.h"
#include "core/ManualClock.h"
#include "support/TestEnv.h"

#include <QDockWidget>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QSettings>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace Sitrep::Core;
using namespace Sitrep::Ui;

class TstMainWindow : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void emptyStateSaysWhatToDo();
    void headerShowsTheIncident();
    void noteBoxAddsToTimeline();
    void otherProcessShowsUpWithinASecond();
    void badFileKeepsCurrentIncident();
    void screenshot();
    void sizeClasses_data();
    void sizeClasses();
    void defaultLayoutTabsTheLessImportantPanes();
    void headerKeepsTheTitleToTwoLines();

private:
    QTemporaryDir m_dir;
    ManualClock m_clock{QDateTime(QDate(2026, 11, 23), QTime(10, 30), Qt::UTC)};
    std::unique_ptr<IncidentFile> m_file;
    std::unique_ptr<MainWindow> m_window;
    QString path() const { return m_dir.filePath(QStringLiteral("incident.sitrep")); }
};

void TstMainWindow::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QCoreApplication::setOrganizationName(QStringLiteral("sitrep-test"));
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope,
                       m_dir.filePath(QStringLiteral("config")));
    m_file = std::make_unique<IncidentFile>(m_clock, QStringLiteral("alice"));
    m_window = std::make_unique<MainWindow>(*m_file);
    m_window->resize(1280, 720);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TstMainWindow::emptyStateSaysWhatToDo()
{
    auto *title = m_window->findChild<QLabel *>(QStringLiteral("incidentTitle"));
    QVERIFY(title);
    QVERIFY(title->text().contains(QLatin1String("Ctrl+N")));
    QVERIFY(!m_window->timeline()->submitNote());
}

void TstMainWindow::headerShowsTheIncident()
{
    IncidentSession::Declaration d;
    d.title = QStringLiteral("Checkout returns 502");
    d.service = QStringLiteral("api-gateway");
    d.severity = QStringLiteral("P1");
    d.commander = QStringLiteral("alice");
    d.impactStarted = m_clock.now().addSecs(-25 * 60);
    QVERIFY(m_file->create(path(), d).ok());
    auto *sev = m_window->findChild<QLabel *>(QStringLiteral("severityBadge"));
    auto *status = m_window->findChild<QLabel *>(QStringLiteral("statusBadge"));
    QCOMPARE(sev->text(), QStringLiteral("P1"));
    QCOMPARE(status->text(), QStringLiteral("INVESTIGATING"));
    QVERIFY(m_window->findChild<QLabel *>(QStringLiteral("incidentTitle"))
                ->text()
                .contains(QLatin1String("api-gateway")));
    QCOMPARE(m_window->findChild<QLabel *>(QStringLiteral("commander"))->text(), QStringLiteral("IC: alice"));
    QCOMPARE(m_window->header()->elapsedText(), QStringLiteral("25m 00s since impact"));
    QVERIFY(m_window->windowTitle().contains(QLatin1String("Checkout returns 502")));

    // Status shortcut Ctrl+2 = Identified.
    QTest::keyClick(m_window.get(), Qt::Key_2, Qt::ControlModifier);
    QCOMPARE(status->text(), QStringLiteral("IDENTIFIED"));
    QCOMPARE(m_file->session()->incident().status(), Status::Identified);
    // Pressing it again is refused with a sentence, not silently.
    QTest::keyClick(m_window.get(), Qt::Key_2, Qt::ControlModifier);
    QVERIFY(m_window->lastMessage().contains(QLatin1String("already identified")));
}

void TstMainWindow::noteBoxAddsToTimeline()
{
    auto *model = m_window->timeline()->model();
    model->flush();
    const int before = model->rowCount();
    QTest::keyClick(m_window.get(), Qt::Key_E, Qt::ControlModifier);
    auto *edit = m_window->findChild<QLineEdit *>(QStringLiteral("noteEdit"));
    QTRY_VERIFY(edit->hasFocus());
    QTest::keyClicks(edit, QStringLiteral("Rolled back api-gateway to v1; password=hunter2hunter2"));
    QTest::keyClick(edit, Qt::Key_Return);
    QTRY_COMPARE(model->rowCount(), before + 1);
    const QString summary = model->index(before, TimelineModel::SummaryColumn).data().toString();
    QVERIFY(summary.startsWith(QLatin1String("Rolled back api-gateway")));
    QVERIFY(!summary.contains(QLatin1String("hunter2hunter2")));
    QVERIFY(edit->text().isEmpty());

    // Pin it with Ctrl+P.
    auto *view = m_window->timeline()->view();
    view->setFocus();
    view->selectRow(view->model()->rowCount() - 1);
    QTest::keyClick(view, Qt::Key_P, Qt::ControlModifier);
    QTRY_VERIFY(model->index(before, 0).data(TimelineModel::PinnedRole).toBool());
}

void TstMainWindow::otherProcessShowsUpWithinASecond()
{
    auto *model = m_window->timeline()->model();
    model->flush();
    const int before = model->rowCount();
    QProcess cli;
    cli.start(Sitrep::Test::sitrepBinary(), {QStringLiteral("incident"), QStringLiteral("note"), path(),
                                             QStringLiteral("from a terminal")});
    QVERIFY(cli.waitForFinished(10000));
    QCOMPARE(cli.exitCode(), 0);
    QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), before + 1, 1000);
    QCOMPARE(model->index(before, TimelineModel::SummaryColumn).data().toString(),
             QStringLiteral("from a terminal"));
}

void TstMainWindow::badFileKeepsCurrentIncident()
{
    const QString bad = m_dir.filePath(QStringLiteral("garbage.sitrep"));
    QFile f(bad);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QByteArray(4096, 'x'));
    f.close();
    QVERIFY(!m_window->openIncident(bad));
    QVERIFY(m_window->lastMessage().contains(QLatin1String("not a Sitrep incident file")));
    QVERIFY(m_window->lastMessage().contains(bad));
    QCOMPARE(m_file->path(), path());
    QCOMPARE(m_window->findChild<QLabel *>(QStringLiteral("severityBadge"))->text(), QStringLiteral("P1"));
}

void TstMainWindow::screenshot()
{
    auto *session = m_file->session();
    QVERIFY(
        session->record(EventKind::Alert, QStringLiteral("FIRING ApiGatewayErrorBudgetBurn (14.4x over 1h)"))
            .ok());
    QVERIFY(session
                ->record(EventKind::KubeEvent,
                         QStringLiteral("api-gateway-7d9f-x2k: CrashLoopBackOff (restarts 6)"))
                .ok());
    QVERIFY(session->assignRole(Role::CommsLead, QStringLiteral("bob")).ok());
    m_window->timeline()->model()->flush();
    const QString out =
        Sitrep::Test::outputDir(QStringLiteral("mainwindow")) + QStringLiteral("/main-window.png");
    QVERIFY(m_window->grab().save(out));
    QVERIFY(QFileInfo(out).size() > 10000);
}

void TstMainWindow::sizeClasses_data()
{
    QTest::addColumn<QSize>("screen");
    QTest::addColumn<int>("sizeClass");
    QTest::newRow("1280x720") << QSize(1280, 720) << int(ConsoleLayout::SizeClass::Compact);
    QTest::newRow("1366x768") << QSize(1366, 768) << int(ConsoleLayout::SizeClass::Compact);
    QTest::newRow("1600x900") << QSize(1600, 900) << int(ConsoleLayout::SizeClass::Standard);
    QTest::newRow("1920x1080") << QSize(1920, 1080) << int(ConsoleLayout::SizeClass::Standard);
    QTest::newRow("4K at 200 %") << QSize(1920, 1080) << int(ConsoleLayout::SizeClass::Standard);
    QTest::newRow("2560x1440") << QSize(2560, 1440) << int(ConsoleLayout::SizeClass::Large);
    QTest::newRow("4K at 100 %") << QSize(3840, 2160) << int(ConsoleLayout::SizeClass::Large);
}

void TstMainWindow::sizeClasses()
{
    QFETCH(QSize, screen);
    QFETCH(int, sizeClass);
    QCOMPARE(int(ConsoleLayout::classify(screen)), sizeClass);
    QCOMPARE(ConsoleLayout::settingsGroup(screen),
             QStringLiteral("layout/%1x%2").arg(screen.width()).arg(screen.height()));
}

void TstMainWindow::defaultLayoutTabsTheLessImportantPanes()
{
    IncidentFile file(m_clock, QStringLiteral("alice"));
    MainWindow window(file);
    QStringList ids = ConsoleLayout::knownPanes();
    ids << QStringLiteral("team"); // a pane the layout does not know
    for (const QString &id : ids)
        window.addPane(id, id, new QLabel(id), Qt::BottomDockWidgetArea);
    auto dock = [&window](const QString &id) { return window.findChild<QDockWidget *>(id); };
    for (auto c : {ConsoleLayout::SizeClass::Compact, ConsoleLayout::SizeClass::Standard,
                   ConsoleLayout::SizeClass::Large}) {
        const QString name = ConsoleLayout::className(c);
        ConsoleLayout::arrange(window, c);
        QCOMPARE(window.dockWidgetArea(dock(QStringLiteral("runbook"))), Qt::LeftDockWidgetArea);
        // The cluster panes share tabs; every pane is docked, none floats.
        const auto behindPods = window.tabifiedDockWidgets(dock(QStringLiteral("pods")));
        QVERIFY2(behindPods.contains(dock(QStringLiteral("deployments"))), qPrintable(name));
        QVERIFY2(behindPods.contains(dock(QStringLiteral("cluster"))), qPrintable(name));
        for (const QString &id : ids)
            QVERIFY2(!dock(id)->isFloating() && window.dockWidgetArea(dock(id)) != Qt::NoDockWidgetArea,
                     qPrintable(name + QLatin1Char(' ') + id));
        // The unknown pane joins tabs instead of squeezing in beside the others.
        QVERIFY2(!window.tabifiedDockWidgets(dock(QStringLiteral("team"))).isEmpty(), qPrintable(name));
        if (c == ConsoleLayout::SizeClass::Compact) {
            // On a laptop one group under the timeline holds everything but the runbook.
            for (const QString &id : ids) {
                if (id != QLatin1String("runbook") && id != QLatin1String("pods"))
                    QVERIFY2(behindPods.contains(dock(id)), qPrintable(id));
            }
        } else {
            QVERIFY(!behindPods.contains(dock(QStringLiteral("logs"))));
            QVERIFY(!behindPods.contains(dock(QStringLiteral("charts"))));
        }
    }
}

void TstMainWindow::headerKeepsTheTitleToTwoLines()
{
    IncidentFile file(m_clock, QStringLiteral("alice"));
    MainWindow window(file);
    window.resize(1280, 720);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    IncidentSession::Declaration d;
    d.title = QStringLiteral("Checkout, search, login and the partner API return 502 in every region after the "
                             "api-gateway v2 rollout, the database failover and the CDN purge of the morning");
    d.service = QStringLiteral("api-gateway");
    d.severity = QStringLiteral("P1");
    d.commander = QStringLiteral("alice");
    d.impactStarted = m_clock.now().addSecs(-60);
    const int before = window.header()->height();
    QVERIFY(file.create(m_dir.filePath(QStringLiteral("long.sitrep")), d).ok());
    QCoreApplication::processEvents();
    // No taller than two lines of title, elided, whole on hover.
    QCOMPARE(window.header()->height(), before);
    QCOMPARE(window.header()->height(), window.header()->fixedHeight());
    auto *title = window.findChild<ElidedLabel *>(QStringLiteral("incidentTitle"));
    QVERIFY(title);
    QTRY_VERIFY(title->isElided());
    QCOMPARE(title->shownLines().size(), 2);
    QCOMPARE(title->toolTip(), window.header()->titleText());
    QVERIFY(window.header()->titleText().startsWith(d.title));
    // The header spans the window, above the panes.
    QVERIFY(window.header()->width() >= window.width() * 9 / 10);
}

QTEST_MAIN(TstMainWindow)
#include "tst_mainwindow.moc"
