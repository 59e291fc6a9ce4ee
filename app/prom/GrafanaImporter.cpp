#include "prom/GrafanaImporter.h"

#include "prom/GrafanaPanelReader.h"
#include "prom/GrafanaVariableReader.h"
#include "prom/StepCalculator.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace Sitrep::Prom {

using Core::makeError;
using Core::Result;

namespace {

// Lays a pre-5.0 row's panels out left to right on the 24-column grid (a span counts 2 columns), each h
// units high, from y on; y ends below them.
QJsonArray placeSpans(const QJsonArray &rowPanels, int h, int &y)
{
    QJsonArray out;
    int x = 0;
    int rowHeight = 0;
    for (const QJsonValue &pv : rowPanels) {
        QJsonObject p = pv.toObject();
        const int w = qBound(1, int(p.value(QStringLiteral("span")).toDouble(12) * 2), 24);
        if (x + w > 24) {
            x = 0;
            y += rowHeight;
        }
        p.insert(QStringLiteral("gridPos"), QJsonObject{{QStringLiteral("x"), x},
                                                        {QStringLiteral("y"), y},
                                                        {QStringLiteral("w"), w},
                                                        {QStringLiteral("h"), h}});
        x += w;
        rowHeight = h;
        out.append(p);
    }
    y += rowHeight;
    return out;
}

QString rangeFrom(const QString &from)
{
    // "now-6h" -> "6h"; absolute times are not a dashboard default Sitrep keeps.
    if (from.startsWith(QLatin1String("now-")) && StepCalculator::parseDuration(from.mid(4)))
        return from.mid(4);
    return {};
}

QString nearestRefresh(const QString &text)
{
    // Sitrep's refresh choices; a Grafana interval maps to the nearest one that is not faster.
    const auto ms = StepCalculator::parseDuration(text);
    if (!ms)
        return {};
    for (const char *choice : {"5s", "10s", "30s", "1m"}) {
        if (*StepCalculator::parseDuration(QLatin1String(choice)) >= *ms)
            return QLatin1String(choice);
    }
    return QStringLiteral("1m");
}

} // namespace

void ApproximationList::add(const QString &kind, const QString &single, const QString &grouped,
                            const QString &panel)
{
    if (!m_groups.contains(kind)) {
        m_order << kind;
        m_groups.insert(kind, Group{single, grouped, {}});
    }
    Group &g = m_groups[kind];
    if (!panel.isEmpty() && !g.panels.contains(panel))
        g.panels << panel;
}

void ApproximationList::add(const QString &sentence)
{
    add(sentence, sentence, sentence, QString());
}

QStringList ApproximationList::sentences() const
{
    QStringList out;
    for (const QString &kind : m_order) {
        const Group &g = m_groups.value(kind);
        if (g.panels.size() <= 1) {
            out << QString(g.single).replace(QStringLiteral("%1"), g.panels.value(0));
            continue;
        }
        QStringList names = g.panels;
        if (names.size() > 4)
            names = names.mid(0, 4) << QStringLiteral("…");
        out << QString(g.grouped)
                   .replace(QStringLiteral("%1"), QString::number(g.panels.size()))
                   .replace(QStringLiteral("%2"), names.join(QStringLiteral(", ")));
    }
    return out;
}

