// Transformations and Reducer: Grafana's data transformations and field reducers on small frames, with the
// results Grafana's transformers and fieldReducer give (merge of table queries, organize, filter by name,
// calculateField binary and reduceRow, reduce seriesToRows and reduceFields, joins on time, sortBy, groupBy,
// labelsToFields; delta across a counter reset, diffperc in percent, nearest-rank percentiles).
#include "prom/Reducer.h"
#include "prom/Transformations.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

#include <cmath>

using namespace Sitrep::Prom;
using namespace Qt::StringLiterals;

namespace {

QJsonObject json(const char *text)
{
    return QJsonDocument::fromJson(QByteArray(text)).object();
}

DataField timeField(const QVector<double> &ms)
{
    DataField f;
    f.name = QStringLiteral("Time");
    f.type = DataField::Type::Time;
    f.numbers = ms;
    return f;
}

DataField numberField(const QString &name, const QVector<double> &values)
{
    DataField f;
    f.name = name;
    f.numbers = values;
    return f;
}

DataField stringField(const QString &name, const QStringList &values)
{
    DataField f;
    f.name = name;
    f.type = DataField::Type::String;
    f.strings = values;
    return f;
}

// A table query's frame as the Prometheus data source gives it: Time, instance, job, "Value #<refId>".
DataFrame tableFrame(const QString &refId, const QStringList &instances, const QVector<double> &values)
{
    DataFrame f;
    f.refId = refId;
    f.fields << timeField(QVector<double>(instances.size(), 1000.0))
             << stringField(QStringLiteral("instance"), instances)
             << stringField(QStringLiteral("job"), QStringList(instances.size(), QStringLiteral("node")))
             << numberField(QStringLiteral("Value #") + refId, values);
    return f;
}

// A time series frame: Time and one value field named by its legend.
DataFrame seriesFrame(const QString &refId, const QString &legend, const QVector<double> &times,
                      const QVector<double> &values)
{
    DataFrame f;
    f.refId = refId;
    DataField v = numberField(QStringLiteral("Value"), values);
    v.displayNameFromDS = legend;
    f.name = legend;
    f.fields << timeField(times) << v;
    return f;
}

QStringList names(const DataFrame &f)
{
    QStringList out;
    for (const DataField &field : f.fields)
        out << fieldDisplayName(field, f);
    return out;
}

} // namespace

class TstTransformations final : public QObject
{
    Q_OBJECT

private slots:
    void reducers_data();
    void reducers();
    void reducerTitles();
    void mergeTableQueries();
    void organizeExcludesOrdersRenames();
    void filterFieldsByName();
    void calculateFieldBinary();
    void calculateFieldReduceRowAcrossSeries();
    void reduceSeriesToRows();
    void reduceFields();
    void joinByTime();
    void sortByAndLimit();
    void groupBy();
    void labelsToFields();
    void disabledAndUnknownPassThrough();
};

