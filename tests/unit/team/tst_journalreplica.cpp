// The journal's replication side (schema 3): UUIDs and origins, acknowledgements, pulled records, the
// timeline order of a team incident and the fold that follows it, old files kept readable.
#include "core/IncidentSession.h"
#include "core/Journal.h"
#include "core/JournalReplica.h"
#include "core/ManualClock.h"
#include "core/User.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace Sitrep::Core;

namespace {

ReplicaRecord remote(const QString &kind, const QString &summary, qint64 seq, const QJsonObject &payload = {})
{
    ReplicaRecord r;
    r.uuid = QUuid::createUuid().toString(QUuid::WithoutBraces);
    r.origin = QStringLiteral("bob@laptop2");
    r.author = QStringLiteral("bob");
    r.tsMs = 1000 + seq;
    r.kind = kind;
    r.summary = summary;
    r.payload = QString::fromUtf8(QJsonDocument(payload).toJson(QJsonDocument::Compact));
    r.seq = seq;
    return r;
}

QStringList summaries(const Journal &j)
{
    QStringList out;
    for (const auto &e : j.events())
        out << e.summary;
    return out;
}

QByteArray digest(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
}

// A schema-1 file as the first Sitrep wrote it: two events, one pin.
bool writeSchema1(const QString &path)
{
    bool ok = true;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("v1"));
        db.setDatabaseName(path);
        ok = db.open();
        QSqlQuery q(db);
        for (const char *sql :
             {"CREATE TABLE schema_version(version INTEGER NOT NULL, ts_ms INTEGER)",
              "INSERT INTO schema_version VALUES(1, 0)",
              "CREATE TABLE events(id INTEGER PRIMARY KEY AUTOINCREMENT, ts_ms INTEGER NOT NULL, kind TEXT "
              "NOT "
              "NULL, author TEXT NOT NULL, summary TEXT NOT NULL, payload TEXT NOT NULL DEFAULT '{}', pinned "
              "INTEGER NOT NULL DEFAULT 0)",
              "CREATE TABLE pins(id INTEGER PRIMARY KEY AUTOINCREMENT, event_id INTEGER NOT NULL REFERENCES "
              "events(id), pinned INTEGER NOT NULL, ts_ms INTEGER NOT NULL)",
              "CREATE INDEX pins_event ON pins(event_id)",
              "CREATE TRIGGER events_no_update BEFORE UPDATE ON events BEGIN SELECT RAISE(ABORT, 'the "
              "journal is "
              "append-only'); END",
              "INSERT INTO events(ts_ms, kind, author, summary) VALUES(5, 'note', 'old', 'first')",
              "INSERT INTO events(ts_ms, kind, author, summary) VALUES(6, 'note', 'old', 'second')",
              "INSERT INTO pins(event_id, pinned, ts_ms) VALUES(2, 1, 7)"})
            ok = ok && q.exec(QString::fromLatin1(sql));
        q = QSqlQuery();
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("v1"));
    return ok;
}

} // namespace

class TestJournalReplica : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    int m_n = 0;
    QString fresh() { return m_dir.filePath(QStringLiteral("j%1.sitrep").arg(++m_n)); }

