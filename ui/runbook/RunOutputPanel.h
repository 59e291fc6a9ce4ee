#pragma once

#include "runbook/SqlResult.h"

#include <QStringList>
#include <QWidget>

class QLabel;
class QLineEdit;
class QStackedWidget;
class QTableView;
class QToolButton;

namespace Sitrep::Ui {

class SqlResultModel;
class TerminalView;

// Under a runbook step: what its command printed, drawn as a terminal (colours included), with an input
// line for a command that waits for input (Enter sends the line, Ctrl+C interrupts, Ctrl+D ends input);
// or, for a SQL step, the rows it returned as a table that copies as TSV.
class RunOutputPanel final : public QWidget
{
    Q_OBJECT
public:
    explicit RunOutputPanel(QWidget *parent = nullptr);

    TerminalView *terminal() const { return m_terminal; }
    QLineEdit *inputLine() const { return m_input; }
    QTableView *table() const { return m_table; }
    SqlResultModel *tableModel() const { return m_model; }

    void clear();
    void appendOutput(const QByteArray &bytes);
    void showOutput(const QByteArray &bytes);
    QString outputText() const;
    // The input line is offered while a command runs on a terminal.
    void setInputEnabled(bool on);
    bool inputEnabled() const;
    void showTable(const Runbook::SqlResult &result);
    bool showsTable() const;
    // The table, or the selected part of it, as TSV on the clipboard.
    void copyTsv();

signals:
    // Bytes for the command's terminal: a line and "\r", "\x03" (Ctrl+C), "\x04" (Ctrl+D).
    void inputTyped(const QByteArray &bytes);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void sendLine();

    QStackedWidget *m_stack = nullptr;
    TerminalView *m_terminal = nullptr;
    QWidget *m_inputRow = nullptr;
    QLineEdit *m_input = nullptr;
    QToolButton *m_ctrlC = nullptr;
    QToolButton *m_ctrlD = nullptr;
    QTableView *m_table = nullptr;
    SqlResultModel *m_model = nullptr;
    QLabel *m_tableSummary = nullptr;
    QStringList m_history; // lines sent during this run, for Up / Down
    int m_historyPos = 0;
};

} // namespace Sitrep::Ui
