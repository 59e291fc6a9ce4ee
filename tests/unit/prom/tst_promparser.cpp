// PromParser: envelopes and errors, sample values (NaN/Inf), instant and range results; the fast matrix path
// must agree with the QJsonDocument path.
#include "unit/prom/MatrixBody.h"

#include "prom/MatrixParser.h"
#include "prom/PromParser.h"

#include <QRandomGenerator>

#include <QTest>

#include <cmath>

using namespace Sitrep::Prom;

class TstPromParser final : public QObject
{
    Q_OBJECT

private slots:
    void sampleValues_data();
    void sampleValues();
    void errorEnvelopes_data();
    void errorEnvelopes();
    void warningsAreKept();
    void instantVectorAndScalar();
    void rangeFastAndCarefulAgree();
    void rangeNonFinite();
    void rangeWithEscapesTakesCarefulPath();
    void hugeRange();
    void matrixParserWarningsAndShapes();
    void matrixParserAgreesOnMutations();
    void alertsRulesTargets();
};

void TstPromParser::sampleValues_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<double>("expected");
    QTest::addColumn<bool>("ok");
    QTest::newRow("plain") << QStringLiteral("1.5") << 1.5 << true;
    QTest::newRow("exp") << QStringLiteral("2.5e-3") << 0.0025 << true;
    QTest::newRow("+Inf") << QStringLiteral("+Inf") << qInf() << true;
    QTest::newRow("-Inf") << QStringLiteral("-Inf") << -qInf() << true;
    QTest::newRow("NaN") << QStringLiteral("NaN") << qQNaN() << true;
    QTest::newRow("garbage") << QStringLiteral("abc") << qQNaN() << false;
}

void TstPromParser::sampleValues()
{
    QFETCH(QString, text);
    QFETCH(double, expected);
    QFETCH(bool, ok);
    bool good = false;
    const double v = PromParser::sampleValue(text, &good);
    QCOMPARE(good, ok);
    if (std::isnan(expected))
        QVERIFY(std::isnan(v));
    else
        QCOMPARE(v, expected);
}

void TstPromParser::errorEnvelopes_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("expected");
    QTest::newRow("bad_data")
        << 400
        << QByteArray(
               R"({"status":"error","errorType":"bad_data","error":"1:5: parse error: unclosed left parenthesis"})")
        << QStringLiteral(
               "Prometheus at X rejected the query (bad_data): 1:5: parse error: unclosed left parenthesis");
    QTest::newRow("execution")
        << 422
        << QByteArray(
               R"({"status":"error","errorType":"execution","error":"many-to-many matching not allowed"})")
        << QStringLiteral(
               "Prometheus at X rejected the query (execution): many-to-many matching not allowed");
    QTest::newRow("timeout")
        << 503
        << QByteArray(
               R"({"status":"error","errorType":"timeout","error":"query timed out in expression evaluation"})")
        << QStringLiteral(
               "Prometheus at X gave up on the query (timeout): query timed out in expression evaluation");
    QTest::newRow("proxy html")
        << 502 << QByteArray("<html><body>Bad Gateway</body></html>")
        << QStringLiteral("Prometheus at X answered HTTP 502: <html><body>Bad Gateway</body></html>");
    QTest::newRow("not json")
        << 200 << QByteArray("hello")
        << QStringLiteral("Prometheus at X sent an answer that is not JSON (illegal value at byte 1)");
}

void TstPromParser::errorEnvelopes()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(QString, expected);
    const auto e = PromParser::envelope(status, body, QStringLiteral("Prometheus at X"));
    QVERIFY(!e.ok());
    QCOMPARE(e.error().message, expected);
    // The range path reports the same sentence.
    const auto r = PromParser::range(status, body, QStringLiteral("Prometheus at X"));
    QVERIFY(!r.ok());
    QCOMPARE(r.error().message, expected);
}

void TstPromParser::warningsAreKept()
{
    const QByteArray body = Sitrep::Test::matrixBody(
        2, 10, false, R"(,"warnings":["PromQL info: metric might not be a counter"])");
    const auto r = PromParser::range(200, body, QStringLiteral("P"));
    QVERIFY(r.ok());
    QCOMPARE(r->warnings, QStringList{QStringLiteral("PromQL info: metric might not be a counter")});
    QCOMPARE(r->series.size(), 2);
    QCOMPARE(r->points, qint64(20));
}