private slots:
    void initTestCase()
    {
        qputenv("SITREP_USER", "alice");
        qputenv("SITREP_HOST", "laptop1");
    }

    void newEventsCarryUuidAndOrigin()
    {
        Journal j;
        QVERIFY(j.open(fresh()).ok());
        auto a = j.append(makeEvent(EventKind::Note, 1, QStringLiteral("alice"), QStringLiteral("one")));
        auto b = j.append(makeEvent(EventKind::Note, 2, QStringLiteral("alice"), QStringLiteral("two")));
        QVERIFY(a.ok() && b.ok());
        QVERIFY(!QUuid::fromString(a->uuid).isNull());
        QVERIFY(a->uuid != b->uuid);
        QCOMPARE(a->origin, QStringLiteral("alice@laptop1"));
        QCOMPARE(currentOrigin(), QStringLiteral("alice@laptop1"));
        const auto stored = j.events();
        QCOMPARE(stored.first().uuid, a->uuid);
        QCOMPARE(stored.first().origin, QStringLiteral("alice@laptop1"));
        QCOMPARE(stored.first().seq, 0);
        // The export format carries them and reads them back.
        const auto again = TimelineEvent::fromJson(stored.first().toJson());
        QVERIFY(again);
        QCOMPARE(again->uuid, a->uuid);
        QCOMPARE(again->origin, a->origin);
    }

    void olderFilesGetUuidsOnceAndStayReadableReadOnly()
    {
        const QString readOnlyPath = fresh();
        QVERIFY(writeSchema1(readOnlyPath));
        const QByteArray before = digest(readOnlyPath);
        {
            // Read-only: read as it is, nothing written (not even the upgrade).
            Journal j;
            auto r = j.open(readOnlyPath, Journal::Mode::ReadOnly);
            QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().text()));
            QCOMPARE(j.schemaVersion(), 1);
            QCOMPARE(summaries(j), (QStringList{QStringLiteral("first"), QStringLiteral("second")}));
            QVERIFY(j.events().at(1).pinned);
            QVERIFY(j.events().at(0).uuid.isEmpty());
        }
        QCOMPARE(digest(readOnlyPath), before);

        const QString path = fresh();
        QVERIFY(writeSchema1(path));
        Journal j;
        QVERIFY(j.open(path).ok());
        QCOMPARE(j.schemaVersion(), Journal::kSchemaVersion);
        const auto events = j.events();
        QCOMPARE(events.size(), 2);
        static const QRegularExpression uuid(
            QStringLiteral("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"));
        for (const auto &e : events)
            QVERIFY2(uuid.match(e.uuid).hasMatch(), qPrintable(e.uuid));
        QVERIFY(events.at(0).uuid != events.at(1).uuid);
        QVERIFY(events.at(1).pinned);
        // The old pin travels too: after the two events.
        JournalReplica replica(j);
        auto unshared = replica.unshared(10);
        QVERIFY(unshared.ok());
        QCOMPARE(unshared->size(), 3);
        QVERIFY(unshared->at(2).isPin());
        QCOMPARE(unshared->at(2).target, events.at(1).uuid);
        // Still append-only after the one-time UPDATE of the upgrade.
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("probe"));
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(!q.exec(QStringLiteral("UPDATE events SET summary = 'x'")));
        QVERIFY(q.exec(QStringLiteral("INSERT INTO shared(uuid, seq) VALUES('x', 1)")));
        QVERIFY(!q.exec(QStringLiteral("DELETE FROM shared")));
        QVERIFY(!q.exec(QStringLiteral("UPDATE shared SET seq = 2")));
        q = QSqlQuery();
        db.close();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(QStringLiteral("probe"));
    }

    void acknowledgementsAndSettings()
    {
        Journal j;
        QVERIFY(j.open(fresh()).ok());
        JournalReplica replica(j);
        QVERIFY(replica.isAvailable());
        QVERIFY(replica.teamId().isEmpty());
        QVERIFY(replica.setSetting(JournalReplica::kTeam, QStringLiteral("abcd1234")).ok());
        QCOMPARE(replica.teamId(), QStringLiteral("abcd1234"));
        auto a = j.append(makeEvent(EventKind::Note, 1, QStringLiteral("alice"), QStringLiteral("one")));
        auto b = j.append(makeEvent(EventKind::Note, 2, QStringLiteral("alice"), QStringLiteral("two")));
        QVERIFY(j.setPinned(a->id, true).ok());
        QCOMPARE(replica.unsharedCount(), 3);
        auto unshared = replica.unshared(10);
        QVERIFY(unshared.ok());
        QCOMPARE(unshared->size(), 3);
        QCOMPARE(unshared->at(0).uuid, a->uuid);
        QCOMPARE(unshared->at(1).uuid, b->uuid);
        QCOMPARE(unshared->at(2).target, a->uuid); // the pin after the events
        QCOMPARE(unshared->at(2).origin, QStringLiteral("alice@laptop1"));
        // A batch smaller than the events holds back the pins.
        QCOMPARE(replica.unshared(1)->size(), 1);
        auto applied = replica.apply({{a->uuid, 7}, {b->uuid, 8}, {unshared->at(2).uuid, 9}}, {}, 9);
        QVERIFY(applied.ok());
        QCOMPARE(applied->acknowledged, 3);
        QCOMPARE(replica.unsharedCount(), 0);
        QCOMPARE(replica.sharedCount(), 3);
        QCOMPARE(replica.cursor(), 9);
        QCOMPARE(j.events().at(0).seq, 7);
        QCOMPARE(j.events().at(1).seq, 8);
        // The same acknowledgement again changes nothing.
        applied = replica.apply({{a->uuid, 7}}, {}, 9);
        QVERIFY(applied.ok());
        QCOMPARE(applied->acknowledged, 0);
    }

    void pulledRecordsLandInServerOrderBeforeLocalOnes()
    {
        const QString path = fresh();
        Journal writer;
        QVERIFY(writer.open(path).ok());
        Journal reader; // the GUI's journal: another connection to the same file
        QVERIFY(reader.open(path).ok());
        QSignalSpy appended(&reader, &Journal::eventsAppended);
        QSignalSpy reordered(&reader, &Journal::reordered);
        QSignalSpy changed(&reader, &Journal::eventChanged);
        JournalReplica replica(writer);

        auto r1 = remote(QStringLiteral("note"), QStringLiteral("remote 10"), 10);
        QVERIFY(replica.apply({}, {r1}, 10).ok());
        reader.refresh();
        QCOMPARE(appended.count(), 1);
        QCOMPARE(reordered.count(), 0); // at the end: nothing moved

        auto local =
            reader.append(makeEvent(EventKind::Note, 5, QStringLiteral("alice"), QStringLiteral("local")));
        QVERIFY(local.ok());
        QCOMPARE(summaries(reader), (QStringList{QStringLiteral("remote 10"), QStringLiteral("local")}));

        // The server's next one lands before ours (not yet shared: last).
        auto r2 = remote(QStringLiteral("note"), QStringLiteral("remote 11"), 11);
        QVERIFY(replica.apply({}, {r2}, 11).ok());
        reader.refresh();
        QCOMPARE(reordered.count(), 1);
        QCOMPARE(summaries(reader), (QStringList{QStringLiteral("remote 10"), QStringLiteral("remote 11"),
                                                 QStringLiteral("local")}));
        QCOMPARE(reader.events().last().seq, 0);

        // Ours acknowledged after everything shared: it stays where it is, and says so.
        changed.clear();
        QVERIFY(replica.apply({{local->uuid, 12}}, {}, 11).ok());
        reader.refresh();
        QCOMPARE(reordered.count(), 1);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.first().first().value<TimelineEvent>().seq, 12);

        // Two of ours, the second acknowledged first (another process pushed it): a reorder.
        auto l2 = reader.append(makeEvent(EventKind::Note, 6, QStringLiteral("alice"), QStringLiteral("l2")));
        auto l3 = reader.append(makeEvent(EventKind::Note, 7, QStringLiteral("alice"), QStringLiteral("l3")));
        QVERIFY(replica.apply({{l3->uuid, 20}}, {}, 11).ok());
        reader.refresh();
        QCOMPARE(reordered.count(), 2);
        QCOMPARE(summaries(reader).mid(3), (QStringList{QStringLiteral("l3"), QStringLiteral("l2")}));
    }

    void pulledDuplicatesAndOwnEchoesAddNothing()
    {
        Journal j;
        QVERIFY(j.open(fresh()).ok());
        JournalReplica replica(j);
        auto mine = j.append(makeEvent(EventKind::Note, 1, QStringLiteral("alice"), QStringLiteral("mine")));
        ReplicaRecord echo;
        echo.uuid = mine->uuid;
        echo.kind = QStringLiteral("note");
        echo.summary = QStringLiteral("mine");
        echo.payload = QStringLiteral("{}");
        echo.seq = 3;
        const auto other = remote(QStringLiteral("note"), QStringLiteral("theirs"), 4);
        auto first = replica.apply({}, {echo, other}, 4);
        QVERIFY(first.ok());
        QCOMPARE(first->events, 1);
        auto second = replica.apply({}, {echo, other}, 4);
        QVERIFY(second.ok());
        QCOMPARE(second->events, 0);
        QCOMPARE(j.events().size(), 2);
        QCOMPARE(replica.unsharedCount(), 0);
        QCOMPARE(j.events().first().seq, 3); // our own event came back with its number: acknowledged
        QCOMPARE(j.events().last().origin, QStringLiteral("bob@laptop2"));
    }

    void laterServerSequenceWinsAndBothChangesShow()
    {
        // Two laptops change the severity at the same time; the server orders them; each laptop ends with
        // the same events in the same order and the same incident.
        ManualClock clock;
        QStringList finalOrder[2];
        QString severity[2];
        const auto declared = remote(QStringLiteral("declared"), QStringLiteral("P1 incident declared: x"), 1,
                                     {{QStringLiteral("id"), QStringLiteral("abcd1234")},
                                      {QStringLiteral("title"), QStringLiteral("x")},
                                      {QStringLiteral("severity"), QStringLiteral("P1")},
                                      {QStringLiteral("status"), QStringLiteral("investigating")}});
        ReplicaRecord p0 = remote(
            QStringLiteral("severity-change"), QStringLiteral("Severity: P1 -> P0"), 3,
            {{QStringLiteral("from"), QStringLiteral("P1")}, {QStringLiteral("to"), QStringLiteral("P0")}});
        ReplicaRecord p2 = remote(
            QStringLiteral("severity-change"), QStringLiteral("Severity: P1 -> P2"), 2,
            {{QStringLiteral("from"), QStringLiteral("P1")}, {QStringLiteral("to"), QStringLiteral("P2")}});
        for (int laptop = 0; laptop < 2; ++laptop) {
            const QString path = fresh();
            Journal writer; // the replicator's connection
            QVERIFY(writer.open(path).ok());
            JournalReplica replica(writer);
            QVERIFY(replica.apply({}, {declared}, 1).ok());
            Journal j; // the console's
            QVERIFY(j.open(path).ok());
            IncidentSession session(j, clock, QStringLiteral("me"));
            QCOMPARE(session.incident().severity(), QStringLiteral("P1"));
            // Laptop 0 wrote P0 itself (server gave it 3); laptop 1 wrote P2 (server gave it 2).
            const ReplicaRecord &own = laptop == 0 ? p0 : p2;
            const ReplicaRecord &theirs = laptop == 0 ? p2 : p0;
            TimelineEvent e = storedEvent(0, own.tsMs, own.kind, own.author, own.summary, own.payload, false);
            e.uuid = own.uuid;
            QVERIFY(j.append(e).ok());
            QCOMPARE(session.incident().severity(),
                     laptop == 0 ? QStringLiteral("P0") : QStringLiteral("P2"));
            // Exchange: our acknowledgement and their event in one go, as the replicator writes them.
            QVERIFY(replica.apply({{own.uuid, own.seq}}, {theirs}, 3).ok());
            j.refresh();
            finalOrder[laptop] = replica.timelineUuids();
            severity[laptop] = session.incident().severity();
            QCOMPARE(session.incident().severity(), Incident::fromEvents(j.events()).severity());
            QCOMPARE(j.events().size(), 3); // both changes are on the timeline
        }
        QCOMPARE(finalOrder[0], finalOrder[1]);
        QCOMPARE(finalOrder[0], (QStringList{declared.uuid, p2.uuid, p0.uuid}));
        QCOMPARE(severity[0], QStringLiteral("P0"));
        QCOMPARE(severity[1], QStringLiteral("P0"));
    }

    void pinsFollowTheServerOrder()
    {
        Journal j;
        QVERIFY(j.open(fresh()).ok());
        JournalReplica replica(j);
        const auto note = remote(QStringLiteral("note"), QStringLiteral("pin me"), 1);
        ReplicaRecord pin = remote(QStringLiteral("pin"), QStringLiteral("pinned"), 2);
        pin.target = note.uuid;
        pin.pinned = true;
        QVERIFY(replica.apply({}, {note, pin}, 2).ok());
        QVERIFY(j.events().first().pinned);
        ReplicaRecord unpin = remote(QStringLiteral("pin"), QStringLiteral("unpinned"), 3);
        unpin.target = note.uuid;
        unpin.pinned = false;
        QVERIFY(replica.apply({}, {unpin}, 3).ok());
        QVERIFY(!j.events().first().pinned);
        // A local pin not yet shared is the latest word until the server orders it.
        QVERIFY(j.setPinned(j.events().first().id, true).ok());
        QVERIFY(j.events().first().pinned);
        auto local = replica.unshared(10);
        QCOMPARE(local->size(), 1);
        // Someone unpinned after us on the server: the server's later number wins.
        ReplicaRecord later = remote(QStringLiteral("pin"), QStringLiteral("unpinned"), 5);
        later.target = note.uuid;
        QVERIFY(replica.apply({{local->first().uuid, 4}}, {later}, 5).ok());
        QVERIFY(!j.events().first().pinned);
    }

    void pulledTextIsRedactedHere()
    {
        Journal j;
        auto redactor = std::make_shared<Redactor>();
        redactor->addSecret(QStringLiteral("hunter2-only-i-know"));
        j.setRedactor(redactor);
        QVERIFY(j.open(fresh()).ok());
        JournalReplica replica(j);
        const auto leaky = remote(QStringLiteral("note"), QStringLiteral("password is hunter2-only-i-know"),
                                  1, {{QStringLiteral("cmd"), QStringLiteral("login hunter2-only-i-know")}});
        QVERIFY(replica.apply({}, {leaky}, 1).ok());
        const auto e = j.events().first();
        QVERIFY(!e.summary.contains(QLatin1String("hunter2")));
        QVERIFY(!QJsonDocument(e.payload).toJson().contains("hunter2"));
    }
};

QTEST_GUILESS_MAIN(TestJournalReplica)
#include "tst_journalreplica.moc"
