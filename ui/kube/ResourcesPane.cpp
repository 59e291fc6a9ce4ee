#include "ResourcesPane.h"

#include "ActionConfirmDialog.h"
#include "ClusterChips.h"
#include "KubeStateLabel.h"
#include "PaneClusters.h"
#include "ResourcesModel.h"
#include "kube/Actions.h"
#include "kube/KubeCall.h"

#include <QAction>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QSortFilterProxyModel>
#include <QTreeView>
#include <QVBoxLayout>

namespace Sitrep::Ui {

using Kube::ResourcePrinter;

ResourcesPane::ResourcesPane(const Core::Clock &clock, QWidget *parent)
    : QWidget(parent)
    , m_clock(clock)
    , m_clusters(new PaneClusters(this))
    , m_chips(new ClusterChips(this))
    , m_model(new ResourcesModel(clock, this))
    , m_proxy(new ClusterFilterProxy(ResourcesModel::ClusterRole, this))
    , m_kind(new QComboBox(this))
    , m_filter(new QLineEdit(this))
    , m_view(new QTreeView(this))
    , m_state(new KubeStateLabel(this))
    , m_outcome(new QLabel(this))
{
    setObjectName(QStringLiteral("resourcesPane"));
    for (const ResourcePrinter::Kind k : ResourcePrinter::kinds())
        m_kind->addItem(ResourcePrinter::title(k), int(k));
    m_kind->setAccessibleName(tr("Kind"));
    m_filter->setPlaceholderText(tr("Filter (name, status, any column)"));
    m_filter->setClearButtonEnabled(true);
    m_proxy->setSourceModel(m_model);
    m_proxy->setFilterKeyColumn(-1);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_view->setModel(m_proxy);
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(ResourcesModel::FirstKindColumn, Qt::AscendingOrder);
    m_view->header()->setSectionResizeMode(QHeaderView::Interactive);
    m_view->setAllColumnsShowFocus(true);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_outcome->setObjectName(QStringLiteral("outcome"));
    // A long outcome sentence is clipped (full text in the tooltip), never widening the window.
    m_outcome->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);

    auto *top = new QHBoxLayout;
    top->addWidget(m_kind);
    top->addWidget(m_filter, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_chips);
    layout->addLayout(top);
    layout->addWidget(m_view, 1);
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_state, 1);
    bottom->addWidget(m_outcome, 1);
    layout->addLayout(bottom);

    auto popup = [this](const QPoint &at) {
        QMenu *menu = buildContextMenu(this);
        menu->setAttribute(Qt::WA_DeleteOnClose);
        menu->popup(m_view->viewport()->mapToGlobal(at));
    };
    connect(m_view, &QWidget::customContextMenuRequested, this, popup);
    // Keyboard: the Menu key opens the same menu at the current row.
    auto *menuKey = new QAction(this);
    menuKey->setShortcut(QKeySequence(Qt::Key_Menu));
    menuKey->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(menuKey, &QAction::triggered, this,
            [this, popup] { popup(m_view->visualRect(m_view->currentIndex()).center()); });
    addAction(menuKey);

    connect(m_kind, &QComboBox::activated, this, [this] { rebind(); });
    connect(m_model, &QAbstractItemModel::rowsInserted, this, [this] {
        if (std::exchange(m_columnsSized, true))
            return;
        for (int c = 0; c < m_model->columnCount(); ++c)
            m_view->resizeColumnToContents(c);
    });
    connect(m_filter, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);
    m_poll.setInterval(15000);
    connect(&m_poll, &QTimer::timeout, this, &ResourcesPane::poll);
    connect(m_chips, &ClusterChips::hiddenClustersChanged, m_proxy, &ClusterFilterProxy::setHiddenClusters);
    connect(m_clusters, &PaneClusters::added, this, [this](Kube::ClusterConnection *c) {
        m_clusters->keep(
            c, connect(c->actions(), &Kube::ActionRunner::finished, this, [this](int, const Kube::ActionOutcome &o) {
                // The runner is shared with the other panes: only node actions are this pane's to report.
                if (!o.sentence.startsWith(QLatin1String("cordon node/")) &&
                    !o.sentence.startsWith(QLatin1String("uncordon node/")))
                    return;
                m_lastOutcome = o.sentence;
                m_outcome->setText((o.ok ? QStringLiteral("\u2714 ") : QStringLiteral("\u2716 ")) + o.sentence);
                m_outcome->setToolTip(o.sentence);
                m_outcome->setStyleSheet(o.ok ? QStringLiteral("color:#2e9d4f") : QStringLiteral("color:#d62d2d"));
                emit actionFinished(o.sentence, o.ok);
            }));
        checkPermissions(c);
        bind(c);
    });
    // Another namespace: this cluster's rows of the kind shown are listed afresh.
    connect(m_clusters, &PaneClusters::informersReplaced, this, &ResourcesPane::bind);
    connect(m_clusters, &PaneClusters::removed, this, [this](const Kube::ClusterConnection *c, const QString &name) {
        if (QPointer<Kube::Informer> i = m_informers.take(c)) {
            i->stop();
            i->deleteLater();
        }
        m_model->clearCluster(name);
        m_polledKeys.remove(name);
        m_pollState.remove(name);
        m_canPatchNodes.remove(name);
    });
    connect(m_clusters, &PaneClusters::renamed, this, [this](const QString &from, const QString &to) {
        m_model->renameCluster(from, to);
        if (m_polledKeys.contains(from))
            m_polledKeys.insert(to, m_polledKeys.take(from));
    });
    connect(m_clusters, &PaneClusters::healthChanged, this, [this](Kube::ClusterConnection *c) {
        m_model->setClusterLook(c->clusterName(), c->colour(), PaneClusters::staleText(c));
    });
    connect(m_clusters, &PaneClusters::listChanged, this, &ResourcesPane::updateColumns);
    rebind();
}

