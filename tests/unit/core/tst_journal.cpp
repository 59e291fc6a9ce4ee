#include "core/Journal.h"

#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace Sitrep::Core;

class TstJournal : public QObject
{
    Q_OBJECT
private slots:
    void appendAndRead();
    void redactsOnAppend();
    void appendOnly();
    void pins();
    void otherProcessAppends();
    void newerSchemaOpensReadOnly();
    void olderSchemaMigrates();
    void badFiles_data();
    void badFiles();
    void killNineLosesNothingAcknowledged();

private:
    QTemporaryDir m_dir;
};

void TstJournal::appendAndRead()
{
    const QString path = m_dir.filePath(QStringLiteral("a.sitrep"));
    Journal j;
    QVERIFY(j.open(path).ok());
    QCOMPARE(j.schemaVersion(), Journal::kSchemaVersion);
    QSignalSpy spy(&j, &Journal::eventsAppended);
    auto e = j.append(makeEvent(EventKind::Alert, 1000, QStringLiteral("prometheus"),
                                QStringLiteral("HighErrorRate"),
                                {{QStringLiteral("fingerprint"), QStringLiteral("abc")}}));
    QVERIFY(e.ok());
    QCOMPARE(e->id, 1);
    QCOMPARE(spy.count(), 1);
    const auto all = j.events();
    QCOMPARE(all.size(), 1);
    QCOMPARE(all.first().kind, EventKind::Alert);
    QCOMPARE(all.first().tsMs, 1000);
    QCOMPARE(all.first().payload.value(QLatin1String("fingerprint")).toString(), QStringLiteral("abc"));

    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("probe"));
    db.setDatabaseName(path);
    QVERIFY(db.open());
    QSqlQuery q(db);
    QVERIFY(q.exec(QStringLiteral("PRAGMA journal_mode")) && q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("wal"));
    q = QSqlQuery();
    db.close();
    db = QSqlDatabase();
    QSqlDatabase::removeDatabase(QStringLiteral("probe"));
}

void TstJournal::redactsOnAppend()
{
    Journal j;
    QVERIFY(j.open(m_dir.filePath(QStringLiteral("r.sitrep"))).ok());
    auto e = j.append(
        makeEvent(EventKind::CommandRun, 1, QStringLiteral("alice"),
                  QStringLiteral("psql postgres://app:hunter22@db/orders"),
                  {{QStringLiteral("output"), QStringLiteral("Authorization: Bearer abcdef123456789")}}));
    QVERIFY(e.ok());
    const auto stored = j.events().first();
    QVERIFY(!stored.summary.contains(QLatin1String("hunter22")));
    QVERIFY(
        !stored.payload.value(QLatin1String("output")).toString().contains(QLatin1String("abcdef123456789")));
    QFile raw(m_dir.filePath(QStringLiteral("r.sitrep")));
    j.close();
    QVERIFY(raw.open(QIODevice::ReadOnly));
    QVERIFY(!raw.readAll().contains("hunter22"));
}

void TstJournal::appendOnly()
{
    const QString path = m_dir.filePath(QStringLiteral("ao.sitrep"));
    Journal j;
    QVERIFY(j.open(path).ok());
    QVERIFY(j.append(makeEvent(EventKind::Note, 1, QStringLiteral("a"), QStringLiteral("x"))).ok());
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("tamper"));
    db.setDatabaseName(path);
    QVERIFY(db.open());
    {
        QSqlQuery q(db);
        QVERIFY(!q.exec(QStringLiteral("UPDATE events SET summary='y'")));
        QVERIFY(q.lastError().text().contains(QLatin1String("append-only")));
        QVERIFY(!q.exec(QStringLiteral("DELETE FROM events")));
    }
    db.close();
    db = QSqlDatabase();
    QSqlDatabase::removeDatabase(QStringLiteral("tamper"));
    QCOMPARE(j.events().first().summary, QStringLiteral("x"));
}

