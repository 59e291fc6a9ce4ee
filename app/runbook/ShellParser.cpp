#include "runbook/ShellParser.h"

#include <optional>

namespace Sitrep::Runbook {

namespace {

bool isNameStart(QChar c)
{
    return c.isLetter() || c == QLatin1Char('_');
}

bool isNameChar(QChar c)
{
    return c.isLetterOrNumber() || c == QLatin1Char('_');
}

QChar charAt(const QString &s, qsizetype i)
{
    return i >= 0 && i < s.size() ? s.at(i) : QChar();
}

// Index of the ')' that closes the '(' at `open` (quotes, escapes and backticks respected), or s.size().
qsizetype closingParen(const QString &s, qsizetype open)
{
    int depth = 0;
    for (qsizetype i = open; i < s.size(); ++i) {
        const QChar c = s.at(i);
        if (c == QLatin1Char('\\')) {
            ++i;
        } else if (c == QLatin1Char('\'')) {
            const qsizetype end = s.indexOf(QLatin1Char('\''), i + 1);
            i = end < 0 ? s.size() : end;
        } else if (c == QLatin1Char('"')) {
            for (++i; i < s.size() && s.at(i) != QLatin1Char('"'); ++i) {
                if (s.at(i) == QLatin1Char('\\'))
                    ++i;
            }
        } else if (c == QLatin1Char('`')) {
            for (++i; i < s.size() && s.at(i) != QLatin1Char('`'); ++i) {
                if (s.at(i) == QLatin1Char('\\'))
                    ++i;
            }
        } else if (c == QLatin1Char('(')) {
            ++depth;
        } else if (c == QLatin1Char(')')) {
            if (--depth == 0)
                return i;
        }
    }
    return s.size();
}

// Index of the backtick that closes the one at `open`, or s.size().
qsizetype closingBacktick(const QString &s, qsizetype open)
{
    for (qsizetype i = open + 1; i < s.size(); ++i) {
        if (s.at(i) == QLatin1Char('\\'))
            ++i;
        else if (s.at(i) == QLatin1Char('`'))
            return i;
    }
    return s.size();
}

QString unescapeBackticks(const QString &inner)
{
    QString out;
    for (qsizetype i = 0; i < inner.size(); ++i) {
        const QChar c = inner.at(i);
        const QChar n = charAt(inner, i + 1);
        if (c == QLatin1Char('\\') &&
            (n == QLatin1Char('`') || n == QLatin1Char('\\') || n == QLatin1Char('$'))) {
            out += n;
            ++i;
        } else {
            out += c;
        }
    }
    return out;
}

// A $NAME, ${...}, $(...) or `...` at `i` of s: the variable names it expands and the command texts it runs.
// Returns the index just past it (i + 1 for a lone '$').
qsizetype readExpansion(const QString &s, qsizetype i, QStringList &expands, QStringList &nested)
{
    const QChar c = s.at(i);
    if (c == QLatin1Char('`')) {
        const qsizetype end = closingBacktick(s, i);
        nested << unescapeBackticks(s.mid(i + 1, end - i - 1));
        return qMin(end + 1, s.size());
    }
    const QChar n = charAt(s, i + 1);
    if (n == QLatin1Char('(')) {
        const qsizetype end = closingParen(s, i + 1);
        if (charAt(s, i + 2) != QLatin1Char('(')) // $(( )) is arithmetic, not a command
            nested << s.mid(i + 2, end - i - 2);
        return qMin(end + 1, s.size());
    }
    if (n == QLatin1Char('{')) {
        int depth = 0;
        qsizetype end = i + 1;
        for (; end < s.size(); ++end) {
            if (s.at(end) == QLatin1Char('{'))
                ++depth;
            else if (s.at(end) == QLatin1Char('}') && --depth == 0)
                break;
        }
        const QString inner = s.mid(i + 2, end - i - 2);
        qsizetype k = 0;
        while (k < inner.size() && (inner.at(k) == QLatin1Char('#') || inner.at(k) == QLatin1Char('!')))
            ++k;
        qsizetype nameEnd = k;
        while (nameEnd < inner.size() && isNameChar(inner.at(nameEnd)))
            ++nameEnd;
        if (nameEnd > k && isNameStart(inner.at(k)))
            expands << inner.mid(k, nameEnd - k);
        // ${X:-$(cmd)}: defaults and alternatives can run commands and expand more variables.
        for (qsizetype j = nameEnd; j < inner.size();) {
            const QChar d = inner.at(j);
            if ((d == QLatin1Char('$') || d == QLatin1Char('`')) && j + 1 <= inner.size())
                j = readExpansion(inner, j, expands, nested);
            else
                ++j;
        }
        return qMin(end + 1, s.size());
    }
    if (isNameStart(n)) {
        qsizetype end = i + 1;
        while (end < s.size() && isNameChar(s.at(end)))
            ++end;
        expands << s.mid(i + 1, end - i - 1);
        return end;
    }
    return i + 1;
}

class Lexer
{
public:
    Lexer(const QString &s, int depth)
        : m_s(s)
        , m_depth(depth)
    {}

