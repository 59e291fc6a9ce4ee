// The team server stopped for 30 seconds while three Sitrep processes keep writing, then started again:
// every replica ends with exactly the same events, none lost, none twice.
#include "TeamProcesses.h"
#include "support/TestEnv.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

using namespace Sitrep;

class TestTeamOutage : public QObject
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

    void serverStoppedForThirtySecondsWhileTheyWrite()
    {
        Test::TeamProcesses team(m_pg, m_dir.path());
        const QString err =
            team.setUp({QStringLiteral("alice"), QStringLiteral("bob"), QStringLiteral("carol")});
        QVERIFY2(err.isEmpty(), qPrintable(err));
        for (int i = 0; i < 3; ++i)
            QCOMPARE(team.startFollower(i), QString());
        for (int i = 0; i < 3; ++i)
            team.startWriter(i, 5);
        QTRY_VERIFY_WITH_TIMEOUT(team.writersFinished(), 60000);
        QString why;
        QTRY_VERIFY2_WITH_TIMEOUT(team.converged(2 + 15, &why), qPrintable(why), 30000);

        QCOMPARE(m_pg.stop(), QString());
        QElapsedTimer outage;
        outage.start();
        // One note a second from each laptop for as long as the server is away.
        for (int i = 0; i < 3; ++i)
            team.startWriter(i, 30, 1000);
        QTRY_VERIFY_WITH_TIMEOUT(team.writersFinished() && outage.elapsed() >= 30000, 120000);
        QCOMPARE(team.writerFailures(), 0);
        for (int i = 0; i < 3; ++i) {
            const QString said = team.followerOutput(i);
            QVERIFY2(said.contains(QLatin1String("offline:")), qPrintable(said));
        }
        QCOMPARE(m_pg.startAgain(), QString());
        QTRY_VERIFY2_WITH_TIMEOUT(team.converged(2 + 15 + 90, &why), qPrintable(why), 60000);
        for (int i = 0; i < 3; ++i)
            team.stopFollower(i);
        QVERIFY2(team.converged(2 + 15 + 90, &why), qPrintable(why));
    }
};

QTEST_GUILESS_MAIN(TestTeamOutage)
#include "tst_teamoutage.moc"
