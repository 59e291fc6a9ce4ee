// PromClient and AlertmanagerClient against a real Prometheus (history backfilled with promtool) and a real
// Alertmanager: exact rate(), histogram_quantile() and burn-rate results, rules, alerts and silences.
#include "PromFixture.h"

#include "prom/AlertmanagerClient.h"
#include "prom/BurnRate.h"
#include "prom/PromClient.h"
#include "support/AwaitResult.h"

#include <QDateTime>
#include <QTest>

#include <cmath>
#include <optional>

using namespace Sitrep;
using namespace Sitrep::Prom;

namespace {

template<typename T, typename Start> std::optional<Core::Result<T>> await(Start start, int timeoutMs = 20000)
{
    return Test::awaitResult<T>(start, timeoutMs);
}

bool near(double a, double b)
{
    return std::abs(a - b) <= 1e-9 * std::max(1.0, std::abs(b));
}

const char *kErrorRatio = "sum(rate(http_requests_total{service=\"api\",code=~\"5..\"}[$window]))"
                          " / sum(rate(http_requests_total{service=\"api\"}[$window]))";

} // namespace

class TstPrometheus final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void buildInfoAndMetadata();
    void exactRate();
    void exactHistogramQuantile_data();
    void exactHistogramQuantile();
    void burnRate_data();
    void burnRate();
    void queryRangeCompactSeries();
    void nonFiniteValues();
    void promqlErrorHasServerMessage();
    void rulesAndPrometheusAlerts();
    void alertReachesAlertmanagerAndSilence();

private:
    Test::PromFixture m_fx;
    PromClient m_prom;
    AlertmanagerClient m_am;
    BurnRate m_burn{QString::fromLatin1(kErrorRatio), 0.999};
};

void TstPrometheus::initTestCase()
{
    // Page on the SRE workbook's fastest pair; a second rule stays pending (long "for").
    const BurnWindowPair fast = BurnRate::workbookPairs().first();
    QByteArray rules = "groups:\n  - name: test\n    interval: 1s\n    rules:\n"
                       "      - alert: ErrorBudgetBurn\n        expr: |\n";
    for (const QString &l : m_burn.alertExpr(fast).split(QLatin1Char('\n')))
        rules += "          " + l.toUtf8() + "\n";
    rules += "        labels:\n          severity: critical\n"
             "        annotations:\n          summary: api burns its error budget\n"
             "          runbook_url: https://runbooks.example/api-burn\n"
             "      - alert: RestartsSlow\n        expr: "
             "increase(kube_pod_container_status_restarts_total{pod=\"api-0\"}[1h]) > 1\n"
             "        for: 1h\n        labels:\n          severity: warning\n";
    const QString err = m_fx.start(rules, true);
    QVERIFY2(err.isEmpty(), qPrintable(err));

    ServerConfig pc;
    pc.url = m_fx.prometheusUrl();
    pc.timeoutMs = 10000;
    QVERIFY(m_prom.configure(pc).ok());
    ServerConfig ac;
    ac.url = m_fx.alertmanagerUrl();
    QVERIFY(m_am.configure(ac).ok());
}

void TstPrometheus::buildInfoAndMetadata()
{
    auto bi = await<BuildInfo>([this](QObject *c, auto cb) { m_prom.buildInfo(c, cb); });
    QVERIFY(bi && bi->ok());
    QVERIFY2((*bi)->version.startsWith(QLatin1String("2.")), qPrintable((*bi)->version));

    auto names = await<QStringList>(
        [this](QObject *c, auto cb) { m_prom.labelValues(QStringLiteral("__name__"), {}, c, cb); });
    QVERIFY(names && names->ok());
    QVERIFY((*names)->contains(QStringLiteral("http_requests_total")));
    QVERIFY((*names)->contains(QStringLiteral("http_request_duration_seconds_bucket")));

    auto codes = await<QStringList>([this](QObject *c, auto cb) {
        m_prom.labelValues(QStringLiteral("code"), {QStringLiteral("http_requests_total")}, c, cb);
    });
    QVERIFY(codes && codes->ok());
    QCOMPARE(**codes, (QStringList{QStringLiteral("200"), QStringLiteral("500")}));

    auto labels = await<QStringList>([this](QObject *c, auto cb) { m_prom.labels(c, cb); });
    QVERIFY(labels && labels->ok());
    QVERIFY((*labels)->contains(QStringLiteral("service")));

    const qint64 endMs = m_fx.endS() * 1000;
    auto series = await<QList<Labels>>([this, endMs](QObject *c, auto cb) {
        m_prom.series({QStringLiteral("http_requests_total{service=\"api\"}")}, endMs - 3600000, endMs, c,
                      cb);
    });
    QVERIFY(series && series->ok());
    QCOMPARE((*series)->size(), 2);

    auto targets = await<QList<Target>>([this](QObject *c, auto cb) { m_prom.targets(c, cb); });
    QVERIFY(targets && targets->ok());
    QVERIFY((*targets)->isEmpty()); // the fixture scrapes nothing
}

