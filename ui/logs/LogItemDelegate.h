#pragma once

#include <QCache>
#include <QStaticText>
#include <QStyledItemDelegate>

namespace Sitrep::Logs {
struct AnsiSpan;
}

namespace Sitrep::Ui {

// Paints log cells cheaply: each cell's text is laid out once into a QStaticText (cached by line
// and column, since a line's text never changes) so that scrolling and auto-scroll under a flood
// only blit glyphs instead of shaping every visible cell again on every repaint. No elision, no
// style calls per cell; selection, the background role, the pod colour swatch and fonts are kept.
// Search matches are marked inside the message with a filled, outlined box behind their text.
class LogItemDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
public:
    // The fill behind a search match inside a line (tests look for it).
    static QColor matchColor() { return QColor(255, 196, 0); }
    explicit LogItemDelegate(QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    // Forget cached layouts (after the view's font or the time format changed).
    void clearCache() { m_cache.clear(); }

private:
    // Marks each search match inside the message (the row tint alone does not say where it is).
    void paintMatches(QPainter *painter, const QRect &r, int x, const QFont &font, const QVariant &ranges,
                      const QString &text) const;
    void paintAnsi(QPainter *painter, const QRect &r, int x, const QFont &font, const QColor &defaultFg,
                   const QString &text, const QList<Sitrep::Logs::AnsiSpan> &spans) const;

    mutable QCache<quint64, QStaticText> m_cache;
};

} // namespace Sitrep::Ui
