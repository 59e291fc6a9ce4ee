#include "ElidedNameDelegate.h"

#include "NameElider.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QHelpEvent>
#include <QToolTip>

namespace Sitrep::Ui {

ElidedNameDelegate::ElidedNameDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{}

QString ElidedNameDelegate::shownText(const QStyleOptionViewItem &option, const QString &text)
{
    const QWidget *widget = option.widget;
    const QStyle *style = widget ? widget->style() : QApplication::style();
    // The rectangle the style draws the text into, less the margins it keeps on both sides.
    const QRect textRect = style->subElementRect(QStyle::SE_ItemViewItemText, &option, widget);
    const int margin = style->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, widget) + 1;
    const int width = textRect.width() - 2 * margin;
    return NameElider::elide(text, option.fontMetrics, width, NameElider::lastSegmentStart(text));
}

void ElidedNameDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                               const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    opt.text = shownText(opt, opt.text);
    opt.textElideMode = Qt::ElideNone; // already shortened where it should be
    const QWidget *widget = option.widget;
    const QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);
}

bool ElidedNameDelegate::helpEvent(QHelpEvent *event, QAbstractItemView *view,
                                   const QStyleOptionViewItem &option, const QModelIndex &index)
{
    if (event && event->type() == QEvent::ToolTip && index.isValid()) {
        QStyleOptionViewItem opt = option;
        initStyleOption(&opt, index);
        const QString full = opt.text;
        if (shownText(opt, full) != full && index.data(Qt::ToolTipRole).isNull()) {
            QToolTip::showText(event->globalPos(), full, view);
            return true;
        }
    }
    return QStyledItemDelegate::helpEvent(event, view, option, index);
}

} // namespace Sitrep::Ui