Result<GrafanaImport> GrafanaImporter::import(const QByteArray &json, const QString &source)
{
    QJsonParseError pe{};
    const QJsonDocument doc = QJsonDocument::fromJson(json, &pe);
    if (pe.error != QJsonParseError::NoError)
        return makeError(QStringLiteral("not valid JSON: %1 at byte %2").arg(pe.errorString()).arg(pe.offset),
                         source);
    if (!doc.isObject())
        return makeError(QStringLiteral("is not a Grafana dashboard: the JSON is not an object"), source);
    QJsonObject root = doc.object();
    if (root.value(QStringLiteral("dashboard")).isObject())
        root = root.value(QStringLiteral("dashboard")).toObject();
    const bool hasPanels = root.value(QStringLiteral("panels")).isArray();
    const bool hasRows = root.value(QStringLiteral("rows")).isArray();
    if (!hasPanels && !hasRows) {
        QStringList keys = root.keys();
        if (keys.size() > 8)
            keys = keys.mid(0, 8) << QStringLiteral("...");
        return makeError(
            QStringLiteral("is not a Grafana dashboard: it has no \"panels\" list (its keys: %1)")
                .arg(keys.isEmpty() ? QStringLiteral("none") : keys.join(QStringLiteral(", "))),
            source);
    }

    GrafanaImport out;
    ApproximationList notes;
    Dashboard &d = out.dashboard;
    d.title = root.value(QStringLiteral("title")).toString();
    if (d.title.isEmpty())
        d.title = QStringLiteral("Imported dashboard");
    d.description = root.value(QStringLiteral("description")).toString();
    for (const QJsonValue &t : root.value(QStringLiteral("tags")).toArray())
        d.tags << t.toString();
    const QString from =
        root.value(QStringLiteral("time")).toObject().value(QStringLiteral("from")).toString();
    if (!from.isEmpty()) {
        const QString r = rangeFrom(from);
        if (r.isEmpty())
            notes.add(QStringLiteral("time range \"%1\": only relative ranges (now-6h) are kept; using 1h")
                          .arg(from));
        else
            d.defaultRange = r;
    }
    const QJsonValue refresh = root.value(QStringLiteral("refresh"));
    if (refresh.isString() && !refresh.toString().isEmpty()) {
        d.refresh = nearestRefresh(refresh.toString());
        if (d.refresh.isEmpty())
            notes.add(QStringLiteral("auto refresh \"%1\" is not a duration; refresh is off")
                          .arg(refresh.toString()));
    }

    for (const QJsonValue &v :
         root.value(QStringLiteral("templating")).toObject().value(QStringLiteral("list")).toArray())
        GrafanaVariableReader::read(v.toObject(), out, notes);

    // Annotations: the built-in "Annotations & Alerts" reads Grafana's own database, and so do tag queries;
    // Sitrep draws the incident's timeline events on every chart instead.
    QStringList annotationNames;
    for (const QJsonValue &a :
         root.value(QStringLiteral("annotations")).toObject().value(QStringLiteral("list")).toArray()) {
        const QJsonObject ao = a.toObject();
        if (ao.value(QStringLiteral("builtIn")).toInt() || !ao.value(QStringLiteral("enable")).toBool(true))
            continue;
        annotationNames << ao.value(QStringLiteral("name")).toString();
    }
    if (!annotationNames.isEmpty())
        notes.add(
            QStringLiteral("annotations %1 are not queried; the charts mark the incident's own timeline "
                           "events instead")
                .arg(annotationNames.join(QStringLiteral(", "))));

    for (const QJsonValue &lv : root.value(QStringLiteral("links")).toArray()) {
        const QJsonObject lo = lv.toObject();
        Dashboard::Link link;
        link.title = lo.value(QStringLiteral("title")).toString();
        link.asDropdown = lo.value(QStringLiteral("asDropdown")).toBool();
        if (lo.value(QStringLiteral("type")).toString() == QLatin1String("dashboards")) {
            for (const QJsonValue &t : lo.value(QStringLiteral("tags")).toArray())
                link.tags << t.toString();
            if (link.title.isEmpty())
                link.title = link.tags.join(QStringLiteral(", "));
        } else {
            link.url = lo.value(QStringLiteral("url")).toString();
            if (link.title.isEmpty())
                link.title = link.url;
        }
        if (!link.url.isEmpty() || !link.tags.isEmpty())
            d.links << link;
    }

    GrafanaPanelReader reader(out.datasourceVariables, notes, out.skipped);
    QJsonArray panels = root.value(QStringLiteral("panels")).toArray();
    if (hasRows) {
        // Pre-5.0 schema: rows with their own panels, spans of 12 columns, heights in pixels.
        int y = 0;
        for (const QJsonValue &rv : root.value(QStringLiteral("rows")).toArray()) {
            const QJsonObject ro = rv.toObject();
            const bool titled = ro.value(QStringLiteral("showTitle")).toBool() &&
                                !ro.value(QStringLiteral("title")).toString().isEmpty();
            if (titled) {
                QJsonObject row{{QStringLiteral("type"), QStringLiteral("row")},
                                {QStringLiteral("title"), ro.value(QStringLiteral("title"))},
                                {QStringLiteral("collapsed"), ro.value(QStringLiteral("collapse")).toBool()},
                                {QStringLiteral("gridPos"), QJsonObject{{QStringLiteral("x"), 0},
                                                                        {QStringLiteral("y"), y},
                                                                        {QStringLiteral("w"), 24},
                                                                        {QStringLiteral("h"), 1}}}};
                y += 1;
                const QJsonValue height = ro.value(QStringLiteral("height"));
                const int h =
                    std::max(3, (height.isString() ? height.toString().remove(QStringLiteral("px")).toInt()
                                                   : height.toInt(250)) /
                                    30);
                const QJsonArray inner = placeSpans(ro.value(QStringLiteral("panels")).toArray(), h, y);
                if (row.value(QStringLiteral("collapsed")).toBool()) {
                    row.insert(QStringLiteral("panels"), inner);
                    panels.append(row);
                } else {
                    panels.append(row);
                    for (const QJsonValue &p : inner)
                        panels.append(p);
                }
                continue;
            }
            for (const QJsonValue &p : placeSpans(ro.value(QStringLiteral("panels")).toArray(), 8, y))
                panels.append(p);
        }
    }
    int index = 0;
    for (const QJsonValue &pv : panels) {
        const QJsonObject p = pv.toObject();
        if (p.value(QStringLiteral("type")).toString() == QLatin1String("row")) {
            Row row;
            row.title = p.value(QStringLiteral("title")).toString();
            row.collapsed = p.value(QStringLiteral("collapsed")).toBool();
            row.y = p.value(QStringLiteral("gridPos")).toObject().value(QStringLiteral("y")).toInt();
            row.repeat = p.value(QStringLiteral("repeat")).toString();
            d.rows << row;
            // Collapsed rows carry their panels inside; open rows own the panels that follow them.
            for (const QJsonValue &inner : p.value(QStringLiteral("panels")).toArray()) {
                if (auto panel = reader.read(inner.toObject(), index++)) {
                    panel->row = int(d.rows.size() - 1);
                    d.panels << *panel;
                }
            }
            continue;
        }
        if (auto panel = reader.read(p, index++)) {
            panel->row = int(d.rows.size() - 1);
            d.panels << *panel;
        }
    }
    if (d.panels.isEmpty())
        notes.add(QStringLiteral("no panel could be imported"));
    out.unsupported = notes.sentences();
    return out;
}

} // namespace Sitrep::Prom
