// The team server against a real PostgreSQL 15: schema and migrations, append-only for everyone, the
// server's ordering, idempotent pushes, pulls after a cursor, the incident list, NOTIFY on insert.
#include "support/PostgresFixture.h"
#include "team/ServerConnection.h"
#include "team/ServerSchema.h"
#include "team/ServerStore.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QSignalSpy>
#include <QSqlDriver>
#include <QTest>
#include <QUuid>

#include <atomic>
#include <thread>

using namespace Sitrep;
using Core::ReplicaRecord;
using Team::ServerConnection;
using Team::ServerSchema;
using Team::ServerStore;
using Team::ServerUrl;

namespace {

ReplicaRecord record(const QString &kind, const QString &summary, const QJsonObject &payload = {})
{
    ReplicaRecord r;
    r.uuid = QUuid::createUuid().toString(QUuid::WithoutBraces);
    r.origin = QStringLiteral("alice@laptop");
    r.author = QStringLiteral("alice");
    r.tsMs = QDateTime::currentMSecsSinceEpoch();
    r.kind = kind;
    r.summary = summary;
    r.payload = QString::fromUtf8(QJsonDocument(payload).toJson(QJsonDocument::Compact));
    return r;
}

ReplicaRecord declaration(const QString &title)
{
    return record(QStringLiteral("declared"), QStringLiteral("P1 incident declared: ") + title,
                  {{QStringLiteral("id"), QStringLiteral("abcd1234")},
                   {QStringLiteral("title"), title},
                   {QStringLiteral("service"), QStringLiteral("checkout")},
                   {QStringLiteral("severity"), QStringLiteral("P1")},
                   {QStringLiteral("status"), QStringLiteral("investigating")}});
}

} // namespace

class TestTeamServer : public QObject
{
    Q_OBJECT
    Test::PostgresFixture m_pg;

    std::unique_ptr<ServerConnection> connect(const QString &user)
    {
        auto url = ServerUrl::parse(m_pg.url(user));
        if (!url)
            qFatal("bad fixture URL");
        auto c = std::make_unique<ServerConnection>(*url, Test::PostgresFixture::password(user));
        if (auto r = c->open(); !r)
            qFatal("%s cannot connect: %s", qPrintable(user), qPrintable(r.error().text()));
        return c;
    }

    QString share(ServerConnection &c, const QString &teamId, ReplicaRecord declared)
    {
        ServerStore store(c);
        auto reg = store.registerIncident(teamId, QStringLiteral("abcd1234"), declared.uuid,
                                          QStringLiteral("Checkout 502"), QStringLiteral("alice@laptop"));
        if (!reg || !*reg)
            return QStringLiteral("register failed");
        auto acks = store.push(teamId, {declared});
        return acks ? QString() : acks.error().text();
    }

private slots:
    void initTestCase()
    {
        const QString err = m_pg.start();
        QVERIFY2(err.isEmpty(), qPrintable(err));
    }

    void schemaIsVersionedAndInitTwiceChangesNothing()
    {
        auto owner = connect(QStringLiteral("sitrep"));
        auto version = ServerSchema::installedVersion(*owner);
        QVERIFY(version.ok());
        QCOMPARE(*version, ServerSchema::kVersion);
        auto again = ServerSchema::init(*owner);
        QVERIFY2(again.ok(), qPrintable(again.ok() ? QString() : again.error().text()));
        QCOMPARE(again->fromVersion, ServerSchema::kVersion);
        QVERIFY(again->rolesCreated.isEmpty());
        QCOMPARE(m_pg.sql(QStringLiteral("SELECT count(*) FROM sitrep.schema_version")), QStringLiteral("1"));
        QVERIFY(ServerSchema::check(*connect(QStringLiteral("alice")), ServerSchema::Access::Responder).ok());
        QVERIFY(ServerSchema::check(*connect(QStringLiteral("wall")), ServerSchema::Access::Wall).ok());
    }

