#include "comms/DraftFiller.h"

#include "core/Milestones.h"

#include <QJsonObject>

namespace Sitrep::Comms {

using Core::EventKind;

namespace {

const QStringList &autoKeys()
{
    static const QStringList keys = {
        QStringLiteral("title"),     QStringLiteral("status"),      QStringLiteral("severity"),
        QStringLiteral("service"),   QStringLiteral("start_time"),  QStringLiteral("duration"),
        QStringLiteral("commander"), QStringLiteral("next_update"), QStringLiteral("updates_link")};
    return keys;
}

} // namespace

QString DraftFiller::formatTime(const QDateTime &t)
{
    return t.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm")) + QStringLiteral(" UTC");
}

bool DraftFiller::isAutoField(const QString &key)
{
    return autoKeys().contains(key);
}

FieldValues DraftFiller::autoFields(const Context &ctx)
{
    FieldValues v;
    if (!ctx.incident || !ctx.incident->isDeclared())
        return v;
    const Core::Incident &i = *ctx.incident;
    v.insert(QStringLiteral("title"), i.title());
    v.insert(QStringLiteral("status"), Core::statusName(i.status()).toUpper());
    v.insert(QStringLiteral("severity"), i.severity());
    v.insert(QStringLiteral("service"), i.service());
    const QDateTime start = QDateTime::fromMSecsSinceEpoch(i.startMs(), Qt::UTC);
    v.insert(QStringLiteral("start_time"), formatTime(start));
    // Once resolved the duration stops at the resolution, not at the moment the update is written.
    qint64 endMs = ctx.now.toMSecsSinceEpoch();
    if (const auto resolved = i.milestones().at(Core::Milestone::Resolved);
        resolved && i.status() == Core::Status::Resolved)
        endMs = resolved->toMSecsSinceEpoch();
    v.insert(QStringLiteral("duration"),
             Core::formatDuration(std::max<qint64>(0, endMs - i.startMs()) / 1000));
    v.insert(QStringLiteral("commander"), i.commander());
    v.insert(QStringLiteral("next_update"), ctx.nextUpdate ? formatTime(*ctx.nextUpdate) : QString());
    v.insert(QStringLiteral("updates_link"), ctx.updatesLink);
    return v;
}

FieldValues DraftFiller::fill(const UpdateTemplate &t, const Context &ctx)
{
    const FieldValues autos = autoFields(ctx);
    FieldValues out;
    const bool sameStatus = ctx.incident && ctx.lastDraft.value(QStringLiteral("status")) ==
                                                Core::statusName(ctx.incident->status()).toUpper();
    for (const auto &f : t.fields()) {
        QString value;
        if (isAutoField(f.key) && autos.contains(f.key) && !autos.value(f.key).isEmpty())
            value = autos.value(f.key);
        else if (f.key == QLatin1String("message"))
            // The last message is kept while the status stays; a new status brings its stock sentence.
            value = sameStatus && !ctx.lastDraft.value(f.key).isEmpty()
                        ? ctx.lastDraft.value(f.key)
                        : (ctx.incident ? ctx.sentences.sentence(ctx.incident->status()) : QString());
        else if (!ctx.lastDraft.value(f.key).isEmpty())
            value = ctx.lastDraft.value(f.key);
        if (value.isEmpty())
            value = f.defaultValue;
        out.insert(f.key, value);
    }
    return out;
}

FieldValues DraftFiller::lastPublishedFields(const QList<Core::TimelineEvent> &events)
{
    for (auto it = events.crbegin(); it != events.crend(); ++it) {
        if (it->kind != EventKind::UpdatePublished)
            continue;
        FieldValues v;
        const QJsonObject fields = it->payload.value(QLatin1String("fields")).toObject();
        for (auto f = fields.begin(); f != fields.end(); ++f)
            v.insert(f.key(), f.value().toString());
        return v;
    }
    return {};
}

} // namespace Sitrep::Comms
