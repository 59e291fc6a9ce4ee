#include "RunbookStepModel.h"
#include "RunbookWizard.h"
#include "core/IncidentSession.h"
#include "core/ManualClock.h"
#include "runbook/LocalRunner.h"
#include "runbook/RunbookParser.h"
#include "support/TestEnv.h"

#include <QClipboard>
#include <QFile>
#include <QGuiApplication>
#include <QLabel>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace Sitrep::Core;
using namespace Sitrep::Runbook;
using Sitrep::Ui::RunbookStepModel;
using Sitrep::Ui::RunbookWizard;

// The wizard end to end, offscreen: real LocalRunner, real journal, the safety gate, and state restored
// after reopening.
class TstRunbookWizard : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void walkARunbook();
    void reopenRestoresState();
    void readOnlyAndMissingValues();
    void typedValuesSurviveContextButNotTheIncident();
    void queryStepsAreChartedAndCopied();

private:
    QString status(const QString &stepId) const;
    RunResult run(RunbookWizard &w, const QString &stepId);

    QTemporaryDir m_dir;
    QString m_runbookPath;
    QString m_journalPath;
    QString m_marker;
    ManualClock m_clock;
};

void TstRunbookWizard::initTestCase()
{
    m_runbookPath = m_dir.filePath(QStringLiteral("drill.md"));
    m_journalPath = m_dir.filePath(QStringLiteral("drill.sitrep"));
    m_marker = m_dir.filePath(QStringLiteral("marker"));
    QFile f(m_runbookPath);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("# Drill\n\n## Triage (1 minute)\n\n```bash\n# Say hello\necho hello <namespace>\n# Expected: "
            "hello demo\n```\n\n"
            "- [ ] Told the team\n\n"
            "## Fix\n\n```bash\n# Check first\nls \"$MARKER_DIR\"\n\n# Make the change\ntouch "
            "\"$MARKER_DIR/marker\"\n\n"
            "# Remove it again\nrm -f \"$MARKER_DIR/marker\"\n```\n\n"
            "## Verification\n\n1. Look at the dashboard\n");
}

RunResult TstRunbookWizard::run(RunbookWizard &w, const QString &stepId)
{
    if (!w.selectStep(stepId))
        return {};
    QSignalSpy done(&w, &RunbookWizard::runFinished);
    w.runSelected();
    if (done.isEmpty() && !done.wait(20000))
        return {};
    return done.first().first().value<RunResult>();
}

