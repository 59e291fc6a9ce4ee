// The team side of the console, offscreen, against a real PostgreSQL 15 and a real gnome-keyring: Share
// with team (the typed password goes to the keychain, a wrong one is a sentence and the incident stays as
// it was), Join team incident (the list, then a live replica), the header's team band (who is connected,
// "not yet shared: N" offline), the timeline's marks, a wall following the incident read-only; and the
// README's screenshot of two consoles and the wall on one incident.
#include "IncidentHeader.h"
#include "JoinDialog.h"
#include "MainWindow.h"
#include "ShareDialog.h"
#include "TeamController.h"
#include "TeamIncidentsModel.h"
#include "TeamStatusWidget.h"
#include "TimelineModel.h"
#include "TimelinePane.h"
#include "WallWindow.h"
#include "core/IncidentFile.h"
#include "core/JournalReplica.h"
#include "core/User.h"
#include "secrets/SecretStore.h"
#include "support/PostgresFixture.h"
#include "support/TestEnv.h"

#include <QAbstractItemModelTester>
#include <QDirIterator>
#include <QLineEdit>
#include <QPainter>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>

#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>

using namespace Sitrep;
using namespace Sitrep::Ui;

namespace {

// One responder's console: an incident file, the main window and the team wiring, as GuiApp builds them.
struct Console
{
    Core::SystemClock clock;
    std::shared_ptr<Core::Redactor> redactor = std::make_shared<Core::Redactor>();
    Secrets::SecretStore secrets{QStringLiteral("sitrep-test-team"), redactor};
    Core::IncidentFile file;
    MainWindow window;
    TeamController team;

    explicit Console(const QString &user)
        : file(clock, user)
        , window(file)
        , team(file, window, secrets, redactor)
    {
        window.resize(1280, 720);
    }
    QString header() const { return team.statusWidget()->text(); }
};

// Several laptops in one test process: what a write records as its origin (user@host) follows these.
void onLaptopOf(const QString &user)
{
    qputenv("SITREP_USER", user.toUtf8());
    qputenv("SITREP_HOST", (user + QStringLiteral("-laptop")).toUtf8());
}

} // namespace

class TestTeamUi : public QObject
{
    Q_OBJECT
    Test::PostgresFixture m_pg;
    QTemporaryDir m_dir;
    std::unique_ptr<Console> m_alice;
    std::unique_ptr<Console> m_bob;
    QString m_teamId;

private slots:
    void initTestCase()
    {
        Test::isolateHome(m_dir.path(), QStringLiteral("tst_teamui"));
        const QString err = m_pg.start();
        QVERIFY2(err.isEmpty(), qPrintable(err));
        qunsetenv("PGPASSWORD");
    }

    void cleanupTestCase()
    {
        m_bob.reset();
        m_alice.reset();
    }

