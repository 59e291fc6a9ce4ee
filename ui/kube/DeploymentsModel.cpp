#include "DeploymentsModel.h"

#include "kube/PodSummary.h"

#include <QColor>
#include <QJsonArray>
#include <QJsonObject>

namespace Sitrep::Ui {

DeploymentsModel::DeploymentsModel(const Core::Clock &clock, QObject *parent)
    : BatchTableModel<DeploymentRow>(parent)
    , m_clock(clock)
{}

int DeploymentsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

DeploymentRow DeploymentsModel::makeRow(const QString &cluster, const QJsonObject &d, const DeploymentRow *) const
{
    DeploymentRow r;
    r.cluster = cluster;
    const QJsonObject meta = d.value(QLatin1String("metadata")).toObject();
    const QJsonObject spec = d.value(QLatin1String("spec")).toObject();
    const QJsonObject st = d.value(QLatin1String("status")).toObject();
    r.ns = meta.value(QLatin1String("namespace")).toString();
    r.name = meta.value(QLatin1String("name")).toString();
    r.createdMs = Kube::parseKubeTime(meta.value(QLatin1String("creationTimestamp")).toString());
    r.revision = meta.value(QLatin1String("annotations"))
                     .toObject()
                     .value(QLatin1String("deployment.kubernetes.io/revision"))
                     .toString();
    r.replicas = spec.value(QLatin1String("replicas")).toInt(1);
    r.ready = st.value(QLatin1String("readyReplicas")).toInt();
    r.updated = st.value(QLatin1String("updatedReplicas")).toInt();
    r.available = st.value(QLatin1String("availableReplicas")).toInt();
    QStringList images;
    const QJsonArray cs = spec.value(QLatin1String("template"))
                              .toObject()
                              .value(QLatin1String("spec"))
                              .toObject()
                              .value(QLatin1String("containers"))
                              .toArray();
    for (const auto &c : cs)
        images << c.toObject().value(QLatin1String("image")).toString();
    r.images = images.join(QStringLiteral(", "));
    const int generation = meta.value(QLatin1String("generation")).toInt();
    const int observed = st.value(QLatin1String("observedGeneration")).toInt();
    QString stalled;
    for (const auto &c : st.value(QLatin1String("conditions")).toArray()) {
        const QJsonObject co = c.toObject();
        if (co.value(QLatin1String("type")).toString() == QLatin1String("Progressing") &&
            co.value(QLatin1String("reason")).toString() == QLatin1String("ProgressDeadlineExceeded"))
            stalled = QStringLiteral("stalled (ProgressDeadlineExceeded)");
    }
    if (spec.value(QLatin1String("paused")).toBool())
        r.rollout = QStringLiteral("paused");
    else if (observed >= generation && r.updated == r.replicas &&
             st.value(QLatin1String("replicas")).toInt() == r.updated && r.available == r.updated)
        r.rollout = QStringLiteral("complete");
    else if (!stalled.isEmpty())
        r.rollout = stalled;
    else
        r.rollout = QStringLiteral("progressing");
    return r;
}

QVariant DeploymentsModel::data(const QModelIndex &index, int role) const
{
    const DeploymentRow *r = rowAt(index.row());
    if (!r || !index.isValid())
        return {};
    if (index.column() == Cluster &&
        (role == Qt::DisplayRole || role == Qt::ToolTipRole || role == Qt::BackgroundRole ||
         role == Qt::ForegroundRole))
        return clusterCell(*r, role);
    if (role == Qt::ForegroundRole && isStale(r->cluster))
        return ClusterStyle::staleRowText();
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Namespace:
            return r->ns;
        case Name:
            return r->name;
        case Ready:
            return QStringLiteral("%1/%2").arg(r->ready).arg(r->replicas);
        case UpToDate:
            return r->updated;
        case Available:
            return r->available;
        case Revision:
            return r->revision;
        case Rollout:
            return r->rollout;
        case Images:
            return r->images;
        case Age:
            return Kube::timeSince(r->createdMs, m_clock.now());
        }
        return {};
    case SortRole:
        switch (index.column()) {
        case Ready:
            return r->replicas == 0 ? 1.0 : double(r->ready) / r->replicas;
        case UpToDate:
            return r->updated;
        case Available:
            return r->available;
        case Revision:
            return r->revision.toLongLong();
        case Age:
            return -r->createdMs;
        default:
            return data(index, Qt::DisplayRole).toString();
        }
    case Qt::ForegroundRole:
        if (index.column() == Rollout) {
            if (r->rollout == QLatin1String("complete"))
                return QColor(0x2e, 0x9d, 0x4f);
            if (r->rollout.startsWith(QLatin1String("stalled")))
                return QColor(0xd6, 0x2d, 0x2d);
            return QColor(0xc7, 0x8a, 0x00);
        }
        if (index.column() == Ready && r->ready < r->replicas)
            return QColor(0xc7, 0x8a, 0x00);
        return {};
    case KeyRole:
        return r->key();
    case NamespaceRole:
        return r->ns;
    case NameRole:
        return r->name;
    case ClusterRole:
        return r->cluster;
    }
    return {};
}

QVariant DeploymentsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    static const char *names[] = {"CLUSTER",  "NAMESPACE", "NAME",   "READY", "UP-TO-DATE",
                                  "AVAILABLE", "REVISION", "ROLLOUT", "IMAGES", "AGE"};
    return section >= 0 && section < ColumnCount ? QString::fromLatin1(names[section]) : QVariant();
}

} // namespace Sitrep::Ui
