#include "runbook/MarkdownReader.h"

#include <QHash>

#include <md4c.h>

#include <algorithm>
#include <vector>

namespace Sitrep::Runbook {

namespace {

constexpr int kIgnore = -1;
constexpr int kCell = -2;

struct ListState
{
    bool ordered = false;
    int id = 0;
    int counter = 1;
};

// The md4c callbacks' shared state: builds the flat block list.
struct ReaderState
{
    const char *doc = nullptr;
    MD_SIZE size = 0;
    QList<MarkdownBlock> blocks;
    std::vector<int> targets; // where text goes: a block index, kCell, or kIgnore
    std::vector<ListState> lists;
    std::vector<int> items; // open list item blocks
    int nextListId = 0;
    int table = -1;
    std::vector<qsizetype> strongStarts;
    std::vector<QString> hrefs;
    bool inCodeSpan = false;
    QString codeSpan;

    int target() const { return targets.empty() ? kIgnore : targets.back(); }

    int addBlock(MarkdownBlock::Type type)
    {
        MarkdownBlock b;
        b.type = type;
        b.parentItem = items.empty() ? -1 : items.back();
        blocks.append(b);
        return int(blocks.size() - 1);
    }

    QString *targetText()
    {
        const int t = target();
        if (t >= 0)
            return &blocks[t].text;
        if (t == kCell && table >= 0 && !blocks[table].rows.isEmpty() && !blocks[table].rows.last().isEmpty())
            return &blocks[table].rows.last().last();
        return nullptr;
    }

