#include "AxisTicks.h"

#include "prom/UnitFormat.h"

#include <QCategoryAxis>

#include <cmath>

namespace Sitrep::Ui {

namespace {

double niceStep(double span, int count)
{
    const double raw = span / std::max(1, count);
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    for (double m : {1.0, 2.0, 2.5, 5.0, 10.0}) {
        if (raw <= m * magnitude)
            return m * magnitude;
    }
    return 10 * magnitude;
}

} // namespace

QList<double> AxisTicks::nice(double lo, double hi, int count)
{
    QList<double> out;
    if (!std::isfinite(lo) || !std::isfinite(hi) || hi <= lo)
        return out;
    const double step = niceStep(hi - lo, count);
    const double first = std::ceil(lo / step - 1e-9) * step;
    for (double v = first; v <= hi + step * 1e-9 && out.size() < 50; v += step)
        out << (std::abs(v) < step * 1e-9 ? 0.0 : v);
    return out;
}

QPair<double, double> AxisTicks::niceRange(double lo, double hi, int count)
{
    if (!std::isfinite(lo) || !std::isfinite(hi))
        return {0, 1};
    if (hi <= lo)
        hi = lo + (lo == 0 ? 1 : std::abs(lo) * 0.1);
    const double step = niceStep(hi - lo, count);
    return {std::floor(lo / step + 1e-9) * step, std::ceil(hi / step - 1e-9) * step};
}

void AxisTicks::apply(QCategoryAxis *axis, double lo, double hi, int count, const QString &unit, int decimals,
                      double scale)
{
    for (const QString &l : axis->categoriesLabels())
        axis->remove(l);
    axis->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    axis->setRange(lo, hi);
    axis->setStartValue(lo);
    QStringList used;
    for (double v : nice(lo, hi, count)) {
        QString label = Prom::UnitFormat::format(v / scale, unit, decimals);
        // Category labels must differ: two ticks that round alike get an invisible difference.
        while (used.contains(label))
            label += QChar(0x200b);
        used << label;
        axis->append(label, v);
    }
}

} // namespace Sitrep::Ui
