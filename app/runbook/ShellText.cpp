#include "runbook/ShellText.h"

#include <QRegularExpression>

#include <vector>

namespace Sitrep::Runbook {

namespace {

// Quoting context while walking shell text: a stack of '\'', '"', '(' (for $( and nested parens), '`'.
class QuoteScanner
{
public:
    // Feeds one character (with the next one for two-character tokens). Returns how many extra
    // characters were consumed (0 or 1).
    int feed(QChar c, QChar next)
    {
        if (m_escape) {
            m_escape = false;
            return 0;
        }
        const QChar top = m_stack.empty() ? QChar() : m_stack.back();
        if (top == QLatin1Char('\'')) {
            if (c == QLatin1Char('\''))
                m_stack.pop_back();
            return 0;
        }
        if (c == QLatin1Char('\\')) {
            m_escape = true;
            return 0;
        }
        if (top == QLatin1Char('`')) {
            if (c == QLatin1Char('`'))
                m_stack.pop_back();
            return 0;
        }
        if (c == QLatin1Char('$') && next == QLatin1Char('(')) {
            m_stack.push_back(QLatin1Char('('));
            return 1;
        }
        if (c == QLatin1Char('`')) {
            m_stack.push_back(c);
            return 0;
        }
        if (top == QLatin1Char('"')) {
            if (c == QLatin1Char('"'))
                m_stack.pop_back();
            return 0;
        }
        if (c == QLatin1Char('\'') || c == QLatin1Char('"')) {
            m_stack.push_back(c);
        } else if (c == QLatin1Char('(') && top == QLatin1Char('(')) {
            m_stack.push_back(c);
        } else if (c == QLatin1Char(')') && top == QLatin1Char('(')) {
            m_stack.pop_back();
        }
        return 0;
    }

