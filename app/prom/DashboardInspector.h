#pragma once

#include "core/Result.h"
#include "prom/Dashboard.h"
#include "prom/GrafanaImporter.h"

#include <QJsonObject>
#include <QString>

namespace Sitrep::Prom {

// What Sitrep made of a dashboard file, as data: title, variables (supported or not, default values),
// panels (Grafana type, how Sitrep draws it, unit and whether Grafana knows it, the PromQL after variable
// expansion with the default values and a nominal 1920-pixel screen), panels left out, approximations.
// `sitrep dashboard inspect FILE --json` prints it; the schema is documented in
// docs/dashboard-inspect.md.
class DashboardInspector final
{
public:
    static constexpr int kSchemaVersion = 1;
    static constexpr int kScreenWidth = 1920;

    static Core::Result<QJsonObject> inspectFile(const QString &path);
    static QJsonObject inspect(const GrafanaImport &import, const QString &source, bool fromGrafana);
    // "time series (lines, 20% fill, stacked to 100%)", "gauge (0–100, threshold markers)" ...
    static QString drawnAs(const Panel &panel);
    // The pixel width a panel of grid width w gets on the nominal screen.
    static int nominalWidth(const Panel &panel);
};

} // namespace Sitrep::Prom
