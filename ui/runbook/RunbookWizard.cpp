#include "RunbookWizard.h"

#include "RunOutputPanel.h"
#include "RunbookStepModel.h"
#include "TerminalView.h"
#include "core/IncidentSession.h"
#include "runbook/CommandPreparer.h"
#include "runbook/CommandRunner.h"
#include "runbook/RunRecorder.h"
#include "runbook/RunbookParser.h"
#include "runbook/SqlExecutor.h"

#include <QAbstractTextDocumentLayout>
#include <QAction>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QFontDatabase>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSplitter>
#include <QTextBlock>
#include <QTextBrowser>
#include <QToolBar>
#include <QTreeView>
#include <QVBoxLayout>

namespace Sitrep::Ui {

using namespace Sitrep::Runbook;

namespace {
QString clockText(qint64 seconds)
{
    return QStringLiteral("%1:%2").arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0'));
}
} // namespace

RunbookWizard::RunbookWizard(QWidget *parent)
    : QWidget(parent)
    , m_model(new RunbookStepModel(this))
{
    m_policy = &m_defaultPolicy;
    m_clock.start();
    buildUi();
    connect(m_model, &RunbookStepModel::progressChanged, this, &RunbookWizard::updateProgress);
    connect(m_model, &RunbookStepModel::checkRequested, this, [this](const QString &id, bool checked) {
        const Step *s = m_model->runbook().findStep(id);
        record(id, checked ? QStringLiteral("done") : QStringLiteral("todo"), s ? s->text : QString(),
               QString());
    });
    connect(m_model, &QAbstractItemModel::dataChanged, this, [this] { onCurrentChanged(); });
    m_tick.setInterval(1000);
    connect(&m_tick, &QTimer::timeout, this, &RunbookWizard::updateCountdown);
    m_tick.start();
}

RunbookWizard::~RunbookWizard() = default;

void RunbookWizard::setTargetChoices(const QList<Runbook::RunTarget> &targets)
{
    m_targetChoices = targets;
    m_clusterBox->clear();
    for (const Runbook::RunTarget &t : targets)
        m_clusterBox->addItem(tr("on %1").arg(t.cluster.isEmpty() ? t.kubeContext : t.cluster));
    m_clusterAction->setVisible(targets.size() > 1);
    // Keep the cluster chosen before when it is still there, else the first.
    int keep = 0;
    for (int i = 0; i < targets.size(); ++i)
        if (targets.at(i).kubeconfig + QLatin1Char('\n') + targets.at(i).kubeContext == m_chosenCluster)
            keep = i;
    if (!targets.isEmpty()) {
        m_clusterBox->setCurrentIndex(keep);
        chooseTarget(keep);
    }
}

void RunbookWizard::chooseTarget(int i)
{
    if (i < 0 || i >= m_targetChoices.size())
        return;
    const Runbook::RunTarget &t = m_targetChoices.at(i);
    // The machine (this one or the bastion) stays; only the cluster changes.
    m_target.kubeconfig = t.kubeconfig;
    m_target.kubeContext = t.kubeContext;
    m_target.kubeNamespace = t.kubeNamespace;
    m_target.cluster = t.cluster;
    m_chosenCluster = t.kubeconfig + QLatin1Char('\n') + t.kubeContext;
    m_context.insert(QStringLiteral("context"), t.kubeContext);
    m_context.insert(QStringLiteral("namespace"), t.kubeNamespace);
    if (m_targetChoices.size() > 1)
        setStatus(tr("Commands run on %1").arg(m_target.describe()));
}

void RunbookWizard::buildUi()
{
    m_tree = new QTreeView(this);
    m_tree->setModel(m_model);
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->header()->setStretchLastSection(false);
    m_tree->setIndentation(14);
    m_tree->header()->setSectionResizeMode(RunbookStepModel::TextColumn, QHeaderView::Stretch);
    m_tree->header()->setSectionResizeMode(RunbookStepModel::StatusColumn, QHeaderView::ResizeToContents);
    m_tree->header()->setSectionResizeMode(RunbookStepModel::RiskColumn, QHeaderView::ResizeToContents);
    // Each step's name stays readable: the list is never narrower than a name of some 24 characters beside
    // its state and risk (the console tabs other panes rather than squeeze this one).
    m_tree->setMinimumWidth(m_tree->fontMetrics().averageCharWidth() * 44);
    m_tree->setAccessibleName(tr("Runbook steps"));
    m_progress = new QLabel(this);

    m_countdown = new QLabel(this);
    m_text = new QTextBrowser(this);
    m_text->setOpenExternalLinks(true);
    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_command = new QPlainTextEdit(this);
    m_command->setReadOnly(true);
    m_command->setFont(mono);
    m_command->setMaximumHeight(120);
    m_command->setAccessibleName(tr("Command"));
    m_expected = new QLabel(this);
    m_expected->setWordWrap(true);
    m_run = new QPushButton(tr("&Run"), this);
    m_cancel = new QPushButton(tr("&Cancel run"), this);
    m_done = new QPushButton(tr("Mark &done"), this);
    m_skip = new QPushButton(tr("&Skip..."), this);
    m_na = new QPushButton(tr("&N/A..."), this);
    m_note = new QPushButton(tr("N&ote..."), this);
    m_chart = new QPushButton(tr("C&hart"), this);
    m_chart->setToolTip(tr("Draw this query on the charts pane"));
    m_copy = new QPushButton(tr("Cop&y"), this);
    m_copy->setToolTip(tr("Copy the command or query as the runbook writes it"));
    m_notes = new QLabel(this);
    m_notes->setWordWrap(true);
    m_dryRun = new QCheckBox(tr("Dry run (server)"), this);
    m_dryRun->setToolTip(tr("Adds --dry-run=server to kubectl commands that change something"));
    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_output = new RunOutputPanel(this);
    m_output->setObjectName(QStringLiteral("runbookOutput"));
    connect(m_output, &RunOutputPanel::inputTyped, this, [this](const QByteArray &bytes) {
        if (m_runner && !m_runningStep.isEmpty())
            m_runner->writeInput(bytes);
    });
    m_sql = new SqlExecutor(this);
    connect(m_sql, &SqlExecutor::finished, this, &RunbookWizard::onSqlFinished);

    // A tool bar: in a narrow dock the buttons that do not fit go behind its » button.
    auto *buttons = new QToolBar(this);
    buttons->setObjectName(QStringLiteral("runbookButtons"));
    for (QWidget *w : std::initializer_list<QWidget *>{m_run, m_chart, m_cancel, m_done, m_skip, m_na, m_note,
                                                       m_copy, m_dryRun})
        buttons->addWidget(w);
    m_clusterBox = new QComboBox(this);
    m_clusterBox->setObjectName(QStringLiteral("runbookCluster"));
    m_clusterBox->setAccessibleName(tr("Cluster the commands run against"));
    m_clusterBox->setToolTip(tr("The cluster this runbook's commands run against (kubectl --context)"));
    m_clusterAction = buttons->addWidget(m_clusterBox);
    m_clusterAction->setVisible(false);
    connect(m_clusterBox, &QComboBox::activated, this, &RunbookWizard::chooseTarget);

    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(m_tree);
    leftLayout->addWidget(m_progress);
    auto *right = new QWidget(this);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(m_countdown);
    rightLayout->addWidget(m_text, 2);
    rightLayout->addWidget(m_command);
    rightLayout->addWidget(m_expected);
    rightLayout->addWidget(m_notes);
    rightLayout->addWidget(buttons);
    rightLayout->addWidget(m_status);
    rightLayout->addWidget(m_output, 2);
    auto *split = new QSplitter(this);
    split->addWidget(left);
    split->addWidget(right);
    // The step list gets the larger share (3:2) so that step names stay readable next to the step's text,
    // buttons and output.
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setSizes({600, 400});
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(split);

    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &RunbookWizard::onCurrentChanged);
    connect(m_run, &QPushButton::clicked, this, &RunbookWizard::runSelected);
    connect(m_cancel, &QPushButton::clicked, this, &RunbookWizard::cancelRun);
    connect(m_done, &QPushButton::clicked, this, [this] { markSelected(QStringLiteral("done")); });
    connect(m_chart, &QPushButton::clicked, this, &RunbookWizard::chartSelected);
    connect(m_copy, &QPushButton::clicked, this, &RunbookWizard::copySelected);
    connect(m_note, &QPushButton::clicked, this, [this] {
        bool ok = false;
        const QString note =
            QInputDialog::getMultiLineText(this, tr("Note"), tr("Note on this step:"), QString(), &ok);
        if (ok)
            noteSelected(note);
    });
    for (auto [button, state] :
         {std::pair{m_skip, QStringLiteral("skipped")}, std::pair{m_na, QStringLiteral("n/a")}}) {
        connect(button, &QPushButton::clicked, this, [this, state] {
            bool ok = false;
            const QString why =
                QInputDialog::getText(this, tr("Why?"), tr("Reason for marking this step %1:").arg(state),
                                      QLineEdit::Normal, QString(), &ok);
            if (ok)
                markSelected(state, why);
        });
    }
    onCurrentChanged();
}

