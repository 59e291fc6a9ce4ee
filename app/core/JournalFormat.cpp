#include "core/JournalFormat.h"

#include <QDateTime>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

namespace Sitrep::Core {

namespace {

// A random (version 4) UUID per row, in SQLite.
const QString kNewUuid = QStringLiteral(
    "lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' ||"
    " substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) ||"
    " substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))");

// Each entry moves the schema one version up. Never edit a shipped entry: add one.
const QStringList &migrations()
{
    static const QStringList m = {
        // v1
        QStringLiteral("CREATE TABLE events(id INTEGER PRIMARY KEY AUTOINCREMENT, ts_ms INTEGER NOT NULL, "
                       "kind TEXT NOT NULL,"
                       " author TEXT NOT NULL, summary TEXT NOT NULL, payload TEXT NOT NULL DEFAULT '{}',"
                       " pinned INTEGER NOT NULL DEFAULT 0);"
                       "CREATE TABLE pins(id INTEGER PRIMARY KEY AUTOINCREMENT, event_id INTEGER NOT NULL "
                       "REFERENCES events(id),"
                       " pinned INTEGER NOT NULL, ts_ms INTEGER NOT NULL);"
                       "CREATE INDEX pins_event ON pins(event_id);"
                       "CREATE TRIGGER events_no_update BEFORE UPDATE ON events BEGIN"
                       " SELECT RAISE(ABORT, 'the journal is append-only'); END;"
                       "CREATE TRIGGER events_no_delete BEFORE DELETE ON events BEGIN"
                       " SELECT RAISE(ABORT, 'the journal is append-only'); END;"),
        // v2: what a responder is about to do to production, written before it is done, so an action
        // whose record cannot be written is refused (and one cut short by a crash is still on record).
        QStringLiteral("CREATE TABLE intents(id INTEGER PRIMARY KEY AUTOINCREMENT, ts_ms INTEGER NOT NULL,"
                       " author TEXT NOT NULL, what TEXT NOT NULL, payload TEXT NOT NULL DEFAULT '{}');"
                       "CREATE TRIGGER intents_no_update BEFORE UPDATE ON intents BEGIN"
                       " SELECT RAISE(ABORT, 'the journal is append-only'); END;"
                       "CREATE TRIGGER intents_no_delete BEFORE DELETE ON intents BEGIN"
                       " SELECT RAISE(ABORT, 'the journal is append-only'); END;"),
        // v3: team incidents. Every event and pin change gets a UUID and its origin (user@host); existing
        // rows get a UUID once, here (the only UPDATE the journal ever makes). shared holds the team
        // server's acknowledgements (uuid -> the server's order), replica the team id, server and cursor.
        QStringLiteral("ALTER TABLE events ADD COLUMN uuid TEXT;"
                       "ALTER TABLE events ADD COLUMN origin TEXT NOT NULL DEFAULT '';"
                       "ALTER TABLE pins ADD COLUMN uuid TEXT;"
                       "ALTER TABLE pins ADD COLUMN origin TEXT NOT NULL DEFAULT '';"
                       "DROP TRIGGER IF EXISTS events_no_update;"
                       "UPDATE events SET uuid = ") +
            kNewUuid +
            QStringLiteral(";"
                           "CREATE TRIGGER events_no_update BEFORE UPDATE ON events BEGIN"
                           " SELECT RAISE(ABORT, 'the journal is append-only'); END;"
                           "UPDATE pins SET uuid = ") +
            kNewUuid +
            QStringLiteral(
                ";"
                "CREATE UNIQUE INDEX events_uuid ON events(uuid);"
                "CREATE UNIQUE INDEX pins_uuid ON pins(uuid);"
                "CREATE TABLE shared(id INTEGER PRIMARY KEY AUTOINCREMENT, uuid TEXT NOT NULL UNIQUE,"
                " seq INTEGER NOT NULL);"
                "CREATE TRIGGER shared_no_update BEFORE UPDATE ON shared BEGIN"
                " SELECT RAISE(ABORT, 'the journal is append-only'); END;"
                "CREATE TRIGGER shared_no_delete BEFORE DELETE ON shared BEGIN"
                " SELECT RAISE(ABORT, 'the journal is append-only'); END;"
                "CREATE TABLE replica(key TEXT PRIMARY KEY, value TEXT NOT NULL);"),
    };
    return m;
}

QString sqlErrorText(const QSqlError &e)
{
    return e.text().trimmed();
}

} // namespace

Result<int> JournalFormat::schemaVersion(const QSqlDatabase &db)
{
    QSqlQuery q(db);
    if (!q.exec(
            QStringLiteral("SELECT name FROM sqlite_master WHERE type='table' AND name='schema_version'")))
        return makeError(QStringLiteral("cannot read the schema: %1").arg(sqlErrorText(q.lastError())));
    if (q.next()) {
        if (q.exec(QStringLiteral("SELECT MAX(version) FROM schema_version")) && q.next())
            return q.value(0).toInt();
        return 0;
    }
    if (q.exec(QStringLiteral("SELECT COUNT(*) FROM sqlite_master")) && q.next() && q.value(0).toInt() > 0)
        return makeError(QStringLiteral("not a Sitrep incident file (it holds other tables)"));
    return 0;
}

Result<void> JournalFormat::upgrade(QSqlDatabase &db, int from, int to)
{
    if (to > int(migrations().size()))
        return makeError(QStringLiteral("schema %1 is unknown to this program").arg(to));
    QSqlQuery q(db);
    if (!db.transaction())
        return makeError(QStringLiteral("cannot start a transaction: %1").arg(sqlErrorText(db.lastError())));
    if (from == 0 &&
        !q.exec(QStringLiteral("CREATE TABLE schema_version(version INTEGER NOT NULL, ts_ms INTEGER)"))) {
        db.rollback();
        return makeError(QStringLiteral("cannot create the schema: %1").arg(sqlErrorText(q.lastError())));
    }
    for (int v = from; v < to; ++v) {
        const QStringList statements = migrations().at(v).split(QLatin1Char(';'), Qt::SkipEmptyParts);
        // Triggers contain ';' inside BEGIN...END: glue those pieces back together.
        QString pending;
        for (const QString &part : statements) {
            pending += part + QLatin1Char(';');
            if (pending.contains(QLatin1String("BEGIN")) &&
                !pending.trimmed().endsWith(QLatin1String("END;")))
                continue;
            if (!pending.trimmed().isEmpty() && pending.trimmed() != QLatin1String(";") && !q.exec(pending)) {
                const QString err = sqlErrorText(q.lastError());
                db.rollback();
                return makeError(QStringLiteral("migration to schema %1 failed: %2").arg(v + 1).arg(err));
            }
            pending.clear();
        }
        q.prepare(QStringLiteral("INSERT INTO schema_version(version, ts_ms) VALUES(?, ?)"));
        q.addBindValue(v + 1);
        q.addBindValue(QDateTime::currentMSecsSinceEpoch());
        if (!q.exec()) {
            db.rollback();
            return makeError(
                QStringLiteral("cannot record schema %1: %2").arg(v + 1).arg(sqlErrorText(q.lastError())));
        }
    }
    if (!db.commit())
        return makeError(QStringLiteral("cannot commit the schema: %1").arg(sqlErrorText(db.lastError())));
    return {};
}

JournalFormat::FileHeader JournalFormat::readHeader(const QString &path)
{
    FileHeader h;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return h;
    const QByteArray b = f.read(100);
    h.sqlite = b.size() >= 16 && b.startsWith(QByteArrayLiteral("SQLite format 3\0"));
    if (!h.sqlite || b.size() < 100)
        return h;
    auto be32 = [&](int at) {
        return (quint32(quint8(b[at])) << 24) | (quint32(quint8(b[at + 1])) << 16) |
               (quint32(quint8(b[at + 2])) << 8) | quint32(quint8(b[at + 3]));
    };
    const int raw = (quint8(b[16]) << 8) | quint8(b[17]);
    const qint64 pageSize = raw == 1 ? 65536 : raw;
    // The page count at offset 28 is only valid when the "version-valid-for" number matches the
    // change counter (older writers left it stale).
    if (be32(24) == be32(92) && be32(28) > 0)
        h.claimedBytes = pageSize * be32(28);
    return h;
}

// "Page 7: btreeInitPage() returns error code 11; ..." from the rows of PRAGMA quick_check.
QString JournalFormat::quickCheck(const QSqlDatabase &db)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("PRAGMA quick_check(8)")))
        return sqlErrorText(q.lastError());
    QStringList problems;
    while (q.next()) {
        const QString row = q.value(0).toString();
        if (row != QLatin1String("ok"))
            problems << row.simplified();
    }
    if (q.lastError().isValid())
        problems << sqlErrorText(q.lastError());
    return problems.join(QStringLiteral("; "));
}

} // namespace Sitrep::Core
