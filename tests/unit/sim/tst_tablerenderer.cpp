#include "sim/TableRenderer.h"

#include <QJsonDocument>
#include <QtTest>

using Sitrep::Sim::TableRenderer;

namespace {
constexpr qint64 kNow = 1'795'000'600'000; // 10 minutes after the objects below were created
QJsonObject obj(const char *json)
{
    return QJsonDocument::fromJson(json).object();
}
} // namespace

class TstTableRenderer final : public QObject
{
    Q_OBJECT
private slots:
    void podCells_data();
    void podCells();
    void tableShape();
    void eventsRowCarriesFullObject();
    void columnsHavePriorities_data();
    void columnsHavePriorities();
};

void TstTableRenderer::podCells_data()
{
    QTest::addColumn<QJsonObject>("pod");
    QTest::addColumn<QString>("ready");
    QTest::addColumn<QString>("status");
    QTest::addColumn<QString>("restarts");
    QTest::newRow("crash loop")
        << obj(R"({"metadata":{"name":"gw-1","creationTimestamp":"2026-11-18T11:06:40Z"},
        "spec":{"containers":[{"name":"gateway"}]},
        "status":{"phase":"Running","containerStatuses":[{"name":"gateway","ready":false,"restartCount":7,
          "state":{"waiting":{"reason":"CrashLoopBackOff"}},
          "lastState":{"terminated":{"exitCode":1,"finishedAt":"2026-11-18T11:16:10Z"}}}]}})")
        << QStringLiteral("0/1") << QStringLiteral("CrashLoopBackOff") << QStringLiteral("7 (30s ago)");
    QTest::newRow("running 2/2")
        << obj(R"({"metadata":{"name":"pg-0","creationTimestamp":"2026-11-18T11:06:40Z"},
        "spec":{"containers":[{"name":"a"},{"name":"b"}]},
        "status":{"phase":"Running","containerStatuses":[{"name":"a","ready":true,"restartCount":0,"state":{"running":{}}},
                                                        {"name":"b","ready":true,"restartCount":0,"state":{"running":{}}}]}})")
        << QStringLiteral("2/2") << QStringLiteral("Running") << QStringLiteral("0");
    QTest::newRow("terminating")
        << obj(R"({"metadata":{"name":"x","creationTimestamp":"2026-11-18T11:06:40Z","deletionTimestamp":"2026-11-18T11:16:00Z"},
        "spec":{"containers":[{"name":"a"}]},"status":{"phase":"Running"}})")
        << QStringLiteral("0/1") << QStringLiteral("Terminating") << QStringLiteral("0");
    QTest::newRow("pending") << obj(R"({"metadata":{"name":"x","creationTimestamp":"2026-11-18T11:06:40Z"},
        "spec":{"containers":[{"name":"a"}]},"status":{"phase":"Pending","containerStatuses":[{"name":"a","state":{"waiting":{"reason":"ContainerCreating"}}}]}})")
                             << QStringLiteral("0/1") << QStringLiteral("ContainerCreating")
                             << QStringLiteral("0");
}

void TstTableRenderer::podCells()
{
    QFETCH(QJsonObject, pod);
    QFETCH(QString, ready);
    QFETCH(QString, status);
    QFETCH(QString, restarts);
    const QJsonArray cells = TableRenderer::cells(QStringLiteral("pods"), pod, kNow);
    QCOMPARE(cells.size(), TableRenderer::columns(QStringLiteral("pods")).size());
    QCOMPARE(cells.at(1).toString(), ready);
    QCOMPARE(cells.at(2).toString(), status);
    QCOMPARE(cells.at(3).toString(), restarts);
    QCOMPARE(cells.at(4).toString(), QStringLiteral("10m"));
}

void TstTableRenderer::tableShape()
{
    const QJsonObject pod = obj(R"({"metadata":{"name":"a","namespace":"demo"},"spec":{},"status":{}})");
    const QJsonObject t =
        TableRenderer::table(QStringLiteral("pods"), {pod}, kNow, TableRenderer::IncludeObject::Metadata,
                             QStringLiteral("1021"), QStringLiteral("tok"));
    QCOMPARE(t.value(QLatin1String("kind")).toString(), QStringLiteral("Table"));
    QCOMPARE(t.value(QLatin1String("apiVersion")).toString(), QStringLiteral("meta.k8s.io/v1"));
    QCOMPARE(t.value(QLatin1String("metadata")).toObject().value(QLatin1String("resourceVersion")).toString(),
             QStringLiteral("1021"));
    QCOMPARE(t.value(QLatin1String("metadata")).toObject().value(QLatin1String("continue")).toString(),
             QStringLiteral("tok"));
    const QJsonObject row = t.value(QLatin1String("rows")).toArray().at(0).toObject();
    // kubectl -A reads the NAMESPACE column from the row's object metadata.
    QCOMPARE(row.value(QLatin1String("object")).toObject().value(QLatin1String("kind")).toString(),
             QStringLiteral("PartialObjectMetadata"));
    QCOMPARE(row.value(QLatin1String("object"))
                 .toObject()
                 .value(QLatin1String("metadata"))
                 .toObject()
                 .value(QLatin1String("namespace"))
                 .toString(),
             QStringLiteral("demo"));
}

void TstTableRenderer::eventsRowCarriesFullObject()
{
    const QJsonObject event = obj(
        R"({"kind":"Event","metadata":{"name":"e1","namespace":"demo"},"type":"Warning","reason":"BackOff",
        "message":"Back-off restarting failed container","count":12,"lastTimestamp":"2026-11-18T11:16:00Z","firstTimestamp":"2026-11-18T11:10:00Z",
        "involvedObject":{"kind":"Pod","name":"gw-1"},"source":{"component":"kubelet","host":"n1"}})");
    const QJsonObject row = TableRenderer::row(QStringLiteral("events"), event, kNow,
                                               TableRenderer::parseInclude(QStringLiteral("Object")));
    QCOMPARE(row.value(QLatin1String("object")).toObject(), event); // --sort-by needs the whole Event
    const QJsonArray cells = row.value(QLatin1String("cells")).toArray();
    QCOMPARE(cells.at(0).toString(), QStringLiteral("40s"));
    QCOMPARE(cells.at(3).toString(), QStringLiteral("pod/gw-1"));
    QCOMPARE(cells.at(7).toInt(), 12);
}

void TstTableRenderer::columnsHavePriorities_data()
{
    QTest::addColumn<QString>("resource");
    for (const char *r : {"pods", "deployments", "replicasets", "services", "endpoints", "nodes", "events",
                          "horizontalpodautoscalers", "ingresses", "namespaces", "statefulsets"})
        QTest::newRow(r) << QString::fromLatin1(r);
}

void TstTableRenderer::columnsHavePriorities()
{
    QFETCH(QString, resource);
    const QJsonArray columns = TableRenderer::columns(resource);
    QVERIFY(!columns.isEmpty());
    for (const QJsonValue &c : columns)
        QVERIFY(c.toObject().contains(QLatin1String("priority")));
    const QJsonObject any = obj(R"({"metadata":{"name":"x","creationTimestamp":"2026-11-18T11:06:40Z"}})");
    QCOMPARE(TableRenderer::cells(resource, any, kNow).size(), columns.size());
}

QTEST_GUILESS_MAIN(TstTableRenderer)
#include "tst_tablerenderer.moc"
