// The elision helpers: NameElider keeps the tail that tells a name apart, ElidedLabel keeps a title to its
// lines, ElidedNameDelegate draws a table column of names with them.
#include "ElidedLabel.h"
#include "ElidedNameDelegate.h"
#include "NameElider.h"

#include <QApplication>
#include <QClipboard>
#include <QFontMetrics>
#include <QHeaderView>
#include <QStandardItemModel>
#include <QTest>
#include <QTreeView>

using namespace Sitrep::Ui;

class TstNameElision : public QObject
{
    Q_OBJECT
private slots:
    void tailStart_data();
    void tailStart();
    void elideKeepsTheTail_data();
    void elideKeepsTheTail();
    void narrowerThanTheTail();
    void labelTakesAtMostItsLines();
    void delegateDrawsTheTailAndTheModelKeepsTheName();
};

void TstNameElision::tailStart_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QStringList>("names");
    QTest::addColumn<QString>("tail");
    const QStringList pods = {QStringLiteral("api-gateway-5f7c9d8b4-487m9"),
                              QStringLiteral("api-gateway-5f7c9d8b4-hwvt9"),
                              QStringLiteral("api-gateway-7d9f8b6c5-487m9"), QStringLiteral("postgres-0"),
                              QStringLiteral("redis-0")};
    QTest::newRow("no list: last segment")
        << QStringLiteral("api-gateway-5f7c9d8b4-487m9") << QStringList{} << QStringLiteral("487m9");
    QTest::newRow("unique suffix") << QStringLiteral("api-gateway-5f7c9d8b4-hwvt9") << pods
                                   << QStringLiteral("hwvt9");
    // Two replica sets with the same random suffix: the hash joins the tail.
    QTest::newRow("shared suffix") << QStringLiteral("api-gateway-7d9f8b6c5-487m9") << pods
                                   << QStringLiteral("7d9f8b6c5-487m9");
    QTest::newRow("ordinal shared") << QStringLiteral("postgres-0") << pods << QStringLiteral("postgres-0");
    QTest::newRow("not in the list") << QStringLiteral("worker-abc12") << pods << QStringLiteral("abc12");
    QTest::newRow("no separator") << QStringLiteral("prometheus") << QStringList{}
                                  << QStringLiteral("prometheus");
}

void TstNameElision::tailStart()
{
    QFETCH(QString, name);
    QFETCH(QStringList, names);
    QFETCH(QString, tail);
    const NameElider elider(names);
    QCOMPARE(name.mid(elider.tailStart(name)), tail);
}

void TstNameElision::elideKeepsTheTail_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("chars"); // width in average characters
    QTest::addColumn<QString>("mustEndWith");
    QTest::newRow("pod, narrow") << QStringLiteral("api-gateway-tshr84796g-487m9") << 18
                                 << QStringLiteral("\u2026-487m9");
    QTest::newRow("pod, wide enough") << QStringLiteral("api-gateway-tshr84796g-487m9") << 60
                                      << QStringLiteral("api-gateway-tshr84796g-487m9");
    QTest::newRow("statefulset") << QStringLiteral("postgres-primary-database-0") << 12
                                 << QStringLiteral("\u2026-0");
}

void TstNameElision::elideKeepsTheTail()
{
    QFETCH(QString, name);
    QFETCH(int, chars);
    QFETCH(QString, mustEndWith);
    const QFontMetrics fm(QApplication::font());
    const int width = chars * fm.averageCharWidth();
    const QString shown = NameElider::elide(name, fm, width, NameElider::lastSegmentStart(name));
    QVERIFY2(shown.endsWith(mustEndWith), qPrintable(shown));
    QVERIFY2(fm.horizontalAdvance(shown) <= width, qPrintable(shown));
    if (shown != name) {
        // The head is kept as far as it fits: "api-gateway-…-487m9", not "…-487m9".
        QVERIFY2(shown.front() == name.front(), qPrintable(shown));
        QVERIFY(shown.contains(NameElider::kEllipsis));
    }
}

void TstNameElision::narrowerThanTheTail()
{
    const QFontMetrics fm(QApplication::font());
    const QString name = QStringLiteral("api-gateway-averyveryverylongrandomsuffix");
    const int width =
        fm.horizontalAdvance(QStringLiteral("suffix")) + fm.horizontalAdvance(NameElider::kEllipsis);
    const QString shown = NameElider::elide(name, fm, width, NameElider::lastSegmentStart(name));
    QVERIFY2(fm.horizontalAdvance(shown) <= width, qPrintable(shown));
    QVERIFY2(shown.startsWith(NameElider::kEllipsis) && shown.endsWith(QLatin1String("suffix")),
             qPrintable(shown));
    QCOMPARE(NameElider::elide(name, fm, 0, 12), QString());
}

void TstNameElision::labelTakesAtMostItsLines()
{
    ElidedLabel label;
    label.setMaxLines(2);
    label.setText(
        QStringLiteral("api-gateway returns 502 after the v2 rollout in every region, and checkout, "
                       "search, login and the partner API are down with it"));
    const QFontMetrics fm(label.font());
    label.resize(fm.averageCharWidth() * 30, label.sizeHint().height());
    label.show();
    QVERIFY(QTest::qWaitForWindowExposed(&label));
    // The height asked for is two lines, however long the text.
    QCOMPARE(label.sizeHint().height(), 2 * fm.lineSpacing());
    QCOMPARE(label.shownLines().size(), 2);
    QVERIFY(label.isElided());
    QVERIFY(label.linesNeeded(label.width()) > 2);
    QVERIFY(label.shownLines().last().endsWith(QChar(0x2026)));
    for (const QString &line : label.shownLines())
        QVERIFY2(fm.horizontalAdvance(line) <= label.width(), qPrintable(line));
    QCOMPARE(label.toolTip(), label.text()); // whole on hover
    // Wide enough: one line, not elided, no tooltip of its own.
    label.resize(fm.horizontalAdvance(label.text()) + 10, label.height());
    QVERIFY(!label.isElided());
    QCOMPARE(label.shownLines(), QStringList{label.text()});
    QVERIFY(label.toolTip().isEmpty());
}

void TstNameElision::delegateDrawsTheTailAndTheModelKeepsTheName()
{
    QStandardItemModel model(0, 2);
    model.setHorizontalHeaderLabels({QStringLiteral("Name"), QStringLiteral("Status")});
    const QString name = QStringLiteral("api-gateway-tshr84796g-487m9");
    model.appendRow({new QStandardItem(name), new QStandardItem(QStringLiteral("CrashLoopBackOff"))});
    QTreeView view;
    view.setModel(&model);
    view.setItemDelegateForColumn(0, new ElidedNameDelegate(&view));
    view.header()->setStretchLastSection(true);
    view.resize(500, 200);
    const QFontMetrics fm(view.font());
    view.setColumnWidth(0, fm.horizontalAdvance(QStringLiteral("api-gate-487m9")) + 24);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QStyleOptionViewItem option;
    option.initFrom(view.viewport());
    option.rect = view.visualRect(model.index(0, 0));
    option.fontMetrics = fm;
    option.features |= QStyleOptionViewItem::HasDisplay;
    option.text = name;
    const QString shown = ElidedNameDelegate::shownText(option, name);
    QVERIFY2(shown != name && shown.endsWith(QLatin1String("-487m9")), qPrintable(shown));
    // The model is untouched: copying the cell copies the whole name.
    QCOMPARE(model.index(0, 0).data().toString(), name);
    const QImage image = view.viewport()->grab().toImage();
    QVERIFY(!image.isNull());
}

QTEST_MAIN(TstNameElision)
#include "tst_nameelision.moc"