ResourcesPane::~ResourcesPane()
{
    for (const auto &i : std::as_const(m_informers))
        if (i)
            i->blockSignals(true);
}

ResourcePrinter::Kind ResourcesPane::kind() const
{
    return ResourcePrinter::Kind(m_kind->currentData().toInt());
}

void ResourcesPane::setConnection(Kube::ClusterConnection *connection)
{
    setConnections(connection ? QList<Kube::ClusterConnection *>{connection} : QList<Kube::ClusterConnection *>{});
}

void ResourcesPane::setConnections(const QList<Kube::ClusterConnection *> &connections)
{
    m_clusters->set(connections);
}

void ResourcesPane::checkPermissions(Kube::ClusterConnection *c)
{
    const QString name = c->clusterName();
    m_canPatchNodes.insert(name, {true, false, {}});
    // Cordon is a patch of the (cluster-scoped) node: kubectl needs "patch nodes".
    c->access()->check({QStringLiteral("patch"), QString(), QStringLiteral("nodes"), QString(), QString(), QString()},
                       this, [this, name](const Kube::AccessDecision &d) { m_canPatchNodes.insert(name, d); });
}

QString ResourcesPane::currentCluster() const
{
    const QModelIndex i = m_view->currentIndex();
    return i.isValid() ? i.siblingAtColumn(0).data(ResourcesModel::ClusterRole).toString() : QString();
}

QString ResourcesPane::currentNode() const
{
    const QModelIndex i = m_view->currentIndex();
    if (kind() != ResourcePrinter::Kind::Nodes || !i.isValid())
        return {};
    return i.siblingAtColumn(0).data(ResourcesModel::KeyRole).toString();
}

bool ResourcesPane::currentNodeCordoned() const
{
    const QModelIndex i = m_view->currentIndex();
    for (int c = 0; i.isValid() && c < m_proxy->columnCount(); ++c) {
        if (m_proxy->headerData(c, Qt::Horizontal).toString() == QLatin1String("STATUS"))
            return i.siblingAtColumn(c).data().toString().contains(QLatin1String("SchedulingDisabled"));
    }
    return false;
}

