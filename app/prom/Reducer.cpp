#include "prom/Reducer.h"

#include <QHash>
#include <QSet>

#include <algorithm>
#include <cmath>
#include <limits>

namespace Sitrep::Prom {

namespace {

const QHash<QString, QString> &titles()
{
    static const QHash<QString, QString> map{
        {QStringLiteral("last"), QStringLiteral("Last")},
        {QStringLiteral("lastNotNull"), QStringLiteral("Last *")},
        {QStringLiteral("first"), QStringLiteral("First")},
        {QStringLiteral("firstNotNull"), QStringLiteral("First *")},
        {QStringLiteral("mean"), QStringLiteral("Mean")},
        {QStringLiteral("max"), QStringLiteral("Max")},
        {QStringLiteral("min"), QStringLiteral("Min")},
        {QStringLiteral("sum"), QStringLiteral("Total")},
        {QStringLiteral("count"), QStringLiteral("Count")},
        {QStringLiteral("delta"), QStringLiteral("Delta")},
        {QStringLiteral("range"), QStringLiteral("Range")},
        {QStringLiteral("diff"), QStringLiteral("Difference")},
        {QStringLiteral("diffperc"), QStringLiteral("Difference percent")},
        {QStringLiteral("median"), QStringLiteral("Median")},
        {QStringLiteral("variance"), QStringLiteral("Variance")},
        {QStringLiteral("stdDev"), QStringLiteral("StdDev")},
        {QStringLiteral("distinctCount"), QStringLiteral("Distinct Count")},
        {QStringLiteral("changeCount"), QStringLiteral("Change Count")},
        {QStringLiteral("logmin"), QStringLiteral("Min (above zero)")},
        {QStringLiteral("allIsZero"), QStringLiteral("All Zeros")},
        {QStringLiteral("allIsNull"), QStringLiteral("All Nulls")},
        {QStringLiteral("step"), QStringLiteral("Step")},
        {QStringLiteral("nonNullCount"), QStringLiteral("Count *")},
        {QStringLiteral("countAll"), QStringLiteral("Count all")},
    };
    return map;
}

int percentile(const QString &calc)
{
    if (calc.size() >= 2 && calc.size() <= 3 && calc.startsWith(QLatin1Char('p'))) {
        bool ok = false;
        const int p = calc.mid(1).toInt(&ok);
        if (ok && p >= 1 && p <= 99)
            return p;
    }
    return 0;
}

} // namespace

bool Reducer::isKnown(const QString &calc)
{
    return titles().contains(calc) || percentile(calc) > 0;
}

QStringList Reducer::known()
{
    QStringList out = titles().keys();
    out.sort();
    return out;
}

QString Reducer::title(const QString &calc)
{
    if (const int p = percentile(calc)) {
        const char *nth = p > 3 && p < 21 ? "th"
                          : p % 10 == 1   ? "st"
                          : p % 10 == 2   ? "nd"
                          : p % 10 == 3   ? "rd"
                                          : "th";
        return QStringLiteral("%1%2 %").arg(p).arg(QLatin1String(nth));
    }
    return titles().value(calc, calc);
}

double Reducer::reduce(const QVector<double> &values, const QString &calc)
{
    const double nan = std::numeric_limits<double>::quiet_NaN();
    QVector<double> present;
    present.reserve(values.size());
    for (double v : values) {
        if (!std::isnan(v))
            present << v;
    }
    if (calc == QLatin1String("last"))
        return values.isEmpty() ? nan : values.last();
    if (calc == QLatin1String("first"))
        return values.isEmpty() ? nan : values.first();
    if (calc == QLatin1String("count"))
        return double(present.size());
    if (calc == QLatin1String("countAll"))
        return double(values.size());
    if (calc == QLatin1String("nonNullCount"))
        return double(present.size());
    if (calc == QLatin1String("allIsNull"))
        return present.isEmpty() ? 1 : 0;
    if (present.isEmpty())
        return calc == QLatin1String("sum") ? 0 : nan;
    if (calc == QLatin1String("lastNotNull"))
        return present.last();
    if (calc == QLatin1String("firstNotNull"))
        return present.first();
    if (calc == QLatin1String("max"))
        return *std::max_element(present.cbegin(), present.cend());
    if (calc == QLatin1String("min"))
        return *std::min_element(present.cbegin(), present.cend());
    double sum = 0;
    for (double v : present)
        sum += v;
    if (calc == QLatin1String("sum"))
        return sum;
    const double mean = sum / double(present.size());
    if (calc == QLatin1String("mean"))
        return mean;
    if (calc == QLatin1String("range"))
        return *std::max_element(present.cbegin(), present.cend()) -
               *std::min_element(present.cbegin(), present.cend());
    if (calc == QLatin1String("diff"))
        return present.last() - present.first();
    if (calc == QLatin1String("diffperc"))
        return present.first() == 0 ? nan : (present.last() - present.first()) / present.first() * 100;
    if (calc == QLatin1String("delta")) {
        // Grafana's cumulative change: increases add up; a drop (a counter reset) adds nothing, and neither
        // does the step right after it (what was counted across the reset is unknown).
        double delta = 0;
        bool previousUp = true;
        for (qsizetype i = 1; i < present.size(); ++i) {
            if (present[i - 1] > present[i]) {
                previousUp = false;
            } else {
                if (previousUp)
                    delta += present[i] - present[i - 1];
                previousUp = true;
            }
        }
        return delta;
    }
    if (calc == QLatin1String("step")) {
        double step = std::numeric_limits<double>::infinity();
        for (qsizetype i = 1; i < present.size(); ++i)
            step = std::min(step, present[i] - present[i - 1]);
        return std::isinf(step) ? nan : step;
    }
    if (calc == QLatin1String("variance") || calc == QLatin1String("stdDev")) {
        double squares = 0;
        for (double v : present)
            squares += (v - mean) * (v - mean);
        const double variance = squares / double(present.size());
        return calc == QLatin1String("variance") ? variance : std::sqrt(variance);
    }
    if (calc == QLatin1String("distinctCount")) {
        QSet<double> seen(present.cbegin(), present.cend());
        return double(seen.size());
    }
    if (calc == QLatin1String("changeCount")) {
        int changes = 0;
        for (qsizetype i = 1; i < present.size(); ++i)
            changes += present[i] != present[i - 1] ? 1 : 0;
        return changes;
    }
    if (calc == QLatin1String("logmin")) {
        double m = std::numeric_limits<double>::infinity();
        for (double v : present) {
            if (v > 0)
                m = std::min(m, v);
        }
        return std::isinf(m) ? nan : m;
    }
    if (calc == QLatin1String("allIsZero"))
        return std::all_of(present.cbegin(), present.cend(), [](double v) { return v == 0; }) ? 1 : 0;
    if (calc == QLatin1String("median")) {
        QVector<double> sorted = present;
        std::sort(sorted.begin(), sorted.end());
        const qsizetype mid = sorted.size() / 2;
        return sorted.size() % 2 == 0 ? (sorted.at(mid - 1) + sorted.at(mid)) / 2 : sorted.at(mid);
    }
    if (const int p = percentile(calc)) {
        // Grafana's nearest rank: the value at round((n - 1) * p) of the sorted values.
        QVector<double> sorted = present;
        std::sort(sorted.begin(), sorted.end());
        return sorted.at(qsizetype(std::round(double(sorted.size() - 1) * p / 100.0)));
    }
    return present.last();
}

} // namespace Sitrep::Prom
