#pragma once

#include "logs/AnsiText.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringDecoder>

namespace Sitrep::Ui {

// The scrollback of a command's terminal as the runbook wizard shows it: bytes from a pseudo-terminal or a
// pipe become lines of text with colours. It understands what line-oriented programs write (\r, \n, \b, \t,
// SGR colours, erase in line, cursor moves along the line, as shells, psql, redis-cli and progress bars use
// them); colours are read by the logs module's AnsiText. Screen-drawing sequences are dropped: full-screen
// programs are handed to the user's own terminal instead.
class TerminalBuffer final
{
public:
    struct Line
    {
        QString text;
        QList<Logs::AnsiSpan> spans;
    };

    explicit TerminalBuffer(int maxLines = 20000)
        : m_maxLines(maxLines)
    {}

    void feed(QByteArrayView bytes);
    void clear();
    int lineCount() const { return int(m_lines.size()); }
    Line line(int index) const;
    QString plainText() const;
    // The first line changed since the last markSeen() (lineCount() when none); -1 when lines were dropped
    // from the top, which changes every index.
    int firstChanged() const { return m_firstChanged; }
    void markSeen() { m_firstChanged = int(m_lines.size()); }

private:
    struct Cell
    {
        QChar ch;
        quint16 attr;
    };
    struct Attr
    {
        quint32 fg = 0;
        quint32 bg = 0;
        bool bold = false;
        bool operator==(const Attr &o) const = default;
    };

    void text(const QString &chars);
    void control(char c);
    void csi(QByteArrayView params, char final);
    void sgr(QByteArrayView sequence);
    void newLine();
    void touch(int row);
    QList<Cell> &current();
    quint16 attrIndex(const Attr &a);

    QList<QList<Cell>> m_lines{QList<Cell>()};
    QList<Attr> m_attrs{Attr()};
    Attr m_attr;
    int m_row = 0;
    int m_col = 0;
    int m_firstChanged = 0;
    int m_maxLines;
    QByteArray m_pending; // an escape sequence cut off at the end of the last chunk
    QStringDecoder m_decoder{QStringDecoder::Utf8};
};

} // namespace Sitrep::Ui
