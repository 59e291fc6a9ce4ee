// The runbook wizard as a commander uses it against the simulated cluster with the real kubectl, offscreen:
// an -it step drawn as a terminal, a program that waits for input answered from the input line (Ctrl+D ends
// it), a SQL step's rows as a table that copies as TSV, a full-screen step handed to the terminal emulator.
// PNGs of each land in test-output/runbook-wizard (and docs/ when SITREP_UPDATE_DOCS is set).
#include "DemoCluster.h"
#include "RunOutputPanel.h"
#include "RunbookStepModel.h"
#include "RunbookWizard.h"
#include "SqlResultModel.h"
#include "TerminalView.h"
#include "runbook/LocalRunner.h"
#include "sim/SimServer.h"
#include "support/TestEnv.h"

#include <QClipboard>
#include <QDir>
#include <QFile>
#include <QGuiApplication>
#include <QLineEdit>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>

using namespace Sitrep::Runbook;
using Sitrep::Sim::SimServer;
using Sitrep::Ui::RunbookWizard;

class TstWizardOnSim : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void itStepDrawnAsATerminal();
    void inputLineAnswersAWaitingProgram();
    void sqlStepShowsATable();
    void fullScreenStepIsHandedOff();

private:
    RunResult runStep(const QString &stepId);
    void shoot(const QString &name);
    void openDemoRunbook();

    QTemporaryDir m_dir;
    std::unique_ptr<SimServer> m_sim;
    std::unique_ptr<LocalRunner> m_runner;
    std::unique_ptr<RunbookWizard> m_wizard;
    RunTarget m_target;
};

void TstWizardOnSim::initTestCase()
{
    QVERIFY2(!Sitrep::Test::findProgram(QStringLiteral("kubectl")).isEmpty(), "kubectl 1.32 is preinstalled");
    QVERIFY(m_dir.isValid());
    m_sim = std::make_unique<SimServer>();
    const auto target = Sitrep::Test::startDemoCluster(*m_sim, m_dir.path());
    QVERIFY2(target.ok(), qPrintable(target.ok() ? QString() : target.error().text()));
    m_target = target.value();
    m_runner = std::make_unique<LocalRunner>();
    m_wizard = std::make_unique<RunbookWizard>();
    m_wizard->resize(1280, 820);
    m_wizard->setRunner(m_runner.get());
    m_wizard->setTarget(m_target);
    m_wizard->setValues({{QStringLiteral("namespace"), QStringLiteral("demo")}});
    DatabaseTarget db;
    db.url = QStringLiteral("postgresql://postgres@/orders");
    db.pod = QStringLiteral("demo/postgres-0:postgres");
    m_wizard->setDatabase(db);
    m_wizard->setConfirmer([](const RunPolicy::Decision &d, QString *typed) {
        *typed = d.typedWord;
        return true;
    });
    openDemoRunbook();
    m_wizard->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_wizard.get()));
}

void TstWizardOnSim::openDemoRunbook()
{
    QVERIFY(m_wizard->openFile(QStringLiteral(":/runbooks/api-gateway-crashloop.md")));
}

RunResult TstWizardOnSim::runStep(const QString &stepId)
{
    if (!m_wizard->selectStep(stepId))
        return {};
    QSignalSpy done(m_wizard.get(), &RunbookWizard::runFinished);
    m_wizard->runSelected();
    if (done.isEmpty() && !done.wait(60000))
        return {};
    return done.first().first().value<RunResult>();
}

void TstWizardOnSim::shoot(const QString &name)
{
    QCoreApplication::processEvents(); // the terminal view draws on a zero-timeout timer
    const QImage image = m_wizard->grab().toImage();
    QVERIFY(image.save(Sitrep::Test::outputDir(QStringLiteral("runbook-wizard")) + QLatin1Char('/') + name));
    if (qEnvironmentVariableIsSet("SITREP_UPDATE_DOCS"))
        QVERIFY(image.save(Sitrep::Test::sourceDir() + QStringLiteral("/docs/") + name));
}

void TstWizardOnSim::itStepDrawnAsATerminal()
{
    const RunResult r = runStep(QStringLiteral("d-order-backlog-1"));
    QVERIFY2(r.ok(), qPrintable(r.error + QString::fromUtf8(r.output)));
    const auto *panel = m_wizard->outputPanel();
    QTRY_VERIFY(panel->terminal()->terminalText().startsWith(QLatin1String("(integer) ")));
    QVERIFY(
        !panel->terminal()->terminalText().contains(QLatin1Char('\r'))); // a terminal's \r\n read as lines
    QVERIFY(!panel->inputEnabled());                                     // it has ended
    QVERIFY(m_wizard->statusText().startsWith(QLatin1String("Exit code 0")));
    shoot(QStringLiteral("runbook-it-step.png"));
}

