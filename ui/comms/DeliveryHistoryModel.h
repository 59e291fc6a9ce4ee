#pragma once

#include "comms/Publisher.h"

#include <QAbstractItemModel>
#include <QPointer>

namespace Sitrep::Ui {

// The updates sent so far, oldest first, each with one child row per channel and its delivery state
// (sent, queued, sending, retrying with the attempt, failed with the server's message).
class DeliveryHistoryModel final : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column { TimeOrChannel, HeadingOrState, Details, ColumnCount };
    enum Role { UpdateIdRole = Qt::UserRole + 1, ChannelRole, StateRole, TextRole };

    explicit DeliveryHistoryModel(Sitrep::Comms::Publisher &publisher, QObject *parent = nullptr);

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    static QString stateText(const Sitrep::Comms::Delivery &d);

private:
    struct Row
    {
        Sitrep::Comms::PublishedUpdate update;
        QList<Sitrep::Comms::Delivery> deliveries;
    };
    void sync();
    void onDelivery(const Sitrep::Comms::Delivery &d);
    QString summary(const Row &row) const;

    Sitrep::Comms::Publisher &m_publisher;
    QList<Row> m_rows;
};

} // namespace Sitrep::Ui
