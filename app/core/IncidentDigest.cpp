#include "core/IncidentDigest.h"

#include <QJsonArray>
#include <QJsonObject>

namespace Sitrep::Core {

QString IncidentDigest::ClusterPods::summary() const
{
    if (failed)
        return QStringLiteral("no data");
    QStringList bad;
    for (auto it = byState.cbegin(); it != byState.cend(); ++it) {
        if (it.key() != QLatin1String("Running") && it.key() != QLatin1String("Completed"))
            bad << QStringLiteral("%1 %2").arg(it.value()).arg(it.key());
    }
    if (!bad.isEmpty())
        return bad.join(QStringLiteral(", "));
    return byState.isEmpty() ? QStringLiteral("no pods") : QStringLiteral("ok");
}

bool IncidentDigest::ClusterPods::ok() const
{
    return summary() == QLatin1String("ok") && staleSinceMs == 0;
}

QString IncidentDigest::Pods::clustersLine() const
{
    if (clusters.size() < 2)
        return {};
    QStringList parts;
    for (const ClusterPods &c : clusters) {
        QString part = c.name + QLatin1Char(' ') + c.summary();
        if (c.staleSinceMs > 0)
            part += QStringLiteral(" (stale since %1)")
                        .arg(QDateTime::fromMSecsSinceEpoch(c.staleSinceMs, Qt::UTC)
                                 .toString(QStringLiteral("HH:mm:ss 'UTC'")));
        parts << part;
    }
    return parts.join(QStringLiteral(" \u00b7 "));
}

IncidentDigest IncidentDigest::fromEvents(const QList<TimelineEvent> &events, int latestCount)
{
    IncidentDigest d;
    d.latestCount = latestCount;
    for (const auto &e : events)
        d.apply(e);
    return d;
}

void IncidentDigest::apply(const TimelineEvent &e)
{
    const QJsonObject &p = e.payload;
    lastEventMs = std::max(lastEventMs, e.tsMs);
    latest.append(e);
    while (latest.size() > latestCount)
        latest.removeFirst();

    switch (e.kind) {
    case EventKind::Alert: {
        QString fp = p.value(QLatin1String("fingerprint")).toString();
        QString name = p.value(QLatin1String("alertname")).toString();
        if (name.isEmpty())
            name = p.value(QLatin1String("name")).toString();
        if (name.isEmpty())
            name = e.summary;
        if (fp.isEmpty())
            fp = name;
        QString state = p.value(QLatin1String("state")).toString();
        if (state.isEmpty())
            state = p.value(QLatin1String("status")).toString();
        const auto existing =
            std::find_if(firing.begin(), firing.end(), [&fp](const Alert &a) { return a.fingerprint == fp; });
        if (state.compare(QLatin1String("resolved"), Qt::CaseInsensitive) == 0) {
            if (existing != firing.end())
                firing.erase(existing);
        } else if (existing == firing.end()) {
            firing.append({fp, name, p.value(QLatin1String("severity")).toString(),
                           p.value(QLatin1String("summary")).toString(e.summary), e.tsMs});
        }
        break;
    }
    case EventKind::ChecklistStep:
    case EventKind::CommandRun:
        if (p.contains(QLatin1String("total"))) {
            const QString key = p.value(QLatin1String("runbook")).toString();
            const bool opened = p.value(QLatin1String("state")).toString() == QLatin1String("opened");
            if (opened && key != runbook.key)
                runbook = {}; // another runbook: nothing of the previous one's walk applies
            runbook.key = key;
            runbook.name =
                p.value(QLatin1String("runbookTitle")).toString(key.isEmpty() ? runbook.name : key);
            // The phase is where the last step touched belongs; opening a runbook touches no step.
            if (!opened) {
                runbook.phase = p.value(QLatin1String("phase")).toString(runbook.phase);
                QString text = p.value(QLatin1String("text")).toString();
                if (text.isEmpty())
                    text = p.value(QLatin1String("command")).toString();
                runbook.lastStep = text.section(QLatin1Char('\n'), 0, 0);
            }
            runbook.nextStep = p.value(QLatin1String("nextStep")).toString();
            runbook.done = p.value(QLatin1String("done")).toInt();
            runbook.total = p.value(QLatin1String("total")).toInt();
            runbook.updatedMs = e.tsMs;
        }
        break;
    case EventKind::KubeEvent:
        if (p.contains(QLatin1String("podSummary"))) {
            const QJsonObject s = p.value(QLatin1String("podSummary")).toObject();
            pods.byState.clear();
            const QJsonObject by = s.value(QLatin1String("byState")).toObject();
            for (auto it = by.begin(); it != by.end(); ++it)
                pods.byState.insert(it.key(), it.value().toInt());
            pods.crashing.clear();
            for (const auto &c : s.value(QLatin1String("crashing")).toArray())
                pods.crashing << c.toString();
            pods.clusters.clear();
            for (const auto &c : s.value(QLatin1String("clusters")).toArray()) {
                const QJsonObject o = c.toObject();
                ClusterPods cp;
                cp.name = o.value(QLatin1String("name")).toString();
                const QJsonObject counts = o.value(QLatin1String("byState")).toObject();
                for (auto it = counts.begin(); it != counts.end(); ++it)
                    cp.byState.insert(it.key(), it.value().toInt());
                cp.staleSinceMs = o.value(QLatin1String("staleSinceMs")).toInteger();
                cp.failed = o.value(QLatin1String("failed")).toBool();
                pods.clusters << cp;
            }
            pods.asOfMs = e.tsMs;
        }
        break;
    default:
        break;
    }
}

} // namespace Sitrep::Core
