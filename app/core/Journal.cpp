#include "core/Journal.h"

#include <QFileInfo>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

namespace Sitrep::Core {

namespace {

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
    };
    return m;
}

QString sqlError(const QSqlError &e)
{
    return e.text().trimmed();
}

} // namespace

Journal::Journal(QObject *parent)
    : QObject(parent)
    , m_redactor(std::make_shared<Redactor>())
{
    connect(&m_watchTimer, &QTimer::timeout, this, &Journal::refresh);
}

Journal::~Journal()
{
    close();
}

void Journal::setRedactor(std::shared_ptr<const Redactor> redactor)
{
    if (redactor)
        m_redactor = std::move(redactor);
}

Result<void> Journal::open(const QString &path, Mode mode)
{
    close();
    const QFileInfo info(path);
    if (mode == Mode::ReadOnly && !info.exists())
        return makeError(QStringLiteral("no such incident file"), path);
    if (info.exists() && info.isDir())
        return makeError(QStringLiteral("is a directory, not an incident file"), path);

    const QString name = QStringLiteral("journal-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        QString options = QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000");
        if (mode == Mode::ReadOnly)
            options += QStringLiteral(";QSQLITE_OPEN_READONLY");
        db.setConnectOptions(options);
        if (!db.open()) {
            const QString err = sqlError(db.lastError());
            db = QSqlDatabase();
            QSqlDatabase::removeDatabase(name);
            return makeError(QStringLiteral("cannot open the incident file: %1").arg(err), path);
        }
    }
    m_connection = name;
    m_path = path;
    m_readOnly = mode == Mode::ReadOnly;
    m_readOnlyReason = m_readOnly ? QStringLiteral("opened read-only") : QString();

    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    QSqlQuery q(db);
    // A file that is not SQLite fails here, on the first read.
    if (!q.exec(QStringLiteral("PRAGMA schema_version"))) {
        const QString err = sqlError(q.lastError());
        close();
        return makeError(QStringLiteral("not a Sitrep incident file (%1)").arg(err), path);
    }
    if (!m_readOnly) {
        q.exec(QStringLiteral("PRAGMA journal_mode=WAL"));
        q.exec(QStringLiteral("PRAGMA synchronous=FULL"));
    }
    if (auto r = migrate(); !r) {
        close();
        return makeError(r.error().message, path);
    }
    m_lastEventId = 0;
    m_lastPinId = 0;
    if (q.exec(QStringLiteral("SELECT COALESCE(MAX(id),0) FROM events")) && q.next())
        m_lastEventId = q.value(0).toLongLong();
    if (q.exec(QStringLiteral("SELECT COALESCE(MAX(id),0) FROM pins")) && q.next())
        m_lastPinId = q.value(0).toLongLong();
    m_dataVersion = dataVersion();
    return {};
}

Result<void> Journal::migrate()
{
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    QSqlQuery q(db);
    int version = 0;
    if (q.exec(
            QStringLiteral("SELECT name FROM sqlite_master WHERE type='table' AND name='schema_version'")) &&
        q.next()) {
        if (q.exec(QStringLiteral("SELECT MAX(version) FROM schema_version")) && q.next())
            version = q.value(0).toInt();
    } else if (q.exec(QStringLiteral("SELECT COUNT(*) FROM sqlite_master")) && q.next() &&
               q.value(0).toInt() > 0) {
        return makeError(QStringLiteral("not a Sitrep incident file (it holds other tables)"));
    }
    m_schemaVersion = version;
    if (version > kSchemaVersion) {
        // Written by a newer Sitrep: reading is safe, writing could corrupt what we do not understand.
        if (!m_readOnly) {
            const QString path = m_path;
            close();
            if (auto r = open(path, Mode::ReadOnly); !r)
                return r.error();
        }
        m_schemaVersion = version;
        m_readOnlyReason =
            QStringLiteral("written by a newer Sitrep (schema %1, this program knows %2): read-only")
                .arg(version)
                .arg(kSchemaVersion);
        return {};
    }
    if (version == kSchemaVersion)
        return {};
    if (m_readOnly)
        return makeError(QStringLiteral("the incident file needs an upgrade but was opened read-only"));

    if (!db.transaction())
        return makeError(QStringLiteral("cannot start a transaction: %1").arg(sqlError(db.lastError())));
    if (version == 0 &&
        !q.exec(QStringLiteral("CREATE TABLE schema_version(version INTEGER NOT NULL, ts_ms INTEGER)"))) {
        db.rollback();
        return makeError(QStringLiteral("cannot create the schema: %1").arg(sqlError(q.lastError())));
    }
    for (int v = version; v < kSchemaVersion; ++v) {
        const QStringList statements = migrations().at(v).split(QLatin1Char(';'), Qt::SkipEmptyParts);
        // Triggers contain ';' inside BEGIN...END: glue those pieces back together.
        QString pending;
        for (const QString &part : statements) {
            pending += part + QLatin1Char(';');
            if (pending.contains(QLatin1String("BEGIN")) &&
                !pending.trimmed().endsWith(QLatin1String("END;")))
                continue;
            if (!pending.trimmed().isEmpty() && pending.trimmed() != QLatin1String(";") && !q.exec(pending)) {
                const QString err = sqlError(q.lastError());
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
                QStringLiteral("cannot record schema %1: %2").arg(v + 1).arg(sqlError(q.lastError())));
        }
    }
    if (!db.commit())
        return makeError(QStringLiteral("cannot commit the schema: %1").arg(sqlError(db.lastError())));
    m_schemaVersion = kSchemaVersion;
    return {};
}

