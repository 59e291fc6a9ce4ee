#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace Sitrep::Runbook {

// One word of a simple command after quote removal. Expansions stay as written ("$POD", "$(date)").
struct ShellWord
{
    QString text;
    QStringList expands;     // variables that expand in it ($X, ${X}; not inside single quotes)
    bool quoted = false;     // some part of it was quoted
    bool singleOnly = false; // all of it sat inside single quotes: a shell that receives it parses it anew
};

// A redirection of a simple command: `> out.txt`, `2>&1`, `<<EOF`.
struct ShellRedirect
{
    QString op;     // ">", ">>", ">|", "&>", "&>>", "<", "<>", "<<", "<<-", "<<<", ">&", "<&"
    QString target; // quote-removed; the delimiter for a heredoc
    int fd = -1;    // the number written before the operator, -1 when none

    // Whether it writes to a file (not a descriptor, not /dev/null or the terminal).
    bool writesFile() const;
};

// One simple command: assignments, words, redirections and the bodies of its heredocs.
struct ShellCommand
{
    QString text; // as written, heredoc bodies left out
    QList<ShellWord> assignments;
    QList<ShellWord> words;
    QList<ShellRedirect> redirects;
    QStringList heredocs;      // bodies of << / <<- in order
    QList<bool> heredocQuoted; // per body: its delimiter was quoted (<<'EOF'): nothing expands in it
    QList<QPair<qsizetype, qsizetype>> heredocSpans; // per body: [start, end) in the parsed text
    QStringList heredocExpands;                      // variables expanded in unquoted heredoc bodies
    int depth = 0;                                   // 0 on the command line, 1 inside $(...), ...
    bool tooDeep = false;                            // nesting went past what is read: treated as unknown

    QStringList texts() const;
};

// Reads shell text the way bash splits it: simple commands at |, ||, &&, ;, &, newlines and parentheses,
// heredoc bodies attached to their command (not read as commands), $(...), `...`, <(...) contents as
// commands of their own after the one holding them. Not a shell: nothing is expanded or executed.
class ShellParser final
{
public:
    static constexpr int kMaxDepth = 6;
    static QList<ShellCommand> parse(const QString &text, int depth = 0);
};

} // namespace Sitrep::Runbook
