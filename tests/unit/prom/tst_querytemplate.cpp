// QueryTemplate: variable and built-in expansion, legends from {{label}}, label_values() parsing.
#include "prom/QueryTemplate.h"

#include <QTest>

using namespace Sitrep::Prom;

class TstQueryTemplate final : public QObject
{
    Q_OBJECT

private slots:
    void expand_data();
    void expand();
    void unresolvedListed();
    void formats_data();
    void formats();
    void allWithCustomValue();
    void variableQueries();
    void legend_data();
    void legend();
    void labelValues_data();
    void labelValues();
};

void TstQueryTemplate::expand_data()
{
    QTest::addColumn<QString>("in");
    QTest::addColumn<QString>("out");
    QTest::newRow("plain") << QStringLiteral("up{job=\"$job\"}") << QStringLiteral("up{job=\"api\"}");
    QTest::newRow("braces") << QStringLiteral("up{job=\"${job}\"}") << QStringLiteral("up{job=\"api\"}");
    QTest::newRow("format") << QStringLiteral("up{job=~\"${job:regex}\"}")
                            << QStringLiteral("up{job=~\"api\"}");
    QTest::newRow("old") << QStringLiteral("up{job=\"[[job]]\"}") << QStringLiteral("up{job=\"api\"}");
    QTest::newRow("prefix names") << QStringLiteral("$job_name/$job") << QStringLiteral("api-full/api");
    QTest::newRow("rate") << QStringLiteral("rate(x[$__rate_interval])") << QStringLiteral("rate(x[1m])");
    QTest::newRow("interval") << QStringLiteral("avg_over_time(x[$__interval])")
                              << QStringLiteral("avg_over_time(x[15s])");
    // Grafana writes $__range in seconds.
    QTest::newRow("range") << QStringLiteral("increase(x[$__range]) / $__range_s")
                           << QStringLiteral("increase(x[5400s]) / 5400");
    QTest::newRow("regex dollar") << QStringLiteral("label_replace(x, \"a\", \"$1\", \"b\", \"(.*)\")")
                                  << QStringLiteral("label_replace(x, \"a\", \"$1\", \"b\", \"(.*)\")");
}

void TstQueryTemplate::expand()
{
    QFETCH(QString, in);
    QFETCH(QString, out);
    TemplateContext ctx;
    ctx.variables.insert(QStringLiteral("job"), QStringLiteral("api"));
    ctx.variables.insert(QStringLiteral("job_name"), QStringLiteral("api-full"));
    ctx.intervalMs = 15000;
    ctx.rateIntervalMs = 60000;
    ctx.rangeMs = 5400000;
    QCOMPARE(QueryTemplate::expand(in, ctx), out);
}

void TstQueryTemplate::formats_data()
{
    QTest::addColumn<QStringList>("values");
    QTest::addColumn<bool>("multi");
    QTest::addColumn<QString>("format");
    QTest::addColumn<QString>("out");
    // Prometheus' own: a plain value only gets its quotes and backslashes escaped ...
    QTest::newRow("plain") << QStringList{QStringLiteral("a.b'c")} << false << QString()
                           << QStringLiteral("a.b\\\\'c");
    // ... a multi-value one is a regex alternative, escaped for a PromQL string.
    QTest::newRow("multi one") << QStringList{QStringLiteral("10.0.0.1:9100")} << true << QString()
                               << QStringLiteral("10\\\\.0\\\\.0\\\\.1:9100");
    QTest::newRow("multi two") << QStringList{QStringLiteral("a"), QStringLiteral("b+")} << true << QString()
                               << QStringLiteral("(a|b\\\\+)");
    QTest::newRow("regex") << QStringList{QStringLiteral("a.b"), QStringLiteral("c")} << true
                           << QStringLiteral("regex") << QStringLiteral("(a\\.b|c)");
    QTest::newRow("pipe") << QStringList{QStringLiteral("a"), QStringLiteral("b")} << true
                          << QStringLiteral("pipe") << QStringLiteral("a|b");
    QTest::newRow("csv") << QStringList{QStringLiteral("a"), QStringLiteral("b")} << true
                         << QStringLiteral("csv") << QStringLiteral("a,b");
    QTest::newRow("json") << QStringList{QStringLiteral("a"), QStringLiteral("b")} << true
                          << QStringLiteral("json") << QStringLiteral("[\"a\",\"b\"]");
    QTest::newRow("glob") << QStringList{QStringLiteral("a"), QStringLiteral("b")} << true
                          << QStringLiteral("glob") << QStringLiteral("{a,b}");
    QTest::newRow("doublequote") << QStringList{QStringLiteral("a"), QStringLiteral("b")} << true
                                 << QStringLiteral("doublequote") << QStringLiteral("\"a\",\"b\"");
    QTest::newRow("queryparam") << QStringList{QStringLiteral("a b")} << false << QStringLiteral("queryparam")
                                << QStringLiteral("var-v=a%20b");
}

void TstQueryTemplate::formats()
{
    QFETCH(QStringList, values);
    QFETCH(bool, multi);
    QFETCH(QString, format);
    QFETCH(QString, out);
    VariableValue v;
    v.values = values;
    v.multiFormat = multi;
    QCOMPARE(QueryTemplate::format(v, format, QStringLiteral("v")), out);
}