    void appendOnlyForEveryone()
    {
        auto alice = connect(QStringLiteral("alice"));
        QVERIFY(share(*alice, QStringLiteral("append-only"), declaration(QStringLiteral("x"))).isEmpty());
        // Responders: no UPDATE/DELETE privilege at all.
        for (const QString &sql :
             {QStringLiteral("UPDATE sitrep.events SET summary = 'x'"),
              QStringLiteral("DELETE FROM sitrep.events"), QStringLiteral("TRUNCATE sitrep.events"),
              QStringLiteral("UPDATE sitrep.incidents SET title = 'x'")}) {
            auto r = alice->exec(sql, QStringLiteral("tampering"));
            QVERIFY2(!r.ok(), qPrintable(sql));
            QVERIFY2(r.error().message.contains(QLatin1String("refused")), qPrintable(r.error().text()));
        }
        // Even the owner (and a superuser) meets the trigger.
        for (const QString &sql :
             {QStringLiteral("UPDATE sitrep.events SET summary = 'x'"),
              QStringLiteral("DELETE FROM sitrep.events"), QStringLiteral("TRUNCATE sitrep.events"),
              QStringLiteral("DELETE FROM sitrep.incidents")}) {
            const QString out = m_pg.sql(sql);
            QVERIFY2(out.contains(QLatin1String("append-only")), qPrintable(out));
        }
        // The wall reads and nothing else.
        auto wall = connect(QStringLiteral("wall"));
        ServerStore wallStore(*wall);
        auto insert = wallStore.push(QStringLiteral("append-only"),
                                     {record(QStringLiteral("note"), QStringLiteral("n"))});
        QVERIFY(!insert.ok());
        QVERIFY2(insert.error().message.contains(QLatin1String("sitrep_responder")),
                 qPrintable(insert.error().text()));
        auto read = wallStore.pull(QStringLiteral("append-only"), 0, 10);
        QVERIFY(read.ok());
        QCOMPARE(read->size(), 1);
    }

    void pushIsIdempotentAndTheServerNumbers()
    {
        auto alice = connect(QStringLiteral("alice"));
        const QString team = QStringLiteral("idem");
        QVERIFY(share(*alice, team, declaration(QStringLiteral("idempotent"))).isEmpty());
        QList<ReplicaRecord> batch;
        for (int i = 0; i < 50; ++i)
            batch << record(QStringLiteral("note"),
                            QStringLiteral("note %1 with 'quotes' and \\ and ünïcode").arg(i));
        ServerStore store(*alice);
        auto first = store.push(team, batch);
        QVERIFY2(first.ok(), qPrintable(first.ok() ? QString() : first.error().text()));
        QCOMPARE(first->size(), 50);
        // The same push again (an acknowledgement that never arrived): nothing new, same numbers.
        auto second = store.push(team, batch);
        QVERIFY(second.ok());
        QHash<QString, qint64> seqOf;
        for (const auto &a : *first)
            seqOf.insert(a.uuid, a.seq);
        for (const auto &a : *second)
            QCOMPARE(a.seq, seqOf.value(a.uuid));
        auto counts = store.counts(team);
        QVERIFY(counts.ok());
        QCOMPARE(counts->records, 51);
        // Server order is push order, and content comes back byte for byte.
        auto pulled = store.pull(team, 0, 1000);
        QVERIFY(pulled.ok());
        QCOMPARE(pulled->size(), 51);
        for (int i = 0; i < 50; ++i) {
            ReplicaRecord expected = batch.at(i);
            expected.seq = pulled->at(i + 1).seq;
            QCOMPARE(pulled->at(i + 1), expected);
            QVERIFY(pulled->at(i + 1).seq > pulled->at(i).seq);
        }
        // A cursor returns only what came after it.
        auto after = store.pull(team, pulled->at(40).seq, 1000);
        QVERIFY(after.ok());
        QCOMPARE(after->size(), 10);
        QCOMPARE(after->first().uuid, batch.at(40).uuid);
    }

    void concurrentWritersNeverHideAnEarlierNumber()
    {
        // Three threads push at once; a reader that only asks for "seq > last seen" must still see every
        // record (the per-incident lock keeps numbering and commit order the same).
        const QString team = QStringLiteral("concurrent");
        auto alice = connect(QStringLiteral("alice"));
        QVERIFY(share(*alice, team, declaration(QStringLiteral("concurrent"))).isEmpty());
        const QString url = m_pg.url(QStringLiteral("bob"));
        std::atomic<int> running{3};
        std::atomic<int> failures{0};
        std::vector<std::thread> writers;
        for (int w = 0; w < 3; ++w) {
            writers.emplace_back([&, w] {
                {
                    ServerConnection c(*ServerUrl::parse(url),
                                       Test::PostgresFixture::password(QStringLiteral("bob")),
                                       QStringLiteral("writer%1").arg(w));
                    if (!c.open()) {
                        ++failures;
                    } else {
                        ServerStore s(c);
                        for (int round = 0; round < 60; ++round) {
                            QList<ReplicaRecord> batch;
                            for (int i = 0; i < 3; ++i)
                                batch << record(QStringLiteral("note"),
                                                QStringLiteral("w%1 r%2").arg(w).arg(round));
                            if (!s.insert(team, batch))
                                ++failures;
                        }
                    }
                }
                --running;
            });
        }
        auto reader = connect(QStringLiteral("wall"));
        ServerStore readerStore(*reader);
        QSet<QString> seen;
        qint64 cursor = 0;
        bool ordered = true;
        auto pullOnce = [&] {
            auto pulled = readerStore.pull(team, cursor, 100000);
            if (!pulled)
                return false;
            for (const auto &r : *pulled) {
                ordered = ordered && r.seq > cursor && !seen.contains(r.uuid);
                seen.insert(r.uuid);
                cursor = r.seq;
            }
            return true;
        };
        while (running > 0)
            QVERIFY(pullOnce());
        for (auto &t : writers)
            t.join();
        QVERIFY(pullOnce());
        QCOMPARE(failures.load(), 0);
        QVERIFY(ordered);
        QCOMPARE(seen.size(), 1 + 3 * 60 * 3);
    }

