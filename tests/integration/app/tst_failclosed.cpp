// A journal that cannot be written is seen, and nothing touches production without its record: a cluster
// action against the simulator and a runbook command are refused before they run while writes fail (a
// real EFBIG through RLIMIT_FSIZE, as a full disk), the red banner says so, and a damaged file opens with
// its banner, blocks export and is recovered from the window.
#include "JournalBanner.h"
#include "MainWindow.h"
#include "RunbookWizard.h"
#include "core/Clock.h"
#include "core/IncidentFile.h"
#include "core/IncidentSession.h"
#include "core/Journal.h"
#include "kube/Actions.h"
#include "kube/ClusterConnection.h"
#include "kube/Kubeconfig.h"
#include "runbook/LocalRunner.h"
#include "sim/ClusterState.h"
#include "sim/SimServer.h"
#include "support/JournalWriteBlocker.h"
#include "support/TestEnv.h"

#include <QFile>
#include <QPushButton>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Sitrep::Core;
using namespace Sitrep::Kube;
using Sitrep::Sim::SimServer;

class TstFailClosed final : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void clusterActionRefusedWithoutItsRecord();
    void runbookCommandRefusedWithoutItsRecord();
    void bannerSaysWritesFail();
    void damagedFileBannerBlocksExportAndRecovers();

private:
    int replicas(SimServer &sim, const QString &deployment) const;
    QTemporaryDir m_dir;
    SystemClock m_clock;
};

void TstFailClosed::initTestCase()
{
    QVERIFY(m_dir.isValid());
    Sitrep::Test::isolateHome(m_dir.filePath(QStringLiteral("home")), QStringLiteral("tst_failclosed"));
}

int TstFailClosed::replicas(SimServer &sim, const QString &deployment) const
{
    const auto d = sim.state().get(QStringLiteral("deployments"), QStringLiteral("demo"), deployment);
    return d ? d->value(QLatin1String("spec")).toObject().value(QLatin1String("replicas")).toInt(-1) : -1;
}

void TstFailClosed::clusterActionRefusedWithoutItsRecord()
{
    SimServer sim;
    QVERIFY(sim.loadScenario(QStringLiteral("api-gateway-rollout")).ok());
    const auto url = sim.start(0, true);
    QVERIFY(url.ok());
    const QString kubeconfig = m_dir.filePath(QStringLiteral("kubeconfig"));
    QVERIFY(sim.writeKubeconfig(kubeconfig).ok());
    const QString path = m_dir.filePath(QStringLiteral("actions.sitrep"));
    Journal journal;
    QVERIFY(journal.open(path).ok());
    IncidentSession session(journal, m_clock, QStringLiteral("alice"));
    QVERIFY(session.declare({QStringLiteral("api-gateway 502s"), QStringLiteral("api-gateway")}).ok());
    auto kc = Kubeconfig::loadFiles({kubeconfig});
    QVERIFY(kc.ok());
    auto cfg = kc->resolve();
    QVERIFY(cfg.ok());
    auto conn = ClusterConnection::open(*cfg, m_clock, nullptr); // no kube events: only the action writes
    QVERIFY(conn.ok());
    ActionRunner *runner = (*conn)->actions();
    runner->setSession(&session);
    const int before = replicas(sim, QStringLiteral("api-gateway"));
    QVERIFY(before > 0);

    QList<ActionOutcome> outcomes;
    connect(runner, &ActionRunner::finished, this, [&](int, const ActionOutcome &o) { outcomes << o; });
    {
        Test::JournalWriteBlocker blocked(path);
        QVERIFY(blocked.isActive());
        runner->run(Actions::scale(QStringLiteral("demo"), QStringLiteral("api-gateway"), before + 3));
        QTRY_COMPARE_WITH_TIMEOUT(outcomes.size(), 1, 5000);
    }
    QVERIFY(!outcomes.first().ok);
    QVERIFY2(outcomes.first().sentence.contains(QLatin1String("refused: the journal cannot be written")),
             qPrintable(outcomes.first().sentence));
    QVERIFY(outcomes.first().statuses.isEmpty()); // not one request left
    QCOMPARE(replicas(sim, QStringLiteral("api-gateway")), before);
    for (const auto &e : journal.events())
        QVERIFY(e.kind != EventKind::Action);

    // Writable again: the same action runs, with its intent and outcome on record.
    runner->run(Actions::scale(QStringLiteral("demo"), QStringLiteral("api-gateway"), before + 3));
    QTRY_COMPARE_WITH_TIMEOUT(outcomes.size(), 2, 10000);
    QVERIFY2(outcomes.last().ok, qPrintable(outcomes.last().sentence));
    QTRY_COMPARE_WITH_TIMEOUT(replicas(sim, QStringLiteral("api-gateway")), before + 3, 5000);
    const TimelineEvent action = journal.events().last();
    QCOMPARE(action.kind, EventKind::Action);
    QVERIFY(action.payload.value(QLatin1String("intentId")).toInteger() > 0);
}