    QList<ShellCommand> run()
    {
        qsizetype i = 0;
        while (i < m_s.size()) {
            const QChar c = m_s.at(i);
            const QChar n = charAt(m_s, i + 1);
            if (c == QLatin1Char('\\') && n == QLatin1Char('\n')) {
                i += 2;
            } else if (c == QLatin1Char(' ') || c == QLatin1Char('\t') || c == QLatin1Char('\r')) {
                endWord();
                ++i;
            } else if (c == QLatin1Char('\n')) {
                endCommand(i);
                i = readHeredocBodies(i + 1);
            } else if (c == QLatin1Char('#') && !m_inWord) {
                while (i < m_s.size() && m_s.at(i) != QLatin1Char('\n'))
                    ++i;
            } else if (c == QLatin1Char('<') && placeholderLength(i) > 0) {
                // A runbook placeholder (<pod-name>) stands for a word, not for a redirection.
                begin(i);
                const qsizetype len = placeholderLength(i);
                m_word.text += m_s.mid(i, len);
                m_inWord = true;
                m_hasOther = true;
                i += len;
            } else if ((c == QLatin1Char('<') || c == QLatin1Char('>')) && n == QLatin1Char('(')) {
                // Process substitution: its command runs; the word is a file name.
                begin(i);
                const qsizetype end = closingParen(m_s, i + 1);
                m_nested << m_s.mid(i + 2, end - i - 2);
                m_word.text += m_s.mid(i, end - i + 1);
                m_inWord = true;
                m_hasOther = true;
                i = qMin(end + 1, m_s.size());
            } else if (c == QLatin1Char('<') || c == QLatin1Char('>') ||
                       (c == QLatin1Char('&') && n == QLatin1Char('>'))) {
                i = readRedirect(i);
            } else if (c == QLatin1Char('|') || c == QLatin1Char('&') || c == QLatin1Char(';')) {
                endCommand(i);
                i += (n == QLatin1Char('|') || n == QLatin1Char('&') || n == QLatin1Char(';')) ? 2 : 1;
            } else if (c == QLatin1Char('(') && m_inWord && m_word.text.endsWith(QLatin1Char('=')) &&
                       m_cmd.words.isEmpty()) {
                // arr=(a b c): an array assignment, not a subshell.
                const qsizetype end = closingParen(m_s, i);
                m_word.text += m_s.mid(i, end - i + 1);
                i = qMin(end + 1, m_s.size());
            } else if (c == QLatin1Char('(') || c == QLatin1Char(')')) {
                endCommand(i);
                ++i;
            } else {
                begin(i);
                i = readUnit(i);
            }
        }
        endCommand(m_s.size());
        for (const QString &inner : std::as_const(m_nested)) {
            if (m_depth + 1 > ShellParser::kMaxDepth) {
                ShellCommand deep;
                deep.text = inner.trimmed();
                deep.depth = m_depth + 1;
                deep.tooDeep = true;
                m_out.append(deep);
            } else {
                m_out.append(ShellParser::parse(inner, m_depth + 1));
            }
        }
        return m_out;
    }

private:
    struct PendingHeredoc
    {
        qsizetype command; // index in m_out
        QString delimiter;
        bool stripTabs;
        bool quoted;
    };

    // Length of a <name> placeholder at i (letters, digits, _ . -), 0 when there is none.
    qsizetype placeholderLength(qsizetype i) const
    {
        if (charAt(m_s, i + 1).isNull() || !charAt(m_s, i + 1).isLetter())
            return 0;
        qsizetype j = i + 1;
        while (j < m_s.size() && (m_s.at(j).isLetterOrNumber() || m_s.at(j) == QLatin1Char('_') ||
                                  m_s.at(j) == QLatin1Char('.') || m_s.at(j) == QLatin1Char('-')))
            ++j;
        return charAt(m_s, j) == QLatin1Char('>') ? j - i + 1 : 0;
    }

    void begin(qsizetype i)
    {
        if (m_start < 0)
            m_start = i;
    }

