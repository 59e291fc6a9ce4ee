#pragma once

#include "core/Result.h"
#include "prom/Dashboard.h"
#include "prom/GrafanaImporter.h"

#include <QStringList>

namespace Sitrep::Prom {

// A dashboard read from a file of either format, with what could not be imported.
struct LoadedDashboard
{
    Dashboard dashboard;
    QStringList notes;           // empty for Sitrep's own format; Grafana's unsupported features otherwise
    QList<SkippedPanel> skipped; // Grafana panels left out
    QString path;
    bool fromGrafana = false;
};

// Reads dashboard files: Sitrep's own format ("sitrepDashboard": 1) or Grafana JSON, told apart by content.
class DashboardLoader final
{
public:
    static Core::Result<LoadedDashboard> loadFile(const QString &path);
    static Core::Result<LoadedDashboard> load(const QByteArray &json, const QString &source);
    // Every *.json in the directories, in name order; a file that fails is returned as an error naming it,
    // and the others still load. A dashboard from a later directory replaces, in its place, one from an
    // earlier directory with the same file name or title: the user's copy overrides the bundled one.
    static QList<Core::Result<LoadedDashboard>> loadDirectory(const QStringList &dirs);
    // Where Sitrep looks for dashboards, in override order: the bundled ones (resourceDir/dashboards), then
    // the user's config dir (GenericConfigLocation/sitrep/dashboards, i.e. ~/.config/sitrep/dashboards).
    static QStringList defaultDirectories(const QString &resourceDir);
};

} // namespace Sitrep::Prom
