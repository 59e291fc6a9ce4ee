// Three community dashboards (Node Exporter Full, HAProxy, Apache), as a user brings
// them: `sitrep dashboard inspect --json` finds every unit known, every panel of a drawn type, at most three
// approximations and no variable left unexpanded; then each opens in the charts pane against a real
// Prometheus holding history for the metrics it queries: every panel of every row answers without an error
// sentence, most with data, collapsed rows stay folded until opened. Leaves PNGs of each dashboard in the
// test output directory (the README's screenshots come from here).
#include "DashboardData.h"
#include "PromFixture.h"

#include "ChartsPane.h"
#include "DashboardGrid.h"
#include "PanelView.h"
#include "prom/DashboardLoader.h"
#include "prom/PromClient.h"
#include "prom/VariableResolver.h"
#include "sim/MetricsModelNodes.h"
#include "support/TestEnv.h"

#include <QApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace Sitrep;
using namespace Sitrep::Prom;
using Sitrep::Ui::ChartsPane;
using Sitrep::Ui::PanelView;

namespace {

// Copies in the repository (Apache-2.0, from rfmoz/grafana-dashboards), so a clean clone has them: Node
// Exporter Full is also a bundled dashboard, the other two are test fixtures.
QString shared(const QString &name)
{
    if (name == QLatin1String("node-exporter-full.json"))
        return Test::sourceDir() + QStringLiteral("/resources/dashboards/") + name;
    return Test::sourceDir() + QStringLiteral("/tests/integration/prom/fixtures/community/") + name;
}

} // namespace

class TstCommunityDashboards final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void inspect_data();
    void inspect();
    void drawn_data();
    void drawn();

private:
    Test::PromFixture m_fx;
    PromClient m_client;
};

void TstCommunityDashboards::initTestCase()
{
    for (const char *f : {"node-exporter-full.json", "haproxy.json", "apache-full.json"})
        QVERIFY2(QFile::exists(shared(QLatin1String(f))),
                 qPrintable(shared(QLatin1String(f)) + QStringLiteral(" is missing")));
    // Two hours of history for one node, one Apache and one HAProxy, ending where the fixture's ends.
    const qint64 endS =
        QDateTime::currentSecsSinceEpoch() / Test::PromFixture::kStepS * Test::PromFixture::kStepS -
        Test::PromFixture::kStepS;
    const qint64 startS = endS - 2 * 3600;
    QByteArray extra;
    Sim::MetricsModelNodes nodes((startS - 86400) * 1000);
    Sim::SimNode node;
    node.name = QStringLiteral("web-node-1");
    node.cpus = 4;
    Sim::MetricsModelNodes::writeOpenMetrics(extra, nodes.series({node}), startS * 1000, endS * 1000, 30);
    extra += Test::DashboardData::openMetrics(Test::readFixture(shared(QStringLiteral("apache-full.json"))),
                                              {QStringLiteral("apache_")},
                                              {{QStringLiteral("job"), {QStringLiteral("apache")}},
                                               {QStringLiteral("instance"), {QStringLiteral("web-1:9117")}}},
                                              startS, endS, 30);
    extra += Test::DashboardData::openMetrics(
        Test::readFixture(shared(QStringLiteral("haproxy.json"))), {QStringLiteral("haproxy_")},
        {{QStringLiteral("instance"), {QStringLiteral("lb-1:8405")}},
         {QStringLiteral("proxy"), {QStringLiteral("web"), QStringLiteral("api")}},
         {QStringLiteral("name"), {QStringLiteral("web")}},
         {QStringLiteral("server"), {QStringLiteral("web-1"), QStringLiteral("web-2")}},
         {QStringLiteral("code"), {QStringLiteral("2xx"), QStringLiteral("5xx")}}},
        startS, endS, 30);
    const QString err = m_fx.start("groups: []\n", false, extra);
    QVERIFY2(err.isEmpty(), qPrintable(err));
    ServerConfig c;
    c.url = m_fx.prometheusUrl();
    QVERIFY(m_client.configure(c).ok());
}

void TstCommunityDashboards::inspect_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("panels");
    QTest::newRow("node-exporter-full") << QStringLiteral("node-exporter-full.json") << 125;
    QTest::newRow("haproxy") << QStringLiteral("haproxy.json") << 103;
    QTest::newRow("apache") << QStringLiteral("apache-full.json") << 17;
}

void TstCommunityDashboards::inspect()
{
    QFETCH(QString, file);
    QFETCH(int, panels);
    QProcess p;
    p.start(Test::sitrepBinary(),
            {QStringLiteral("dashboard"), QStringLiteral("inspect"), shared(file), QStringLiteral("--json")});
    QVERIFY(p.waitForFinished(30000));
    QCOMPARE(p.exitCode(), 0);
    QJsonParseError pe{};
    const QJsonObject o = QJsonDocument::fromJson(p.readAllStandardOutput(), &pe).object();
    QCOMPARE(pe.error, QJsonParseError::NoError);
    QCOMPARE(o.value(QStringLiteral("format")).toString(), QStringLiteral("grafana"));
    const QJsonObject summary = o.value(QStringLiteral("summary")).toObject();
    QCOMPARE(summary.value(QStringLiteral("unknownUnits")).toInt(), 0);
    QCOMPARE(summary.value(QStringLiteral("skipped")).toInt(), 0);
    QCOMPARE(summary.value(QStringLiteral("drawn")).toInt(), panels);
    const QJsonArray approximations = o.value(QStringLiteral("approximations")).toArray();
    QVERIFY2(approximations.size() <= 3, QJsonDocument(approximations).toJson().constData());
    for (const QJsonValue &v : o.value(QStringLiteral("variables")).toArray())
        QVERIFY2(v.toObject().value(QStringLiteral("supported")).toBool(),
                 qPrintable(v.toObject().value(QStringLiteral("name")).toString()));
    for (const QJsonValue &pv : o.value(QStringLiteral("panels")).toArray()) {
        const QJsonObject po = pv.toObject();
        const QString title = po.value(QStringLiteral("title")).toString();
        QVERIFY2(po.value(QStringLiteral("unitKnown")).toBool(), qPrintable(title));
        // A Grafana unit is never a free-text fallback in these dashboards.
        QVERIFY2(po.value(QStringLiteral("unitKind")).toString() != QLatin1String("free-text"),
                 qPrintable(title));
        QVERIFY2(!po.value(QStringLiteral("drawnAs")).toString().isEmpty(), qPrintable(title));
        for (const QJsonValue &q : po.value(QStringLiteral("queries")).toArray()) {
            const QJsonObject qo = q.toObject();
            QVERIFY2(!qo.contains(QStringLiteral("unresolved")),
                     qPrintable(title + QStringLiteral(": ") + qo.value(QStringLiteral("expr")).toString()));
            const QString expr = qo.value(QStringLiteral("expr")).toString();
            QVERIFY2(!expr.contains(QLatin1String("$__")), qPrintable(expr));
        }
    }
}

