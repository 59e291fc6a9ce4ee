#pragma once

#include "prom/Dashboard.h"

#include <QList>
#include <QWidget>

class QGridLayout;
class QPushButton;
class QVBoxLayout;

namespace Sitrep::Ui {

class PanelView;

// The panels laid out on Grafana's 24-column grid, one section per row: a row's heading folds and unfolds
// the panels under it (collapsed rows stay collapsed until clicked, as in Grafana); panels above the first
// row have no heading.
class DashboardGrid final : public QWidget
{
    Q_OBJECT
public:
    explicit DashboardGrid(QWidget *parent = nullptr);

    // Takes the views (reparented); rows as the dashboard has them, collapsed as saved.
    void setPanels(const QList<Sitrep::Prom::Row> &rows, const QList<PanelView *> &views);
    bool isRowCollapsed(int row) const;
    void setRowCollapsed(int row, bool collapsed);
    QPushButton *rowHeader(int row) const;
    int rowCount() const { return int(m_rows.size()); }

signals:
    void rowToggled(int row, bool collapsed);

private:
    struct Section
    {
        QPushButton *header = nullptr;
        QWidget *body = nullptr;
        QGridLayout *grid = nullptr;
        int count = 0;
    };
    void updateHeader(int row);

    QVBoxLayout *m_layout;
    QList<Sitrep::Prom::Row> m_rows;
    QList<Section> m_sections; // [0]: above the first row; [r + 1]: row r
};

} // namespace Sitrep::Ui
