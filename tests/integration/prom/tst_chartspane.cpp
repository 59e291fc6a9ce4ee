// ChartsPane offscreen against a real Prometheus with backfilled history: the bundled service overview
// dashboard fills with data, incident events are drawn, legend clicks hide series, a snapshot lands in the
// journal as a PNG, failures (server down, PromQL error) read as sentences in the panel, and a range change
// cancels the query still in flight. Leaves PNGs in the test output directory.
#include "PromFixture.h"

#include "ApproximationsLine.h"
#include "ChartView.h"
#include "ChartsPane.h"
#include "PanelView.h"
#include "TimeRangeDialog.h"
#include "core/IncidentSession.h"
#include "core/Journal.h"
#include "core/ManualClock.h"
#include "prom/DashboardLoader.h"
#include "prom/PromClient.h"
#include "support/TestEnv.h"

#include <QApplication>
#include <QImage>
#include <QJsonArray>
#include <QMenu>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using namespace Sitrep;
using namespace Sitrep::Prom;
using Sitrep::Ui::ChartsPane;
using Sitrep::Ui::PanelView;

namespace {

// A Prometheus stand-in for the cancel test: while holding, a request is read and left unanswered (a slow
// query); otherwise it gets the canned body at once. Counts the held requests whose connection the client
// closed, i.e. queries it cancelled.
class HoldingServer final : public QTcpServer
{
public:
    HoldingServer()
    {
        connect(this, &QTcpServer::newConnection, this, &HoldingServer::accept);
        listen(QHostAddress::LocalHost, 0);
    }
    bool hold = false;
    QByteArray body;
    int held = 0;
    int answered = 0;
    int cancelled = 0;

private:
    void accept()
    {
        while (QTcpSocket *s = nextPendingConnection()) {
            auto isHeld = std::make_shared<bool>(false);
            auto buffer = std::make_shared<QByteArray>();
            connect(s, &QTcpSocket::disconnected, this, [this, s, isHeld] {
                if (*isHeld)
                    ++cancelled;
                s->deleteLater();
            });
            connect(s, &QTcpSocket::readyRead, this, [this, s, isHeld, buffer] {
                *buffer += s->readAll();
                const qsizetype headerEnd = buffer->indexOf("\r\n\r\n");
                if (headerEnd < 0)
                    return;
                qsizetype length = 0;
                for (const QByteArray &line : buffer->left(headerEnd).split('\n')) {
                    if (line.toLower().startsWith("content-length:"))
                        length = line.mid(15).trimmed().toLongLong();
                }
                if (buffer->size() < headerEnd + 4 + length)
                    return;
                buffer->clear();
                if (hold) {
                    *isHeld = true;
                    ++held;
                    return;
                }
                ++answered;
                s->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " +
                         QByteArray::number(body.size()) + "\r\n\r\n" + body);
            });
        }
    }
};

// A query_range answer: one series labelled range=<name>, a point a minute over [startS, endS].
QByteArray matrix(const char *name, qint64 startS, qint64 endS)
{
    QByteArray values;
    for (qint64 t = startS; t <= endS; t += 60)
        values += (values.isEmpty() ? "" : ",") + QByteArray("[") + QByteArray::number(t) + ",\"1\"]";
    return R"({"status":"success","data":{"resultType":"matrix","result":[{"metric":{"range":")" +
           QByteArray(name) + R"("},"values":[)" + values + "]}]}}";
}

} // namespace

class TstChartsPane final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void serviceOverviewWithData();
    void legendClickHidesSeries();
    void annotationsAndSnapshot();
    void zoomSetsAbsoluteRange();
    void prometheusDownSaysSoAndRetries();
    void promqlErrorNextToPanel();
    void grafanaImportListsWhatIsMissing();
    void customRangeAndNoData();
    void multiValueVariable();
    void rangeChangeCancelsTheQueryInFlight();
    void wallMirrorsFollowTheirPanels(); // last: it replaces the shared pane's panels