    // One unit of a word: a quoted string, an expansion, an escaped or a plain character.
    qsizetype readUnit(qsizetype i)
    {
        m_inWord = true;
        const QChar c = m_s.at(i);
        if (c == QLatin1Char('\'')) {
            const qsizetype end = m_s.indexOf(QLatin1Char('\''), i + 1);
            const qsizetype stop = end < 0 ? m_s.size() : end;
            m_word.text += m_s.mid(i + 1, stop - i - 1);
            m_word.quoted = true;
            m_hasSingle = true;
            return qMin(stop + 1, m_s.size());
        }
        m_hasOther = true;
        if (c == QLatin1Char('"')) {
            m_word.quoted = true;
            qsizetype j = i + 1;
            while (j < m_s.size() && m_s.at(j) != QLatin1Char('"')) {
                const QChar d = m_s.at(j);
                const QChar e = charAt(m_s, j + 1);
                if (d == QLatin1Char('\\')) {
                    if (e == QLatin1Char('\n')) {
                        j += 2;
                        continue;
                    }
                    if (e == QLatin1Char('$') || e == QLatin1Char('`') || e == QLatin1Char('"') ||
                        e == QLatin1Char('\\'))
                        m_word.text += e;
                    else {
                        m_word.text += QLatin1Char('\\');
                        if (!e.isNull())
                            m_word.text += e;
                    }
                    j += 2;
                } else if (d == QLatin1Char('$') || d == QLatin1Char('`')) {
                    const qsizetype end = readExpansion(m_s, j, m_word.expands, m_nested);
                    m_word.text += m_s.mid(j, end - j);
                    j = end;
                } else {
                    m_word.text += d;
                    ++j;
                }
            }
            return qMin(j + 1, m_s.size());
        }
        if (c == QLatin1Char('$') && charAt(m_s, i + 1) == QLatin1Char('\'')) {
            // $'...': ANSI-C quoting, escapes kept as written (nothing expands inside).
            qsizetype j = i + 2;
            while (j < m_s.size() && m_s.at(j) != QLatin1Char('\'')) {
                if (m_s.at(j) == QLatin1Char('\\'))
                    ++j;
                ++j;
            }
            m_word.text += m_s.mid(i + 2, j - i - 2);
            m_word.quoted = true;
            return qMin(j + 1, m_s.size());
        }
        if (c == QLatin1Char('$') || c == QLatin1Char('`')) {
            const qsizetype end = readExpansion(m_s, i, m_word.expands, m_nested);
            m_word.text += m_s.mid(i, end - i);
            return end;
        }
        if (c == QLatin1Char('\\')) {
            if (i + 1 < m_s.size())
                m_word.text += m_s.at(i + 1);
            m_word.quoted = true;
            return i + 2;
        }
        m_word.text += c;
        return i + 1;
    }

    qsizetype readRedirect(qsizetype i)
    {
        begin(i);
        int fd = -1;
        // "2>" only when the digits are the whole word so far; "a>b" is the word a and a redirection.
        if (m_inWord && !m_word.quoted && !m_word.text.isEmpty() && m_word.expands.isEmpty()) {
            bool ok = false;
            const int n = m_word.text.toInt(&ok);
            if (ok && m_word.text.size() <= 2) {
                fd = n;
                m_word = ShellWord();
                m_inWord = false;
                m_hasSingle = m_hasOther = false;
            }
        }
        endWord();
        static const char *ops[] = {"&>>", "<<<", "<<-", "&>", ">>", ">|", ">&", "<<", "<&", "<>", ">", "<"};
        QString op;
        for (const char *o : ops) {
            const QLatin1StringView v(o);
            if (QStringView(m_s).mid(i).startsWith(v)) {
                op = v;
                break;
            }
        }
        m_pending = ShellRedirect{op, QString(), fd};
        return i + op.size();
    }

    void endWord()
    {
        if (!m_inWord)
            return;
        m_word.singleOnly = m_hasSingle && !m_hasOther;
        if (m_pending) {
            ShellRedirect r = *m_pending;
            m_pending.reset();
            r.target = m_word.text;
            if (r.op == QLatin1String("<<") || r.op == QLatin1String("<<-"))
                m_heredocs.append(
                    {qsizetype(m_out.size()), r.target, r.op == QLatin1String("<<-"), m_word.quoted});
            m_cmd.redirects.append(r);
        } else if (m_cmd.words.isEmpty() && isAssignment(m_word)) {
            m_cmd.assignments.append(m_word);
        } else {
            m_cmd.words.append(m_word);
        }
        m_word = ShellWord();
        m_inWord = false;
        m_hasSingle = m_hasOther = false;
    }

