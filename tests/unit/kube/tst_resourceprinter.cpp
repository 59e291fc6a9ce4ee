// kubectl's columns for nodes, services, endpoints, ingresses, HPAs, replica sets and top, and the problem
// sentence each row carries, from object JSON.
#include "kube/ResourcePrinter.h"

#include <QJsonDocument>
#include <QTest>

using namespace Sitrep::Kube;
using Kind = ResourcePrinter::Kind;

Q_DECLARE_METATYPE(Sitrep::Kube::ResourcePrinter::Kind)

class TstResourcePrinter final : public QObject
{
    Q_OBJECT
private slots:
    void rows_data();
    void rows();
    void quantities();
    void headersMatchCells();
};

void TstResourcePrinter::rows_data()
{
    QTest::addColumn<Kind>("kind");
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QStringList>("cells");
    QTest::addColumn<QString>("problem");
    const QByteArray meta =
        R"("metadata":{"name":"x","namespace":"demo","creationTimestamp":"2026-11-23T10:00:00Z")";

    QTest::newRow("node ready") << Kind::Nodes
                                << QByteArray(
                                       R"({"metadata":{"name":"n1","creationTimestamp":"2026-11-13T12:00:00Z",
        "labels":{"node-role.kubernetes.io/worker":""}},"status":{"nodeInfo":{"kubeletVersion":"v1.32.4"},
        "conditions":[{"type":"MemoryPressure","status":"False"},{"type":"Ready","status":"True"}]}})")
                                << QStringList{QStringLiteral("n1"),      QStringLiteral("Ready"),
                                               QStringLiteral("worker"),  QStringLiteral("10d"),
                                               QStringLiteral("v1.32.4"), QStringLiteral("none")}
                                << QString();
    QTest::newRow("node not ready, cordoned, under pressure")
        << Kind::Nodes << QByteArray(R"({"metadata":{"name":"n2","creationTimestamp":"2026-11-23T11:00:00Z",
        "labels":{"node-role.kubernetes.io/control-plane":"","node-role.kubernetes.io/master":""}},
        "spec":{"unschedulable":true},"status":{"nodeInfo":{"kubeletVersion":"v1.31.0"},
        "conditions":[{"type":"MemoryPressure","status":"True"},{"type":"DiskPressure","status":"True"},
        {"type":"Ready","status":"False"}]}})")
        << QStringList{QStringLiteral("n2"),
                       QStringLiteral("NotReady,SchedulingDisabled"),
                       QStringLiteral("control-plane,master"),
                       QStringLiteral("60m"),
                       QStringLiteral("v1.31.0"),
                       QStringLiteral("MemoryPressure,DiskPressure")}
        << QStringLiteral("node is NotReady; MemoryPressure, DiskPressure");
    QTest::newRow("service load balancer pending, node ports")
        << Kind::Services
        << QByteArray("{" + meta + R"(},"spec":{"type":"LoadBalancer","clusterIP":"10.96.0.12",
        "ports":[{"port":80,"nodePort":30080,"protocol":"TCP"},{"port":443,"nodePort":30443}]}})")
        << QStringList{QStringLiteral("x"),
                       QStringLiteral("LoadBalancer"),
                       QStringLiteral("10.96.0.12"),
                       QStringLiteral("<pending>"),
                       QStringLiteral("80:30080/TCP,443:30443/TCP"),
                       QStringLiteral("120m")}
        << QString();
    QTest::newRow("headless service")
        << Kind::Services << QByteArray("{" + meta + R"(},"spec":{"clusterIP":"None","ports":[]}})")
        << QStringList{QStringLiteral("x"),      QStringLiteral("ClusterIP"), QStringLiteral("None"),
                       QStringLiteral("<none>"), QStringLiteral("<none>"),    QStringLiteral("120m")}
        << QString();
    QTest::newRow("endpoints, more than three")
        << Kind::Endpoints
        << QByteArray("{" + meta + R"(},"subsets":[{"addresses":[{"ip":"10.0.0.1"},{"ip":"10.0.0.2"},
        {"ip":"10.0.0.3"},{"ip":"10.0.0.4"}],"ports":[{"port":8080}]}]})")
        << QStringList{QStringLiteral("x"),
                       QStringLiteral("10.0.0.1:8080,10.0.0.2:8080,10.0.0.3:8080 + 1 more..."),
                       QStringLiteral("120m")}
        << QString();
    QTest::newRow("endpoints, none ready")
        << Kind::Endpoints
        << QByteArray("{" + meta + R"(},"subsets":[{"notReadyAddresses":[{"ip":"10.0.0.1"},{"ip":"10.0.0.2"}],
        "ports":[{"port":8080}]}]})")
        << QStringList{QStringLiteral("x"), QStringLiteral("<none>"), QStringLiteral("120m")}
        << QStringLiteral("no ready endpoints (2 not ready)");
    QTest::newRow("ingress with TLS")
        << Kind::Ingresses << QByteArray("{" + meta + R"(},"spec":{"ingressClassName":"nginx",
        "tls":[{"hosts":["a.example"]}],"rules":[{"host":"a.example"},{}]},
        "status":{"loadBalancer":{"ingress":[{"ip":"192.0.2.10"}]}}})")
        << QStringList{QStringLiteral("x"),          QStringLiteral("nginx"),   QStringLiteral("a.example,*"),
                       QStringLiteral("192.0.2.10"), QStringLiteral("80, 443"), QStringLiteral("120m")}
        << QString();
    QTest::newRow("hpa at its maximum")
        << Kind::Hpas
        << QByteArray("{" + meta + R"(},"spec":{"scaleTargetRef":{"kind":"Deployment","name":"api"},
        "minReplicas":3,"maxReplicas":10,"metrics":[{"type":"Resource","resource":{"name":"cpu",
        "target":{"type":"Utilization","averageUtilization":70}}},{"type":"Resource","resource":{"name":"memory",
        "target":{"type":"AverageValue","averageValue":"500Mi"}}}]},"status":{"currentReplicas":10,
        "currentMetrics":[{"type":"Resource","resource":{"name":"cpu","current":{"averageUtilization":95}}}]}})")
        << QStringList{QStringLiteral("x"),
                       QStringLiteral("Deployment/api"),
                       QStringLiteral("cpu: 95%/70%, memory: <unknown>/500Mi"),
                       QStringLiteral("3"),
                       QStringLiteral("10"),
                       QStringLiteral("10"),
                       QStringLiteral("120m")}
        << QStringLiteral("at its maximum of 10 replicas");
    QTest::newRow("replica set not ready")
        << Kind::ReplicaSets
        << QByteArray("{" + meta + R"(},"spec":{"replicas":3},"status":{"replicas":3,"readyReplicas":1}})")
        << QStringList{QStringLiteral("x"), QStringLiteral("3"), QStringLiteral("3"), QStringLiteral("1"),
                       QStringLiteral("120m")}
        << QStringLiteral("1 of 3 ready");
    QTest::newRow("top pod sums its containers")
        << Kind::TopPods
        << QByteArray("{" + meta +
                      R"(},"containers":[{"name":"a","usage":{"cpu":"250000000n","memory":"65536Ki"}},
        {"name":"b","usage":{"cpu":"5m","memory":"64Mi"}}]})")
        << QStringList{QStringLiteral("x"), QStringLiteral("255m"), QStringLiteral("128Mi")} << QString();
    QTest::newRow("top node")
        << Kind::TopNodes << QByteArray(R"({"metadata":{"name":"n1"},"usage":{"cpu":"2","memory":"4Gi"}})")
        << QStringList{QStringLiteral("n1"), QStringLiteral("2000m"), QStringLiteral("4096Mi")} << QString();
}

