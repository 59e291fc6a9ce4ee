#pragma once

#include "kube/ObjectEvent.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QTimer>

#include <algorithm>
#include <memory>
#include <vector>

namespace Sitrep::Ui {

// The Wireshark pattern for live tables: informer batches are queued and applied on a coalescing timer,
// with one beginInsertRows/endInsertRows per flush, per-row dataChanged (or one range when most rows
// changed), and removals by contiguous ranges. Rows are held by pointer so removing from a 30,000-row
// table moves pointers, not rows. Source order is arrival order; sorting is the proxy's job.
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
    void enqueue(const Kube::ObjectEvents &events)
    {
        m_pending.append(events);
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
        const Kube::ObjectEvents batch = std::exchange(m_pending, {});
        apply(batch);
    }
    void clear()
    {
        m_pending.clear();
        beginResetModel();
        m_rows.clear();
        m_index.clear();
        endResetModel();
    }
    qsizetype pendingEvents() const { return m_pending.size(); }

    int rowCount(const QModelIndex &parent = {}) const override
    {
        return parent.isValid() ? 0 : int(m_rows.size());
    }
    const Row *rowAt(int row) const
    {
        return row >= 0 && row < int(m_rows.size()) ? m_rows[size_t(row)].get() : nullptr;
    }
    int rowOf(const QString &key) const { return m_index.value(key, -1); }

protected:
    Row *mutableRowAt(int row)
    {
        return row >= 0 && row < int(m_rows.size()) ? m_rows[size_t(row)].get() : nullptr;
    }
    // Builds a row from an object (a Deleted event's object may only have metadata).
    virtual Row makeRow(const QJsonObject &object, const Row *previous) const = 0;

private:
    void apply(const Kube::ObjectEvents &batch)
    {
        // Collapse the batch per key: only each object's final state matters for the table.
        QHash<QString, qsizetype> last;
        for (qsizetype i = 0; i < batch.size(); ++i)
            last.insert(batch.at(i).key, i);
        std::vector<std::unique_ptr<Row>> added;
        QHash<QString, int> addedIndex;
        std::vector<std::pair<int, std::unique_ptr<Row>>> changed;
        std::vector<int> removed;
        for (qsizetype i = 0; i < batch.size(); ++i) {
            const Kube::ObjectEvent &e = batch.at(i);
            if (last.value(e.key) != i)
                continue;
            const int row = m_index.value(e.key, -1);
            if (e.type == Kube::ObjectEvent::Type::Deleted) {
                if (row >= 0)
                    removed.push_back(row);
                continue;
            }
            if (row >= 0) {
                changed.emplace_back(row,
                                     std::make_unique<Row>(makeRow(e.object, m_rows[size_t(row)].get())));
            } else {
                addedIndex.insert(e.key, int(added.size()));
                added.push_back(std::make_unique<Row>(makeRow(e.object, nullptr)));
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
        if (!removed.empty()) {
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
                    m_index.remove(m_rows[size_t(r)]->key());
                m_rows.erase(m_rows.begin() + first, m_rows.begin() + lastRow + 1);
                endRemoveRows();
                i = j + 1;
            }
            // Re-number the rows after the lowest removal.
            for (size_t r = size_t(removed.back()); r < m_rows.size(); ++r)
                m_index.insert(m_rows[r]->key(), int(r));
        }
        if (!added.empty()) {
            const int first = int(m_rows.size());
            beginInsertRows({}, first, first + int(added.size()) - 1);
            m_rows.reserve(m_rows.size() + added.size());
            for (auto &row : added) {
                m_index.insert(row->key(), int(m_rows.size()));
                m_rows.push_back(std::move(row));
            }
            endInsertRows();
        }
    }

    std::vector<std::unique_ptr<Row>> m_rows;
    QHash<QString, int> m_index;
    Kube::ObjectEvents m_pending;
    QTimer m_flush;
};

} // namespace Sitrep::Ui