void TstPrometheus::exactRate()
{
    const qint64 at = m_fx.endS() * 1000;
    auto r = await<InstantResult>([this, at](QObject *c, auto cb) {
        m_prom.query(QStringLiteral("sum by (code) (rate(http_requests_total{service=\"api\"}[5m]))"), at, c,
                     cb);
    });
    QVERIFY(r && r->ok());
    QCOMPARE((*r)->resultType, QStringLiteral("vector"));
    QCOMPARE((*r)->samples.size(), 2);
    for (const Sample &s : (*r)->samples) {
        const double expected =
            s.labels.value(QStringLiteral("code")) == QLatin1String("200") ? 147.0 / 15 : 3.0 / 15;
        QVERIFY2(near(s.value, expected),
                 qPrintable(QStringLiteral("%1 %2").arg(labelsToString(s.labels)).arg(s.value)));
        QCOMPARE(qint64(s.timeSec), m_fx.endS());
    }
    auto restarts = await<InstantResult>([this, at](QObject *c, auto cb) {
        m_prom.query(QStringLiteral("increase(kube_pod_container_status_restarts_total{pod=\"api-0\"}[1h])"),
                     at, c, cb);
    });
    QVERIFY(restarts && restarts->ok());
    QCOMPARE((*restarts)->samples.size(), 1);
    QVERIFY2(near((*restarts)->samples.first().value, 12.0),
             qPrintable(QString::number((*restarts)->samples.first().value)));
}

void TstPrometheus::exactHistogramQuantile_data()
{
    QTest::addColumn<double>("q");
    QTest::addColumn<double>("expected");
    // Per 15 s: 60 <= 0.1 s, 90 <= 0.25 s, 96 <= 0.5 s, 100 <= 1 s. Linear interpolation inside the bucket.
    QTest::newRow("p50") << 0.5 << 0.1 * 50.0 / 60.0; // rank 50 of 60 in the first bucket, lower bound 0
    QTest::newRow("p95") << 0.95 << 0.25 + 0.25 * 5.0 / 6.0;
    QTest::newRow("p99") << 0.99 << 0.5 + 0.5 * 3.0 / 4.0;
}

void TstPrometheus::exactHistogramQuantile()
{
    QFETCH(double, q);
    QFETCH(double, expected);
    const qint64 at = m_fx.endS() * 1000;
    const QString expr = QStringLiteral("histogram_quantile(%1, sum by (le) "
                                        "(rate(http_request_duration_seconds_bucket{service=\"api\"}[5m])))")
                             .arg(q);
    auto r = await<InstantResult>([this, at, expr](QObject *c, auto cb) { m_prom.query(expr, at, c, cb); });
    QVERIFY(r && r->ok());
    QCOMPARE((*r)->samples.size(), 1);
    const double got = (*r)->samples.first().value;
    QVERIFY2(near(got, expected), qPrintable(QStringLiteral("got %1 expected %2").arg(got).arg(expected)));
}

void TstPrometheus::burnRate_data()
{
    QTest::addColumn<qint64>("windowMs");
    QTest::newRow("5m") << qint64(300000);
    QTest::newRow("30m") << qint64(1800000);
    QTest::newRow("1h") << qint64(3600000);
    QTest::newRow("6h") << qint64(21600000);
}

void TstPrometheus::burnRate()
{
    QFETCH(qint64, windowMs);
    const qint64 at = m_fx.endS() * 1000;
    const QString expr = m_burn.burnRateExpr(windowMs);
    auto r = await<InstantResult>([this, at, expr](QObject *c, auto cb) { m_prom.query(expr, at, c, cb); });
    QVERIFY(r && r->ok());
    QCOMPARE((*r)->samples.size(), 1);
    // 0.2 errors/s of 10 requests/s = 2 % against a 0.1 % budget: burning 20x.
    const double rate = (*r)->samples.first().value;
    QVERIFY2(near(rate, 20.0), qPrintable(QString::number(rate, 'g', 17)));
    QCOMPARE(m_burn.exhaustionInWords(rate), QStringLiteral("error budget gone in 2 days at this rate"));

    // Both windows of every workbook pair against the same data: 20x exceeds 14.4x, 6x and 1x.
    for (const BurnWindowPair &p : BurnRate::workbookPairs()) {
        if (p.longMs > 6 * 3600000)
            continue; // the 3-day window reaches past the 7 hours of history
        auto a = await<InstantResult>(
            [this, at, p](QObject *c, auto cb) { m_prom.query(m_burn.alertExpr(p), at, c, cb); });
        QVERIFY(a && a->ok());
        QCOMPARE((*a)->samples.size(), 1);
    }
}