QMap<QString, QString> RunbookWizard::values() const
{
    QMap<QString, QString> out = m_asked;
    for (auto it = m_context.cbegin(); it != m_context.cend(); ++it)
        out.insert(it.key(), it.value());
    return out;
}

void RunbookWizard::setSession(Core::IncidentSession *session)
{
    if (m_session)
        disconnect(&m_session->journal(), nullptr, this, nullptr);
    if (m_session != session)
        m_asked.clear(); // what was typed for one incident is not assumed for the next
    m_session = session;
    if (!session)
        return;
    connect(&session->journal(), &Core::Journal::eventsAppended, this,
            [this](const QList<Core::TimelineEvent> &events) { m_model->applyEvents(events); });
    m_model->applyEvents(session->journal().events());
}

void RunbookWizard::setRunner(CommandRunner *runner)
{
    if (m_runner)
        disconnect(m_runner, nullptr, this, nullptr);
    m_runner = runner;
    if (!runner)
        return;
    connect(runner, &CommandRunner::output, this, &RunbookWizard::onOutput);
    connect(runner, &CommandRunner::finished, this, &RunbookWizard::onFinished);
}

bool RunbookWizard::openFile(const QString &path, QString *error)
{
    const auto r = RunbookParser::parseFile(path);
    if (!r.ok()) {
        if (error)
            *error = r.error().text();
        setStatus(r.error().text());
        return false;
    }
    openRunbook(r.value(), path);
    return true;
}

