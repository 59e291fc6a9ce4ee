#include "DashboardData.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QRegularExpression>
#include <QSet>

#include <cmath>

namespace Sitrep::Test {

namespace {

void collectExprs(const QJsonArray &panels, QStringList &out)
{
    for (const QJsonValue &pv : panels) {
        const QJsonObject p = pv.toObject();
        for (const QJsonValue &t : p.value(QStringLiteral("targets")).toArray())
            out << t.toObject().value(QStringLiteral("expr")).toString();
        collectExprs(p.value(QStringLiteral("panels")).toArray(), out);
    }
}

} // namespace

QByteArray DashboardData::openMetrics(const QByteArray &dashboardJson, const QStringList &prefixes,
                                      const QMap<QString, QStringList> &values, qint64 startS, qint64 endS,
                                      int stepS)
{
    const QJsonObject root = QJsonDocument::fromJson(dashboardJson).object();
    QStringList exprs;
    collectExprs(root.value(QStringLiteral("panels")).toArray(), exprs);
    for (const QJsonValue &v :
         root.value(QStringLiteral("templating")).toObject().value(QStringLiteral("list")).toArray()) {
        const QJsonValue q = v.toObject().value(QStringLiteral("query"));
        exprs << (q.isObject() ? q.toObject().value(QStringLiteral("query")).toString() : q.toString());
    }
    // metric -> label -> values (literal or from the variables).
    QMap<QString, QMap<QString, QSet<QString>>> metrics;
    static const QRegularExpression selector(QStringLiteral("([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*\\{([^}]*)\\}"));
    static const QRegularExpression matcher(
        QStringLiteral("([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)\\s*\"([^\"]*)\""));
    for (const QString &e : exprs) {
        auto it = selector.globalMatch(e);
        while (it.hasNext()) {
            const auto m = it.next();
            const QString name = m.captured(1);
            if (!std::any_of(prefixes.cbegin(), prefixes.cend(),
                             [&](const QString &p) { return name.startsWith(p); }))
                continue;
            auto &labels = metrics[name];
            auto mi = matcher.globalMatch(m.captured(2));
            while (mi.hasNext()) {
                const auto l = mi.next();
                const QString label = l.captured(1);
                const QString op = l.captured(2);
                const QString value = l.captured(3);
                if (op.startsWith(QLatin1Char('!')))
                    continue;
                if (value.contains(QLatin1Char('$'))) {
                    for (const QString &v : values.value(label))
                        labels[label].insert(v);
                } else if (op == QLatin1String("=")) {
                    labels[label].insert(value);
                } else {
                    // A literal regex like "UP|DOWN": its first alternative.
                    labels[label].insert(value.section(QLatin1Char('|'), 0, 0));
                }
            }
        }
    }
    QByteArray out;
    int salt = 0;
    for (auto m = metrics.cbegin(); m != metrics.cend(); ++m) {
        const bool counter = m.key().endsWith(QLatin1String("_total"));
        const QString family = counter ? m.key().chopped(6) : m.key();
        out += "# TYPE " + family.toUtf8() + (counter ? " counter\n" : " gauge\n");
        // Every combination of the label values.
        QList<QList<QPair<QString, QString>>> combos{{}};
        for (auto l = m->cbegin(); l != m->cend(); ++l) {
            QList<QList<QPair<QString, QString>>> next;
            QStringList sorted(l->cbegin(), l->cend());
            sorted.sort();
            for (const auto &c : combos) {
                for (const QString &v : sorted) {
                    auto d = c;
                    d << qMakePair(l.key(), v);
                    next << d;
                }
            }
            combos = next;
        }
        for (const auto &c : combos) {
            QStringList parts;
            for (const auto &[k, v] : c)
                parts << QStringLiteral("%1=\"%2\"").arg(k, v);
            const QByteArray sample = m.key().toUtf8() + '{' + parts.join(QLatin1Char(',')).toUtf8() + '}';
            const double base = 5.0 + (++salt % 17) * 3.0;
            const bool status = m.key().endsWith(QLatin1String("_up")) ||
                                m.key().endsWith(QLatin1String("_status")) ||
                                m.key().endsWith(QLatin1String("_info"));
            double total = 0;
            for (qint64 t = startS; t <= endS; t += stepS) {
                const double w = 1.0 + 0.4 * std::sin(double(t) / 900.0 + salt);
                double v;
                if (status)
                    v = 1;
                else if (m.key().contains(QLatin1String("start_time_seconds")))
                    v = double(startS - 86400); // a timestamp: started a day before the history
                else if (m.key().endsWith(QLatin1String("uptime_seconds_total")))
                    v = double(t - startS + 86400);
                else if (counter) {
                    total += base * w * stepS;
                    v = std::floor(total);
                } else
                    v = std::round(base * w * 100) / 100;
                out += sample + ' ' + QByteArray::number(v, 'f', counter || status ? 0 : 2) + ' ' +
                       QByteArray::number(t) + '\n';
            }
        }
    }
    return out;
}

} // namespace Sitrep::Test