private:
    Dashboard serviceOverview() const;
    Test::PromFixture m_fx;
    PromClient m_client;
    QTemporaryDir m_dir;
    Core::Journal m_journal;
    Core::ManualClock m_clock;
    std::unique_ptr<Core::IncidentSession> m_session;
    std::unique_ptr<ChartsPane> m_pane;
};

Dashboard TstChartsPane::serviceOverview() const
{
    const auto r = DashboardLoader::loadFile(Test::sourceDir() +
                                             QStringLiteral("/resources/dashboards/service-overview.json"));
    if (!r)
        qFatal("%s", qPrintable(r.error().text()));
    return r->dashboard;
}

void TstChartsPane::initTestCase()
{
    const QString err = m_fx.start("groups: []\n", false);
    QVERIFY2(err.isEmpty(), qPrintable(err));
    ServerConfig c;
    c.url = m_fx.prometheusUrl();
    QVERIFY(m_client.configure(c).ok());
    QVERIFY(m_journal.open(m_dir.filePath(QStringLiteral("incident.sitrep"))).ok());
    // The incident began 30 minutes before the end of the history.
    m_clock.set(QDateTime::fromSecsSinceEpoch(m_fx.endS() - 1800, Qt::UTC));
    m_session = std::make_unique<Core::IncidentSession>(m_journal, m_clock, QStringLiteral("ic"));
    QVERIFY(
        m_session->declare({QStringLiteral("Web 5xx"), QStringLiteral("web"), QStringLiteral("P1")}).ok());
    m_clock.advanceSecs(600);
    QVERIFY(
        m_session
            ->record(Core::EventKind::Action, QStringLiteral("kubectl rollout undo deployment/web -n shop"))
            .ok());
    m_clock.advanceSecs(300);
    QVERIFY(m_session->addNote(QStringLiteral("errors falling after the rollback")).ok());

    m_pane = std::make_unique<ChartsPane>(&m_client);
    m_pane->resize(1500, 1050);
    m_pane->setDashboard(serviceOverview());
    m_pane->setIncidentSession(m_session.get());
    m_pane->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_pane.get()));
}

void TstChartsPane::serviceOverviewWithData()
{
    QSignalSpy refreshed(m_pane.get(), &ChartsPane::refreshed);
    m_pane->setVariable(QStringLiteral("namespace"), QStringLiteral("shop"));
    m_pane->setVariable(QStringLiteral("service"), QStringLiteral("web"));
    refreshed.clear();
    m_pane->setAbsoluteRange((m_fx.endS() - 3600) * 1000, m_fx.endS() * 1000);
    QVERIFY(refreshed.wait(20000));
    QCOMPARE(m_pane->panelCount(), 8);
    for (int i = 0; i < m_pane->panelCount(); ++i) {
        PanelView *p = m_pane->panel(i);
        QVERIFY2(p->errorText().isEmpty(),
                 qPrintable(p->panel().title + QStringLiteral(": ") + p->errorText()));
        QVERIFY2(p->seriesCount() > 0, qPrintable(p->panel().title));
    }
    // The queries went out with the variables and Grafana's built-ins expanded.
    const QStringList q = m_pane->expandedQueries(0);
    QVERIFY2(q.first().contains(QLatin1String("service=\"web\"")), qPrintable(q.first()));
    QVERIFY2(!q.first().contains(QLatin1Char('$')), qPrintable(q.first()));
    QCOMPARE(m_pane->panel(2)->seriesCount(), 2); // request rate by code: 200 and 500
    QCOMPARE(m_pane->panel(3)->seriesCount(), 2); // restarts of web-0 and web-1
    // Burn rate over the workbook windows: 1h&5m (14.4x), 6h&30m (6x), 3d&6h (1x), the 6h line shared.
    QCOMPARE(m_pane->panel(6)->seriesCount(), 5);
    // 45 errors (+-15) of ~645 per 15 s at the end: about 7 % errors, ~70x the 0.1 % budget.
    PanelView *stat = m_pane->panel(7);
    const double burn = stat->statText().chopped(1).toDouble();
    QVERIFY2(burn > 20 && burn < 120, qPrintable(stat->statText()));
    QVERIFY2(stat->sloText().startsWith(QLatin1String("Error budget gone in ")), qPrintable(stat->sloText()));

    const QString png =
        Test::outputDir(QStringLiteral("tst_chartspane")) + QStringLiteral("/service-overview.png");
    QVERIFY(m_pane->grab().save(png));
    QVERIFY(QImage(png).width() >= 1400);
}