QMenu *ResourcesPane::buildContextMenu(QWidget *parent)
{
    auto *menu = new QMenu(parent);
    menu->setToolTipsVisible(true);
    const QString node = currentNode();
    const QString cluster = currentCluster();
    Kube::ClusterConnection *conn = m_clusters->byName(cluster);
    if (node.isEmpty() || !conn) {
        QAction *none = menu->addAction(tr("No actions for %1").arg(ResourcePrinter::title(kind())));
        none->setEnabled(false);
        return menu;
    }
    const bool cordoned = currentNodeCordoned();
    const Kube::AccessDecision canPatch = m_canPatchNodes.value(cluster, Kube::AccessDecision{true, false, {}});
    const QString on = m_clusters->several() ? tr(" on %1").arg(cluster) : QString();
    QAction *cordon =
        menu->addAction(tr("Cordon node %1%2\u2026").arg(node, on), this, [this] { cordonCurrent(true); });
    QAction *uncordon =
        menu->addAction(tr("Uncordon node %1%2\u2026").arg(node, on), this, [this] { cordonCurrent(false); });
    cordon->setEnabled(!cordoned && canPatch.allowed);
    uncordon->setEnabled(cordoned && canPatch.allowed);
    if (!canPatch.allowed) {
        for (QAction *a : {cordon, uncordon}) {
            a->setText(a->text() + tr(" (not allowed)"));
            a->setToolTip(canPatch.reason);
        }
    } else {
        (cordoned ? cordon : uncordon)
            ->setToolTip(cordoned ? tr("%1 is already cordoned").arg(node)
                                  : tr("%1 is schedulable").arg(node));
    }
    return menu;
}

void ResourcesPane::cordonCurrent(bool cordon)
{
    const QString node = currentNode();
    Kube::ClusterConnection *conn = m_clusters->byName(currentCluster());
    if (node.isEmpty() || !conn ||
        !m_canPatchNodes.value(conn->clusterName(), Kube::AccessDecision{true, false, {}}).allowed)
        return;
    emit confirmationShown(ActionConfirmDialog::ask(Kube::Actions::cordon(node, cordon), conn, this));
}

void ResourcesPane::setKind(ResourcePrinter::Kind kind)
{
    m_kind->setCurrentIndex(m_kind->findData(int(kind)));
    rebind();
}

void ResourcesPane::updateColumns()
{
    const QList<Kube::ClusterConnection *> list = m_clusters->connections();
    m_chips->setConnections(list);
    m_proxy->setHiddenClusters(m_chips->hiddenClusters());
    m_view->setColumnHidden(ResourcesModel::ClusterColumn, list.size() < 2);
    m_view->setColumnHidden(ResourcesModel::NamespaceColumn,
                            ResourcePrinter::isClusterScoped(kind()) || m_clusters->singleNamespaces());
    if (ResourcePrinter::isPolled(kind())) {
        showPollState();
        return;
    }
    QList<KubeStateLabel::Source> sources;
    for (Kube::ClusterConnection *c : list)
        sources << KubeStateLabel::Source{c->clusterName(), m_informers.value(c), c->health()};
    m_state->setSources(sources);
}

void ResourcesPane::rebind()
{
    // Another kind: every cluster's informer for the old kind goes, the table takes the new kind's columns.
    for (const auto &i : std::as_const(m_informers)) {
        if (i) {
            i->stop();
            i->deleteLater();
        }
    }
    m_informers.clear();
    m_poll.stop();
    m_polledKeys.clear();
    m_pollState.clear();
    m_columnsSized = false;
    m_model->setKind(kind());
    const QList<Kube::ClusterConnection *> list = m_clusters->connections();
    if (list.isEmpty()) {
        m_state->setInformer(nullptr);
        updateColumns();
        return;
    }
    for (Kube::ClusterConnection *c : list)
        bind(c);
}