void RunbookWizard::openRunbook(const Runbook::Runbook &runbook, const QString &key)
{
    m_key = key;
    m_sectionEntered.clear();
    m_model->setRunbook(runbook, key);
    if (m_session) {
        const QList<Core::TimelineEvent> events = m_session->journal().events();
        m_model->applyEvents(events); // state lives in the journal
        const bool opened = std::any_of(events.cbegin(), events.cend(), [&key](const Core::TimelineEvent &e) {
            return e.kind == Core::EventKind::ChecklistStep &&
                   e.payload.value(QLatin1String("state")).toString() == QLatin1String("opened") &&
                   e.payload.value(QLatin1String("runbook")).toString() == key;
        });
        QString phase;
        for (const Section &section : runbook.sections) {
            if (phase.isEmpty() && section.phase != Phase::Unknown)
                phase = Runbook::phaseName(section.phase);
        }
        if (!opened) {
            // The first unfinished step is what comes next (the wall says so until a step is touched).
            if (auto r = RunRecorder(*m_session)
                             .withProgress({{QStringLiteral("nextStep"), nextStepAfter({}, false)}})
                             .recordOpened(key, runbook.title, int(runbook.allSteps().size()), phase);
                !r)
                setStatus(tr("Opening the runbook was not recorded: %1").arg(r.error().message));
        }
    }
    m_tree->expandAll();
    m_tree->setCurrentIndex(m_model->index(0, 0));
}

bool RunbookWizard::selectStep(const QString &stepId)
{
    const QModelIndex i = m_model->indexForStep(stepId);
    if (!i.isValid())
        return false;
    m_tree->setCurrentIndex(i);
    return true;
}

bool RunbookWizard::selectPhase(Phase phase)
{
    for (const Section &section : m_model->runbook().sections) {
        for (const Step &step : section.steps) {
            const Phase p = step.phase != Phase::Unknown ? step.phase : section.phase;
            if (p == phase)
                return selectStep(step.id);
        }
    }
    return false;
}

