#pragma once

#include "ClusterStyle.h"
#include "kube/ObjectEvent.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QSet>
#include <QTimer>

#include <algorithm>
#include <memory>
#include <vector>

namespace Sitrep::Ui {

// The Wireshark pattern for live tables: informer batches are queued and applied on a coalescing timer,
// with one beginInsertRows/endInsertRows per flush, per-row dataChanged (or one range when most rows
// changed), and removals by contiguous ranges. Rows are held by pointer so removing from a 30,000-row
// table moves pointers, not rows. Source order is arrival order; sorting is the proxy's job.
// Rows of several clusters live side by side: each batch says which cluster it comes from, the same
// "ns/name" in two clusters is two rows, and a cluster's rows can be dropped, greyed (stale) or coloured
// at once. Row types have a `cluster` member and key() ("ns/name").
template<typename Row> class BatchTableModel : public QAbstractTableModel
{
public:
    explicit BatchTableModel(QObject *parent = nullptr)
        : QAbstractTableModel(parent)
    {
        m_flush.setSingleShot(true);
        m_flush.setInterval(50);
        QObject::connect(&m_flush, &QTimer::timeout, this, [this] { flush(); });
    }

    // Queues a batch; the table changes on the next flush (at most every flushInterval ms).
    void enqueue(const Kube::ObjectEvents &events) { enqueue(QString(), events); }
    void enqueue(const QString &cluster, const Kube::ObjectEvents &events)
    {
        if (!cluster.isEmpty() && !m_clusters.contains(cluster))
            m_clusters.append(cluster);
        if (!m_pending.isEmpty() && m_pending.last().cluster == cluster)
            m_pending.last().events.append(events);
        else
            m_pending.append(Batch{cluster, events});
        m_pendingCount += events.size();
        if (!m_flush.isActive())
            m_flush.start();
    }
    void setFlushInterval(int ms) { m_flush.setInterval(ms); }
    // Applies what is queued now (tests, and before a snapshot).
    void flush()
    {
        m_flush.stop();
        if (m_pending.isEmpty())
            return;
        const QList<Batch> batches = std::exchange(m_pending, {});
        m_pendingCount = 0;
        apply(batches);
    }
    void clear()
    {
        m_pending.clear();
        m_pendingCount = 0;
        beginResetModel();
        m_rows.clear();
        m_index.clear();
        m_clusters.clear();
        endResetModel();
    }
    // Drops one cluster's rows and queued changes (its informers were replaced, or it left the incident).
    void clearCluster(const QString &cluster)
    {
        for (qsizetype i = m_pending.size() - 1; i >= 0; --i) {
            if (m_pending.at(i).cluster == cluster) {
                m_pendingCount -= m_pending.at(i).events.size();
                m_pending.removeAt(i);
            }
        }
        std::vector<int> rows;
        for (size_t r = 0; r < m_rows.size(); ++r)
            if (m_rows[r]->cluster == cluster)
                rows.push_back(int(r));
        removeRowList(std::move(rows));
        m_clusters.removeAll(cluster);
    }
    // Relabels one cluster's rows (and queued changes) after the incident renamed it.
    void renameCluster(const QString &from, const QString &to)
    {
        if (from == to)
            return;
        for (Batch &b : m_pending)
            if (b.cluster == from)
                b.cluster = to;
        bool any = false;
        for (size_t r = 0; r < m_rows.size(); ++r) {
            if (m_rows[r]->cluster != from)
                continue;
            m_index.remove(indexKey(from, m_rows[r]->key()));
            m_rows[r]->cluster = to;
            m_index.insert(indexKey(to, m_rows[r]->key()), int(r));
            any = true;
        }
        if (const qsizetype i = m_clusters.indexOf(from); i >= 0)
            m_clusters[i] = to;
        if (m_looks.contains(from))
            m_looks.insert(to, m_looks.take(from));
        if (any)
            emit dataChanged(index(0, 0), index(int(m_rows.size()) - 1, columnCount() - 1));
    }
    qsizetype pendingEvents() const { return m_pendingCount; }

    int rowCount(const QModelIndex &parent = {}) const override
    {
        return parent.isValid() ? 0 : int(m_rows.size());
    }
    const Row *rowAt(int row) const
    {
        return row >= 0 && row < int(m_rows.size()) ? m_rows[size_t(row)].get() : nullptr;
    }
    int rowOf(const QString &key, const QString &cluster) const
    {
        return m_index.value(indexKey(cluster, key), -1);
    }
    // The row of "ns/name" in any cluster (the first one that has it, in the order clusters arrived).
    int rowOf(const QString &key) const
    {
        if (const int r = m_index.value(key, -1); r >= 0)
            return r;
        for (const QString &c : m_clusters)
            if (const int r = m_index.value(indexKey(c, key), -1); r >= 0)
                return r;
        return -1;
    }
    // Clusters that have rows or queued changes, in the order they first arrived.
    const QStringList &clusters() const { return m_clusters; }

    // How a cluster's rows look: its colour (the CLUSTER cell is drawn like the environment banner) and
    // whether it stopped answering (its rows turn grey, the CLUSTER cell says since when).
    void setClusterLook(const QString &cluster, const QString &colour, const QString &staleText)
    {
        ClusterLook look{QColor(colour), staleText};
        const auto it = m_looks.constFind(cluster);
        if (it != m_looks.constEnd() && it->colour == look.colour && it->staleText == staleText)
            return;
        m_looks.insert(cluster, look);
        if (!m_rows.empty())
            emit dataChanged(index(0, 0), index(int(m_rows.size()) - 1, columnCount() - 1),
                             {Qt::DisplayRole, Qt::ForegroundRole, Qt::BackgroundRole, Qt::ToolTipRole});
    }
    bool isStale(const QString &cluster) const
    {
        const auto it = m_looks.constFind(cluster);
        return it != m_looks.constEnd() && !it->staleText.isEmpty();
    }
    // The CLUSTER cell of a row: its name (and "stale" when it is), in the cluster's colour.
    QVariant clusterCell(const Row &row, int role) const
    {
        const auto it = m_looks.constFind(row.cluster);
        const bool stale = it != m_looks.constEnd() && !it->staleText.isEmpty();
        switch (role) {
        case Qt::DisplayRole:
            return stale ? row.cluster + QStringLiteral(" \u25cc stale") : row.cluster;
        case Qt::ToolTipRole:
            return stale ? QStringLiteral("%1: %2").arg(row.cluster, it->staleText) : row.cluster;
        case Qt::BackgroundRole:
            if (it == m_looks.constEnd() || !it->colour.isValid())
                return {};
            return stale ? ClusterStyle::faded(it->colour) : it->colour;
        case Qt::ForegroundRole:
            if (it == m_looks.constEnd() || !it->colour.isValid())
                return {};
            return ClusterStyle::textOn(stale ? ClusterStyle::faded(it->colour) : it->colour);
        default:
            return {};
        }
    }

protected:
    Row *mutableRowAt(int row)
    {
        return row >= 0 && row < int(m_rows.size()) ? m_rows[size_t(row)].get() : nullptr;
    }
    // Builds a row of `cluster` from an object (a Deleted event's object may only have metadata).
    virtual Row makeRow(const QString &cluster, const QJsonObject &object, const Row *previous) const = 0;

private:
    struct Batch
    {
        QString cluster;
        Kube::ObjectEvents events;
    };
    struct ClusterLook
    {
        QColor colour;
        QString staleText; // empty: the cluster answers
    };
    static QString indexKey(const QString &cluster, const QString &key)
    {
        return cluster.isEmpty() ? key : cluster + QChar(0x1f) + key;
    }

    void apply(const QList<Batch> &batches)
    {
        // Collapse per cluster and key: only each object's final state matters for the table.
        struct Item
        {
            const QString *cluster;
            const Kube::ObjectEvent *event;
            QString key;
        };
        std::vector<Item> items;
        qsizetype total = 0;
        for (const Batch &b : batches)
            total += b.events.size();
        items.reserve(size_t(total));
        QHash<QString, size_t> last;
        last.reserve(total);
        for (const Batch &b : batches) {
            for (const Kube::ObjectEvent &e : b.events) {
                items.push_back(Item{&b.cluster, &e, indexKey(b.cluster, e.key)});
                last.insert(items.back().key, items.size() - 1);
            }
        }
        std::vector<std::unique_ptr<Row>> added;
        std::vector<std::pair<int, std::unique_ptr<Row>>> changed;
        std::vector<int> removed;
        for (size_t i = 0; i < items.size(); ++i) {
            const Item &it = items[i];
            if (last.value(it.key) != i)
                continue;
            const int row = m_index.value(it.key, -1);
            if (it.event->type == Kube::ObjectEvent::Type::Deleted) {
                if (row >= 0)
                    removed.push_back(row);
                continue;
            }
            if (row >= 0) {
                changed.emplace_back(row, std::make_unique<Row>(makeRow(*it.cluster, it.event->object,
                                                                         m_rows[size_t(row)].get())));
            } else {
                added.push_back(std::make_unique<Row>(makeRow(*it.cluster, it.event->object, nullptr)));
            }
        }
        // Changes first (row numbers are still valid), then removals, then insertions at the end.
        // Each row is replaced right before its own dataChanged: a sorting proxy re-inserts the row by binary
        // search over the others, which must all still match what it last saw.
        if (!changed.empty()) {
            const int lastCol = columnCount() - 1;
            if (changed.size() > m_rows.size() / 2) {
                for (auto &[r, row] : changed)
                    m_rows[size_t(r)] = std::move(row);
                emit dataChanged(index(0, 0), index(int(m_rows.size()) - 1, lastCol));
            } else {
                for (auto &[r, row] : changed) {
                    m_rows[size_t(r)] = std::move(row);
                    emit dataChanged(index(r, 0), index(r, lastCol));
                }
            }
        }
        removeRowList(std::move(removed));
        if (!added.empty()) {
            const int first = int(m_rows.size());
            beginInsertRows({}, first, first + int(added.size()) - 1);
            m_rows.reserve(m_rows.size() + added.size());
            for (auto &row : added) {
                m_index.insert(indexKey(row->cluster, row->key()), int(m_rows.size()));
                m_rows.push_back(std::move(row));
            }
            endInsertRows();
        }
    }

    void removeRowList(std::vector<int> removed)
    {
        if (removed.empty())
            return;
        std::sort(removed.begin(), removed.end(), std::greater<int>());
        size_t i = 0;
        while (i < removed.size()) {
            // Merge a descending run of consecutive rows into one range.
            size_t j = i;
            while (j + 1 < removed.size() && removed[j + 1] == removed[j] - 1)
                ++j;
            const int first = removed[j];
            const int lastRow = removed[i];
            beginRemoveRows({}, first, lastRow);
            for (int r = first; r <= lastRow; ++r)
                m_index.remove(indexKey(m_rows[size_t(r)]->cluster, m_rows[size_t(r)]->key()));
            m_rows.erase(m_rows.begin() + first, m_rows.begin() + lastRow + 1);
            endRemoveRows();
            i = j + 1;
        }
        // Re-number the rows after the lowest removal.
        for (size_t r = size_t(removed.back()); r < m_rows.size(); ++r)
            m_index.insert(indexKey(m_rows[r]->cluster, m_rows[r]->key()), int(r));
    }

    std::vector<std::unique_ptr<Row>> m_rows;
    QHash<QString, int> m_index; // by cluster and "ns/name"
    QList<Batch> m_pending;
    qsizetype m_pendingCount = 0;
    QStringList m_clusters;
    QHash<QString, ClusterLook> m_looks;
    QTimer m_flush;
};

} // namespace Sitrep::Ui
