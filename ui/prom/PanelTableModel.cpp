#include "PanelTableModel.h"

#include "PanelPainting.h"

#include <QColor>

#include <cmath>

namespace Sitrep::Ui {

using namespace Sitrep::Prom;

PanelTableModel::PanelTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void PanelTableModel::setTable(const TableData &table)
{
    beginResetModel();
    m_table = table;
    m_min.clear();
    m_max.clear();
    for (const TableColumn &c : m_table.columns) {
        double lo = qInf();
        double hi = -qInf();
        if (c.field.isNumeric()) {
            for (double v : c.field.numbers) {
                if (std::isfinite(v)) {
                    lo = std::min(lo, v);
                    hi = std::max(hi, v);
                }
            }
        }
        m_min << c.config.min.value_or(std::isfinite(lo) ? std::min(lo, 0.0) : 0.0);
        m_max << c.config.max.value_or(std::isfinite(hi) ? hi : 1.0);
    }
    endResetModel();
}

int PanelTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_table.rows;
}

int PanelTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_table.columns.size());
}

DisplayValue PanelTableModel::cell(int row, int column) const
{
    const TableColumn &c = m_table.columns[column];
    if (c.field.type == DataField::Type::String)
        return DisplayProcessor::displayText(c.field.text(row), c.config);
    DisplayValue d =
        DisplayProcessor::display(c.field.number(row), c.config, m_min[column], m_max[column], column);
    if (d.missing)
        d.formatted.text = c.config.noValue.value_or(QString());
    return d;
}

QVariant PanelTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.column() >= m_table.columns.size() || index.row() >= m_table.rows)
        return {};
    const TableColumn &c = m_table.columns[index.column()];
    const QString cellType = c.config.cellType.value_or(QStringLiteral("auto"));
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
    case Qt::AccessibleTextRole:
        return cell(index.row(), index.column()).text();
    case SortRole:
        if (c.field.type == DataField::Type::String)
            return c.field.text(index.row());
        return c.field.number(index.row());
    case Qt::TextAlignmentRole: {
        const QString align = c.config.align.value_or(QStringLiteral("auto"));
        if (align == QLatin1String("center"))
            return int(Qt::AlignCenter);
        if (align == QLatin1String("right") || (align == QLatin1String("auto") && c.field.isNumeric()))
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return int(Qt::AlignLeft | Qt::AlignVCenter);
    }
    case Qt::BackgroundRole:
        if (cellType.startsWith(QLatin1String("color-background")) ||
            cellType == QLatin1String("gradient-gauge") || cellType == QLatin1String("lcd-gauge") ||
            cellType == QLatin1String("basic")) {
            const DisplayValue d = cell(index.row(), index.column());
            if (!d.color.isEmpty() && !d.missing)
                return PanelPainting::color(d.color);
        }
        return {};
    case Qt::ForegroundRole: {
        const DisplayValue d = cell(index.row(), index.column());
        if (d.color.isEmpty() || d.missing)
            return {};
        if (cellType == QLatin1String("color-text"))
            return PanelPainting::color(d.color);
        if (cellType.startsWith(QLatin1String("color-background")))
            return PanelPainting::textOn(PanelPainting::color(d.color));
        return {};
    }
    default:
        return {};
    }
}

QVariant PanelTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section >= m_table.columns.size())
        return {};
    if (role == Qt::DisplayRole)
        return m_table.columns[section].name;
    return {};
}

} // namespace Sitrep::Ui