void TstPrometheus::queryRangeCompactSeries()
{
    RangeQuery q;
    q.expr = QStringLiteral("sum by (code) (rate(http_requests_total{service=\"api\"}[5m]))");
    q.endMs = m_fx.endS() * 1000;
    q.startMs = q.endMs - 3600000;
    q.stepMs = 60000;
    auto r = await<RangeResult>([this, q](QObject *c, auto cb) { m_prom.queryRange(q, c, cb); });
    QVERIFY(r && r->ok());
    QCOMPARE((*r)->series.size(), 2);
    QCOMPARE((*r)->points, qint64(2 * 61));
    QCOMPARE((*r)->nonFinite, qint64(0));
    for (const RangeSeries &s : (*r)->series) {
        QCOMPARE(s.timesMs.size(), 61);
        QCOMPARE(qint64(s.timesMs.first()), q.startMs);
        QCOMPARE(qint64(s.timesMs.last()), q.endMs);
        const double expected = s.labels.value(QStringLiteral("code")) == QLatin1String("200") ? 9.8 : 0.2;
        for (double v : s.values)
            QVERIFY2(near(v, expected), qPrintable(QString::number(v, 'g', 17)));
    }
}

void TstPrometheus::nonFiniteValues()
{
    RangeQuery q;
    q.expr = QStringLiteral(
        "label_replace(vector(0)/0, \"k\", \"nan\", \"\", \"\") or label_replace(vector(1)/0, "
        "\"k\", \"inf\", \"\", \"\") or label_replace(vector(-1)/0, \"k\", \"minf\", \"\", \"\")");
    q.endMs = m_fx.endS() * 1000;
    q.startMs = q.endMs - 60000;
    q.stepMs = 15000;
    auto r = await<RangeResult>([this, q](QObject *c, auto cb) { m_prom.queryRange(q, c, cb); });
    QVERIFY(r && r->ok());
    QCOMPARE((*r)->series.size(), 3);
    QCOMPARE((*r)->nonFinite, qint64(15));
    for (const RangeSeries &s : (*r)->series) {
        const QString k = s.labels.value(QStringLiteral("k"));
        const double v = s.values.first();
        if (k == QLatin1String("nan"))
            QVERIFY(std::isnan(v));
        else if (k == QLatin1String("inf"))
            QVERIFY(std::isinf(v) && v > 0);
        else
            QVERIFY(std::isinf(v) && v < 0);
    }
}

void TstPrometheus::promqlErrorHasServerMessage()
{
    auto r = await<InstantResult>([this](QObject *c, auto cb) {
        m_prom.query(QStringLiteral("sum(rate(http_requests_total[5m]"), 0, c, cb);
    });
    QVERIFY(r && !r->ok());
    const QString msg = (*r).error().message;
    QVERIFY2(msg.contains(QLatin1String("rejected the query (bad_data)")), qPrintable(msg));
    QVERIFY2(msg.contains(QLatin1String("parse error")), qPrintable(msg));

    RangeQuery q;
    q.expr = QStringLiteral("rate(http_requests_total)");
    q.endMs = m_fx.endS() * 1000;
    q.startMs = q.endMs - 60000;
    q.stepMs = 15000;
    auto rr = await<RangeResult>([this, q](QObject *c, auto cb) { m_prom.queryRange(q, c, cb); });
    QVERIFY(rr && !rr->ok());
    QVERIFY2((*rr).error().message.contains(QLatin1String("range vector")),
             qPrintable((*rr).error().message));
}

