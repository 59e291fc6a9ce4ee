// VariableResolver against a real Prometheus: label_values with and without a metric, query_result with a
// regex, label_names, metrics(), chained variables asked in dependency order and refreshed when what they
// depend on changes (a value the new options lack falls back to the first, or All), a bad query named.
#include "PromFixture.h"

#include "prom/PromClient.h"
#include "prom/VariableResolver.h"

#include <QSignalSpy>
#include <QTest>

using namespace Sitrep;
using namespace Sitrep::Prom;
using namespace Qt::StringLiterals;

namespace {

Variable queryVariable(const QString &name, const QString &query, const QString &regex = {}, int sort = 0)
{
    Variable v;
    v.name = name;
    v.type = Variable::Type::Query;
    v.query = query;
    v.regex = regex;
    v.sort = sort;
    return v;
}

} // namespace

class TstVariables final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void labelValuesAndQueryResult();
    void chainedRefreshOnChange();
    void labelNamesAndMetrics();
    void badQueryKeepsOthers();

private:
    bool settle(VariableResolver &r);
    Test::PromFixture m_fx;
    PromClient m_prom;
};

void TstVariables::initTestCase()
{
    const QString err = m_fx.start({}, false);
    QVERIFY2(err.isEmpty(), qPrintable(err));
    ServerConfig pc;
    pc.url = m_fx.prometheusUrl();
    QVERIFY(m_prom.configure(pc).ok());
}

bool TstVariables::settle(VariableResolver &r)
{
    QSignalSpy changed(&r, &VariableResolver::changed);
    r.refreshAll();
    return changed.wait(20000) && !r.isBusy();
}

void TstVariables::labelValuesAndQueryResult()
{
    VariableResolver r(&m_prom);
    Variable code = queryVariable(QStringLiteral("code"),
                                  QStringLiteral("label_values(http_requests_total, code)"), QString(), 4);
    Variable service = queryVariable(QStringLiteral("service"), QStringLiteral("label_values(service)"));
    Variable worst = queryVariable(
        QStringLiteral("worst"), QStringLiteral("query_result(topk(1, sum by (code) (http_requests_total)))"),
        QStringLiteral("/code=\"(\\d+)\"/"));
    r.setVariables({code, service, worst});
    r.setRange((m_fx.endS() - 3600) * 1000, m_fx.endS() * 1000);
    QVERIFY(settle(r));
    QCOMPARE(r.variable(QStringLiteral("code"))->options,
             (QStringList{u"500"_s, u"200"_s}));                                  // numerical, descending
    QCOMPARE(r.variable(QStringLiteral("code"))->current, QStringLiteral("500")); // the first option
    QVERIFY(r.variable(QStringLiteral("service"))->options.contains(QStringLiteral("api")));
    QCOMPARE(r.variable(QStringLiteral("worst"))->options, QStringList{QStringLiteral("200")});
}

// instance depends on service: it is asked after service settles, and again when service changes.
void TstVariables::chainedRefreshOnChange()
{
    VariableResolver r(&m_prom);
    Variable service = queryVariable(QStringLiteral("service"),
                                     QStringLiteral("label_values(http_requests_total, service)"));
    service.current = QStringLiteral("nothing-like-this"); // a saved value the options lack
    Variable code = queryVariable(
        QStringLiteral("code"),
        QStringLiteral("label_values(http_requests_total{service=\"$service\"}, code)"), QString(), 3);
    code.multi = true;
    code.includeAll = true;
    Variable le = queryVariable(
        QStringLiteral("le"),
        QStringLiteral("label_values(http_request_duration_seconds_bucket{service=~\"$service\"}, le)"),
        QStringLiteral("/^0\\..*/"));
    r.setVariables({code, le, service}); // listed before what they depend on
    r.setRange((m_fx.endS() - 3600) * 1000, m_fx.endS() * 1000);
    QVERIFY(settle(r));
    QCOMPARE(r.variable(QStringLiteral("service"))->current, QStringLiteral("api"));
    QCOMPARE(r.variable(QStringLiteral("code"))->options, (QStringList{u"200"_s, u"500"_s}));
    QVERIFY(r.variable(QStringLiteral("code"))->isAll());
    QCOMPARE(r.values().value(QStringLiteral("code")).values, (QStringList{u"200"_s, u"500"_s}));
    QCOMPARE(r.variable(QStringLiteral("le"))->options, (QStringList{u"0.1"_s, u"0.25"_s, u"0.5"_s}));

    // A service without requests: code's options empty out, le's too; both refreshed, one "changed".
    QSignalSpy changed(&r, &VariableResolver::changed);
    QSignalSpy options(&r, &VariableResolver::optionsChanged);
    r.setValue(QStringLiteral("service"), {QStringLiteral("none")});
    QVERIFY(changed.wait(20000));
    QStringList refreshed;
    for (const auto &args : options)
        refreshed << args.at(0).toString();
    QVERIFY2(refreshed.contains(QStringLiteral("code")) && refreshed.contains(QStringLiteral("le")),
             qPrintable(refreshed.join(QLatin1Char(','))));
    QVERIFY(r.variable(QStringLiteral("code"))->options.isEmpty());
}

void TstVariables::labelNamesAndMetrics()
{
    VariableResolver r(&m_prom);
    r.setVariables(
        {queryVariable(QStringLiteral("labels"), QStringLiteral("label_names(http_requests_total)")),
         queryVariable(QStringLiteral("metric"), QStringLiteral("metrics(http_request)"), QString(), 1)});
    r.setRange((m_fx.endS() - 3600) * 1000, m_fx.endS() * 1000);
    QVERIFY(settle(r));
    const QStringList labels = r.variable(QStringLiteral("labels"))->options;
    QVERIFY2(labels.contains(QStringLiteral("code")) && labels.contains(QStringLiteral("service")),
             qPrintable(labels.join(QLatin1Char(','))));
    QVERIFY(!labels.contains(QStringLiteral("le")));
    const QStringList metrics = r.variable(QStringLiteral("metric"))->options;
    QVERIFY(metrics.contains(QStringLiteral("http_requests_total")));
    QVERIFY(metrics.contains(QStringLiteral("http_request_duration_seconds_bucket")));
    QVERIFY(!metrics.contains(QStringLiteral("kube_pod_container_status_restarts_total")));
}

void TstVariables::badQueryKeepsOthers()
{
    VariableResolver r(&m_prom);
    Variable bad = queryVariable(QStringLiteral("bad"), QStringLiteral("query_result(sum(()"));
    bad.options = {QStringLiteral("kept")};
    bad.current = QStringLiteral("kept");
    r.setVariables({bad, queryVariable(QStringLiteral("service"), QStringLiteral("label_values(service)"))});
    r.setRange((m_fx.endS() - 3600) * 1000, m_fx.endS() * 1000);
    QVERIFY(settle(r));
    QCOMPARE(r.variable(QStringLiteral("bad"))->options, QStringList{QStringLiteral("kept")});
    QVERIFY2(r.error(QStringLiteral("bad")).startsWith(QLatin1String("Variable $bad: ")),
             qPrintable(r.error(QStringLiteral("bad"))));
    QVERIFY(r.error(QStringLiteral("service")).isEmpty());
    QVERIFY(r.variable(QStringLiteral("service"))->options.contains(QStringLiteral("api")));
}

QTEST_MAIN(TstVariables)
#include "tst_variables.moc"
