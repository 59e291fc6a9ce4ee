#include "ResourcesModel.h"

#include <QColor>
#include <QFont>

namespace Sitrep::Ui {

using Kube::ResourcePrinter;

ResourcesModel::ResourcesModel(const Core::Clock &clock, QObject *parent)
    : BatchTableModel<ResourceRow>(parent)
    , m_clock(clock)
    , m_headers(ResourcePrinter::headers(m_kind))
{}

void ResourcesModel::setKind(ResourcePrinter::Kind kind)
{
    beginResetModel();
    m_kind = kind;
    m_headers = ResourcePrinter::headers(kind);
    endResetModel();
    clear();
}

int ResourcesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_headers.size()) + FirstKindColumn + 1;
}

QVariant ResourcesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    if (section == ClusterColumn)
        return QStringLiteral("CLUSTER");
    if (section == NamespaceColumn)
        return QStringLiteral("NAMESPACE");
    if (section == problemColumn())
        return QStringLiteral("ATTENTION");
    return m_headers.value(section - FirstKindColumn);
}

QVariant ResourcesModel::data(const QModelIndex &index, int role) const
{
    const ResourceRow *row = rowAt(index.row());
    if (!row)
        return {};
    const int c = index.column();
    if (c == ClusterColumn &&
        (role == Qt::DisplayRole || role == Qt::ToolTipRole || role == Qt::BackgroundRole ||
         role == Qt::ForegroundRole))
        return clusterCell(*row, role);
    switch (role) {
    case Qt::DisplayRole:
        if (c == NamespaceColumn)
            return row->ns;
        if (c == problemColumn())
            return row->problem.isEmpty() ? QString() : QStringLiteral("\u26a0 ") + row->problem;
        return row->cells.value(c - FirstKindColumn);
    case Qt::ToolTipRole:
        return row->problem.isEmpty() ? QVariant() : QVariant(row->problem);
    case Qt::ForegroundRole:
        if (isStale(row->cluster))
            return ClusterStyle::staleRowText();
        return row->problem.isEmpty() ? QVariant() : QVariant(QColor(0xd6, 0x2d, 0x2d));
    case Qt::FontRole:
        if (c == ClusterColumn || (c == problemColumn() && !row->problem.isEmpty())) {
            QFont f;
            f.setBold(true);
            return f;
        }
        return {};
    case KeyRole:
        return row->objectKey;
    case ClusterRole:
        return row->cluster;
    default:
        return {};
    }
}

ResourceRow ResourcesModel::makeRow(const QString &cluster, const QJsonObject &object,
                                    const ResourceRow *) const
{
    const ResourcePrinter::Row printed = ResourcePrinter::print(m_kind, object, m_clock.now());
    const QJsonObject meta = object.value(QLatin1String("metadata")).toObject();
    return {cluster, Kube::ObjectEvent::keyOf(object), meta.value(QLatin1String("namespace")).toString(),
            printed.cells, printed.problem};
}

} // namespace Sitrep::Ui