void TstResourcePrinter::rows()
{
    QFETCH(Kind, kind);
    QFETCH(QByteArray, json);
    QFETCH(QStringList, cells);
    QFETCH(QString, problem);
    QJsonParseError error;
    const QJsonObject object = QJsonDocument::fromJson(json, &error).object();
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
    const auto row = ResourcePrinter::print(
        kind, object, QDateTime::fromString(QStringLiteral("2026-11-23T12:00:00Z"), Qt::ISODate));
    QCOMPARE(row.cells, cells);
    QCOMPARE(row.problem, problem);
}

void TstResourcePrinter::quantities()
{
    QCOMPARE(ResourcePrinter::cpuCores(QStringLiteral("1500m")), 1.5);
    QCOMPARE(ResourcePrinter::cpuText(QStringLiteral("123456789n")), QStringLiteral("123m"));
    QCOMPARE(ResourcePrinter::memoryBytes(QStringLiteral("1Gi")), 1024.0 * 1024 * 1024);
    QCOMPARE(ResourcePrinter::memoryText(QStringLiteral("500M")), QStringLiteral("477Mi"));
    QCOMPARE(ResourcePrinter::memoryBytes(QStringLiteral("2048")), 2048.0);
    QCOMPARE(ResourcePrinter::cpuCores(QString()), 0.0);
}

void TstResourcePrinter::headersMatchCells()
{
    // Every kind prints as many cells as it has headers, even from an empty object.
    for (const Kind k : ResourcePrinter::kinds()) {
        QCOMPARE(ResourcePrinter::print(k, {}, QDateTime::currentDateTimeUtc()).cells.size(),
                 ResourcePrinter::headers(k).size());
        QVERIFY(!ResourcePrinter::title(k).isEmpty());
        QVERIFY(!ResourcePrinter::ref(k, QStringLiteral("demo")).resource.isEmpty());
    }
    QVERIFY(ResourcePrinter::ref(Kind::Nodes, QStringLiteral("demo")).ns.isEmpty()); // cluster-scoped
    QCOMPARE(ResourcePrinter::ref(Kind::Hpas, QStringLiteral("demo")).group, QStringLiteral("autoscaling"));
}

QTEST_GUILESS_MAIN(TstResourcePrinter)
#include "tst_resourceprinter.moc"