void TstChartsPane::customRangeAndNoData()
{
    // "Custom…": a reversed range is refused with a sentence, a good one becomes the dashboard's range.
    Ui::TimeRangeDialog *dialog = m_pane->openCustomRange();
    QVERIFY(dialog->isVisible());
    const qint64 end = m_fx.endS() * 1000;
    dialog->setRange(end, end - 1800 * 1000);
    dialog->accept();
    QVERIFY(dialog->isVisible());
    QVERIFY(!dialog->errorText().isEmpty());
    QSignalSpy refreshed(m_pane.get(), &ChartsPane::refreshed);
    dialog->setRange(end - 1800 * 1000, end);
    dialog->accept();
    QCOMPARE(m_pane->currentRange(), qMakePair(end - 1800 * 1000, end));
    QVERIFY(refreshed.wait(20000));
    QVERIFY(m_pane->panel(0)->seriesCount() > 0);
    QVERIFY(m_pane->panel(0)->chart()->title().isEmpty());

    // A query that matches nothing says "No data" instead of drawing an empty grid.
    m_pane->setVariable(QStringLiteral("service"), QStringLiteral("no-such-service"));
    m_pane->refresh();
    QVERIFY(refreshed.wait(20000));
    QCOMPARE(m_pane->panel(0)->seriesCount(), 0);
    QCOMPARE(m_pane->panel(0)->chart()->title(), QStringLiteral("No data"));
    m_pane->setVariable(QStringLiteral("service"), QStringLiteral("web"));
    m_pane->refresh();
    QVERIFY(refreshed.wait(20000));
}

void TstChartsPane::multiValueVariable()
{
    // $service may hold several services; the request-rate panel matches them with =~.
    Dashboard d = serviceOverview();
    for (Variable &v : d.variables) {
        if (v.name == QLatin1String("service")) {
            v.multi = true;
            v.includeAll = true;
            v.selected = {QStringLiteral("web")};
        }
    }
    for (PanelTarget &t : d.panels[2].targets)
        t.expr.replace(QStringLiteral("service=\"$service\""), QStringLiteral("service=~\"$service\""));
    ChartsPane pane(&m_client);
    pane.resize(1500, 1050);
    pane.setDashboard(d);
    pane.setVariable(QStringLiteral("namespace"), QStringLiteral("shop"));
    pane.setAbsoluteRange((m_fx.endS() - 3600) * 1000, m_fx.endS() * 1000);
    pane.show();
    QVERIFY(QTest::qWaitForWindowExposed(&pane));
    QToolButton *button = nullptr;
    for (QToolButton *b : pane.findChildren<QToolButton *>()) {
        if (b->accessibleName() == QLatin1String("Service"))
            button = b;
    }
    QVERIFY(button);
    QCOMPARE(button->text(), QStringLiteral("web"));
    // The options come from label_values; then "All" is chosen from the menu.
    QTRY_VERIFY_WITH_TIMEOUT(button->menu()->actions().size() >= 3, 10000); // All, api, web
    QSignalSpy refreshed(&pane, &ChartsPane::refreshed);
    QAction *all = button->menu()->actions().first();
    QCOMPARE(all->text(), QStringLiteral("All"));
    all->setChecked(true);
    emit button->menu()->triggered(all);
    QCOMPARE(button->text(), QStringLiteral("All"));
    QCOMPARE(pane.variableValue(QStringLiteral("service")), QStringLiteral("(api|web)"));
    QVERIFY(pane.expandedQueries(2).first().contains(QLatin1String("service=~\"(api|web)\"")));
    QVERIFY(refreshed.wait(20000));
    // Prometheus took the alternation: both services summed by status code, 200 and 500.
    QVERIFY2(pane.panel(2)->errorText().isEmpty(), qPrintable(pane.panel(2)->errorText()));
    QCOMPARE(pane.panel(2)->seriesCount(), 2);
}

