#include "TimelineFilterProxy.h"

#include "TimelineModel.h"

namespace Sitrep::Ui {

TimelineFilterProxy::TimelineFilterProxy(QObject *parent)
    : QSortFilterProxyModel(parent)
{}

void TimelineFilterProxy::setKinds(const QSet<Sitrep::Core::EventKind> &kinds)
{
    m_kinds = kinds;
    invalidateFilter();
}

void TimelineFilterProxy::setPinnedOnly(bool on)
{
    m_pinnedOnly = on;
    invalidateFilter();
}

void TimelineFilterProxy::setText(const QString &text)
{
    m_text = text.trimmed();
    invalidateFilter();
}

bool TimelineFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex idx = sourceModel()->index(sourceRow, TimelineModel::SummaryColumn, sourceParent);
    if (m_pinnedOnly && !idx.data(TimelineModel::PinnedRole).toBool())
        return false;
    if (!m_kinds.isEmpty() &&
        !m_kinds.contains(static_cast<Sitrep::Core::EventKind>(idx.data(TimelineModel::KindRole).toInt())))
        return false;
    if (m_text.isEmpty())
        return true;
    for (int c = 0; c < TimelineModel::ColumnCount; ++c) {
        if (sourceModel()
                ->index(sourceRow, c, sourceParent)
                .data()
                .toString()
                .contains(m_text, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

} // namespace Sitrep::Ui