    void noteOffset(const MD_CHAR *text)
    {
        int t = target();
        if (t == kCell)
            t = table;
        if (t < 0 || blocks[t].offset >= 0)
            return;
        if (text >= doc && text < doc + size)
            blocks[t].offset = text - doc;
    }
};

QString attributeText(const MD_ATTRIBUTE &a)
{
    if (!a.text || a.size == 0)
        return {};
    return QString::fromUtf8(a.text, qsizetype(a.size));
}

QString decodeEntity(const QString &e)
{
    static const QHash<QString, QString> named = {
        {QStringLiteral("&amp;"), QStringLiteral("&")},   {QStringLiteral("&lt;"), QStringLiteral("<")},
        {QStringLiteral("&gt;"), QStringLiteral(">")},    {QStringLiteral("&quot;"), QStringLiteral("\"")},
        {QStringLiteral("&apos;"), QStringLiteral("'")},  {QStringLiteral("&nbsp;"), QStringLiteral(" ")},
        {QStringLiteral("&mdash;"), QStringLiteral("-")}, {QStringLiteral("&ndash;"), QStringLiteral("-")},
    };
    if (const auto it = named.constFind(e); it != named.cend())
        return it.value();
    if (e.startsWith(QLatin1String("&#")) && e.endsWith(QLatin1Char(';'))) {
        bool ok = false;
        const bool hex = e.size() > 3 && (e.at(2) == QLatin1Char('x') || e.at(2) == QLatin1Char('X'));
        const uint code =
            hex ? e.mid(3, e.size() - 4).toUInt(&ok, 16) : e.mid(2, e.size() - 3).toUInt(&ok, 10);
        if (ok && code > 0 && code <= 0x10FFFF && (code < 0xD800 || code > 0xDFFF)) {
            const char32_t c = code;
            return QString::fromUcs4(&c, 1);
        }
        return QString(QChar::ReplacementCharacter);
    }
    return e;
}

int enterBlock(MD_BLOCKTYPE type, void *detail, void *user)
{
    auto *s = static_cast<ReaderState *>(user);
    switch (type) {
    case MD_BLOCK_H: {
        const int i = s->addBlock(MarkdownBlock::Type::Heading);
        s->blocks[i].level = int(static_cast<MD_BLOCK_H_DETAIL *>(detail)->level);
        s->targets.push_back(i);
        break;
    }
    case MD_BLOCK_P:
        if (!s->items.empty() && s->target() == s->items.back()) {
            QString &t = s->blocks[s->items.back()].text;
            if (!t.isEmpty())
                t += QLatin1Char('\n');
            s->targets.push_back(s->items.back());
        } else {
            s->targets.push_back(s->addBlock(MarkdownBlock::Type::Paragraph));
        }
        break;
    case MD_BLOCK_UL:
    case MD_BLOCK_OL: {
        ListState l;
        l.ordered = type == MD_BLOCK_OL;
        l.id = s->nextListId++;
        if (l.ordered)
            l.counter = int(static_cast<MD_BLOCK_OL_DETAIL *>(detail)->start);
        s->lists.push_back(l);
        break;
    }
    case MD_BLOCK_LI: {
        const int i = s->addBlock(MarkdownBlock::Type::ListItem);
        auto *d = static_cast<MD_BLOCK_LI_DETAIL *>(detail);
        MarkdownBlock &b = s->blocks[i];
        if (!s->lists.empty()) {
            ListState &l = s->lists.back();
            b.ordered = l.ordered;
            b.listId = l.id;
            b.number = l.counter++;
        }
        b.level = int(s->lists.size());
        b.task = d->is_task != 0;
        b.checked = b.task && (d->task_mark == 'x' || d->task_mark == 'X');
        s->items.push_back(i);
        s->targets.push_back(i);
        break;
    }
    case MD_BLOCK_CODE: {
        const int i = s->addBlock(MarkdownBlock::Type::Code);
        auto *d = static_cast<MD_BLOCK_CODE_DETAIL *>(detail);
        s->blocks[i].language = attributeText(d->lang).trimmed().toLower();
        s->targets.push_back(i);
        break;
    }
    case MD_BLOCK_TABLE:
        s->table = s->addBlock(MarkdownBlock::Type::Table);
        break;
    case MD_BLOCK_TR:
        if (s->table >= 0) {
            s->blocks[s->table].rows.append(QStringList());
            s->blocks[s->table].rowLinks.append(QStringList());
        }
        break;
    case MD_BLOCK_TH:
    case MD_BLOCK_TD:
        if (s->table >= 0 && !s->blocks[s->table].rows.isEmpty()) {
            s->blocks[s->table].rows.last().append(QString());
            s->blocks[s->table].rowLinks.last().append(QString());
        }
        s->targets.push_back(kCell);
        break;
    case MD_BLOCK_HTML:
        s->targets.push_back(kIgnore);
        break;
    default:
        break;
    }
    return 0;
}

int leaveBlock(MD_BLOCKTYPE type, void *, void *user)
{
    auto *s = static_cast<ReaderState *>(user);
    switch (type) {
    case MD_BLOCK_H:
    case MD_BLOCK_P:
    case MD_BLOCK_CODE:
    case MD_BLOCK_TH:
    case MD_BLOCK_TD:
    case MD_BLOCK_HTML:
        if (!s->targets.empty())
            s->targets.pop_back();
        break;
    case MD_BLOCK_LI:
        if (!s->targets.empty())
            s->targets.pop_back();
        if (!s->items.empty())
            s->items.pop_back();
        break;
    case MD_BLOCK_UL:
    case MD_BLOCK_OL:
        if (!s->lists.empty())
            s->lists.pop_back();
        break;
    case MD_BLOCK_TABLE:
        s->table = -1;
        break;
    default:
        break;
    }
    return 0;
}

int enterSpan(MD_SPANTYPE type, void *detail, void *user)
{
    auto *s = static_cast<ReaderState *>(user);
    QString *t = s->targetText();
    switch (type) {
    case MD_SPAN_CODE:
        s->inCodeSpan = true;
        s->codeSpan.clear();
        if (t)
            *t += QLatin1Char('`');
        break;
    case MD_SPAN_STRONG:
        s->strongStarts.push_back(t ? t->size() : 0);
        break;
    case MD_SPAN_A:
        s->hrefs.push_back(attributeText(static_cast<MD_SPAN_A_DETAIL *>(detail)->href));
        break;
    default:
        break;
    }
    return 0;
}

int leaveSpan(MD_SPANTYPE type, void *, void *user)
{
    auto *s = static_cast<ReaderState *>(user);
    QString *t = s->targetText();
    const int target = s->target();
    switch (type) {
    case MD_SPAN_CODE:
        s->inCodeSpan = false;
        if (t)
            *t += QLatin1Char('`');
        if (target >= 0)
            s->blocks[target].codeSpans.append(s->codeSpan);
        break;
    case MD_SPAN_STRONG:
        if (!s->strongStarts.empty()) {
            const qsizetype start = s->strongStarts.back();
            s->strongStarts.pop_back();
            if (t && target >= 0 && start <= t->size())
                s->blocks[target].strongSpans.append(t->mid(start).trimmed());
        }
        break;
    case MD_SPAN_A:
        if (!s->hrefs.empty()) {
            const QString href = s->hrefs.back();
            s->hrefs.pop_back();
            if (target >= 0) {
                s->blocks[target].links.append(href);
            } else if (target == kCell && s->table >= 0) {
                QStringList &row = s->blocks[s->table].rowLinks.last();
                if (!row.isEmpty() && row.last().isEmpty())
                    row.last() = href;
            }
        }
        break;
    default:
        break;
    }
    return 0;
}

int onText(MD_TEXTTYPE type, const MD_CHAR *text, MD_SIZE size, void *user)
{
    auto *s = static_cast<ReaderState *>(user);
    QString *t = s->targetText();
    if (!t)
        return 0;
    s->noteOffset(text);
    QString piece;
    switch (type) {
    case MD_TEXT_NULLCHAR:
        piece = QString(QChar::ReplacementCharacter);
        break;
    case MD_TEXT_BR:
    case MD_TEXT_SOFTBR:
        piece = QStringLiteral("\n");
        break;
    case MD_TEXT_ENTITY:
        piece = decodeEntity(QString::fromUtf8(text, qsizetype(size)));
        break;
    default:
        piece = QString::fromUtf8(text, qsizetype(size));
        break;
    }
    *t += piece;
    if (s->inCodeSpan)
        s->codeSpan += piece;
    return 0;
}

} // namespace

int MarkdownReader::lineOf(const QByteArray &text, qsizetype offset)
{
    if (offset < 0)
        return 0;
    offset = std::min(offset, text.size());
    return int(std::count(text.constBegin(), text.constBegin() + offset, '\n')) + 1;
}

Core::Result<QList<MarkdownBlock>> MarkdownReader::read(const QByteArray &markdown)
{
    ReaderState state;
    state.doc = markdown.constData();
    state.size = MD_SIZE(markdown.size());
    MD_PARSER parser{};
    parser.abi_version = 0;
    parser.flags = MD_FLAG_TABLES | MD_FLAG_TASKLISTS | MD_FLAG_STRIKETHROUGH | MD_FLAG_PERMISSIVEAUTOLINKS;
    parser.enter_block = enterBlock;
    parser.leave_block = leaveBlock;
    parser.enter_span = enterSpan;
    parser.leave_span = leaveSpan;
    parser.text = onText;
    if (md_parse(markdown.constData(), MD_SIZE(markdown.size()), &parser, &state) != 0)
        return Core::makeError(QStringLiteral("the Markdown parser ran out of memory"));
    // Line numbers in one pass over the text instead of one count per block.
    std::vector<qsizetype> lineStarts{0};
    for (qsizetype i = 0; i < markdown.size(); ++i) {
        if (markdown.at(i) == '\n')
            lineStarts.push_back(i + 1);
    }
    for (auto &b : state.blocks) {
        if (b.offset >= 0) {
            const auto it = std::upper_bound(lineStarts.begin(), lineStarts.end(), b.offset);
            b.line = int(it - lineStarts.begin());
        }
    }
    return state.blocks;
}

} // namespace Sitrep::Runbook
