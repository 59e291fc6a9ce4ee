#include "core/Journal.h"

#include "core/JournalFormat.h"
#include "core/JournalSalvage.h"
#include "core/User.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <QUrl>
#include <QUuid>

#include <unistd.h>

namespace Sitrep::Core {

namespace {

QString sqlError(const QSqlError &e)
{
    return e.text().trimmed();
}

bool folderWritable(const QString &path)
{
    // access() answers for root too: a read-only file system is EROFS for everybody.
    return ::access(QFile::encodeName(QFileInfo(path).absolutePath()).constData(), W_OK) == 0;
}

const QString kSelect = QStringLiteral(
    "SELECT e.id, e.ts_ms, e.kind, e.author, e.summary, e.payload,"
    " COALESCE((SELECT p.pinned FROM pins p WHERE p.event_id = e.id ORDER BY p.id DESC LIMIT 1),"
    " e.pinned) FROM events e ");
// Schema 3: the server's order first (shared events by sequence, then the rest as written), and for pins
// the last change in that same order.
const QString kSelectReplicated = QStringLiteral(
    "SELECT e.id, e.ts_ms, e.kind, e.author, e.summary, e.payload,"
    " COALESCE((SELECT p.pinned FROM pins p LEFT JOIN shared ps ON ps.uuid = p.uuid WHERE p.event_id = e.id"
    " ORDER BY (ps.seq IS NULL) DESC, ps.seq DESC, p.id DESC LIMIT 1), e.pinned),"
    " e.uuid, e.origin, COALESCE(s.seq, 0) FROM events e LEFT JOIN shared s ON s.uuid = e.uuid ");
const QString kOrderReplicated = QStringLiteral(" ORDER BY (s.seq IS NULL), s.seq, e.id");

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
    const JournalFormat::FileHeader header =
        info.exists() ? JournalFormat::readHeader(path) : JournalFormat::FileHeader{};
    if (info.exists() && info.size() > 0 && !header.sqlite)
        return makeError(QStringLiteral("not a Sitrep incident file (it is not an SQLite database)"), path);
    if (info.exists() && info.size() == 0 && !QFileInfo::exists(path + QStringLiteral("-wal")))
        return makeError(QStringLiteral("the file is empty (0 bytes): not a Sitrep incident file"), path);

