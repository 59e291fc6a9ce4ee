#pragma once

#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

namespace Sitrep::Runbook {

// One piece of a shell code block: a command (with its label comment, "Expected:" and follow-up note),
// a group of comments that stands alone (a manual step), or a "# Query: ..." line (a query step).
struct ShellPiece
{
    enum class Kind { Command, Comment, Query };
    Kind kind = Kind::Command;
    QString text;      // the command as written (continuations kept), the comment text or the query
    QString comment;   // label comment lines, joined by '\n'
    QString expected;  // "Expected: ..." lines after the command
    QString note;      // other comment lines right after the command
    int lineIndex = 0; // 0-based line within the block
};

// Shell text handling that needs quotes understood: splitting a block into commands, a command into
// simple commands (pipelines, &&, ;, $(...)), and a simple command into words. Not a shell: enough to
// read runbooks, and nothing here executes anything.
class ShellText final
{
public:
    static QList<ShellPiece> splitBlock(const QString &block);
    // Simple commands of a command line: split at unquoted |, ||, &&, ;, & and newlines; the contents
    // of $(...) and `...` become simple commands of their own (after the one holding them).
    static QStringList simpleCommands(const QString &command);
    // [start, end) of each top-level simple command in command (no $(...) contents), in order.
    static QList<QPair<qsizetype, qsizetype>> simpleCommandSpans(const QString &command);
    // Words of a simple command with quotes removed ("a b" -> a b); backslash-newline joins lines.
    static QStringList words(const QString &simpleCommand);
    // Quotes a value for the quoting context at `position` of `command` (unquoted, '...' or "...").
    static QString quoteFor(const QString &command, qsizetype position, const QString &value);
    static QString singleQuote(const QString &value);
    // Whether position in text sits inside single quotes (where bash expands nothing).
    static bool insideSingleQuotes(const QString &text, qsizetype position);
    static bool insideDoubleQuotes(const QString &text, qsizetype position);
    // The innermost quoting at position: '\'', '"', '(' (inside $(...)), '`', or a null QChar (none).
    static QChar quoteContext(const QString &text, qsizetype position);
};

} // namespace Sitrep::Runbook
