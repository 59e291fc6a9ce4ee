// A damaged, truncated or unwritable incident file is seen and said, never shown as a shorter incident.
#include "core/IncidentSession.h"
#include "core/Journal.h"
#include "core/JournalRecovery.h"
#include "core/ManualClock.h"

#include <QCryptographicHash>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <sys/resource.h>

using namespace Sitrep::Core;

namespace {

// Pages of one table as SQLite's dbstat sees them: (page number, "leaf" | "internal" | "overflow").
QList<QPair<int, QString>> pagesOf(const QString &path, const QString &table)
{
    QList<QPair<int, QString>> out;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("dbstat"));
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
        if (db.open()) {
            QSqlQuery q(db);
            q.exec(QStringLiteral("SELECT pageno, pagetype FROM dbstat WHERE name='%1' ORDER BY pageno")
                       .arg(table));
            while (q.next())
                out.append({q.value(0).toInt(), q.value(1).toString()});
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("dbstat"));
    return out;
}

void overwritePage(const QString &path, int page, int pageSize = 4096)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadWrite));
    QVERIFY(f.seek(qint64(page - 1) * pageSize));
    QByteArray junk(pageSize, '\0');
    for (int i = 0; i < pageSize; ++i)
        junk[i] = char((i * 131 + 7) & 0xff);
    QCOMPARE(f.write(junk), qint64(pageSize));
}

QByteArray digest(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
}

} // namespace

class TstJournalIntegrity : public QObject
{
    Q_OBJECT
private slots:
    void durabilityPragmasReadBack();
    void intactFileIsChecked();
    void damagedLeafShowsEveryReadableEvent();
    void damagedRootIsReadFromThePages();
    void truncatedFileIsDamagedNotForeign();
    void damageFoundWhileReadingIsNotSilent();
    void backgroundCheckFinds();
    void recoverCopiesEveryReadableEvent();
    void recoverRefusesToOverwrite();
    void fullDiskIsReportedAndRecovers();
    void cliCheckShowRecoverExport();
    void tmpfsFullAndRemountedReadOnly_data();
    void tmpfsFullAndRemountedReadOnly();

private:
    QString makeJournal(const QString &name, int notes);
    QTemporaryDir m_dir;
};

QString TstJournalIntegrity::makeJournal(const QString &name, int notes)
{
    const QString path = m_dir.filePath(name);
    Journal j;
    if (!j.open(path).ok())
        return {};
    QList<TimelineEvent> events;
    for (int i = 1; i <= notes; ++i)
        events << makeEvent(
            EventKind::Note, 1000 + i, QStringLiteral("alice"), QStringLiteral("note %1").arg(i),
            {{QStringLiteral("n"), i}, {QStringLiteral("text"), QString(300, QLatin1Char('a' + i % 26))}});
    if (!j.appendAll(events).ok())
        return {};
    if (!j.setPinned(notes, true).ok())
        return {};
    j.close(); // the last connection checkpoints: everything is in the main file
    return path;
}

void TstJournalIntegrity::durabilityPragmasReadBack()
{
    Journal j;
    QVERIFY(j.open(m_dir.filePath(QStringLiteral("d.sitrep"))).ok());
    const auto d = j.durability();
    QCOMPARE(d.journalMode, QStringLiteral("wal"));
    QCOMPARE(d.synchronous, 2); // FULL
}

void TstJournalIntegrity::intactFileIsChecked()
{
    const QString path = makeJournal(QStringLiteral("intact.sitrep"), 50);
    QVERIFY(!path.isEmpty());
    Journal j;
    QVERIFY(j.open(path).ok());
    QCOMPARE(j.health().state, JournalHealth::State::Healthy);
    QVERIFY(j.health().checkMs >= 0);
    QCOMPARE(j.health().readableEvents, 50);
    QVERIFY(j.exportBlocker().isEmpty());
    QVERIFY(!j.isReadOnly());
}