    bool topLevel() const { return m_stack.empty() && !m_escape; }
    bool open() const { return !m_stack.empty(); }
    bool escaping() const { return m_escape; }
    void clearEscape() { m_escape = false; }
    QChar top() const { return m_stack.empty() ? QChar() : m_stack.back(); }
    int depth() const { return int(m_stack.size()); }

private:
    std::vector<QChar> m_stack;
    bool m_escape = false;
};

QChar at(const QString &s, qsizetype i)
{
    return i >= 0 && i < s.size() ? s.at(i) : QChar();
}

// Scans one physical line of a command. Returns true when the command goes on to the next line.
bool scanLine(const QString &line, QuoteScanner &q, QString &heredoc)
{
    static const QRegularExpression heredocRe(
        QStringLiteral("^<<-?\\s*['\"]?([A-Za-z_][A-Za-z0-9_]*)['\"]?"));
    bool backslashAtEnd = false;
    for (qsizetype i = 0; i < line.size(); ++i) {
        const QChar c = line.at(i);
        if (q.topLevel()) {
            if (c == QLatin1Char('#') && (i == 0 || at(line, i - 1).isSpace()))
                break; // an inline comment ends the line
            if (c == QLatin1Char('<') && at(line, i + 1) == QLatin1Char('<') && heredoc.isEmpty()) {
                const auto m = heredocRe.match(QStringView(line).mid(i));
                if (m.hasMatch() && at(line, i + 2) != QLatin1Char('<'))
                    heredoc = m.captured(1);
            }
        }
        if (c == QLatin1Char('\\') && i == line.size() - 1 && !q.escaping() && q.top() != QLatin1Char('\''))
            backslashAtEnd = true;
        i += q.feed(c, at(line, i + 1));
    }
    q.clearEscape(); // a backslash before the newline escapes the newline only
    if (backslashAtEnd || q.open())
        return true;
    const QString t = line.trimmed();
    return t.endsWith(QLatin1Char('|')) || t.endsWith(QLatin1String("&&"));
}

QString stripHash(const QString &trimmed)
{
    qsizetype i = 0;
    while (i < trimmed.size() && trimmed.at(i) == QLatin1Char('#'))
        ++i;
    return trimmed.mid(i).trimmed();
}

bool isExpected(const QString &comment)
{
    return comment.startsWith(QLatin1String("Expected"), Qt::CaseInsensitive) &&
           comment.mid(8).trimmed().startsWith(QLatin1Char(':'));
}

QString afterColon(const QString &s)
{
    return s.mid(s.indexOf(QLatin1Char(':')) + 1).trimmed();
}

const QRegularExpression &queryCommentRe()
{
    static const QRegularExpression re(QStringLiteral("^(?:grafana |prometheus |promql )?query:\\s*(.+)$"),
                                       QRegularExpression::CaseInsensitiveOption);
    return re;
}

} // namespace

QList<ShellPiece> ShellText::splitBlock(const QString &block)
{
    QList<ShellPiece> out;
    const QStringList lines = block.split(QLatin1Char('\n'));
    QStringList group; // comment lines not yet assigned
    int groupLine = 0;
    QString label;         // labels the commands after it until a blank line or a new comment
    int lastCommand = -1;  // index in out of the command the group may trail
    bool trailing = false; // the group started right after a command, with no blank line between

    // Comments before a command: "Expected:" lines right after a command belong to it, the rest labels
    // what follows. Comments followed by a blank line: trailing ones annotate the command before them,
    // a standalone group is a manual step.
    auto takeExpected = [&] {
        while (trailing && lastCommand >= 0 && !group.isEmpty() && isExpected(group.first())) {
            QString &e = out[lastCommand].expected;
            e += (e.isEmpty() ? QString() : QStringLiteral("\n")) + afterColon(group.takeFirst());
            ++groupLine;
        }
    };
    auto flushGroup = [&] {
        takeExpected();
        if (group.isEmpty())
            return;
        if (trailing && lastCommand >= 0) {
            QString &n = out[lastCommand].note;
            n += (n.isEmpty() ? QString() : QStringLiteral("\n")) + group.join(QLatin1Char('\n'));
        } else {
            ShellPiece p;
            p.kind = ShellPiece::Kind::Comment;
            p.text = group.join(QLatin1Char('\n'));
            p.lineIndex = groupLine;
            out.append(p);
        }
        group.clear();
    };

    for (int i = 0; i < lines.size(); ++i) {
        const QString trimmed = lines.at(i).trimmed();
        if (trimmed.isEmpty()) {
            flushGroup();
            label.clear();
            trailing = false;
            continue;
        }
        if (trimmed.startsWith(QLatin1Char('#')) && !trimmed.startsWith(QLatin1String("#!"))) {
            const QString c = stripHash(trimmed);
            if (const auto m = queryCommentRe().match(c); m.hasMatch()) {
                ShellPiece p;
                p.kind = ShellPiece::Kind::Query;
                p.text = m.captured(1).trimmed();
                p.comment = group.isEmpty() ? label : group.join(QLatin1Char('\n'));
                p.lineIndex = i;
                out.append(p);
                group.clear(); // the comments above the query name it
                continue;
            }
            if (group.isEmpty())
                groupLine = i;
            group.append(c);
            continue;
        }
        if (trimmed.startsWith(QLatin1String("#!")))
            continue; // a shebang is not a command
        // A command: the comments before it label it (and the ones after it, up to a blank line).
        takeExpected();
        if (!group.isEmpty()) {
            label = group.join(QLatin1Char('\n'));
            group.clear();
        }
        QuoteScanner q;
        QString heredoc;
        QStringList text{lines.at(i)};
        bool more = scanLine(lines.at(i), q, heredoc);
        while (i + 1 < lines.size() && (more || !heredoc.isEmpty())) {
            ++i;
            text.append(lines.at(i));
            if (!more && !heredoc.isEmpty()) {
                if (lines.at(i).trimmed() == heredoc)
                    heredoc.clear();
                continue;
            }
            more = scanLine(lines.at(i), q, heredoc);
        }
        ShellPiece p;
        p.kind = ShellPiece::Kind::Command;
        p.text = text.join(QLatin1Char('\n')).trimmed();
        p.comment = label;
        p.lineIndex = i - int(text.size()) + 1;
        out.append(p);
        lastCommand = int(out.size() - 1);
        trailing = true;
    }
    flushGroup();
    return out;
}

QStringList ShellText::simpleCommands(const QString &command)
{
    QStringList out;
    QStringList nested;
    QuoteScanner q;
    QString current;
    QString inner;
    int captureDepth = -1; // depth of the $( whose contents are being captured
    auto flush = [&] {
        const QString t = current.trimmed();
        if (!t.isEmpty())
            out.append(t);
        current.clear();
    };
    for (qsizetype i = 0; i < command.size(); ++i) {
        const QChar c = command.at(i);
        const QChar next = at(command, i + 1);
        if (c == QLatin1Char('\\') && next == QLatin1Char('\n') && q.top() != QLatin1Char('\'')) {
            current += QLatin1Char(' ');
            if (captureDepth >= 0)
                inner += QLatin1Char(' ');
            ++i;
            continue;
        }
        if (q.topLevel()) {
            const bool redirect =
                c == QLatin1Char('&') && (at(command, i - 1) == QLatin1Char('>') || next == QLatin1Char('>'));
            if ((c == QLatin1Char('|') || c == QLatin1Char(';') || c == QLatin1Char('\n') ||
                 c == QLatin1Char('&')) &&
                !redirect) {
                flush();
                if ((c == QLatin1Char('|') && next == QLatin1Char('|')) ||
                    (c == QLatin1Char('&') && next == QLatin1Char('&')))
                    ++i;
                continue;
            }
            if (c == QLatin1Char('#') && (i == 0 || at(command, i - 1).isSpace())) {
                // comment to the end of the line
                while (i + 1 < command.size() && command.at(i + 1) != QLatin1Char('\n'))
                    ++i;
                continue;
            }
        }
        const int depthBefore = q.depth();
        const int consumed = q.feed(c, next);
        current += c;
        if (consumed)
            current += next;
        if (captureDepth >= 0 && q.depth() < captureDepth) {
            nested.append(simpleCommands(inner));
            inner.clear();
            captureDepth = -1;
        } else if (captureDepth >= 0) {
            inner += c;
            if (consumed)
                inner += next;
        } else if (consumed && q.depth() > depthBefore && c == QLatin1Char('$')) {
            captureDepth = q.depth();
        }
        i += consumed;
    }
    flush();
    if (captureDepth >= 0 && !inner.trimmed().isEmpty())
        nested.append(simpleCommands(inner)); // unbalanced $(: still classify what is there
    out.append(nested);
    return out;
}

QList<QPair<qsizetype, qsizetype>> ShellText::simpleCommandSpans(const QString &command)
{
    QList<QPair<qsizetype, qsizetype>> out;
    QuoteScanner q;
    qsizetype start = 0;
    auto flush = [&](qsizetype end) {
        while (start < end && command.at(start).isSpace())
            ++start;
        qsizetype e = end;
        while (e > start && command.at(e - 1).isSpace())
            --e;
        if (e > start)
            out.append({start, e});
    };
    for (qsizetype i = 0; i < command.size(); ++i) {
        const QChar c = command.at(i);
        const QChar next = at(command, i + 1);
        if (c == QLatin1Char('\\') && next == QLatin1Char('\n') && q.top() != QLatin1Char('\'')) {
            ++i;
            continue;
        }
        if (q.topLevel()) {
            const bool redirect =
                c == QLatin1Char('&') && (at(command, i - 1) == QLatin1Char('>') || next == QLatin1Char('>'));
            if ((c == QLatin1Char('|') || c == QLatin1Char(';') || c == QLatin1Char('\n') ||
                 c == QLatin1Char('&')) &&
                !redirect) {
                flush(i);
                if ((c == QLatin1Char('|') && next == QLatin1Char('|')) ||
                    (c == QLatin1Char('&') && next == QLatin1Char('&')))
                    ++i;
                start = i + 1;
                continue;
            }
            if (c == QLatin1Char('#') && (i == 0 || at(command, i - 1).isSpace())) {
                flush(i);
                while (i + 1 < command.size() && command.at(i + 1) != QLatin1Char('\n'))
                    ++i;
                start = i + 1;
                continue;
            }
        }
        i += q.feed(c, next);
    }
    flush(command.size());
    return out;
}

QStringList ShellText::words(const QString &simpleCommand)
{
    QStringList out;
    QString word;
    bool inWord = false;
    QuoteScanner q;
    for (qsizetype i = 0; i < simpleCommand.size(); ++i) {
        const QChar c = simpleCommand.at(i);
        const QChar next = at(simpleCommand, i + 1);
        const QChar top = q.top();
        if (q.topLevel() && c.isSpace()) {
            if (inWord)
                out.append(word);
            word.clear();
            inWord = false;
            continue;
        }
        inWord = true;
        if (c == QLatin1Char('\\') && top != QLatin1Char('\'') && top != QLatin1Char('(') && !q.escaping()) {
            q.feed(c, next);
            if (next == QLatin1Char('\n')) {
                q.clearEscape();
                ++i;
            }
            continue;
        }
        const bool escaped = q.escaping();
        const int depthBefore = q.depth();
        const int consumed = q.feed(c, next);
        // Quote characters that open or close a top-level quote are removed; everything inside $( ) stays.
        const bool quoteChar = !escaped && (c == QLatin1Char('\'') || c == QLatin1Char('"')) &&
                               ((depthBefore == 0 && q.depth() == 1) || (depthBefore == 1 && q.depth() == 0));
        if (!quoteChar)
            word += c;
        if (consumed) {
            word += next;
            ++i;
        }
    }
    if (inWord)
        out.append(word);
    return out;
}

QString ShellText::singleQuote(const QString &value)
{
    static const QRegularExpression safe(QStringLiteral("^[A-Za-z0-9._/:=@%+,-]+$"));
    if (safe.match(value).hasMatch())
        return value;
    QString v = value;
    v.replace(QLatin1Char('\''), QLatin1String("'\\''"));
    return QLatin1Char('\'') + v + QLatin1Char('\'');
}

namespace {
QChar contextAt(const QString &text, qsizetype position)
{
    QuoteScanner q;
    for (qsizetype i = 0; i < position && i < text.size(); ++i)
        i += q.feed(text.at(i), at(text, i + 1));
    return q.top();
}
} // namespace

QString ShellText::quoteFor(const QString &command, qsizetype position, const QString &value)
{
    const QChar ctx = contextAt(command, position);
    if (ctx == QLatin1Char('\'')) {
        QString v = value;
        return v.replace(QLatin1Char('\''), QLatin1String("'\\''"));
    }
    if (ctx == QLatin1Char('"')) {
        QString v;
        for (const QChar c : value) {
            if (c == QLatin1Char('\\') || c == QLatin1Char('"') || c == QLatin1Char('$') ||
                c == QLatin1Char('`'))
                v += QLatin1Char('\\');
            v += c;
        }
        return v;
    }
    return singleQuote(value);
}

QChar ShellText::quoteContext(const QString &text, qsizetype position)
{
    return contextAt(text, position);
}

bool ShellText::insideSingleQuotes(const QString &text, qsizetype position)
{
    return contextAt(text, position) == QLatin1Char('\'');
}

bool ShellText::insideDoubleQuotes(const QString &text, qsizetype position)
{
    return contextAt(text, position) == QLatin1Char('"');
}

} // namespace Sitrep::Runbook