void TstPrometheus::rulesAndPrometheusAlerts()
{
    std::optional<Core::Result<QList<Alert>>> alerts;
    // Rules evaluate every second; the burn alert fires at its first evaluation.
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            alerts = await<QList<Alert>>([this](QObject *c, auto cb) { m_prom.alerts(c, cb); });
            return alerts && alerts->ok() && (*alerts)->size() == 2;
        }(),
        20000);
    for (const Alert &a : **alerts) {
        if (a.name == QLatin1String("ErrorBudgetBurn")) {
            QCOMPARE(a.state, QStringLiteral("firing"));
            QCOMPARE(a.severity(), QStringLiteral("critical"));
            QCOMPARE(a.summary(), QStringLiteral("api burns its error budget"));
            QCOMPARE(a.annotations.value(QStringLiteral("runbook_url")),
                     QStringLiteral("https://runbooks.example/api-burn"));
            QVERIFY(a.activeAtMs > 0);
        } else {
            QCOMPARE(a.name, QStringLiteral("RestartsSlow"));
            QCOMPARE(a.state, QStringLiteral("pending"));
        }
    }
    auto rules = await<QList<Rule>>([this](QObject *c, auto cb) { m_prom.rules(c, cb); });
    QVERIFY(rules && rules->ok());
    QCOMPARE((*rules)->size(), 2);
    QCOMPARE((*rules)->first().type, QStringLiteral("alerting"));
    QCOMPARE((*rules)->first().health, QStringLiteral("ok"));
}

void TstPrometheus::alertReachesAlertmanagerAndSilence()
{
    AlertmanagerClient::AlertFilter all;
    std::optional<Core::Result<QList<Alert>>> alerts;
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            alerts = await<QList<Alert>>([&](QObject *c, auto cb) { m_am.alerts(all, c, cb); });
            return alerts && alerts->ok() && !(*alerts)->isEmpty();
        }(),
        30000);
    const Alert a = (*alerts)->first();
    QCOMPARE(a.name, QStringLiteral("ErrorBudgetBurn"));
    QCOMPARE(a.state, QStringLiteral("active"));
    QCOMPARE(a.source, QStringLiteral("alertmanager"));
    QVERIFY(!a.fingerprint.isEmpty());

    Silence s;
    s.matchers << Matcher{QStringLiteral("alertname"), QStringLiteral("ErrorBudgetBurn"), false, true};
    s.startsAtMs = QDateTime::currentMSecsSinceEpoch();
    s.endsAtMs = s.startsAtMs + 3600000;
    s.createdBy = QStringLiteral("sitrep-test");
    s.comment = QStringLiteral("investigating");
    auto id = await<QString>([&](QObject *c, auto cb) { m_am.createSilence(s, c, cb); });
    QVERIFY(id);
    if (!id->ok())
        QFAIL(qPrintable((*id).error().message));
    const QString silenceId = **id;

    AlertmanagerClient::AlertFilter silencedOnly;
    silencedOnly.active = false;
    silencedOnly.inhibited = false;
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            alerts = await<QList<Alert>>([&](QObject *c, auto cb) { m_am.alerts(silencedOnly, c, cb); });
            return alerts && alerts->ok() && (*alerts)->size() == 1 &&
                   (*alerts)->first().silencedBy.contains(silenceId);
        }(),
        10000);
    QCOMPARE((*alerts)->first().state, QStringLiteral("suppressed"));

    auto expired = await<void>([&](QObject *c, auto cb) { m_am.expireSilence(silenceId, c, cb); });
    QVERIFY(expired && expired->ok());
    auto list = await<QList<Silence>>([&](QObject *c, auto cb) { m_am.silences(c, cb); });
    QVERIFY(list && list->ok());
    QCOMPARE((*list)->size(), 1);
    QCOMPARE((*list)->first().id, silenceId);
    QCOMPARE((*list)->first().state, QStringLiteral("expired"));
    QCOMPARE((*list)->first().comment, QStringLiteral("investigating"));

    // An unknown silence is refused by Alertmanager, and the sentence says who refused.
    auto again = await<void>([&](QObject *c, auto cb) {
        m_am.expireSilence(QStringLiteral("00000000-0000-0000-0000-000000000000"), c, cb);
    });
    QVERIFY(again && !again->ok());
    QVERIFY2((*again).error().message.contains(QLatin1String("Alertmanager at")),
             qPrintable((*again).error().message));

    // A silence without matchers never leaves the client.
    Silence bad = s;
    bad.matchers.clear();
    auto refused = await<QString>([&](QObject *c, auto cb) { m_am.createSilence(bad, c, cb); });
    QVERIFY(refused && !refused->ok());
    QCOMPARE((*refused).error().message, QStringLiteral("a silence needs at least one matcher"));
}

QTEST_GUILESS_MAIN(TstPrometheus)
#include "tst_prometheus.moc"