void TstJournalIntegrity::damagedLeafShowsEveryReadableEvent()
{
    const QString path = makeJournal(QStringLiteral("leaf.sitrep"), 300);
    QVERIFY(!path.isEmpty());
    QList<int> leaves;
    for (const auto &p : pagesOf(path, QStringLiteral("events"))) {
        if (p.second == QLatin1String("leaf"))
            leaves << p.first;
    }
    QVERIFY2(leaves.size() > 10, "300 notes should span many leaf pages");
    overwritePage(path, leaves.at(leaves.size() / 3));
    const QByteArray before = digest(path);

    Journal j;
    const auto r = j.open(path);
    QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().text()));
    QVERIFY(j.isReadOnly());
    QCOMPARE(j.health().state, JournalHealth::State::Damaged);
    QVERIFY(!j.health().damage.isEmpty());
    QCOMPARE(j.health().expectedEvents, 300);
    const auto events = j.events();
    QCOMPARE(qint64(events.size()), j.health().readableEvents);
    // One leaf holds a handful of notes: everything else, before and after the damage, is there.
    QVERIFY2(events.size() >= 280 && events.size() < 300, qPrintable(QString::number(events.size())));
    QCOMPARE(events.last().id, 300);
    QVERIFY(events.last().pinned);
    QVERIFY(j.health().sentence().contains(QStringLiteral("of 300 events readable")));
    QVERIFY(j.health().lost.startsWith(QLatin1String("lost: ")));
    QVERIFY(j.readOnlyReason().contains(QLatin1String("damaged")));
    QVERIFY(!j.exportBlocker().isEmpty());
    QVERIFY(!j.append(makeEvent(EventKind::Note, 1, QStringLiteral("a"), QStringLiteral("x"))).ok());
    j.close();
    QCOMPARE(digest(path), before); // opening a damaged file never writes to it
}

void TstJournalIntegrity::damagedRootIsReadFromThePages()
{
    const QString path = makeJournal(QStringLiteral("root.sitrep"), 300);
    QVERIFY(!path.isEmpty());
    int root = 0;
    for (const auto &p : pagesOf(path, QStringLiteral("events"))) {
        if (p.second == QLatin1String("internal"))
            root = root ? root : p.first;
    }
    QVERIFY(root > 0);
    overwritePage(path, root);

    Journal j;
    QVERIFY(j.open(path).ok());
    QCOMPARE(j.health().state, JournalHealth::State::Damaged);
    // SQL cannot reach any leaf below a broken root, but every leaf is intact: all 300 come back.
    QCOMPARE(j.events().size(), 300);
    QCOMPARE(j.health().readableEvents, 300);
    QVERIFY(j.health().lost.isEmpty());
    QCOMPARE(j.events().at(41).summary, QStringLiteral("note 42"));
}

void TstJournalIntegrity::truncatedFileIsDamagedNotForeign()
{
    const QString path = makeJournal(QStringLiteral("cut.sitrep"), 300);
    QVERIFY(!path.isEmpty());
    QFile f(path);
    const qint64 size = f.size();
    QVERIFY(f.resize((size * 6 / 10) / 4096 * 4096 + 1000)); // mid-page, as a crashed copy leaves it
    Journal j;
    const auto r = j.open(path);
    QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().text()));
    QCOMPARE(j.health().state, JournalHealth::State::Damaged);
    QVERIFY2(j.health().damage.contains(QLatin1String("truncated")), qPrintable(j.health().damage));
    QVERIFY(j.events().size() > 32);
    QVERIFY(j.events().size() < 300);
}

void TstJournalIntegrity::damageFoundWhileReadingIsNotSilent()
{
    // A big file is checked in the background; a read that meets the damage first must not pass for
    // the end of the incident, and export waits for the check.
    const QString path = makeJournal(QStringLiteral("late.sitrep"), 300);
    QVERIFY(!path.isEmpty());
    QList<int> leaves;
    for (const auto &p : pagesOf(path, QStringLiteral("events"))) {
        if (p.second == QLatin1String("leaf"))
            leaves << p.first;
    }
    overwritePage(path, leaves.at(leaves.size() / 2));
    Journal::setForegroundCheckBytes(0);
    Journal j;
    const auto r = j.open(path, Journal::Mode::ReadOnly);
    Journal::setForegroundCheckBytes(Journal::kForegroundCheckBytes);
    QVERIFY(r.ok());
    QCOMPARE(j.health().state, JournalHealth::State::Checking);
    QVERIFY(j.exportBlocker().contains(QLatin1String("still running")));
    QSignalSpy health(&j, &Journal::healthChanged);
    const auto events = j.events();
    QCOMPARE(j.health().state, JournalHealth::State::Damaged);
    QVERIFY(events.size() > 280); // far more than the ~150 before the damage
    QCOMPARE(events.last().id, 300);
    QVERIFY(health.wait(2000));
    QVERIFY(j.exportBlocker().contains(QLatin1String("damaged")));
}

