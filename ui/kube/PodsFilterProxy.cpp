#include "PodsFilterProxy.h"

#include "PodsModel.h"

namespace Sitrep::Ui {

using Kube::PodSummary;

PodsFilterProxy::PodsFilterProxy(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(PodsModel::SortRole);
    setDynamicSortFilter(true);
    setSortCaseSensitivity(Qt::CaseInsensitive);
}

void PodsFilterProxy::setPodsModel(PodsModel *model)
{
    m_pods = model;
    setSourceModel(model);
}

void PodsFilterProxy::setText(const QString &text)
{
    m_text = text.trimmed();
    invalidateRowsFilter();
}

QString PodsFilterProxy::setLabelSelector(const QString &selector)
{
    LabelSelector s;
    QString error;
    if (!s.parse(selector, &error))
        return error;
    m_selector = s;
    invalidateRowsFilter();
    return {};
}

void PodsFilterProxy::setHiddenClusters(const QSet<QString> &clusters)
{
    if (clusters == m_hiddenClusters)
        return;
    m_hiddenClusters = clusters;
    invalidateRowsFilter();
}

void PodsFilterProxy::setStatusFilter(StatusFilter f)
{
    m_status = f;
    invalidateRowsFilter();
}

bool PodsFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &) const
{
    const PodRow *row = m_pods ? m_pods->rowAt(sourceRow) : nullptr;
    if (!row)
        return false;
    if (!m_hiddenClusters.isEmpty() && m_hiddenClusters.contains(row->cluster))
        return false;
    const PodSummary &p = row->pod;
    const PodSummary::Health h = m_pods->healthOf(*row); // a restarting Running pod is not healthy
    if (m_status == StatusFilter::NotHealthy &&
        (h == PodSummary::Health::Healthy || h == PodSummary::Health::Done))
        return false;
    if (m_status == StatusFilter::Failing && h != PodSummary::Health::Failing)
        return false;
    if (!m_selector.isEmpty() && !m_selector.matches(p.labels))
        return false;
    if (!m_text.isEmpty()) {
        const auto has = [this](const QString &s) { return s.contains(m_text, Qt::CaseInsensitive); };
        if (!has(p.name) && !has(p.ns) && !has(p.status) && !has(p.node) && !has(p.ip) &&
            !has(p.lastTerminationReason) && !has(row->cluster))
            return false;
    }
    return true;
}

bool PodsFilterProxy::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    // Straight from the rows, without QVariants: sorting 30,000 pods makes ~500,000 comparisons.
    const PodRow *a = m_pods ? m_pods->rowAt(left.row()) : nullptr;
    const PodRow *b = m_pods ? m_pods->rowAt(right.row()) : nullptr;
    if (!a || !b)
        return false;
    const PodSummary &p = a->pod;
    const PodSummary &q = b->pod;
    auto byKey = [&] {
        int c = QString::compare(p.ns, q.ns);
        if (c == 0)
            c = QString::compare(p.name, q.name);
        return c != 0 ? c < 0 : QString::compare(a->cluster, b->cluster) < 0;
    };
    auto cmpText = [&](const QString &x, const QString &y) {
        const int c = QString::compare(x, y, Qt::CaseInsensitive);
        return c != 0 ? c < 0 : byKey();
    };
    auto cmpNum = [&](qint64 x, qint64 y) { return x != y ? x < y : byKey(); };
    switch (left.column()) {
    case PodsModel::Cluster: {
        const int c = QString::compare(a->cluster, b->cluster);
        return c != 0 ? c < 0 : byKey();
    }
    case PodsModel::Namespace:
        return byKey();
    case PodsModel::Name:
        return cmpText(p.name, q.name);
    case PodsModel::Ready:
        return cmpNum(p.readyContainers * 1000 - p.totalContainers,
                      q.readyContainers * 1000 - q.totalContainers);
    case PodsModel::Status: {
        const int hp = int(m_pods->healthOf(*a));
        const int hq = int(m_pods->healthOf(*b));
        return hp != hq ? hp < hq : cmpText(p.status, q.status);
    }
    case PodsModel::Restarts:
        return cmpNum(p.restarts, q.restarts);
    case PodsModel::RestartsSinceConnect:
        return cmpNum(p.restarts - a->baselineRestarts, q.restarts - b->baselineRestarts);
    case PodsModel::LastTermination:
        return cmpText(p.lastTermination(), q.lastTermination());
    case PodsModel::Age:
        return cmpNum(-p.createdMs, -q.createdMs);
    case PodsModel::Ip:
        return cmpText(p.ip, q.ip);
    case PodsModel::Node:
        return cmpText(p.node, q.node);
    default:
        return byKey();
    }
}

} // namespace Sitrep::Ui
