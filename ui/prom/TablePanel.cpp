#include "TablePanel.h"

#include "PanelTableModel.h"

#include <QComboBox>
#include <QHeaderView>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

namespace Sitrep::Ui {

using namespace Sitrep::Prom;

TablePanel::TablePanel(const Panel &panel, QWidget *parent)
    : QWidget(parent)
    , m_panel(panel)
    , m_frames(new QComboBox(this))
    , m_view(new QTableView(this))
    , m_model(new PanelTableModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
{
    setObjectName(QStringLiteral("table"));
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(PanelTableModel::SortRole);
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->verticalHeader()->hide();
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_frames->setAccessibleName(QStringLiteral("Table frame"));
    m_frames->hide();
    connect(m_frames, &QComboBox::activated, this, &TablePanel::show);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_frames);
}

int TablePanel::rowCount() const
{
    return m_model->rowCount();
}

void TablePanel::setTables(const QList<TableData> &tables)
{
    const int previous = m_frames->currentIndex();
    m_tables = tables;
    m_frames->clear();
    for (const TableData &t : tables)
        m_frames->addItem(t.title.isEmpty() ? QStringLiteral("frame %1").arg(m_frames->count() + 1)
                                            : t.title);
    m_frames->setVisible(tables.size() > 1);
    show(previous >= 0 && previous < tables.size() ? previous : 0);
    if (previous >= 0 && previous < tables.size())
        m_frames->setCurrentIndex(previous);
}

void TablePanel::show(int index)
{
    m_model->setTable(m_tables.value(index));
    const TableData &t = m_model->table();
    for (int c = 0; c < t.columns.size(); ++c) {
        if (t.columns[c].config.width)
            m_view->setColumnWidth(c, int(*t.columns[c].config.width));
        else
            m_view->resizeColumnToContents(c);
    }
}

} // namespace Sitrep::Ui