void TstChartsPane::wallMirrorsFollowTheirPanels()
{
    // The wall display's chart tiles: time series first, then stats, and each follows its panel's refreshes.
    const QList<int> key = m_pane->keyPanels(4);
    QCOMPARE(key.size(), 4);
    for (int i : key)
        QCOMPARE(m_pane->panel(i)->panel().type, Prom::PanelType::TimeSeries);
    PanelView *mirror = m_pane->mirrorPanel(2);
    QVERIFY(mirror);
    // A mirror joining late shows at once what its panel shows, without asking Prometheus again.
    QVERIFY(m_pane->panel(2)->seriesCount() > 0);
    QCOMPARE(mirror->seriesCount(), m_pane->panel(2)->seriesCount());
    mirror->resize(600, 300);
    QSignalSpy refreshed(m_pane.get(), &ChartsPane::refreshed);
    m_pane->refresh();
    QVERIFY(refreshed.wait(20000));
    QCOMPARE(mirror->seriesCount(), m_pane->panel(2)->seriesCount());
    QCOMPARE(mirror->windowTitle(), m_pane->panel(2)->panel().title);
    // Another dashboard: the old mirror is no longer fed (the wall rebuilds its tiles on this signal).
    QSignalSpy changed(m_pane.get(), &ChartsPane::dashboardChanged);
    m_pane->setDashboard(m_pane->dashboard());
    QCOMPARE(changed.size(), 1);
    delete mirror;
}

void TstChartsPane::legendClickHidesSeries()
{
    PanelView *p = m_pane->panel(2);
    QCOMPARE(p->visibleSeriesCount(), 2);
    p->toggleSeries(0);
    QCOMPARE(p->visibleSeriesCount(), 1);
    QVERIFY(!p->chart()->series().at(0)->isVisible());
    // It stays hidden across a refresh.
    QSignalSpy refreshed(m_pane.get(), &ChartsPane::refreshed);
    m_pane->refresh();
    QVERIFY(refreshed.wait(20000));
    QCOMPARE(p->visibleSeriesCount(), 1);
    p->toggleSeries(0);
    QCOMPARE(p->visibleSeriesCount(), 2);
}

void TstChartsPane::annotationsAndSnapshot()
{
    // Declared, the rollback and the note are drawn on every time series panel.
    QCOMPARE(m_pane->panel(0)->chartView()->annotationCount(), 3);
    const auto r = m_pane->snapshotToTimeline(0);
    QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error().text()));
    const auto stored = m_journal.event(r->id);
    QVERIFY(stored.has_value());
    QCOMPARE(stored->kind, Core::EventKind::ChartSnapshot);
    QVERIFY2(stored->summary.startsWith(QLatin1String("Chart snapshot: 5xx error ratio, ")),
             qPrintable(stored->summary));
    QCOMPARE(qint64(stored->payload.value(QStringLiteral("startMs")).toDouble()),
             (m_fx.endS() - 3600) * 1000);
    QVERIFY(stored->payload.value(QStringLiteral("promql"))
                .toArray()
                .first()
                .toString()
                .contains(QLatin1String("service=\"web\"")));
    const QByteArray png =
        QByteArray::fromBase64(stored->payload.value(QStringLiteral("png")).toString().toLatin1());
    QImage img;
    QVERIFY(img.loadFromData(png, "PNG"));
    QVERIFY(img.width() > 200);
    img.save(Test::outputDir(QStringLiteral("tst_chartspane")) +
             QStringLiteral("/snapshot-from-journal.png"));
    // The snapshot itself is not drawn as a marker.
    QCOMPARE(m_pane->panel(0)->chartView()->annotationCount(), 3);
}

