#include "ElidedLabel.h"

#include "NameElider.h"

#include <QPainter>
#include <QStyle>
#include <QTextLayout>

namespace Sitrep::Ui {

ElidedLabel::ElidedLabel(QWidget *parent)
    : ElidedLabel(QString(), parent)
{}

ElidedLabel::ElidedLabel(const QString &text, QWidget *parent)
    : QLabel(text, parent)
{
    setTextFormat(Qt::PlainText);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
}

void ElidedLabel::setMaxLines(int lines)
{
    m_maxLines = std::max(1, lines);
    updateGeometry();
    update();
}

void ElidedLabel::setNameElision(bool on)
{
    m_nameElision = on;
    update();
}

int ElidedLabel::textWidth() const
{
    return std::max(0, contentsRect().width() - 2 * margin());
}

QStringList ElidedLabel::layOut(int width, bool *elided) const
{
    *elided = false;
    const QString all = text();
    const QFontMetrics fm(font());
    if (all.isEmpty() || width <= 0)
        return {};
    if (m_maxLines == 1 || fm.horizontalAdvance(all) <= width) {
        QString shown = all;
        if (fm.horizontalAdvance(all) > width) {
            shown = m_nameElision ? NameElider::elide(all, fm, width, NameElider::lastSegmentStart(all))
                                  : fm.elidedText(all, Qt::ElideRight, width);
            *elided = true;
        }
        return {shown};
    }
    QTextLayout layout(all, font());
    QTextOption option;
    option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    layout.setTextOption(option);
    QStringList lines;
    layout.beginLayout();
    for (QTextLine line = layout.createLine(); line.isValid(); line = layout.createLine()) {
        line.setLineWidth(width);
        if (lines.size() == m_maxLines - 1) {
            // The last line takes the rest, elided when it does not fit.
            const QString rest = all.mid(line.textStart()).trimmed();
            const QString shown = fm.elidedText(rest, Qt::ElideRight, width);
            *elided = shown != rest;
            lines << shown;
            break;
        }
        lines << all.mid(line.textStart(), line.textLength()).trimmed();
    }
    layout.endLayout();
    return lines;
}

int ElidedLabel::linesNeeded(int width) const
{
    const QString all = text();
    if (all.isEmpty() || width <= 0)
        return 0;
    QTextLayout layout(all, font());
    QTextOption option;
    option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    layout.setTextOption(option);
    int n = 0;
    layout.beginLayout();
    for (QTextLine line = layout.createLine(); line.isValid(); line = layout.createLine()) {
        line.setLineWidth(width);
        ++n;
    }
    layout.endLayout();
    return n;
}

bool ElidedLabel::isElided() const
{
    bool elided = false;
    layOut(textWidth(), &elided);
    return elided;
}

QStringList ElidedLabel::shownLines() const
{
    bool elided = false;
    return layOut(textWidth(), &elided);
}

QSize ElidedLabel::sizeHint() const
{
    const QFontMetrics fm(font());
    const QMargins m = contentsMargins();
    const int lines = m_maxLines;
    // As wide as the text on one line (the layout gives less when it has less), as tall as maxLines lines.
    const int w = fm.horizontalAdvance(text()) + 2 * margin() + m.left() + m.right();
    const int h = lines * fm.lineSpacing() + 2 * margin() + m.top() + m.bottom();
    return {w, h};
}

QSize ElidedLabel::minimumSizeHint() const
{
    const QFontMetrics fm(font());
    const QMargins m = contentsMargins();
    // A few characters and the ellipsis; the tooltip has the rest.
    const int w = std::min(fm.horizontalAdvance(text()), fm.averageCharWidth() * 6) + 2 * margin() +
                  m.left() + m.right();
    return {w, sizeHint().height()};
}

void ElidedLabel::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    drawFrame(&p);
    bool elided = false;
    const QStringList lines = layOut(textWidth(), &elided);
    syncToolTip(elided);
    const QFontMetrics fm(font());
    const QRect r = contentsRect().adjusted(margin(), margin(), -margin(), -margin());
    const int blockHeight = int(lines.size()) * fm.lineSpacing();
    int y = r.top();
    if (alignment() & Qt::AlignVCenter)
        y += (r.height() - blockHeight) / 2;
    else if (alignment() & Qt::AlignBottom)
        y += r.height() - blockHeight;
    p.setPen(palette().color(foregroundRole()));
    const Qt::Alignment h = alignment() & Qt::AlignHorizontal_Mask;
    for (const QString &line : lines) {
        style()->drawItemText(&p, QRect(r.left(), y, r.width(), fm.lineSpacing()), int(h | Qt::AlignVCenter),
                              palette(), isEnabled(), line, foregroundRole());
        y += fm.lineSpacing();
    }
}

void ElidedLabel::syncToolTip(bool elided)
{
    // The whole text on hover while it is shortened; a tooltip set by the owner is left alone.
    const bool mine = toolTip().isEmpty() || toolTip() == m_autoToolTip;
    if (!mine)
        return;
    m_autoToolTip = elided ? text() : QString();
    if (toolTip() != m_autoToolTip)
        setToolTip(m_autoToolTip);
}

void ElidedLabel::resizeEvent(QResizeEvent *event)
{
    QLabel::resizeEvent(event);
    syncToolTip(isElided());
}

} // namespace Sitrep::Ui
