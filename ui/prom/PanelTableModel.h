#pragma once

#include "prom/PanelProcessor.h"

#include <QAbstractTableModel>

namespace Sitrep::Ui {

// One frame of a table panel as rows and columns: each cell's text through the column's unit, decimals and
// value mappings, its colour for colour-text and colour-background cells, the raw value for sorting.
class PanelTableModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    static constexpr int SortRole = Qt::UserRole + 1;

    explicit PanelTableModel(QObject *parent = nullptr);
    void setTable(const Sitrep::Prom::TableData &table);
    const Sitrep::Prom::TableData &table() const { return m_table; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    Sitrep::Prom::DisplayValue cell(int row, int column) const;

    Sitrep::Prom::TableData m_table;
    QList<double> m_min;
    QList<double> m_max;
};

} // namespace Sitrep::Ui