void TstChartsPane::zoomSetsAbsoluteRange()
{
    QSignalSpy refreshed(m_pane.get(), &ChartsPane::refreshed);
    const qint64 a = (m_fx.endS() - 1800) * 1000;
    const qint64 b = (m_fx.endS() - 600) * 1000;
    emit m_pane->panel(1)->zoomRequested(a, b);
    QVERIFY(refreshed.wait(20000));
    QCOMPARE(m_pane->currentRange(), (QPair<qint64, qint64>{a, b}));
    QVERIFY(m_pane->panel(1)->errorText().isEmpty());
    QVERIFY(m_pane->grab().save(Test::outputDir(QStringLiteral("tst_chartspane")) +
                                QStringLiteral("/zoomed.png")));
}

void TstChartsPane::prometheusDownSaysSoAndRetries()
{
    PromClient down;
    ServerConfig c;
    c.url = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(Test::freePort()));
    QVERIFY(down.configure(c).ok());
    ChartsPane pane(&down);
    pane.resize(900, 600);
    pane.setDashboard(serviceOverview());
    QSignalSpy refreshed(&pane, &ChartsPane::refreshed);
    pane.refresh();
    QVERIFY(refreshed.wait(20000));
    const QString err = pane.panel(0)->errorText();
    QVERIFY2(err.startsWith(QStringLiteral("Prometheus at %1 is not reachable: ").arg(c.url.toString())),
             qPrintable(err));
    QVERIFY2(err.endsWith(QLatin1String("; retrying in 5 s")), qPrintable(err));
    // The retry comes by itself.
    QVERIFY(refreshed.wait(8000));
    QVERIFY2(pane.panel(0)->errorText().endsWith(QLatin1String("; retrying in 10 s")),
             qPrintable(pane.panel(0)->errorText()));
    QVERIFY(pane.grab().save(Test::outputDir(QStringLiteral("tst_chartspane")) +
                             QStringLiteral("/prometheus-down.png")));
}

void TstChartsPane::promqlErrorNextToPanel()
{
    Dashboard d;
    d.title = QStringLiteral("broken");
    Panel p;
    p.title = QStringLiteral("Typo");
    p.targets << PanelTarget{QStringLiteral("sum(rate(http_requests_total[5m])"), QString(),
                             QStringLiteral("A")};
    d.panels << p;
    ChartsPane pane(&m_client);
    pane.resize(600, 400);
    pane.setDashboard(d);
    QSignalSpy refreshed(&pane, &ChartsPane::refreshed);
    pane.refresh();
    QVERIFY(refreshed.wait(20000));
    const QString err = pane.panel(0)->errorText();
    QVERIFY2(err.contains(QLatin1String("rejected the query (bad_data)")), qPrintable(err));
    QVERIFY2(!err.contains(QLatin1String("retrying")), qPrintable(err));
}

