#include "export/JsonWriter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Sitrep::Core;

namespace Sitrep::Export {

namespace {
QJsonValue seconds(const std::optional<qint64> &s)
{
    return s ? QJsonValue(double(*s)) : QJsonValue(QJsonValue::Null);
}
} // namespace

QByteArray JsonWriter::write(const Postmortem &pm)
{
    const Incident &i = pm.incident;
    QJsonObject roles;
    for (int r = 0; r < kRoleCount; ++r)
        roles.insert(roleName(static_cast<Role>(r)), i.role(static_cast<Role>(r)));
    QJsonObject fields;
    const auto f = i.fields();
    for (auto it = f.begin(); it != f.end(); ++it)
        fields.insert(it.key(), it.value());
    const Milestones &m = i.milestones();
    QJsonArray events;
    for (const TimelineEvent &e : pm.timeline)
        events.append(e.toJson());
    const QJsonObject doc{
        {QStringLiteral("schema"), kSchema},
        {QStringLiteral("incident"), QJsonObject{{QStringLiteral("id"), i.id()},
                                                 {QStringLiteral("title"), i.title()},
                                                 {QStringLiteral("service"), i.service()},
                                                 {QStringLiteral("severity"), i.severity()},
                                                 {QStringLiteral("status"), statusName(i.status())},
                                                 {QStringLiteral("roles"), roles},
                                                 {QStringLiteral("milestones"), m.toJson()},
                                                 {QStringLiteral("fields"), fields},
                                                 {QStringLiteral("severities"), i.severities().toJson()}}},
        {QStringLiteral("metrics"),
         QJsonObject{
             {QStringLiteral("durationSeconds"), double((pm.endMs - i.startMs()) / 1000)},
             {QStringLiteral("timeToDetectSeconds"), seconds(m.timeToDetect())},
             {QStringLiteral("timeToAcknowledgeSeconds"), seconds(m.timeToAcknowledge())},
             {QStringLiteral("timeToMitigateSeconds"), seconds(m.timeToMitigate())},
             {QStringLiteral("timeToResolveSeconds"), seconds(m.timeToResolve())},
             {QStringLiteral("timeToFirstUpdateSeconds"), seconds(pm.timeToFirstUpdate)},
             {QStringLiteral("updatesSent"), pm.updatesSent},
             {QStringLiteral("updatesDue"), pm.updatesDue ? QJsonValue(*pm.updatesDue) : QJsonValue()}}},
        {QStringLiteral("pinnedOnly"), pm.options.pinnedOnly},
        {QStringLiteral("events"), events},
    };
    return QJsonDocument(doc).toJson(QJsonDocument::Indented);
}

Result<QList<TimelineEvent>> JsonWriter::read(const QByteArray &json)
{
    QJsonParseError err{};
    const QJsonDocument doc = QJsonDocument::fromJson(json, &err);
    if (err.error != QJsonParseError::NoError)
        return makeError(QStringLiteral("not JSON: %1 at offset %2").arg(err.errorString()).arg(err.offset));
    const QJsonObject root = doc.object();
    if (root.value(QLatin1String("schema")).toString() != kSchema)
        return makeError(QStringLiteral("not a Sitrep incident export (schema is \"%1\", expected \"%2\")")
                             .arg(root.value(QLatin1String("schema")).toString(), kSchema),
                         QStringLiteral("schema"));
    QList<TimelineEvent> out;
    const QJsonArray events = root.value(QLatin1String("events")).toArray();
    for (int i = 0; i < events.size(); ++i) {
        auto e = TimelineEvent::fromJson(events.at(i).toObject());
        if (!e)
            return makeError(QStringLiteral("event has no kind or time"),
                             QStringLiteral("events[%1]").arg(i));
        out.append(*e);
    }
    return out;
}

} // namespace Sitrep::Export