bool RunbookWizard::selectSection(const QString &anchor)
{
    const QList<Section> &sections = m_model->runbook().sections;
    for (qsizetype i = 0; i < sections.size(); ++i) {
        if (sections[i].anchor != anchor)
            continue;
        // The section's own steps, else the first step of its subsections.
        for (qsizetype j = i; j < sections.size() && (j == i || sections[j].level > sections[i].level); ++j) {
            if (!sections[j].steps.isEmpty())
                return selectStep(sections[j].steps.first().id);
        }
        return false;
    }
    return false;
}

void RunbookWizard::chartSelected()
{
    const Step *step = m_model->stepAt(m_tree->currentIndex());
    if (!step || step->kind != StepKind::Query)
        return;
    const QString title =
        step->comment.isEmpty() ? step->command.section(QLatin1Char('\n'), 0, 0) : step->comment;
    emit chartRequested(title, step->command);
    setStatus(tr("Charted: %1").arg(title));
}

void RunbookWizard::copySelected()
{
    const Step *step = m_model->stepAt(m_tree->currentIndex());
    if (!step || step->command.isEmpty())
        return;
    QGuiApplication::clipboard()->setText(step->command);
    setStatus(tr("Copied to the clipboard"));
}

QString RunbookWizard::selectedStepId() const
{
    const Step *s = m_model->stepAt(m_tree->currentIndex());
    return s ? s->id : QString();
}

QString RunbookWizard::statusText() const
{
    return m_status->text();
}

QString RunbookWizard::outputText() const
{
    return m_output->outputText();
}

void RunbookWizard::onCurrentChanged()
{
    const QModelIndex current = m_tree->currentIndex();
    const Section *section = m_model->sectionAt(current);
    const Step *step = m_model->stepAt(current);
    if (section && !m_sectionEntered.contains(section->anchor))
        m_sectionEntered.insert(section->anchor, m_clock.elapsed());
    m_text->setMarkdown(section ? section->markdown : QString());
    scrollTextTo(step);
    m_command->setPlainText(step ? (step->command.isEmpty() ? step->text : step->command) : QString());
    m_command->setVisible(step != nullptr);
    m_expected->setText(step && !step->expected.isEmpty() ? tr("Expected: %1").arg(step->expected)
                                                          : QString());
    const bool running = !m_runningStep.isEmpty();
    if (step && step->id != m_runningStep) {
        const StepProgress p = m_model->progress().progress(step->id);
        m_output->showOutput(p.output.toUtf8());
    }
    m_run->setEnabled(
        step && !running &&
        ((step->kind == StepKind::Command && m_runner) ||
         (step->kind == StepKind::Sql && m_database.isSet() && (m_runner || !m_database.viaKubectl()))));
    m_cancel->setEnabled(running);
    m_chart->setEnabled(step && step->kind == StepKind::Query);
    m_copy->setEnabled(step && !step->command.isEmpty());
    for (QPushButton *b : {m_done, m_skip, m_na, m_note})
        b->setEnabled(step != nullptr);
    const QStringList notes = step ? m_model->progress().progress(step->id).notes : QStringList();
    m_notes->setText(notes.isEmpty() ? QString() : tr("Notes: %1").arg(notes.join(QStringLiteral(" / "))));
    updateCountdown();
}

void RunbookWizard::scrollTextTo(const Step *step)
{
    // A long section would hide a later step's block below the fold: the text starts at the paragraph that
    // introduces the step's code block.
    if (!step || step->command.isEmpty())
        return;
    QTextDocument *doc = m_text->document();
    const QTextCursor found = doc->find(step->command.section(QLatin1Char('\n'), 0, 0).trimmed());
    if (found.isNull())
        return;
    const auto isCode = [](const QTextBlock &b) {
        return b.blockFormat().hasProperty(QTextFormat::BlockCodeFence) ||
               b.blockFormat().nonBreakableLines();
    };
    QTextBlock block = found.block();
    while (block.previous().isValid() && isCode(block.previous()) &&
           !block.previous().text().trimmed().isEmpty())
        block = block.previous();
    if (block.previous().isValid() && !isCode(block.previous()))
        block = block.previous();
    m_text->verticalScrollBar()->setValue(int(doc->documentLayout()->blockBoundingRect(block).top()));
}

