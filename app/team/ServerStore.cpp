#include "team/ServerStore.h"

#include "core/Incident.h"
#include "team/ServerConnection.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>

using namespace Sitrep::Core;

namespace Sitrep::Team {

namespace {

// PostgreSQL text cannot hold U+0000.
QString pgText(QString s)
{
    s.replace(QChar(0), QChar(0xFFFD));
    return s;
}

QString uuidArray(const QList<ReplicaRecord> &records)
{
    QStringList ids;
    ids.reserve(records.size());
    for (const auto &r : records)
        ids << r.uuid;
    return QLatin1Char('{') + ids.join(QLatin1Char(',')) + QLatin1Char('}');
}

} // namespace

Result<bool> ServerStore::registerIncident(const QString &teamId, const QString &incidentId,
                                           const QString &declaredUuid, const QString &title,
                                           const QString &sharedBy)
{
    const QString insert =
        QStringLiteral("INSERT INTO sitrep.incidents(team_id, incident_id, declared_uuid, title, shared_by)"
                       " VALUES(%1, %2, %3, %4, %5) ON CONFLICT (team_id) DO NOTHING")
            .arg(m_c.literal(teamId), m_c.literal(incidentId), m_c.literal(declaredUuid),
                 m_c.literal(pgText(title)), m_c.literal(sharedBy));
    if (auto r = m_c.exec(insert, QStringLiteral("registering the incident")); !r)
        return r.error();
    auto q = m_c.exec(QStringLiteral("SELECT declared_uuid::text FROM sitrep.incidents WHERE team_id = %1")
                          .arg(m_c.literal(teamId)),
                      QStringLiteral("reading the incident back"));
    if (!q)
        return q.error();
    if (!q.value().next())
        return makeError(
            QStringLiteral("the team server lost incident %1 right after storing it").arg(teamId),
            m_c.url().display());
    return q.value().value(0).toString().compare(declaredUuid, Qt::CaseInsensitive) == 0;
}

Result<bool> ServerStore::incidentExists(const QString &teamId)
{
    auto q =
        m_c.exec(QStringLiteral("SELECT 1 FROM sitrep.incidents WHERE team_id = %1").arg(m_c.literal(teamId)),
                 QStringLiteral("looking up incident %1").arg(teamId));
    if (!q)
        return q.error();
    return q.value().next();
}

Result<void> ServerStore::insert(const QString &teamId, const QList<ReplicaRecord> &records)
{
    if (records.isEmpty())
        return {};
    QJsonArray rows;
    for (const auto &r : records) {
        rows.append(
            QJsonObject{{QStringLiteral("u"), r.uuid},
                        {QStringLiteral("k"), pgText(r.kind)},
                        {QStringLiteral("o"), pgText(r.origin)},
                        {QStringLiteral("a"), pgText(r.author)},
                        {QStringLiteral("t"), QString::number(r.tsMs)},
                        {QStringLiteral("s"), pgText(r.summary)},
                        {QStringLiteral("p"), pgText(r.payload.isEmpty() ? QStringLiteral("{}") : r.payload)},
                        {QStringLiteral("n"), r.pinned},
                        {QStringLiteral("g"), r.target}});
    }
    const QString json = QString::fromUtf8(QJsonDocument(rows).toJson(QJsonDocument::Compact));
    // One statement, rows in the order given: the trigger numbers them in that order.
    const QString sql =
        QStringLiteral(
            "INSERT INTO sitrep.events(team_id, uuid, kind, origin, author, ts_ms, summary, payload,"
            " pinned, target)"
            " SELECT %1, (r->>'u')::uuid, r->>'k', r->>'o', r->>'a', (r->>'t')::bigint, r->>'s',"
            " r->>'p', (r->>'n')::boolean, NULLIF(r->>'g', '')::uuid"
            " FROM json_array_elements(%2::json) WITH ORDINALITY AS t(r, n) ORDER BY n"
            " ON CONFLICT (uuid) DO NOTHING")
            .arg(m_c.literal(teamId), m_c.literal(json));
    if (auto r = m_c.exec(sql, QStringLiteral("pushing %1 events").arg(records.size())); !r)
        return r.error();
    return {};
}

Result<QList<ReplicaAck>> ServerStore::acknowledgements(const QList<ReplicaRecord> &records)
{
    QList<ReplicaAck> acks;
    if (records.isEmpty())
        return acks;
    auto q = m_c.exec(QStringLiteral("SELECT uuid::text, seq FROM sitrep.events WHERE uuid = ANY(%1::uuid[])")
                          .arg(m_c.literal(uuidArray(records))),
                      QStringLiteral("reading the acknowledgement of %1 events").arg(records.size()));
    if (!q)
        return q.error();
    acks.reserve(records.size());
    while (q.value().next())
        acks.append({q.value().value(0).toString(), q.value().value(1).toLongLong()});
    return acks;
}

Result<QList<ReplicaAck>> ServerStore::push(const QString &teamId, const QList<ReplicaRecord> &records)
{
    if (auto r = insert(teamId, records); !r)
        return r.error();
    return acknowledgements(records);
}

Result<QList<ReplicaRecord>> ServerStore::pull(const QString &teamId, qint64 afterSeq, int limit)
{
    auto q = m_c.exec(
        QStringLiteral("SELECT seq, uuid::text, kind, origin, author, ts_ms, summary, payload, pinned,"
                       " COALESCE(target::text, '') FROM sitrep.events"
                       " WHERE team_id = %1 AND seq > %2 ORDER BY seq LIMIT %3")
            .arg(m_c.literal(teamId))
            .arg(afterSeq)
            .arg(limit),
        QStringLiteral("pulling events"));
    if (!q)
        return q.error();
    QList<ReplicaRecord> out;
    if (q.value().size() > 0)
        out.reserve(q.value().size());
    while (q.value().next()) {
        ReplicaRecord r;
        r.seq = q.value().value(0).toLongLong();
        r.uuid = q.value().value(1).toString();
        r.kind = q.value().value(2).toString();
        r.origin = q.value().value(3).toString();
        r.author = q.value().value(4).toString();
        r.tsMs = q.value().value(5).toLongLong();
        r.summary = q.value().value(6).toString();
        r.payload = q.value().value(7).toString();
        r.pinned = q.value().value(8).toBool();
        r.target = q.value().value(9).toString();
        out.append(std::move(r));
    }
    return out;
}

Result<ServerStore::Counts> ServerStore::counts(const QString &teamId)
{
    auto q = m_c.exec(
        QStringLiteral("SELECT count(*), COALESCE(max(seq), 0) FROM sitrep.events WHERE team_id = %1")
            .arg(m_c.literal(teamId)),
        QStringLiteral("counting events"));
    if (!q)
        return q.error();
    Counts c;
    if (q.value().next()) {
        c.records = q.value().value(0).toLongLong();
        c.lastSeq = q.value().value(1).toLongLong();
    }
    return c;
}

Result<QList<TeamIncident>> ServerStore::fold(const QString &where)
{
    // The kinds that make the header: the same fold (Core::Incident) every replica applies.
    auto q =
        m_c.exec(QStringLiteral("SELECT i.team_id, i.shared_by, i.title, e.kind, e.ts_ms, e.payload"
                                " FROM sitrep.incidents i LEFT JOIN sitrep.events e ON e.team_id = i.team_id"
                                " AND e.kind IN ('declared', 'status-change', 'severity-change',"
                                " 'role-change', 'milestone', 'field-change') %1"
                                " ORDER BY i.team_id, e.seq")
                     .arg(where),
                 QStringLiteral("listing incidents"));
    if (!q)
        return q.error();
    QList<TeamIncident> out;
    QHash<QString, qsizetype> index;
    Incident folding;
    QString current;
    auto finish = [&] {
        if (current.isEmpty())
            return;
        TeamIncident &t = out[index.value(current)];
        if (folding.isDeclared()) {
            t.title = folding.title();
            t.service = folding.service();
            t.severity = folding.severity();
            t.status = statusName(folding.status());
            t.commander = folding.commander();
            t.startMs = folding.startMs();
        }
    };
    while (q.value().next()) {
        const QString teamId = q.value().value(0).toString();
        if (teamId != current) {
            finish();
            current = teamId;
            folding = Incident();
            TeamIncident t;
            t.teamId = teamId;
            t.sharedBy = q.value().value(1).toString();
            t.title = q.value().value(2).toString();
            index.insert(teamId, out.size());
            out.append(t);
        }
        if (q.value().value(3).isNull())
            continue;
        TimelineEvent e;
        e.kindName = q.value().value(3).toString();
        e.kind = parseEventKind(e.kindName);
        e.tsMs = q.value().value(4).toLongLong();
        e.payload = QJsonDocument::fromJson(q.value().value(5).toString().toUtf8()).object();
        folding.apply(e);
    }
    finish();

    auto stats =
        m_c.exec(QStringLiteral("SELECT team_id, count(*), max(seq),"
                                " string_agg(DISTINCT author, E'\\n') FROM sitrep.events e %1"
                                " GROUP BY team_id")
                     .arg(QString(where).replace(QLatin1String("i.team_id"), QLatin1String("e.team_id"))),
                 QStringLiteral("counting responders"));
    if (!stats)
        return stats.error();
    while (stats.value().next()) {
        const auto i = index.value(stats.value().value(0).toString(), -1);
        if (i < 0)
            continue;
        out[i].events = stats.value().value(1).toLongLong();
        out[i].lastSeq = stats.value().value(2).toLongLong();
        out[i].responders = stats.value().value(3).toString().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    }
    return out;
}

Result<QList<TeamIncident>> ServerStore::incidents()
{
    return fold(QString());
}

Result<TeamIncident> ServerStore::incident(const QString &teamId)
{
    auto list = fold(QStringLiteral("WHERE i.team_id = %1").arg(m_c.literal(teamId)));
    if (!list)
        return list.error();
    if (list->isEmpty())
        return makeError(
            QStringLiteral("the team server has no incident \"%1\" (`sitrep team incidents` lists "
                           "them)")
                .arg(teamId),
            m_c.url().display());
    return list->first();
}

Result<void> ServerStore::notify(const QString &channel, const QString &payload)
{
    if (auto r = m_c.exec(
            QStringLiteral("SELECT pg_notify(%1, %2)").arg(m_c.literal(channel), m_c.literal(payload)),
            QStringLiteral("announcing presence"));
        !r)
        return r.error();
    return {};
}

} // namespace Sitrep::Team