void TstWizardOnSim::inputLineAnswersAWaitingProgram()
{
    // A runbook whose step opens redis-cli's prompt in the pod: the commander types at the input line.
    const QString path = m_dir.filePath(QStringLiteral("queue.md"));
    QVERIFY(Sitrep::Test::writeFile(path,
                                    "# Orders queue\n\n## Investigation\n\n```bash\n# Look at the queue in "
                                    "Redis\nkubectl exec -it -n demo deploy/redis -- redis-cli\n```\n"));
    QVERIFY(m_wizard->openFile(path));
    QVERIFY(m_wizard->selectStep(QStringLiteral("investigation-1")));
    QSignalSpy done(m_wizard.get(), &RunbookWizard::runFinished);
    m_wizard->runSelected();
    auto *panel = m_wizard->outputPanel();
    QVERIFY(panel->inputEnabled());
    QTRY_VERIFY_WITH_TIMEOUT(panel->terminal()->terminalText().endsWith(QLatin1String("127.0.0.1:6379> ")),
                             30000);
    QLineEdit *input = panel->inputLine();
    input->setFocus();
    QTest::keyClicks(input, QStringLiteral("LLEN orders"));
    QTest::keyClick(input, Qt::Key_Return);
    QTRY_VERIFY_WITH_TIMEOUT(
        panel->terminal()->terminalText().contains(QLatin1String("LLEN orders\n(integer) ")), 30000);
    QTest::keyClicks(input, QStringLiteral("GET session:42"));
    QTest::keyClick(input, Qt::Key_Return);
    QTRY_VERIFY_WITH_TIMEOUT(panel->terminal()->terminalText().contains(QLatin1String("(nil)")), 30000);
    QTRY_VERIFY(panel->terminal()->terminalText().endsWith(QLatin1String("127.0.0.1:6379> ")));
    QTest::keyClicks(input, QStringLiteral("DBSIZE"));
    shoot(QStringLiteral("runbook-input-line.png"));
    input->clear();
    QTest::keyClick(input, Qt::Key_D, Qt::ControlModifier); // end of input: redis-cli leaves
    QVERIFY(done.wait(30000));
    const auto r = done.first().first().value<RunResult>();
    QVERIFY2(r.ok(), qPrintable(r.error + QString::fromUtf8(r.output)));
    QVERIFY(!panel->inputEnabled());
    openDemoRunbook();
}

void TstWizardOnSim::sqlStepShowsATable()
{
    QString stepId;
    for (const Step *s : m_wizard->model()->runbook().allSteps()) {
        if (stepId.isEmpty() && s->kind == StepKind::Sql)
            stepId = s->id;
    }
    QVERIFY(!stepId.isEmpty());
    const RunResult r = runStep(stepId);
    QVERIFY2(r.ok(), qPrintable(r.error + QString::fromUtf8(r.output)));
    // The section's text is scrolled to the paragraph that introduces the step, below the section's first
    // commands.
    auto *text = m_wizard->findChild<QTextBrowser *>();
    QVERIFY(text);
    QVERIFY(text->verticalScrollBar()->value() > 0);
    const QTextCursor intro = text->document()->find(QStringLiteral("Connections by state: a gateway"));
    QVERIFY(!intro.isNull());
    QVERIFY(text->viewport()->rect().contains(text->cursorRect(intro).topLeft()));
    const auto *panel = m_wizard->outputPanel();
    QVERIFY(panel->showsTable());
    QCOMPARE(panel->tableModel()->columnCount(), 2);
    QCOMPARE(panel->tableModel()->rowCount(), 3);
    // Counts right-aligned as psql shows them, names left-aligned.
    const auto align = [panel](int column) {
        return Qt::Alignment(panel->tableModel()->index(0, column).data(Qt::TextAlignmentRole).toInt());
    };
    QVERIFY(align(1) & Qt::AlignRight);
    QVERIFY(align(0) & Qt::AlignLeft);
    QVERIFY2(m_wizard->statusText().startsWith(QLatin1String("3 rows in")),
             qPrintable(m_wizard->statusText()));
    QVERIFY(m_wizard->statusText().contains(QLatin1String("psql in pod demo/postgres-0")));
    const_cast<Sitrep::Ui::RunOutputPanel *>(panel)->copyTsv();
    QVERIFY(QGuiApplication::clipboard()->text().startsWith(
        QLatin1String("state\tcount\nidle in transaction\t")));
    shoot(QStringLiteral("runbook-sql-step.png"));
}

void TstWizardOnSim::fullScreenStepIsHandedOff()
{
    // A "terminal emulator" that records what it was asked to run.
    const QString term = m_dir.filePath(QStringLiteral("term"));
    QVERIFY(Sitrep::Test::writeFile(
        term,
        QStringLiteral("#!/bin/sh\nprintf '%s\\n' \"$@\" > %1/term-args\n").arg(m_dir.path()).toUtf8()));
    QFile::setPermissions(term, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    qputenv("TERMINAL", term.toUtf8());
    const QString path = m_dir.filePath(QStringLiteral("top.md"));
    QVERIFY(Sitrep::Test::writeFile(path, "# Load\n\n## Investigation\n\n```bash\n# Watch the pods' "
                                          "CPU\nwatch kubectl top pods -n demo\n```\n"));
    QVERIFY(m_wizard->openFile(path));
    const RunResult r = runStep(QStringLiteral("investigation-1"));
    qunsetenv("TERMINAL");
    QVERIFY(r.handedOff);
    QCOMPARE(r.terminalProgram, term);
    QVERIFY2(m_wizard->statusText().startsWith(QStringLiteral("Opened in %1").arg(term)),
             qPrintable(m_wizard->statusText()));
    QTRY_VERIFY(QFile::exists(m_dir.filePath(QStringLiteral("term-args"))));
    openDemoRunbook();
}

QTEST_MAIN(TstWizardOnSim)
#include "tst_wizardonsim.moc"
