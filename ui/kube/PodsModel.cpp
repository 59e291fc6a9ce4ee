#include "PodsModel.h"

#include <QColor>
#include <QFont>

namespace Sitrep::Ui {

using Kube::PodSummary;

PodsModel::PodsModel(const Core::Clock &clock, QObject *parent)
    : BatchTableModel<PodRow>(parent)
    , m_clock(clock)
{
    m_tick.setInterval(10000);
    connect(&m_tick, &QTimer::timeout, this, &PodsModel::refreshTimes);
    m_tick.start();
}

int PodsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

PodRow PodsModel::makeRow(const QString &cluster, const QJsonObject &object, const PodRow *previous) const
{
    PodRow r;
    r.cluster = cluster;
    r.pod = PodSummary::fromJson(object);
    if (previous) {
        r.baselineRestarts = previous->baselineRestarts;
        r.firstSeenMs = previous->firstSeenMs;
        r.sinceConnect = previous->sinceConnect;
        return r;
    }
    r.firstSeenMs = m_clock.nowMs();
    const bool createdDuringIncident = m_incidentStartMs > 0 && r.pod.createdMs >= m_incidentStartMs;
    r.baselineRestarts = createdDuringIncident ? 0 : r.pod.restarts;
    r.sinceConnect = !createdDuringIncident;
    return r;
}

void PodsModel::setIncidentStart(qint64 ms)
{
    if (ms == m_incidentStartMs)
        return;
    m_incidentStartMs = ms;
    for (int i = 0; i < rowCount(); ++i) {
        PodRow *r = mutableRowAt(i);
        if (ms > 0 && r->pod.createdMs >= ms) {
            r->baselineRestarts = 0; // born during the incident: every restart counts
            r->sinceConnect = false;
        } else if (ms > 0 && r->firstSeenMs <= ms) {
            r->baselineRestarts = r->pod.restarts; // seen before the start: count from now on
            r->sinceConnect = false;
        } else {
            r->sinceConnect = true; // seen only after the start: from when it was first seen
        }
    }
    if (rowCount() > 0)
        emit dataChanged(index(0, RestartsSinceConnect), index(rowCount() - 1, RestartsSinceConnect));
    emit headerDataChanged(Qt::Horizontal, RestartsSinceConnect, RestartsSinceConnect);
}

QColor PodsModel::healthColor(PodSummary::Health h)
{
    switch (h) {
    case PodSummary::Health::Healthy:
        return QColor(0x2e, 0x9d, 0x4f);
    case PodSummary::Health::Progressing:
        return QColor(0xc7, 0x8a, 0x00);
    case PodSummary::Health::Failing:
        return QColor(0xd6, 0x2d, 0x2d);
    case PodSummary::Health::Done:
        return QColor(0x80, 0x80, 0x80);
    }
    return {};
}

QString PodsModel::attentionOf(const PodRow &row) const
{
    const PodSummary &p = row.pod;
    if (p.status != QLatin1String("Running"))
        return {}; // every other STATUS already says what is wrong in its own words
    QStringList why;
    const qint64 now = m_clock.nowMs();
    if (p.lastRestartMs > 0 && now - p.lastRestartMs < kRecentRestartMs) {
        QString s = QStringLiteral("a container restarted %1 ago")
                        .arg(Kube::timeSince(p.lastRestartMs, m_clock.now()));
        if (!p.lastTermination().isEmpty())
            s += QStringLiteral(" (last termination %1)").arg(p.lastTermination());
        why << s;
    }
    if (const int since = p.restarts - row.baselineRestarts; since > 0)
        why << (m_incidentStartMs > 0 ? QStringLiteral("%1 restart(s) since the incident started")
                                      : QStringLiteral("%1 restart(s) since Sitrep connected"))
                   .arg(since);
    return why.join(QStringLiteral("; "));
}

bool PodsModel::needsAttention(const PodRow &row) const
{
    const PodSummary &p = row.pod;
    return p.status == QLatin1String("Running") &&
           ((p.lastRestartMs > 0 && m_clock.nowMs() - p.lastRestartMs < kRecentRestartMs) ||
            p.restarts > row.baselineRestarts);
}

PodSummary::Health PodsModel::healthOf(const PodRow &row) const
{
    const PodSummary::Health h = row.pod.health();
    return h == PodSummary::Health::Healthy && needsAttention(row) ? PodSummary::Health::Progressing : h;
}

QVariant PodsModel::data(const QModelIndex &index, int role) const
{
    const PodRow *row = rowAt(index.row());
    if (!row || !index.isValid())
        return {};
    const PodSummary &p = row->pod;
    const int since = p.restarts - row->baselineRestarts;
    if (index.column() == Cluster &&
        (role == Qt::DisplayRole || role == Qt::ToolTipRole || role == Qt::BackgroundRole ||
         role == Qt::ForegroundRole))
        return clusterCell(*row, role);
    if (role == Qt::ForegroundRole && isStale(row->cluster))
        return ClusterStyle::staleRowText(); // out of date: no health colours that could be believed
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Namespace:
            return p.ns;
        case Name:
            return p.name;
        case Ready:
            return p.ready();
        case Status:
            // Colour is never the only carrier: a Running pod that keeps restarting says so in text too.
            return needsAttention(*row) ? p.status + QStringLiteral(" \u26a0") : p.status;
        case Restarts:
            return p.restartsText(m_clock.now());
        case RestartsSinceConnect:
            if (since <= 0)
                return QString();
            // "≈" when the count can only start at the moment Sitrep first saw the pod.
            return (m_incidentStartMs > 0 && row->sinceConnect ? QStringLiteral("\u2248+%1")
                                                               : QStringLiteral("+%1"))
                .arg(since);
        case LastTermination:
            return p.lastTermination();
        case Age:
            return p.age(m_clock.now());
        case Ip:
            return p.ip.isEmpty() ? QStringLiteral("<none>") : p.ip;
        case Node:
            return p.node.isEmpty() ? QStringLiteral("<none>") : p.node;
        }
        return {};
    case SortRole:
        switch (index.column()) {
        case Cluster:
            return row->cluster + QLatin1Char('/') + p.ns + QLatin1Char('/') + p.name;
        case Namespace:
            return p.ns + QLatin1Char('/') + p.name;
        case Name:
            return p.name;
        case Ready:
            return p.readyContainers * 1000 - p.totalContainers;
        case Status:
            // Grouped by health (healthy, progressing, failing, done), then by the status text.
            return QStringLiteral("%1%2").arg(int(healthOf(*row))).arg(p.status);
        case Restarts:
            return p.restarts;
        case RestartsSinceConnect:
            return since;
        case LastTermination:
            return p.lastTermination();
        case Age:
            return -p.createdMs; // ascending = youngest first, like kubectl's AGE reading
        case Ip:
            return p.ip;
        case Node:
            return p.node;
        }
        return {};
    case Qt::ForegroundRole:
        if (index.column() == Status)
            return healthColor(healthOf(*row));
        if ((index.column() == Restarts && p.restarts > 0) ||
            (index.column() == RestartsSinceConnect && since > 0))
            return healthColor(PodSummary::Health::Failing);
        if (index.column() == LastTermination && !p.lastTerminationReason.isEmpty() &&
            p.lastTerminationReason != QLatin1String("Completed"))
            return healthColor(PodSummary::Health::Failing);
        return {};
    case Qt::FontRole:
        if (index.column() == Cluster ||
            (index.column() == Status && p.health() == PodSummary::Health::Failing) ||
            (index.column() == RestartsSinceConnect && since > 0)) {
            QFont f;
            f.setBold(true);
            return f;
        }
        return {};
    case Qt::ToolTipRole: {
        QString tip = QStringLiteral("%1/%2\n%3").arg(p.ns, p.name, p.status);
        if (!row->cluster.isEmpty())
            tip = QStringLiteral("%1: %2").arg(row->cluster, tip);
        if (isStale(row->cluster))
            tip += QStringLiteral("\n%1").arg(clusterCell(*row, Qt::ToolTipRole).toString());
        if (const QString why = attentionOf(*row); !why.isEmpty())
            tip += QStringLiteral(", but not healthy: %1. It may be crash-looping.").arg(why);
        if (!p.lastTermination().isEmpty())
            tip += QStringLiteral("\nlast termination: ") + p.lastTermination();
        if (!p.owner.isEmpty())
            tip += QStringLiteral("\nowner: ") + p.owner;
        if (!p.labels.isEmpty())
            tip += QStringLiteral("\nlabels: ") + p.labels;
        return tip;
    }
    case Qt::TextAlignmentRole:
        if (index.column() == Ready || index.column() == Restarts || index.column() == RestartsSinceConnect)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case KeyRole:
        return p.key();
    case HealthRole:
        return int(healthOf(*row));
    case AttentionRole:
        return attentionOf(*row);
    case NamespaceRole:
        return p.ns;
    case NameRole:
        return p.name;
    case StatusRole:
        return p.status;
    case LabelsRole:
        return p.labels;
    case NodeRole:
        return p.node;
    case OwnerRole:
        return p.owner;
    case RestartsRole:
        return p.restarts;
    case ClusterRole:
        return row->cluster;
    case StaleRole:
        return isStale(row->cluster);
    }
    return {};
}

