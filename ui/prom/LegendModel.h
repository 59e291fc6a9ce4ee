#pragma once

#include "prom/PanelProcessor.h"

#include <QAbstractTableModel>
#include <QList>
#include <QStringList>

namespace Sitrep::Ui {

// A time series panel's legend as a table: each series with its colour, and the values Grafana's legend
// calcs ask for (mean, last *, max, min ...), formatted with the series' unit. Hidden series are greyed.
class LegendModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    explicit LegendModel(QObject *parent = nullptr);

    void setSeries(const QList<Sitrep::Prom::DrawSeries> &series, const QStringList &calcs);
    void setHidden(int row, bool hidden);
    bool isHidden(int row) const { return m_hidden.value(row); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    struct Row
    {
        QString name;
        QString color;
        QStringList values;
    };
    QList<Row> m_rows;
    QList<bool> m_hidden;
    QStringList m_calcs;
};

} // namespace Sitrep::Ui