void TstRunbookWizard::walkARunbook()
{
    Journal journal;
    QVERIFY(journal.open(m_journalPath).ok());
    IncidentSession session(journal, m_clock, QStringLiteral("alice"));
    QVERIFY(session.declare({QStringLiteral("Drill"), QStringLiteral("api-gateway")}).ok());
    LocalRunner runner;
    RunbookWizard w;
    w.resize(1100, 700);
    w.setSession(&session);
    w.setRunner(&runner);
    RunTarget target;
    target.kubeNamespace = QStringLiteral("demo");
    w.setTarget(target);
    w.setValues({{QStringLiteral("namespace"), QStringLiteral("demo")},
                 {QStringLiteral("MARKER_DIR"), m_dir.path()}});
    QList<RunPolicy::Confirmation> asked;
    QString answer;
    bool accept = false;
    w.setConfirmer([&](const RunPolicy::Decision &d, QString *typed) {
        asked << d.confirmation;
        *typed = answer;
        return accept;
    });
    QVERIFY(w.openFile(m_runbookPath));
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));

    // A read runs without asking; output inline, Expected beside it, journaled.
    const RunResult hello = run(w, QStringLiteral("triage-1-minute-1"));
    QVERIFY(hello.ok());
    QCOMPARE(hello.output, QByteArray("hello demo\n"));
    QVERIFY(asked.isEmpty());
    QCOMPARE(w.outputText(), QStringLiteral("hello demo")); // as the terminal view shows it
    QVERIFY(w.findChildren<QLabel *>().size() > 3);
    QCOMPARE(w.model()
                 ->indexForStep(QStringLiteral("triage-1-minute-1"), RunbookStepModel::StatusColumn)
                 .data()
                 .toString(),
             QStringLiteral("done"));
    QCOMPARE(journal.events().last().kind, EventKind::CommandRun);
    QCOMPARE(journal.events().last().payload.value(QLatin1String("command")).toString(),
             QStringLiteral("echo hello demo"));
    // The wall's "next step" rides along: the first unfinished step after this one; opening said the first.
    QCOMPARE(journal.events().last().payload.value(QLatin1String("nextStep")).toString(),
             QStringLiteral("Told the team"));
    bool openedSaysFirst = false;
    for (const TimelineEvent &e : journal.events())
        openedSaysFirst = openedSaysFirst || (e.payload.value(QLatin1String("state")).toString() ==
                                                  QLatin1String("opened") &&
                                              e.payload.value(QLatin1String("nextStep")).toString() ==
                                                  QLatin1String("Say hello"));
    QVERIFY(openedSaysFirst);
    bool budgetShown = false;
    for (QLabel *l : w.findChildren<QLabel *>())
        budgetShown = budgetShown || l->text().startsWith(QLatin1String("Time budget 1:00:"));
    QVERIFY(budgetShown);
    bool expectedShown = false;
    for (QLabel *l : w.findChildren<QLabel *>())
        expectedShown = expectedShown || l->text() == QLatin1String("Expected: hello demo");
    QVERIFY(expectedShown);

    // A change asks for confirmation; refusing runs nothing.
    QSignalSpy finished(&w, &RunbookWizard::runFinished);
    QVERIFY(w.selectStep(QStringLiteral("fix-2")));
    w.runSelected();
    QCOMPARE(asked, QList<RunPolicy::Confirmation>{RunPolicy::Confirmation::Confirm});
    QCOMPARE(w.statusText(), QStringLiteral("Not run: not confirmed"));
    QVERIFY(finished.isEmpty());
    QVERIFY(!QFile::exists(m_marker));
    accept = true;
    QVERIFY(run(w, QStringLiteral("fix-2")).ok());
    QVERIFY(QFile::exists(m_marker));

    // A destructive one needs the right word typed: here the target namespace.
    answer = QStringLiteral("yes");
    w.selectStep(QStringLiteral("fix-3"));
    w.runSelected();
    QCOMPARE(asked.last(), RunPolicy::Confirmation::Typed);
    QCOMPARE(w.statusText(), QStringLiteral("Not run: not confirmed"));
    QVERIFY(QFile::exists(m_marker));
    answer = QStringLiteral("demo");
    QVERIFY(run(w, QStringLiteral("fix-3")).ok());
    QVERIFY(!QFile::exists(m_marker));

    // Checklist tick through the view's model, and N/A with a reason.
    const QModelIndex tick = w.model()->indexForStep(QStringLiteral("triage-1-minute-2"));
    QVERIFY(w.model()->setData(tick, Qt::Checked, Qt::CheckStateRole));
    QCOMPARE(tick.data(Qt::CheckStateRole).toInt(), int(Qt::Checked));
    QCOMPARE(journal.events().last().kind, EventKind::ChecklistStep);
    QVERIFY(w.selectStep(QStringLiteral("verification-1")));
    w.markSelected(QStringLiteral("n/a"), QStringLiteral("no dashboard in the drill"));
    QCOMPARE(w.model()
                 ->indexForStep(QStringLiteral("verification-1"), RunbookStepModel::StatusColumn)
                 .data()
                 .toString(),
             QStringLiteral("n/a"));
    QCOMPARE(w.model()->finishedCount(), 5); // hello, touch, rm, tick, n/a; "ls" never ran
    QVERIFY(w.selectStep(QStringLiteral("fix-1")));
    w.noteSelected(QStringLiteral("ls skipped: the marker dir is known"));
    QCOMPARE(journal.events().last().kind, EventKind::Note);
    bool noteShown = false;
    for (QLabel *l : w.findChildren<QLabel *>())
        noteShown = noteShown || l->text() == QLatin1String("Notes: ls skipped: the marker dir is known");
    QVERIFY(noteShown);

    const QString png =
        Sitrep::Test::outputDir(QStringLiteral("tst_runbookwizard")) + QStringLiteral("/wizard.png");
    QVERIFY(w.grab().save(png));
}

void TstRunbookWizard::reopenRestoresState()
{
    Journal journal;
    QVERIFY(journal.open(m_journalPath).ok()); // written by walkARunbook
    IncidentSession session(journal, m_clock, QStringLiteral("bob"));
    RunbookWizard w;
    w.setSession(&session);
    QVERIFY(w.openFile(m_runbookPath));
    auto state = [&](const char *id) {
        return w.model()->indexForStep(QLatin1String(id), RunbookStepModel::StatusColumn).data().toString();
    };
    QCOMPARE(state("triage-1-minute-1"), QStringLiteral("done"));
    QCOMPARE(state("triage-1-minute-2"), QStringLiteral("done"));
    QCOMPARE(state("fix-1"), QStringLiteral("todo"));
    QCOMPARE(state("fix-3"), QStringLiteral("done"));
    QCOMPARE(state("verification-1"), QStringLiteral("n/a"));
    QCOMPARE(
        w.model()->indexForStep(QStringLiteral("verification-1")).data(RunbookStepModel::NoteRole).toString(),
        QStringLiteral("no dashboard in the drill"));
    QCOMPARE(w.model()
                 ->indexForStep(QStringLiteral("triage-1-minute-1"))
                 .data(RunbookStepModel::OutputRole)
                 .toString(),
             QStringLiteral("hello demo\n"));
    QCOMPARE(
        w.model()->indexForStep(QStringLiteral("fix-1")).data(RunbookStepModel::NotesRole).toStringList(),
        QStringList{QStringLiteral("ls skipped: the marker dir is known")});
}

