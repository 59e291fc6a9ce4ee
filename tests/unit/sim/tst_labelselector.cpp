#include "sim/LabelSelector.h"

#include <QtTest>

using Sitrep::Sim::LabelSelector;

class TstLabelSelector final : public QObject
{
    Q_OBJECT
private slots:
    void matches_data();
    void matches();
    void invalid_data();
    void invalid();
    void fromMatchLabels();
};

void TstLabelSelector::matches_data()
{
    QTest::addColumn<QString>("selector");
    QTest::addColumn<bool>("gateway"); // {app: api-gateway, tier: edge}
    QTest::addColumn<bool>("worker");  // {app: worker}
    QTest::newRow("empty") << QString() << true << true;
    QTest::newRow("=") << QStringLiteral("app=api-gateway") << true << false;
    QTest::newRow("==") << QStringLiteral("app==worker") << false << true;
    QTest::newRow("!=") << QStringLiteral("app!=worker") << true << false;
    QTest::newRow("!= missing key") << QStringLiteral("tier!=edge") << false << true;
    QTest::newRow("in") << QStringLiteral("app in (worker, redis)") << false << true;
    QTest::newRow("notin") << QStringLiteral("app notin (worker)") << true << false;
    QTest::newRow("exists") << QStringLiteral("tier") << true << false;
    QTest::newRow("not exists") << QStringLiteral("!tier") << false << true;
    QTest::newRow("and") << QStringLiteral("app in (api-gateway,worker),tier=edge") << true << false;
}

void TstLabelSelector::matches()
{
    QFETCH(QString, selector);
    QFETCH(bool, gateway);
    QFETCH(bool, worker);
    const auto s = LabelSelector::parse(selector);
    QVERIFY2(s.ok(), qPrintable(s.ok() ? QString() : s.error().text()));
    QCOMPARE(s->matches({{QStringLiteral("app"), QStringLiteral("api-gateway")},
                         {QStringLiteral("tier"), QStringLiteral("edge")}}),
             gateway);
    QCOMPARE(s->matches({{QStringLiteral("app"), QStringLiteral("worker")}}), worker);
}

void TstLabelSelector::invalid_data()
{
    QTest::addColumn<QString>("selector");
    QTest::newRow("dangling comma") << QStringLiteral("app=x,");
    QTest::newRow("bad set op") << QStringLiteral("app within (x)");
    QTest::newRow("bad key") << QStringLiteral("a pp=x");
}

void TstLabelSelector::invalid()
{
    QFETCH(QString, selector);
    const auto s = LabelSelector::parse(selector);
    QVERIFY(!s.ok());
    QCOMPARE(s.error().where, selector);
}

void TstLabelSelector::fromMatchLabels()
{
    const auto s = LabelSelector::fromMatchLabels(QJsonObject{
        {QStringLiteral("matchLabels"), QJsonObject{{QStringLiteral("app"), QStringLiteral("x")}}}});
    QVERIFY(s.matches({{QStringLiteral("app"), QStringLiteral("x")},
                       {QStringLiteral("pod-template-hash"), QStringLiteral("abc")}}));
    QVERIFY(!s.matches({{QStringLiteral("app"), QStringLiteral("y")}}));
}

QTEST_GUILESS_MAIN(TstLabelSelector)
#include "tst_labelselector.moc"
