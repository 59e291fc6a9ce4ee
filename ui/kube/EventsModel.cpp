#include "EventsModel.h"

#include "kube/PodSummary.h"

#include <QColor>
#include <QFont>
#include <QJsonObject>

namespace Sitrep::Ui {

EventsModel::EventsModel(const Core::Clock &clock, QObject *parent)
    : BatchTableModel<EventRow>(parent)
    , m_clock(clock)
{}

int EventsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

EventRow EventsModel::makeRow(const QString &cluster, const QJsonObject &ev, const EventRow *) const
{
    EventRow r;
    r.cluster = cluster;
    const QJsonObject meta = ev.value(QLatin1String("metadata")).toObject();
    r.ns = meta.value(QLatin1String("namespace")).toString();
    r.k = r.ns + QLatin1Char('/') + meta.value(QLatin1String("name")).toString();
    r.type = ev.value(QLatin1String("type")).toString();
    r.reason = ev.value(QLatin1String("reason")).toString();
    r.message = ev.value(QLatin1String("message")).toString().simplified();
    const QJsonObject inv = ev.value(QLatin1String("involvedObject")).toObject();
    r.objectKind = inv.value(QLatin1String("kind")).toString();
    r.objectName = inv.value(QLatin1String("name")).toString();
    r.source = ev.value(QLatin1String("source")).toObject().value(QLatin1String("component")).toString();
    r.count = ev.value(QLatin1String("count")).toInt(1);
    for (const char *field : {"lastTimestamp", "eventTime", "firstTimestamp"}) {
        r.lastMs = Kube::parseKubeTime(ev.value(QLatin1String(field)).toString());
        if (r.lastMs)
            break;
    }
    if (!r.lastMs)
        r.lastMs = Kube::parseKubeTime(meta.value(QLatin1String("creationTimestamp")).toString());
    return r;
}

QVariant EventsModel::data(const QModelIndex &index, int role) const
{
    const EventRow *r = rowAt(index.row());
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
        case LastSeen:
            return Kube::timeSince(r->lastMs, m_clock.now());
        case Type:
            return r->type;
        case Reason:
            return r->reason;
        case Object:
            return r->objectKind.toLower() + QLatin1Char('/') + r->objectName;
        case Message:
            return r->message;
        case Count:
            return r->count;
        case Namespace:
            return r->ns;
        }
        return {};
    case SortRole:
        switch (index.column()) {
        case LastSeen:
            return r->lastMs;
        case Count:
            return r->count;
        default:
            return data(index, Qt::DisplayRole).toString();
        }
    case Qt::ForegroundRole:
        if (r->warning() && (index.column() == Type || index.column() == Reason))
            return QColor(0xd6, 0x2d, 0x2d);
        return {};
    case Qt::FontRole:
        if ((r->warning() && index.column() == Type) || index.column() == Cluster) {
            QFont f;
            f.setBold(true);
            return f;
        }
        return {};
    case Qt::ToolTipRole:
        return QStringLiteral("%1 %2 on %3/%4 (x%5, %6)\n%7")
            .arg(r->type, r->reason, r->objectKind, r->objectName)
            .arg(r->count)
            .arg(r->source, r->message);
    case WarningRole:
        return r->warning();
    case ObjectKindRole:
        return r->objectKind;
    case ObjectNameRole:
        return r->objectName;
    case NamespaceRole:
        return r->ns;
    case ClusterRole:
        return r->cluster;
    }
    return {};
}

QVariant EventsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    static const char *names[] = {"CLUSTER", "LAST SEEN", "TYPE",     "REASON",
                                  "OBJECT",  "MESSAGE",   "COUNT", "NAMESPACE"};
    return section >= 0 && section < ColumnCount ? QString::fromLatin1(names[section]) : QVariant();
}

} // namespace Sitrep::Ui
