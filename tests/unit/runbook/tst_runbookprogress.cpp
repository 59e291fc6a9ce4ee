#include "core/IncidentSession.h"
#include "core/ManualClock.h"
#include "runbook/RunRecorder.h"
#include "runbook/RunbookParser.h"
#include "runbook/RunbookProgress.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Sitrep::Core;
using namespace Sitrep::Runbook;

// Step state folded from the journal: what the wizard restores when an incident is reopened.
class TstRunbookProgress : public QObject
{
    Q_OBJECT
private slots:
    void restoresFromAReopenedJournal();
    void otherRunbooksAndKindsAreIgnored();
};

void TstRunbookProgress::restoresFromAReopenedJournal()
{
    const QString rbPath = QStringLiteral(":/runbooks/api-gateway-crashloop.md");
    const auto rb = RunbookParser::parseFile(rbPath);
    QVERIFY(rb.ok());
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("i.sitrep"));
    ManualClock clock;
    {
        Journal journal;
        QVERIFY(journal.open(file).ok());
        IncidentSession session(journal, clock, QStringLiteral("alice"));
        QVERIFY(session.declare({QStringLiteral("Gateway down"), QStringLiteral("api-gateway")}).ok());
        RunRecorder rec(session);
        PreparedCommand p;
        p.stepId = QStringLiteral("triage-5-minutes-1");
        RunResult ok;
        ok.started = true;
        ok.exitCode = 0;
        ok.output = "api-gateway-1 Running";
        QVERIFY(rec.recordRun(rbPath, p, ok, QStringLiteral("local")).ok());
        p.stepId = QStringLiteral("triage-5-minutes-2");
        RunResult bad = ok;
        bad.exitCode = 1;
        QVERIFY(rec.recordRun(rbPath, p, bad, QStringLiteral("local")).ok());
        QVERIFY(rec.recordStep(rbPath, QStringLiteral("triage-5-minutes-4"), QStringLiteral("done"),
                               QStringLiteral("declared"))
                    .ok());
        QVERIFY(rec.recordStep(rbPath, QStringLiteral("scale-up-2"), QStringLiteral("n/a"),
                               QStringLiteral("scale"), QStringLiteral("traffic normal"))
                    .ok());
        QVERIFY(rec.recordStep(rbPath, QStringLiteral("triage-5-minutes-5"), QStringLiteral("done"),
                               QStringLiteral("x"))
                    .ok());
        QVERIFY(rec.recordStep(rbPath, QStringLiteral("triage-5-minutes-5"), QStringLiteral("todo"),
                               QStringLiteral("x"))
                    .ok());
    }
    Journal reopened;
    QVERIFY(reopened.open(file).ok());
    RunbookProgress progress(rbPath);
    progress.applyAll(reopened.events());
    QCOMPARE(progress.progress(QStringLiteral("triage-5-minutes-1")).status, StepStatus::Done);
    QCOMPARE(progress.progress(QStringLiteral("triage-5-minutes-1")).output,
             QStringLiteral("api-gateway-1 Running"));
    QCOMPARE(progress.progress(QStringLiteral("triage-5-minutes-2")).status, StepStatus::Failed);
    QCOMPARE(progress.progress(QStringLiteral("triage-5-minutes-2")).exitCode, 1);
    QCOMPARE(progress.progress(QStringLiteral("triage-5-minutes-4")).status, StepStatus::Done);
    QCOMPARE(progress.progress(QStringLiteral("scale-up-2")).status, StepStatus::NotApplicable);
    QCOMPARE(progress.progress(QStringLiteral("scale-up-2")).note, QStringLiteral("traffic normal"));
    QCOMPARE(progress.progress(QStringLiteral("triage-5-minutes-5")).status,
             StepStatus::Todo); // unticked again
    QCOMPARE(progress.progress(QStringLiteral("no-such-step")).status, StepStatus::Todo);
    QCOMPARE(progress.finishedCount(rb.value()), 3);
}

void TstRunbookProgress::otherRunbooksAndKindsAreIgnored()
{
    RunbookProgress progress(QStringLiteral("a.md"));
    TimelineEvent e = makeEvent(EventKind::ChecklistStep, 1, QStringLiteral("bob"), QStringLiteral("x"),
                                QJsonObject{{QStringLiteral("runbook"), QStringLiteral("b.md")},
                                            {QStringLiteral("stepId"), QStringLiteral("s-1")},
                                            {QStringLiteral("state"), QStringLiteral("done")}});
    QCOMPARE(progress.apply(e), QString());
    e.payload.insert(QStringLiteral("runbook"), QStringLiteral("a.md"));
    e.kind = EventKind::Alert;
    QCOMPARE(progress.apply(e), QString());
    e.kind = EventKind::Note; // a note on a step adds to it without changing its state
    e.payload.insert(QStringLiteral("text"), QStringLiteral("checked twice"));
    QCOMPARE(progress.apply(e), QStringLiteral("s-1"));
    QCOMPARE(progress.progress(QStringLiteral("s-1")).notes, QStringList{QStringLiteral("checked twice")});
    QCOMPARE(progress.progress(QStringLiteral("s-1")).status, StepStatus::Todo);
    e.kind = EventKind::ChecklistStep;
    QCOMPARE(progress.apply(e), QStringLiteral("s-1"));
    progress.setRunning(QStringLiteral("s-2"), true);
    QCOMPARE(progress.progress(QStringLiteral("s-2")).status, StepStatus::Running);
    progress.setRunning(QStringLiteral("s-2"), false);
    QCOMPARE(progress.progress(QStringLiteral("s-2")).status, StepStatus::Todo);
}

QTEST_GUILESS_MAIN(TstRunbookProgress)
#include "tst_runbookprogress.moc"