void TstFailClosed::runbookCommandRefusedWithoutItsRecord()
{
    const QString runbook = m_dir.filePath(QStringLiteral("fix.md"));
    const QString marker = m_dir.filePath(QStringLiteral("marker"));
    {
        QFile f(runbook);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("# Fix\n\n## Mitigation\n\n```bash\n# Make the change\ntouch \"$MARKER\"\n```\n");
    }
    const QString path = m_dir.filePath(QStringLiteral("runbook.sitrep"));
    Journal journal;
    QVERIFY(journal.open(path).ok());
    IncidentSession session(journal, m_clock, QStringLiteral("alice"));
    QVERIFY(session.declare({QStringLiteral("Drill"), QStringLiteral("api-gateway")}).ok());
    Sitrep::Runbook::LocalRunner runner;
    Sitrep::Ui::RunbookWizard w;
    w.setSession(&session);
    w.setRunner(&runner);
    w.setValues({{QStringLiteral("MARKER"), marker}});
    w.setConfirmer([](const Sitrep::Runbook::RunPolicy::Decision &, QString *) { return true; });
    QVERIFY(w.openFile(runbook));
    QVERIFY(w.selectStep(QStringLiteral("mitigation-1")));
    QSignalSpy finished(&w, &Sitrep::Ui::RunbookWizard::runFinished);
    {
        Test::JournalWriteBlocker blocked(path);
        QVERIFY(blocked.isActive());
        w.runSelected();
    }
    QVERIFY2(w.statusText().startsWith(QLatin1String("Not run: the journal cannot be written")),
             qPrintable(w.statusText()));
    QVERIFY(finished.isEmpty());
    QVERIFY(!QFile::exists(marker));

    w.runSelected();
    QVERIFY(finished.wait(10000));
    QVERIFY(QFile::exists(marker));
    QCOMPARE(journal.events().last().kind, EventKind::CommandRun);
}

void TstFailClosed::bannerSaysWritesFail()
{
    const QString path = m_dir.filePath(QStringLiteral("banner.sitrep"));
    IncidentFile file(m_clock, QStringLiteral("alice"));
    QVERIFY(file.create(path, {QStringLiteral("Checkout 502"), QStringLiteral("api-gateway")}).ok());
    QWidget host;
    Sitrep::Ui::JournalBanner banner(file, &host);
    host.resize(900, 80);
    banner.resize(900, 80);
    host.show();
    QVERIFY(QTest::qWaitForWindowExposed(&host));
    QCOMPARE(banner.kind(), Sitrep::Ui::JournalBanner::Kind::None);
    QVERIFY(!banner.isVisible());
    {
        Test::JournalWriteBlocker blocked(path);
        QVERIFY(blocked.isActive());
        QVERIFY(!file.session()->addNote(QStringLiteral("a note the disk cannot take")).ok());
    }
    QCOMPARE(banner.kind(), Sitrep::Ui::JournalBanner::Kind::WriteFailing);
    QVERIFY(banner.isVisible());
    QVERIFY(banner.text().contains(QLatin1String("the journal cannot be written")));
    QVERIFY(banner.text().contains(QLatin1String("refused")));
    QVERIFY(!banner.recoverButton()->isVisible());
    QVERIFY(banner.grab().save(Sitrep::Test::outputDir(QStringLiteral("tst_failclosed")) +
                               QStringLiteral("/write-failing.png")));
    QVERIFY(file.session()->addNote(QStringLiteral("the disk has room again")).ok());
    QCOMPARE(banner.kind(), Sitrep::Ui::JournalBanner::Kind::None);
    QVERIFY(!banner.isVisible());
}

