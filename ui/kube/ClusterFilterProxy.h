#pragma once

#include <QSet>
#include <QSortFilterProxyModel>

namespace Sitrep::Ui {

// A sort/filter proxy that also hides the rows of the clusters the user switched off (their chips), read from
// the source's cluster role; everything else is QSortFilterProxyModel's own filtering.
class ClusterFilterProxy final : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit ClusterFilterProxy(int clusterRole, QObject *parent = nullptr)
        : QSortFilterProxyModel(parent)
        , m_role(clusterRole)
    {}

    void setHiddenClusters(const QSet<QString> &clusters)
    {
        if (clusters == m_hidden)
            return;
        m_hidden = clusters;
        invalidateRowsFilter();
    }

protected:
    bool filterAcceptsRow(int row, const QModelIndex &parent) const override
    {
        if (!m_hidden.isEmpty() &&
            m_hidden.contains(sourceModel()->index(row, 0, parent).data(m_role).toString()))
            return false;
        return QSortFilterProxyModel::filterAcceptsRow(row, parent);
    }

private:
    int m_role;
    QSet<QString> m_hidden;
};

} // namespace Sitrep::Ui
