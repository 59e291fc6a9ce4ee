#include "core/JournalReplica.h"

#include "core/Journal.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

namespace Sitrep::Core {

namespace {

QString sqlError(const QSqlQuery &q)
{
    return q.lastError().text().trimmed();
}

} // namespace

bool JournalReplica::isAvailable() const
{
    return m_journal.isOpen() && m_journal.m_replicated;
}

QString JournalReplica::setting(const QString &key) const
{
    if (!isAvailable())
        return {};
    QSqlQuery q(QSqlDatabase::database(m_journal.m_connection, false));
    q.prepare(QStringLiteral("SELECT value FROM replica WHERE key = ?"));
    q.addBindValue(key);
    if (q.exec() && q.next())
        return q.value(0).toString();
    return {};
}

Result<void> JournalReplica::setSetting(const QString &key, const QString &value)
{
    if (!isAvailable())
        return makeError(QStringLiteral("the incident file cannot be shared (schema %1 or read-only)")
                             .arg(m_journal.schemaVersion()),
                         m_journal.path());
    if (m_journal.isReadOnly())
        return makeError(QStringLiteral("the incident is read-only (%1)").arg(m_journal.readOnlyReason()),
                         m_journal.path());
    QSqlQuery q(QSqlDatabase::database(m_journal.m_connection, false));
    q.prepare(QStringLiteral("INSERT OR REPLACE INTO replica(key, value) VALUES(?, ?)"));
    q.addBindValue(key);
    q.addBindValue(value);
    if (!q.exec())
        return m_journal.failWrite(QStringLiteral("team setting %1 not recorded").arg(key), sqlError(q));
    m_journal.succeedWrite();
    return {};
}

Result<QList<ReplicaRecord>> JournalReplica::unshared(int limit) const
{
    QList<ReplicaRecord> out;
    if (!isAvailable())
        return out;
    QSqlQuery q(QSqlDatabase::database(m_journal.m_connection, false));
    q.setForwardOnly(true);
    q.prepare(
        QStringLiteral("SELECT e.uuid, e.origin, e.author, e.ts_ms, e.kind, e.summary, e.payload, e.pinned"
                       " FROM events e LEFT JOIN shared s ON s.uuid = e.uuid WHERE s.id IS NULL"
                       " ORDER BY e.id LIMIT ?"));
    q.addBindValue(limit);
    if (!q.exec())
        return makeError(QStringLiteral("cannot read the events not yet shared: %1").arg(sqlError(q)),
                         m_journal.path());
    while (q.next()) {
        ReplicaRecord r;
        r.uuid = q.value(0).toString();
        r.origin = q.value(1).toString();
        r.author = q.value(2).toString();
        r.tsMs = q.value(3).toLongLong();
        r.kind = q.value(4).toString();
        r.summary = q.value(5).toString();
        r.payload = q.value(6).toString();
        r.pinned = q.value(7).toInt() != 0;
        out.append(std::move(r));
    }
    if (out.size() >= limit)
        return out;
    q.prepare(QStringLiteral("SELECT p.uuid, p.origin, p.ts_ms, p.pinned, e.uuid FROM pins p"
                             " JOIN events e ON e.id = p.event_id LEFT JOIN shared s ON s.uuid = p.uuid"
                             " WHERE s.id IS NULL ORDER BY p.id LIMIT ?"));
    q.addBindValue(limit - int(out.size()));
    if (!q.exec())
        return makeError(QStringLiteral("cannot read the pins not yet shared: %1").arg(sqlError(q)),
                         m_journal.path());
    while (q.next()) {
        ReplicaRecord r;
        r.uuid = q.value(0).toString();
        r.origin = q.value(1).toString();
        r.author = r.origin.section(QLatin1Char('@'), 0, 0);
        r.tsMs = q.value(2).toLongLong();
        r.kind = QStringLiteral("pin");
        r.pinned = q.value(3).toInt() != 0;
        r.summary = r.pinned ? QStringLiteral("pinned") : QStringLiteral("unpinned");
        r.payload = QStringLiteral("{}");
        r.target = q.value(4).toString();
        out.append(std::move(r));
    }
    return out;
}

qint64 JournalReplica::unsharedCount() const
{
    if (!isAvailable())
        return 0;
    QSqlQuery q(QSqlDatabase::database(m_journal.m_connection, false));
    if (q.exec(QStringLiteral("SELECT (SELECT count(*) FROM events) + (SELECT count(*) FROM pins) -"
                              " (SELECT count(*) FROM shared)")) &&
        q.next())
        return q.value(0).toLongLong();
    return 0;
}

qint64 JournalReplica::sharedCount() const
{
    if (!isAvailable())
        return 0;
    QSqlQuery q(QSqlDatabase::database(m_journal.m_connection, false));
    if (q.exec(QStringLiteral("SELECT count(*) FROM shared")) && q.next())
        return q.value(0).toLongLong();
    return 0;
}

Result<JournalReplica::Applied> JournalReplica::apply(const QList<ReplicaAck> &acks,
                                                      const QList<ReplicaRecord> &pulled, qint64 cursor)
{
    Applied applied;
    if (!isAvailable() || m_journal.isReadOnly())
        return makeError(
            QStringLiteral("the incident cannot take events from the team server (%1)")
                .arg(m_journal.isReadOnly() ? m_journal.readOnlyReason() : QStringLiteral("schema too old")),
            m_journal.path());
    QSqlDatabase db = QSqlDatabase::database(m_journal.m_connection, false);
    const QString what = QStringLiteral("%1 events from the team server not recorded").arg(pulled.size());
    // Everything written here can be had again from the server: pulled records with their cursor (one
    // transaction, so a power cut loses both or neither) and acknowledgements (a push repeated is
    // acknowledged again). So this connection skips the fsync per commit (WAL, synchronous=NORMAL: the
    // next checkpoint syncs); the entries people write keep synchronous=FULL on their own connections.
    {
        QSqlQuery pragma(db);
        pragma.exec(QStringLiteral("PRAGMA synchronous=NORMAL"));
    }
    if (!db.transaction())
        return m_journal.failWrite(what, db.lastError().text().trimmed()).error();
    QSqlQuery ack(db);
    QSqlQuery event(db);
    QSqlQuery pin(db);
    ack.prepare(QStringLiteral("INSERT OR IGNORE INTO shared(uuid, seq) VALUES(?, ?)"));
    event.prepare(
        QStringLiteral("INSERT OR IGNORE INTO events(ts_ms, kind, author, summary, payload, pinned, uuid,"
                       " origin) VALUES(?, ?, ?, ?, ?, ?, ?, ?)"));
    pin.prepare(QStringLiteral("INSERT OR IGNORE INTO pins(event_id, pinned, ts_ms, uuid, origin)"
                               " SELECT id, ?, ?, ?, ? FROM events WHERE uuid = ?"));
    auto fail = [&](const QSqlQuery &q) -> Result<Applied> {
        const QString err = sqlError(q);
        ack = QSqlQuery();
        event = QSqlQuery();
        pin = QSqlQuery();
        db.rollback();
        return m_journal.failWrite(what, err).error();
    };
    auto acknowledge = [&](const QString &uuid, qint64 seq) {
        ack.addBindValue(uuid.toLower());
        ack.addBindValue(seq);
        return ack.exec();
    };
    for (const ReplicaAck &a : acks) {
        if (!acknowledge(a.uuid, a.seq))
            return fail(ack);
        applied.acknowledged += ack.numRowsAffected() > 0 ? 1 : 0;
    }
    const Redactor &redactor = m_journal.redactor();
    for (const ReplicaRecord &r : pulled) {
        const QString uuid = r.uuid.toLower();
        if (r.isPin()) {
            pin.addBindValue(r.pinned ? 1 : 0);
            pin.addBindValue(r.tsMs);
            pin.addBindValue(uuid);
            pin.addBindValue(r.origin);
            pin.addBindValue(r.target.toLower());
            if (!pin.exec())
                return fail(pin);
            applied.pins += pin.numRowsAffected() > 0 ? 1 : 0;
        } else {
            // Redacted at its origin already; scrubbing again also catches secrets only this laptop knows.
            QString payload = r.payload;
            const QJsonObject object = QJsonDocument::fromJson(r.payload.toUtf8()).object();
            const QJsonObject scrubbed = redactor.redact(object);
            if (scrubbed != object)
                payload = QString::fromUtf8(QJsonDocument(scrubbed).toJson(QJsonDocument::Compact));
            event.addBindValue(r.tsMs);
            event.addBindValue(r.kind);
            event.addBindValue(redactor.redact(r.author));
            event.addBindValue(redactor.redact(r.summary));
            event.addBindValue(payload);
            event.addBindValue(r.pinned ? 1 : 0);
            event.addBindValue(uuid);
            event.addBindValue(r.origin);
            if (!event.exec())
                return fail(event);
            applied.events += event.numRowsAffected() > 0 ? 1 : 0;
        }
        if (!acknowledge(uuid, r.seq))
            return fail(ack);
    }
    QSqlQuery setting(db);
    setting.prepare(QStringLiteral("INSERT OR REPLACE INTO replica(key, value) VALUES(?, ?)"));
    setting.addBindValue(kCursor);
    setting.addBindValue(QString::number(cursor));
    if (!setting.exec())
        return fail(setting);
    if (!db.commit()) {
        const QString err = db.lastError().text().trimmed();
        ack = QSqlQuery();
        event = QSqlQuery();
        pin = QSqlQuery();
        setting = QSqlQuery();
        db.rollback();
        return m_journal.failWrite(what, err).error();
    }
    m_journal.succeedWrite();
    return applied;
}

QString JournalReplica::declarationUuid() const
{
    if (!isAvailable())
        return {};
    QSqlQuery q(QSqlDatabase::database(m_journal.m_connection, false));
    if (q.exec(QStringLiteral("SELECT uuid FROM events WHERE kind = 'declared' ORDER BY id LIMIT 1")) &&
        q.next())
        return q.value(0).toString();
    return {};
}

QStringList JournalReplica::timelineUuids() const
{
    QStringList out;
    for (const auto &e : m_journal.events())
        out << e.uuid;
    return out;
}

qint64 JournalReplica::dataVersion() const
{
    return m_journal.dataVersion();
}

} // namespace Sitrep::Core