void ResourcesPane::bind(Kube::ClusterConnection *c)
{
    const ResourcePrinter::Kind k = kind();
    if (QPointer<Kube::Informer> old = m_informers.take(c)) {
        old->stop();
        old->deleteLater();
    }
    m_model->clearCluster(c->clusterName());
    m_model->setClusterLook(c->clusterName(), c->colour(), PaneClusters::staleText(c));
    m_polledKeys.remove(c->clusterName());
    if (ResourcePrinter::isPolled(k)) {
        pollOne(c);
        if (!m_poll.isActive())
            m_poll.start();
        updateColumns();
        return;
    }
    auto *informer = new Kube::Informer(c->client(), ResourcePrinter::ref(k, c->currentNamespace()), this);
    QPointer<Kube::ClusterConnection> conn = c;
    connect(informer, &Kube::Informer::eventsReady, m_model, [this, conn](const Kube::ObjectEvents &events) {
        if (conn)
            m_model->enqueue(conn->clusterName(), events);
    });
    m_informers.insert(c, informer);
    informer->start();
    updateColumns();
}

void ResourcesPane::poll()
{
    for (Kube::ClusterConnection *c : m_clusters->connections())
        pollOne(c);
}

void ResourcesPane::showPollState()
{
    const QList<Kube::ClusterConnection *> list = m_clusters->connections();
    bool allOk = true;
    QStringList parts;
    for (Kube::ClusterConnection *c : list) {
        const auto st = m_pollState.value(c->clusterName(), qMakePair(true, tr("polling\u2026")));
        allOk = allOk && st.first;
        parts << (list.size() > 1 ? c->clusterName() + QStringLiteral(": ") + st.second : st.second);
    }
    m_state->showPolled(allOk, parts.join(QStringLiteral(" \u00b7 ")));
}

void ResourcesPane::pollOne(Kube::ClusterConnection *c)
{
    const ResourcePrinter::Kind k = kind();
    const Kube::ResourceRef ref = ResourcePrinter::ref(k, c->currentNamespace());
    Kube::KubeCall *call = c->client()->get(Kube::resourcePath(ref.group, ref.version, ref.resource, ref.ns), {},
                                            tr("read %1 metrics").arg(ref.resource));
    QPointer<Kube::ClusterConnection> conn = c;
    connect(call, &Kube::KubeCall::finished, this, [this, call, k, conn] {
        if (k != kind() || !conn || !m_clusters->connections().contains(conn.data()))
            return; // the user chose another kind meanwhile, or the cluster left
        const QString name = conn->clusterName();
        if (!call->ok()) {
            const QString why =
                call->httpStatus() == 404
                    ? tr("this cluster serves no metrics (metrics.k8s.io): install metrics-server "
                         "for kubectl top")
                    : call->errorText();
            m_pollState.insert(name, qMakePair(false, why));
            showPollState();
            emit polled(false);
            return;
        }
        // A poll is a full list: what is missing since the last one is gone.
        QSet<QString> &known = m_polledKeys[name];
        Kube::ObjectEvents events;
        QSet<QString> seen;
        for (const QJsonValue &v : call->json().value(QLatin1String("items")).toArray()) {
            Kube::ObjectEvent e;
            e.object = v.toObject();
            e.key = Kube::ObjectEvent::keyOf(e.object);
            e.type = known.contains(e.key) ? Kube::ObjectEvent::Type::Modified : Kube::ObjectEvent::Type::Added;
            seen.insert(e.key);
            events << e;
        }
        for (const QString &key : std::as_const(known)) {
            if (!seen.contains(key)) {
                Kube::ObjectEvent e;
                e.type = Kube::ObjectEvent::Type::Deleted;
                e.key = key;
                events << e;
            }
        }
        known = seen;
        m_model->enqueue(name, events);
        m_model->flush();
        m_pollState.insert(name, qMakePair(true, tr("live (every %1 s, as of %2)")
                                                     .arg(m_poll.interval() / 1000)
                                                     .arg(m_clock.now().toLocalTime().toString(
                                                         QStringLiteral("HH:mm:ss")))));
        showPollState();
        emit polled(true);
    });
}

} // namespace Sitrep::Ui
