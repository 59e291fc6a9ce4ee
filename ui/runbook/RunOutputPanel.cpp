#include "RunOutputPanel.h"

#include "SqlResultModel.h"
#include "TerminalView.h"

#include <QAction>
#include <QClipboard>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStackedWidget>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace Sitrep::Ui {

RunOutputPanel::RunOutputPanel(QWidget *parent)
    : QWidget(parent)
    , m_stack(new QStackedWidget(this))
    , m_terminal(new TerminalView(this))
    , m_model(new SqlResultModel(this))
{
    m_terminal->setObjectName(QStringLiteral("runbookTerminal"));
    m_input = new QLineEdit(this);
    m_input->setObjectName(QStringLiteral("runbookInput"));
    m_input->setFont(m_terminal->font());
    m_input->setPlaceholderText(tr("Input for the running command: Enter sends the line, Ctrl+C interrupts, "
                                   "Ctrl+D ends input"));
    m_input->setAccessibleName(tr("Input for the running command"));
    m_input->installEventFilter(this);
    m_ctrlC = new QToolButton(this);
    m_ctrlC->setText(tr("Ctrl+C"));
    m_ctrlC->setToolTip(tr("Interrupt the command (sends Ctrl+C to its terminal)"));
    m_ctrlD = new QToolButton(this);
    m_ctrlD->setText(tr("Ctrl+D"));
    m_ctrlD->setToolTip(tr("End the command's input (sends Ctrl+D to its terminal)"));
    m_inputRow = new QWidget(this);
    auto *row = new QHBoxLayout(m_inputRow);
    row->setContentsMargins(0, 0, 0, 0);
    auto *prompt = new QLabel(QStringLiteral("\u276F"), m_inputRow);
    prompt->setBuddy(m_input);
    row->addWidget(prompt);
    row->addWidget(m_input, 1);
    row->addWidget(m_ctrlC);
    row->addWidget(m_ctrlD);
    connect(m_input, &QLineEdit::returnPressed, this, &RunOutputPanel::sendLine);
    connect(m_ctrlC, &QToolButton::clicked, this, [this] { emit inputTyped(QByteArrayLiteral("\x03")); });
    connect(m_ctrlD, &QToolButton::clicked, this, [this] { emit inputTyped(QByteArrayLiteral("\x04")); });

    auto *terminalPage = new QWidget(this);
    auto *tl = new QVBoxLayout(terminalPage);
    tl->setContentsMargins(0, 0, 0, 0);
    tl->setSpacing(2);
    tl->addWidget(m_terminal, 1);
    tl->addWidget(m_inputRow);

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("sqlResult"));
    m_table->setModel(m_model);
    m_table->setAccessibleName(tr("Rows the SQL step returned"));
    // Columns as wide as their contents (numbers right-aligned next to their names, as psql shows them), a
    // long value cut at some 60 characters (its whole text is in the tooltip).
    m_table->horizontalHeader()->setStretchLastSection(false);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    auto *copy = new QAction(tr("Copy as TSV"), m_table);
    copy->setShortcut(QKeySequence::Copy);
    copy->setShortcutContext(Qt::WidgetShortcut);
    connect(copy, &QAction::triggered, this, &RunOutputPanel::copyTsv);
    m_table->addAction(copy);
    m_table->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_tableSummary = new QLabel(this);
    auto *copyButton = new QPushButton(tr("Copy as &TSV"), this);
    copyButton->setObjectName(QStringLiteral("copyTsv"));
    connect(copyButton, &QPushButton::clicked, this, &RunOutputPanel::copyTsv);
    auto *tablePage = new QWidget(this);
    auto *tv = new QVBoxLayout(tablePage);
    tv->setContentsMargins(0, 0, 0, 0);
    auto *tableBar = new QHBoxLayout;
    tableBar->addWidget(m_tableSummary, 1);
    tableBar->addWidget(copyButton);
    tv->addLayout(tableBar);
    tv->addWidget(m_table, 1);

    m_stack->addWidget(terminalPage);
    m_stack->addWidget(tablePage);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);
    setInputEnabled(false);
}

void RunOutputPanel::clear()
{
    m_terminal->clearTerminal();
    m_model->clear();
    m_stack->setCurrentIndex(0);
}

void RunOutputPanel::appendOutput(const QByteArray &bytes)
{
    m_stack->setCurrentIndex(0);
    m_terminal->appendBytes(bytes);
}

void RunOutputPanel::showOutput(const QByteArray &bytes)
{
    m_stack->setCurrentIndex(0);
    m_terminal->showBytes(bytes);
}

QString RunOutputPanel::outputText() const
{
    return m_stack->currentIndex() == 1 ? m_model->tsv() : m_terminal->terminalText();
}

void RunOutputPanel::setInputEnabled(bool on)
{
    m_inputRow->setVisible(on);
    m_input->setEnabled(on);
    m_ctrlC->setEnabled(on);
    m_ctrlD->setEnabled(on);
    if (on) {
        m_history.clear();
        m_historyPos = 0;
    } else {
        m_input->clear();
    }
}

bool RunOutputPanel::inputEnabled() const
{
    return m_input->isEnabled();
}

void RunOutputPanel::showTable(const Runbook::SqlResult &result)
{
    m_model->setResult(result);
    QString summary = result.summary();
    if (!result.notes.isEmpty())
        summary += QStringLiteral(" \u2014 ") + result.notes.join(QStringLiteral("; "));
    m_tableSummary->setText(summary);
    m_table->resizeColumnsToContents();
    const int widest = m_table->fontMetrics().averageCharWidth() * 60;
    for (int c = 0; c < m_model->columnCount(); ++c)
        m_table->setColumnWidth(c, std::min(m_table->columnWidth(c), widest));
    m_stack->setCurrentIndex(1);
}

bool RunOutputPanel::showsTable() const
{
    return m_stack->currentIndex() == 1;
}

void RunOutputPanel::copyTsv()
{
    QModelIndexList cells =
        m_table->selectionModel() ? m_table->selectionModel()->selectedIndexes() : QModelIndexList();
    if (cells.size() <= 1)
        cells.clear(); // one cell clicked is no selection: copy the whole table
    QGuiApplication::clipboard()->setText(m_model->tsv(cells));
}

void RunOutputPanel::sendLine()
{
    const QString line = m_input->text();
    if (!line.isEmpty() && (m_history.isEmpty() || m_history.last() != line))
        m_history << line;
    m_historyPos = int(m_history.size());
    m_input->clear();
    emit inputTyped(line.toUtf8() + '\r');
}

bool RunOutputPanel::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_input && event->type() == QEvent::KeyPress) {
        auto *key = static_cast<QKeyEvent *>(event);
        const bool ctrl = key->modifiers() == Qt::ControlModifier;
        if (ctrl && key->key() == Qt::Key_C && !m_input->hasSelectedText()) {
            emit inputTyped(QByteArrayLiteral("\x03"));
            return true;
        }
        if (ctrl && key->key() == Qt::Key_D) {
            // As in a terminal: a partly typed line goes first, then the end of input.
            const QByteArray partial = m_input->text().toUtf8();
            m_input->clear();
            emit inputTyped(partial + '\x04');
            return true;
        }
        if (key->key() == Qt::Key_Up && !m_history.isEmpty()) {
            m_historyPos = qMax(0, m_historyPos - 1);
            m_input->setText(m_history.value(m_historyPos));
            return true;
        }
        if (key->key() == Qt::Key_Down && !m_history.isEmpty()) {
            m_historyPos = qMin(int(m_history.size()), m_historyPos + 1);
            m_input->setText(m_history.value(m_historyPos));
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace Sitrep::Ui
