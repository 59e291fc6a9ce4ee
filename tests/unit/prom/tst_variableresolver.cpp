// VariableResolver's rules that need no server: a query variable's regex (whole-text for a bare pattern,
// search for /.../, the first capture or named "value"/"text" groups), de-duplication and Grafana's eight
// sort orders; query_result's text per sample; "auto" intervals; what each variable type stands for.
#include "prom/VariableResolver.h"

#include <QTest>

using namespace Sitrep::Prom;
using namespace Qt::StringLiterals;

class TstVariableResolver final : public QObject
{
    Q_OBJECT

private slots:
    void regexFilters_data();
    void regexFilters();
    void namedGroupsGiveValueAndText();
    void sorts_data();
    void sorts();
    void queryResultText();
    void autoInterval();
    void valuesPerType();
    void setValueWithoutDependents();
};

void TstVariableResolver::regexFilters_data()
{
    QTest::addColumn<QStringList>("raw");
    QTest::addColumn<QString>("regex");
    QTest::addColumn<QStringList>("expected");
    const QStringList hosts{u"web-1:9100"_s, u"web-2:9100"_s, u"db-1:9100"_s, u"web-1:9100"_s};
    QTest::newRow("no regex, de-duplicated")
        << hosts << QString() << QStringList{u"web-1:9100"_s, u"web-2:9100"_s, u"db-1:9100"_s};
    QTest::newRow("bare pattern matches the whole text") << hosts << QStringLiteral("web") << QStringList{};
    QTest::newRow("bare pattern whole")
        << hosts << QStringLiteral("web.*") << QStringList{u"web-1:9100"_s, u"web-2:9100"_s};
    QTest::newRow("slashes search") << hosts << QStringLiteral("/web/")
                                    << QStringList{u"web-1:9100"_s, u"web-2:9100"_s};
    QTest::newRow("first capture") << hosts << QStringLiteral("/([^:]+):.*/")
                                   << QStringList{u"web-1"_s, u"web-2"_s, u"db-1"_s};
    QTest::newRow("flags") << QStringList{u"Web"_s, u"db"_s} << QStringLiteral("/web/i")
                           << QStringList{u"Web"_s};
    // query_result's samples, as Node Exporter Full-style dashboards pick a label out of them.
    QTest::newRow("query_result label")
        << QStringList{u"node_uname_info{instance=\"n1:9100\",nodename=\"n1\"} 1 1700000000000"_s}
        << QStringLiteral("/nodename=\"([^\"]+)\"/") << QStringList{u"n1"_s};
}

void TstVariableResolver::regexFilters()
{
    QFETCH(QStringList, raw);
    QFETCH(QString, regex);
    QFETCH(QStringList, expected);
    QCOMPARE(VariableResolver::filterOptions(raw, regex, 0), expected);
}

void TstVariableResolver::namedGroupsGiveValueAndText()
{
    QStringList texts;
    const QStringList values =
        VariableResolver::filterOptions({u"id=1 name=alpha"_s, u"id=2 name=beta"_s},
                                        QStringLiteral("/id=(?<value>\\d+) name=(?<text>\\w+)/"), 0, &texts);
    QCOMPARE(values, (QStringList{u"1"_s, u"2"_s}));
    QCOMPARE(texts, (QStringList{u"alpha"_s, u"beta"_s}));
}

void TstVariableResolver::sorts_data()
{
    QTest::addColumn<int>("sort");
    QTest::addColumn<QStringList>("expected");
    // raw: b10, a2, B1, a10
    QTest::newRow("0 as returned") << 0 << QStringList{u"b10"_s, u"a2"_s, u"B1"_s, u"a10"_s};
    QTest::newRow("1 alphabetical") << 1 << QStringList{u"B1"_s, u"a10"_s, u"a2"_s, u"b10"_s};
    QTest::newRow("2 alphabetical desc") << 2 << QStringList{u"b10"_s, u"a2"_s, u"a10"_s, u"B1"_s};
    QTest::newRow("3 numerical") << 3 << QStringList{u"B1"_s, u"a2"_s, u"b10"_s, u"a10"_s};
    QTest::newRow("4 numerical desc") << 4 << QStringList{u"a10"_s, u"b10"_s, u"a2"_s, u"B1"_s};
    QTest::newRow("5 case-insensitive") << 5 << QStringList{u"a10"_s, u"a2"_s, u"B1"_s, u"b10"_s};
    QTest::newRow("7 natural") << 7 << QStringList{u"a2"_s, u"a10"_s, u"B1"_s, u"b10"_s};
}

