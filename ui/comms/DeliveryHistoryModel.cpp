#include "DeliveryHistoryModel.h"

#include <QBrush>
#include <QColor>
#include <QDateTime>

namespace Sitrep::Ui {

using Sitrep::Comms::Delivery;
using Sitrep::Comms::DeliveryState;

DeliveryHistoryModel::DeliveryHistoryModel(Sitrep::Comms::Publisher &publisher, QObject *parent)
    : QAbstractItemModel(parent)
    , m_publisher(publisher)
{
    connect(&publisher, &Sitrep::Comms::Publisher::updatePublished, this, &DeliveryHistoryModel::sync);
    connect(&publisher, &Sitrep::Comms::Publisher::deliveryChanged, this, &DeliveryHistoryModel::onDelivery);
    sync();
}

void DeliveryHistoryModel::sync()
{
    const auto history = m_publisher.history();
    if (history.size() <= m_rows.size())
        return;
    beginInsertRows({}, int(m_rows.size()), int(history.size() - 1));
    for (qsizetype i = m_rows.size(); i < history.size(); ++i)
        m_rows.append({history[i], m_publisher.deliveries(history[i].updateId)});
    endInsertRows();
}

void DeliveryHistoryModel::onDelivery(const Delivery &d)
{
    for (int r = 0; r < m_rows.size(); ++r) {
        if (m_rows[r].update.updateId != d.updateId)
            continue;
        auto &deliveries = m_rows[r].deliveries;
        for (int c = 0; c < deliveries.size(); ++c) {
            if (deliveries[c].channel == d.channel) {
                deliveries[c] = d;
                const QModelIndex parentIndex = index(r, 0);
                emit dataChanged(index(c, 0, parentIndex), index(c, ColumnCount - 1, parentIndex));
                emit dataChanged(index(r, Details), index(r, Details));
                return;
            }
        }
        return;
    }
    // A delivery of an update we do not show yet: it is being published right now.
    sync();
}

QModelIndex DeliveryHistoryModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    // internalId 0 marks an update row; n > 0 a channel row under update row n - 1.
    return createIndex(row, column, parent.isValid() ? quintptr(parent.row() + 1) : quintptr(0));
}

QModelIndex DeliveryHistoryModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == 0)
        return {};
    return createIndex(int(child.internalId() - 1), 0, quintptr(0));
}

int DeliveryHistoryModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_rows.size());
    if (parent.internalId() == 0 && parent.column() == 0)
        return int(m_rows.value(parent.row()).deliveries.size());
    return 0;
}

int DeliveryHistoryModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QString DeliveryHistoryModel::stateText(const Delivery &d)
{
    switch (d.state) {
    case DeliveryState::Queued:
        return QStringLiteral("queued");
    case DeliveryState::Sending:
        return d.attempts > 1 ? QStringLiteral("sending (attempt %1)").arg(d.attempts)
                              : QStringLiteral("sending");
    case DeliveryState::Retrying:
        return QStringLiteral("retrying (attempt %1 failed)").arg(d.attempts);
    case DeliveryState::Sent:
        return QStringLiteral("sent");
    case DeliveryState::Failed:
        return QStringLiteral("failed");
    }
    return {};
}

QString DeliveryHistoryModel::summary(const Row &row) const
{
    QStringList parts;
    for (const auto &d : row.deliveries)
        parts << QStringLiteral("%1: %2").arg(d.channel, Sitrep::Comms::deliveryStateName(d.state));
    return parts.join(QStringLiteral(" · "));
}

QVariant DeliveryHistoryModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.model() != this)
        return {};
    const bool isUpdate = index.internalId() == 0;
    const Row &row = m_rows[isUpdate ? index.row() : int(index.internalId() - 1)];
    if (isUpdate) {
        switch (role) {
        case Qt::DisplayRole:
            switch (index.column()) {
            case TimeOrChannel:
                return QDateTime::fromMSecsSinceEpoch(row.update.tsMs, Qt::UTC)
                    .toString(QStringLiteral("HH:mm:ss"));
            case HeadingOrState:
                return QStringLiteral("%1 — %2").arg(row.update.status.toUpper(), row.update.heading);
            case Details:
                return summary(row);
            }
            break;
        case Qt::ToolTipRole:
        case TextRole:
            return row.update.plainText;
        case UpdateIdRole:
            return row.update.updateId;
        default:
            break;
        }
        return {};
    }
    const Delivery &d = row.deliveries.value(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case TimeOrChannel:
            return d.channel;
        case HeadingOrState:
            return stateText(d);
        case Details:
            return d.message;
        }
        break;
    case Qt::ToolTipRole:
        return d.message;
    case Qt::ForegroundRole:
        if (index.column() == HeadingOrState && d.state == DeliveryState::Failed)
            return QBrush(QColor(0xc6, 0x28, 0x28));
        break;
    case UpdateIdRole:
        return d.updateId;
    case ChannelRole:
        return d.channel;
    case StateRole:
        return int(d.state);
    default:
        break;
    }
    return {};
}

QVariant DeliveryHistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TimeOrChannel:
        return QStringLiteral("Sent / channel");
    case HeadingOrState:
        return QStringLiteral("Update / state");
    case Details:
        return QStringLiteral("Details");
    }
    return {};
}

} // namespace Sitrep::Ui