void TstJournalIntegrity::backgroundCheckFinds()
{
    const QString path = makeJournal(QStringLiteral("bg.sitrep"), 300);
    QVERIFY(!path.isEmpty());
    QList<int> leaves;
    for (const auto &p : pagesOf(path, QStringLiteral("events"))) {
        if (p.second == QLatin1String("leaf"))
            leaves << p.first;
    }
    overwritePage(path, leaves.at(2));
    Journal::setForegroundCheckBytes(0);
    Journal j;
    const auto r = j.open(path, Journal::Mode::ReadOnly);
    Journal::setForegroundCheckBytes(Journal::kForegroundCheckBytes);
    QVERIFY(r.ok());
    QSignalSpy health(&j, &Journal::healthChanged);
    QVERIFY(health.wait(5000));
    QCOMPARE(j.health().state, JournalHealth::State::Damaged);
    QVERIFY(j.health().checkMs >= 0);
    QCOMPARE(j.events().last().id, 300);

    // An intact big file ends Healthy, and export is no longer blocked.
    const QString fine = makeJournal(QStringLiteral("bg-fine.sitrep"), 50);
    Journal::setForegroundCheckBytes(0);
    Journal k;
    QVERIFY(k.open(fine).ok());
    Journal::setForegroundCheckBytes(Journal::kForegroundCheckBytes);
    QSignalSpy done(&k, &Journal::healthChanged);
    QVERIFY(done.wait(5000));
    QCOMPARE(k.health().state, JournalHealth::State::Healthy);
    QVERIFY(k.exportBlocker().isEmpty());
}

void TstJournalIntegrity::recoverCopiesEveryReadableEvent()
{
    const QString path = makeJournal(QStringLiteral("rec.sitrep"), 300);
    QVERIFY(!path.isEmpty());
    QString firstUuid;
    {
        Journal before;
        QVERIFY(before.open(path, Journal::Mode::ReadOnly).ok());
        firstUuid = before.events().first().uuid;
    }
    QVERIFY(!firstUuid.isEmpty());
    QList<int> leaves;
    for (const auto &p : pagesOf(path, QStringLiteral("events"))) {
        if (p.second == QLatin1String("leaf"))
            leaves << p.first;
    }
    overwritePage(path, leaves.at(leaves.size() / 2));
    const QByteArray before = digest(path);

    const auto health = JournalRecovery::check(path);
    QVERIFY(health.ok());
    QVERIFY(health->isDamaged());
    const QString out = m_dir.filePath(QStringLiteral("rec-recovered.sitrep"));
    const auto report = JournalRecovery::recover(path, out, QStringLiteral("bob"));
    QVERIFY2(report.ok(), qPrintable(report.ok() ? QString() : report.error().text()));
    QCOMPARE(report->copied, health->readableEvents);
    QCOMPARE(report->expected, 300);
    QVERIFY(!report->lost.isEmpty());
    QCOMPARE(digest(path), before); // the damaged file is left as it was found

    Journal j;
    QVERIFY(j.open(out).ok());
    QCOMPARE(j.health().state, JournalHealth::State::Healthy);
    QVERIFY(!j.isReadOnly());
    const auto events = j.events();
    QCOMPARE(qint64(events.size()), report->copied + 1);
    QCOMPARE(events.first().summary, QStringLiteral("note 1"));
    QCOMPARE(events.first().tsMs, 1001);
    QCOMPARE(events.first().author, QStringLiteral("alice"));
    // The team identity survives: sharing the copy again cannot make the same events twice.
    QCOMPARE(events.first().uuid, firstUuid);
    QVERIFY(events.at(events.size() - 2).pinned); // note 300 was pinned
    const TimelineEvent &note = events.last();
    QCOMPARE(note.author, QStringLiteral("bob"));
    QCOMPARE(note.payload.value(QLatin1String("source")).toString(), QStringLiteral("recovery"));
    QVERIFY(note.summary.contains(QLatin1String("of 300 events")));
    QVERIFY(note.summary.contains(QLatin1String("lost")));
    QVERIFY(!note.payload.value(QLatin1String("lostIds")).toArray().isEmpty());
    // The recovered file takes new entries like any other.
    QVERIFY(j.append(makeEvent(EventKind::Note, 0, QStringLiteral("bob"), QStringLiteral("going on"))).ok());
}

void TstJournalIntegrity::recoverRefusesToOverwrite()
{
    const QString path = makeJournal(QStringLiteral("src.sitrep"), 5);
    const QString existing = makeJournal(QStringLiteral("existing.sitrep"), 3);
    const QByteArray before = digest(existing);
    const auto r = JournalRecovery::recover(path, existing, QStringLiteral("bob"));
    QVERIFY(!r.ok());
    QVERIFY(r.error().message.contains(QLatin1String("already exists")));
    QCOMPARE(digest(existing), before);
}