    void insertsAreAnnounced()
    {
        const QString team = QStringLiteral("announced");
        auto alice = connect(QStringLiteral("alice"));
        QVERIFY(share(*alice, team, declaration(QStringLiteral("notify"))).isEmpty());
        auto wall = connect(QStringLiteral("wall"));
        QSqlDriver *driver = wall->database().driver();
        QVERIFY(driver->subscribeToNotification(QStringLiteral("sitrep_events")));
        QSignalSpy spy(driver, &QSqlDriver::notification);
        ServerStore store(*alice);
        QVERIFY(store.push(team, {record(QStringLiteral("note"), QStringLiteral("hello"))}).ok());
        QTRY_VERIFY_WITH_TIMEOUT(!spy.isEmpty(), 5000);
        QCOMPARE(spy.first().at(0).toString(), QStringLiteral("sitrep_events"));
        QCOMPARE(spy.first().at(2).toString(), team);
    }

    void incidentListFoldsTheEvents()
    {
        const QString team = QStringLiteral("listed");
        auto bob = connect(QStringLiteral("bob"));
        QVERIFY(share(*bob, team, declaration(QStringLiteral("Payments down"))).isEmpty());
        ServerStore store(*bob);
        auto role = record(QStringLiteral("role-change"), QStringLiteral("Commander: carol"),
                           {{QStringLiteral("role"), QStringLiteral("commander")},
                            {QStringLiteral("person"), QStringLiteral("carol")}});
        auto sev = record(
            QStringLiteral("severity-change"), QStringLiteral("Severity: P1 -> P0"),
            {{QStringLiteral("from"), QStringLiteral("P1")}, {QStringLiteral("to"), QStringLiteral("P0")}});
        sev.author = QStringLiteral("bob");
        QVERIFY(store.push(team, {role, sev}).ok());
        auto list = store.incidents();
        QVERIFY(list.ok());
        auto it = std::find_if(list->cbegin(), list->cend(), [&](const auto &t) { return t.teamId == team; });
        QVERIFY(it != list->cend());
        QCOMPARE(it->title, QStringLiteral("Payments down"));
        QCOMPARE(it->severity, QStringLiteral("P0"));
        QCOMPARE(it->status, QStringLiteral("investigating"));
        QCOMPARE(it->commander, QStringLiteral("carol"));
        QCOMPARE(it->events, 3);
        QCOMPARE(QSet<QString>(it->responders.cbegin(), it->responders.cend()),
                 (QSet<QString>{QStringLiteral("alice"), QStringLiteral("bob")}));
        QVERIFY(it->isOpen());
        auto one = store.incident(team);
        QVERIFY(one.ok());
        QCOMPARE(one->commander, QStringLiteral("carol"));
        auto missing = store.incident(QStringLiteral("nope"));
        QVERIFY(!missing.ok());
        QVERIFY(missing.error().message.contains(QLatin1String("no incident \"nope\"")));
    }

    void teamIdTakenByAnotherIncident()
    {
        auto alice = connect(QStringLiteral("alice"));
        ServerStore store(*alice);
        const QString uuidA = QUuid::createUuid().toString(QUuid::WithoutBraces);
        auto first = store.registerIncident(QStringLiteral("taken"), QStringLiteral("a"), uuidA,
                                            QStringLiteral("A"), QStringLiteral("alice@x"));
        QVERIFY(first.ok() && *first);
        auto same = store.registerIncident(QStringLiteral("taken"), QStringLiteral("a"), uuidA,
                                           QStringLiteral("A"), QStringLiteral("alice@x"));
        QVERIFY(same.ok() && *same);
        auto other = store.registerIncident(QStringLiteral("taken"), QStringLiteral("b"),
                                            QUuid::createUuid().toString(QUuid::WithoutBraces),
                                            QStringLiteral("B"), QStringLiteral("bob@y"));
        QVERIFY(other.ok());
        QVERIFY(!*other);
    }
};

QTEST_GUILESS_MAIN(TestTeamServer)
#include "tst_teamserver.moc"
