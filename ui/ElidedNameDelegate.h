#pragma once

#include <QStyledItemDelegate>

namespace Sitrep::Ui {

// Draws a column of generated names (pods, containers) shortened by NameElider: the tail that tells a name
// apart stays, the shared middle goes. The model keeps the whole name, so copy and sort see it; a shortened
// cell shows the whole name as its tooltip.
class ElidedNameDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
public:
    explicit ElidedNameDelegate(QObject *parent = nullptr);

    // The text a cell of this width shows (what paint() draws), for tests and for views that measure.
    static QString shownText(const QStyleOptionViewItem &option, const QString &text);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    bool helpEvent(QHelpEvent *event, QAbstractItemView *view, const QStyleOptionViewItem &option,
                   const QModelIndex &index) override;
};

} // namespace Sitrep::Ui