void RunbookWizard::updateProgress(int finished, int total)
{
    m_progress->setText(tr("%1 of %2 steps done").arg(finished).arg(total));
}

void RunbookWizard::updateCountdown()
{
    const Section *section = m_model->sectionAt(m_tree->currentIndex());
    if (!section || section->timeBudgetSeconds <= 0) {
        m_countdown->clear();
        return;
    }
    const qint64 spent =
        (m_clock.elapsed() - m_sectionEntered.value(section->anchor, m_clock.elapsed())) / 1000;
    const qint64 left = section->timeBudgetSeconds - spent;
    m_countdown->setText(
        left >= 0
            ? tr("Time budget %1: %2 left").arg(clockText(section->timeBudgetSeconds), clockText(left))
            : tr("Time budget %1: over by %2").arg(clockText(section->timeBudgetSeconds), clockText(-left)));
}

void RunbookWizard::setStatus(const QString &text)
{
    m_status->setText(text);
}

bool RunbookWizard::confirm(const RunPolicy::Decision &d)
{
    QString typed;
    if (m_confirmer)
        return m_confirmer(d, &typed) && RunPolicy::confirms(d, typed);
    if (d.confirmation == RunPolicy::Confirmation::Confirm) {
        return QMessageBox::question(this, tr("Run this command?"), d.prompt,
                                     QMessageBox::Yes | QMessageBox::No, QMessageBox::No) == QMessageBox::Yes;
    }
    bool ok = false;
    typed = QInputDialog::getText(this, tr("Destructive command"),
                                  d.prompt + tr("\n\nType %1 to run it:").arg(d.typedWord), QLineEdit::Normal,
                                  QString(), &ok);
    return ok && RunPolicy::confirms(d, typed);
}

void RunbookWizard::runSelected()
{
    const Step *step = m_model->stepAt(m_tree->currentIndex());
    if (!step || !m_runningStep.isEmpty())
        return;
    const bool sql = step->kind == StepKind::Sql;
    if (sql && !m_database.isSet()) {
        setStatus(
            tr("Not run: this environment names no database; add one under Connections, or copy the SQL "
               "into your database tool"));
        return;
    }
    if ((!sql && step->kind != StepKind::Command) || (!m_runner && (!sql || m_database.viaKubectl())))
        return;
    // Ask once per incident for what the context does not know; secrets stay in memory only.
    for (const Placeholder &p : step->placeholders) {
        const QMap<QString, QString> known = values();
        if (known.contains(p.name) || (!p.contextKey.isEmpty() && !known.value(p.contextKey).isEmpty()))
            continue;
        std::optional<QString> v;
        if (m_asker) {
            v = m_asker(p);
        } else {
            bool ok = false;
            const QString text = QInputDialog::getText(
                this, tr("Value needed"), tr("Value for %1:").arg(p.token),
                p.type == Placeholder::Type::Secret ? QLineEdit::Password : QLineEdit::Normal, QString(),
                &ok);
            if (ok)
                v = text;
        }
        if (!v) {
            setStatus(tr("Not run: no value for %1").arg(p.token));
            return;
        }
        m_asked.insert(p.name, *v);
    }
    const auto prepared =
        sql ? CommandPreparer::prepareSql(*step, values(), m_database)
            : CommandPreparer::prepare(*step, values(), m_dryRun->isChecked() || m_policy->dryRun());
    if (!prepared.ok()) {
        setStatus(tr("Not run: %1").arg(prepared.error().message));
        return;
    }
    const RunPolicy::Decision d = m_policy->decide(prepared.value(), m_target);
    if (!d.allowed) {
        setStatus(tr("Not run: %1").arg(d.reason));
        return;
    }
    if (d.confirmation != RunPolicy::Confirmation::None && !confirm(d)) {
        setStatus(tr("Not run: not confirmed"));
        return;
    }
    if (m_session) {
        // Fail closed: a command whose record cannot be written does not touch production.
        if (auto r = RunRecorder(*m_session)
                         .recordIntent(m_key, prepared.value(),
                                       prepared->where.isEmpty() ? m_target.describe() : prepared->where);
            !r) {
            setStatus(tr("Not run: %1").arg(r.error().message));
            return;
        }
    }
    m_runningStep = step->id;
    m_runningCommand = prepared.value();
    m_output->clear();
    m_model->setRunning(step->id, true);
    if (sql) {
        setStatus(
            tr("Running on %1: %2").arg(m_database.describe(), prepared->display.simplified().left(200)));
        m_sql->setCommandRunner(m_runner);
        m_sql->start(prepared.value(), m_database, m_target);
        onCurrentChanged();
        return;
    }
    setStatus(prepared->terminal == TerminalUse::FullScreen
                  ? tr("Opening in your terminal emulator: %1").arg(prepared->display)
                  : tr("Running on %1: %2").arg(m_target.describe(), prepared->display));
    RunRequest request;
    request.prepared = prepared.value();
    request.target = m_target;
    request.columns = m_output->terminal()->columns();
    request.rows = m_output->terminal()->rows();
    m_runner->start(request);
    m_output->setInputEnabled(m_runner && m_runner->acceptsInput());
    onCurrentChanged();
}

