#include "core/Severity.h"
#include "core/Status.h"

#include <QJsonObject>
#include <QTest>

using namespace Sitrep::Core;

class TstSeverity : public QObject
{
    Q_OBJECT
private slots:
    void defaults();
    void find_data();
    void find();
    void fromJsonNamesTheField();
    void customScheme();
    void statuses();
};

void TstSeverity::defaults()
{
    const auto s = SeverityScheme::defaults();
    QCOMPARE(s.levels().size(), 4);
    QCOMPARE(s.levels().first().name, QStringLiteral("P0"));
    QCOMPARE(s.levels().last().rank, 3);
}

void TstSeverity::find_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("name");
    QTest::newRow("exact") << "P1"
                           << "P1";
    QTest::newRow("case") << "p2"
                          << "P2";
    QTest::newRow("digit") << "0"
                           << "P0";
    QTest::newRow("sev") << "sev3"
                         << "P3";
    QTest::newRow("unknown") << "P7"
                             << "";
}

void TstSeverity::find()
{
    QFETCH(QString, query);
    QFETCH(QString, name);
    const auto r = SeverityScheme::defaults().find(query);
    QCOMPARE(r.ok(), !name.isEmpty());
    if (r)
        QCOMPARE(r->name, name);
    else
        QVERIFY(r.error().message.contains(QLatin1String("P0, P1, P2, P3")));
}

void TstSeverity::fromJsonNamesTheField()
{
    const auto r = SeverityScheme::fromJson(
        QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("Critical")}}, QJsonObject{}});
    QVERIFY(!r.ok());
    QCOMPARE(r.error().where, QStringLiteral("severities[1].name"));
}

void TstSeverity::customScheme()
{
    SeverityScheme s({{QStringLiteral("SEV1"), QStringLiteral("Outage"), QStringLiteral("15 min"), {}, 0},
                      {QStringLiteral("SEV2"), QStringLiteral("Degraded"), QStringLiteral("1 h"), {}, 0}});
    QCOMPARE(s.find(QStringLiteral("sev-2"))->name, QStringLiteral("SEV2"));
    QCOMPARE(s.find(QStringLiteral("1"))->name, QStringLiteral("SEV1")); // one-based scheme
    const auto round = SeverityScheme::fromJson(s.toJson());
    QVERIFY(round.ok());
    QCOMPARE(round->levels().at(1).response, QStringLiteral("1 h"));
    QCOMPARE(round->levels().at(1).rank, 1);
}

void TstSeverity::statuses()
{
    QCOMPARE(*parseStatus(QStringLiteral(" Identified ")), Status::Identified);
    QVERIFY(!parseStatus(QStringLiteral("fixed")).ok());
    QCOMPARE(statusTitle(Status::Monitoring), QStringLiteral("Monitoring"));
    QVERIFY(isReopen(Status::Resolved, Status::Investigating));
    QVERIFY(!isReopen(Status::Monitoring, Status::Resolved));
}

QTEST_GUILESS_MAIN(TstSeverity)
#include "tst_severity.moc"
