// Replicas of one team incident kept in step through a real PostgreSQL 15, in one process: each "laptop"
// is a console's journal and session plus a replicator on its own thread, as the GUI wires them.
// Faults: the server restarted between a push and its acknowledgement, the server away while writing,
// a replica offline for 1,000 events. Every replica must end with the same events in the same order.
#include "core/IncidentSession.h"
#include "core/Journal.h"
#include "core/JournalReplica.h"
#include "core/ManualClock.h"
#include "core/User.h"
#include "support/PostgresFixture.h"
#include "team/ServerConnection.h"
#include "team/ServerStore.h"
#include "team/TeamOperations.h"
#include "team/TeamSync.h"

#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>

using namespace Sitrep;
using Core::EventKind;
using Core::Journal;
using Team::ReplicaStatus;
using Team::TeamOperations;

namespace {

// One responder's console: the journal the UI reads, the session it writes through, the replicator.
struct Laptop
{
    QString path;
    Core::SystemClock clock;
    Journal journal;
    std::unique_ptr<Core::IncidentSession> session;
    std::unique_ptr<Team::TeamSync> sync;

    QString open(const QString &file)
    {
        path = file;
        if (auto r = journal.open(path); !r)
            return r.error().text();
        session = std::make_unique<Core::IncidentSession>(journal, clock, QStringLiteral("tester"));
        return {};
    }
    void connect(const Team::ReplicaConfig &config)
    {
        sync = std::make_unique<Team::TeamSync>(config);
        QObject::connect(sync.get(), &Team::TeamSync::journalChanged, &journal, &Journal::refresh);
        QObject::connect(&journal, &Journal::eventsAppended, sync.get(), &Team::TeamSync::nudge);
        sync->start();
    }
    QStringList uuids() const
    {
        QStringList out;
        for (const auto &e : journal.events())
            out << e.uuid;
        return out;
    }
};

} // namespace

class TestReplicator : public QObject
{
    Q_OBJECT
    Test::PostgresFixture m_pg;
    QTemporaryDir m_dir;
    int m_files = 0;

    Team::ReplicaConfig config(const QString &path, const QString &user, const QString &teamId)
    {
        Team::ReplicaConfig c;
        c.journalPath = path;
        c.server = *Team::ServerUrl::parse(m_pg.url(user));
        c.password = Test::PostgresFixture::password(user);
        c.teamId = teamId;
        c.self = {{}, user, user + QStringLiteral("@host-") + user, QStringLiteral("console"), 0};
        c.pollMs = 2000;
        c.heartbeatMs = 1000;
        c.maxBackoffMs = 1000;
        return c;
    }
    TeamOperations::Credentials as(const QString &user)
    {
        return {*Team::ServerUrl::parse(m_pg.url(user)), Test::PostgresFixture::password(user)};
    }
    QString newFile() { return m_dir.filePath(QStringLiteral("r%1.sitrep").arg(++m_files)); }

    // A declared incident, shared by alice; returns its team id.
    QString sharedIncident(const QString &path, const QString &title)
    {
        {
            Journal j;
            Core::SystemClock clock;
            if (!j.open(path))
                return {};
            Core::IncidentSession s(j, clock, QStringLiteral("alice"));
            Core::IncidentSession::Declaration d;
            d.title = title;
            d.service = QStringLiteral("checkout");
            d.commander = QStringLiteral("alice");
            if (!s.declare(d))
                return {};
        }
        auto shared = TeamOperations::share(path, as(QStringLiteral("alice")));
        return shared ? shared->teamId : QString();
    }

    qint64 serverCount(const QString &teamId)
    {
        Team::ServerConnection c(*Team::ServerUrl::parse(m_pg.url(QStringLiteral("wall"))),
                                 Test::PostgresFixture::password(QStringLiteral("wall")));
        if (!c.open())
            return -1;
        auto counts = Team::ServerStore(c).counts(teamId);
        return counts ? counts->records : -1;
    }

    static bool sameEverywhere(const QList<Laptop *> &laptops, qsizetype expected)
    {
        const QStringList first = laptops.first()->uuids();
        if (first.size() != expected || QSet<QString>(first.cbegin(), first.cend()).size() != expected)
            return false;
        for (const Laptop *l : laptops) {
            if (l->uuids() != first)
                return false;
        }
        return true;
    }

private slots:
    void initTestCase()
    {
        const QString err = m_pg.start();
        QVERIFY2(err.isEmpty(), qPrintable(err));
    }

