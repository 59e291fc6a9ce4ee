#pragma once

#include "core/Result.h"
#include "prom/Dashboard.h"

#include <QByteArray>
#include <QJsonObject>
#include <QStringList>

namespace Sitrep::Prom {

// A Grafana dashboard turned into a Sitrep one, with every feature that could not come along listed.
struct GrafanaImport
{
    Dashboard dashboard;
    QStringList unsupported; // sentences: what was left out or changed, and why
};

// Imports Grafana dashboard JSON (as exported, or wrapped in {"dashboard": ...} by the HTTP API):
// timeseries/graph/stat/gauge/table panels, targets[].expr, legendFormat, fieldConfig
// units/thresholds/min/max, variables of type custom/constant/query (label_values),
// $__interval/$__rate_interval/$__range. Nothing is dropped silently: what Sitrep does not do is listed in
// GrafanaImport::unsupported.
class GrafanaImporter final
{
public:
    static Core::Result<GrafanaImport> import(const QByteArray &json, const QString &source);

private:
    static void importPanel(const QJsonObject &p, GrafanaImport &out, int index);
    static void importVariable(const QJsonObject &v, GrafanaImport &out);
};

} // namespace Sitrep::Prom