void TstJournalIntegrity::fullDiskIsReportedAndRecovers()
{
    // RLIMIT_FSIZE makes every write past the limit fail with EFBIG, as a full disk fails with ENOSPC.
    const QString path = m_dir.filePath(QStringLiteral("full.sitrep"));
    Journal j;
    QVERIFY(j.open(path).ok());
    QVERIFY(j.append(makeEvent(EventKind::Note, 1, QStringLiteral("a"), QStringLiteral("before"))).ok());
    QSignalSpy failed(&j, &Journal::writeFailed);
    QSignalSpy recovered(&j, &Journal::writeRecovered);
    QSignalSpy appended(&j, &Journal::eventsAppended);

    const qint64 walSize = QFileInfo(path + QStringLiteral("-wal")).size();
    QVERIFY(walSize > 0);
    rlimit saved{};
    QCOMPARE(getrlimit(RLIMIT_FSIZE, &saved), 0);
    const auto oldHandler = std::signal(SIGXFSZ, SIG_IGN);
    rlimit limited = saved;
    limited.rlim_cur = rlim_t(walSize);
    QCOMPARE(setrlimit(RLIMIT_FSIZE, &limited), 0);
    const auto r = j.append(makeEvent(EventKind::Action, 2, QStringLiteral("a"), QStringLiteral("lost?"),
                                      {{QStringLiteral("blob"), QString(8000, QLatin1Char('z'))}}));
    // An action's intent cannot be written either: the caller refuses the action.
    const auto intent = j.recordIntent(QStringLiteral("a"), QStringLiteral("delete pod api-1 in prod"));
    setrlimit(RLIMIT_FSIZE, &saved);
    std::signal(SIGXFSZ, oldHandler);

    QVERIFY(!r.ok());
    QVERIFY2(r.error().message.startsWith(QLatin1String("the journal cannot be written: ")),
             qPrintable(r.error().message));
    QVERIFY(!intent.ok());
    QVERIFY(intent.error().message.contains(QLatin1String("delete pod api-1 in prod")));
    QCOMPARE(failed.count(), 2);
    QCOMPARE(appended.count(), 0);
    QVERIFY(!j.writeError().isEmpty());

    QVERIFY(j.append(makeEvent(EventKind::Note, 3, QStringLiteral("a"), QStringLiteral("after"))).ok());
    QCOMPARE(recovered.count(), 1);
    QVERIFY(j.recordIntent(QStringLiteral("a"), QStringLiteral("scale api to 3")).ok());
    QVERIFY(j.writeError().isEmpty());
    const auto events = j.events();
    QCOMPARE(events.size(), 2);
    QCOMPARE(events.last().summary, QStringLiteral("after"));
}

void TstJournalIntegrity::cliCheckShowRecoverExport()
{
    // What a responder sees in a terminal: show says the file is damaged (and shows every readable event,
    // not the ones before the damage), check exits 1, export refuses, recover writes a new file that
    // checks clean.
    const QString binary = qEnvironmentVariable("SITREP_BINARY");
    QVERIFY2(QFile::exists(binary), qPrintable(QStringLiteral("sitrep binary not found: %1").arg(binary)));
    const QString path = m_dir.filePath(QStringLiteral("cli.sitrep"));
    {
        Journal j;
        QVERIFY(j.open(path).ok());
        ManualClock clock;
        IncidentSession session(j, clock, QStringLiteral("alice"));
        QVERIFY(session.declare({QStringLiteral("Checkout 502"), QStringLiteral("api-gateway")}).ok());
        QList<TimelineEvent> events;
        for (int i = 1; i < 300; ++i)
            events << makeEvent(EventKind::Note, 1000 + i, QStringLiteral("alice"),
                                QStringLiteral("note %1 ").arg(i) + QString(300, QLatin1Char('n')));
        QVERIFY(j.appendAll(events).ok());
    }
    QList<int> leaves;
    for (const auto &p : pagesOf(path, QStringLiteral("events"))) {
        if (p.second == QLatin1String("leaf"))
            leaves << p.first;
    }
    overwritePage(path, leaves.at(leaves.size() / 3));
    auto run = [&binary](const QStringList &args) {
        QProcess p;
        p.start(binary, args);
        p.waitForFinished(60000);
        return std::tuple<int, QString, QString>{p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()),
                                                 QString::fromUtf8(p.readAllStandardError())};
    };
    auto [showCode, showOut, showErr] = run({QStringLiteral("incident"), QStringLiteral("show"), path});
    QCOMPARE(showCode, 1);
    QVERIFY2(showErr.contains(QLatin1String("damaged")) &&
                 showErr.contains(QLatin1String("of 300 events readable")),
             qPrintable(showErr));
    QVERIFY2(showOut.contains(QLatin1String("note 299 ")),
             qPrintable(showOut.right(400) + showErr)); // after the damage too
    auto [checkCode, checkOut, checkErr] = run({QStringLiteral("incident"), QStringLiteral("check"), path});
    QCOMPARE(checkCode, 1);
    QVERIFY(checkErr.contains(QLatin1String("sitrep incident recover")));
    const QString md = m_dir.filePath(QStringLiteral("cli.md"));
    auto [exportCode, exportOut, exportErr] = run({QStringLiteral("export"), path, QStringLiteral("--format"),
                                                   QStringLiteral("md"), QStringLiteral("-o"), md});
    QCOMPARE(exportCode, 1);
    QVERIFY2(exportErr.contains(QLatin1String("not exported")), qPrintable(exportErr));
    QVERIFY(!QFile::exists(md));
    const QString recovered = m_dir.filePath(QStringLiteral("cli-new.sitrep"));
    auto [recoverCode, recoverOut, recoverErr] =
        run({QStringLiteral("incident"), QStringLiteral("recover"), path, QStringLiteral("-o"), recovered});
    QVERIFY2(recoverCode == 0, qPrintable(recoverErr));
    QVERIFY2(recoverOut.contains(QLatin1String("of 300 events")), qPrintable(recoverOut));
    auto [againCode, againOut, againErr] =
        run({QStringLiteral("incident"), QStringLiteral("check"), recovered});
    QVERIFY2(againCode == 0 && againOut.contains(QLatin1String("intact")), qPrintable(againOut + againErr));
    auto [mdCode, mdOut, mdErr] = run({QStringLiteral("export"), recovered, QStringLiteral("--format"),
                                       QStringLiteral("md"), QStringLiteral("-o"), md});
    QVERIFY2(mdCode == 0, qPrintable(mdErr));
    QFile exported(md);
    QVERIFY(exported.open(QIODevice::ReadOnly));
    QVERIFY(exported.readAll().contains("lost")); // the postmortem says what was recovered and lost
}

