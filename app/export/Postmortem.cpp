#include "export/Postmortem.h"

#include <QJsonArray>

using namespace Sitrep::Core;

namespace Sitrep::Export {

Postmortem Postmortem::build(const QList<TimelineEvent> &events, const ExportOptions &options)
{
    Postmortem pm;
    pm.options = options;
    pm.updatesDue = options.updatesDue;
    pm.incident = Incident::fromEvents(events);
    for (const TimelineEvent &e : events) {
        if (!options.pinnedOnly || e.pinned)
            pm.timeline.append(e);
        const QJsonObject &p = e.payload;
        switch (e.kind) {
        case EventKind::CommandRun: {
            QString outcome = p.contains(QLatin1String("exitCode"))
                                  ? QStringLiteral("exit %1").arg(p.value(QLatin1String("exitCode")).toInt())
                                  : p.value(QLatin1String("outcome")).toString();
            if (p.contains(QLatin1String("durationMs")))
                outcome += QStringLiteral(" in %1 s")
                               .arg(p.value(QLatin1String("durationMs")).toDouble() / 1000.0, 0, 'f', 1);
            const QString cmd = p.value(QLatin1String("command")).toString();
            pm.actions.append({e.tsMs, e.author, cmd.isEmpty() ? e.summary : cmd, outcome});
            break;
        }
        case EventKind::Action:
            pm.actions.append({e.tsMs, e.author, e.summary, p.value(QLatin1String("outcome")).toString()});
            break;
        case EventKind::ChartSnapshot:
            pm.charts.append({e.tsMs, e.summary, p.value(QLatin1String("png")).toString(),
                              p.value(QLatin1String("query")).toString()});
            break;
        case EventKind::LogExcerpt: {
            QString text = p.value(QLatin1String("text")).toString();
            if (text.isEmpty()) {
                QStringList lines;
                for (const auto &l : p.value(QLatin1String("lines")).toArray())
                    lines << l.toString();
                text = lines.join(QLatin1Char('\n'));
            }
            pm.logs.append({e.tsMs, e.summary, {}, text});
            break;
        }
        case EventKind::FieldChange:
            if (p.value(QLatin1String("field")).toString() == QLatin1String("action-item")) {
                pm.actionItems.append({p.value(QLatin1String("value")).toString(),
                                       p.value(QLatin1String("owner")).toString(),
                                       p.value(QLatin1String("due")).toString(),
                                       p.value(QLatin1String("status")).toString(QStringLiteral("open"))});
            }
            break;
        case EventKind::UpdatePublished:
            if (!pm.timeToFirstUpdate)
                pm.timeToFirstUpdate = (e.tsMs - pm.incident.startMs()) / 1000;
            ++pm.updatesSent;
            break;
        default:
            break;
        }
    }
    const auto resolved = pm.incident.milestones().at(Milestone::Resolved);
    pm.endMs = resolved ? resolved->toMSecsSinceEpoch() : (events.isEmpty() ? 0 : events.last().tsMs);
    return pm;
}

QString Postmortem::formatTime(qint64 ms, const QString &format) const
{
    const QDateTime t = QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
    return options.utc ? t.toString(format) + QStringLiteral(" UTC") : t.toLocalTime().toString(format);
}

QString Postmortem::durationText() const
{
    return formatDuration((endMs - incident.startMs()) / 1000);
}

QString Postmortem::metric(const std::optional<qint64> &seconds) const
{
    return seconds ? formatDuration(*seconds) : QStringLiteral("not recorded");
}

} // namespace Sitrep::Export
