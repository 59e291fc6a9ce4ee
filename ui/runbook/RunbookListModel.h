#pragma once

#include "runbook/RunbookLibrary.h"

#include <QAbstractTableModel>

namespace Sitrep::Ui {

// The runbooks a responder can open (title, file, the alerts they handle) and, after them, the files in
// the runbook folders that could not be read, each with its error, so a broken runbook is seen before the
// incident that needs it.
class RunbookListModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Title, Alerts, File, ColumnCount };
    enum Role { PathRole = Qt::UserRole + 1, ErrorRole };

    explicit RunbookListModel(Sitrep::Runbook::RunbookLibrary::Scan scan, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

    int failureCount() const { return int(m_scan.failures.size()); }

private:
    Sitrep::Runbook::RunbookLibrary::Scan m_scan;
};

} // namespace Sitrep::Ui
