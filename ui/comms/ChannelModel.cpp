#include "ChannelModel.h"

namespace Sitrep::Ui {

ChannelModel::ChannelModel(Sitrep::Comms::Publisher &publisher, QObject *parent)
    : QAbstractListModel(parent)
    , m_publisher(publisher)
{
    reload();
}

void ChannelModel::reload()
{
    beginResetModel();
    m_channels = m_publisher.channels();
    QSet<QString> keep;
    for (const auto &c : m_channels) {
        // Everything usable is checked by default; a choice the user made survives a reload.
        if (available(c) && (m_checked.isEmpty() || m_checked.contains(c.id)))
            keep.insert(c.id);
    }
    m_checked = keep;
    endResetModel();
}

QStringList ChannelModel::checkedIds() const
{
    QStringList out;
    for (const auto &c : m_channels) {
        if (m_checked.contains(c.id))
            out << c.id;
    }
    return out;
}

void ChannelModel::setChecked(const QStringList &ids)
{
    m_checked = QSet<QString>(ids.cbegin(), ids.cend());
    if (!m_channels.isEmpty())
        emit dataChanged(index(0), index(int(m_channels.size()) - 1), {Qt::CheckStateRole});
}

int ChannelModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_channels.size());
}

QVariant ChannelModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.parent().isValid() || index.row() >= m_channels.size())
        return {};
    const auto &c = m_channels[index.row()];
    switch (role) {
    case Qt::DisplayRole:
        return QStringLiteral("%1 (%2)").arg(c.name.isEmpty() ? c.id : c.name, c.plugin);
    case Qt::CheckStateRole:
        return m_checked.contains(c.id) ? Qt::Checked : Qt::Unchecked;
    case Qt::ToolTipRole:
        return available(c)
                   ? c.id
                   : QStringLiteral("The \"%1\" plugin is not loaded: see the plugin list in settings.")
                         .arg(c.plugin);
    case ChannelIdRole:
        return c.id;
    case PluginRole:
        return c.plugin;
    default:
        return {};
    }
}

bool ChannelModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::CheckStateRole || !index.isValid() || index.parent().isValid() ||
        index.row() >= m_channels.size())
        return false;
    const auto &c = m_channels[index.row()];
    if (value.value<Qt::CheckState>() == Qt::Checked)
        m_checked.insert(c.id);
    else
        m_checked.remove(c.id);
    emit dataChanged(index, index, {Qt::CheckStateRole});
    return true;
}

Qt::ItemFlags ChannelModel::flags(const QModelIndex &index) const
{
    if (!index.isValid() || index.parent().isValid() || index.row() >= m_channels.size())
        return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsSelectable | Qt::ItemIsUserCheckable | Qt::ItemNeverHasChildren;
    if (available(m_channels[index.row()]))
        f |= Qt::ItemIsEnabled;
    return f;
}

} // namespace Sitrep::Ui