void RunbookWizard::cancelRun()
{
    if (m_sql->isRunning())
        m_sql->cancel();
    else if (m_runner && !m_runningStep.isEmpty())
        m_runner->cancel();
}

void RunbookWizard::onOutput(const QString &stepId, const QByteArray &chunk, bool)
{
    if (stepId != m_runningStep || selectedStepId() != stepId)
        return;
    m_output->appendOutput(chunk);
}

void RunbookWizard::onFinished(const RunResult &result)
{
    if (result.stepId != m_runningStep)
        return;
    const QString stepId = m_runningStep;
    m_runningStep.clear();
    m_output->setInputEnabled(false);
    m_model->setRunning(stepId, false);
    recordRun(m_runningCommand, result);
    QString status;
    if (result.handedOff)
        status = tr("Opened in %1: the command runs there. Mark the step done when it has done its job.")
                     .arg(result.terminalProgram);
    else if (!result.started)
        status = tr("Did not run: %1").arg(result.error);
    else if (result.cancelled || result.timedOut)
        status = result.error;
    else
        status =
            tr("Exit code %1 after %2 s").arg(result.exitCode).arg(result.durationMs / 1000.0, 0, 'f', 1);
    if (result.truncated)
        status += tr(" (output cut after %1 bytes)").arg(result.output.size());
    setStatus(status);
    onCurrentChanged();
    emit runFinished(result);
}

void RunbookWizard::onSqlFinished(const RunResult &result, const SqlResult &table)
{
    if (result.stepId != m_runningStep)
        return;
    m_runningStep.clear();
    m_model->setRunning(result.stepId, false);
    recordRun(m_runningCommand, result);
    if (!result.ok()) {
        setStatus(result.started || !result.error.isEmpty() ? tr("SQL failed: %1").arg(result.error)
                                                            : tr("Did not run"));
        onCurrentChanged();
        m_output->showOutput(result.error.toUtf8());
    } else {
        setStatus(tr("%1 in %2 s on %3")
                      .arg(table.summary())
                      .arg(result.durationMs / 1000.0, 0, 'f', 1)
                      .arg(result.where));
        onCurrentChanged();
        if (table.hasTable())
            m_output->showTable(table);
        else
            m_output->showOutput(table.summary().toUtf8() + '\n' +
                                 table.notes.join(QLatin1Char('\n')).toUtf8());
    }
    emit runFinished(result);
}

void RunbookWizard::recordRun(const PreparedCommand &prepared, const RunResult &result)
{
    if (m_session) {
        const auto r = RunRecorder(*m_session)
                           .withProgress(progressAfter(prepared.stepId, result.ok()))
                           .recordRun(m_key, prepared, result, m_runner ? m_runner->kind() : QString());
        if (!r.ok())
            setStatus(tr("Could not record the run: %1").arg(r.error().text()));
        return;
    }
    applyLocal(Core::makeEvent(
        Core::EventKind::CommandRun, m_clock.elapsed(), QString(), QString(),
        QJsonObject{{QStringLiteral("runbook"), m_key},
                    {QStringLiteral("stepId"), prepared.stepId},
                    {QStringLiteral("started"), result.started},
                    {QStringLiteral("exitCode"), result.exitCode},
                    {QStringLiteral("cancelled"), result.cancelled},
                    {QStringLiteral("timedOut"), result.timedOut},
                    {QStringLiteral("output"), RunRecorder::excerpt(QString::fromUtf8(result.output))}}));
}

