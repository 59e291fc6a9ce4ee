#pragma once

#include <QObject>

class QHeaderView;

namespace Sitrep::Ui {

// Keeps a table's columns at least as wide as their headers: a column sized in pixels by its pane (or by a
// layout made for another font) is widened to show its header whole whenever the header gets new sections.
// Widths the user drags afterwards are left alone; stretched and fit-to-contents columns size themselves.
class HeaderFit final : public QObject
{
    Q_OBJECT
public:
    static void keep(QHeaderView *header);
    // Widens the interactive and fixed columns that are narrower than their header now.
    static void apply(QHeaderView *header);

private:
    explicit HeaderFit(QHeaderView *header);
};

} // namespace Sitrep::Ui