void TstQueryTemplate::allWithCustomValue()
{
    // A custom All value goes in as written, whatever the format; without one, every option as a regex.
    VariableValue v;
    v.values = {QStringLiteral("a"), QStringLiteral("b")};
    v.multiFormat = true;
    v.isAll = true;
    v.allValue = QStringLiteral(".+");
    TemplateContext ctx;
    ctx.values.insert(QStringLiteral("job"), v);
    QCOMPARE(QueryTemplate::expand(QStringLiteral("up{job=~\"$job\"}"), ctx),
             QStringLiteral("up{job=~\".+\"}"));
    v.allValue.clear();
    ctx.values.insert(QStringLiteral("job"), v);
    QCOMPARE(QueryTemplate::expand(QStringLiteral("up{job=~\"$job\"}"), ctx),
             QStringLiteral("up{job=~\"(a|b)\"}"));
}

void TstQueryTemplate::variableQueries()
{
    auto q = QueryTemplate::parseVariableQuery(QStringLiteral("query_result(topk(5, up))"));
    QCOMPARE(q.kind, VariableQuery::Kind::QueryResult);
    QCOMPARE(q.expr, QStringLiteral("topk(5, up)"));
    q = QueryTemplate::parseVariableQuery(QStringLiteral("label_names()"));
    QCOMPARE(q.kind, VariableQuery::Kind::LabelNames);
    q = QueryTemplate::parseVariableQuery(QStringLiteral("metrics(node_.*)"));
    QCOMPARE(q.kind, VariableQuery::Kind::Metrics);
    QCOMPARE(q.regex, QStringLiteral("node_.*"));
    q = QueryTemplate::parseVariableQuery(QStringLiteral("up{job=\"x\"}"));
    QCOMPARE(q.kind, VariableQuery::Kind::Series);
    QCOMPARE(QueryTemplate::referencedVariables(
                 QStringLiteral("label_values(x{a=\"$job\", b=\"${node:regex}\"}, c)")),
             (QStringList{QStringLiteral("job"), QStringLiteral("node")}));
}

void TstQueryTemplate::unresolvedListed()
{
    QStringList missing;
    const QString out = QueryTemplate::expand(QStringLiteral("up{a=\"$nope\",b=\"${gone}\"}"), {}, &missing);
    QCOMPARE(out, QStringLiteral("up{a=\"$nope\",b=\"${gone}\"}"));
    QCOMPARE(missing, (QStringList{QStringLiteral("nope"), QStringLiteral("gone")}));
}

void TstQueryTemplate::legend_data()
{
    QTest::addColumn<QString>("format");
    QTest::addColumn<QString>("out");
    QTest::newRow("one") << QStringLiteral("{{code}}") << QStringLiteral("500");
    QTest::newRow("spaces") << QStringLiteral("{{ pod }} ({{code}})") << QStringLiteral("api-0 (500)");
    QTest::newRow("missing label") << QStringLiteral("{{nope}}x") << QStringLiteral("x");
    QTest::newRow("empty") << QString() << QStringLiteral("http_requests_total{code=\"500\", pod=\"api-0\"}");
    QTest::newRow("auto") << QStringLiteral("__auto")
                          << QStringLiteral("http_requests_total{code=\"500\", pod=\"api-0\"}");
}

void TstQueryTemplate::legend()
{
    QFETCH(QString, format);
    QFETCH(QString, out);
    const Labels l{{QStringLiteral("__name__"), QStringLiteral("http_requests_total")},
                   {QStringLiteral("code"), QStringLiteral("500")},
                   {QStringLiteral("pod"), QStringLiteral("api-0")}};
    QCOMPARE(QueryTemplate::legend(format, l), out);
}

void TstQueryTemplate::labelValues_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("match");
    QTest::addColumn<QString>("label");
    QTest::newRow("label only") << QStringLiteral("label_values(service)") << true << QString()
                                << QStringLiteral("service");
    QTest::newRow("metric") << QStringLiteral("label_values(http_requests_total, service)") << true
                            << QStringLiteral("http_requests_total") << QStringLiteral("service");
    QTest::newRow("selector with comma")
        << QStringLiteral("label_values(up{job=\"a,b\",env=\"x\"}, instance)") << true
        << QStringLiteral("up{job=\"a,b\",env=\"x\"}") << QStringLiteral("instance");
    QTest::newRow("other function") << QStringLiteral("query_result(up)") << false << QString() << QString();
    QTest::newRow("bad label") << QStringLiteral("label_values(up, 9x)") << false << QString() << QString();
}

void TstQueryTemplate::labelValues()
{
    QFETCH(QString, query);
    QFETCH(bool, ok);
    QFETCH(QString, match);
    QFETCH(QString, label);
    const auto q = QueryTemplate::parseLabelValues(query);
    QCOMPARE(q.has_value(), ok);
    if (q) {
        QCOMPARE(q->match, match);
        QCOMPARE(q->label, label);
    }
}

QTEST_GUILESS_MAIN(TstQueryTemplate)
#include "tst_querytemplate.moc"