void TstFailClosed::damagedFileBannerBlocksExportAndRecovers()
{
    const QString path = m_dir.filePath(QStringLiteral("damaged.sitrep"));
    {
        IncidentFile file(m_clock, QStringLiteral("alice"));
        QVERIFY(file.create(path, {QStringLiteral("Checkout 502"), QStringLiteral("api-gateway")}).ok());
        for (int i = 0; i < 300; ++i)
            QVERIFY(file.session()->addNote(QStringLiteral("note %1 ").arg(i) + QString(300, QLatin1Char('n'))).ok());
    }
    int leaf = 0;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("stat"));
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral(
            "SELECT pageno FROM dbstat WHERE name='events' AND pagetype='leaf' ORDER BY pageno LIMIT 1 OFFSET 10")));
        QVERIFY(q.next());
        leaf = q.value(0).toInt();
        q = QSqlQuery();
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("stat"));
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadWrite));
        QVERIFY(f.seek(qint64(leaf - 1) * 4096));
        f.write(QByteArray(4096, '\x33'));
    }

    IncidentFile file(m_clock, QStringLiteral("bob"));
    Sitrep::Ui::MainWindow window(file);
    window.resize(1366, 768);
    QVERIFY(window.openIncident(path));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    Sitrep::Ui::JournalBanner *banner = window.journalBanner();
    QCOMPARE(banner->kind(), Sitrep::Ui::JournalBanner::Kind::Damaged);
    QVERIFY(banner->isVisible());
    QVERIFY(banner->recoverButton()->isVisible());
    QVERIFY2(banner->text().contains(QLatin1String("of 301 events readable")), qPrintable(banner->text()));
    QVERIFY(banner->text().contains(QLatin1String("read-only")));
    QVERIFY(window.grab().save(Sitrep::Test::outputDir(QStringLiteral("tst_failclosed")) +
                               QStringLiteral("/damaged.png")));

    const QString md = m_dir.filePath(QStringLiteral("postmortem.md"));
    QVERIFY(!window.exportIncident(md));
    QVERIFY(!QFile::exists(md));
    QVERIFY(window.lastMessage().contains(QLatin1String("damaged")));

    const QString recovered = Sitrep::Ui::JournalBanner::suggestedRecoveryPath(path);
    QVERIFY(recovered.endsWith(QLatin1String("damaged-recovered.sitrep")));
    const auto report = banner->recoverTo(recovered);
    QVERIFY2(report.ok(), qPrintable(report.ok() ? QString() : report.error().text()));
    QCOMPARE(file.path(), recovered);
    QCOMPARE(banner->kind(), Sitrep::Ui::JournalBanner::Kind::None);
    QVERIFY(!file.journal()->isReadOnly());
    QCOMPARE(file.journal()->events().last().payload.value(QLatin1String("source")).toString(),
             QStringLiteral("recovery"));
    QVERIFY(window.exportIncident(md));
    QVERIFY(QFile::exists(md));
}

QTEST_MAIN(TstFailClosed)
#include "tst_failclosed.moc"