void TstTransformations::reducers_data()
{
    QTest::addColumn<QVector<double>>("values");
    QTest::addColumn<QString>("calc");
    QTest::addColumn<double>("expected");
    const double nan = qQNaN();
    const QVector<double> v{3, nan, 1, 4, 1, 5};
    QTest::newRow("last is the last even when missing")
        << QVector<double>{1, 2, nan} << QStringLiteral("last") << nan;
    QTest::newRow("lastNotNull") << QVector<double>{1, 2, nan} << QStringLiteral("lastNotNull") << 2.0;
    QTest::newRow("firstNotNull") << QVector<double>{nan, 7, 2} << QStringLiteral("firstNotNull") << 7.0;
    QTest::newRow("mean skips missing") << v << QStringLiteral("mean") << 14.0 / 5;
    QTest::newRow("sum") << v << QStringLiteral("sum") << 14.0;
    QTest::newRow("sum of nothing is 0") << QVector<double>{} << QStringLiteral("sum") << 0.0;
    QTest::newRow("count non-missing") << v << QStringLiteral("count") << 5.0;
    QTest::newRow("countAll") << v << QStringLiteral("countAll") << 6.0;
    QTest::newRow("max") << v << QStringLiteral("max") << 5.0;
    QTest::newRow("min") << v << QStringLiteral("min") << 1.0;
    QTest::newRow("range") << v << QStringLiteral("range") << 4.0;
    QTest::newRow("diff") << v << QStringLiteral("diff") << 2.0;
    // Grafana 10+: (last - first) / first * 100.
    QTest::newRow("diffperc") << QVector<double>{50, 75} << QStringLiteral("diffperc") << 50.0;
    // Increases add up; the drop (a counter reset) and the step right after it add nothing.
    QTest::newRow("delta across a reset") << QVector<double>{1, 5, 2, 4, 6} << QStringLiteral("delta") << 6.0;
    QTest::newRow("delta increasing") << QVector<double>{10, 12, 15} << QStringLiteral("delta") << 5.0;
    QTest::newRow("step") << QVector<double>{0, 10, 15, 30} << QStringLiteral("step") << 5.0;
    QTest::newRow("median odd") << QVector<double>{9, 1, 5} << QStringLiteral("median") << 5.0;
    QTest::newRow("median even averages") << QVector<double>{4, 1, 3, 2} << QStringLiteral("median") << 2.5;
    // Nearest rank: sorted[round((n - 1) * p)].
    QTest::newRow("p90 of 1..10") << QVector<double>{1, 2, 3, 4, 5, 6, 7, 8, 9, 10} << QStringLiteral("p90")
                                  << 9.0;
    QTest::newRow("p50 of 1..10") << QVector<double>{1, 2, 3, 4, 5, 6, 7, 8, 9, 10} << QStringLiteral("p50")
                                  << 6.0;
    QTest::newRow("variance (population)")
        << QVector<double>{2, 4, 4, 4, 5, 5, 7, 9} << QStringLiteral("variance") << 4.0;
    QTest::newRow("stdDev (population)")
        << QVector<double>{2, 4, 4, 4, 5, 5, 7, 9} << QStringLiteral("stdDev") << 2.0;
    QTest::newRow("distinctCount") << QVector<double>{1, 1, 2, 3, 3} << QStringLiteral("distinctCount")
                                   << 3.0;
    QTest::newRow("changeCount") << QVector<double>{1, 1, 2, 2, 1} << QStringLiteral("changeCount") << 2.0;
    QTest::newRow("logmin") << QVector<double>{0, -1, 0.5, 2} << QStringLiteral("logmin") << 0.5;
    QTest::newRow("allIsZero") << QVector<double>{0, 0} << QStringLiteral("allIsZero") << 1.0;
    QTest::newRow("allIsNull") << QVector<double>{nan, nan} << QStringLiteral("allIsNull") << 1.0;
}

void TstTransformations::reducers()
{
    QFETCH(QVector<double>, values);
    QFETCH(QString, calc);
    QFETCH(double, expected);
    QVERIFY(Reducer::isKnown(calc));
    const double got = Reducer::reduce(values, calc);
    if (std::isnan(expected))
        QVERIFY2(std::isnan(got), qPrintable(QString::number(got)));
    else
        QCOMPARE(got, expected);
}

void TstTransformations::reducerTitles()
{
    QCOMPARE(Reducer::title(QStringLiteral("lastNotNull")), QStringLiteral("Last *"));
    QCOMPARE(Reducer::title(QStringLiteral("sum")), QStringLiteral("Total"));
    QCOMPARE(Reducer::title(QStringLiteral("p1")), QStringLiteral("1st %"));
    QCOMPARE(Reducer::title(QStringLiteral("p2")), QStringLiteral("2nd %"));
    QCOMPARE(Reducer::title(QStringLiteral("p13")), QStringLiteral("13th %"));
    QCOMPARE(Reducer::title(QStringLiteral("p95")), QStringLiteral("95th %"));
    QCOMPARE(Reducer::title(QStringLiteral("distinctCount")), QStringLiteral("Distinct Count"));
    QVERIFY(!Reducer::isKnown(QStringLiteral("p100")));
    QVERIFY(!Reducer::isKnown(QStringLiteral("average")));
}

// Two instant table queries (A: CPU, B: memory) become one table with a row per instance.
void TstTransformations::mergeTableQueries()
{
    const QList<DataFrame> in{
        tableFrame(QStringLiteral("A"), {QStringLiteral("n1"), QStringLiteral("n2")}, {0.5, 0.7}),
        tableFrame(QStringLiteral("B"), {QStringLiteral("n2"), QStringLiteral("n1")}, {20, 10})};
    const QList<DataFrame> out =
        Transformations::apply(Transformation{QStringLiteral("merge"), {}, false}, in);
    QCOMPARE(out.size(), 1);
    const DataFrame &f = out.first();
    QCOMPARE(names(f), (QStringList{u"Time"_s, u"instance"_s, u"job"_s, u"Value #A"_s, u"Value #B"_s}));
    QCOMPARE(f.rows(), 2);
    QCOMPARE(f.fields[1].strings, (QStringList{u"n1"_s, u"n2"_s}));
    QCOMPARE(f.fields[3].numbers, (QVector<double>{0.5, 0.7}));
    QCOMPARE(f.fields[4].numbers, (QVector<double>{10, 20}));
}

