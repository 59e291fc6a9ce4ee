#pragma once

#include "prom/GrafanaImporter.h"

#include <QJsonObject>

namespace Sitrep::Prom {

// Reads one entry of a Grafana dashboard's templating list into a Sitrep variable: datasource (stands for
// the environment's Prometheus), query (label_values, label_names, metrics, query_result; regex, sort),
// custom, constant, textbox, interval (with auto), multi-value and All. Ad-hoc filters are listed as an
// approximation.
class GrafanaVariableReader final
{
public:
    static void read(const QJsonObject &v, GrafanaImport &out, ApproximationList &notes);
    // Grafana's custom variable text: "a, b, c" or "text : value" pairs, commas escaped as "\,".
    static QList<QPair<QString, QString>> splitCustom(const QString &query);
};

} // namespace Sitrep::Prom
