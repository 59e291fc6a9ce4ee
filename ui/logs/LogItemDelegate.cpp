#include "LogItemDelegate.h"

#include "logs/AnsiText.h"

#include "LogModel.h"
#include "NameElider.h"

#include <QApplication>
#include <QPainter>

namespace Sitrep::Ui {

namespace {
constexpr int kPad = 4;
constexpr int kSwatch = 10;
constexpr int kMaxChars = 600; // wider than any screen in a monospace font
} // namespace

LogItemDelegate::LogItemDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{
    m_cache.setMaxCost(6000);
}

QSize LogItemDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const int h = option.fontMetrics.height() + 4;
    if (index.column() == LogModel::MessageColumn)
        return {400, h};
    return {option.fontMetrics.horizontalAdvance(index.data().toString()) + 2 * kPad + kSwatch + kPad, h};
}

void LogItemDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                            const QModelIndex &index) const
{
    const QRect r = option.rect;
    const bool selected = option.state & QStyle::State_Selected;
    const QPalette &pal = option.palette;
    if (selected) {
        painter->fillRect(r, pal.brush(QPalette::Active, QPalette::Highlight));
    } else {
        const QVariant bg = index.data(Qt::BackgroundRole);
        if (bg.isValid())
            painter->fillRect(r, bg.value<QColor>());
    }

    int x = r.left() + kPad;
    if (index.column() == LogModel::PodColumn) {
        const QColor c = index.data(LogModel::PodColorRole).value<QColor>();
        if (c.isValid()) {
            const QRect sw(x, r.top() + (r.height() - kSwatch) / 2, kSwatch, kSwatch);
            painter->fillRect(sw, c);
            painter->setPen(c.darker(160));
            painter->drawRect(sw.adjusted(0, 0, -1, -1));
            x += kSwatch + kPad;
        }
    }

    QFont font = option.font;
    const QVariant fv = index.data(Qt::FontRole);
    if (fv.isValid()) {
        const QFont f = fv.value<QFont>();
        font.setBold(f.bold());
        font.setItalic(f.italic());
    }
    QColor fg = selected ? pal.color(QPalette::Active, QPalette::HighlightedText) : pal.color(QPalette::Text);
    if (!selected) {
        const QVariant fgv = index.data(Qt::ForegroundRole);
        if (fgv.isValid())
            fg = fgv.value<QColor>();
    }

    if (index.column() == LogModel::MessageColumn) {
        if (const QVariant ranges = index.data(LogModel::SearchRangesRole); ranges.isValid())
            paintMatches(painter, r, x, font, ranges, index.data().toString().left(kMaxChars));
    }

    // A line written with ANSI colours is drawn in them (selected rows keep the selection colours).
    if (const QVariant sv = index.data(LogModel::AnsiSpansRole); sv.isValid() && !selected) {
        paintAnsi(painter, r, x, font, fg, index.data().toString().left(kMaxChars),
                  sv.value<QList<Logs::AnsiSpan>>());
        return;
    }

    if (index.column() == LogModel::PodColumn) {
        // A narrow column keeps the pod's distinguishing tail (api-gateway-…-487m9), never cuts it off; the
        // tooltip and copy have the whole name.
        const QString pod = index.data().toString();
        const QFontMetrics fm(font);
        const QString shown =
            NameElider::elide(pod, fm, r.right() + 1 - kPad - x, NameElider::lastSegmentStart(pod));
        painter->save();
        painter->setClipRect(r);
        painter->setFont(font);
        painter->setPen(fg);
        painter->drawText(QPoint(x, r.top() + (r.height() - fm.height()) / 2 + fm.ascent()), shown);
        painter->restore();
        return;
    }

    const QVariant seqv = index.data(LogModel::SeqRole);
    QStaticText local;
    QStaticText *text = nullptr;
    if (seqv.isValid()) {
        const quint64 key = (seqv.value<quint64>() << 3) | quint64(index.column());
        text = m_cache.object(key);
        if (!text) {
            QString s = index.data().toString();
            if (s.size() > kMaxChars)
                s.truncate(kMaxChars);
            text = new QStaticText(s);
            text->setTextFormat(Qt::PlainText);
            text->setPerformanceHint(QStaticText::AggressiveCaching);
            m_cache.insert(key, text);
        }
    } else {
        local.setText(index.data().toString());
        local.setTextFormat(Qt::PlainText);
        text = &local;
    }
    painter->save();
    painter->setClipRect(r);
    painter->setFont(font);
    painter->setPen(fg);
    const int y = r.top() + (r.height() - option.fontMetrics.height()) / 2;
    painter->drawStaticText(QPoint(x, y), *text);
    painter->restore();
}

void LogItemDelegate::paintMatches(QPainter *painter, const QRect &r, int x, const QFont &font,
                                   const QVariant &ranges, const QString &text) const
{
    const auto list = ranges.value<QList<QPair<int, int>>>();
    if (list.isEmpty())
        return;
    const QFontMetrics fm(font);
    const QColor fill = matchColor();
    painter->save();
    painter->setClipRect(r);
    painter->setPen(fill.darker(170));
    for (const auto &[start, length] : list) {
        if (start >= text.size())
            break;
        const int x0 = x + fm.horizontalAdvance(text.left(start));
        if (x0 > r.right())
            break;
        const int w = qMax(2, fm.horizontalAdvance(text.mid(start, length)));
        const QRect box(x0, r.top() + 1, w, r.height() - 2);
        painter->fillRect(box, fill);
        painter->drawRect(box.adjusted(0, 0, -1, -1)); // an outline: not the colour alone
    }
    painter->restore();
}

void LogItemDelegate::paintAnsi(QPainter *painter, const QRect &r, int x, const QFont &font,
                                const QColor &defaultFg, const QString &text,
                                const QList<Logs::AnsiSpan> &spans) const
{
    painter->save();
    painter->setClipRect(r);
    for (const Logs::AnsiSpan &span : spans) {
        if (x > r.right() || span.start >= text.size())
            break;
        const QString piece = text.mid(span.start, span.length);
        QFont f = font;
        f.setBold(font.bold() || span.bold);
        const QFontMetrics fm(f);
        const int w = fm.horizontalAdvance(piece);
        if (span.bg)
            painter->fillRect(QRect(x, r.top(), w, r.height()), QColor::fromRgb(span.bg));
        painter->setFont(f);
        painter->setPen(span.fg ? QColor::fromRgb(span.fg) : defaultFg);
        painter->drawText(QPoint(x, r.top() + (r.height() - fm.height()) / 2 + fm.ascent()), piece);
        x += w;
    }
    painter->restore();
}

} // namespace Sitrep::Ui