    void wrongPasswordIsASentenceAndTheIncidentStaysLocal()
    {
        Console c(QStringLiteral("alice"));
        Core::IncidentSession::Declaration d;
        d.title = QStringLiteral("Stays local");
        const QString path = m_dir.filePath(QStringLiteral("local.sitrep"));
        QVERIFY(c.file.create(path, d).ok());
        ShareDialog *dialog = c.team.share();
        QVERIFY(dialog);
        dialog->serverEdit()->setText(m_pg.url(QStringLiteral("alice")));
        QVERIFY2(dialog->connectionNote().contains(QLatin1String("this machine")),
                 qPrintable(dialog->connectionNote()));
        dialog->passwordEdit()->setText(QStringLiteral("wrong"));
        dialog->findChild<QPushButton *>(QStringLiteral("shareButton"))->click();
        QTRY_VERIFY_WITH_TIMEOUT(
            dialog->message().contains(QLatin1String("refused the password for user \"alice\"")), 15000);
        QVERIFY(!dialog->isBusy());
        QCOMPARE(Core::JournalReplica(*c.file.journal()).teamId(), QString());
        QVERIFY(c.team.statusWidget()->isHidden());
        // The other refusals read the same in the dialog as on the command line.
        const QList<std::pair<QString, QString>> refusals = {
            {m_pg.url(QStringLiteral("reader")), QStringLiteral("user \"reader\" may only read")},
            {QStringLiteral("postgresql://alice@127.0.0.1:%1/sitrep").arg(Test::freePort()),
             QStringLiteral("connection refused")},
        };
        for (const auto &[url, sentence] : refusals) {
            dialog->serverEdit()->setText(url);
            dialog->passwordEdit()->setText(
                Test::PostgresFixture::password(url.section(QLatin1Char('@'), 0, 0).mid(13)));
            dialog->findChild<QPushButton *>(QStringLiteral("shareButton"))->click();
            QTRY_VERIFY2_WITH_TIMEOUT(dialog->message().contains(sentence), qPrintable(dialog->message()),
                                      15000);
        }
        QCOMPARE(Core::JournalReplica(*c.file.journal()).teamId(), QString());
        // A remote server without TLS is shown as what it is before anything is sent.
        dialog->serverEdit()->setText(
            QStringLiteral("postgresql://alice@db.example:5432/sitrep?sslmode=disable"));
        QVERIFY2(dialog->connectionNote().contains(QLatin1String("Not encrypted")),
                 qPrintable(dialog->connectionNote()));
        dialog->serverEdit()->setText(QStringLiteral("postgresql://alice@db.example:5432/sitrep"));
        QVERIFY2(dialog->connectionNote().contains(QLatin1String("verify-full")),
                 qPrintable(dialog->connectionNote()));
        dialog->close();
    }

    void shareGoesLiveAndThePasswordGoesToTheKeychain()
    {
        onLaptopOf(QStringLiteral("alice"));
        m_alice = std::make_unique<Console>(QStringLiteral("alice"));
        Core::IncidentSession::Declaration d;
        d.title = QStringLiteral("Checkout returns 502");
        d.service = QStringLiteral("api-gateway");
        d.commander = QStringLiteral("alice");
        QVERIFY(m_alice->file.create(m_dir.filePath(QStringLiteral("alice.sitrep")), d).ok());
        m_alice->window.show();
        ShareDialog *dialog = m_alice->team.share();
        dialog->serverEdit()->setText(m_pg.url(QStringLiteral("alice")));
        dialog->passwordEdit()->setText(Test::PostgresFixture::password(QStringLiteral("alice")));
        dialog->findChild<QPushButton *>(QStringLiteral("shareButton"))->click();
        QTRY_VERIFY_WITH_TIMEOUT(dialog->message().contains(QLatin1String("Shared as team incident")), 15000);
        m_teamId = Core::JournalReplica(*m_alice->file.journal()).teamId();
        QVERIFY(!m_teamId.isEmpty());
        QVERIFY(dialog->message().contains(QStringLiteral("sitrep team join %1").arg(m_teamId)));
        dialog->close();
        QTRY_VERIFY_WITH_TIMEOUT(m_alice->header().contains(QLatin1String("online")), 15000);
        QVERIFY2(m_alice->header().startsWith(QStringLiteral("TEAM %1").arg(m_teamId)),
                 qPrintable(m_alice->header()));
        QVERIFY(m_alice->window.timeline()->model()->teamMode());

        // The typed password is in the keychain (read back through a store of its own), not on disk.
        const auto url = Team::ServerUrl::parse(m_pg.url(QStringLiteral("alice")));
        Secrets::SecretStore probe(QStringLiteral("sitrep-test-team"), std::make_shared<Core::Redactor>());
        QString stored;
        bool loaded = false;
        probe.load(url->secretName(), [&](const Core::Result<QString> &v) {
            loaded = true;
            stored = v ? *v : v.error().text();
        });
        QTRY_VERIFY_WITH_TIMEOUT(loaded, 10000);
        QCOMPARE(stored, Test::PostgresFixture::password(QStringLiteral("alice")));
        QSettings().sync();
        QDirIterator files(m_dir.path(), QDir::Files, QDirIterator::Subdirectories);
        while (files.hasNext()) {
            const QString f = files.next();
            if (f.contains(QLatin1String("/pg/")))
                continue; // the server's own data
            QFile file(f);
            QVERIFY(file.open(QIODevice::ReadOnly));
            QVERIFY2(
                !file.readAll().contains(Test::PostgresFixture::password(QStringLiteral("alice")).toUtf8()),
                qPrintable(f));
        }
    }