void TstPromParser::instantVectorAndScalar()
{
    auto e = PromParser::envelope(
        200,
        R"({"status":"success","data":{"resultType":"vector","result":[{"metric":{"code":"500"},"value":[1700000000.5,"+Inf"]}]}})",
        QStringLiteral("P"));
    QVERIFY(e.ok());
    auto r = PromParser::instant(*e);
    QVERIFY(r.ok());
    QCOMPARE(r->samples.size(), 1);
    QCOMPARE(r->samples.first().labels.value(QStringLiteral("code")), QStringLiteral("500"));
    QCOMPARE(r->samples.first().timeSec, 1700000000.5);
    QVERIFY(std::isinf(r->samples.first().value));

    e = PromParser::envelope(
        200, R"({"status":"success","data":{"resultType":"scalar","result":[1700000000,"0.25"]}})",
        QStringLiteral("P"));
    QVERIFY(e.ok());
    r = PromParser::instant(*e);
    QVERIFY(r.ok());
    QCOMPARE(r->resultType, QStringLiteral("scalar"));
    QCOMPARE(r->samples.first().value, 0.25);
}

void TstPromParser::rangeFastAndCarefulAgree()
{
    const QByteArray body = Sitrep::Test::matrixBody(3, 500, true);
    const auto fast = PromParser::range(200, body, QStringLiteral("P"));
    // An unknown trailing field sends the same data down the QJsonDocument path.
    QByteArray careful = body;
    careful.insert(careful.size() - 1, R"(,"stats":{})");
    const auto slow = PromParser::range(200, careful, QStringLiteral("P"));
    QVERIFY(fast.ok());
    QVERIFY(slow.ok());
    QCOMPARE(fast->series.size(), slow->series.size());
    QCOMPARE(fast->points, slow->points);
    QCOMPARE(fast->nonFinite, slow->nonFinite);
    for (int s = 0; s < fast->series.size(); ++s) {
        QCOMPARE(fast->series[s].labels, slow->series[s].labels);
        QCOMPARE(fast->series[s].timesMs, slow->series[s].timesMs);
        for (int i = 0; i < fast->series[s].values.size(); ++i) {
            const double a = fast->series[s].values[i];
            const double b = slow->series[s].values[i];
            QVERIFY(a == b || (std::isnan(a) && std::isnan(b)));
        }
    }
    QCOMPARE(fast->series[0].timesMs[1], 1700000015500.0);
}

void TstPromParser::rangeNonFinite()
{
    const QByteArray body =
        R"({"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[[1,"NaN"],[2,"+Inf"],[3,"-Inf"],[4,"1"]]}]}})";
    const auto r = PromParser::range(200, body, QStringLiteral("P"));
    QVERIFY(r.ok());
    QCOMPARE(r->nonFinite, qint64(3));
    const auto &v = r->series.first().values;
    QVERIFY(std::isnan(v[0]));
    QVERIFY(std::isinf(v[1]) && v[1] > 0);
    QVERIFY(std::isinf(v[2]) && v[2] < 0);
    QCOMPARE(v[3], 1.0);
}

void TstPromParser::rangeWithEscapesTakesCarefulPath()
{
    const QByteArray body =
        R"({"status":"success","data":{"resultType":"matrix","result":[{"metric":{"path":"/a\"b"},"values":[[1,"2"]]}]}})";
    const auto r = PromParser::range(200, body, QStringLiteral("P"));
    QVERIFY(r.ok());
    QCOMPARE(r->series.first().labels.value(QStringLiteral("path")), QStringLiteral("/a\"b"));
}

void TstPromParser::hugeRange()
{
    const QByteArray body = Sitrep::Test::matrixBody(50, 11000, true);
    const auto r = PromParser::range(200, body, QStringLiteral("P"));
    QVERIFY(r.ok());
    QCOMPARE(r->series.size(), 50);
    QCOMPARE(r->points, qint64(550000));
    QCOMPARE(r->nonFinite, qint64(11));
}

// The simdjson path keeps warnings and infos, reads escapes and UTF-8 in labels, and leaves every shape it
// does not know (errors, vectors, stats, native histograms, trailing bytes) to the QJsonDocument path.
void TstPromParser::matrixParserWarningsAndShapes()
{
    using Internal::MatrixParser;
    const auto ok = MatrixParser::parse(
        R"({"status":"success","data":{"resultType":"matrix","result":[{"metric":{"path":"/a\"b","city":"Z\u00fcrich"},"values":[[1.5,"1e+00"],[2,"NaN"]]}]},"warnings":["w1"],"infos":["i1"]})");
    QVERIFY(ok);
    QCOMPARE(ok->warnings, (QStringList{QStringLiteral("w1"), QStringLiteral("i1")}));
    QCOMPARE(ok->series.first().labels.value(QStringLiteral("path")), QStringLiteral("/a\"b"));
    QCOMPARE(ok->series.first().labels.value(QStringLiteral("city")), QStringLiteral("Zürich"));
    QCOMPARE(ok->series.first().timesMs, (QVector<double>{1500, 2000}));
    QCOMPARE(ok->series.first().values.first(), 1.0);
    QCOMPARE(ok->nonFinite, qint64(1));
    QCOMPARE(ok->points, qint64(2));
    const QByteArray empty = R"({"status":"success","data":{"resultType":"matrix","result":[]}})";
    QVERIFY(MatrixParser::parse(empty) && MatrixParser::parse(empty)->series.isEmpty());
    for (
        const char *other :
        {R"({"status":"error","errorType":"bad_data","error":"parse error"})",
         R"({"status":"success","data":{"resultType":"vector","result":[]}})",
         R"({"status":"success","data":{"resultType":"matrix","result":[]},"stats":{}})",
         R"({"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"histograms":[[1,{}]]}]}})",
         R"({"status":"success","data":{"resultType":"matrix","result":[]}} trailing)",
         R"({"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[[1,"x"]]}]}})",
         R"({"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[[1,"2",3]]}]}})",
         R"({"status":"success","data":{"resultType":"matrix","result":[)", "", "[]"})
        QVERIFY2(!MatrixParser::parse(QByteArray(other)), other);
}

