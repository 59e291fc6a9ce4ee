#pragma once

#include "comms/PluginLoader.h"

#include <QAbstractTableModel>

namespace Sitrep::Ui {

// The notifier plugin files that were found, each with its version or the reason it did not load.
class PluginListModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Plugin, Version, File, Status, ColumnCount };

    explicit PluginListModel(QList<Sitrep::Comms::PluginLoader::Entry> entries, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<Sitrep::Comms::PluginLoader::Entry> m_entries;
};

} // namespace Sitrep::Ui
