#include "LegendModel.h"

#include "prom/Reducer.h"
#include "prom/UnitFormat.h"

#include <QColor>
#include <QPixmap>

namespace Sitrep::Ui {

LegendModel::LegendModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void LegendModel::setSeries(const QList<Prom::DrawSeries> &series, const QStringList &calcs)
{
    beginResetModel();
    QList<bool> hidden;
    for (const Prom::DrawSeries &s : series) {
        bool wasHidden = false;
        for (int i = 0; i < m_rows.size(); ++i) {
            if (m_rows[i].name == s.name)
                wasHidden = m_hidden.value(i);
        }
        hidden << wasHidden;
    }
    m_rows.clear();
    m_calcs = calcs;
    for (const Prom::DrawSeries &s : series) {
        Row r;
        r.name = s.name;
        r.color = s.color;
        for (const QString &c : calcs) {
            const double v = Prom::Reducer::reduce(s.values, c);
            r.values << Prom::UnitFormat::format(v, s.config.unit.value_or(QString()),
                                                 s.config.decimals.value_or(-1));
        }
        m_rows << r;
    }
    m_hidden = hidden;
    endResetModel();
}

void LegendModel::setHidden(int row, bool hidden)
{
    if (row < 0 || row >= m_hidden.size())
        return;
    m_hidden[row] = hidden;
    emit dataChanged(index(row, 0), index(row, columnCount() - 1));
}

int LegendModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int LegendModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : 1 + int(m_calcs.size());
}

QVariant LegendModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Row &r = m_rows[index.row()];
    switch (role) {
    case Qt::DisplayRole:
        return index.column() == 0 ? r.name : r.values.value(index.column() - 1);
    case Qt::ToolTipRole:
        return r.name;
    case Qt::DecorationRole:
        if (index.column() == 0) {
            QPixmap swatch(10, 10);
            QColor c(r.color);
            if (m_hidden.value(index.row()))
                c.setAlphaF(0.3);
            swatch.fill(c);
            return swatch;
        }
        return {};
    case Qt::ForegroundRole:
        if (m_hidden.value(index.row()))
            return QColor(128, 128, 128);
        return {};
    case Qt::TextAlignmentRole:
        return index.column() == 0 ? QVariant(Qt::AlignLeft | Qt::AlignVCenter)
                                   : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    default:
        return {};
    }
}

QVariant LegendModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    return section == 0 ? QStringLiteral("Name") : Prom::Reducer::title(m_calcs.value(section - 1));
}

} // namespace Sitrep::Ui