void TstVariableResolver::sorts()
{
    QFETCH(int, sort);
    QFETCH(QStringList, expected);
    QCOMPARE(VariableResolver::filterOptions({u"b10"_s, u"a2"_s, u"B1"_s, u"a10"_s}, QString(), sort),
             expected);
}

void TstVariableResolver::queryResultText()
{
    Sample s;
    s.labels = {{QStringLiteral("__name__"), QStringLiteral("up")},
                {QStringLiteral("job"), QStringLiteral("node")},
                {QStringLiteral("instance"), QStringLiteral("n1:9100")}};
    s.value = 0.1;
    s.timeSec = 1700000000.5;
    // Grafana: name{labels} value timestamp-in-ms, the value as Prometheus wrote it.
    QCOMPARE(VariableResolver::queryResultText(s),
             QStringLiteral("up{instance=\"n1:9100\",job=\"node\"} 0.1 1700000000500"));
}

void TstVariableResolver::autoInterval()
{
    Variable v;
    v.type = Variable::Type::Interval;
    v.autoCount = 30;
    v.autoMin = QStringLiteral("10s");
    QCOMPARE(VariableResolver::autoInterval(v, 6 * 3600 * 1000LL),
             QStringLiteral("10m")); // 12 min rounds to 10m
    QCOMPARE(VariableResolver::autoInterval(v, 5 * 60 * 1000LL), QStringLiteral("10s")); // the minimum
    QCOMPARE(VariableResolver::autoInterval(v, 24 * 3600 * 1000LL), QStringLiteral("1h"));
}

void TstVariableResolver::valuesPerType()
{
    VariableResolver r(nullptr);
    Variable ds;
    ds.name = QStringLiteral("datasource");
    ds.type = Variable::Type::Datasource;
    Variable interval;
    interval.name = QStringLiteral("smoothing");
    interval.type = Variable::Type::Interval;
    interval.options = {QStringLiteral("1m"), QStringLiteral("5m")};
    interval.current = QLatin1String(Variable::kAuto);
    interval.autoInterval = true;
    Variable custom;
    custom.name = QStringLiteral("env");
    custom.type = Variable::Type::Custom;
    custom.options = {QStringLiteral("prod"), QStringLiteral("stage")};
    custom.multi = true;
    custom.includeAll = true;
    custom.selected = {QLatin1String(Variable::kAll)};
    Variable text;
    text.name = QStringLiteral("filter");
    text.type = Variable::Type::TextBox;
    text.current = QStringLiteral("api.*");
    r.setVariables({ds, interval, custom, text});
    r.setRange(0, 3 * 3600 * 1000LL);
    const auto values = r.values();
    QCOMPARE(values.value(QStringLiteral("datasource")).values, QStringList{QStringLiteral("Prometheus")});
    QCOMPARE(values.value(QStringLiteral("smoothing")).values,
             QStringList{QStringLiteral("5m")}); // 3h / 30 = 6m -> 5m
    QVERIFY(values.value(QStringLiteral("env")).isAll);
    QCOMPARE(values.value(QStringLiteral("env")).values, (QStringList{u"prod"_s, u"stage"_s}));
    QCOMPARE(values.value(QStringLiteral("filter")).values, QStringList{QStringLiteral("api.*")});
}

void TstVariableResolver::setValueWithoutDependents()
{
    VariableResolver r(nullptr);
    Variable custom;
    custom.name = QStringLiteral("env");
    custom.options = {QStringLiteral("prod"), QStringLiteral("stage")};
    custom.current = QStringLiteral("prod");
    r.setVariables({custom});
    int changed = 0;
    connect(&r, &VariableResolver::changed, this, [&changed] { ++changed; });
    r.setValue(QStringLiteral("env"), {QStringLiteral("stage")});
    QCOMPARE(changed, 1);
    QCOMPARE(r.values().value(QStringLiteral("env")).values, QStringList{QStringLiteral("stage")});
}

QTEST_GUILESS_MAIN(TstVariableResolver)
#include "tst_variableresolver.moc"
