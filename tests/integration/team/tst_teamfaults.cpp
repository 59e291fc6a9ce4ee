// Fault tests with real Sitrep processes and a real PostgreSQL 15: three replicas writing at once, and a
// client killed with -9 in the middle of a push. Each ends with every replica holding exactly the same
// events in the same order, none lost, none twice, and the server holding as many.
#include "TeamProcesses.h"
#include "core/Journal.h"
#include "support/TestEnv.h"
#include "team/ServerConnection.h"
#include "team/ServerStore.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Sitrep;

class TestTeamFaults : public QObject
{
    Q_OBJECT
    Test::PostgresFixture m_pg;
    QTemporaryDir m_dir;

private slots:
    void initTestCase()
    {
        QVERIFY2(!Test::sitrepBinary().isEmpty(), "SITREP_BINARY is not set (run through ctest)");
        const QString err = m_pg.start();
        QVERIFY2(err.isEmpty(), qPrintable(err));
    }

    void threeProcessesWritingConcurrently()
    {
        QVERIFY(QDir().mkpath(m_dir.filePath(QStringLiteral("three"))));
        Test::TeamProcesses team(m_pg, m_dir.filePath(QStringLiteral("three")));
        const QString err =
            team.setUp({QStringLiteral("alice"), QStringLiteral("bob"), QStringLiteral("carol")});
        QVERIFY2(err.isEmpty(), qPrintable(err));
        for (int i = 0; i < 3; ++i)
            QCOMPARE(team.startFollower(i), QString());
        for (int i = 0; i < 3; ++i)
            team.startWriter(i, 30);
        QTRY_VERIFY_WITH_TIMEOUT(team.writersFinished(), 120000);
        QCOMPARE(team.writerFailures(), 0);
        QString why;
        QTRY_VERIFY2_WITH_TIMEOUT(team.converged(2 + 3 * 30, &why), qPrintable(why), 60000);
        for (int i = 0; i < 3; ++i)
            team.stopFollower(i);
        // Still the same after the followers stopped, and a sync of each finds nothing left to do.
        QVERIFY2(team.converged(2 + 3 * 30, &why), qPrintable(why));
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(team.syncOnce(i), 0);
            QVERIFY2(team.lastOutput().contains(QLatin1String("pushed 0, pulled 0")),
                     qPrintable(team.lastOutput()));
        }
    }

    void aClientKilledInTheMiddleOfAPush()
    {
        QVERIFY(QDir().mkpath(m_dir.filePath(QStringLiteral("kill"))));
        Test::TeamProcesses team(m_pg, m_dir.filePath(QStringLiteral("kill")));
        const QString err = team.setUp({QStringLiteral("alice"), QStringLiteral("bob")});
        QVERIFY2(err.isEmpty(), qPrintable(err));
        // 3,000 events written while offline, waiting to be pushed.
        {
            Core::Journal j;
            QVERIFY(j.open(team.file(0)).ok());
            QList<Core::TimelineEvent> batch;
            for (int i = 0; i < 3000; ++i)
                batch << Core::makeEvent(Core::EventKind::Note, 0, QStringLiteral("alice"),
                                         QStringLiteral("offline note %1").arg(i));
            QVERIFY(j.appendAll(batch).ok());
        }
        Team::ServerConnection watch(*Team::ServerUrl::parse(m_pg.url(QStringLiteral("wall"))),
                                     Test::PostgresFixture::password(QStringLiteral("wall")));
        QVERIFY(watch.open().ok());
        Team::ServerStore store(watch);
        // Small batches: the push takes a while, so the kill lands inside it.
        QCOMPARE(team.startFollower(0, {QStringLiteral("SITREP_TEAM_BATCH=20")}), QString());
        qint64 atKill = 0;
        QTRY_VERIFY_WITH_TIMEOUT((atKill = store.counts(team.teamId())->records) > 2 + 100, 30000);
        team.killFollower(0);
        const qint64 afterKill = store.counts(team.teamId())->records;
        QVERIFY2(
            afterKill > 2 && afterKill < 3002,
            qPrintable(QStringLiteral("the kill came after the push ended (%1 records)").arg(afterKill)));
        // Start again: the rest is pushed, what was already there is not pushed twice.
        QCOMPARE(team.syncOnce(0), 0);
        QCOMPARE(team.syncOnce(1), 0);
        QString why;
        QVERIFY2(team.converged(3002, &why), qPrintable(why));
    }
};

QTEST_GUILESS_MAIN(TestTeamFaults)
#include "tst_teamfaults.moc"
