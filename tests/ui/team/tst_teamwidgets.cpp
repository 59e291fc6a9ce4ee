// The team band's words and the join list's model, without a server: what the header says in each state.
#include "TeamIncidentsModel.h"
#include "TeamStatusWidget.h"

#include <QAbstractItemModelTester>
#include <QTest>

using namespace Sitrep;
using namespace Sitrep::Ui;
using Team::ReplicaStatus;

class TestTeamWidgets : public QObject
{
    Q_OBJECT
private slots:
    void bandSaysWhoAndWhatIsPending()
    {
        TeamStatusWidget::View v;
        v.teamId = QStringLiteral("abcd1234");
        v.status.state = ReplicaStatus::State::Online;
        QCOMPARE(TeamStatusWidget::describe(v),
                 QStringLiteral("TEAM abcd1234 \u00b7 \u25cf online \u00b7 nobody else connected"));
        v.peers = {{QStringLiteral("s1"), QStringLiteral("bob"), QStringLiteral("bob@lap2"),
                    QStringLiteral("console"), 0},
                   {QStringLiteral("s2"), QStringLiteral("carol"), QStringLiteral("carol@lap3"),
                    QStringLiteral("cli"), 0},
                   {QStringLiteral("s3"), QStringLiteral("warroom"), QStringLiteral("kiosk@wall"),
                    QStringLiteral("wall"), 0}};
        v.roles = {{QStringLiteral("bob"), QStringLiteral("comms lead")}};
        QCOMPARE(TeamStatusWidget::describe(v),
                 QStringLiteral("TEAM abcd1234 \u00b7 \u25cf online \u00b7 bob (comms lead), carol, wall"));
        QVERIFY(TeamStatusWidget::details(v).contains(QLatin1String("kiosk@wall")));

        v.status.state = ReplicaStatus::State::Offline;
        v.status.unshared = 3;
        v.status.retryInMs = 3500;
        v.status.message = QStringLiteral("nothing accepts connections at db:5432 (connection refused)");
        QCOMPARE(TeamStatusWidget::describe(v),
                 QStringLiteral(
                     "TEAM abcd1234 \u00b7 \u25cb offline \u00b7 not yet shared: 3 \u00b7 retrying in 4 s"));
        QVERIFY(TeamStatusWidget::details(v).contains(QLatin1String("connection refused")));

        v.status.state = ReplicaStatus::State::Online;
        v.status.unshared = 0;
        v.peers.clear();
        v.plainTextWarning = QStringLiteral("NOT ENCRYPTED (sslmode=disable)");
        QVERIFY(
            TeamStatusWidget::describe(v).endsWith(QStringLiteral("\u26a0 NOT ENCRYPTED (sslmode=disable)")));

        TeamStatusWidget w;
        w.setView(v);
        QVERIFY(!w.isHidden());
        QCOMPARE(w.text(), TeamStatusWidget::describe(v));
        w.clear();
        QVERIFY(w.isHidden());
    }

    void incidentsModel()
    {
        TeamIncidentsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        Team::TeamIncident t;
        t.teamId = QStringLiteral("abcd1234");
        t.title = QStringLiteral("Checkout 502");
        t.service = QStringLiteral("api");
        t.severity = QStringLiteral("P1");
        t.status = QStringLiteral("identified");
        t.responders = {QStringLiteral("alice"), QStringLiteral("bob")};
        t.startMs = 1'000'000;
        model.setIncidents({t, Team::TeamIncident{}});
        model.setNowMs(1'000'000 + (3 * 60 + 5) * 60'000);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(0, TeamIncidentsModel::TitleColumn).data().toString(),
                 QStringLiteral("Checkout 502 \u00b7 api"));
        QCOMPARE(model.index(0, TeamIncidentsModel::CommanderColumn).data().toString(),
                 QStringLiteral("unassigned"));
        QCOMPARE(model.index(0, TeamIncidentsModel::AgeColumn).data().toString(),
                 QStringLiteral("3 h 05 min"));
        QCOMPARE(model.index(0, TeamIncidentsModel::RespondersColumn).data().toString(),
                 QStringLiteral("alice, bob"));
        QCOMPARE(model.index(0, 0).data(TeamIncidentsModel::TeamIdRole).toString(),
                 QStringLiteral("abcd1234"));
        QCOMPARE(TeamIncidentsModel::age(0, 5), QStringLiteral("unknown"));
        QCOMPARE(TeamIncidentsModel::age(0 + 1, 1 + 42 * 60'000), QStringLiteral("42 min"));
        QCOMPARE(TeamIncidentsModel::age(1, 1 + 3LL * 24 * 3600'000), QStringLiteral("3 d"));
    }
};

QTEST_MAIN(TestTeamWidgets)
#include "tst_teamwidgets.moc"
