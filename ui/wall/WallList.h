#pragma once

#include <QColor>
#include <QList>
#include <QString>
#include <QStringList>
#include <QWidget>

namespace Sitrep::Ui {

// The body of a text tile on the wall: items of one or more lines, drawn so that nothing is ever cut at the
// tile's edge. A line too long for the tile is elided ("…"; generated names keep their distinguishing tail);
// items that do not fit below each other are left out whole and counted on a last line ("+2 more").
class WallList final : public QWidget
{
    Q_OBJECT
public:
    // Name: a generated name keeping its last segment; Middle: a name whose tail tells it apart from its
    // siblings without separators to cut at (ApiGatewayErrorBudgetBurnInRegion11 ->
    // ApiGatewayErr…InRegion11).
    enum class Elide { None, Right, Name, Middle };
    struct Span
    {
        QString text;
        QColor color; // invalid: the tile's text colour
        bool bold = false;
        Elide elide = Elide::None; // the line's last elidable span gets the room the others leave
        double size = 1.0;         // relative to the tile's body font
    };
    using Line = QList<Span>;
    struct Item
    {
        QList<Line> lines;
        bool counted = true; // counted in "+N more" when left out (headings are not)
    };

    explicit WallList(QWidget *parent = nullptr);

    void setItems(const QList<Item> &items);
    // Shown instead of items when there are none ("✓ None firing").
    void setEmptyLine(const Line &line);
    const QList<Item> &items() const { return m_items; }

    // What is drawn at the current size: each line's text after eliding, the "+N more" line last.
    QStringList shownLines() const;
    int shownItems() const;
    int hiddenItems() const;
    // The widest drawn line in pixels (never more than the width) and the height the drawn lines take.
    int drawnWidth() const;
    int drawnHeight() const;

    // Plain-text helpers for building items.
    static Span text(const QString &s, const QColor &color = {}, bool bold = false,
                     Elide elide = Elide::None);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    struct LaidLine
    {
        Line source;
        QList<std::pair<QString, int>> drawn; // (text as drawn, index of its span in source)
        int y = 0;                            // top, in pixels
    };
    struct Laid
    {
        QList<LaidLine> lines;
        int items = 0;  // items shown
        int hidden = 0; // counted items left out
        int height = 0;
    };
    Laid layOut() const;
    QFont spanFont(const Span &span) const;
    int lineHeight(const Line &line) const;
    QList<std::pair<QString, int>> fitLine(const Line &line, int width) const;
    Line moreLine(int hidden) const;

    QList<Item> m_items;
    Line m_empty;
};

} // namespace Sitrep::Ui
