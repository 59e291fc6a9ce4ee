#pragma once

#include <QByteArray>
#include <QMap>
#include <QString>
#include <QStringList>

namespace Sitrep::Test {

// Made-up history for the metrics a Grafana dashboard queries, so that its panels have something to draw
// against a real Prometheus: every metric its queries name, with the labels their selectors name (literal
// values as written; variable ones from `values`, e.g. job -> {"apache"}), counters for *_total, smooth
// waves otherwise. OpenMetrics families, without the closing "# EOF".
class DashboardData final
{
public:
    static QByteArray openMetrics(const QByteArray &dashboardJson, const QStringList &metricPrefixes,
                                  const QMap<QString, QStringList> &values, qint64 startS, qint64 endS,
                                  int stepS);
};

} // namespace Sitrep::Test
