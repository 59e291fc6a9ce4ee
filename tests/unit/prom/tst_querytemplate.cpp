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
    QTest::newRow("range") << QStringLiteral("increase(x[$__range]) / $__range_s")
                           << QStringLiteral("increase(x[1h30m]) / 5400");
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