void TstJournal::pins()
{
    const QString path = m_dir.filePath(QStringLiteral("p.sitrep"));
    Journal j;
    QVERIFY(j.open(path).ok());
    auto e = j.append(makeEvent(EventKind::LogExcerpt, 1, QStringLiteral("a"), QStringLiteral("FATAL ...")));
    QVERIFY(e.ok());
    QSignalSpy changed(&j, &Journal::eventChanged);
    QVERIFY(j.setPinned(e->id, true).ok());
    QCOMPARE(changed.count(), 1);
    QVERIFY(j.event(e->id)->pinned);
    QVERIFY(j.setPinned(e->id, false).ok());
    QVERIFY(!j.event(e->id)->pinned);
    QVERIFY(!j.setPinned(999, true).ok());

    // A second reader sees pin changes through refresh().
    Journal reader;
    QVERIFY(reader.open(path, Journal::Mode::ReadOnly).ok());
    QSignalSpy readerChanged(&reader, &Journal::eventChanged);
    QVERIFY(j.setPinned(e->id, true).ok());
    reader.refresh();
    QCOMPARE(readerChanged.count(), 1);
    QVERIFY(readerChanged.first().first().value<TimelineEvent>().pinned);
}

void TstJournal::otherProcessAppends()
{
    const QString path = m_dir.filePath(QStringLiteral("o.sitrep"));
    Journal gui;
    QVERIFY(gui.open(path).ok());
    gui.watch(50);
    QSignalSpy spy(&gui, &Journal::eventsAppended);
    Journal cli; // another connection stands in for another process here; the crash test uses a real one
    QVERIFY(cli.open(path).ok());
    QVERIFY(
        cli.append(makeEvent(EventKind::Note, 5, QStringLiteral("cli"), QStringLiteral("from the terminal")))
            .ok());
    QVERIFY(spy.wait(2000));
    QCOMPARE(spy.first().first().value<QList<TimelineEvent>>().first().summary,
             QStringLiteral("from the terminal"));
    // The GUI's own next append still gets the next id and no duplicate signal.
    spy.clear();
    auto mine = gui.append(makeEvent(EventKind::Note, 6, QStringLiteral("gui"), QStringLiteral("mine")));
    QCOMPARE(mine->id, 2);
    QCOMPARE(spy.count(), 1);
}

void TstJournal::newerSchemaOpensReadOnly()
{
    const QString path = m_dir.filePath(QStringLiteral("n.sitrep"));
    {
        Journal j;
        QVERIFY(j.open(path).ok());
        QVERIFY(j.append(makeEvent(EventKind::Note, 1, QStringLiteral("a"), QStringLiteral("old"))).ok());
    }
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("bump"));
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("INSERT INTO schema_version(version, ts_ms) VALUES(%1, 0)")
                           .arg(Journal::kSchemaVersion + 1)));
        q = QSqlQuery();
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("bump"));
    Journal j;
    QVERIFY(j.open(path).ok());
    QVERIFY(j.isReadOnly());
    QVERIFY(j.readOnlyReason().contains(QLatin1String("newer Sitrep")));
    QCOMPARE(j.events().size(), 1);
    const auto w = j.append(makeEvent(EventKind::Note, 2, QStringLiteral("a"), QStringLiteral("new")));
    QVERIFY(!w.ok());
    QVERIFY(w.error().message.contains(QLatin1String("read-only")));
}

void TstJournal::olderSchemaMigrates()
{
    // A journal written before intents existed (schema 1) opens, keeps its events and takes intents.
    const QString path = m_dir.filePath(QStringLiteral("v1.sitrep"));
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("v1"));
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QSqlQuery q(db);
        for (const char *sql :
             {"CREATE TABLE schema_version(version INTEGER NOT NULL, ts_ms INTEGER)",
              "INSERT INTO schema_version VALUES(1, 0)",
              "CREATE TABLE events(id INTEGER PRIMARY KEY AUTOINCREMENT, ts_ms INTEGER NOT NULL, kind TEXT NOT "
              "NULL, author TEXT NOT NULL, summary TEXT NOT NULL, payload TEXT NOT NULL DEFAULT '{}', pinned "
              "INTEGER NOT NULL DEFAULT 0)",
              "CREATE TABLE pins(id INTEGER PRIMARY KEY AUTOINCREMENT, event_id INTEGER NOT NULL, pinned INTEGER "
              "NOT NULL, ts_ms INTEGER NOT NULL)",
              "INSERT INTO events(ts_ms, kind, author, summary) VALUES(5, 'note', 'old', 'from schema 1')"})
            QVERIFY2(q.exec(QString::fromLatin1(sql)), sql);
        q = QSqlQuery();
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("v1"));
    Journal j;
    QVERIFY(j.open(path).ok());
    QCOMPARE(j.schemaVersion(), Journal::kSchemaVersion);
    QVERIFY(!j.isReadOnly());
    QCOMPARE(j.events().size(), 1);
    QCOMPARE(j.events().first().summary, QStringLiteral("from schema 1"));
    QVERIFY(j.recordIntent(QStringLiteral("a"), QStringLiteral("restart api")).ok());
}

