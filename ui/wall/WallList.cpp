#include "WallList.h"

#include "NameElider.h"

#include <QPainter>

namespace Sitrep::Ui {

namespace {
const QColor kMuted(0x9a, 0xa4, 0xae);
} // namespace

WallList::WallList(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("wallList"));
    // The tile gives the room; the list never asks for more than one line of it.
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

WallList::Span WallList::text(const QString &s, const QColor &color, bool bold, Elide elide)
{
    Span span;
    span.text = s;
    span.color = color;
    span.bold = bold;
    span.elide = elide;
    return span;
}

void WallList::setItems(const QList<Item> &items)
{
    m_items = items;
    update();
}

void WallList::setEmptyLine(const Line &line)
{
    m_empty = line;
    update();
}

QFont WallList::spanFont(const Span &span) const
{
    QFont f = font();
    if (span.size != 1.0) {
        if (f.pixelSize() > 0)
            f.setPixelSize(std::max(1, int(f.pixelSize() * span.size)));
        else
            f.setPointSizeF(f.pointSizeF() * span.size);
    }
    f.setBold(span.bold);
    return f;
}

int WallList::lineHeight(const Line &line) const
{
    int h = QFontMetrics(font()).lineSpacing();
    for (const Span &s : line)
        h = std::max(h, QFontMetrics(spanFont(s)).lineSpacing());
    return h;
}

QList<std::pair<QString, int>> WallList::fitLine(const Line &line, int width) const
{
    QList<std::pair<QString, int>> out;
    QList<int> widths;
    int total = 0;
    for (int i = 0; i < line.size(); ++i) {
        out.append({line[i].text, i});
        widths << QFontMetrics(spanFont(line[i])).horizontalAdvance(line[i].text);
        total += widths.last();
    }
    // Elidable spans give way first, the last one first; if that is not enough, the others from the right.
    auto shrink = [&](int i) {
        const QFontMetrics fm(spanFont(line[i]));
        const int room = std::max(0, width - (total - widths[i]));
        QString shown;
        if (line[i].elide == Elide::Name)
            shown = NameElider::elide(line[i].text, fm, room, NameElider::lastSegmentStart(line[i].text));
        else
            shown = fm.elidedText(line[i].text,
                                  line[i].elide == Elide::Middle ? Qt::ElideMiddle : Qt::ElideRight, room);
        out[i].first = shown;
        total += fm.horizontalAdvance(shown) - widths[i];
        widths[i] = fm.horizontalAdvance(shown);
    };
    for (int pass = 0; pass < 2 && total > width; ++pass) {
        for (int i = int(line.size()) - 1; i >= 0 && total > width; --i) {
            if ((pass == 0) == (line[i].elide != Elide::None))
                shrink(i);
        }
    }
    return out;
}

WallList::Line WallList::moreLine(int hidden) const
{
    return {text(tr("+%1 more").arg(hidden), kMuted, true)};
}

WallList::Laid WallList::layOut() const
{
    Laid laid;
    QList<Item> items = m_items;
    if (items.isEmpty() && !m_empty.isEmpty())
        items = {Item{{m_empty}, false}};
    const int w = width();
    const int h = height();
    const int gap = QFontMetrics(font()).lineSpacing() / 5;
    QList<int> heights;
    int all = 0;
    for (int i = 0; i < items.size(); ++i) {
        int ih = i > 0 ? gap : 0;
        for (const Line &line : items[i].lines)
            ih += lineHeight(line);
        heights << ih;
        all += ih;
    }
    int shown = int(items.size());
    if (all > h) {
        // Keep whole items while they and the "+N more" line fit.
        int y = 0;
        shown = 0;
        while (shown < items.size()) {
            int hiddenAfter = 0;
            for (int k = shown + 1; k < items.size(); ++k)
                hiddenAfter += items[k].counted ? 1 : 0;
            const int more = hiddenAfter > 0 ? lineHeight(moreLine(hiddenAfter)) + gap : 0;
            if (y + heights[shown] + more > h)
                break;
            y += heights[shown];
            ++shown;
        }
    }
    int y = 0;
    auto add = [&](const Line &line) {
        laid.lines.append({line, fitLine(line, w), y});
        y += lineHeight(line);
    };
    for (int i = 0; i < shown; ++i) {
        if (i > 0)
            y += gap;
        for (const Line &line : items[i].lines)
            add(line);
    }
    for (int k = shown; k < items.size(); ++k)
        laid.hidden += items[k].counted ? 1 : 0;
    if (laid.hidden > 0) {
        if (shown > 0)
            y += gap;
        add(moreLine(laid.hidden));
    }
    laid.items = shown;
    laid.height = y;
    return laid;
}

QStringList WallList::shownLines() const
{
    QStringList out;
    for (const LaidLine &line : layOut().lines) {
        QString s;
        for (const auto &[text, span] : line.drawn)
            s += text;
        out << s;
    }
    return out;
}

int WallList::shownItems() const
{
    return layOut().items;
}

int WallList::hiddenItems() const
{
    return layOut().hidden;
}

int WallList::drawnWidth() const
{
    int widest = 0;
    for (const LaidLine &line : layOut().lines) {
        int w = 0;
        for (const auto &[text, span] : line.drawn)
            w += QFontMetrics(spanFont(line.source[span])).horizontalAdvance(text);
        widest = std::max(widest, w);
    }
    return widest;
}

int WallList::drawnHeight() const
{
    return layOut().height;
}

QSize WallList::sizeHint() const
{
    return {200, 4 * QFontMetrics(font()).lineSpacing()};
}

QSize WallList::minimumSizeHint() const
{
    return {0, QFontMetrics(font()).lineSpacing()};
}

void WallList::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setClipRect(rect());
    const QColor fg = palette().color(QPalette::WindowText);
    for (const LaidLine &line : layOut().lines) {
        int ascent = 0;
        for (const Span &s : line.source)
            ascent = std::max(ascent, QFontMetrics(spanFont(s)).ascent());
        int x = 0;
        for (const auto &[text, span] : line.drawn) {
            const Span &s = line.source[span];
            const QFont f = spanFont(s);
            p.setFont(f);
            p.setPen(s.color.isValid() ? s.color : fg);
            p.drawText(QPoint(x, line.y + ascent), text);
            x += QFontMetrics(f).horizontalAdvance(text);
        }
    }
}

} // namespace Sitrep::Ui
