#pragma once

#include "prom/Dashboard.h"
#include "prom/PanelProcessor.h"

#include <QWidget>

class QComboBox;
class QSortFilterProxyModel;
class QTableView;

namespace Sitrep::Ui {

class PanelTableModel;

// Grafana's table panel: one frame at a time (a picker when the queries give several), columns named,
// ordered, hidden and formatted as the transformations and overrides say, sortable by a click on a header.
class TablePanel final : public QWidget
{
    Q_OBJECT
public:
    explicit TablePanel(const Sitrep::Prom::Panel &panel, QWidget *parent = nullptr);

    void setTables(const QList<Sitrep::Prom::TableData> &tables);
    int rowCount() const;
    PanelTableModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }

private:
    void show(int index);

    Sitrep::Prom::Panel m_panel;
    QList<Sitrep::Prom::TableData> m_tables;
    QComboBox *m_frames = nullptr;
    QTableView *m_view = nullptr;
    PanelTableModel *m_model = nullptr;
    QSortFilterProxyModel *m_proxy = nullptr;
};

} // namespace Sitrep::Ui
