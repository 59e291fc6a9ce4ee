#include "sim/FieldSelector.h"

#include <QJsonDocument>
#include <QtTest>

using Sitrep::Sim::FieldSelector;

class TstFieldSelector final : public QObject
{
    Q_OBJECT
private slots:
    void matches_data();
    void matches();
    void invalid();
};

void TstFieldSelector::matches_data()
{
    QTest::addColumn<QString>("selector");
    QTest::addColumn<bool>("expected");
    QTest::newRow("name") << QStringLiteral("metadata.name=api-gateway-1.abc") << true;
    QTest::newRow("namespace ==") << QStringLiteral("metadata.namespace==demo") << true;
    QTest::newRow("phase !=") << QStringLiteral("status.phase!=Running") << false;
    QTest::newRow("describe's event query")
        << QStringLiteral(
               "involvedObject.name=api-gateway-1,involvedObject.namespace=demo,involvedObject.uid=u-1")
        << true;
    QTest::newRow("wrong uid") << QStringLiteral("involvedObject.uid=u-2") << false;
    QTest::newRow("absent field") << QStringLiteral("spec.nodeName=") << true;
}

void TstFieldSelector::matches()
{
    QFETCH(QString, selector);
    QFETCH(bool, expected);
    const QJsonObject event =
        QJsonDocument::fromJson(R"({"metadata":{"name":"api-gateway-1.abc","namespace":"demo"},
        "status":{"phase":"Running"},"involvedObject":{"name":"api-gateway-1","namespace":"demo","uid":"u-1"}})")
            .object();
    const auto s = FieldSelector::parse(selector);
    QVERIFY(s.ok());
    QCOMPARE(s->matches(event), expected);
}

void TstFieldSelector::invalid()
{
    const auto s = FieldSelector::parse(QStringLiteral("status.phase"));
    QVERIFY(!s.ok());
    QVERIFY(s.error().message.contains(QLatin1String("status.phase")));
}

QTEST_GUILESS_MAIN(TstFieldSelector)
#include "tst_fieldselector.moc"