void TstCommunityDashboards::drawn_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("png");
    QTest::addColumn<double>("withData");
    QTest::newRow("node-exporter-full")
        << QStringLiteral("node-exporter-full.json") << QStringLiteral("dashboard-node-exporter-full") << 0.8;
    QTest::newRow("haproxy") << QStringLiteral("haproxy.json") << QStringLiteral("dashboard-haproxy") << 0.6;
    QTest::newRow("apache") << QStringLiteral("apache-full.json") << QStringLiteral("dashboard-apache")
                            << 0.6;
}

void TstCommunityDashboards::drawn()
{
    QFETCH(QString, file);
    QFETCH(QString, png);
    QFETCH(double, withData);
    const auto loaded = DashboardLoader::loadFile(shared(file));
    QVERIFY2(loaded.ok(), loaded.ok() ? "" : qPrintable(loaded.error().text()));
    ChartsPane pane(&m_client);
    pane.resize(1920, 1080);
    pane.setAutoRefreshMs(0);
    QSignalSpy refreshed(&pane, &ChartsPane::refreshed);
    pane.setDashboard(loaded->dashboard, loaded->notes);
    pane.setAutoRefreshMs(0);
    pane.show();
    QVERIFY(QTest::qWaitForWindowExposed(&pane));
    // The variables' options come from Prometheus (job, instance ...); the panels follow.
    pane.setAbsoluteRange((m_fx.endS() - 3600) * 1000, m_fx.endS() * 1000);
    QVERIFY(refreshed.wait(30000));
    QTRY_VERIFY_WITH_TIMEOUT(!pane.variables()->isBusy(), 10000);
    // Apache's job variable starts at All, whose custom value (".+") its queries compare with "=": in Grafana
    // too the panels stay empty until a job is chosen. Choosing it refreshes the chained instance variable.
    if (file == QLatin1String("apache-full.json")) {
        pane.setVariableValues(QStringLiteral("job"), {QStringLiteral("apache")});
        QTRY_COMPARE_WITH_TIMEOUT(pane.variableValue(QStringLiteral("instance")),
                                  QStringLiteral("web-1:9117"), 10000);
    }
    refreshed.clear();
    pane.refresh();
    QVERIFY(refreshed.wait(60000));

    // Collapsed rows stay folded (and unqueried) until opened.
    const Dashboard &d = pane.dashboard();
    for (int r = 0; r < d.rows.size(); ++r)
        QCOMPARE(pane.grid()->isRowCollapsed(r), d.rows[r].collapsed);
    for (int i = 0; i < pane.panelCount(); ++i) {
        const int row = pane.panel(i)->panel().row;
        if (row >= 0 && d.rows[row].collapsed)
            QVERIFY2(!pane.panel(i)->isVisibleTo(&pane), qPrintable(pane.panel(i)->panel().title));
    }
    // grab() paints now: the layouts the last answers asked for (the grid's, then each chart's scene, which
    // posts its own) are done first, as the event loop would before painting.
    for (int pass = 0; pass < 3; ++pass)
        QCoreApplication::sendPostedEvents();
    QVERIFY(pane.grab().save(Test::outputDir(QStringLiteral("tst_communitydashboards")) + QLatin1Char('/') +
                             png + QStringLiteral(".png")));

    // Every row open: every panel answers, none with an error sentence.
    for (int r = 0; r < d.rows.size(); ++r)
        pane.setRowCollapsed(r, false);
    refreshed.clear();
    pane.refresh();
    QVERIFY(refreshed.wait(90000));
    int data = 0;
    for (int i = 0; i < pane.panelCount(); ++i) {
        PanelView *p = pane.panel(i);
        QVERIFY2(p->errorText().isEmpty(),
                 qPrintable(p->panel().title + QStringLiteral(": ") + p->errorText()));
        data += p->seriesCount() > 0 ? 1 : 0;
    }
    QVERIFY2(data >= withData * pane.panelCount(),
             qPrintable(QStringLiteral("%1 of %2 panels have data").arg(data).arg(pane.panelCount())));
    // The first row again, opened, as the user sees it after a click.
    pane.grid()->rowHeader(0)->click();
    QCOMPARE(pane.grid()->isRowCollapsed(0), true);
    pane.grid()->rowHeader(0)->click();
    QCOMPARE(pane.grid()->isRowCollapsed(0), false);
}

QTEST_MAIN(TstCommunityDashboards)
#include "tst_communitydashboards.moc"
