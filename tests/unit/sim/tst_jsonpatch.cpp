#include "sim/JsonPatch.h"

#include <QJsonDocument>
#include <QtTest>

using Sitrep::Sim::JsonPatch;

namespace {
QJsonObject obj(const char *json)
{
    return QJsonDocument::fromJson(json).object();
}
} // namespace

class TstJsonPatch final : public QObject
{
    Q_OBJECT
private slots:
    void apply_data();
    void apply();
    void errors_data();
    void errors();
};

void TstJsonPatch::apply_data()
{
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("patch");
    QTest::addColumn<QJsonObject>("expected");
    // kubectl rollout restart
    QTest::newRow("strategic restart")
        << QByteArray("application/strategic-merge-patch+json")
        << QByteArray(
               R"({"spec":{"template":{"metadata":{"annotations":{"kubectl.kubernetes.io/restartedAt":"2026-11-23T00:16:43Z"}}}}})")
        << obj(R"({"metadata":{"annotations":{"a":"1"}},"spec":{"replicas":3,"template":{"metadata":{"annotations":{"kubectl.kubernetes.io/restartedAt":"2026-11-23T00:16:43Z"}},"spec":{"containers":[{"name":"gateway","image":"v2"},{"name":"sidecar","image":"s1"}]}}}})");
    // kubectl set image: containers merge by name, the sidecar stays
    QTest::newRow("strategic list by name")
        << QByteArray("application/strategic-merge-patch+json")
        << QByteArray(R"({"spec":{"template":{"spec":{"containers":[{"name":"gateway","image":"v1"}]}}}})")
        << obj(R"({"metadata":{"annotations":{"a":"1"}},"spec":{"replicas":3,"template":{"spec":{"containers":[{"name":"gateway","image":"v1"},{"name":"sidecar","image":"s1"}]}}}})");
    // kubectl scale (on /scale) and a plain merge patch: lists are replaced, null deletes
    QTest::newRow("merge")
        << QByteArray("application/merge-patch+json")
        << QByteArray(R"({"spec":{"replicas":10},"metadata":{"annotations":{"a":null}}})")
        << obj(R"({"metadata":{"annotations":{}},"spec":{"replicas":10,"template":{"spec":{"containers":[{"name":"gateway","image":"v2"},{"name":"sidecar","image":"s1"}]}}}})");
    // kubectl rollout undo
    QTest::newRow("json patch undo")
        << QByteArray("application/json-patch+json")
        << QByteArray(
               R"([{"op":"replace","path":"/spec/template","value":{"spec":{"containers":[{"name":"gateway","image":"v1"}]}}},{"op":"replace","path":"/metadata/annotations","value":{"kubernetes.io/change-cause":"v1"}}])")
        << obj(R"({"metadata":{"annotations":{"kubernetes.io/change-cause":"v1"}},"spec":{"replicas":3,"template":{"spec":{"containers":[{"name":"gateway","image":"v1"}]}}}})");
    QTest::newRow("json patch add remove test")
        << QByteArray("application/json-patch+json")
        << QByteArray(
               R"([{"op":"test","path":"/spec/replicas","value":3},{"op":"add","path":"/spec/template/spec/containers/-","value":{"name":"x"}},{"op":"remove","path":"/spec/template/spec/containers/0"},{"op":"copy","from":"/spec/replicas","path":"/spec/min"}])")
        << obj(R"({"metadata":{"annotations":{"a":"1"}},"spec":{"replicas":3,"min":3,"template":{"spec":{"containers":[{"name":"sidecar","image":"s1"},{"name":"x"}]}}}})");
}

void TstJsonPatch::apply()
{
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, patch);
    QFETCH(QJsonObject, expected);
    const QJsonObject base = obj(
        R"({"metadata":{"annotations":{"a":"1"}},"spec":{"replicas":3,"template":{"spec":{"containers":[{"name":"gateway","image":"v2"},{"name":"sidecar","image":"s1"}]}}}})");
    const auto r = JsonPatch::apply(base, contentType, patch);
    QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().text()));
    QCOMPARE(QJsonDocument(*r).toJson(QJsonDocument::Compact),
             QJsonDocument(expected).toJson(QJsonDocument::Compact));
}

void TstJsonPatch::errors_data()
{
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("patch");
    QTest::addColumn<QString>("fragment");
    QTest::newRow("not json") << QByteArray("application/merge-patch+json") << QByteArray("{")
                              << QStringLiteral("not JSON");
    QTest::newRow("failed test") << QByteArray("application/json-patch+json")
                                 << QByteArray(R"([{"op":"test","path":"/spec/replicas","value":4}])")
                                 << QStringLiteral("operation 0");
    QTest::newRow("replace missing") << QByteArray("application/json-patch+json")
                                     << QByteArray(R"([{"op":"replace","path":"/nope/x","value":1}])")
                                     << QStringLiteral("nope");
    QTest::newRow("unknown type") << QByteArray("text/plain") << QByteArray("{}")
                                  << QStringLiteral("unsupported");
}

void TstJsonPatch::errors()
{
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, patch);
    QFETCH(QString, fragment);
    const auto r = JsonPatch::apply(obj(R"({"spec":{"replicas":3}})"), contentType, patch);
    QVERIFY(!r.ok());
    QVERIFY2(r.error().text().contains(fragment), qPrintable(r.error().text()));
}

QTEST_GUILESS_MAIN(TstJsonPatch)
#include "tst_jsonpatch.moc"
