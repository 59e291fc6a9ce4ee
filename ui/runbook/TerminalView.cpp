#include "TerminalView.h"

#include <QFontDatabase>
#include <QScrollBar>
#include <QTextBlock>

namespace Sitrep::Ui {

namespace {
const QColor kBackground(0x1e, 0x1f, 0x22);
const QColor kForeground(0xd8, 0xd8, 0xd8);

QColor colourOf(quint32 rgb)
{
    return QColor::fromRgb(rgb & 0xffffff);
}
} // namespace

TerminalView::TerminalView(QWidget *parent)
    : QPlainTextEdit(parent)
{
    setReadOnly(true);
    setUndoRedoEnabled(false);
    setLineWrapMode(QPlainTextEdit::WidgetWidth);
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    QPalette p = palette();
    p.setColor(QPalette::Base, kBackground);
    p.setColor(QPalette::Text, kForeground);
    setPalette(p);
    setAccessibleName(tr("Command output"));
    m_flush.setSingleShot(true);
    m_flush.setInterval(0);
    connect(&m_flush, &QTimer::timeout, this, &TerminalView::render);
}

void TerminalView::appendBytes(const QByteArray &bytes)
{
    m_buffer.feed(bytes);
    if (!m_flush.isActive())
        m_flush.start();
}

void TerminalView::showBytes(const QByteArray &bytes)
{
    clearTerminal();
    m_buffer.feed(bytes);
    render();
}

void TerminalView::clearTerminal()
{
    m_buffer.clear();
    QPlainTextEdit::clear();
    m_shown = 0;
    m_buffer.markSeen();
}

int TerminalView::columns() const
{
    const int w = QFontMetrics(font()).horizontalAdvance(QLatin1Char('M'));
    return w > 0 ? qMax(20, (viewport()->width() - 8) / w) : 80;
}

int TerminalView::rows() const
{
    const int h = QFontMetrics(font()).lineSpacing();
    return h > 0 ? qMax(5, viewport()->height() / h) : 24;
}

QTextCharFormat TerminalView::formatFor(const Logs::AnsiSpan &span) const
{
    QTextCharFormat f;
    if (span.fg)
        f.setForeground(colourOf(span.fg));
    if (span.bg)
        f.setBackground(colourOf(span.bg));
    if (span.bold)
        f.setFontWeight(QFont::Bold);
    return f;
}

void TerminalView::render()
{
    QScrollBar *bar = verticalScrollBar();
    const bool atEnd = bar->value() >= bar->maximum() - 2;
    int from = m_buffer.firstChanged();
    if (from < 0 || from > m_shown) { // lines dropped from the top or a reset: draw everything again
        QPlainTextEdit::clear();
        m_shown = 0;
        from = 0;
    }
    QTextCursor c(document());
    c.beginEditBlock();
    if (from < m_shown) { // remove the changed lines, then append them as they are now
        QTextBlock block = document()->findBlockByNumber(from);
        c.setPosition(block.position());
        if (from > 0)
            c.movePosition(QTextCursor::PreviousCharacter); // take the newline before it too
        c.movePosition(QTextCursor::End, QTextCursor::KeepAnchor);
        c.removeSelectedText();
    }
    c.movePosition(QTextCursor::End);
    const QTextCharFormat plain;
    for (int i = from; i < m_buffer.lineCount(); ++i) {
        const TerminalBuffer::Line line = m_buffer.line(i);
        if (i > 0)
            c.insertText(QStringLiteral("\n"), plain);
        int pos = 0;
        for (const Logs::AnsiSpan &s : line.spans) {
            if (s.start > pos)
                c.insertText(line.text.mid(pos, s.start - pos), plain);
            c.insertText(line.text.mid(s.start, s.length), formatFor(s));
            pos = s.start + s.length;
        }
        if (pos < line.text.size())
            c.insertText(line.text.mid(pos), plain);
    }
    c.endEditBlock();
    m_shown = m_buffer.lineCount();
    m_buffer.markSeen();
    if (atEnd)
        bar->setValue(bar->maximum());
}

} // namespace Sitrep::Ui
