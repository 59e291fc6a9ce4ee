#include "PluginListModel.h"

#include <QBrush>
#include <QColor>
#include <QFileInfo>

namespace Sitrep::Ui {

PluginListModel::PluginListModel(QList<Sitrep::Comms::PluginLoader::Entry> entries, QObject *parent)
    : QAbstractTableModel(parent)
    , m_entries(std::move(entries))
{}

int PluginListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int PluginListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant PluginListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_entries.size())
        return {};
    const auto &e = m_entries.at(index.row());
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Plugin:
            return e.name.isEmpty() ? (e.id.isEmpty() ? QFileInfo(e.file).fileName() : e.id) : e.name;
        case Version:
            return e.version;
        case Status:
            return e.loaded ? tr("loaded") : tr("not loaded: %1").arg(e.error);
        case File:
            return QFileInfo(e.file).fileName();
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole)
        return e.loaded ? e.file : tr("%1\n%2").arg(e.file, e.error);
    if (role == Qt::ForegroundRole && index.column() == Status && !e.loaded)
        return QBrush(QColor(0xc6, 0x28, 0x28));
    return {};
}

QVariant PluginListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Plugin:
        return tr("Plugin");
    case Version:
        return tr("Version");
    case Status:
        return tr("Status");
    case File:
        return tr("File");
    default:
        return {};
    }
}

} // namespace Sitrep::Ui
