#include "runbook/MarkdownReader.h"

#include <QTest>

using namespace Sitrep::Runbook;

// The md4c wrapper: block order, nesting, inline code, strong spans, tables with links, lines.
class TstMarkdownReader : public QObject
{
    Q_OBJECT
private slots:
    void blocksInOrder();
    void nestedListsAndCode();
    void tables();
    void entitiesAndBreaks();
};

void TstMarkdownReader::blocksInOrder()
{
    const auto r = MarkdownReader::read(
        "# Title\n\n**Alert Name**: `X`  \n**Team**: Ops\n\n```bash\nkubectl get pods\n```\n");
    QVERIFY(r.ok());
    const auto &b = r.value();
    QCOMPARE(b.size(), 3);
    QCOMPARE(b.at(0).type, MarkdownBlock::Type::Heading);
    QCOMPARE(b.at(0).level, 1);
    QCOMPARE(b.at(0).text, QStringLiteral("Title"));
    QCOMPARE(b.at(0).line, 1);
    QCOMPARE(b.at(1).type, MarkdownBlock::Type::Paragraph);
    QCOMPARE(b.at(1).text, QStringLiteral("Alert Name: `X`\nTeam: Ops"));
    QCOMPARE(b.at(1).strongSpans, (QStringList{QStringLiteral("Alert Name"), QStringLiteral("Team")}));
    QCOMPARE(b.at(1).codeSpans, QStringList{QStringLiteral("X")});
    QCOMPARE(b.at(1).line, 3);
    QCOMPARE(b.at(2).type, MarkdownBlock::Type::Code);
    QCOMPARE(b.at(2).language, QStringLiteral("bash"));
    QCOMPARE(b.at(2).text, QStringLiteral("kubectl get pods\n"));
    QCOMPARE(b.at(2).line, 7); // the first line inside the fence
}

void TstMarkdownReader::nestedListsAndCode()
{
    const auto r = MarkdownReader::read(
        "1. First\n   - sub\n2. **Second**\n   ```\n   rate(x[5m])\n   ```\n- [x] done\n- [ ] open\n");
    QVERIFY(r.ok());
    const auto &b = r.value();
    QCOMPARE(b.size(), 6);
    QCOMPARE(b.at(0).type, MarkdownBlock::Type::ListItem);
    QVERIFY(b.at(0).ordered);
    QCOMPARE(b.at(0).number, 1);
    QCOMPARE(b.at(1).text, QStringLiteral("sub"));
    QCOMPARE(b.at(1).parentItem, 0);
    QCOMPARE(b.at(1).level, 2);
    QCOMPARE(b.at(2).number, 2);
    QCOMPARE(b.at(2).listId, b.at(0).listId);
    QCOMPARE(b.at(3).type, MarkdownBlock::Type::Code);
    QCOMPARE(b.at(3).parentItem, 2);
    QCOMPARE(b.at(3).text, QStringLiteral("rate(x[5m])\n"));
    QVERIFY(b.at(4).task);
    QVERIFY(b.at(4).checked);
    QVERIFY(b.at(5).task);
    QVERIFY(!b.at(5).checked);
    QVERIFY(b.at(4).listId != b.at(0).listId);
}

void TstMarkdownReader::tables()
{
    const auto r =
        MarkdownReader::read("| Alert | Go to |\n|---|---|\n| `A` | [Fix](#fix-a) |\n| **B** | plain |\n");
    QVERIFY(r.ok());
    QCOMPARE(r->size(), 1);
    const MarkdownBlock &t = r->first();
    QCOMPARE(t.type, MarkdownBlock::Type::Table);
    QCOMPARE(t.rows.size(), 3);
    QCOMPARE(t.rows.at(0), (QStringList{QStringLiteral("Alert"), QStringLiteral("Go to")}));
    QCOMPARE(t.rows.at(1), (QStringList{QStringLiteral("`A`"), QStringLiteral("Fix")}));
    QCOMPARE(t.rowLinks.at(1), (QStringList{QString(), QStringLiteral("#fix-a")}));
    QCOMPARE(t.rows.at(2).first(), QStringLiteral("B"));
}

void TstMarkdownReader::entitiesAndBreaks()
{
    const auto r = MarkdownReader::read("a &amp; b &lt;x&gt; &#x41;\nnext line\n");
    QVERIFY(r.ok());
    QCOMPARE(r->first().text, QStringLiteral("a & b <x> A\nnext line"));
    QCOMPARE(MarkdownReader::lineOf("a\nb\nc", 4), 3);
    QCOMPARE(MarkdownReader::lineOf("a\nb\nc", -1), 0);
}

QTEST_GUILESS_MAIN(TstMarkdownReader)
#include "tst_markdownreader.moc"
