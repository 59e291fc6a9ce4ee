#include "core/JournalSalvage.h"

#include "core/SqliteCellScanner.h"

#include <QMap>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

#include <optional>

namespace Sitrep::Core {

namespace {

const QString kColumns = QStringLiteral("id, ts_ms, kind, author, summary, payload, pinned");
// Schema 3 added the team identity of every event; a recovered copy keeps it, so that sharing it again
// does not make the same events twice.
const QString kTeamColumns = QStringLiteral(", uuid, origin");

// A table row on a raw page is an events row when it has the events table's shape: the id is the
// rowid (stored as NULL), then ts_ms, kind, author, summary, payload, pinned. Later schema versions may
// add columns at the end, so more values are fine.
bool looksLikeEvent(const SqliteCellScanner::Row &r)
{
    const auto &v = r.values;
    return v.size() >= 7 && v.size() <= 9 && v.at(0).isNull() && v.at(1).typeId() == QMetaType::LongLong &&
           v.at(2).typeId() == QMetaType::QString && v.at(3).typeId() == QMetaType::QString &&
           v.at(4).typeId() == QMetaType::QString && v.at(5).typeId() == QMetaType::QString &&
           v.at(6).typeId() == QMetaType::LongLong && r.rowid > 0;
}

bool looksLikePin(const SqliteCellScanner::Row &r)
{
    const auto &v = r.values;
    return (v.size() == 4 || v.size() == 6) && v.at(0).isNull() && v.at(1).typeId() == QMetaType::LongLong &&
           v.at(2).typeId() == QMetaType::LongLong && v.at(3).typeId() == QMetaType::LongLong;
}

// sqlite_sequence rows are (name TEXT, seq INTEGER) with a real rowid.
std::optional<qint64> sequenceOf(const QList<SqliteCellScanner::Row> &rows, const QString &table)
{
    std::optional<qint64> seq;
    for (const auto &r : rows) {
        if (r.values.size() == 2 && r.values.at(0).toString() == table &&
            r.values.at(1).typeId() == QMetaType::LongLong)
            seq = std::max(seq.value_or(0), r.values.at(1).toLongLong());
    }
    return seq;
}

class Connection
{
public:
    explicit Connection(const QString &path)
        : m_name(QStringLiteral("salvage-") + QUuid::createUuid().toString(QUuid::WithoutBraces))
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=5000"));
        m_ok = db.open();
    }
    ~Connection()
    {
        {
            QSqlDatabase db = QSqlDatabase::database(m_name, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(m_name);
    }
    bool ok() const { return m_ok; }
    QSqlDatabase db() const { return QSqlDatabase::database(m_name, false); }

private:
    QString m_name;
    bool m_ok = false;
};

} // namespace

JournalSalvage::Result JournalSalvage::read(const QString &path)
{
    Result out;
    QMap<qint64, TimelineEvent> found;
    QMap<qint64, std::pair<qint64, bool>> pins; // event id -> (pin row id, pinned): the latest row wins
    bool pinsRead = false;
    std::optional<SqliteCellScanner> scanner; // read the raw pages only when SQL falls short
    auto pages = [&]() -> const SqliteCellScanner & {
        if (!scanner)
            scanner.emplace(path);
        return *scanner;
    };
    {
        Connection c(path);
        QSqlQuery q(c.db());
        qint64 last = -1;
        if (c.ok()) {
            if (q.exec(QStringLiteral("SELECT seq FROM sqlite_sequence WHERE name='events'")) && q.next())
                out.expected = q.value(0).toLongLong();
            if (q.exec(QStringLiteral("SELECT MAX(id) FROM events")) && q.next())
                last = q.value(0).toLongLong();
        } else {
            out.sqlError = QStringLiteral("the file cannot be opened as a database");
        }
        if (out.expected < 0) {
            out.expected = sequenceOf(pages().rows(), QStringLiteral("events")).value_or(-1);
            for (const auto &r : pages().rows()) {
                if (looksLikeEvent(r))
                    last = std::max(last, r.rowid);
            }
        }
        last = std::max(last, out.expected);
        // One id at a time: a lookup only touches the pages on its own path through the b-tree.
        QSqlQuery one(c.db());
        one.setForwardOnly(true);
        bool team =
            c.ok() &&
            one.prepare(QStringLiteral("SELECT %1%2 FROM events WHERE id = ?").arg(kColumns, kTeamColumns));
        const bool prepared =
            team ||
            (c.ok() && one.prepare(QStringLiteral("SELECT %1 FROM events WHERE id = ?").arg(kColumns)));
        if (c.ok() && !prepared)
            out.sqlError = one.lastError().text().trimmed();
        for (qint64 id = 1; prepared && id <= last; ++id) {
            one.addBindValue(id);
            if (one.exec() && one.next()) {
                TimelineEvent e = storedEvent(id, one.value(1).toLongLong(), one.value(2).toString(),
                                              one.value(3).toString(), one.value(4).toString(),
                                              one.value(5).toString(), one.value(6).toInt() != 0);
                if (team) {
                    e.uuid = one.value(7).toString();
                    e.origin = one.value(8).toString();
                }
                found.insert(id, std::move(e));
            } else if (one.lastError().isValid() && out.sqlError.isEmpty()) {
                out.sqlError = one.lastError().text().trimmed();
            }
        }
        QSqlQuery p(c.db());
        p.setForwardOnly(true);
        if (c.ok() && p.exec(QStringLiteral("SELECT id, event_id, pinned FROM pins ORDER BY id"))) {
            while (p.next())
                pins.insert(p.value(1).toLongLong(), {p.value(0).toLongLong(), p.value(2).toInt() != 0});
            pinsRead = !p.lastError().isValid();
        }
    }

    // What SQL could not reach may still sit on an intact page.
    if (out.expected < 0 || found.size() < out.expected || !pinsRead) {
        for (const auto &r : pages().rows()) {
            if (looksLikeEvent(r) && !found.contains(r.rowid) &&
                (out.expected < 0 || r.rowid <= out.expected)) {
                const auto &v = r.values;
                TimelineEvent e =
                    storedEvent(r.rowid, v.at(1).toLongLong(), v.at(2).toString(), v.at(3).toString(),
                                v.at(4).toString(), v.at(5).toString(), v.at(6).toLongLong() != 0);
                e.uuid = v.value(7).toString();
                e.origin = v.value(8).toString();
                found.insert(r.rowid, std::move(e));
                ++out.fromPages;
            } else if (!pinsRead && looksLikePin(r)) {
                const qint64 eventId = r.values.at(1).toLongLong();
                if (!pins.contains(eventId) || pins.value(eventId).first < r.rowid)
                    pins.insert(eventId, {r.rowid, r.values.at(2).toLongLong() != 0});
            }
        }
    }
    for (auto it = pins.cbegin(); it != pins.cend(); ++it) {
        if (found.contains(it.key()))
            found[it.key()].pinned = it.value().second;
    }
    out.events = found.values();
    if (!found.isEmpty())
        out.expected = std::max(out.expected, found.lastKey());
    for (qint64 id = 1; id <= out.expected; ++id) {
        if (!found.contains(id))
            out.lostIds << id;
    }
    return out;
}

QString JournalSalvage::describeIds(const QList<qint64> &ids)
{
    QStringList parts;
    qsizetype i = 0;
    while (i < ids.size() && parts.size() < 8) {
        qsizetype j = i;
        while (j + 1 < ids.size() && ids.at(j + 1) == ids.at(j) + 1)
            ++j;
        parts << (j == i ? QString::number(ids.at(i))
                         : QStringLiteral("%1-%2").arg(ids.at(i)).arg(ids.at(j)));
        i = j + 1;
    }
    if (i < ids.size())
        parts << QStringLiteral("\u2026");
    return parts.join(QStringLiteral(", "));
}

QString JournalSalvage::Result::sentence() const
{
    if (expected < 0)
        return QStringLiteral("%1 events readable").arg(readable());
    QString s = QStringLiteral("%1 of %2 events readable").arg(readable()).arg(expected);
    if (!lostIds.isEmpty())
        s += QStringLiteral(" (%1)").arg(lostText());
    return s;
}

QString JournalSalvage::Result::lostText() const
{
    return lostIds.isEmpty() ? QString() : QStringLiteral("lost: ") + describeIds(lostIds);
}

} // namespace Sitrep::Core
