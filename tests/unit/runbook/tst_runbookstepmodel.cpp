#include "RunbookStepModel.h"
#include "runbook/RunbookParser.h"
#include "support/TestEnv.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace Sitrep::Core;
using namespace Sitrep::Runbook;
using Sitrep::Ui::RunbookStepModel;

// The wizard's step tree, checked by QAbstractItemModelTester while it changes.
class TstRunbookStepModel : public QObject
{
    Q_OBJECT
private slots:
    void structureAndRoles();
    void stateFromEvents();
    void checklistTicksAreRequests();
};

namespace {
Sitrep::Runbook::Runbook deeptech()
{
    const auto r = RunbookParser::parseFile(
        Sitrep::Test::sourceDir() +
        QStringLiteral("/tests/unit/runbook/fixtures/deeptech-api-incident-response.md"));
    if (!r.ok())
        qFatal("fixture");
    return r.value();
}

TimelineEvent stepEvent(const QString &key, const QString &step, const QString &state)
{
    return makeEvent(EventKind::ChecklistStep, 1, QStringLiteral("alice"), QString(),
                     QJsonObject{{QStringLiteral("runbook"), key},
                                 {QStringLiteral("stepId"), step},
                                 {QStringLiteral("state"), state}});
}
} // namespace

void TstRunbookStepModel::structureAndRoles()
{
    RunbookStepModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 0);
    model.setRunbook(deeptech(), QStringLiteral("deeptech.md"));
    QCOMPARE(model.rowCount(), 34);
    QCOMPARE(model.columnCount(), 3);
    const QModelIndex assess = model.index(4, 0);
    QCOMPARE(assess.data().toString(), QStringLiteral("Step 1: Assess Severity"));
    QCOMPARE(assess.data(RunbookStepModel::IsSectionRole).toBool(), true);
    QCOMPARE(assess.data(RunbookStepModel::PhaseRole).toString(), QStringLiteral("triage"));
    QCOMPARE(model.rowCount(assess), 5);
    QCOMPARE(model.index(4, RunbookStepModel::StatusColumn).data().toString(), QStringLiteral("0/5"));
    const QModelIndex first = model.index(0, 0, assess);
    QCOMPARE(first.data().toString(), QStringLiteral("Check pod status"));
    QCOMPARE(first.data(RunbookStepModel::StepIdRole).toString(), QStringLiteral("step-1-assess-severity-1"));
    QCOMPARE(first.data(RunbookStepModel::CommandRole).toString(),
             QStringLiteral("kubectl get pods -n <namespace> -l app=deeptech-api"));
    QCOMPARE(first.siblingAtColumn(RunbookStepModel::RiskColumn).data().toString(), QStringLiteral("read"));
    QCOMPARE(first.siblingAtColumn(RunbookStepModel::RiskColumn).data(Qt::ToolTipRole).toString(),
             QStringLiteral("read: rule \"kubectl read verbs\"")); // the rule that decided, by its name
    QCOMPARE(first.siblingAtColumn(RunbookStepModel::StatusColumn).data().toString(), QStringLiteral("todo"));
    QCOMPARE(model.parent(first), assess);
    QCOMPARE(model.rowCount(first), 0);
    QVERIFY(model.flags(first) & Qt::ItemNeverHasChildren);
    QCOMPARE(model.stepAt(first)->id, QStringLiteral("step-1-assess-severity-1"));
    QCOMPARE(model.sectionAt(first)->title, QStringLiteral("Step 1: Assess Severity"));
    QCOMPARE(model.indexForStep(QStringLiteral("step-1-assess-severity-1")), first);
    QVERIFY(!model.indexForStep(QStringLiteral("nope")).isValid());
    QCOMPARE(model.stepCount(), 76);
}

void TstRunbookStepModel::stateFromEvents()
{
    RunbookStepModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setRunbook(deeptech(), QStringLiteral("deeptech.md"));
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy progress(&model, &RunbookStepModel::progressChanged);
    model.setRunning(QStringLiteral("step-1-assess-severity-2"), true);
    QCOMPARE(changed.size(), 2); // the step row and its section's count
    const QModelIndex second =
        model.indexForStep(QStringLiteral("step-1-assess-severity-2"), RunbookStepModel::StatusColumn);
    QCOMPARE(second.data().toString(), QStringLiteral("running"));
    model.applyEvents(
        {makeEvent(EventKind::CommandRun, 2, QStringLiteral("alice"), QString(),
                   QJsonObject{{QStringLiteral("runbook"), QStringLiteral("deeptech.md")},
                               {QStringLiteral("stepId"), QStringLiteral("step-1-assess-severity-2")},
                               {QStringLiteral("started"), true},
                               {QStringLiteral("exitCode"), 0},
                               {QStringLiteral("output"), QStringLiteral("api 3")}}),
         stepEvent(QStringLiteral("other.md"), QStringLiteral("step-1-assess-severity-3"),
                   QStringLiteral("done")),
         stepEvent(QStringLiteral("deeptech.md"), QStringLiteral("step-1-assess-severity-3"),
                   QStringLiteral("skipped"))});
    QCOMPARE(second.data().toString(), QStringLiteral("done"));
    QCOMPARE(second.data(RunbookStepModel::OutputRole).toString(), QStringLiteral("api 3"));
    QCOMPARE(model.indexForStep(QStringLiteral("step-1-assess-severity-3"), RunbookStepModel::StatusColumn)
                 .data()
                 .toString(),
             QStringLiteral("skipped"));
    QCOMPARE(model.index(4, RunbookStepModel::StatusColumn).data().toString(), QStringLiteral("2/5"));
    QCOMPARE(changed.last().at(0).value<QModelIndex>(), model.index(4, RunbookStepModel::StatusColumn));
    QCOMPARE(progress.last().at(0).toInt(), 2);
    QCOMPARE(progress.last().at(1).toInt(), 76);
    QCOMPARE(model.finishedCount(), 2);
}

void TstRunbookStepModel::checklistTicksAreRequests()
{
    RunbookStepModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setRunbook(deeptech(), QStringLiteral("deeptech.md"));
    const QModelIndex tick = model.indexForStep(QStringLiteral("step-1-verify-resolution-1"));
    QVERIFY(tick.isValid());
    QVERIFY(model.flags(tick) & Qt::ItemIsUserCheckable);
    QCOMPARE(tick.data(Qt::CheckStateRole).toInt(), int(Qt::Unchecked));
    QSignalSpy requested(&model, &RunbookStepModel::checkRequested);
    QVERIFY(model.setData(tick, Qt::Checked, Qt::CheckStateRole));
    QCOMPARE(requested.size(), 1);
    QCOMPARE(requested.first().at(0).toString(), QStringLiteral("step-1-verify-resolution-1"));
    QCOMPARE(requested.first().at(1).toBool(), true);
    QCOMPARE(tick.data(Qt::CheckStateRole).toInt(), int(Qt::Unchecked)); // until the journal says so
    model.applyEvents({stepEvent(QStringLiteral("deeptech.md"), QStringLiteral("step-1-verify-resolution-1"),
                                 QStringLiteral("done"))});
    QCOMPARE(tick.data(Qt::CheckStateRole).toInt(), int(Qt::Checked));
    const QModelIndex command = model.indexForStep(QStringLiteral("step-1-assess-severity-1"));
    QVERIFY(!(model.flags(command) & Qt::ItemIsUserCheckable));
    QVERIFY(!model.setData(command, Qt::Checked, Qt::CheckStateRole));
}

QTEST_MAIN(TstRunbookStepModel)
#include "tst_runbookstepmodel.moc"
