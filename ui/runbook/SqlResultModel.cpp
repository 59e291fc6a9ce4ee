#include "SqlResultModel.h"

#include <QColor>
#include <QFont>
#include <QRegularExpression>

#include <algorithm>

namespace Sitrep::Ui {

void SqlResultModel::setResult(const Runbook::SqlResult &result)
{
    static const QRegularExpression number(QStringLiteral(R"(^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$)"));
    beginResetModel();
    m_result = result;
    m_numeric = QList<bool>(result.columns.size(), !result.rows.isEmpty());
    for (const QStringList &row : result.rows) {
        for (qsizetype c = 0; c < m_numeric.size(); ++c) {
            const QString value = row.value(c);
            if (m_numeric.at(c) && !value.isNull() && !number.match(value).hasMatch())
                m_numeric[c] = false;
        }
    }
    endResetModel();
}

void SqlResultModel::clear()
{
    setResult({});
}

int SqlResultModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_result.rows.size());
}

int SqlResultModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_result.columns.size());
}

QVariant SqlResultModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_result.rows.size())
        return {};
    const QStringList &row = m_result.rows.at(index.row());
    const QString value = row.value(index.column());
    const bool isNull = index.column() >= row.size() || value.isNull();
    switch (role) {
    case Qt::DisplayRole:
        return isNull ? QStringLiteral("NULL") : value.left(1000);
    case Qt::TextAlignmentRole:
        return (Qt::AlignVCenter | (m_numeric.value(index.column()) ? Qt::AlignRight : Qt::AlignLeft))
            .toInt();
    case Qt::ToolTipRole:
        return isNull ? QStringLiteral("NULL") : value.left(4000);
    case Qt::ForegroundRole:
        return isNull ? QVariant(QColor(Qt::gray)) : QVariant();
    case Qt::FontRole:
        if (isNull) {
            QFont f;
            f.setItalic(true);
            return f;
        }
        return {};
    default:
        return {};
    }
}

QVariant SqlResultModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole)
        return {};
    if (orientation == Qt::Horizontal)
        return m_result.columns.value(section);
    return section + 1;
}

QString SqlResultModel::tsv(const QModelIndexList &cells) const
{
    if (cells.isEmpty())
        return m_result.toTsv();
    int top = INT_MAX, bottom = -1, left = INT_MAX, right = -1;
    for (const QModelIndex &i : cells) {
        top = std::min(top, i.row());
        bottom = std::max(bottom, i.row());
        left = std::min(left, i.column());
        right = std::max(right, i.column());
    }
    Runbook::SqlResult part;
    part.columns = m_result.columns.mid(left, right - left + 1);
    for (int r = top; r <= bottom && r < m_result.rows.size(); ++r)
        part.rows << m_result.rows.at(r).mid(left, right - left + 1);
    return part.toTsv();
}

} // namespace Sitrep::Ui
