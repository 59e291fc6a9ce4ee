#pragma once

#include "LabelSelector.h"

#include <QSet>
#include <QSortFilterProxyModel>

namespace Sitrep::Ui {

class PodsModel;

// Sorts the pods table by typed keys and filters it by free text, a label selector, a status class and the
// clusters the user chose to hide.
class PodsFilterProxy final : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    enum class StatusFilter { All, NotHealthy, Failing };
    Q_ENUM(StatusFilter)

    explicit PodsFilterProxy(QObject *parent = nullptr);
    void setPodsModel(PodsModel *model);

    void setText(const QString &text);
    // Returns an error sentence when the selector does not parse (the filter is then unchanged).
    QString setLabelSelector(const QString &selector);
    void setStatusFilter(StatusFilter f);
    StatusFilter statusFilter() const { return m_status; }
    // Rows of these clusters are not shown.
    void setHiddenClusters(const QSet<QString> &clusters);
    const QSet<QString> &hiddenClusters() const { return m_hiddenClusters; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    PodsModel *m_pods = nullptr;
    QString m_text;
    LabelSelector m_selector;
    StatusFilter m_status = StatusFilter::All;
    QSet<QString> m_hiddenClusters;
};

} // namespace Sitrep::Ui