void TstJournalIntegrity::tmpfsFullAndRemountedReadOnly_data()
{
    QTest::addColumn<QString>("mode");
    QTest::newRow("tmpfs full") << QStringLiteral("fill");
    QTest::newRow("read-only file system") << QStringLiteral("remount-ro");
}

void TstJournalIntegrity::tmpfsFullAndRemountedReadOnly()
{
    // A real small file system: the writer runs in its own mount namespace (as root, or as a user
    // through a user namespace), mounts a tmpfs and reports what the journal said.
    QFETCH(QString, mode);
    const QString unshare = QStandardPaths::findExecutable(QStringLiteral("unshare"));
    QVERIFY2(!unshare.isEmpty(), "unshare (util-linux) is needed: apt-get install util-linux");
    const QString writer = QCoreApplication::applicationDirPath() + QStringLiteral("/journal_writer");
    QVERIFY2(QFile::exists(writer), qPrintable(writer));
    QTemporaryDir mountPoint;
    QProcess child;
    QStringList args{QStringLiteral("--mount"), QStringLiteral("--propagation"), QStringLiteral("private")};
    if (geteuid() != 0)
        args.prepend(QStringLiteral("--map-root-user"));
    args << writer << QStringLiteral("--") + mode << mountPoint.path();
    child.start(unshare, args);
    QVERIFY(child.waitForFinished(60000));
    const QString out = QString::fromUtf8(child.readAllStandardOutput());
    const QString err = QString::fromUtf8(child.readAllStandardError());
    QVERIFY2(child.exitCode() == 0, qPrintable(out + err));
    // The writer's own findings: the failure was an error value naming the cause (and a signal for a
    // write that failed), and every acknowledged event was on disk when it reopened the file.
    if (mode == QLatin1String("fill")) {
        QVERIFY2(out.contains(QLatin1String("refused: the journal cannot be written: ")), qPrintable(out));
        QVERIFY2(out.contains(QLatin1String("signalled 1")), qPrintable(out));
    } else {
        // Linux refuses to remount a file system read-only while a file on it is open for writing, so
        // this is the next open: read-only with the reason, not a failure on the first note.
        QVERIFY2(out.contains(QLatin1String("opened read-only: the file cannot be written")),
                 qPrintable(out));
        QVERIFY2(
            out.contains(QLatin1String("refused: the incident is read-only (the file cannot be written")),
            qPrintable(out));
    }
    QVERIFY2(out.contains(QLatin1String("reopened: all acknowledged events present")), qPrintable(out));
}

QTEST_GUILESS_MAIN(TstJournalIntegrity)
#include "tst_journalintegrity.moc"