void Journal::close()
{
    m_watchTimer.stop();
    if (m_connection.isEmpty())
        return;
    {
        QSqlDatabase db = QSqlDatabase::database(m_connection, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(m_connection);
    m_connection.clear();
}

Result<TimelineEvent> Journal::append(TimelineEvent event)
{
    if (!isOpen())
        return makeError(QStringLiteral("no incident is open"));
    if (m_readOnly)
        return makeError(QStringLiteral("the incident is read-only (%1)").arg(m_readOnlyReason), m_path);
    event.summary = m_redactor->redact(event.summary);
    event.payload = m_redactor->redact(event.payload);
    event.author = m_redactor->redact(event.author);
    if (event.kindName.isEmpty())
        event.kindName = eventKindName(event.kind);
    if (event.tsMs == 0)
        event.tsMs = QDateTime::currentMSecsSinceEpoch();

    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    QSqlQuery q(db);
    q.prepare(QStringLiteral(
        "INSERT INTO events(ts_ms, kind, author, summary, payload, pinned) VALUES(?, ?, ?, ?, ?, ?)"));
    q.addBindValue(event.tsMs);
    q.addBindValue(event.kindName);
    q.addBindValue(event.author);
    q.addBindValue(event.summary);
    q.addBindValue(QString::fromUtf8(QJsonDocument(event.payload).toJson(QJsonDocument::Compact)));
    q.addBindValue(event.pinned ? 1 : 0);
    if (!q.exec())
        return makeError(QStringLiteral("cannot write the event: %1").arg(sqlError(q.lastError())), m_path);
    event.id = q.lastInsertId().toLongLong();

    // Our own write changes data_version for other connections only; catch up on theirs first.
    if (event.id != m_lastEventId + 1)
        refresh();
    if (event.id > m_lastEventId) {
        m_lastEventId = event.id;
        emit eventsAppended({event});
    }
    return event;
}

Result<void> Journal::setPinned(qint64 eventId, bool pinned)
{
    if (!isOpen())
        return makeError(QStringLiteral("no incident is open"));
    if (m_readOnly)
        return makeError(QStringLiteral("the incident is read-only (%1)").arg(m_readOnlyReason), m_path);
    auto e = event(eventId);
    if (!e)
        return makeError(QStringLiteral("no event with id %1").arg(eventId), m_path);
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.prepare(QStringLiteral("INSERT INTO pins(event_id, pinned, ts_ms) VALUES(?, ?, ?)"));
    q.addBindValue(eventId);
    q.addBindValue(pinned ? 1 : 0);
    q.addBindValue(QDateTime::currentMSecsSinceEpoch());
    if (!q.exec())
        return makeError(QStringLiteral("cannot pin the event: %1").arg(sqlError(q.lastError())), m_path);
    m_lastPinId = std::max(m_lastPinId, q.lastInsertId().toLongLong());
    e->pinned = pinned;
    emit eventChanged(*e);
    return {};
}

QList<TimelineEvent> Journal::query(const QString &where, const QVariantList &binds) const
{
    QList<TimelineEvent> out;
    if (!isOpen())
        return out;
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.setForwardOnly(true);
    q.prepare(
        QStringLiteral(
            "SELECT e.id, e.ts_ms, e.kind, e.author, e.summary, e.payload,"
            " COALESCE((SELECT p.pinned FROM pins p WHERE p.event_id = e.id ORDER BY p.id DESC LIMIT 1),"
            " e.pinned) FROM events e ") +
        where + QStringLiteral(" ORDER BY e.id"));
    for (const auto &b : binds)
        q.addBindValue(b);
    if (!q.exec())
        return out;
    while (q.next()) {
        TimelineEvent e;
        e.id = q.value(0).toLongLong();
        e.tsMs = q.value(1).toLongLong();
        e.kindName = q.value(2).toString();
        e.kind = parseEventKind(e.kindName);
        e.author = q.value(3).toString();
        e.summary = q.value(4).toString();
        e.payload = QJsonDocument::fromJson(q.value(5).toString().toUtf8()).object();
        e.pinned = q.value(6).toInt() != 0;
        out.append(std::move(e));
    }
    return out;
}

QList<TimelineEvent> Journal::events() const
{
    return query({}, {});
}

QList<TimelineEvent> Journal::eventsAfter(qint64 id) const
{
    return query(QStringLiteral("WHERE e.id > ?"), {id});
}

std::optional<TimelineEvent> Journal::event(qint64 id) const
{
    const auto list = query(QStringLiteral("WHERE e.id = ?"), {id});
    if (list.isEmpty())
        return std::nullopt;
    return list.first();
}

qint64 Journal::dataVersion() const
{
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    if (q.exec(QStringLiteral("PRAGMA data_version")) && q.next())
        return q.value(0).toLongLong();
    return -1;
}

void Journal::watch(int intervalMs)
{
    m_watchTimer.start(intervalMs);
}

void Journal::refresh()
{
    if (!isOpen())
        return;
    const qint64 v = dataVersion();
    if (v == m_dataVersion && v != -1)
        return;
    m_dataVersion = v;
    const auto fresh = eventsAfter(m_lastEventId);
    if (!fresh.isEmpty()) {
        m_lastEventId = fresh.last().id;
        emit eventsAppended(fresh);
    }
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.prepare(QStringLiteral("SELECT id, event_id FROM pins WHERE id > ? ORDER BY id"));
    q.addBindValue(m_lastPinId);
    if (q.exec()) {
        QList<qint64> changed;
        while (q.next()) {
            m_lastPinId = q.value(0).toLongLong();
            if (!changed.contains(q.value(1).toLongLong()))
                changed << q.value(1).toLongLong();
        }
        for (qint64 id : changed) {
            if (auto e = event(id))
                emit eventChanged(*e);
        }
    }
}

} // namespace Sitrep::Core
