#include "export/MarkdownWriter.h"

#include "core/Milestones.h"

using namespace Sitrep::Core;

namespace Sitrep::Export {

namespace {

QString cell(QString text)
{
    text.replace(QLatin1Char('|'), QStringLiteral("\\|"));
    text.replace(QLatin1Char('\n'), QStringLiteral("<br>"));
    return text;
}

QString fieldOr(const Incident &i, const char *field,
                const QString &fallback = QStringLiteral("_Not written yet._"))
{
    const QString v = i.field(QString::fromLatin1(field));
    return v.isEmpty() ? fallback : v;
}

} // namespace

QString MarkdownWriter::write(const Postmortem &pm)
{
    const Incident &i = pm.incident;
    QString md;
    md += QStringLiteral("# Postmortem: %1\n\n").arg(i.title());
    md += QStringLiteral("| | |\n|---|---|\n");
    md += QStringLiteral("| Service | %1 |\n").arg(cell(i.service()));
    md += QStringLiteral("| Severity | %1 |\n").arg(cell(i.severity()));
    md += QStringLiteral("| Status | %1 |\n").arg(statusTitle(i.status()));
    md += QStringLiteral("| Incident commander | %1 |\n").arg(cell(i.commander()));
    md += QStringLiteral("| Comms lead | %1 |\n").arg(cell(i.role(Role::CommsLead)));
    md += QStringLiteral("| Scribe | %1 |\n").arg(cell(i.role(Role::Scribe)));
    md += QStringLiteral("| Impact started | %1 |\n").arg(pm.formatTime(i.startMs()));
    md += QStringLiteral("| Ended | %1 |\n").arg(pm.formatTime(pm.endMs));
    md += QStringLiteral("| Duration | %1 |\n\n").arg(pm.durationText());

    md += QStringLiteral("## Summary\n\n%1\n\n").arg(fieldOr(i, "summary"));

    md += QStringLiteral("## Impact\n\n");
    md += QStringLiteral("- Affected service: %1\n")
              .arg(i.service().isEmpty() ? QStringLiteral("not set") : i.service());
    md += QStringLiteral("- Duration: %1\n").arg(pm.durationText());
    const auto perSeverity = i.timeInSeverity(pm.endMs);
    for (const auto &level : i.severities().levels()) {
        if (perSeverity.contains(level.name))
            md += QStringLiteral("- Time at %1: %2\n")
                      .arg(level.name, formatDuration(perSeverity.value(level.name) / 1000));
    }
    if (!i.field(QStringLiteral("impact")).isEmpty())
        md += QStringLiteral("- %1\n").arg(i.field(QStringLiteral("impact")));
    md += QLatin1Char('\n');

    md += QStringLiteral("## Detection and response\n\n| Metric | Value |\n|---|---|\n");
    const Milestones &m = i.milestones();
    md += QStringLiteral("| Time to detect (MTTD) | %1 |\n").arg(pm.metric(m.timeToDetect()));
    md += QStringLiteral("| Time to acknowledge (MTTA) | %1 |\n").arg(pm.metric(m.timeToAcknowledge()));
    md += QStringLiteral("| Time to mitigate | %1 |\n").arg(pm.metric(m.timeToMitigate()));
    md += QStringLiteral("| Time to resolve (MTTR) | %1 |\n").arg(pm.metric(m.timeToResolve()));
    md += QStringLiteral("| Time to first update | %1 |\n").arg(pm.metric(pm.timeToFirstUpdate));
    md += QStringLiteral("| Updates sent | %1%2 |\n\n")
              .arg(pm.updatesSent)
              .arg(pm.updatesDue ? QStringLiteral(" of %1 due").arg(*pm.updatesDue) : QString());

    md += pm.options.pinnedOnly ? QStringLiteral("## Timeline (pinned entries)\n")
                                : QStringLiteral("## Timeline\n");
    QString day;
    for (const TimelineEvent &e : pm.timeline) {
        const QString d = pm.formatTime(e.tsMs, QStringLiteral("yyyy-MM-dd"));
        if (d != day) {
            day = d;
            md += QStringLiteral("\n### %1\n\n| Time | Kind | Who | What |\n|---|---|---|---|\n").arg(day);
        }
        md += QStringLiteral("| %1 | %2 | %3 | %4 |\n")
                  .arg(pm.formatTime(e.tsMs, QStringLiteral("HH:mm:ss")), eventKindTitle(e.kind),
                       cell(e.author), cell(e.summary));
    }
    md += QLatin1Char('\n');

    md += QStringLiteral("## What was done\n\n");
    if (pm.actions.isEmpty()) {
        md += QStringLiteral("_No commands or cluster actions were recorded._\n\n");
    } else {
        md += QStringLiteral("| Time | Who | Command or action | Outcome |\n|---|---|---|---|\n");
        for (const auto &a : pm.actions) {
            md += QStringLiteral("| %1 | %2 | `%3` | %4 |\n")
                      .arg(pm.formatTime(a.tsMs, QStringLiteral("HH:mm:ss")), cell(a.who),
                           cell(a.what).replace(QLatin1Char('`'), QLatin1Char('\'')), cell(a.outcome));
        }
        md += QLatin1Char('\n');
    }

    md += QStringLiteral("## Root cause\n\n%1\n\n").arg(fieldOr(i, "root-cause"));
    md += QStringLiteral("## Resolution\n\n%1\n\n").arg(fieldOr(i, "resolution"));
    md += QStringLiteral("## Contributing factors\n\n%1\n\n").arg(fieldOr(i, "contributing-factors"));

    md += QStringLiteral("## Action items\n\n");
    if (pm.actionItems.isEmpty()) {
        md += QStringLiteral("_None recorded yet._\n\n");
    } else {
        md += QStringLiteral("| Action | Owner | Due | Status |\n|---|---|---|---|\n");
        for (const auto &a : pm.actionItems)
            md += QStringLiteral("| %1 | %2 | %3 | %4 |\n")
                      .arg(cell(a.text), cell(a.owner), cell(a.due), cell(a.status));
        md += QLatin1Char('\n');
    }
    md += QStringLiteral("## Lessons learned\n\n%1\n\n").arg(fieldOr(i, "lessons-learned"));

    if (!pm.charts.isEmpty() || !pm.logs.isEmpty()) {
        md += QStringLiteral("## Evidence\n\n");
        for (const auto &c : pm.charts) {
            md += QStringLiteral("### %1 (%2)\n\n").arg(c.title, pm.formatTime(c.tsMs));
            if (!c.text.isEmpty())
                md += QStringLiteral("```promql\n%1\n```\n\n").arg(c.text);
            if (!c.pngBase64.isEmpty())
                md += QStringLiteral("![%1](data:image/png;base64,%2)\n\n").arg(cell(c.title), c.pngBase64);
        }
        for (const auto &l : pm.logs)
            md +=
                QStringLiteral("### %1 (%2)\n\n```\n%3\n```\n\n").arg(l.title, pm.formatTime(l.tsMs), l.text);
    }
    return md;
}

} // namespace Sitrep::Export
