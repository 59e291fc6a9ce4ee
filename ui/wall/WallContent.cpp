#include "WallContent.h"

#include <QDateTime>

using namespace Sitrep::Core;

namespace Sitrep::Ui {

namespace {
using Span = WallList::Span;
using Elide = WallList::Elide;

QString hhmm(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(QStringLiteral("HH:mm"));
}

bool isHealthy(const QString &state)
{
    return state == QLatin1String("Running") || state == QLatin1String("Completed");
}

WallList::Item item(const QList<WallList::Line> &lines, bool counted = true)
{
    WallList::Item i;
    i.lines = lines;
    i.counted = counted;
    return i;
}
} // namespace

const QColor &WallContent::good()
{
    static const QColor c(0x8b, 0xe2, 0x8b);
    return c;
}

const QColor &WallContent::bad()
{
    static const QColor c(0xff, 0x6e, 0x6e);
    return c;
}

const QColor &WallContent::muted()
{
    static const QColor c(0xa9, 0xb2, 0xbb);
    return c;
}

QList<WallContent::Fold> WallContent::fold(const QList<TimelineEvent> &events, qint64 windowMs)
{
    QList<Fold> out;
    for (auto it = events.crbegin(); it != events.crend(); ++it) {
        // Joins the newest line of its kind when that line's newest entry is at most a minute later.
        auto same = std::find_if(out.begin(), out.end(), [&](const Fold &f) {
            return f.newest.kind == it->kind && f.newest.tsMs - it->tsMs <= windowMs;
        });
        if (same != out.end()) {
            ++same->count;
            same->oldestMs = it->tsMs;
        } else {
            out.append({*it, 1, it->tsMs});
        }
    }
    return out;
}

QList<WallList::Item> WallContent::pods(const IncidentDigest::Pods &pods)
{
    // Counts on two lines at most (the failing states, then the healthy ones), then the failing pods by name:
    // the names are what the room needs to read.
    QList<WallList::Item> out;
    // Several clusters (an incident across regions): a line each first, "prod-eu  3 CrashLoopBackOff",
    // "prod-us  ok", then the sums. (A small edit by the clusters helper, issue 20.)
    if (pods.clusters.size() > 1) {
        for (const IncidentDigest::ClusterPods &c : pods.clusters) {
            QString said = QStringLiteral("  ") + c.summary();
            if (c.staleSinceMs > 0)
                said += tr(" (stale since %1)").arg(hhmm(c.staleSinceMs));
            out << item(
                {{WallList::text(c.name, {}, true, Elide::Name), WallList::text(said,
                                                                                c.staleSinceMs > 0 ? muted()
                                                                                : c.ok() ? WallContent::good()
                                                                                         : WallContent::bad(),
                                                                                true, Elide::Right)}},
                false);
        }
    }
    WallList::Line bad;
    WallList::Line good;
    for (auto it = pods.byState.cbegin(); it != pods.byState.cend(); ++it) {
        const bool healthy = isHealthy(it.key());
        WallList::Line &line = healthy ? good : bad;
        if (!line.isEmpty())
            line << WallList::text(QStringLiteral(" \u00b7 "), muted());
        // Status in words with a sign, never by colour alone.
        line << WallList::text(QString::number(it.value()),
                               healthy ? WallContent::good() : WallContent::bad(), true)
             << WallList::text(QLatin1Char(' ') + it.key() +
                                   (healthy ? QString() : QStringLiteral(" \u26a0")),
                               {}, false, Elide::Right);
    }
    if (!bad.isEmpty())
        out << item({bad}, false);
    if (!good.isEmpty())
        out << item({good}, false);
    for (const QString &name : pods.crashing)
        out << item({{WallList::text(QStringLiteral("\u2717 "), WallContent::bad(), true),
                      WallList::text(name, {}, false, Elide::Name)}});
    return out;
}

QList<WallList::Item> WallContent::alerts(const QList<IncidentDigest::Alert> &firing)
{
    QList<WallList::Item> out;
    for (const auto &a : firing) {
        // The name has the first line to itself; severity, age and summary share the second.
        WallList::Line first{WallList::text(QStringLiteral("\u25b2 "), {}, true),
                             WallList::text(a.name, {}, true, Elide::Middle)};
        QString meta = a.severity.isEmpty() ? QString() : a.severity + QStringLiteral(" \u00b7 ");
        meta += tr("since %1").arg(hhmm(a.sinceMs));
        WallList::Line second{WallList::text(meta, muted())};
        if (!a.summary.isEmpty())
            second << WallList::text(QStringLiteral(" \u00b7 ") + a.summary, muted(), false, Elide::Right);
        out << item({first, second});
    }
    return out;
}

QList<WallList::Item> WallContent::runbook(const IncidentDigest::Runbook &rb)
{
    if (rb.total <= 0)
        return {};
    QList<WallList::Item> out;
    Span progress = WallList::text(tr("%1 of %2 steps").arg(rb.done).arg(rb.total), {}, true);
    progress.size = 1.15;
    out << item({{progress, WallList::text(QStringLiteral(" (%1%)").arg(rb.done * 100 / rb.total))}}, false);
    out << item(
        {{WallList::text(tr("Phase: "), muted()),
          WallList::text(rb.phase.isEmpty() ? tr("no step done yet") : rb.phase, {}, true, Elide::Right)}},
        false);
    if (!rb.nextStep.isEmpty())
        out << item(
            {{WallList::text(tr("Next: "), muted()), WallList::text(rb.nextStep, {}, true, Elide::Right)}},
            false);
    else if (rb.done == rb.total)
        out << item({{WallList::text(tr("\u2713 Every step done"), good(), true)}}, false);
    if (!rb.lastStep.isEmpty())
        out << item({{WallList::text(tr("Last: "), muted()),
                      WallList::text(rb.lastStep, muted(), false, Elide::Right)}},
                    false);
    out << item({{WallList::text(rb.name, muted(), false, Elide::Right)}}, false);
    return out;
}

QList<WallList::Item> WallContent::timeline(const QList<TimelineEvent> &latest)
{
    // Two lines per entry: when and what kind (with the count of folded repeats), then what it says; one line
    // for both would leave the words a few characters on a narrow tile.
    QList<WallList::Item> out;
    for (const Fold &f : fold(latest)) {
        WallList::Line head{WallList::text(hhmm(f.newest.tsMs) + QStringLiteral("  "), muted()),
                            WallList::text(eventKindTitle(f.newest.kind), {}, true, Elide::Right)};
        if (f.count > 1)
            head << WallList::text(QStringLiteral(" \u00d7%1").arg(f.count), QColor(0xff, 0xd5, 0x4f), true);
        const WallList::Line text{
            WallList::text(f.newest.summary.section(QLatin1Char('\n'), 0, 0), {}, false, Elide::Right)};
        out << item({head, text});
    }
    return out;
}

WallList::Line WallContent::noneFiring()
{
    return {WallList::text(tr("\u2713 None firing"), good(), true)};
}

WallList::Line WallContent::placeholder(const QString &text)
{
    return {WallList::text(text, muted())};
}

} // namespace Sitrep::Ui
