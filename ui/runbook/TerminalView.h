#pragma once

#include "TerminalBuffer.h"

#include <QPlainTextEdit>
#include <QTimer>

namespace Sitrep::Ui {

// A command's output drawn as a terminal shows it: monospaced, light on dark, with the colours the program
// wrote (TerminalBuffer reads them). Output arriving in bursts is drawn on a zero-timeout timer; the view
// follows the end only while the user sits there.
class TerminalView final : public QPlainTextEdit
{
    Q_OBJECT
public:
    explicit TerminalView(QWidget *parent = nullptr);

    void appendBytes(const QByteArray &bytes);
    void showBytes(const QByteArray &bytes); // replaces what is shown
    void clearTerminal();
    QString terminalText() const { return m_buffer.plainText(); }
    const TerminalBuffer &buffer() const { return m_buffer; }
    // The terminal size this view can show, for the pseudo-terminal of the next run.
    int columns() const;
    int rows() const;

private:
    void render();
    QTextCharFormat formatFor(const Logs::AnsiSpan &span) const;

    TerminalBuffer m_buffer;
    QTimer m_flush;
    int m_shown = 0; // lines currently drawn
};

} // namespace Sitrep::Ui