    void aNoteReachesTheOtherLaptopAttributedAndPinsToo()
    {
        const QString a = newFile();
        const QString team = sharedIncident(a, QStringLiteral("Checkout 502"));
        QVERIFY(!team.isEmpty());
        const QString b = newFile();
        auto joined = TeamOperations::join(team, as(QStringLiteral("bob")), b);
        QVERIFY2(joined.ok(), qPrintable(joined.ok() ? QString() : joined.error().text()));
        Laptop alice, bob;
        QCOMPARE(alice.open(a), QString());
        QCOMPARE(bob.open(b), QString());
        QCOMPARE(bob.session->incident().title(), QStringLiteral("Checkout 502"));
        QCOMPARE(bob.session->incident().commander(), QStringLiteral("alice"));
        alice.connect(config(a, QStringLiteral("alice"), team));
        bob.connect(config(b, QStringLiteral("bob"), team));
        QTRY_VERIFY_WITH_TIMEOUT(alice.sync->status().state == ReplicaStatus::State::Online, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(bob.sync->status().state == ReplicaStatus::State::Online, 10000);

        auto note = alice.session->addNote(QStringLiteral("rolled back api-gateway"));
        QVERIFY(note.ok());
        QTRY_VERIFY_WITH_TIMEOUT(bob.journal.events().last().uuid == note->uuid, 5000);
        const auto seen = bob.journal.events().last();
        QCOMPARE(seen.summary, QStringLiteral("rolled back api-gateway"));
        QCOMPARE(seen.author, QStringLiteral("tester"));
        QCOMPARE(seen.origin, Core::currentOrigin()); // user@host of the laptop that wrote it
        QVERIFY(seen.seq > 0);
        QTRY_COMPARE_WITH_TIMEOUT(alice.sync->status().unshared, 0, 5000);

        // Status and severity from bob show on alice's header state.
        QVERIFY(bob.session->setSeverity(QStringLiteral("P0"), QStringLiteral("all regions")).ok());
        QVERIFY(bob.session->setStatus(Core::Status::Identified).ok());
        QTRY_COMPARE_WITH_TIMEOUT(alice.session->incident().severity(), QStringLiteral("P0"), 5000);
        QTRY_COMPARE_WITH_TIMEOUT(alice.session->incident().status(), Core::Status::Identified, 5000);

        // Pins are shared.
        QVERIFY(bob.journal.setPinned(seen.id, true).ok());
        bob.sync->nudge();
        QTRY_VERIFY_WITH_TIMEOUT(alice.journal.event(note->id)->pinned, 5000);

        // Presence: each sees the other (name and kind).
        QTRY_VERIFY_WITH_TIMEOUT(!alice.sync->peers().isEmpty(), 5000);
        QCOMPARE(alice.sync->peers().first().name, QStringLiteral("bob"));
        QCOMPARE(alice.sync->peers().first().kind, QStringLiteral("console"));
        QTRY_VERIFY_WITH_TIMEOUT(sameEverywhere({&alice, &bob}, alice.journal.events().size()), 5000);
        bob.sync->stop();
        QTRY_VERIFY_WITH_TIMEOUT(alice.sync->peers().isEmpty(), 5000); // said goodbye
        alice.sync->stop();
    }

    void serverRestartedBetweenPushAndAcknowledgement()
    {
        const QString a = newFile();
        const QString team = sharedIncident(a, QStringLiteral("restart"));
        QVERIFY(!team.isEmpty());
        Laptop alice;
        QCOMPARE(alice.open(a), QString());
        auto cfg = config(a, QStringLiteral("alice"), team);
        std::atomic<int> restarts{0};
        QString restartError;
        cfg.afterPushCommit = [&] {
            // On the replicator's thread: the push is committed, its acknowledgement not read yet.
            if (restarts.fetch_add(1) == 0)
                restartError = m_pg.restart();
        };
        for (int i = 0; i < 20; ++i)
            QVERIFY(alice.session->addNote(QStringLiteral("before the restart %1").arg(i)).ok());
        alice.connect(cfg);
        QTRY_VERIFY_WITH_TIMEOUT(restarts.load() >= 2, 20000); // pushed again after the restart
        QCOMPARE(restartError, QString());
        QTRY_COMPARE_WITH_TIMEOUT(alice.sync->status().unshared, 0, 20000);
        QTRY_COMPARE_WITH_TIMEOUT(alice.sync->status().state, ReplicaStatus::State::Online, 20000);
        const qint64 local = alice.journal.events().size();
        QCOMPARE(serverCount(team), local); // nothing twice on the server
        // A new replica gets exactly the same events, in the same order.
        const QString b = newFile();
        QVERIFY(TeamOperations::join(team, as(QStringLiteral("bob")), b).ok());
        Laptop bob;
        QCOMPARE(bob.open(b), QString());
        QCOMPARE(bob.uuids(), alice.uuids());
        alice.sync->stop();
    }

    void offlineIsNormalAndNothingIsLost()
    {
        const QString a = newFile();
        const QString team = sharedIncident(a, QStringLiteral("offline"));
        QVERIFY(!team.isEmpty());
        const QString b = newFile();
        QVERIFY(TeamOperations::join(team, as(QStringLiteral("bob")), b).ok());
        Laptop alice, bob;
        QCOMPARE(alice.open(a), QString());
        QCOMPARE(bob.open(b), QString());
        alice.connect(config(a, QStringLiteral("alice"), team));
        bob.connect(config(b, QStringLiteral("bob"), team));
        QTRY_COMPARE_WITH_TIMEOUT(alice.sync->status().state, ReplicaStatus::State::Online, 10000);

        QCOMPARE(m_pg.stop(), QString());
        for (int i = 0; i < 3; ++i)
            QVERIFY(alice.session->addNote(QStringLiteral("offline %1").arg(i)).ok());
        QVERIFY(bob.session->addNote(QStringLiteral("bob offline")).ok());
        QTRY_COMPARE_WITH_TIMEOUT(alice.sync->status().state, ReplicaStatus::State::Offline, 15000);
        QTRY_COMPARE_WITH_TIMEOUT(alice.sync->status().unshared, 3, 5000); // "not yet shared: 3"
        QVERIFY(!alice.sync->status().message.isEmpty());
        QCOMPARE(alice.journal.events().last().seq, 0);

        QCOMPARE(m_pg.startAgain(), QString());
        QTRY_COMPARE_WITH_TIMEOUT(alice.sync->status().unshared, 0, 20000);
        QTRY_COMPARE_WITH_TIMEOUT(bob.sync->status().unshared, 0, 20000);
        QTRY_VERIFY_WITH_TIMEOUT(sameEverywhere({&alice, &bob}, serverCount(team)), 20000);
        QCOMPARE(alice.journal.events().size(), 2 + 3 + 1); // declared, commander, 3 + 1 notes
        alice.sync->stop();
        bob.sync->stop();
    }

    void aReplicaOfflineForAThousandEvents()
    {
        const QString a = newFile();
        const QString team = sharedIncident(a, QStringLiteral("thousand"));
        QVERIFY(!team.isEmpty());
        const QString b = newFile();
        QVERIFY(TeamOperations::join(team, as(QStringLiteral("bob")), b).ok());
        Laptop alice, bob;
        QCOMPARE(alice.open(a), QString());
        QCOMPARE(bob.open(b), QString());
        alice.connect(config(a, QStringLiteral("alice"), team));
        // bob is away: his laptop writes on its own.
        for (int i = 0; i < 10; ++i)
            QVERIFY(bob.session->addNote(QStringLiteral("bob alone %1").arg(i)).ok());
        QList<Core::TimelineEvent> batch;
        for (int i = 0; i < 1000; ++i)
            batch << Core::makeEvent(EventKind::Note, 0, QStringLiteral("alice"),
                                     QStringLiteral("event %1").arg(i));
        QVERIFY(alice.journal.appendAll(batch).ok());
        QTRY_COMPARE_WITH_TIMEOUT(serverCount(team), 1002, 30000);
        QTRY_COMPARE_WITH_TIMEOUT(alice.sync->status().unshared, 0, 30000);
        bob.connect(config(b, QStringLiteral("bob"), team));
        QTRY_VERIFY_WITH_TIMEOUT(sameEverywhere({&alice, &bob}, 1012), 30000);
        QCOMPARE(serverCount(team), 1012);
        alice.sync->stop();
        bob.sync->stop();
    }

    void aWallReadsAndNeverWrites()
    {
        const QString a = newFile();
        const QString team = sharedIncident(a, QStringLiteral("wall"));
        QVERIFY(!team.isEmpty());
        const QString w = newFile();
        auto joined =
            TeamOperations::join(team, as(QStringLiteral("wall")), w, {}, Team::ServerSchema::Access::Wall);
        QVERIFY2(joined.ok(), qPrintable(joined.ok() ? QString() : joined.error().text()));
        // As a responder the wall's user is refused, with a sentence that says why.
        const QString w2 = newFile();
        auto refused = TeamOperations::join(team, as(QStringLiteral("wall")), w2);
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error().message.contains(QLatin1String("may only read")),
                 qPrintable(refused.error().text()));
        QVERIFY(!QFile::exists(w2));

        Laptop alice, wall;
        QCOMPARE(alice.open(a), QString());
        QCOMPARE(wall.open(w), QString());
        alice.connect(config(a, QStringLiteral("alice"), team));
        auto cfg = config(w, QStringLiteral("wall"), team);
        cfg.access = Team::ServerSchema::Access::Wall;
        cfg.self.kind = QStringLiteral("wall");
        wall.connect(cfg);
        auto note = alice.session->addNote(QStringLiteral("for the wall"));
        QTRY_VERIFY_WITH_TIMEOUT(wall.journal.events().last().uuid == note->uuid, 5000);
        QTRY_VERIFY_WITH_TIMEOUT(!alice.sync->peers().isEmpty() && alice.sync->peers().last().isWall(), 5000);
        alice.sync->stop();
        wall.sync->stop();
    }
};

QTEST_GUILESS_MAIN(TestReplicator)
#include "tst_replicator.moc"
