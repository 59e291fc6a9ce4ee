#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace Sitrep::Runbook {

// One block of a Markdown document as md4c reports it, flattened in document order.
// List items come before the blocks nested in them; nested blocks name their item in parentItem.
struct MarkdownBlock
{
    enum class Type { Heading, Paragraph, ListItem, Code, Table };
    Type type = Type::Paragraph;
    int level = 0; // heading level, or list nesting depth (1 = top-level list)
    QString text;  // inline code kept in backticks; hard and soft breaks as '\n'
    QStringList codeSpans;
    QStringList strongSpans;
    QStringList links; // hrefs, in order
    QString language;  // code: first word of the fence info
    bool ordered = false;
    bool task = false;
    bool checked = false;
    int number = 0;              // ordered list item number
    int listId = -1;             // items of one list share it
    int parentItem = -1;         // index of the enclosing list item block, -1 at top level
    QList<QStringList> rows;     // table: header row first
    QList<QStringList> rowLinks; // table: first link href of each cell ("" when none)
    qsizetype offset = -1;       // byte offset of the block's first text in the source
    int line = 0;                // 1-based line of that text
};

// Runs md4c (GFM tables, task lists, strikethrough, permissive autolinks) over a document and keeps
// the blocks the runbook importer needs. Never parses Markdown itself.
class MarkdownReader final
{
public:
    static Core::Result<QList<MarkdownBlock>> read(const QByteArray &markdown);
    // 1-based line number of a byte offset in text.
    static int lineOf(const QByteArray &text, qsizetype offset);
};

} // namespace Sitrep::Runbook
