#include "sim/AccessReview.h"

#include <QtTest>

using Sitrep::Sim::AccessReview;

namespace {
QByteArray field(int number, const QByteArray &bytes)
{
    QByteArray out;
    out += char((number << 3) | 2);
    out += char(bytes.size()); // all our test fields are < 128 bytes
    return out + bytes;
}
// What `kubectl auth can-i delete pods -n demo` POSTs (application/vnd.kubernetes.protobuf).
QByteArray kubectlBody()
{
    const QByteArray typeMeta = field(1, "authorization.k8s.io/v1") + field(2, "SelfSubjectAccessReview");
    const QByteArray attrs = field(1, "demo") + field(2, "delete") + field(3, "") + field(5, "pods");
    const QByteArray review = field(1, QByteArray()) + field(2, field(1, attrs));
    return QByteArray("k8s\0", 4) + field(1, typeMeta) + field(2, review);
}
} // namespace

class TstAccessReview final : public QObject
{
    Q_OBJECT
private slots:
    void decodesKubectlProtobuf();
    void decodesJson();
    void rules_data();
    void rules();
    void rejectsGarbage();
};

void TstAccessReview::decodesKubectlProtobuf()
{
    const auto a = AccessReview::decode("application/vnd.kubernetes.protobuf", kubectlBody());
    QVERIFY2(a.ok(), qPrintable(a.ok() ? QString() : a.error().text()));
    QCOMPARE(a->ns, QStringLiteral("demo"));
    QCOMPARE(a->verb, QStringLiteral("delete"));
    QCOMPARE(a->resource, QStringLiteral("pods"));
}

void TstAccessReview::decodesJson()
{
    const auto a = AccessReview::decode(
        "application/json",
        R"({"spec":{"resourceAttributes":{"namespace":"demo","verb":"get","resource":"secrets"}}})");
    QVERIFY(a.ok());
    QCOMPARE(a->verb, QStringLiteral("get"));
    const QJsonObject reply = AccessReview::response(*a, false);
    QCOMPARE(reply.value(QLatin1String("kind")).toString(), QStringLiteral("SelfSubjectAccessReview"));
    QCOMPARE(reply.value(QLatin1String("status")).toObject().value(QLatin1String("allowed")).toBool(), false);
    QVERIFY(
        !reply.value(QLatin1String("status")).toObject().value(QLatin1String("reason")).toString().isEmpty());
}

void TstAccessReview::rules_data()
{
    QTest::addColumn<QStringList>("denied");
    QTest::addColumn<bool>("allowed");
    QTest::newRow("nothing denied") << QStringList{} << true;
    QTest::newRow("verb") << QStringList{QStringLiteral("delete")} << false;
    QTest::newRow("verb resource") << QStringList{QStringLiteral("delete pods")} << false;
    QTest::newRow("other resource") << QStringList{QStringLiteral("delete deployments")} << true;
    QTest::newRow("any verb") << QStringList{QStringLiteral("* pods")} << false;
}

void TstAccessReview::rules()
{
    QFETCH(QStringList, denied);
    QFETCH(bool, allowed);
    AccessReview::Attributes a;
    a.verb = QStringLiteral("delete");
    a.resource = QStringLiteral("pods");
    QCOMPARE(AccessReview::allowed(a, denied), allowed);
}

void TstAccessReview::rejectsGarbage()
{
    QVERIFY(!AccessReview::decode("application/vnd.kubernetes.protobuf", "nope").ok());
    QVERIFY(
        !AccessReview::decode("application/vnd.kubernetes.protobuf", QByteArray("k8s\0\x0a\x7f", 6)).ok());
    QVERIFY(!AccessReview::decode("application/json", "{}").ok());
}

QTEST_GUILESS_MAIN(TstAccessReview)
#include "tst_accessreview.moc"