    void joinListsTheOpenIncidentsAndMakesALiveReplica()
    {
        QVERIFY(m_alice);
        onLaptopOf(QStringLiteral("bob"));
        m_bob = std::make_unique<Console>(QStringLiteral("bob"));
        m_bob->window.show();
        JoinDialog *dialog = m_bob->team.join();
        QVERIFY(dialog);
        QAbstractItemModelTester tester(dialog->model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        dialog->serverEdit()->setText(m_pg.url(QStringLiteral("bob")));
        dialog->passwordEdit()->setText(Test::PostgresFixture::password(QStringLiteral("bob")));
        dialog->listButton()->click();
        QTRY_VERIFY_WITH_TIMEOUT(dialog->model()->rowCount() > 0, 15000);
        int row = -1;
        for (int i = 0; i < dialog->model()->rowCount(); ++i) {
            if (dialog->model()->incidentAt(i).teamId == m_teamId)
                row = i;
        }
        QVERIFY(row >= 0);
        auto cell = [&](int column) { return dialog->model()->index(row, column).data().toString(); };
        QCOMPARE(cell(TeamIncidentsModel::TitleColumn),
                 QStringLiteral("Checkout returns 502 \u00b7 api-gateway"));
        QCOMPARE(cell(TeamIncidentsModel::SeverityColumn), QStringLiteral("P1"));
        QCOMPARE(cell(TeamIncidentsModel::StatusColumn), QStringLiteral("investigating"));
        QCOMPARE(cell(TeamIncidentsModel::CommanderColumn), QStringLiteral("alice"));
        QVERIFY(cell(TeamIncidentsModel::AgeColumn).endsWith(QLatin1String("min")));
        QVERIFY(!cell(TeamIncidentsModel::RespondersColumn).isEmpty());
        dialog->view()->selectRow(row);
        QVERIFY(dialog->filePath().endsWith(QStringLiteral("team-%1.sitrep").arg(m_teamId)));
        dialog->joinButton()->click();
        QTRY_VERIFY_WITH_TIMEOUT(m_bob->file.isOpen(), 15000);
        QCOMPARE(m_bob->file.session()->incident().title(), QStringLiteral("Checkout returns 502"));
        QTRY_VERIFY2_WITH_TIMEOUT(
            m_bob->header().contains(QLatin1String("alice (IC)")),
            qPrintable(m_bob->header() + QLatin1Char('\n') + m_bob->team.statusWidget()->toolTip()), 15000);
        QTRY_VERIFY2_WITH_TIMEOUT(m_alice->header().contains(QLatin1String("bob")),
                                  qPrintable(m_alice->header()), 15000);

        // A note on one laptop is on the other's timeline within a second, with who and where.
        onLaptopOf(QStringLiteral("bob"));
        QVERIFY(m_bob->file.session()->addNote(QStringLiteral("db connections at max on replica 2")).ok());
        TimelineModel *aliceTimeline = m_alice->window.timeline()->model();
        QTRY_VERIFY_WITH_TIMEOUT(
            aliceTimeline->rowCount() > 0 &&
                aliceTimeline->index(aliceTimeline->rowCount() - 1, TimelineModel::SummaryColumn)
                        .data()
                        .toString() == QLatin1String("db connections at max on replica 2"),
            5000);
        QCOMPARE(aliceTimeline->index(aliceTimeline->rowCount() - 1, TimelineModel::AuthorColumn)
                     .data()
                     .toString(),
                 QStringLiteral("bob@bob-laptop"));
        onLaptopOf(QStringLiteral("alice"));
        QVERIFY(
            m_alice->file.session()->setSeverity(QStringLiteral("P0"), QStringLiteral("all regions")).ok());
        QTRY_COMPARE_WITH_TIMEOUT(m_bob->file.session()->incident().severity(), QStringLiteral("P0"), 5000);
    }

    void offlineHeaderSaysWhatIsNotYetShared()
    {
        QVERIFY(m_alice && m_bob);
        QCOMPARE(m_pg.stop(), QString());
        onLaptopOf(QStringLiteral("alice"));
        QVERIFY(m_alice->file.session()->addNote(QStringLiteral("written while the server is away")).ok());
        QTRY_VERIFY_WITH_TIMEOUT(m_alice->header().contains(QLatin1String("offline")) &&
                                     m_alice->header().contains(QLatin1String("not yet shared: 1")),
                                 15000);
        TimelineModel *timeline = m_alice->window.timeline()->model();
        const QModelIndex last = timeline->index(timeline->rowCount() - 1, TimelineModel::KindColumn);
        QVERIFY(!last.data(TimelineModel::SharedRole).toBool());
        QVERIFY(last.data().toString().startsWith(QStringLiteral("\u25cc")));
        QVERIFY(last.data(Qt::ToolTipRole).toString().contains(QLatin1String("Not yet shared")));
        QVERIFY(!m_alice->team.statusWidget()->toolTip().isEmpty());
        QCOMPARE(m_pg.startAgain(), QString());
        QTRY_VERIFY_WITH_TIMEOUT(m_alice->header().contains(QLatin1String("online")) &&
                                     !m_alice->header().contains(QLatin1String("not yet shared")),
                                 20000);
        QTRY_VERIFY_WITH_TIMEOUT(m_bob->file.journal()->events().last().summary ==
                                     QLatin1String("written while the server is away"),
                                 10000);
        QTRY_VERIFY_WITH_TIMEOUT(
            timeline->index(timeline->rowCount() - 1, 0).data(TimelineModel::SharedRole).toBool(), 5000);
    }

    void aWallFollowsTheTeamIncidentAndTheScreenshot()
    {
        QVERIFY(m_alice && m_bob);
        onLaptopOf(QStringLiteral("wall"));
        Console wallPc(QStringLiteral("wall"));
        // The wall's password comes from libpq's conventions here (PGPASSWORD), as on a kiosk PC.
        qputenv("PGPASSWORD", Test::PostgresFixture::password(QStringLiteral("wall")).toUtf8());
        QSignalSpy opened(&wallPc.team, &TeamController::replicaOpened);
        QCOMPARE(wallPc.team.follow(m_teamId, m_pg.url(QStringLiteral("wall"))), QString());
        QTRY_COMPARE_WITH_TIMEOUT(opened.count(), 1, 15000);
        QVERIFY(wallPc.file.journal()->isReadOnly());
        WallWindow wall(wallPc.file);
        wall.resize(1280, 720);
        wall.show();
        QTRY_VERIFY_WITH_TIMEOUT(wall.headerText().contains(QLatin1String("Checkout returns 502")), 10000);
        QTRY_VERIFY2_WITH_TIMEOUT(m_alice->header().contains(QLatin1String("wall")),
                                  qPrintable(m_alice->header() + QStringLiteral(" / wall: ") +
                                             wallPc.team.statusWidget()->text() + QLatin1Char(' ') +
                                             wallPc.team.statusWidget()->toolTip()),
                                  15000);
        // A morning's work from both laptops: alert, roles, runbook, cluster action, status, update.
        onLaptopOf(QStringLiteral("alice"));
        Core::IncidentSession &alice = *m_alice->file.session();
        QVERIFY(alice
                    .record(Core::EventKind::Alert,
                            QStringLiteral("Firing: ApiGatewayErrorBudgetBurn (critical)"))
                    .ok());
        QVERIFY(alice.assignRole(Core::Role::CommsLead, QStringLiteral("bob")).ok());
        onLaptopOf(QStringLiteral("bob"));
        Core::IncidentSession &bob = *m_bob->file.session();
        QVERIFY(bob.record(Core::EventKind::CommandRun,
                           QStringLiteral("kubectl -n shop logs deploy/api-gateway --tail=50: exit 0"))
                    .ok());
        QVERIFY(bob.record(Core::EventKind::ChecklistStep,
                           QStringLiteral("Triage: check the rollout history \u2713"))
                    .ok());
        onLaptopOf(QStringLiteral("alice"));
        QVERIFY(alice.setStatus(Core::Status::Identified, QStringLiteral("bad rollout of v2")).ok());
        QTRY_VERIFY_WITH_TIMEOUT(wall.headerText().contains(QLatin1String("IDENTIFIED"), Qt::CaseInsensitive),
                                 10000);
        QVERIFY(alice
                    .record(Core::EventKind::Action,
                            QStringLiteral("Rollout undo deployment/api-gateway to revision 4: accepted"))
                    .ok());
        onLaptopOf(QStringLiteral("bob"));
        QVERIFY(
            bob.record(Core::EventKind::UpdatePublished,
                       QStringLiteral("Update #1 published to #incident-checkout: identified, rolling back"))
                .ok());
        QVERIFY(bob.addNote(QStringLiteral("rollback of api-gateway to v1 started")).ok());
        // The server orders by arrival: alice's action may be pushed after bob's note, so look for the note
        // anywhere, not only at the end.
        auto wallHas = [&wallPc](const QString &summary) {
            const QList<Core::TimelineEvent> events = wallPc.file.journal()->events();
            return std::any_of(events.cbegin(), events.cend(),
                               [&](const Core::TimelineEvent &e) { return e.summary == summary; });
        };
        QTRY_VERIFY_WITH_TIMEOUT(
            wallHas(QStringLiteral("rollback of api-gateway to v1 started")) &&
                wallHas(QStringLiteral("Rollout undo deployment/api-gateway to revision 4: accepted")),
            5000);
        QTRY_VERIFY_WITH_TIMEOUT(m_alice->header().contains(QLatin1String("bob (comms lead)")) &&
                                     m_bob->header().contains(QLatin1String("alice (IC)")) &&
                                     m_bob->file.journal()->events().size() ==
                                         m_alice->file.journal()->events().size(),
                                 10000);
        QCOMPARE(m_alice->file.journal()->events().size(), wallPc.file.journal()->events().size());
        // What the timelines show has caught up too: every row there, every row shared.
        auto caughtUp = [](Console &c) {
            TimelineModel *m = c.window.timeline()->model();
            if (m->rowCount() != c.file.journal()->events().size())
                return false;
            for (int row = 0; row < m->rowCount(); ++row) {
                if (!m->index(row, 0).data(TimelineModel::SharedRole).toBool())
                    return false;
            }
            return true;
        };
        QTRY_VERIFY_WITH_TIMEOUT(caughtUp(*m_alice) && caughtUp(*m_bob), 10000);
        wall.refresh();

        // Two consoles above, the wall below: one picture for the README.
        const QImage a = m_alice->window.grab().toImage();
        const QImage b = m_bob->window.grab().toImage();
        const QImage w = wall.grab().toImage();
        QVERIFY(!a.isNull() && !b.isNull() && !w.isNull());
        QImage shot(a.width() + b.width(), a.height() + w.height(), QImage::Format_RGB32);
        shot.fill(QColor(0x20, 0x20, 0x20));
        QPainter p(&shot);
        p.drawImage(0, 0, a);
        p.drawImage(a.width(), 0, b);
        p.drawImage((shot.width() - w.width()) / 2, a.height(), w);
        p.end();
        const QString out =
            Test::outputDir(QStringLiteral("team")) + QStringLiteral("/team-consoles-and-wall.png");
        QVERIFY(shot.save(out));
        qInfo("screenshot: %s", qPrintable(out));
        qunsetenv("PGPASSWORD");
    }
};

QTEST_MAIN(TestTeamUi)
#include "tst_teamui.moc"
