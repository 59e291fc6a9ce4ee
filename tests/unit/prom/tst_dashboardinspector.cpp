// DashboardInspector: the data behind `sitrep dashboard inspect --json` (docs/dashboard-inspect-schema.md):
// summary counts, per panel the Grafana and Sitrep types, how it is drawn, units and whether Grafana knows
// them, the PromQL with variables expanded to their defaults and Grafana's $__rate_interval, rows,
// variables, skipped panels and approximations; a file that cannot be read or parsed is an error naming it.
#include "prom/DashboardInspector.h"
#include "support/TestEnv.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

using namespace Sitrep::Prom;

namespace {

QString fixture()
{
    return Sitrep::Test::sourceDir() + QStringLiteral("/tests/unit/prom/fixtures/inspect/inspect-me.json");
}

} // namespace

class TstDashboardInspector final : public QObject
{
    Q_OBJECT

private slots:
    void inspectsAGrafanaDashboard();
    void unreadableAndMalformedFilesAreNamed();

private:
    QTemporaryDir m_dir;
};

void TstDashboardInspector::inspectsAGrafanaDashboard()
{
    const QString path = fixture();
    const auto r = DashboardInspector::inspectFile(path);
    QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error().text()));
    const QJsonObject o = *r;
    QCOMPARE(o.value(QLatin1String("schema")).toInt(), DashboardInspector::kSchemaVersion);
    QCOMPARE(o.value(QLatin1String("format")).toString(), QStringLiteral("grafana"));
    QCOMPARE(o.value(QLatin1String("title")).toString(), QStringLiteral("Inspect me"));
    QCOMPARE(o.value(QLatin1String("defaultRange")).toString(), QStringLiteral("6h"));

    const QJsonObject summary = o.value(QLatin1String("summary")).toObject();
    QCOMPARE(summary.value(QLatin1String("panels")).toInt(), 3);
    QCOMPARE(summary.value(QLatin1String("drawn")).toInt(), 2);
    QCOMPARE(summary.value(QLatin1String("skipped")).toInt(), 1);
    QCOMPARE(summary.value(QLatin1String("unknownUnits")).toInt(),
             0); // "furlongs" is a custom suffix, as in Grafana

    const QJsonArray panels = o.value(QLatin1String("panels")).toArray();
    QCOMPARE(panels.size(), 2);
    const QJsonObject cpu = panels.at(0).toObject();
    QCOMPARE(cpu.value(QLatin1String("grafanaType")).toString(), QStringLiteral("timeseries"));
    QCOMPARE(cpu.value(QLatin1String("drawnAs")).toString(),
             QStringLiteral("time series (lines, 20% fill, stacked to 100%)"));
    QCOMPARE(cpu.value(QLatin1String("unit")).toString(), QStringLiteral("percentunit"));
    QVERIFY(cpu.value(QLatin1String("unitKnown")).toBool());
    QCOMPARE(cpu.value(QLatin1String("unitExample")).toString(), QStringLiteral("153650.0%"));
    QVERIFY(cpu.value(QLatin1String("row")).isNull());
    const QJsonObject query = cpu.value(QLatin1String("queries")).toArray().at(0).toObject();
    const QString expr = query.value(QLatin1String("expr")).toString();
    // Defaults: job=node; instance=All with no options yet (asked when the dashboard opens) -> ".*"-like.
    QVERIFY2(expr.startsWith(
                 QLatin1String("sum by (mode) (rate(node_cpu_seconds_total{job=\"node\",instance=~\"")),
             qPrintable(expr));
    QVERIFY2(!expr.contains(QLatin1String("$__rate_interval")) && expr.endsWith(QLatin1String("]))")),
             qPrintable(expr));
    QCOMPARE(query.value(QLatin1String("legend")).toString(), QStringLiteral("{{mode}}"));
    QVERIFY(!query.contains(QLatin1String("unresolved")));

    const QJsonObject disk = panels.at(1).toObject();
    QCOMPARE(disk.value(QLatin1String("sitrepType")).toString(), QStringLiteral("bargauge"));
    QCOMPARE(disk.value(QLatin1String("row")).toString(), QStringLiteral("Disks"));
    QVERIFY(disk.value(QLatin1String("queries"))
                .toArray()
                .at(0)
                .toObject()
                .value(QLatin1String("instant"))
                .toBool());
    const QJsonObject overrideUnit = disk.value(QLatin1String("overrideUnits")).toArray().at(0).toObject();
    QCOMPARE(overrideUnit.value(QLatin1String("unit")).toString(), QStringLiteral("furlongs"));
    QCOMPARE(overrideUnit.value(QLatin1String("unitKind")).toString(), QStringLiteral("free-text"));

    const QJsonArray rows = o.value(QLatin1String("rows")).toArray();
    QCOMPARE(rows.size(), 1);
    QVERIFY(rows.at(0).toObject().value(QLatin1String("collapsed")).toBool());
    QCOMPARE(rows.at(0).toObject().value(QLatin1String("panels")).toInt(), 1);

    const QJsonArray variables = o.value(QLatin1String("variables")).toArray();
    QCOMPARE(variables.size(), 3);
    QCOMPARE(variables.at(0).toObject().value(QLatin1String("type")).toString(),
             QStringLiteral("datasource"));
    QCOMPARE(variables.at(1).toObject().value(QLatin1String("default")).toArray().at(0).toString(),
             QStringLiteral("node"));
    QCOMPARE(variables.at(2).toObject().value(QLatin1String("default")).toArray().at(0).toString(),
             QStringLiteral("All"));

    const QJsonObject skipped = o.value(QLatin1String("skippedPanels")).toArray().at(0).toObject();
    QCOMPARE(skipped.value(QLatin1String("type")).toString(), QStringLiteral("news"));
    QVERIFY(!skipped.value(QLatin1String("reason")).toString().isEmpty());
}

void TstDashboardInspector::unreadableAndMalformedFilesAreNamed()
{
    const QString missing = m_dir.filePath(QStringLiteral("missing.json"));
    const auto r = DashboardInspector::inspectFile(missing);
    QVERIFY(!r.ok());
    QVERIFY2(r.error().text().contains(missing), qPrintable(r.error().text()));

    const QString bad = m_dir.filePath(QStringLiteral("bad.json"));
    QFile f(bad);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("{\"panels\": [");
    f.close();
    const auto b = DashboardInspector::inspectFile(bad);
    QVERIFY(!b.ok());
    QVERIFY2(b.error().text().contains(bad), qPrintable(b.error().text()));
}

QTEST_GUILESS_MAIN(TstDashboardInspector)
#include "tst_dashboardinspector.moc"