void TstChartsPane::grafanaImportListsWhatIsMissing()
{
    ChartsPane pane(&m_client);
    pane.resize(1200, 800);
    pane.setDashboards(ChartsPane::bundledDashboards());
    QCOMPARE(pane.dashboard().title, QStringLiteral("Service overview")); // from the resources
    QVERIFY(pane.notesText().isEmpty());
    const auto bad =
        pane.openDashboardFile(Test::sourceDir() + QStringLiteral("/resources/scenarios/healthy.json"));
    QVERIFY(!bad.ok());
    QVERIFY2(bad.error().text().contains(QLatin1String("is not a Grafana dashboard")),
             qPrintable(bad.error().text()));
    QCOMPARE(pane.dashboard().title, QStringLiteral("Service overview"));
    QSignalSpy refreshed(&pane, &ChartsPane::refreshed);
    QVERIFY(pane.openDashboardFile(Test::sourceDir() +
                                   QStringLiteral("/tests/unit/prom/fixtures/grafana-service.json"))
                .ok());
    QVERIFY(refreshed.wait(20000));
    QCOMPARE(pane.panelCount(), 4);
    QVERIFY2(pane.notesText().contains(QLatin1String("\"Latency heatmap\" (heatmap) is not drawn")),
             qPrintable(pane.notesText()));
    // The approximations are one folded line above the panels, never a block over them; a click unfolds it.
    Ui::ApproximationsLine *line = pane.approximations();
    QCOMPARE(line->buttonText(), QStringLiteral("4 approximations \u25b8"));
    QVERIFY(!line->isExpanded());
    QVERIFY(line->height() < 40);
    auto *toggle = line->findChild<QToolButton *>(QStringLiteral("approximationsToggle"));
    QVERIFY(toggle);
    toggle->click();
    QVERIFY(line->isExpanded());
    QCOMPARE(line->buttonText(), QStringLiteral("4 approximations \u25be"));
    QVERIFY(pane.grab().save(Test::outputDir(QStringLiteral("tst_chartspane")) +
                             QStringLiteral("/grafana-import.png")));
}

void TstChartsPane::rangeChangeCancelsTheQueryInFlight()
{
    HoldingServer server;
    QVERIFY(server.isListening());
    PromClient client;
    ServerConfig c;
    c.url = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(server.serverPort()));
    QVERIFY(client.configure(c).ok());
    Dashboard d;
    d.title = QStringLiteral("one panel");
    Panel p;
    p.title = QStringLiteral("Requests");
    p.targets << PanelTarget{QStringLiteral("sum(rate(http_requests_total[5m]))"),
                             QStringLiteral("{{range}}"), QStringLiteral("A")};
    d.panels << p;
    ChartsPane pane(&client);
    pane.resize(800, 400);
    pane.setDashboard(d);
    pane.show();
    QVERIFY(QTest::qWaitForWindowExposed(&pane));
    QSignalSpy refreshed(&pane, &ChartsPane::refreshed);
    const qint64 endS = QDateTime::currentSecsSinceEpoch() / 60 * 60;

    // The last 6 hours: a slow query, still running on the server...
    server.hold = true;
    server.body = matrix("old", endS - 6 * 3600, endS);
    pane.setAbsoluteRange((endS - 6 * 3600) * 1000, endS * 1000);
    QTRY_COMPARE(server.held, 1);
    // ...when the commander narrows the range to 30 minutes, which Prometheus answers at once.
    server.hold = false;
    server.body = matrix("new", endS - 1800, endS);
    pane.setAbsoluteRange((endS - 1800) * 1000, endS * 1000);
    QVERIFY(refreshed.wait(10000));
    QCOMPARE(server.answered, 1);
    // The old query was cancelled on the wire (its connection closed without an answer), so its answer can
    // never be drawn; the panel shows the new range's series.
    QTRY_COMPARE(server.cancelled, 1);
    PanelView *view = pane.panel(0);
    QVERIFY2(view->errorText().isEmpty(), qPrintable(view->errorText()));
    QCOMPARE(view->seriesCount(), 1);
    QCOMPARE(view->chart()->series().first()->name(), QStringLiteral("new"));
    QCOMPARE(refreshed.size(), 1); // one refresh finished: the cancelled one never reports
    QCOMPARE(pane.currentRange(), qMakePair((endS - 1800) * 1000, endS * 1000));
}

QTEST_MAIN(TstChartsPane)
#include "tst_chartspane.moc"
