// AlertsModel: rows per label set across sources, states (firing, pending, silenced), runbooks, incremental
// updates checked by QAbstractItemModelTester.
#include "AlertsModel.h"

#include "core/ManualClock.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace Sitrep;
using namespace Sitrep::Prom;
using Sitrep::Ui::AlertsModel;

namespace {

Alert make(const QString &name, const QString &state, const QString &source,
           const QString &severity = QStringLiteral("critical"))
{
    Alert a;
    a.name = name;
    a.state = state;
    a.source = source;
    a.labels = {{QStringLiteral("alertname"), name},
                {QStringLiteral("severity"), severity},
                {QStringLiteral("service"), QStringLiteral("web")}};
    a.annotations = {{QStringLiteral("summary"), name + QStringLiteral(" summary")}};
    a.activeAtMs = 1'795'000'000'000 - 12 * 60000;
    return a;
}

} // namespace

class TstAlertsModel final : public QObject
{
    Q_OBJECT

private slots:
    void mergeAndStates();
    void incrementalUpdates();
    void runbooks();
    void columns_data();
    void columns();
};

void TstAlertsModel::mergeAndStates()
{
    Core::ManualClock clock;
    AlertsModel m(&clock);
    QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const QString prom = QStringLiteral("prometheus");
    const QString am = QStringLiteral("alertmanager");
    m.setAlerts(prom,
                {make(QStringLiteral("Burn"), QStringLiteral("firing"), prom),
                 make(QStringLiteral("Slow"), QStringLiteral("pending"), prom, QStringLiteral("warning"))});
    QCOMPARE(m.rowCount(), 2);
    QCOMPARE(m.firingCount(), 1);
    Alert silenced = make(QStringLiteral("Burn"), QStringLiteral("suppressed"), am);
    silenced.silencedBy = {QStringLiteral("abc")};
    m.setAlerts(am, {silenced});
    QCOMPARE(m.rowCount(), 2); // same labels: one row
    QCOMPARE(m.index(0, AlertsModel::StateColumn).data().toString(), QStringLiteral("silenced"));
    QCOMPARE(m.index(0, AlertsModel::SourceColumn).data().toString(),
             QStringLiteral("alertmanager, prometheus"));
    QCOMPARE(m.index(1, AlertsModel::StateColumn).data().toString(), QStringLiteral("pending"));
    QCOMPARE(m.firingCount(), 0);
}

void TstAlertsModel::incrementalUpdates()
{
    AlertsModel m;
    QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const QString prom = QStringLiteral("prometheus");
    QSignalSpy reset(&m, &QAbstractItemModel::modelReset);
    QSignalSpy inserted(&m, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&m, &QAbstractItemModel::rowsRemoved);
    m.setAlerts(prom, {make(QStringLiteral("A"), QStringLiteral("firing"), prom),
                       make(QStringLiteral("B"), QStringLiteral("firing"), prom)});
    m.setAlerts(prom, {make(QStringLiteral("B"), QStringLiteral("firing"), prom),
                       make(QStringLiteral("C"), QStringLiteral("firing"), prom)});
    QCOMPARE(m.rowCount(), 2);
    QCOMPARE(m.index(0, AlertsModel::NameColumn).data().toString(), QStringLiteral("B"));
    QCOMPARE(m.index(1, AlertsModel::NameColumn).data().toString(), QStringLiteral("C"));
    QCOMPARE(inserted.size(), 2);
    QCOMPARE(removed.size(), 1);
    QCOMPARE(reset.size(), 0);
    m.setAlerts(prom, {});
    QCOMPARE(m.rowCount(), 0);
}

void TstAlertsModel::runbooks()
{
    AlertsModel m;
    const QString prom = QStringLiteral("prometheus");
    Alert withUrl = make(QStringLiteral("Burn"), QStringLiteral("firing"), prom);
    withUrl.annotations.insert(QStringLiteral("runbook_url"), QStringLiteral("https://wiki/burn"));
    m.setAlerts(prom, {withUrl, make(QStringLiteral("Crash"), QStringLiteral("firing"), prom)});
    m.setRunbooks({{QStringLiteral("Crash"), QStringLiteral("runbooks/api-gateway-crashloop.md")}});
    QCOMPARE(m.index(0, 0).data(AlertsModel::RunbookRole).toString(), QStringLiteral("https://wiki/burn"));
    QCOMPARE(m.index(1, AlertsModel::RunbookColumn).data().toString(),
             QStringLiteral("runbooks/api-gateway-crashloop.md"));
}

void TstAlertsModel::columns_data()
{
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("text");
    QTest::newRow("severity") << int(AlertsModel::SeverityColumn) << QStringLiteral("critical");
    QTest::newRow("name") << int(AlertsModel::NameColumn) << QStringLiteral("Burn");
    QTest::newRow("since") << int(AlertsModel::SinceColumn) << QStringLiteral("12 min ago (10:54 UTC)");
    QTest::newRow("summary") << int(AlertsModel::SummaryColumn) << QStringLiteral("Burn summary");
    QTest::newRow("labels") << int(AlertsModel::LabelsColumn) << QStringLiteral("service=web");
}

void TstAlertsModel::columns()
{
    QFETCH(int, column);
    QFETCH(QString, text);
    Core::ManualClock clock;
    AlertsModel m(&clock);
    m.setAlerts(QStringLiteral("prometheus"),
                {make(QStringLiteral("Burn"), QStringLiteral("firing"), QStringLiteral("prometheus"))});
    QCOMPARE(m.index(0, column).data().toString(), text);
}

QTEST_MAIN(TstAlertsModel)
#include "tst_alertsmodel.moc"