    if (header.claimedBytes > info.size())
        return openDamaged(path, QStringLiteral("the file is truncated: %1 of %2 bytes")
                                     .arg(info.size())
                                     .arg(header.claimedBytes));
    if (auto r = openConnection(path, mode == Mode::ReadOnly); !r)
        return r;
    // A damaged first page fails here, on the first read.
    QString firstRead;
    {
        QSqlQuery q(QSqlDatabase::database(m_connection, false));
        if (!q.exec(QStringLiteral("PRAGMA schema_version")))
            firstRead = sqlError(q.lastError());
    }
    if (!firstRead.isEmpty() && !folderWritable(path)) {
        close();
        if (auto r = openConnection(path, true, true); !r)
            return r;
        QSqlQuery q(QSqlDatabase::database(m_connection, false));
        if (q.exec(QStringLiteral("PRAGMA schema_version"))) {
            firstRead.clear();
            m_readOnlyReason = QStringLiteral("the file cannot be written (its folder is on a read-only file "
                                              "system): read-only");
        }
    }
    if (!firstRead.isEmpty())
        return openDamaged(path, firstRead);
    // Check before anything writes: a damaged file must stay exactly as it was found.
    if (info.exists() && info.size() > 0) {
        checkIntegrity(info.size() > s_foregroundCheckBytes);
        if (m_health.isDamaged())
            return openDamaged(path, m_health.damage);
    } else {
        m_health = JournalHealth{JournalHealth::State::Healthy, {}, 0, 0, {}, 0};
    }
    if (!m_readOnly) {
        if (const QString why = writeProbe(); !why.isEmpty()) {
            // A file or file system that refuses writes opens read-only and says why, instead of
            // failing on the first note.
            const JournalHealth health = m_health;
            close();
            if (auto r = openConnection(path, true); !r)
                return r;
            m_health = health;
            m_readOnlyReason = QStringLiteral("the file cannot be written (%1): read-only").arg(why);
        } else if (auto r = makeDurable(); !r) {
            close();
            return makeError(r.error().message, path);
        }
    }
    if (auto r = migrate(); !r) {
        close();
        return makeError(r.error().message, path);
    }
    m_lastEventId = 0;
    m_lastPinId = 0;
    {
        QSqlQuery q(QSqlDatabase::database(m_connection, false));
        if (q.exec(QStringLiteral("SELECT COALESCE(MAX(id),0) FROM events")) && q.next())
            m_lastEventId = q.value(0).toLongLong();
        if (q.exec(QStringLiteral("SELECT COALESCE(MAX(id),0) FROM pins")) && q.next())
            m_lastPinId = q.value(0).toLongLong();
    }
    if (m_health.state == JournalHealth::State::Healthy)
        m_health.readableEvents = m_lastEventId;
    loadReplicaState();
    m_dataVersion = dataVersion();
    return {};
}

Result<void> Journal::openConnection(const QString &path, bool readOnly, bool immutable)
{
    const QString name = QStringLiteral("journal-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        QString options = QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000");
        if (immutable) {
            // On a read-only file system SQLite cannot make the WAL index; nothing can change the
            // file there, so it may be read as immutable.
            db.setDatabaseName(QUrl::fromLocalFile(QFileInfo(path).absoluteFilePath()).toString() +
                               QStringLiteral("?immutable=1"));
            options += QStringLiteral(";QSQLITE_OPEN_URI");
        } else {
            db.setDatabaseName(path);
        }
        if (readOnly)
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
    m_open = true;
    m_path = path;
    m_readOnly = readOnly;
    m_readOnlyReason = m_readOnly ? QStringLiteral("opened read-only") : QString();
    return {};
}

Result<void> Journal::makeDurable()
{
    // The promise "an acknowledged event survives a crash" rests on these two; check that SQLite
    // took them instead of trusting the statements (WAL is refused on some network file systems).
    {
        QSqlQuery q(QSqlDatabase::database(m_connection, false));
        q.exec(QStringLiteral("PRAGMA journal_mode=WAL"));
        q.exec(QStringLiteral("PRAGMA synchronous=FULL"));
    }
    const Durability d = durability();
    if (d.journalMode != QLatin1String("wal"))
        return makeError(QStringLiteral("cannot make the journal crash-safe: SQLite keeps journal_mode=%1 "
                                        "instead of wal (is the file on a network or read-only file system?)")
                             .arg(d.journalMode.isEmpty() ? QStringLiteral("unknown") : d.journalMode));
    if (d.synchronous != 2)
        return makeError(QStringLiteral("cannot make the journal crash-safe: synchronous is %1, not FULL (2)")
                             .arg(d.synchronous));
    return {};
}

QString Journal::writeProbe()
{
    // BEGIN IMMEDIATE takes the write lock without writing a byte: it fails exactly when a write would.
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    if (!q.exec(QStringLiteral("BEGIN IMMEDIATE")))
        return sqlError(q.lastError());
    q.exec(QStringLiteral("ROLLBACK"));
    return {};
}

Journal::Durability Journal::durability() const
{
    Durability d;
    if (m_connection.isEmpty())
        return d;
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    if (q.exec(QStringLiteral("PRAGMA journal_mode")) && q.next())
        d.journalMode = q.value(0).toString().toLower();
    if (q.exec(QStringLiteral("PRAGMA synchronous")) && q.next())
        d.synchronous = q.value(0).toInt();
    return d;
}

qint64 Journal::s_foregroundCheckBytes = Journal::kForegroundCheckBytes;

void Journal::setForegroundCheckBytes(qint64 bytes)
{
    s_foregroundCheckBytes = bytes;
}

void Journal::checkIntegrity(bool inBackground)
{
    if (inBackground) {
        // A big file would hold the window up: check on a connection of its own, in a thread.
        m_health.state = JournalHealth::State::Checking;
        Journal *self = this; // close() joins this thread before the journal goes away
        const QString path = m_path;
        const quint64 generation = m_generation;
        m_checkThread = QThread::create([self, path, generation] {
            const QString name =
                QStringLiteral("check-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
            QString damage;
            QElapsedTimer t;
            t.start();
            {
                QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
                db.setDatabaseName(path);
                db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=10000"));
                damage = db.open() ? JournalFormat::quickCheck(db) : sqlError(db.lastError());
                db.close();
            }
            QSqlDatabase::removeDatabase(name);
            const qint64 ms = t.elapsed();
            QMetaObject::invokeMethod(
                self, [self, generation, damage, ms] { self->onCheckResult(generation, damage, ms); },
                Qt::QueuedConnection);
        });
        m_checkThread->start();
        return;
    }
    QElapsedTimer t;
    t.start();
    const QString damage = JournalFormat::quickCheck(QSqlDatabase::database(m_connection, false));
    m_health.checkMs = t.elapsed();
    m_health.state = damage.isEmpty() ? JournalHealth::State::Healthy : JournalHealth::State::Damaged;
    m_health.damage = damage;
}

void Journal::onCheckResult(quint64 generation, const QString &damage, qint64 ms)
{
    if (generation != m_generation || !isOpen())
        return; // the file it checked was closed since
    if (m_checkThread) {
        m_checkThread->wait();
        delete m_checkThread;
        m_checkThread = nullptr;
    }
    m_health.checkMs = ms;
    if (damage.isEmpty()) {
        m_health.state = JournalHealth::State::Healthy;
        m_health.readableEvents = m_lastEventId;
        emit healthChanged();
        return;
    }
    // Found late: from now on the file is read-only and served from what can be salvaged.
    const QString path = m_path;
    (void)openDamaged(path, damage);
    m_health.checkMs = ms;
    emit healthChanged();
}

Result<void> Journal::openDamaged(const QString &path, const QString &damage)
{
    close();
    // Reading goes on without the b-tree where it has to; nothing is ever written to a damaged file.
    const JournalSalvage::Result salvage = JournalSalvage::read(path);
    if (openConnection(path, true).ok()) {
        QSqlQuery q(QSqlDatabase::database(m_connection, false));
        if (q.exec(QStringLiteral("SELECT MAX(version) FROM schema_version")) && q.next())
            m_schemaVersion = q.value(0).toInt();
    } else {
        m_open = true;
        m_path = path;
        m_readOnly = true;
    }
    m_salvaged = salvage.events;
    m_health = JournalHealth{};
    m_health.state = JournalHealth::State::Damaged;
    m_health.damage = damage.isEmpty() ? salvage.sqlError : damage;
    m_health.readableEvents = salvage.readable();
    m_health.expectedEvents = salvage.expected;
    m_health.lost = salvage.lostText();
    m_readOnlyReason = m_health.sentence();
    m_lastEventId = m_salvaged.isEmpty() ? 0 : m_salvaged.last().id;
    return {};
}

Result<void> Journal::migrate()
{
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    const Result<int> found = JournalFormat::schemaVersion(db);
    if (!found)
        return found.error();
    const int version = *found;
    m_schemaVersion = version;
    if (version > kSchemaVersion) {
        // Written by a newer Sitrep: reading is safe, writing could corrupt what we do not understand.
        if (!m_readOnly) {
            const QString path = m_path;
            const JournalHealth health = m_health;
            db = QSqlDatabase();
            close();
            if (auto r = openConnection(path, true); !r)
                return r.error();
            m_health = health;
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
        return {}; // an older file opened read-only is read as it is (without the newer columns)
    if (auto r = JournalFormat::upgrade(db, version, kSchemaVersion); !r)
        return r;
    m_schemaVersion = kSchemaVersion;
    return {};
}

void Journal::close()
{
    m_watchTimer.stop();
    ++m_generation;
    if (m_checkThread) {
        m_checkThread->wait();
        delete m_checkThread;
        m_checkThread = nullptr;
    }
    m_open = false;
    m_salvaged.clear();
    m_health = JournalHealth{};
    m_readErrorQueued = false;
    m_writeError.clear();
    if (m_connection.isEmpty())
        return;
    {
        QSqlDatabase db = QSqlDatabase::database(m_connection, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(m_connection);
    m_connection.clear();
}

QString Journal::exportBlocker() const
{
    switch (m_health.state) {
    case JournalHealth::State::Checking:
        return QStringLiteral("the integrity check of this incident file is still running; export when it "
                              "has finished");
    case JournalHealth::State::Damaged:
        return m_health.sentence() +
               QStringLiteral(". Recover it first (a new file with every readable event)");
    case JournalHealth::State::Unchecked:
    case JournalHealth::State::Healthy:
        break;
    }
    return {};
}

Result<void> Journal::failWrite(const QString &what, const QString &sqlError)
{
    m_writeError = QStringLiteral("the journal cannot be written: %1 (%2)").arg(sqlError, what);
    emit writeFailed(m_writeError);
    return makeError(m_writeError, m_path);
}

void Journal::succeedWrite()
{
    if (m_writeError.isEmpty())
        return;
    m_writeError.clear();
    emit writeRecovered();
}

void Journal::prepareForWrite(TimelineEvent &event) const
{
    event.summary = m_redactor->redact(event.summary);
    event.payload = m_redactor->redact(event.payload);
    event.author = m_redactor->redact(event.author);
    if (event.kindName.isEmpty())
        event.kindName = eventKindName(event.kind);
    if (event.tsMs == 0)
        event.tsMs = QDateTime::currentMSecsSinceEpoch();
    if (event.uuid.isEmpty())
        event.uuid = QUuid::createUuid().toString(QUuid::WithoutBraces);
    if (event.origin.isEmpty())
        event.origin = currentOrigin();
    event.seq = 0;
}

bool Journal::insert(QSqlQuery &q, const TimelineEvent &event) const
{
    q.prepare(QStringLiteral("INSERT INTO events(ts_ms, kind, author, summary, payload, pinned, uuid, origin)"
                             " VALUES(?, ?, ?, ?, ?, ?, ?, ?)"));
    q.addBindValue(event.tsMs);
    q.addBindValue(event.kindName);
    q.addBindValue(event.author);
    q.addBindValue(event.summary);
    q.addBindValue(QString::fromUtf8(QJsonDocument(event.payload).toJson(QJsonDocument::Compact)));
    q.addBindValue(event.pinned ? 1 : 0);
    q.addBindValue(event.uuid);
    q.addBindValue(event.origin);
    return q.exec();
}

Result<TimelineEvent> Journal::append(TimelineEvent event)
{
    if (!isOpen())
        return makeError(QStringLiteral("no incident is open"));
    if (m_readOnly)
        return makeError(QStringLiteral("the incident is read-only (%1)").arg(m_readOnlyReason), m_path);
    prepareForWrite(event);
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    if (!insert(q, event))
        return failWrite(QStringLiteral("%1 not recorded").arg(event.kindName), sqlError(q.lastError()))
            .error();
    event.id = q.lastInsertId().toLongLong();
    succeedWrite();

    // Our own write changes data_version for other connections only; catch up on theirs first.
    if (event.id != m_lastEventId + 1)
        refresh();
    if (event.id > m_lastEventId) {
        m_lastEventId = event.id;
        place(event);
        emit eventsAppended({event});
    }
    return event;
}

Result<QList<TimelineEvent>> Journal::appendAll(QList<TimelineEvent> events)
{
    if (!isOpen())
        return makeError(QStringLiteral("no incident is open"));
    if (m_readOnly)
        return makeError(QStringLiteral("the incident is read-only (%1)").arg(m_readOnlyReason), m_path);
    if (events.isEmpty())
        return events;
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    if (!db.transaction())
        return failWrite(QStringLiteral("%1 events not recorded").arg(events.size()),
                         sqlError(db.lastError()))
            .error();
    QSqlQuery q(db);
    for (auto &event : events) {
        prepareForWrite(event);
        if (!insert(q, event)) {
            const QString err = sqlError(q.lastError());
            q = QSqlQuery();
            db.rollback();
            return failWrite(QStringLiteral("%1 events not recorded").arg(events.size()), err).error();
        }
        event.id = q.lastInsertId().toLongLong();
    }
    if (!db.commit()) {
        const QString err = sqlError(db.lastError());
        db.rollback();
        return failWrite(QStringLiteral("%1 events not recorded").arg(events.size()), err).error();
    }
    succeedWrite();
    if (events.first().id != m_lastEventId + 1)
        refresh();
    QList<TimelineEvent> fresh;
    for (const auto &e : std::as_const(events)) {
        if (e.id > m_lastEventId) {
            place(e);
            fresh << e;
        }
    }
    if (!fresh.isEmpty()) {
        m_lastEventId = fresh.last().id;
        emit eventsAppended(fresh);
    }
    return events;
}

void Journal::waitForCheck()
{
    if (!m_checkThread)
        return;
    m_checkThread->wait();
    QCoreApplication::sendPostedEvents(this, QEvent::MetaCall);
}

Result<qint64> Journal::recordIntent(const QString &author, const QString &what, const QJsonObject &payload)
{
    if (!isOpen())
        return makeError(QStringLiteral("no incident is open"));
    if (m_readOnly)
        return makeError(QStringLiteral("the incident is read-only (%1)").arg(m_readOnlyReason), m_path);
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.prepare(QStringLiteral("INSERT INTO intents(ts_ms, author, what, payload) VALUES(?, ?, ?, ?)"));
    q.addBindValue(QDateTime::currentMSecsSinceEpoch());
    q.addBindValue(m_redactor->redact(author));
    q.addBindValue(m_redactor->redact(what));
    q.addBindValue(
        QString::fromUtf8(QJsonDocument(m_redactor->redact(payload)).toJson(QJsonDocument::Compact)));
    if (!q.exec())
        return failWrite(QStringLiteral("\"%1\" was refused").arg(m_redactor->redact(what).left(120)),
                         sqlError(q.lastError()))
            .error();
    succeedWrite();
    return q.lastInsertId().toLongLong();
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
    q.prepare(
        QStringLiteral("INSERT INTO pins(event_id, pinned, ts_ms, uuid, origin) VALUES(?, ?, ?, ?, ?)"));
    q.addBindValue(eventId);
    q.addBindValue(pinned ? 1 : 0);
    q.addBindValue(QDateTime::currentMSecsSinceEpoch());
    q.addBindValue(QUuid::createUuid().toString(QUuid::WithoutBraces));
    q.addBindValue(currentOrigin());
    if (!q.exec())
        return failWrite(QStringLiteral("pin not recorded"), sqlError(q.lastError()));
    succeedWrite();
    m_lastPinId = std::max(m_lastPinId, q.lastInsertId().toLongLong());
    e->pinned = pinned;
    emit eventChanged(*e);
    return {};
}

QList<TimelineEvent> Journal::query(const QString &where, const QVariantList &binds, qint64 afterId,
                                    qint64 onlyId) const
{
    QList<TimelineEvent> out;
    if (!isOpen())
        return out;
    if (m_health.isDamaged()) {
        for (const auto &e : std::as_const(m_salvaged)) {
            if (e.id > afterId && (onlyId < 0 || e.id == onlyId))
                out.append(e);
        }
        return out;
    }
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.setForwardOnly(true);
    q.prepare(m_replicated ? kSelectReplicated + where + kOrderReplicated
                           : kSelect + where + QStringLiteral(" ORDER BY e.id"));
    for (const auto &b : binds)
        q.addBindValue(b);
    if (!q.exec()) {
        noticeReadError(sqlError(q.lastError()));
        return query(where, binds, afterId, onlyId);
    }
    while (q.next()) {
        out.append(storedEvent(q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toString(),
                               q.value(3).toString(), q.value(4).toString(), q.value(5).toString(),
                               q.value(6).toInt() != 0));
        if (m_replicated) {
            out.last().uuid = q.value(7).toString();
            out.last().origin = q.value(8).toString();
            out.last().seq = q.value(9).toLongLong();
        }
    }
    // next() ends on the last row and on an error alike: a damaged page met half-way must not look
    // like the end of the incident.
    if (q.lastError().isValid()) {
        noticeReadError(sqlError(q.lastError()));
        return query(where, binds, afterId, onlyId);
    }
    return out;
}

void Journal::noticeReadError(const QString &error) const
{
    // Reading is const for callers, but damage found now changes what this journal is: salvage what
    // can be read, serve that from now on, and say so once (queued: a caller may be mid-iteration).
    auto *self = const_cast<Journal *>(this);
    const QString path = m_path;
    (void)self->openDamaged(path, error);
    if (!m_readErrorQueued) {
        m_readErrorQueued = true;
        QMetaObject::invokeMethod(self, &Journal::healthChanged, Qt::QueuedConnection);
    }
}

QList<TimelineEvent> Journal::events() const
{
    return query({}, {}, 0);
}

QList<TimelineEvent> Journal::eventsAfter(qint64 id) const
{
    return query(QStringLiteral("WHERE e.id > ?"), {id}, id);
}

QList<TimelineEvent> Journal::eventsOfKinds(const QStringList &kinds) const
{
    if (m_health.isDamaged()) {
        QList<TimelineEvent> out = m_salvaged;
        out.removeIf([&kinds](const TimelineEvent &e) { return !kinds.contains(e.kindName); });
        return out;
    }
    QStringList marks;
    QVariantList binds;
    for (const QString &k : kinds) {
        marks << QStringLiteral("?");
        binds << k;
    }
    return query(QStringLiteral("WHERE e.kind IN (%1)").arg(marks.join(QLatin1Char(','))), binds, 0);
}

std::optional<TimelineEvent> Journal::event(qint64 id) const
{
    const auto list = query(QStringLiteral("WHERE e.id = ?"), {id}, 0, id);
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
    if (!m_health.isDamaged()) // a damaged file is read-only and read once
        m_watchTimer.start(intervalMs);
}

void Journal::refresh()
{
    if (!isOpen() || m_health.isDamaged())
        return;
    const qint64 v = dataVersion();
    if (v == m_dataVersion && v != -1)
        return;
    m_dataVersion = v;
    bool reorder = false;
    const auto fresh = eventsAfter(m_lastEventId);
    if (!fresh.isEmpty()) {
        for (const auto &e : fresh) {
            m_lastEventId = std::max(m_lastEventId, e.id);
            reorder = place(e) || reorder;
        }
        emit eventsAppended(fresh);
    }
    if (m_health.isDamaged())
        return;
    QList<qint64> acknowledged;
    reorder = readNewShares(acknowledged) || reorder;
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
            if (!acknowledged.contains(id))
                acknowledged << id;
        }
    }
    // Many changes at once (a catch-up, a first share): readers take everything again rather than one
    // event at a time.
    if (reorder || acknowledged.size() > 64) {
        emit reordered(); // readers take everything again, acknowledgements and pins included
        return;
    }
    for (qint64 id : std::as_const(acknowledged)) {
        if (auto e = event(id))
            emit eventChanged(*e);
    }
}

void Journal::loadReplicaState()
{
    m_replicated = m_schemaVersion >= 3 && !m_health.isDamaged();
    m_maxSharedSeq = 0;
    m_lastShareId = 0;
    m_unshared.clear();
    if (!m_replicated)
        return;
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.setForwardOnly(true);
    if (q.exec(QStringLiteral("SELECT COALESCE(MAX(id), 0) FROM shared")) && q.next())
        m_lastShareId = q.value(0).toLongLong();
    if (q.exec(QStringLiteral(
            "SELECT COALESCE(MAX(s.seq), 0) FROM shared s JOIN events e ON e.uuid = s.uuid")) &&
        q.next())
        m_maxSharedSeq = q.value(0).toLongLong();
    if (q.exec(QStringLiteral(
            "SELECT e.id FROM events e LEFT JOIN shared s ON s.uuid = e.uuid WHERE s.id IS NULL"))) {
        while (q.next())
            m_unshared.insert(q.value(0).toLongLong());
    }
}

bool Journal::place(const TimelineEvent &event)
{
    if (!m_replicated)
        return false;
    if (event.seq <= 0) {
        m_unshared.insert(event.id); // last in timeline order: nothing before it moves
        return false;
    }
    // A shared event lands after every shared one and before every one not yet shared.
    const bool atEnd = m_unshared.empty() && event.seq > m_maxSharedSeq;
    m_maxSharedSeq = std::max(m_maxSharedSeq, event.seq);
    return !atEnd;
}

bool Journal::readNewShares(QList<qint64> &changed)
{
    if (!m_replicated)
        return false;
    bool reorder = false;
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT s.id, s.seq, e.id, p.event_id FROM shared s"
                             " LEFT JOIN events e ON e.uuid = s.uuid LEFT JOIN pins p ON p.uuid = s.uuid"
                             " WHERE s.id > ? ORDER BY s.id"));
    q.addBindValue(m_lastShareId);
    if (!q.exec())
        return false;
    while (q.next()) {
        m_lastShareId = q.value(0).toLongLong();
        const qint64 seq = q.value(1).toLongLong();
        if (!q.value(2).isNull()) {
            const qint64 id = q.value(2).toLongLong();
            if (id > m_lastEventId)
                continue; // written after the events read above: placed on the next refresh
            if (const auto it = m_unshared.find(id); it != m_unshared.end()) {
                // One of ours, acknowledged: it stays put only if it was the first not yet shared and
                // the server put it after everything shared so far.
                reorder = reorder || it != m_unshared.begin() || seq <= m_maxSharedSeq;
                m_unshared.erase(it);
                changed << id;
            }
            m_maxSharedSeq = std::max(m_maxSharedSeq, seq);
        } else if (!q.value(3).isNull()) {
            changed << q.value(3).toLongLong(); // a pin change acknowledged: which one is last may change
        }
    }
    return reorder;
}

} // namespace Sitrep::Core
