#pragma once

#include "runbook/SqlResult.h"

#include <QAbstractTableModel>

namespace Sitrep::Ui {

// The rows a SQL step returned, as a table (the first 1,000); NULL is shown as NULL in grey, and the whole
// table, or a selection of it, copies as TSV. A column of numbers is right-aligned, as psql shows it.
class SqlResultModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    using QAbstractTableModel::QAbstractTableModel;

    void setResult(const Runbook::SqlResult &result);
    const Runbook::SqlResult &result() const { return m_result; }
    void clear();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // The given cells (their bounding rows and columns) as TSV with the header; all of it when empty.
    QString tsv(const QModelIndexList &cells = {}) const;

private:
    Runbook::SqlResult m_result;
    QList<bool> m_numeric; // per column: every value that is not NULL is a number
};

} // namespace Sitrep::Ui
