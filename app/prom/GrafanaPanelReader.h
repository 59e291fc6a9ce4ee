#pragma once

#include "prom/GrafanaImporter.h"

#include <QJsonObject>

#include <optional>

namespace Sitrep::Prom {

// Reads one Grafana panel (not a row) into a Sitrep panel: type, targets, field config and overrides,
// options, transformations, repeat; the old graph, singlestat and table-old panels are converted to what
// their current successors would show. A panel Sitrep does not draw is recorded in `skipped` and `notes`.
class GrafanaPanelReader final
{
public:
    GrafanaPanelReader(const QStringList &datasourceVariables, ApproximationList &notes,
                       QList<SkippedPanel> &skipped);

    std::optional<Panel> read(const QJsonObject &p, int index);

private:
    bool readsPrometheus(const QJsonValue &datasource) const;
    void readTargets(const QJsonObject &p, Panel &panel, const QString &name);
    void readFieldConfig(const QJsonObject &p, Panel &panel, const QString &name);
    void readOptions(const QJsonObject &p, Panel &panel, const QString &name);
    void convertGraph(const QJsonObject &p, Panel &panel, const QString &name);
    void convertSinglestat(const QJsonObject &p, Panel &panel, const QString &name);
    void convertTableOld(const QJsonObject &p, Panel &panel, const QString &name);
    void skip(const QString &title, const QString &type, const QString &reason);

    const QStringList &m_datasourceVariables;
    ApproximationList &m_notes;
    QList<SkippedPanel> &m_skipped;
};

} // namespace Sitrep::Prom
