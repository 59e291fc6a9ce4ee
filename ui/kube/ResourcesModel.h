#pragma once

#include "BatchTableModel.h"
#include "core/Clock.h"
#include "kube/ResourcePrinter.h"

namespace Sitrep::Ui {

struct ResourceRow
{
    QString cluster;
    QString objectKey; // "ns/name"
    QString ns;
    QStringList cells;
    QString problem;
    QString key() const { return objectKey; }
};

// One table for the clusters' other kinds (nodes, services, endpoints, ingresses, HPAs, replica sets, top):
// CLUSTER, NAMESPACE, kubectl's columns for the kind, and ATTENTION saying in words what is wrong with a row.
class ResourcesModel final : public BatchTableModel<ResourceRow>
{
    Q_OBJECT
public:
    enum FixedColumn { ClusterColumn = 0, NamespaceColumn = 1, FirstKindColumn = 2 };
    enum Role { KeyRole = Qt::UserRole, ClusterRole };

    explicit ResourcesModel(const Core::Clock &clock, QObject *parent = nullptr);

    // Clears the table; the columns become the kind's.
    void setKind(Kube::ResourcePrinter::Kind kind);
    Kube::ResourcePrinter::Kind kind() const { return m_kind; }
    int problemColumn() const { return columnCount() - 1; }

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

protected:
    ResourceRow makeRow(const QString &cluster, const QJsonObject &object,
                        const ResourceRow *previous) const override;

private:
    const Core::Clock &m_clock;
    Kube::ResourcePrinter::Kind m_kind = Kube::ResourcePrinter::Kind::Nodes;
    QStringList m_headers;
};

} // namespace Sitrep::Ui
