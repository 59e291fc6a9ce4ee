#include "FlowLayout.h"

#include <QStyle>
#include <QWidget>

namespace Sitrep::Ui {

FlowLayout::FlowLayout(QWidget *parent, int spacing)
    : QLayout(parent)
    , m_spacing(spacing)
{}

FlowLayout::~FlowLayout()
{
    while (QLayoutItem *item = takeAt(0))
        delete item;
}

void FlowLayout::addItem(QLayoutItem *item)
{
    m_items.append(item);
}

QLayoutItem *FlowLayout::takeAt(int index)
{
    if (index < 0 || index >= m_items.size())
        return nullptr;
    return m_items.takeAt(index);
}

int FlowLayout::gap() const
{
    if (m_spacing >= 0)
        return m_spacing;
    const QWidget *w = parentWidget();
    return w ? w->style()->pixelMetric(QStyle::PM_LayoutHorizontalSpacing, nullptr, w) : 6;
}

int FlowLayout::heightForWidth(int width) const
{
    return doLayout(QRect(0, 0, width, 0), false);
}

int FlowLayout::lineCount(int width) const
{
    int lines = 0;
    doLayout(QRect(0, 0, width, 0), false, &lines);
    return lines;
}

QSize FlowLayout::minimumSize() const
{
    // As narrow as the widest item: everything else wraps.
    QSize size;
    for (const QLayoutItem *item : m_items) {
        if (!item->isEmpty())
            size = size.expandedTo(item->minimumSize());
    }
    const QMargins m = contentsMargins();
    return size + QSize(m.left() + m.right(), m.top() + m.bottom());
}

QSize FlowLayout::sizeHint() const
{
    // One line with everything.
    int width = 0;
    int height = 0;
    for (const QLayoutItem *item : m_items) {
        if (item->isEmpty())
            continue;
        width += item->sizeHint().width() + (width > 0 ? gap() : 0);
        height = std::max(height, item->sizeHint().height());
    }
    const QMargins m = contentsMargins();
    return {width + m.left() + m.right(), height + m.top() + m.bottom()};
}

void FlowLayout::setGeometry(const QRect &rect)
{
    QLayout::setGeometry(rect);
    doLayout(rect, true);
}

int FlowLayout::doLayout(const QRect &rect, bool apply, int *lines) const
{
    const QRect area = rect.marginsRemoved(contentsMargins());
    const int space = gap();
    // Split into lines by preferred widths (never below an item's minimum).
    QList<QList<QLayoutItem *>> rows;
    int x = 0;
    for (QLayoutItem *item : m_items) {
        if (item->isEmpty())
            continue;
        const int w = std::max(item->sizeHint().width(), item->minimumSize().width());
        if (rows.isEmpty() || (x > 0 && x + space + w > area.width())) {
            rows.append(QList<QLayoutItem *>());
            x = 0;
        }
        x += (x > 0 ? space : 0) + w;
        rows.last().append(item);
    }
    int y = area.y();
    for (const auto &row : rows) {
        int used = 0;
        int lineHeight = 0;
        int expanding = 0;
        for (QLayoutItem *item : row) {
            used += std::min(std::max(item->sizeHint().width(), item->minimumSize().width()), area.width());
            lineHeight = std::max(lineHeight, item->sizeHint().height());
            expanding += (item->expandingDirections() & Qt::Horizontal) ? 1 : 0;
        }
        used += space * int(row.size() - 1);
        const int extra = std::max(0, area.width() - used);
        int left = area.x();
        int given = 0;
        for (QLayoutItem *item : row) {
            int w = std::min(std::max(item->sizeHint().width(), item->minimumSize().width()), area.width());
            if (expanding > 0 && (item->expandingDirections() & Qt::Horizontal)) {
                const int share = extra / expanding + (++given == expanding ? extra % expanding : 0);
                w = std::min(w + share, item->maximumSize().width());
            }
            if (apply)
                item->setGeometry(QRect(left, y + (lineHeight - item->sizeHint().height()) / 2, w,
                                        item->sizeHint().height()));
            left += w + space;
        }
        y += lineHeight + space;
    }
    if (lines)
        *lines = int(rows.size());
    const int height = rows.isEmpty() ? 0 : y - space - area.y();
    const QMargins m = contentsMargins();
    return height + m.top() + m.bottom();
}

} // namespace Sitrep::Ui