void TstJournal::badFiles_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("expected");
    QTest::newRow("text file") << QByteArray("this is not a database\n").repeated(100)
                               << "not a Sitrep incident file";
    QTest::newRow("other sqlite") << QByteArray() << "other tables";
}

void TstJournal::badFiles()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, expected);
    const QString path = m_dir.filePath(QStringLiteral("bad-%1.sitrep")
                                            .arg(QString::fromUtf8(QTest::currentDataTag()))
                                            .replace(QLatin1Char(' '), QLatin1Char('-')));
    if (content.isEmpty()) {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("other"));
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QSqlQuery(db).exec(QStringLiteral("CREATE TABLE customers(id INTEGER)"));
        db.close();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(QStringLiteral("other"));
    } else {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(content);
    }
    Journal j;
    const auto r = j.open(path);
    QVERIFY(!r.ok());
    QVERIFY2(r.error().message.contains(expected), qPrintable(r.error().text()));
    QCOMPARE(r.error().where, path);
    QVERIFY(!j.isOpen());
}

void TstJournal::killNineLosesNothingAcknowledged()
{
    const QString path = m_dir.filePath(QStringLiteral("crash.sitrep"));
    const QString writer = QCoreApplication::applicationDirPath() + QStringLiteral("/journal_writer");
    QVERIFY2(QFile::exists(writer), qPrintable(writer));
    qint64 lastAcked = 0;
    for (int round = 0; round < 50; ++round) {
        QProcess child;
        child.start(writer, {path});
        QVERIFY(child.waitForStarted());
        // Let it acknowledge a random number of events, then kill it mid-stream.
        const int target = 1 + int(QRandomGenerator::global()->bounded(20));
        int acks = 0;
        QByteArray buffer;
        bool pragmasSeen = false;
        while (acks < target) {
            QVERIFY2(child.waitForReadyRead(10000),
                     qPrintable(QString::fromUtf8(child.readAllStandardError())));
            buffer += child.readAllStandardOutput();
            qsizetype nl;
            while ((nl = buffer.indexOf('\n')) >= 0) {
                const QByteArray line = buffer.left(nl);
                buffer.remove(0, nl + 1);
                if (line.startsWith("pragmas ")) {
                    // Without WAL and synchronous=FULL this test would pass and prove nothing.
                    QCOMPARE(line, QByteArray("pragmas wal 2"));
                    pragmasSeen = true;
                }
                if (line.startsWith("ack ")) {
                    QVERIFY(pragmasSeen);
                    lastAcked = std::max(lastAcked, line.mid(4).toLongLong());
                    ++acks;
                }
            }
        }
        ::kill(pid_t(child.processId()), SIGKILL);
        child.waitForFinished();
        // Acks printed after our last read may exist too; they can only raise the bar.
        buffer += child.readAllStandardOutput();
        for (const QByteArray &line : buffer.split('\n')) {
            if (line.startsWith("ack "))
                lastAcked = std::max(lastAcked, line.mid(4).toLongLong());
        }

        Journal check;
        QVERIFY(check.open(path).ok());
        const auto events = check.events();
        QVERIFY2(events.size() >= lastAcked, qPrintable(QStringLiteral("round %1: %2 events, %3 acknowledged")
                                                            .arg(round)
                                                            .arg(events.size())
                                                            .arg(lastAcked)));
        for (int i = 0; i < events.size(); ++i) {
            QCOMPARE(events[i].id, qint64(i + 1)); // no holes, no torn rows
            QCOMPARE(events[i].payload.value(QLatin1String("blob")).toString().size(), 200);
        }
    }
    QVERIFY(lastAcked >= 50);
}

QTEST_GUILESS_MAIN(TstJournal)
#include "tst_journal.moc"