void TstTransformations::organizeExcludesOrdersRenames()
{
    const QList<DataFrame> in{tableFrame(QStringLiteral("A"), {QStringLiteral("n1")}, {0.5})};
    const QList<DataFrame> out = Transformations::organize(
        json(R"({"excludeByName":{"Time":true,"job":true},"indexByName":{"Value #A":0,"instance":1},
                 "renameByName":{"Value #A":"CPU","instance":"Node"}})"),
        in);
    QCOMPARE(names(out.first()), (QStringList{u"CPU"_s, u"Node"_s}));
    QCOMPARE(out.first().fields[0].numbers, QVector<double>{0.5});
}

void TstTransformations::filterFieldsByName()
{
    const QList<DataFrame> in{tableFrame(QStringLiteral("A"), {QStringLiteral("n1")}, {0.5})};
    const auto byNames =
        Transformations::filterFieldsByName(json(R"({"include":{"names":["instance","Value #A"]}})"), in);
    QCOMPARE(names(byNames.first()), (QStringList{u"instance"_s, u"Value #A"_s}));
    const auto byPattern =
        Transformations::filterFieldsByName(json(R"({"include":{"pattern":"/^(Time|job)$/"}})"), in);
    QCOMPARE(names(byPattern.first()), (QStringList{u"Time"_s, u"job"_s}));
    const auto excluded = Transformations::filterFieldsByName(json(R"({"exclude":{"names":["job"]}})"), in);
    QCOMPARE(names(excluded.first()), (QStringList{u"Time"_s, u"instance"_s, u"Value #A"_s}));
}

void TstTransformations::calculateFieldBinary()
{
    DataFrame f;
    f.refId = QStringLiteral("A");
    f.fields << stringField(QStringLiteral("disk"), {QStringLiteral("sda"), QStringLiteral("sdb")})
             << numberField(QStringLiteral("used"), {25, 30})
             << numberField(QStringLiteral("size"), {100, 120});
    const auto out = Transformations::calculateField(
        json(R"({"mode":"binary","binary":{"left":"used","operator":"/","right":"size"},"alias":"ratio"})"),
        {f});
    QCOMPARE(names(out.first()), (QStringList{u"disk"_s, u"used"_s, u"size"_s, u"ratio"_s}));
    QCOMPARE(out.first().fields[3].numbers, (QVector<double>{0.25, 0.25}));
    // Without an alias Grafana names it after the expression; with a constant on the right.
    const auto scaled = Transformations::calculateField(
        json(R"({"mode":"binary","binary":{"left":"size","operator":"*","right":"2"},"replaceFields":true})"),
        {f});
    QCOMPARE(names(scaled.first()), QStringList{u"size * 2"_s});
    QCOMPARE(scaled.first().fields[0].numbers, (QVector<double>{200, 240}));
}

// Series of separate queries are joined on time before a row is reduced, as Grafana does.
void TstTransformations::calculateFieldReduceRowAcrossSeries()
{
    const QList<DataFrame> in{
        seriesFrame(QStringLiteral("A"), QStringLiteral("user"), {1000, 2000}, {1, 2}),
        seriesFrame(QStringLiteral("B"), QStringLiteral("system"), {1000, 2000}, {3, 5})};
    const auto out =
        Transformations::calculateField(json(R"({"mode":"reduceRow","reduce":{"reducer":"sum"}})"), in);
    QCOMPARE(out.size(), 1);
    QCOMPARE(names(out.first()), (QStringList{u"Time"_s, u"user"_s, u"system"_s, u"Total"_s}));
    QCOMPARE(out.first().fields[3].numbers, (QVector<double>{4, 7}));
}

void TstTransformations::reduceSeriesToRows()
{
    const QList<DataFrame> in{seriesFrame(QStringLiteral("A"), QStringLiteral("sda"), {1, 2, 3}, {1, 5, 3}),
                              seriesFrame(QStringLiteral("A"), QStringLiteral("sdb"), {1, 2, 3}, {2, 2, 8})};
    const auto out = Transformations::reduce(json(R"({"reducers":["max","mean"]})"), in);
    QCOMPARE(out.size(), 1);
    QCOMPARE(names(out.first()), (QStringList{u"Field"_s, u"Max"_s, u"Mean"_s}));
    QCOMPARE(out.first().fields[0].strings, (QStringList{u"sda"_s, u"sdb"_s}));
    QCOMPARE(out.first().fields[1].numbers, (QVector<double>{5, 8}));
    QCOMPARE(out.first().fields[2].numbers, (QVector<double>{3, 4}));
}

void TstTransformations::reduceFields()
{
    const QList<DataFrame> in{seriesFrame(QStringLiteral("A"), QStringLiteral("sda"), {1, 2, 3}, {1, 5, 3})};
    const auto out = Transformations::reduce(json(R"({"mode":"reduceFields","reducers":["max"]})"), in);
    QCOMPARE(out.first().fields.size(), 1); // the time field is dropped
    QCOMPARE(out.first().fields[0].numbers, QVector<double>{5});
}

void TstTransformations::joinByTime()
{
    const QList<DataFrame> in{seriesFrame(QStringLiteral("A"), QStringLiteral("a"), {1000, 2000}, {1, 2}),
                              seriesFrame(QStringLiteral("B"), QStringLiteral("b"), {2000, 3000}, {20, 30})};
    const auto outer = Transformations::joinByField({}, in);
    QCOMPARE(names(outer.first()), (QStringList{u"Time"_s, u"a"_s, u"b"_s}));
    QCOMPARE(outer.first().fields[0].numbers, (QVector<double>{1000, 2000, 3000}));
    QVERIFY(std::isnan(outer.first().fields[2].numbers[0]));
    QCOMPARE(outer.first().fields[2].numbers[1], 20.0);
    const auto inner = Transformations::joinByField(json(R"({"mode":"inner"})"), in);
    QCOMPARE(inner.first().fields[0].numbers, QVector<double>{2000});
}

void TstTransformations::sortByAndLimit()
{
    const QList<DataFrame> in{tableFrame(QStringLiteral("A"), {u"n1"_s, u"n2"_s, u"n3"_s}, {0.5, 0.9, 0.1})};
    const auto sorted = Transformations::sortBy(json(R"({"sort":[{"field":"Value #A","desc":true}]})"), in);
    QCOMPARE(sorted.first().fields[1].strings, (QStringList{u"n2"_s, u"n1"_s, u"n3"_s}));
    const auto limited = Transformations::limit(json(R"({"limitField":2})"), sorted);
    QCOMPARE(limited.first().rows(), 2);
    QCOMPARE(limited.first().fields[3].numbers, (QVector<double>{0.9, 0.5}));
}

void TstTransformations::groupBy()
{
    DataFrame f;
    f.fields << stringField(QStringLiteral("ns"), {u"a"_s, u"b"_s, u"a"_s})
             << numberField(QStringLiteral("cpu"), {1, 2, 3});
    const auto out = Transformations::groupBy(
        json(
            R"({"fields":{"ns":{"operation":"groupby"},"cpu":{"operation":"aggregate","aggregations":["sum"]}}})"),
        {f});
    QCOMPARE(names(out.first()), (QStringList{u"ns"_s, u"cpu (sum)"_s}));
    QCOMPARE(out.first().fields[0].strings, (QStringList{u"a"_s, u"b"_s}));
    QCOMPARE(out.first().fields[1].numbers, (QVector<double>{4, 2}));
}

void TstTransformations::labelsToFields()
{
    DataFrame f;
    f.refId = QStringLiteral("A");
    DataField v = numberField(QStringLiteral("Value"), {1, 2});
    v.labels = {{QStringLiteral("instance"), QStringLiteral("n1")},
                {QStringLiteral("job"), QStringLiteral("node")}};
    f.fields << timeField({1000, 2000}) << v;
    const auto out = Transformations::labelsToFields(json(R"({"keepLabels":["instance"]})"), {f});
    QCOMPARE(names(out.first()), (QStringList{u"Time"_s, u"instance"_s, u"Value"_s}));
    QCOMPARE(out.first().fields[1].strings, (QStringList{u"n1"_s, u"n1"_s}));
}

void TstTransformations::disabledAndUnknownPassThrough()
{
    const QList<DataFrame> in{tableFrame(QStringLiteral("A"), {u"n1"_s}, {0.5})};
    const QList<Transformation> list{
        Transformation{QStringLiteral("organize"), json(R"({"excludeByName":{"job":true}})"), true},
        Transformation{QStringLiteral("heatmap"), {}, false}};
    QVERIFY(!Transformations::isSupported(QStringLiteral("heatmap")));
    QCOMPARE(names(Transformations::apply(list, in).first()), names(in.first()));
}

QTEST_GUILESS_MAIN(TstTransformations)
#include "tst_transformations.moc"