    static bool isAssignment(const ShellWord &w)
    {
        const QString &t = w.text;
        if (t.isEmpty() || !isNameStart(t.at(0)))
            return false;
        qsizetype k = 1;
        while (k < t.size() && isNameChar(t.at(k)))
            ++k;
        if (k < t.size() && t.at(k) == QLatin1Char('+'))
            ++k;
        return k < t.size() && t.at(k) == QLatin1Char('=');
    }

    void endCommand(qsizetype end)
    {
        endWord();
        if (m_pending) { // "cmd >" with no target: keep the operator so the command still reads as writing
            m_cmd.redirects.append(*m_pending);
            m_pending.reset();
        }
        if (!m_cmd.words.isEmpty() || !m_cmd.assignments.isEmpty() || !m_cmd.redirects.isEmpty()) {
            m_cmd.text = m_start >= 0 ? m_s.mid(m_start, end - m_start).trimmed() : QString();
            m_cmd.depth = m_depth;
            m_out.append(m_cmd); // at the index its heredocs were registered with
        }
        m_cmd = ShellCommand();
        m_start = -1;
    }

    // After a newline: the bodies of the heredocs opened on the line before, in order.
    qsizetype readHeredocBodies(qsizetype i)
    {
        for (const PendingHeredoc &h : std::as_const(m_heredocs)) {
            QStringList body;
            bool closed = false;
            const qsizetype bodyStart = i;
            qsizetype bodyEnd = i;
            while (i < m_s.size()) {
                const qsizetype lineStart = i;
                qsizetype eol = m_s.indexOf(QLatin1Char('\n'), i);
                if (eol < 0)
                    eol = m_s.size();
                QString line = m_s.mid(i, eol - i);
                i = qMin(eol + 1, m_s.size());
                if (line.endsWith(QLatin1Char('\r')))
                    line.chop(1);
                QString compared = line;
                if (h.stripTabs) {
                    while (compared.startsWith(QLatin1Char('\t')))
                        compared.remove(0, 1);
                }
                if (compared == h.delimiter) {
                    closed = true;
                    bodyEnd = lineStart;
                    break;
                }
                body << (h.stripTabs ? compared : line);
                bodyEnd = i;
            }
            Q_UNUSED(closed)
            if (h.command < 0 || h.command >= m_out.size())
                continue;
            ShellCommand &cmd = m_out[h.command];
            const QString text = body.join(QLatin1Char('\n'));
            cmd.heredocs << text;
            cmd.heredocQuoted << h.quoted;
            cmd.heredocSpans << qMakePair(bodyStart, bodyEnd);
            if (!h.quoted) {
                // An unquoted heredoc expands variables and runs $(...) in its body.
                for (qsizetype j = 0; j < text.size();) {
                    const QChar d = text.at(j);
                    if (d == QLatin1Char('\\'))
                        j += 2;
                    else if (d == QLatin1Char('$') || d == QLatin1Char('`'))
                        j = readExpansion(text, j, cmd.heredocExpands, m_nested);
                    else
                        ++j;
                }
            }
        }
        m_heredocs.clear();
        return i;
    }

    const QString &m_s;
    int m_depth;
    QList<ShellCommand> m_out;
    QStringList m_nested;
    ShellCommand m_cmd;
    qsizetype m_start = -1;
    ShellWord m_word;
    bool m_inWord = false;
    bool m_hasSingle = false;
    bool m_hasOther = false;
    std::optional<ShellRedirect> m_pending;
    QList<PendingHeredoc> m_heredocs;
};

} // namespace

bool ShellRedirect::writesFile() const
{
    if (op != QLatin1String(">") && op != QLatin1String(">>") && op != QLatin1String(">|") &&
        op != QLatin1String("&>") && op != QLatin1String("&>>") && op != QLatin1String("<>") &&
        op != QLatin1String(">&"))
        return false;
    if (op == QLatin1String(">&")) { // >&2, >&- duplicate or close a descriptor; >&file is &>file
        bool digits = !target.isEmpty();
        for (const QChar c : target)
            digits = digits && c.isDigit();
        if (digits || target == QLatin1String("-"))
            return false;
    }
    static const QStringList harmless = {QStringLiteral("/dev/null"),   QStringLiteral("/dev/stdout"),
                                         QStringLiteral("/dev/stderr"), QStringLiteral("/dev/tty"),
                                         QStringLiteral("/dev/fd/1"),   QStringLiteral("/dev/fd/2")};
    return !harmless.contains(target);
}

QStringList ShellCommand::texts() const
{
    QStringList out;
    out.reserve(words.size());
    for (const ShellWord &w : words)
        out << w.text;
    return out;
}

QList<ShellCommand> ShellParser::parse(const QString &text, int depth)
{
    return Lexer(text, depth).run();
}

} // namespace Sitrep::Runbook
