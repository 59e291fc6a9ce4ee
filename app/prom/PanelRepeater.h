#pragma once

#include "prom/Dashboard.h"
#include "prom/QueryTemplate.h"

#include <QList>

namespace Sitrep::Prom {

// Grafana's panel repeat: a panel with `repeat` set becomes one copy per value of that variable, side by
// side (at most maxPerRow, default 4, to a line) or one under the other; the panels below move down to make
// room. Each copy's title and queries see only its own value (Panel::repeatValue).
class PanelRepeater final
{
public:
    static QList<Panel> expand(const QList<Panel> &panels, const QMap<QString, VariableValue> &values);
    // The variables a copy is expanded with: the dashboard's, the repeated one narrowed to the copy's value.
    static QMap<QString, VariableValue> valuesFor(const Panel &panel,
                                                  const QMap<QString, VariableValue> &values);
};

} // namespace Sitrep::Prom
