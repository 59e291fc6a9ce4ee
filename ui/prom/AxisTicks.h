#pragma once

#include <QList>
#include <QString>

class QCategoryAxis;

namespace Sitrep::Ui {

// A value axis with Grafana's labels: round tick values, each written with the panel's unit ("1.50 GiB",
// "250 ms", "50%"), since Qt Charts' number axis can only print a printf pattern.
class AxisTicks final
{
public:
    // Round values from lo to hi, about `count` of them (1, 2, 2.5 or 5 times a power of ten apart).
    static QList<double> nice(double lo, double hi, int count);
    // The range widened to the outer ticks.
    static QPair<double, double> niceRange(double lo, double hi, int count);
    // Fills a category axis with ticks over [lo, hi]; labels through UnitFormat with the unit and decimals.
    static void apply(QCategoryAxis *axis, double lo, double hi, int count, const QString &unit, int decimals,
                      double scale = 1);
};

} // namespace Sitrep::Ui
