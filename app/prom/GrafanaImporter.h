#pragma once

#include "core/Result.h"
#include "prom/Dashboard.h"

#include <QByteArray>
#include <QJsonObject>
#include <QMap>
#include <QStringList>

namespace Sitrep::Prom {

// A panel of a Grafana dashboard that Sitrep does not draw (its type, or a data source other than
// Prometheus), with the reason.
struct SkippedPanel
{
    QString title;
    QString type;
    QString reason;
};

// A Grafana dashboard turned into a Sitrep one, with every feature that could not come along listed.
struct GrafanaImport
{
    Dashboard dashboard;
    // Approximations: sentences saying what was left out or changed, and why. Alike ones are grouped
    // ("3 heatmap panels are not drawn: A, B, C"), so the list stays short enough to read.
    QStringList unsupported;
    QList<SkippedPanel> skipped;
    // Variables of type "datasource": they stand for the environment's Prometheus.
    QStringList datasourceVariables;
};

// Collects approximations by kind, so that one sentence names every panel it concerns.
class ApproximationList final
{
public:
    // kind: a key; sentence: "%1" takes the count and "%2" the panel names when grouped.
    void add(const QString &kind, const QString &single, const QString &grouped, const QString &panel);
    void add(const QString &sentence);
    QStringList sentences() const;

private:
    struct Group
    {
        QString single;
        QString grouped;
        QStringList panels;
    };
    QStringList m_order;
    QMap<QString, Group> m_groups;
};

// Imports Grafana dashboard JSON (as exported, or wrapped in {"dashboard": ...} by the HTTP API), schema 5
// to 41: rows (collapsed ones too), time series (lines, bars, points, stacking, fills, thresholds,
// overrides), the old graph and singlestat panels, stat, gauge, bar gauge, table (and table-old), state
// timeline, status history and text panels; field config, overrides, value mappings, transformations;
// variables of every type Grafana's Prometheus data source has. Nothing is dropped silently: what Sitrep does
// not do is listed in GrafanaImport::unsupported.
class GrafanaImporter final
{
public:
    static Core::Result<GrafanaImport> import(const QByteArray &json, const QString &source);
};

} // namespace Sitrep::Prom