void RunbookWizard::markSelected(const QString &state, const QString &note)
{
    const Step *step = m_model->stepAt(m_tree->currentIndex());
    if (step)
        record(step->id, state, step->text, note);
}

void RunbookWizard::noteSelected(const QString &note)
{
    const Step *step = m_model->stepAt(m_tree->currentIndex());
    if (!step || note.trimmed().isEmpty())
        return;
    if (m_session) {
        const auto r = RunRecorder(*m_session).recordNote(m_key, step->id, step->text, note);
        if (!r.ok())
            setStatus(tr("Could not record the note: %1").arg(r.error().text()));
        return;
    }
    applyLocal(Core::makeEvent(Core::EventKind::Note, m_clock.elapsed(), QString(), QString(),
                               QJsonObject{{QStringLiteral("runbook"), m_key},
                                           {QStringLiteral("stepId"), step->id},
                                           {QStringLiteral("text"), note.trimmed()}}));
}

void RunbookWizard::record(const QString &stepId, const QString &state, const QString &text,
                           const QString &note)
{
    if (m_session) {
        const auto r = RunRecorder(*m_session)
                           .withProgress(progressAfter(stepId, state != QLatin1String("todo")))
                           .recordStep(m_key, stepId, state, text, note);
        if (!r.ok())
            setStatus(tr("Could not record the step: %1").arg(r.error().text()));
        return;
    }
    applyLocal(Core::makeEvent(Core::EventKind::ChecklistStep, m_clock.elapsed(), QString(), QString(),
                               QJsonObject{{QStringLiteral("runbook"), m_key},
                                           {QStringLiteral("stepId"), stepId},
                                           {QStringLiteral("state"), state},
                                           {QStringLiteral("note"), note}}));
}

QJsonObject RunbookWizard::progressAfter(const QString &stepId, bool finished) const
{
    const Runbook::Runbook &rb = m_model->runbook();
    int done = m_model->progress().finishedCount(rb);
    const StepStatus st = m_model->progress().progress(stepId).status;
    const bool was = st == StepStatus::Done || st == StepStatus::Skipped || st == StepStatus::NotApplicable;
    done += (finished && !was) ? 1 : (!finished && was) ? -1 : 0;
    QString phase;
    for (const Section &section : rb.sections) {
        for (const Step &step : section.steps) {
            if (step.id == stepId)
                phase = Runbook::phaseName(step.phase != Phase::Unknown ? step.phase : section.phase);
        }
    }
    return {{QStringLiteral("runbookTitle"), rb.title},
            {QStringLiteral("phase"), phase},
            {QStringLiteral("done"), done},
            {QStringLiteral("total"), int(rb.allSteps().size())},
            {QStringLiteral("nextStep"), nextStepAfter(stepId, finished)}};
}

QString RunbookWizard::nextStepAfter(const QString &stepId, bool finished) const
{
    // What the wall shows as next: the first unfinished step after this one in the document, else the first
    // unfinished one from the top (with this step as it will be once recorded).
    const QList<const Step *> steps = m_model->runbook().allSteps();
    auto open = [&](const Step *s) {
        if (s->id == stepId)
            return !finished;
        const StepStatus st = m_model->progress().progress(s->id).status;
        return st != StepStatus::Done && st != StepStatus::Skipped && st != StepStatus::NotApplicable;
    };
    qsizetype at = -1;
    for (qsizetype i = 0; i < steps.size(); ++i) {
        if (steps[i]->id == stepId)
            at = i;
    }
    for (qsizetype n = 1; n <= steps.size(); ++n) {
        const Step *s = steps[(at + n) % steps.size()];
        if (open(s))
            return (s->text.isEmpty() ? s->command : s->text).section(QLatin1Char('\n'), 0, 0);
    }
    return {};
}

void RunbookWizard::applyLocal(const Core::TimelineEvent &event)
{
    Core::TimelineEvent e = event;
    e.id = ++m_localEventId;
    m_model->applyEvents({e});
}

} // namespace Sitrep::Ui
