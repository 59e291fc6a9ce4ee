// Protobuf request bodies as kubectl's typed client sends them, built by hand here, decoded to JSON;
// malformed ones are refused with a sentence and never crash.
#include "sim/ProtoObjects.h"

#include <QJsonArray>
#include <QtTest>

using Sitrep::Sim::ProtoObjects;

namespace {

QByteArray varint(quint64 v)
{
    QByteArray out;
    do {
        quint8 b = v & 0x7f;
        v >>= 7;
        if (v)
            b |= 0x80;
        out.append(char(b));
    } while (v);
    return out;
}

QByteArray bytesField(int number, const QByteArray &value)
{
    return varint(quint64(number) << 3 | 2) + varint(quint64(value.size())) + value;
}

QByteArray intField(int number, quint64 value)
{
    return varint(quint64(number) << 3) + varint(value);
}

QByteArray mapEntry(int number, const QByteArray &key, const QByteArray &value)
{
    return bytesField(number, bytesField(1, key) + bytesField(2, value));
}

QByteArray envelope(const QByteArray &apiVersion, const QByteArray &kind, const QByteArray &raw)
{
    return QByteArray("k8s\0", 4) + bytesField(1, bytesField(1, apiVersion) + bytesField(2, kind)) +
           bytesField(2, raw);
}

} // namespace

class TstProtoObjects final : public QObject
{
    Q_OBJECT
private slots:
    void deployment();
    void configMapAndNamespace();
    void refusals_data();
    void refusals();
};

void TstProtoObjects::deployment()
{
    const QByteArray labels = mapEntry(11, "app", "web");
    const QByteArray container = bytesField(1, "nginx") + bytesField(2, "nginx:1.25") +
                                 bytesField(6, intField(3, 80)) +
                                 bytesField(8, mapEntry(1, "cpu", bytesField(1, "500m")));
    const QByteArray podSpec = bytesField(2, container);
    const QByteArray spec = intField(1, 2) + bytesField(2, mapEntry(1, "app", "web")) +
                            bytesField(3, bytesField(1, labels) + bytesField(2, podSpec)) + intField(99, 7);
    const QByteArray raw = bytesField(1, bytesField(1, "web") + labels) + bytesField(2, spec);
    const auto d = ProtoObjects::decode(envelope("apps/v1", "Deployment", raw));
    QVERIFY2(d.ok(), qPrintable(d.ok() ? QString() : d.error().text()));
    QCOMPARE(d->kind, QStringLiteral("Deployment"));
    const QJsonObject o = d->object;
    QCOMPARE(o.value(QLatin1String("apiVersion")).toString(), QStringLiteral("apps/v1"));
    QCOMPARE(o.value(QLatin1String("metadata")).toObject().value(QLatin1String("name")).toString(),
             QStringLiteral("web"));
    const QJsonObject s = o.value(QLatin1String("spec")).toObject();
    QCOMPARE(s.value(QLatin1String("replicas")).toInt(), 2);
    QCOMPARE(s.value(QLatin1String("selector"))
                 .toObject()
                 .value(QLatin1String("matchLabels"))
                 .toObject()
                 .value(QLatin1String("app"))
                 .toString(),
             QStringLiteral("web"));
    const QJsonObject c = s.value(QLatin1String("template"))
                              .toObject()
                              .value(QLatin1String("spec"))
                              .toObject()
                              .value(QLatin1String("containers"))
                              .toArray()
                              .at(0)
                              .toObject();
    QCOMPARE(c.value(QLatin1String("image")).toString(), QStringLiteral("nginx:1.25"));
    QCOMPARE(c.value(QLatin1String("ports"))
                 .toArray()
                 .at(0)
                 .toObject()
                 .value(QLatin1String("containerPort"))
                 .toInt(),
             80);
    QCOMPARE(c.value(QLatin1String("resources"))
                 .toObject()
                 .value(QLatin1String("limits"))
                 .toObject()
                 .value(QLatin1String("cpu"))
                 .toString(),
             QStringLiteral("500m"));
    QVERIFY(!s.contains(QLatin1String("99"))); // unknown fields are skipped
}

void TstProtoObjects::configMapAndNamespace()
{
    auto cm = ProtoObjects::decode(
        envelope("v1", "ConfigMap",
                 bytesField(1, bytesField(1, "cfg")) + mapEntry(2, "a", "1") + mapEntry(2, "b", "2")));
    QVERIFY(cm.ok());
    QCOMPARE(cm->object.value(QLatin1String("data")).toObject(),
             (QJsonObject{{QStringLiteral("a"), QStringLiteral("1")},
                          {QStringLiteral("b"), QStringLiteral("2")}}));
    auto ns = ProtoObjects::decode(envelope("v1", "Namespace", bytesField(1, bytesField(1, "drill"))));
    QVERIFY(ns.ok());
    QCOMPARE(ns->object.value(QLatin1String("metadata")).toObject().value(QLatin1String("name")).toString(),
             QStringLiteral("drill"));
}

void TstProtoObjects::refusals_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("error");
    QTest::newRow("json") << QByteArray("{\"kind\":\"Namespace\"}") << QStringLiteral("envelope magic");
    QTest::newRow("unknown kind") << envelope("v1", "Service", bytesField(1, bytesField(1, "x")))
                                  << QStringLiteral(
                                         "reads protobuf bodies of ConfigMap, Deployment, Namespace");
    QTest::newRow("truncated envelope")
        << QByteArray("k8s\0\x0a\x7f", 6) << QStringLiteral("malformed protobuf envelope");
    QTest::newRow("truncated message")
        << envelope("v1", "Namespace", bytesField(1, QByteArray("\x0a\x09short", 7)))
        << QStringLiteral("malformed protobuf in ObjectMeta");
}

void TstProtoObjects::refusals()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, error);
    const auto d = ProtoObjects::decode(body);
    QVERIFY(!d.ok());
    QVERIFY2(d.error().text().contains(error), qPrintable(d.error().text()));
}

QTEST_GUILESS_MAIN(TstProtoObjects)
#include "tst_protoobjects.moc"
