#pragma once

#include <QString>

namespace Sitrep::Prom::GrafanaColors {

// Grafana colour text (a palette name like "dark-red", "#ff0000", "rgb(1,2,3)", "rgba(1,2,3,0.5)", a CSS
// name) as "#rrggbb", or "#aarrggbb" when it is translucent. Empty stays empty; unknown text is returned as
// it is (Qt may still know the name).
QString resolve(const QString &color);
// The classic palette's colour for the i-th series (Grafana's palette-classic).
QString classic(int index);
// A continuous scheme ("continuous-GrYlRd", "continuous-BlPu", ...) at 0..1; empty when the scheme is
// unknown.
QString continuous(const QString &mode, double fraction);
// One colour shaded by position for "shades" and by-value gradients: lighter towards 0, full at 1.
QString shade(const QString &color, double fraction);

} // namespace Sitrep::Prom::GrafanaColors
