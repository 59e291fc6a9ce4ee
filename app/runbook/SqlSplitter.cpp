#include "runbook/SqlSplitter.h"

#include <QRegularExpression>

namespace Sitrep::Runbook {

namespace {

bool isIdentChar(QChar c)
{
    return c.isLetterOrNumber() || c == QLatin1Char('_');
}

QChar charAt(const QString &s, qsizetype i)
{
    return i >= 0 && i < s.size() ? s.at(i) : QChar();
}

// The $tag$ that starts at i (an empty tag is "$$"), or an empty string when none does ($1 is a parameter).
QString dollarTag(const QString &s, qsizetype i)
{
    if (charAt(s, i) != QLatin1Char('$'))
        return {};
    qsizetype j = i + 1;
    if (j < s.size() && s.at(j).isDigit())
        return {};
    while (j < s.size() && isIdentChar(s.at(j)))
        ++j;
    if (charAt(s, j) != QLatin1Char('$'))
        return {};
    return s.mid(i, j - i + 1);
}

class Splitter
{
public:
    explicit Splitter(const QString &s)
        : m_s(s)
    {}

    QList<SqlStatement> run()
    {
        qsizetype i = 0;
        while (i < m_s.size()) {
            const QChar c = m_s.at(i);
            const QChar n = charAt(m_s, i + 1);
            if (c == QLatin1Char('-') && n == QLatin1Char('-')) {
                const qsizetype eol = m_s.indexOf(QLatin1Char('\n'), i);
                const qsizetype end = eol < 0 ? m_s.size() : eol;
                take(i, end, true);
                i = end;
            } else if (c == QLatin1Char('/') && n == QLatin1Char('*')) {
                int depth = 0;
                qsizetype j = i;
                for (; j < m_s.size(); ++j) {
                    if (m_s.at(j) == QLatin1Char('/') && charAt(m_s, j + 1) == QLatin1Char('*')) {
                        ++depth;
                        ++j;
                    } else if (m_s.at(j) == QLatin1Char('*') && charAt(m_s, j + 1) == QLatin1Char('/')) {
                        ++j;
                        if (--depth == 0)
                            break;
                    }
                }
                const qsizetype end = qMin(j + 1, m_s.size());
                take(i, end, true);
                i = end;
            } else if (c == QLatin1Char('\'')) {
                // E'...' allows backslash escapes; '' is a quote in both.
                const bool escapes =
                    (charAt(m_s, i - 1) == QLatin1Char('E') || charAt(m_s, i - 1) == QLatin1Char('e')) &&
                    !isIdentChar(charAt(m_s, i - 2));
                qsizetype j = i + 1;
                while (j < m_s.size()) {
                    if (escapes && m_s.at(j) == QLatin1Char('\\')) {
                        j += 2;
                    } else if (m_s.at(j) == QLatin1Char('\'')) {
                        if (charAt(m_s, j + 1) == QLatin1Char('\''))
                            j += 2;
                        else
                            break;
                    } else {
                        ++j;
                    }
                }
                const qsizetype end = qMin(j + 1, m_s.size());
                take(i, end, true);
                i = end;
            } else if (c == QLatin1Char('"')) {
                qsizetype j = i + 1;
                while (j < m_s.size() &&
                       !(m_s.at(j) == QLatin1Char('"') && charAt(m_s, j + 1) != QLatin1Char('"')))
                    j += m_s.at(j) == QLatin1Char('"') ? 2 : 1;
                const qsizetype end = qMin(j + 1, m_s.size());
                take(i, end, true);
                i = end;
            } else if (c == QLatin1Char('$') && !isIdentChar(charAt(m_s, i - 1)) &&
                       !dollarTag(m_s, i).isEmpty()) {
                const QString tag = dollarTag(m_s, i);
                const qsizetype close = m_s.indexOf(tag, i + tag.size());
                const qsizetype end = close < 0 ? m_s.size() : close + tag.size();
                take(i, end, true);
                i = end;
            } else if (c == QLatin1Char(';')) {
                finish();
                ++i;
            } else if (c == QLatin1Char('\\')) {
                // A backslash command: ends the statement before it and runs to the end of the line.
                finish();
                const qsizetype eol = m_s.indexOf(QLatin1Char('\n'), i);
                const qsizetype end = eol < 0 ? m_s.size() : eol;
                SqlStatement meta;
                meta.kind = SqlStatement::Kind::Meta;
                meta.text = m_s.mid(i, end - i).trimmed();
                meta.bare = meta.text;
                meta.line = lineAt(i);
                m_out.append(meta);
                i = end;
            } else {
                take(i, i + 1, false);
                ++i;
            }
        }
        finish();
        return m_out;
    }

private:
    // Adds s[from, to) to the statement; blanked in `bare` when it is a literal or a comment.
    void take(qsizetype from, qsizetype to, bool blank)
    {
        const QStringView piece = QStringView(m_s).mid(from, to - from);
        if (m_start < 0) {
            if (piece.trimmed().isEmpty())
                return;
            m_start = from;
            m_startLine = lineAt(from);
        }
        m_text += piece;
        if (blank)
            m_bare += QLatin1Char(' ');
        else
            m_bare += piece;
    }

    // 1-based line of position pos; positions asked for only grow, so this walks the text once.
    int lineAt(qsizetype pos)
    {
        for (; m_linePos < pos && m_linePos < m_s.size(); ++m_linePos) {
            if (m_s.at(m_linePos) == QLatin1Char('\n'))
                ++m_line;
        }
        return m_line;
    }

    void finish()
    {
        const QString text = m_text.trimmed();
        const QString bare = m_bare.simplified();
        // A statement that is only comments is no statement.
        if (!text.isEmpty() && !bare.isEmpty()) {
            SqlStatement st;
            st.text = text;
            st.bare = bare;
            st.line = m_startLine;
            m_out.append(st);
        }
        m_text.clear();
        m_bare.clear();
        m_start = -1;
    }

    const QString &m_s;
    QList<SqlStatement> m_out;
    QString m_text;
    QString m_bare;
    qsizetype m_start = -1;
    qsizetype m_linePos = 0;
    int m_line = 1;
    int m_startLine = 1;
};

} // namespace

bool SqlStatement::isTransactionControl() const
{
    static const QRegularExpression re(
        QStringLiteral("^(BEGIN|COMMIT|ROLLBACK|END|ABORT|START\\s+TRANSACTION|SAVEPOINT|RELEASE|"
                       "PREPARE\\s+TRANSACTION|COMMIT\\s+PREPARED|ROLLBACK\\s+PREPARED)\\b"),
        QRegularExpression::CaseInsensitiveOption);
    return kind == Kind::Sql && re.match(bare).hasMatch();
}

QString SqlStatement::keyword() const
{
    qsizetype i = 0;
    while (i < bare.size() && (bare.at(i).isSpace() || bare.at(i) == QLatin1Char('(')))
        ++i;
    qsizetype j = i;
    while (j < bare.size() && isIdentChar(bare.at(j)))
        ++j;
    return bare.mid(i, j - i).toUpper();
}

QList<SqlStatement> SqlSplitter::split(const QString &sql)
{
    return Splitter(sql).run();
}

} // namespace Sitrep::Runbook
