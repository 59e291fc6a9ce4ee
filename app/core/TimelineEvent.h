#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace Sitrep::Core {

// What kind of thing happened; stored by name so old journals stay readable when kinds are added.
enum class EventKind {
    Declared,
    StatusChange,
    SeverityChange,
    RoleChange,
    Milestone,
    Note,
    Alert,
    KubeEvent,
    Action,
    CommandRun,
    ChecklistStep,
    UpdatePublished,
    LogExcerpt,
    ChartSnapshot,
    Reminder,
    Escalation,
    Outbox,
    FieldChange,
    Unknown // a kind written by a newer Sitrep
};

QString eventKindName(EventKind k);  // "status-change"
QString eventKindTitle(EventKind k); // "Status change"
EventKind parseEventKind(const QString &name);
QList<EventKind> allEventKinds(); // every kind but Unknown

// One entry of the incident timeline. The journal stores these; everything else reads them.
struct TimelineEvent
{
    qint64 id = 0;   // assigned by the journal, increasing
    qint64 tsMs = 0; // UTC milliseconds since the epoch
    EventKind kind = EventKind::Note;
    QString kindName; // kept verbatim, also for Unknown kinds
    QString author;
    QString summary;
    QJsonObject payload;
    bool pinned = false;
    // Replication (team incidents): a globally unique id given when the event is first written, where it
    // was written (user@host), and the order the team server gave it (0: not yet shared).
    QString uuid;
    QString origin;
    qint64 seq = 0;

    QDateTime time() const { return QDateTime::fromMSecsSinceEpoch(tsMs, Qt::UTC); }
    QJsonObject toJson() const;
    static std::optional<TimelineEvent> fromJson(const QJsonObject &o);
};

TimelineEvent makeEvent(EventKind kind, qint64 tsMs, const QString &author, const QString &summary,
                        const QJsonObject &payload = {});
// An event as the journal stores it (kind by name, payload as JSON text).
TimelineEvent storedEvent(qint64 id, qint64 tsMs, const QString &kindName, const QString &author,
                          const QString &summary, const QString &payloadJson, bool pinned);

} // namespace Sitrep::Core
