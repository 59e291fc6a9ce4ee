#include "DashboardGrid.h"

#include "PanelView.h"

#include <QGridLayout>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>

namespace Sitrep::Ui {

DashboardGrid::DashboardGrid(QWidget *parent)
    : QWidget(parent)
    , m_layout(new QVBoxLayout(this))
{
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_layout->setSpacing(4);
}

void DashboardGrid::setPanels(const QList<Prom::Row> &rows, const QList<PanelView *> &views)
{
    for (const Section &s : std::as_const(m_sections)) {
        delete s.header;
        delete s.body;
    }
    m_sections.clear();
    while (QLayoutItem *item = m_layout->takeAt(0))
        delete item;
    m_rows = rows;
    for (int r = -1; r < int(rows.size()); ++r) {
        Section s;
        if (r >= 0) {
            s.header = new QPushButton(this);
            s.header->setObjectName(QStringLiteral("rowHeader"));
            s.header->setFlat(true);
            s.header->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
            QFont f = s.header->font();
            f.setBold(true);
            f.setPointSizeF(f.pointSizeF() * 1.1);
            s.header->setFont(f);
            s.header->setStyleSheet(
                QStringLiteral("QPushButton { text-align: left; padding: 3px 2px; border: none; "
                               "border-bottom: 1px solid palette(mid); }"));
            connect(s.header, &QPushButton::clicked, this, [this, r] {
                setRowCollapsed(r, !isRowCollapsed(r));
                emit rowToggled(r, isRowCollapsed(r));
            });
            m_layout->addWidget(s.header);
        }
        s.body = new QWidget(this);
        s.grid = new QGridLayout(s.body);
        s.grid->setContentsMargins(0, 0, 0, 0);
        s.grid->setSpacing(6);
        for (int c = 0; c < 24; ++c)
            s.grid->setColumnStretch(c, 1);
        m_layout->addWidget(s.body);
        m_sections << s;
    }
    QList<int> maxY(m_sections.size(), 0);
    for (PanelView *view : views) {
        const Prom::Panel &p = view->panel();
        const int row = std::clamp(p.row, -1, int(rows.size()) - 1);
        Section &s = m_sections[row + 1];
        // Inside a row the grid starts under its heading.
        const int top = row >= 0 ? rows[row].y + 1 : 0;
        const int y = std::max(0, p.grid.y - top);
        view->setParent(s.body);
        s.grid->addWidget(view, y, std::clamp(p.grid.x, 0, 23), std::max(1, p.grid.h),
                          std::max(1, std::min(p.grid.w, 24 - std::clamp(p.grid.x, 0, 23))));
        maxY[row + 1] = std::max(maxY[row + 1], y + p.grid.h);
        ++s.count;
    }
    for (int i = 0; i < m_sections.size(); ++i) {
        for (int y = 0; y < maxY[i]; ++y)
            m_sections[i].grid->setRowMinimumHeight(y, 26);
        m_sections[i].body->setVisible(m_sections[i].count > 0 && (i == 0 || !rows[i - 1].collapsed));
        if (i > 0)
            updateHeader(i - 1);
    }
    m_layout->addStretch(1);
}

bool DashboardGrid::isRowCollapsed(int row) const
{
    return row >= 0 && row < m_rows.size() && m_rows[row].collapsed;
}

void DashboardGrid::setRowCollapsed(int row, bool collapsed)
{
    if (row < 0 || row >= m_rows.size())
        return;
    m_rows[row].collapsed = collapsed;
    Section &s = m_sections[row + 1];
    s.body->setVisible(!collapsed && s.count > 0);
    updateHeader(row);
}

QPushButton *DashboardGrid::rowHeader(int row) const
{
    return row >= 0 && row + 1 < m_sections.size() ? m_sections[row + 1].header : nullptr;
}

void DashboardGrid::updateHeader(int row)
{
    Section &s = m_sections[row + 1];
    if (!s.header)
        return;
    const bool collapsed = m_rows[row].collapsed;
    s.header->setText(QStringLiteral("%1 %2%3").arg(
        collapsed ? QStringLiteral("\u25b8") : QStringLiteral("\u25be"), m_rows[row].title,
        collapsed ? QStringLiteral("  (%1 panels)").arg(s.count) : QString()));
    s.header->setAccessibleName(m_rows[row].title);
}

} // namespace Sitrep::Ui
