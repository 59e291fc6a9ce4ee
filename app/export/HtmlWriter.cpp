#include "export/HtmlWriter.h"

#include "core/Milestones.h"

using namespace Sitrep::Core;

namespace Sitrep::Export {

namespace {

QString esc(const QString &s)
{
    return s.toHtmlEscaped();
}

QString row(const QStringList &cells, const QString &tag = QStringLiteral("td"))
{
    QString out = QStringLiteral("<tr>");
    for (const QString &c : cells)
        out += QStringLiteral("<%1>%2</%1>").arg(tag, c);
    return out + QStringLiteral("</tr>\n");
}

QString fieldOr(const Incident &i, const char *field)
{
    const QString v = i.field(QString::fromLatin1(field));
    return v.isEmpty()
               ? QStringLiteral("<p><em>Not written yet.</em></p>")
               : QStringLiteral("<p>%1</p>").arg(esc(v).replace(QLatin1Char('\n'), QStringLiteral("<br>")));
}

} // namespace

QString HtmlWriter::write(const Postmortem &pm, const ImageSource &imageSource)
{
    const Incident &i = pm.incident;
    QString h;
    h +=
        QStringLiteral("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Postmortem: %1</title>\n")
            .arg(esc(i.title()));
    h += QStringLiteral(
        "<style>body{font-family:'DejaVu Sans',sans-serif;max-width:60em;margin:2em auto;color:#1d2125}"
        "table{border-collapse:collapse;width:100%;margin:0.5em 0 1em}th,td{border:1px solid "
        "#c4c9d0;padding:4px 6px;"
        "text-align:left;vertical-align:top;font-size:90%}th{background:#e8eaee}code,pre{font-family:'DejaVu "
        "Sans Mono',"
        "monospace;font-size:85%}pre{background:#f2f4f7;padding:8px;white-space:pre-wrap}h1{border-bottom:"
        "3px solid "
        "#c62828}img{max-width:100%}</style></head><body>\n");
    h += QStringLiteral("<h1>Postmortem: %1</h1>\n<table width=\"100%\" cellspacing=\"0\" cellpadding=\"4\" "
                        "border=\"1\">\n")
             .arg(esc(i.title()));
    h += row({QStringLiteral("Service"), esc(i.service())});
    h += row({QStringLiteral("Severity"), esc(i.severity())});
    h += row({QStringLiteral("Status"), statusTitle(i.status())});
    h += row({QStringLiteral("Incident commander"), esc(i.commander())});
    h += row({QStringLiteral("Comms lead"), esc(i.role(Role::CommsLead))});
    h += row({QStringLiteral("Scribe"), esc(i.role(Role::Scribe))});
    h += row({QStringLiteral("Impact started"), pm.formatTime(i.startMs())});
    h += row({QStringLiteral("Ended"), pm.formatTime(pm.endMs)});
    h += row({QStringLiteral("Duration"), pm.durationText()});
    h += QStringLiteral("</table>\n<h2>Summary</h2>\n") + fieldOr(i, "summary");

    h += QStringLiteral("<h2>Impact</h2>\n<ul>\n<li>Affected service: %1</li>\n<li>Duration: %2</li>\n")
             .arg(esc(i.service()), pm.durationText());
    const auto perSeverity = i.timeInSeverity(pm.endMs);
    for (const auto &level : i.severities().levels()) {
        if (perSeverity.contains(level.name))
            h += QStringLiteral("<li>Time at %1: %2</li>\n")
                     .arg(esc(level.name), formatDuration(perSeverity.value(level.name) / 1000));
    }
    h += QStringLiteral("</ul>\n<h2>Detection and response</h2>\n<table width=\"100%\" cellspacing=\"0\" "
                        "cellpadding=\"4\" border=\"1\">\n");
    h += row({QStringLiteral("Metric"), QStringLiteral("Value")}, QStringLiteral("th"));
    const Milestones &m = i.milestones();
    h += row({QStringLiteral("Time to detect (MTTD)"), pm.metric(m.timeToDetect())});
    h += row({QStringLiteral("Time to acknowledge (MTTA)"), pm.metric(m.timeToAcknowledge())});
    h += row({QStringLiteral("Time to mitigate"), pm.metric(m.timeToMitigate())});
    h += row({QStringLiteral("Time to resolve (MTTR)"), pm.metric(m.timeToResolve())});
    h += row({QStringLiteral("Time to first update"), pm.metric(pm.timeToFirstUpdate)});
    h += row({QStringLiteral("Updates sent"),
              QString::number(pm.updatesSent) +
                  (pm.updatesDue ? QStringLiteral(" of %1 due").arg(*pm.updatesDue) : QString())});
    h += QStringLiteral("</table>\n<h2>Timeline%1</h2>\n")
             .arg(pm.options.pinnedOnly ? QStringLiteral(" (pinned entries)") : QString());
    QString day;
    for (const TimelineEvent &e : pm.timeline) {
        const QString d = pm.formatTime(e.tsMs, QStringLiteral("yyyy-MM-dd"));
        if (d != day) {
            if (!day.isEmpty())
                h += QStringLiteral("</table>\n");
            day = d;
            h += QStringLiteral(
                     "<h3>%1</h3>\n<table width=\"100%\" cellspacing=\"0\" cellpadding=\"4\" border=\"1\">\n")
                     .arg(esc(day));
            h += row({QStringLiteral("Time"), QStringLiteral("Kind"), QStringLiteral("Who"),
                      QStringLiteral("What")},
                     QStringLiteral("th"));
        }
        h += row({pm.formatTime(e.tsMs, QStringLiteral("HH:mm:ss")), eventKindTitle(e.kind), esc(e.author),
                  (e.pinned ? QStringLiteral("<b>") : QString()) + esc(e.summary) +
                      (e.pinned ? QStringLiteral("</b>") : QString())});
    }
    if (!day.isEmpty())
        h += QStringLiteral("</table>\n");

    h += QStringLiteral("<h2>What was done</h2>\n");
    if (pm.actions.isEmpty()) {
        h += QStringLiteral("<p><em>No commands or cluster actions were recorded.</em></p>\n");
    } else {
        h += QStringLiteral("<table width=\"100%\" cellspacing=\"0\" cellpadding=\"4\" border=\"1\">\n") +
             row({QStringLiteral("Time"), QStringLiteral("Who"), QStringLiteral("Command or action"),
                  QStringLiteral("Outcome")},
                 QStringLiteral("th"));
        for (const auto &a : pm.actions)
            h += row({pm.formatTime(a.tsMs, QStringLiteral("HH:mm:ss")), esc(a.who),
                      QStringLiteral("<code>%1</code>").arg(esc(a.what)), esc(a.outcome)});
        h += QStringLiteral("</table>\n");
    }
    h += QStringLiteral("<h2>Root cause</h2>\n") + fieldOr(i, "root-cause");
    h += QStringLiteral("<h2>Resolution</h2>\n") + fieldOr(i, "resolution");
    h += QStringLiteral("<h2>Contributing factors</h2>\n") + fieldOr(i, "contributing-factors");
    h += QStringLiteral("<h2>Action items</h2>\n");
    if (pm.actionItems.isEmpty()) {
        h += QStringLiteral("<p><em>None recorded yet.</em></p>\n");
    } else {
        h += QStringLiteral("<table width=\"100%\" cellspacing=\"0\" cellpadding=\"4\" border=\"1\">\n") +
             row({QStringLiteral("Action"), QStringLiteral("Owner"), QStringLiteral("Due"),
                  QStringLiteral("Status")},
                 QStringLiteral("th"));
        for (const auto &a : pm.actionItems)
            h += row({esc(a.text), esc(a.owner), esc(a.due), esc(a.status)});
        h += QStringLiteral("</table>\n");
    }
    h += QStringLiteral("<h2>Lessons learned</h2>\n") + fieldOr(i, "lessons-learned");

    if (!pm.charts.isEmpty() || !pm.logs.isEmpty())
        h += QStringLiteral("<h2>Evidence</h2>\n");
    for (int c = 0; c < pm.charts.size(); ++c) {
        const Evidence &e = pm.charts.at(c);
        h += QStringLiteral("<h3>%1 (%2)</h3>\n").arg(esc(e.title), pm.formatTime(e.tsMs));
        if (!e.text.isEmpty())
            h += QStringLiteral("<pre>%1</pre>\n").arg(esc(e.text));
        if (!e.pngBase64.isEmpty()) {
            const QString src = imageSource ? imageSource(c, e.pngBase64)
                                            : QStringLiteral("data:image/png;base64,") + e.pngBase64;
            h += QStringLiteral("<p><img src=\"%1\" alt=\"%2\" width=\"600\"></p>\n").arg(src, esc(e.title));
        }
    }
    for (const auto &l : pm.logs)
        h += QStringLiteral("<h3>%1 (%2)</h3>\n<pre>%3</pre>\n")
                 .arg(esc(l.title), pm.formatTime(l.tsMs), esc(l.text));
    h += QStringLiteral("</body></html>\n");
    return h;
}

} // namespace Sitrep::Export
