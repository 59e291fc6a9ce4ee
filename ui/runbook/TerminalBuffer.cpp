#include "TerminalBuffer.h"

namespace Sitrep::Ui {

using Logs::AnsiSpan;
using Logs::AnsiText;

namespace {

// The parameters of a CSI sequence ("12;3" -> 12, 3); missing ones are 0.
QList<int> numbers(QByteArrayView params)
{
    QList<int> out;
    int value = 0;
    bool any = false;
    for (const char c : params) {
        if (c >= '0' && c <= '9') {
            value = qMin(value * 10 + (c - '0'), 100000);
            any = true;
        } else if (c == ';') {
            out << (any ? value : 0);
            value = 0;
            any = false;
        }
    }
    if (any || !out.isEmpty())
        out << value;
    return out;
}

} // namespace

void TerminalBuffer::clear()
{
    m_lines = {QList<Cell>()};
    m_attrs = {Attr()};
    m_attr = Attr();
    m_row = 0;
    m_col = 0;
    m_firstChanged = -1;
    m_pending.clear();
    m_decoder.resetState();
}

QList<TerminalBuffer::Cell> &TerminalBuffer::current()
{
    return m_lines[m_row];
}

void TerminalBuffer::touch(int row)
{
    if (m_firstChanged >= 0)
        m_firstChanged = qMin(m_firstChanged, row);
}

quint16 TerminalBuffer::attrIndex(const Attr &a)
{
    const qsizetype i = m_attrs.indexOf(a);
    if (i >= 0)
        return quint16(i);
    if (m_attrs.size() >= 0xffff)
        return 0; // a flood of distinct colours: the rest is drawn plain
    m_attrs.append(a);
    return quint16(m_attrs.size() - 1);
}

void TerminalBuffer::feed(QByteArrayView chunk)
{
    QByteArray bytes = m_pending + chunk.toByteArray();
    m_pending.clear();
    const qsizetype n = bytes.size();
    qsizetype runStart = 0;
    auto flushRun = [&](qsizetype end) {
        if (end > runStart)
            text(m_decoder.decode(QByteArrayView(bytes).sliced(runStart, end - runStart)));
    };
    for (qsizetype i = 0; i < n; ++i) {
        const unsigned char c = static_cast<unsigned char>(bytes.at(i));
        if (c >= 0x20 && c != 0x7f)
            continue;
        flushRun(i);
        if (c == 0x1b) {
            const qsizetype end = AnsiText::sequenceEnd(bytes, i);
            if (end >= n) { // cut off: wait for the rest
                m_pending = bytes.mid(i);
                runStart = n;
                return;
            }
            if (bytes.at(i + 1) == '[') {
                csi(QByteArrayView(bytes).sliced(i + 2, end - i - 2), bytes.at(end));
                if (bytes.at(end) == 'm')
                    sgr(QByteArrayView(bytes).sliced(i, end - i + 1));
            } else if (bytes.at(i + 1) == 'c') {
                clear();
            }
            i = end;
        } else {
            control(char(c));
        }
        runStart = i + 1;
    }
    flushRun(n);
}

void TerminalBuffer::text(const QString &chars)
{
    const quint16 attr = attrIndex(m_attr);
    QList<Cell> &line = current();
    for (const QChar ch : chars) {
        while (line.size() < m_col)
            line.append({QLatin1Char(' '), 0});
        if (m_col < line.size())
            line[m_col] = {ch, attr};
        else
            line.append({ch, attr});
        ++m_col;
    }
    touch(m_row);
}

void TerminalBuffer::newLine()
{
    ++m_row;
    if (m_row >= m_lines.size())
        m_lines.append(QList<Cell>());
    m_col = 0;
    if (m_lines.size() > m_maxLines) {
        const qsizetype drop = m_lines.size() - m_maxLines;
        m_lines.remove(0, drop);
        m_row = qMax(0, m_row - int(drop));
        m_firstChanged = -1;
    }
    touch(m_row);
}

void TerminalBuffer::control(char c)
{
    switch (c) {
    case '\n': // a pipe's newline and a terminal's \r\n both start the next line at its first column
        newLine();
        break;
    case '\r':
        m_col = 0;
        break;
    case '\b':
        m_col = qMax(0, m_col - 1);
        break;
    case '\t':
        text(QString((m_col / 8 + 1) * 8 - m_col, QLatin1Char(' ')));
        break;
    default:
        break; // bell and other controls draw nothing
    }
}

void TerminalBuffer::csi(QByteArrayView params, char final)
{
    const QList<int> p = numbers(params);
    const int n = qMax(1, p.value(0));
    QList<Cell> &line = current();
    switch (final) {
    case 'K': { // erase in line
        const int mode = p.value(0);
        if (mode == 0 && m_col < line.size())
            line.resize(m_col);
        else if (mode == 1)
            for (int i = 0; i < qMin<int>(m_col + 1, int(line.size())); ++i)
                line[i] = {QLatin1Char(' '), 0};
        else if (mode == 2)
            line.clear();
        touch(m_row);
        break;
    }
    case 'C':
        m_col += n;
        break;
    case 'D':
        m_col = qMax(0, m_col - n);
        break;
    case 'G':
        m_col = qMax(0, n - 1);
        break;
    case 'A':
        m_row = qMax(0, m_row - n);
        break;
    case 'B':
        m_row = qMin(int(m_lines.size()) - 1, m_row + n);
        break;
    case 'P': // delete characters at the cursor
        if (m_col < line.size())
            line.remove(m_col, qMin<qsizetype>(n, line.size() - m_col));
        touch(m_row);
        break;
    case '@': // insert blanks at the cursor
        if (m_col <= line.size())
            line.insert(m_col, n, Cell{QLatin1Char(' '), 0});
        touch(m_row);
        break;
    case 'J': // erase below, or the whole screen (`clear`)
        if (p.value(0) >= 2) {
            m_lines = {QList<Cell>()};
            m_row = 0;
            m_col = 0;
            m_firstChanged = -1;
        } else if (p.value(0) == 0) {
            if (m_col < line.size())
                line.resize(m_col);
            m_lines.resize(m_row + 1);
            touch(m_row);
        }
        break;
    default:
        break; // 'm' is handled by sgr(); screen positioning and modes are dropped
    }
}

void TerminalBuffer::sgr(QByteArrayView sequence)
{
    // The logs module reads SGR; it starts from plain attributes, so the current ones are written first.
    QByteArray probe = "\x1b[0m";
    if (m_attr.bold)
        probe += "\x1b[1m";
    auto colour = [&probe](int which, quint32 c) {
        if (c)
            probe += "\x1b[" + QByteArray::number(which) + ";2;" + QByteArray::number((c >> 16) & 0xff) +
                     ';' + QByteArray::number((c >> 8) & 0xff) + ';' + QByteArray::number(c & 0xff) + 'm';
    };
    colour(38, m_attr.fg);
    colour(48, m_attr.bg);
    probe += sequence.toByteArray() + 'x';
    const QList<AnsiSpan> spans = AnsiText::parse(probe, nullptr);
    if (spans.isEmpty())
        return;
    const AnsiSpan &last = spans.last();
    m_attr = Attr{last.fg, last.bg, last.bold};
}

TerminalBuffer::Line TerminalBuffer::line(int index) const
{
    Line out;
    if (index < 0 || index >= m_lines.size())
        return out;
    const QList<Cell> &cells = m_lines.at(index);
    out.text.reserve(cells.size());
    int runStart = 0;
    for (int i = 0; i <= cells.size(); ++i) {
        const bool end = i == cells.size();
        if (!end)
            out.text += cells.at(i).ch;
        if (end || (i > runStart && cells.at(i).attr != cells.at(runStart).attr)) {
            if (i > runStart) {
                const Attr &a = m_attrs.value(cells.at(runStart).attr);
                if (a.fg || a.bg || a.bold)
                    out.spans.append({runStart, i - runStart, a.fg, a.bg, a.bold});
            }
            runStart = i;
        }
    }
    return out;
}

QString TerminalBuffer::plainText() const
{
    QStringList out;
    out.reserve(m_lines.size());
    for (int i = 0; i < m_lines.size(); ++i)
        out << line(i).text;
    while (!out.isEmpty() && out.last().isEmpty())
        out.removeLast();
    return out.join(QLatin1Char('\n'));
}

} // namespace Sitrep::Ui
