#pragma once

#include <QString>
#include <QStringList>
#include <QVector>

namespace Sitrep::Prom {

// Grafana's field reducers ("calcs"): a series' values to one number, the way stat, gauge, bar gauge, the
// reduce transformation and table footers compute them. NaN counts as a missing value.
class Reducer final
{
public:
    // last, lastNotNull, first, firstNotNull, mean, max, min, sum, count, delta, range, diff, diffperc,
    // median, variance, stdDev, distinctCount, changeCount, logmin, allIsZero, allIsNull, step, p1..p99.
    static bool isKnown(const QString &calc);
    static double reduce(const QVector<double> &values, const QString &calc);
    // The name Grafana shows for a calc in a reduce transformation's header ("Mean", "Last *").
    static QString title(const QString &calc);
    static QStringList known();
};

} // namespace Sitrep::Prom
