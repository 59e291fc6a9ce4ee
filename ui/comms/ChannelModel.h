#pragma once

#include "comms/Publisher.h"

#include <QAbstractListModel>
#include <QSet>

namespace Sitrep::Ui {

// The configured channels as a checkable list: which ones the next update goes to.
// A channel whose plugin is not loaded is shown, disabled, with the reason.
class ChannelModel final : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role { ChannelIdRole = Qt::UserRole + 1, PluginRole };

    explicit ChannelModel(Sitrep::Comms::Publisher &publisher, QObject *parent = nullptr);

    void reload(); // after the channel settings changed
    QStringList checkedIds() const;
    void setChecked(const QStringList &ids);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

private:
    bool available(const Sitrep::Comms::Channel &c) const { return m_publisher.hasNotifier(c.plugin); }
    Sitrep::Comms::Publisher &m_publisher;
    QList<Sitrep::Comms::Channel> m_channels;
    QSet<QString> m_checked;
};

} // namespace Sitrep::Ui