// Mutated answers (bytes flipped, dropped, duplicated, cut short): the simdjson path never crashes, and what
// it accepts the strict QJsonDocument path reads the same way.
void TstPromParser::matrixParserAgreesOnMutations()
{
    const QByteArray base = Sitrep::Test::matrixBody(3, 20, true);
    QRandomGenerator rng(20240518); // fixed: a failure reproduces
    const QByteArray alphabet = R"({}[],:"\0123456789.eE+-naNIf tu)";
    int accepted = 0;
    for (int round = 0; round < 3000; ++round) {
        QByteArray body = base;
        const int edits = 1 + int(rng.bounded(3));
        for (int e = 0; e < edits; ++e) {
            const int at = int(rng.bounded(body.size()));
            switch (rng.bounded(4)) {
            case 0:
                body[at] = alphabet.at(int(rng.bounded(alphabet.size())));
                break;
            case 1:
                body.remove(at, 1 + int(rng.bounded(4)));
                break;
            case 2:
                body.insert(at, body.mid(at, 1 + int(rng.bounded(8))));
                break;
            default:
                body.truncate(at);
                break;
            }
        }
        const auto fast = Internal::MatrixParser::parse(body);
        if (!fast)
            continue;
        const auto careful = PromParser::rangeCareful(200, body, QStringLiteral("P"));
        QVERIFY2(careful.ok(), body.constData());
        QCOMPARE(fast->series.size(), careful->series.size());
        for (qsizetype s = 0; s < fast->series.size(); ++s) {
            QCOMPARE(fast->series[s].labels, careful->series[s].labels);
            QCOMPARE(fast->series[s].timesMs, careful->series[s].timesMs);
            for (qsizetype i = 0; i < fast->series[s].values.size(); ++i) {
                const double a = fast->series[s].values[i];
                const double b = careful->series[s].values[i];
                QVERIFY2(a == b || (std::isnan(a) && std::isnan(b)), body.constData());
            }
        }
        ++accepted;
    }
    QVERIFY(accepted > 0); // some mutations (digits for digits) stay valid
}

void TstPromParser::alertsRulesTargets()
{
    auto e = PromParser::envelope(
        200, R"({"status":"success","data":{"alerts":[{"labels":{"alertname":"A","severity":"page"},
        "annotations":{"description":"d"},"state":"pending","activeAt":"2026-11-23T07:41:57.123456789Z","value":"1e+00"}]}})",
        QStringLiteral("P"));
    QVERIFY(e.ok());
    const auto a = PromParser::alerts(*e);
    QVERIFY(a.ok());
    QCOMPARE(a->size(), 1);
    QCOMPARE(a->first().name, QStringLiteral("A"));
    QCOMPARE(a->first().summary(), QStringLiteral("d"));
    QCOMPARE(a->first().activeAtMs,
             QDateTime(QDate(2026, 11, 23), QTime(7, 41, 57, 123), Qt::UTC).toMSecsSinceEpoch());
    QCOMPARE(a->first().fingerprint, fingerprintOf(a->first().labels));

    e = PromParser::envelope(
        200,
        R"({"status":"success","data":{"activeTargets":[{"labels":{"job":"sim"},"scrapeUrl":"http://x/metrics",
        "health":"down","lastError":"connection refused"}],"droppedTargets":[]}})",
        QStringLiteral("P"));
    QVERIFY(e.ok());
    const auto t = PromParser::targets(*e);
    QVERIFY(t.ok());
    QCOMPARE(t->first().health, QStringLiteral("down"));
    QCOMPARE(t->first().lastError, QStringLiteral("connection refused"));

    e = PromParser::envelope(200, R"({"status":"success","data":{}})", QStringLiteral("P"));
    QVERIFY(e.ok());
    const auto missing = PromParser::rules(*e);
    QVERIFY(!missing.ok());
    QCOMPARE(missing.error().where, QStringLiteral("data.groups"));
}

QTEST_GUILESS_MAIN(TstPromParser)
#include "tst_promparser.moc"