void TstRunbookWizard::readOnlyAndMissingValues()
{
    LocalRunner runner;
    RunPolicy policy;
    policy.setReadOnly(true);
    RunbookWizard w;
    w.setRunner(&runner);
    w.setPolicy(&policy);
    int asked = 0;
    w.setValueAsker([&](const Placeholder &p) -> std::optional<QString> {
        ++asked;
        if (p.name == QLatin1String("MARKER_DIR"))
            return m_dir.path();
        return std::nullopt;
    });
    QVERIFY(w.openFile(m_runbookPath));
    QVERIFY(w.selectStep(QStringLiteral("triage-1-minute-1")));
    w.runSelected(); // <namespace>: the asker declines
    QCOMPARE(w.statusText(), QStringLiteral("Not run: no value for <namespace>"));
    QSignalSpy finished(&w, &RunbookWizard::runFinished);
    QVERIFY(w.selectStep(QStringLiteral("fix-2")));
    w.runSelected(); // asked once for MARKER_DIR, then refused by read-only mode
    QCOMPARE(asked, 2);
    QVERIFY(w.statusText().startsWith(QLatin1String("Not run: read-only mode")));
    QVERIFY(finished.isEmpty());
    // Without a session the state is kept in the wizard only.
    QVERIFY(run(w, QStringLiteral("fix-1")).ok());
    QCOMPARE(asked, 2); // MARKER_DIR is remembered
    QCOMPARE(
        w.model()->indexForStep(QStringLiteral("fix-1"), RunbookStepModel::StatusColumn).data().toString(),
        QStringLiteral("done"));
}

void TstRunbookWizard::typedValuesSurviveContextButNotTheIncident()
{
    LocalRunner runner;
    RunbookWizard w;
    w.setRunner(&runner);
    int asked = 0;
    w.setValueAsker([&](const Placeholder &) -> std::optional<QString> {
        ++asked;
        return m_dir.path();
    });
    QVERIFY(w.openFile(m_runbookPath));
    QVERIFY(run(w, QStringLiteral("fix-1")).ok());
    QCOMPARE(asked, 1);
    // The cluster reconnects (new context values): what the user typed is not forgotten.
    w.setValues({{QStringLiteral("namespace"), QStringLiteral("demo")}});
    QCOMPARE(w.values().value(QStringLiteral("MARKER_DIR")), m_dir.path());
    QCOMPARE(w.values().value(QStringLiteral("namespace")), QStringLiteral("demo"));
    QVERIFY(run(w, QStringLiteral("fix-1")).ok());
    QCOMPARE(asked, 1);
    // Another incident: typed values are asked again.
    Journal journal;
    QVERIFY(journal.open(m_dir.filePath(QStringLiteral("other.sitrep"))).ok());
    IncidentSession session(journal, m_clock, QStringLiteral("bob"));
    QVERIFY(session.declare({QStringLiteral("Other"), QStringLiteral("api-gateway")}).ok());
    w.setSession(&session);
    QVERIFY(!w.values().contains(QStringLiteral("MARKER_DIR")));
    QVERIFY(run(w, QStringLiteral("fix-1")).ok());
    QCOMPARE(asked, 2);
    w.setSession(nullptr);
}

void TstRunbookWizard::queryStepsAreChartedAndCopied()
{
    const QString path = m_dir.filePath(QStringLiteral("queries.md"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("# Gateway\n\n## Detection\n\n```promql\n# Error "
            "ratio\nsum(rate(http_requests_total{code=~\"5..\"}[5m]))"
            "\n```\n\n## Database checks\n\nAlert: `DbDown`\n\n```sql\nSELECT count(*) FROM "
            "pg_stat_activity;\n```\n");
    f.close();
    RunbookWizard w;
    QVERIFY(w.openFile(path));
    QString query, sql;
    for (const Step *s : w.model()->runbook().allSteps()) {
        if (s->kind == StepKind::Query)
            query = s->id;
        if (s->kind == StepKind::Sql)
            sql = s->id;
    }
    QVERIFY(!query.isEmpty() && !sql.isEmpty());
    QSignalSpy charted(&w, &RunbookWizard::chartRequested);
    QVERIFY(w.selectStep(query));
    w.chartSelected();
    QCOMPARE(charted.size(), 1);
    QCOMPARE(charted.first().at(0).toString(), QStringLiteral("Error ratio"));
    QCOMPARE(charted.first().at(1).toString(),
             QStringLiteral("sum(rate(http_requests_total{code=~\"5..\"}[5m]))"));
    // A SQL step is not charted; it is copied for the database tool.
    QVERIFY(w.selectStep(sql));
    w.chartSelected();
    QCOMPARE(charted.size(), 1);
    w.copySelected();
    QCOMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("SELECT count(*) FROM pg_stat_activity;"));
    // Jumping to the section that handles an alert selects its first step.
    QVERIFY(w.selectSection(QStringLiteral("database-checks")));
    QCOMPARE(w.selectedStepId(), sql);
    QVERIFY(!w.selectSection(QStringLiteral("no-such-section")));
}

QTEST_MAIN(TstRunbookWizard)
#include "tst_runbookwizard.moc"