QVariant PodsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::DisplayRole) {
        static const char *names[] = {
            "CLUSTER",       "NAMESPACE",        "NAME", "READY", "STATUS", "RESTARTS",
            "SINCE CONNECT", "LAST TERMINATION", "AGE",  "IP",    "NODE"};
        if (section == RestartsSinceConnect && m_incidentStartMs > 0)
            return QStringLiteral("SINCE INCIDENT");
        return section >= 0 && section < ColumnCount ? QString::fromLatin1(names[section]) : QVariant();
    }
    if (role == Qt::ToolTipRole && section == RestartsSinceConnect)
        return m_incidentStartMs > 0
                   ? QStringLiteral("Restarts since the incident started (\u2248: since Sitrep "
                                    "first saw a pod that is older than both)")
                   : QStringLiteral("Restarts since Sitrep connected to the cluster");
    return {};
}

QHash<int, QByteArray> PodsModel::roleNames() const
{
    QHash<int, QByteArray> r = QAbstractTableModel::roleNames();
    r.insert(KeyRole, "key");
    r.insert(SortRole, "sort");
    r.insert(HealthRole, "health");
    r.insert(NamespaceRole, "namespace");
    r.insert(NameRole, "name");
    r.insert(StatusRole, "status");
    r.insert(LabelsRole, "labels");
    r.insert(NodeRole, "node");
    r.insert(OwnerRole, "owner");
    r.insert(RestartsRole, "restarts");
    r.insert(AttentionRole, "attention");
    r.insert(ClusterRole, "cluster");
    r.insert(StaleRole, "stale");
    return r;
}

void PodsModel::refreshTimes()
{
    if (rowCount() == 0)
        return;
    // Display role only: the proxy does not re-sort on it (sort keys are in SortRole). STATUS too: a restart
    // ages out of the ten-minute warning window.
    emit dataChanged(index(0, Status), index(rowCount() - 1, Status),
                     {Qt::DisplayRole, Qt::ForegroundRole, Qt::ToolTipRole});
    emit dataChanged(index(0, Restarts), index(rowCount() - 1, Restarts), {Qt::DisplayRole});
    emit dataChanged(index(0, Age), index(rowCount() - 1, Age), {Qt::DisplayRole});
}

} // namespace Sitrep::Ui
