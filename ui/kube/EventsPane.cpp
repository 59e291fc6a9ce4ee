#include "EventsPane.h"

#include "ClusterChips.h"
#include "EventsModel.h"
#include "KubeStateLabel.h"
#include "PaneClusters.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QTreeView>
#include <QVBoxLayout>

namespace Sitrep::Ui {

namespace {

// Text filter over reason/object/message, plus "warnings only" and the clusters hidden by their chips.
class EventsFilter final : public QSortFilterProxyModel
{
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;
    bool warningsOnly = false;
    QString text;
    QSet<QString> hiddenClusters;
    void refresh() { invalidateRowsFilter(); }

protected:
    bool filterAcceptsRow(int row, const QModelIndex &parent) const override
    {
        const QModelIndex i = sourceModel()->index(row, 0, parent);
        if (warningsOnly && !i.data(EventsModel::WarningRole).toBool())
            return false;
        if (!hiddenClusters.isEmpty() && hiddenClusters.contains(i.data(EventsModel::ClusterRole).toString()))
            return false;
        if (text.isEmpty())
            return true;
        for (int c : {EventsModel::Reason, EventsModel::Object, EventsModel::Message, EventsModel::Namespace,
                      EventsModel::Cluster})
            if (i.siblingAtColumn(c).data().toString().contains(text, Qt::CaseInsensitive))
                return true;
        return false;
    }
};

} // namespace

EventsPane::EventsPane(const Core::Clock &clock, QWidget *parent)
    : QWidget(parent)
    , m_clusters(new PaneClusters(this))
    , m_chips(new ClusterChips(this))
    , m_model(new EventsModel(clock, this))
    , m_proxy(new EventsFilter(this))
{
    setObjectName(QStringLiteral("eventsPane"));
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(EventsModel::SortRole);
    m_proxy->setDynamicSortFilter(true);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_chips);
    auto *top = new QHBoxLayout;
    m_filter = new QLineEdit(this);
    m_filter->setPlaceholderText(QStringLiteral("Filter events (reason, object, message)"));
    m_filter->setClearButtonEnabled(true);
    m_warningsOnly = new QCheckBox(QStringLiteral("&Warnings only"), this);
    top->addWidget(m_filter, 1);
    top->addWidget(m_warningsOnly);
    layout->addLayout(top);
    m_view = new QTreeView(this);
    m_view->setObjectName(QStringLiteral("eventsView"));
    m_view->setModel(m_proxy);
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(EventsModel::LastSeen, Qt::DescendingOrder);
    m_view->setAllColumnsShowFocus(true);
    m_view->header()->resizeSection(EventsModel::Cluster, 110);
    m_view->header()->resizeSection(EventsModel::LastSeen, 95);
    m_view->header()->resizeSection(EventsModel::Type, 80);
    m_view->header()->resizeSection(EventsModel::Reason, 140);
    m_view->header()->resizeSection(EventsModel::Object, 240);
    m_view->header()->resizeSection(EventsModel::Message, 420);
    layout->addWidget(m_view, 1);
    m_state = new KubeStateLabel(this);
    layout->addWidget(m_state);

    auto *filter = static_cast<EventsFilter *>(m_proxy);
    connect(m_filter, &QLineEdit::textChanged, this, [filter](const QString &t) {
        filter->text = t.trimmed();
        filter->refresh();
    });
    connect(m_warningsOnly, &QCheckBox::toggled, this, &EventsPane::setWarningsOnly);
    connect(m_view, &QTreeView::activated, this, [this](const QModelIndex &i) {
        emit objectActivated(i.data(EventsModel::ObjectKindRole).toString(),
                             i.data(EventsModel::NamespaceRole).toString(),
                             i.data(EventsModel::ObjectNameRole).toString(),
                             i.data(EventsModel::ClusterRole).toString());
    });
    connect(m_chips, &ClusterChips::hiddenClustersChanged, this, [filter](const QSet<QString> &hidden) {
        filter->hiddenClusters = hidden;
        filter->refresh();
    });
    connect(m_clusters, &PaneClusters::added, this, &EventsPane::bind);
    connect(m_clusters, &PaneClusters::informersReplaced, this, &EventsPane::bind);
    connect(m_clusters, &PaneClusters::removed, this,
            [this](const Kube::ClusterConnection *, const QString &name) { m_model->clearCluster(name); });
    connect(m_clusters, &PaneClusters::renamed, this,
            [this](const QString &from, const QString &to) { m_model->renameCluster(from, to); });
    connect(m_clusters, &PaneClusters::healthChanged, this, [this](Kube::ClusterConnection *c) {
        m_model->setClusterLook(c->clusterName(), c->colour(), PaneClusters::staleText(c));
    });
    connect(m_clusters, &PaneClusters::listChanged, this, &EventsPane::updateColumns);
}

void EventsPane::setWarningsOnly(bool on)
{
    auto *filter = static_cast<EventsFilter *>(m_proxy);
    filter->warningsOnly = on;
    m_warningsOnly->setChecked(on);
    filter->refresh();
}

void EventsPane::setConnection(Kube::ClusterConnection *connection)
{
    setConnections(connection ? QList<Kube::ClusterConnection *>{connection} : QList<Kube::ClusterConnection *>{});
}

void EventsPane::setConnections(const QList<Kube::ClusterConnection *> &connections)
{
    m_clusters->set(connections);
}

void EventsPane::bind(Kube::ClusterConnection *c)
{
    m_model->clearCluster(c->clusterName());
    m_model->setClusterLook(c->clusterName(), c->colour(), PaneClusters::staleText(c));
    if (Kube::Informer *events = c->events()) {
        QPointer<Kube::ClusterConnection> conn = c;
        m_clusters->keep(c, connect(events, &Kube::Informer::eventsReady, m_model,
                                    [this, conn](const Kube::ObjectEvents &batch) {
                                        if (conn)
                                            m_model->enqueue(conn->clusterName(), batch);
                                    }));
    }
    updateColumns();
}

void EventsPane::updateColumns()
{
    const QList<Kube::ClusterConnection *> list = m_clusters->connections();
    QList<KubeStateLabel::Source> sources;
    for (Kube::ClusterConnection *c : list)
        sources << KubeStateLabel::Source{c->clusterName(), c->events(), c->health()};
    m_state->setSources(sources);
    m_view->setColumnHidden(EventsModel::Cluster, list.size() < 2);
    m_view->setColumnHidden(EventsModel::Namespace, m_clusters->singleNamespaces());
    m_chips->setConnections(list);
    auto *filter = static_cast<EventsFilter *>(m_proxy);
    if (filter->hiddenClusters != m_chips->hiddenClusters()) {
        filter->hiddenClusters = m_chips->hiddenClusters();
        filter->refresh();
    }
}

} // namespace Sitrep::Ui
