#include "core/TimelineEvent.h"

#include <QJsonDocument>

#include <array>

namespace Sitrep::Core {

namespace {
struct KindInfo
{
    EventKind kind;
    const char *name;
    const char *title;
};
constexpr std::array kKinds = {
    KindInfo{EventKind::Declared, "declared", "Declared"},
    KindInfo{EventKind::StatusChange, "status-change", "Status change"},
    KindInfo{EventKind::SeverityChange, "severity-change", "Severity change"},
    KindInfo{EventKind::RoleChange, "role-change", "Role change"},
    KindInfo{EventKind::Milestone, "milestone", "Milestone"},
    KindInfo{EventKind::Note, "note", "Note"},
    KindInfo{EventKind::Alert, "alert", "Alert"},
    KindInfo{EventKind::KubeEvent, "kube-event", "Cluster event"},
    KindInfo{EventKind::Action, "action", "Action"},
    KindInfo{EventKind::CommandRun, "command-run", "Command run"},
    KindInfo{EventKind::ChecklistStep, "checklist-step", "Checklist step"},
    KindInfo{EventKind::UpdatePublished, "update-published", "Update published"},
    KindInfo{EventKind::LogExcerpt, "log-excerpt", "Log excerpt"},
    KindInfo{EventKind::ChartSnapshot, "chart-snapshot", "Chart snapshot"},
    KindInfo{EventKind::Reminder, "reminder", "Reminder"},
    KindInfo{EventKind::Escalation, "escalation", "Escalation"},
    KindInfo{EventKind::Outbox, "outbox", "Outbox"},
    KindInfo{EventKind::FieldChange, "field-change", "Field change"},
};
} // namespace

QString eventKindName(EventKind k)
{
    for (const auto &i : kKinds) {
        if (i.kind == k)
            return QString::fromLatin1(i.name);
    }
    return QStringLiteral("unknown");
}

QString eventKindTitle(EventKind k)
{
    for (const auto &i : kKinds) {
        if (i.kind == k)
            return QString::fromLatin1(i.title);
    }
    return QStringLiteral("Other");
}

EventKind parseEventKind(const QString &name)
{
    for (const auto &i : kKinds) {
        if (name == QLatin1String(i.name))
            return i.kind;
    }
    return EventKind::Unknown;
}

QList<EventKind> allEventKinds()
{
    QList<EventKind> out;
    for (const auto &i : kKinds)
        out << i.kind;
    return out;
}

QJsonObject TimelineEvent::toJson() const
{
    QJsonObject o{
        {QStringLiteral("id"), id},
        {QStringLiteral("time"), time().toString(Qt::ISODateWithMs)},
        {QStringLiteral("tsMs"), tsMs},
        {QStringLiteral("kind"), kindName.isEmpty() ? eventKindName(kind) : kindName},
        {QStringLiteral("author"), author},
        {QStringLiteral("summary"), summary},
        {QStringLiteral("payload"), payload},
        {QStringLiteral("pinned"), pinned},
    };
    if (!uuid.isEmpty())
        o.insert(QStringLiteral("uuid"), uuid);
    if (!origin.isEmpty())
        o.insert(QStringLiteral("origin"), origin);
    if (seq > 0)
        o.insert(QStringLiteral("seq"), seq);
    return o;
}

std::optional<TimelineEvent> TimelineEvent::fromJson(const QJsonObject &o)
{
    if (!o.contains(QLatin1String("kind")) || !o.contains(QLatin1String("tsMs")))
        return std::nullopt;
    TimelineEvent e;
    e.id = o.value(QLatin1String("id")).toInteger();
    e.tsMs = o.value(QLatin1String("tsMs")).toInteger();
    e.kindName = o.value(QLatin1String("kind")).toString();
    e.kind = parseEventKind(e.kindName);
    e.author = o.value(QLatin1String("author")).toString();
    e.summary = o.value(QLatin1String("summary")).toString();
    e.payload = o.value(QLatin1String("payload")).toObject();
    e.pinned = o.value(QLatin1String("pinned")).toBool();
    e.uuid = o.value(QLatin1String("uuid")).toString();
    e.origin = o.value(QLatin1String("origin")).toString();
    e.seq = o.value(QLatin1String("seq")).toInteger();
    return e;
}

TimelineEvent makeEvent(EventKind kind, qint64 tsMs, const QString &author, const QString &summary,
                        const QJsonObject &payload)
{
    TimelineEvent e;
    e.tsMs = tsMs;
    e.kind = kind;
    e.kindName = eventKindName(kind);
    e.author = author;
    e.summary = summary;
    e.payload = payload;
    return e;
}

TimelineEvent storedEvent(qint64 id, qint64 tsMs, const QString &kindName, const QString &author,
                          const QString &summary, const QString &payloadJson, bool pinned)
{
    TimelineEvent e;
    e.id = id;
    e.tsMs = tsMs;
    e.kindName = kindName;
    e.kind = parseEventKind(kindName);
    e.author = author;
    e.summary = summary;
    e.payload = QJsonDocument::fromJson(payloadJson.toUtf8()).object();
    e.pinned = pinned;
    return e;
}

} // namespace Sitrep::Core
