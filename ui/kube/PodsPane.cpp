#include "PodsPane.h"

#include "ActionConfirmDialog.h"
#include "ClusterChips.h"
#include "DescribeDialog.h"
#include "ElidedNameDelegate.h"
#include "KubeStateLabel.h"
#include "PaneClusters.h"
#include "PodsFilterProxy.h"
#include "PodsModel.h"
#include "kube/Actions.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QRegularExpression>
#include <QTreeView>
#include <QVBoxLayout>

namespace Sitrep::Ui {

using Kube::ActionPlan;
using Kube::Actions;

PodsPane::PodsPane(const Core::Clock &clock, QWidget *parent)
    : QWidget(parent)
    , m_clock(clock)
    , m_clusters(new PaneClusters(this))
    , m_chips(new ClusterChips(this))
    , m_model(new PodsModel(clock, this))
    , m_proxy(new PodsFilterProxy(this))
{
    setObjectName(QStringLiteral("podsPane"));
    m_proxy->setPodsModel(m_model);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    // Each cluster's counts and state, and the toggle that hides its rows (only with several clusters).
    m_chips->setDetail([](Kube::ClusterConnection *c) {
        const Kube::PodCensus *census = c->census();
        QStringList bad;
        const auto &by = census->allByState();
        for (auto it = by.cbegin(); it != by.cend(); ++it)
            if (it.key() != QLatin1String("Running") && it.key() != QLatin1String("Completed"))
                bad << QStringLiteral("%1 %2").arg(it.value()).arg(it.key());
        const QString pods = QStringLiteral("%L1 pods").arg(census->allCount());
        return census->allCount() == 0
                   ? pods
                   : pods + QStringLiteral(": ") +
                         (bad.isEmpty() ? QStringLiteral("ok") : bad.join(QStringLiteral(", ")));
    });
    layout->addWidget(m_chips);
    auto *filters = new QHBoxLayout;
    m_filter = new QLineEdit(this);
    m_filter->setPlaceholderText(QStringLiteral("Filter pods (name, status, node, IP)  Ctrl+F"));
    m_filter->setClearButtonEnabled(true);
    m_selector = new QLineEdit(this);
    m_selector->setPlaceholderText(QStringLiteral("Label selector, e.g. app=api,tier!=db"));
    m_selector->setClearButtonEnabled(true);
    m_status = new QComboBox(this);
    m_status->addItem(QStringLiteral("All pods"), int(PodsFilterProxy::StatusFilter::All));
    m_status->addItem(QStringLiteral("Not healthy"), int(PodsFilterProxy::StatusFilter::NotHealthy));
    m_status->addItem(QStringLiteral("Failing only"), int(PodsFilterProxy::StatusFilter::Failing));
    filters->addWidget(m_filter, 2);
    filters->addWidget(m_selector, 2);
    filters->addWidget(m_status);
    layout->addLayout(filters);
    m_selectorError = new QLabel(this);
    m_selectorError->setStyleSheet(QStringLiteral("color:#d62d2d"));
    m_selectorError->hide();
    layout->addWidget(m_selectorError);

    m_view = new QTreeView(this);
    m_view->setObjectName(QStringLiteral("podsView"));
    m_view->setModel(m_proxy);
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true); // the view never measures 30,000 rows
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(PodsModel::Namespace, Qt::AscendingOrder);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setAllColumnsShowFocus(true);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->header()->setStretchLastSection(true);
    m_view->header()->resizeSection(PodsModel::Cluster, 110);
    m_view->header()->resizeSection(PodsModel::Namespace, 110);
    // Name, ready, status and restarts side by side in a pane a quarter of a 1080p screen wide.
    m_view->header()->resizeSection(PodsModel::Name, 220);
    // A name too long for its column keeps the part that tells the pod apart (api-gateway-…-487m9); the model
    // keeps the whole name for the tooltip, copy and sort.
    m_view->setItemDelegateForColumn(PodsModel::Name, new ElidedNameDelegate(m_view));
    m_view->header()->resizeSection(PodsModel::Ready, 56);
    m_view->header()->resizeSection(PodsModel::Status, 130);
    m_view->header()->resizeSection(PodsModel::Restarts, 80);
    m_view->header()->resizeSection(PodsModel::RestartsSinceConnect, 100);
    m_view->header()->resizeSection(PodsModel::LastTermination, 130);
    m_view->header()->resizeSection(PodsModel::Age, 60);
    m_view->header()->resizeSection(PodsModel::Ip, 100);
    layout->addWidget(m_view, 1);

    auto *bottom = new QHBoxLayout;
    m_state = new KubeStateLabel(this);
    bottom->addWidget(m_state, 1);
    m_outcome = new QLabel(this);
    m_outcome->setObjectName(QStringLiteral("outcome"));
    // A long outcome sentence is clipped (full text in the tooltip), never widening the window.
    m_outcome->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    bottom->addWidget(m_outcome);
    layout->addLayout(bottom);

    connect(m_filter, &QLineEdit::textChanged, m_proxy, &PodsFilterProxy::setText);
    connect(m_filter, &QLineEdit::textChanged, this, &PodsPane::updateCount);
    connect(m_selector, &QLineEdit::textChanged, this, [this](const QString &t) {
        const QString err = m_proxy->setLabelSelector(t);
        m_selectorError->setText(err);
        m_selectorError->setVisible(!err.isEmpty());
        updateCount();
    });
    connect(m_status, &QComboBox::currentIndexChanged, this, [this] {
        m_proxy->setStatusFilter(PodsFilterProxy::StatusFilter(m_status->currentData().toInt()));
        updateCount();
    });
    connect(m_view, &QWidget::customContextMenuRequested, this, [this](const QPoint &pos) {
        QMenu *menu = buildContextMenu(this);
        menu->setAttribute(Qt::WA_DeleteOnClose);
        menu->popup(m_view->viewport()->mapToGlobal(pos));
    });
    connect(m_view, &QTreeView::activated, this, [this] { describeCurrent(); });
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &PodsPane::updateCount);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &PodsPane::updateCount);
    connect(m_model, &QAbstractItemModel::modelReset, this, &PodsPane::updateCount);
    connect(m_chips, &ClusterChips::hiddenClustersChanged, this, [this](const QSet<QString> &hidden) {
        m_proxy->setHiddenClusters(hidden);
        updateCount();
    });

    connect(m_clusters, &PaneClusters::added, this, [this](Kube::ClusterConnection *c) {
        m_clusters->keep(c, connect(c->actions(), &Kube::ActionRunner::finished, this,
                                    [this](int, const Kube::ActionOutcome &o) {
                                        showOutcome(o.sentence, o.ok);
                                        emit actionFinished(o.sentence, o.ok);
                                    }));
        bind(c);
    });
    connect(m_clusters, &PaneClusters::removed, this,
            [this](const Kube::ClusterConnection *, const QString &name) {
                m_model->clearCluster(name);
                m_canDelete.remove(name);
                m_canPatchDeployments.remove(name);
            });
    connect(m_clusters, &PaneClusters::renamed, m_model, &PodsModel::renameCluster);
    connect(m_clusters, &PaneClusters::informersReplaced, this, &PodsPane::bind);
    connect(m_clusters, &PaneClusters::healthChanged, this, [this](Kube::ClusterConnection *c) {
        m_model->setClusterLook(c->clusterName(), c->colour(), PaneClusters::staleText(c));
    });
    connect(m_clusters, &PaneClusters::listChanged, this, &PodsPane::updateColumns);

    // Keyboard: the same actions as the context menu.
    auto addShortcut = [this](const QKeySequence &keys, auto fn) {
        auto *a = new QAction(this);
        a->setShortcut(keys);
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        connect(a, &QAction::triggered, this, fn);
        addAction(a);
    };
    addShortcut(QKeySequence::Find, [this] {
        m_filter->setFocus();
        m_filter->selectAll();
    });
    addShortcut(QKeySequence(Qt::Key_Delete), [this] { deleteSelected(); });
    addShortcut(QKeySequence(Qt::CTRL | Qt::Key_L), [this] {
        const QStringList keys = selectedKeys();
        requestLogs(keys.isEmpty() ? QStringList{currentKey()} : keys);
    });
    addShortcut(QKeySequence(Qt::Key_Menu), [this] {
        QMenu *menu = buildContextMenu(this);
        menu->setAttribute(Qt::WA_DeleteOnClose);
        menu->popup(m_view->viewport()->mapToGlobal(m_view->visualRect(m_view->currentIndex()).center()));
    });
}

PodsPane::~PodsPane() = default;

void PodsPane::setConnection(Kube::ClusterConnection *connection)
{
    setConnections(connection ? QList<Kube::ClusterConnection *>{connection}
                              : QList<Kube::ClusterConnection *>{});
}

void PodsPane::setConnections(const QList<Kube::ClusterConnection *> &connections)
{
    m_clusters->set(connections);
}

Kube::ClusterConnection *PodsPane::connection() const
{
    return m_clusters->first();
}

QList<Kube::ClusterConnection *> PodsPane::connections() const
{
    return m_clusters->connections();
}

void PodsPane::bind(Kube::ClusterConnection *c)
{
    // Only this cluster's rows go: the other clusters' informers will not send theirs again.
    m_model->clearCluster(c->clusterName());
    m_model->setClusterLook(c->clusterName(), c->colour(), PaneClusters::staleText(c));
    if (Kube::Informer *pods = c->pods()) {
        QPointer<Kube::ClusterConnection> conn = c;
        m_clusters->keep(c, connect(pods, &Kube::Informer::eventsReady, m_model,
                                    [this, conn](const Kube::ObjectEvents &events) {
                                        if (conn)
                                            m_model->enqueue(conn->clusterName(), events);
                                    }));
    }
    checkPermissions(c);
    updateColumns();
}

void PodsPane::updateColumns()
{
    const QList<Kube::ClusterConnection *> list = m_clusters->connections();
    QList<KubeStateLabel::Source> sources;
    for (Kube::ClusterConnection *c : list)
        sources << KubeStateLabel::Source{c->clusterName(), c->pods(), c->health()};
    m_state->setSources(sources);
    m_view->setColumnHidden(PodsModel::Cluster, list.size() < 2);
    m_view->setColumnHidden(PodsModel::Namespace, m_clusters->singleNamespaces());
    m_chips->setConnections(list);
    m_proxy->setHiddenClusters(m_chips->hiddenClusters());
    updateCount();
}

void PodsPane::checkPermissions(Kube::ClusterConnection *c)
{
    const QString name = c->clusterName();
    m_canDelete.insert(name, {true, false, {}});
    m_canPatchDeployments.insert(name, {true, false, {}});
    const QString ns = c->currentNamespace();
    c->access()->check(
        {QStringLiteral("delete"), QString(), QStringLiteral("pods"), QString(), ns, QString()}, this,
        [this, name](const Kube::AccessDecision &d) { m_canDelete.insert(name, d); });
    c->access()->check(
        {QStringLiteral("patch"), QStringLiteral("apps"), QStringLiteral("deployments"), QString(), ns,
         QString()},
        this, [this, name](const Kube::AccessDecision &d) { m_canPatchDeployments.insert(name, d); });
}

Kube::AccessDecision PodsPane::decision(const QHash<QString, Kube::AccessDecision> &map,
                                        const QString &cluster) const
{
    return map.value(cluster, Kube::AccessDecision{true, false, {}});
}

void PodsPane::updateCount()
{
    const int total = m_model->rowCount();
    const int shown = m_proxy->rowCount();
    m_state->setNote(total == shown ? QStringLiteral("%L1 pods").arg(total)
                                    : QStringLiteral("%L1 of %L2 pods shown").arg(shown).arg(total));
    m_chips->refresh();
}

QStringList PodsPane::selectedKeys() const
{
    QStringList keys;
    for (const QModelIndex &i : m_view->selectionModel()->selectedRows())
        keys << i.data(PodsModel::KeyRole).toString();
    return keys;
}

QList<PodsPane::Selected> PodsPane::selectedRows() const
{
    QList<Selected> out;
    for (const QModelIndex &i : m_view->selectionModel()->selectedRows())
        out << Selected{i.data(PodsModel::ClusterRole).toString(), i.data(PodsModel::KeyRole).toString()};
    return out;
}

QString PodsPane::currentKey() const
{
    const QModelIndex i = m_view->currentIndex();
    return i.isValid() ? i.siblingAtColumn(0).data(PodsModel::KeyRole).toString() : QString();
}

QString PodsPane::currentCluster() const
{
    const QModelIndex i = m_view->currentIndex();
    return i.isValid() ? i.siblingAtColumn(0).data(PodsModel::ClusterRole).toString() : QString();
}

Kube::ClusterConnection *PodsPane::matchingCluster() const
{
    if (Kube::ClusterConnection *c = m_clusters->byName(currentCluster()); c && !currentKey().isEmpty())
        return c;
    return m_clusters->several() ? nullptr : m_clusters->first();
}

void PodsPane::requestLogs(const QStringList &keys)
{
    QStringList namespaces;
    QStringList pods;
    for (const QString &k : keys) {
        if (k.isEmpty())
            continue;
        if (const QString ns = k.section(QLatin1Char('/'), 0, 0); !namespaces.contains(ns))
            namespaces.append(ns);
        pods.append(k.section(QLatin1Char('/'), 1));
    }
    // Pods of several namespaces (the all-namespaces view) are looked up in all of them.
    if (!pods.isEmpty())
        emit logsRequested(namespaces.size() == 1 ? namespaces.first() : QString(), pods);
}

QString PodsPane::deploymentOfOwner(const QString &owner)
{
    // ReplicaSet/<deployment>-<pod-template-hash>
    if (!owner.startsWith(QLatin1String("ReplicaSet/")))
        return {};
    const QString rs = owner.mid(11);
    const qsizetype dash = rs.lastIndexOf(QLatin1Char('-'));
    return dash > 0 ? rs.left(dash) : QString();
}

QMenu *PodsPane::buildContextMenu(QWidget *parent)
{
    auto *menu = new QMenu(parent);
    menu->setToolTipsVisible(true);
    const QList<Selected> rows = selectedRows();
    const QStringList keys = selectedKeys();
    const QString key = currentKey();
    const QString cluster = rows.size() == 1 ? rows.first().cluster : currentCluster();
    const bool one = keys.size() == 1 || (keys.isEmpty() && !key.isEmpty());
    const QString single = keys.size() == 1 ? keys.first() : key;
    Kube::ClusterConnection *conn = m_clusters->byName(cluster);
    // With several clusters, every action says which cluster it acts on.
    const QString on =
        m_clusters->several() && !cluster.isEmpty() ? QStringLiteral(" on ") + cluster : QString();

    // Logs work for any number of pods: they stream side by side in one merged view.
    const QStringList logKeys = keys.isEmpty() ? QStringList{key} : keys;
    QAction *logs =
        menu->addAction(logKeys.size() > 1 ? QStringLiteral("Show logs of %1 pods").arg(logKeys.size())
                                           : QStringLiteral("Show logs"),
                        this, [this, logKeys] { requestLogs(logKeys); });
    logs->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    logs->setEnabled(!logKeys.first().isEmpty());
    QAction *describe =
        menu->addAction(QStringLiteral("Describe (YAML/JSON)"), this, &PodsPane::describeCurrent);
    describe->setShortcut(QKeySequence(Qt::Key_Return));
    describe->setEnabled(one && conn);
    menu->addAction(QStringLiteral("Copy name"), this, [keys, single] {
        QStringList names;
        for (const QString &k : keys.isEmpty() ? QStringList{single} : keys)
            names << k.section(QLatin1Char('/'), 1);
        QApplication::clipboard()->setText(names.join(QLatin1Char('\n')));
    });
    menu->addSeparator();

    auto gate = [](QAction *a, const Kube::AccessDecision &d, bool enabled) {
        a->setEnabled(enabled && d.allowed);
        if (!d.allowed) {
            a->setText(a->text() + QStringLiteral(" (not allowed)"));
            a->setToolTip(d.reason);
        }
    };
    const PodRow *r = m_model->rowAt(m_model->rowOf(single, cluster));
    const QString deployment = r ? deploymentOfOwner(r->pod.owner) : QString();
    QAction *restart =
        menu->addAction(deployment.isEmpty() ? QStringLiteral("Restart deployment")
                                             : QStringLiteral("Restart deployment %1%2").arg(deployment, on),
                        this, &PodsPane::restartOwnerOfCurrent);
    gate(restart, decision(m_canPatchDeployments, cluster), one && !deployment.isEmpty() && conn);
    // A selection across clusters is allowed only where every cluster allows it.
    QSet<QString> selectedClusters;
    for (const Selected &s : rows)
        selectedClusters.insert(s.cluster);
    if (selectedClusters.isEmpty())
        selectedClusters.insert(cluster);
    Kube::AccessDecision canDelete{true, false, {}};
    for (const QString &c : std::as_const(selectedClusters))
        if (const Kube::AccessDecision d = decision(m_canDelete, c); !d.allowed)
            canDelete = d;
    const QString deleteOn =
        selectedClusters.size() > 1 ? QStringLiteral(" on %1 clusters").arg(selectedClusters.size()) : on;
    QAction *del = menu->addAction(
        keys.size() > 1 ? QStringLiteral("Delete %1 pods%2\u2026").arg(keys.size()).arg(deleteOn)
                        : QStringLiteral("Delete pod%1\u2026").arg(on),
        this, &PodsPane::deleteSelected);
    del->setShortcut(QKeySequence(Qt::Key_Delete));
    gate(del, canDelete, (!keys.isEmpty() || one) && !m_clusters->isEmpty());
    Kube::ClusterConnection *matching = matchingCluster();
    QAction *byField = menu->addAction(QStringLiteral("Delete pods by field selector (e.g. failed)%1\u2026")
                                           .arg(matching && m_clusters->several()
                                                    ? QStringLiteral(" on ") + matching->clusterName()
                                                    : QString()),
                                       this, &PodsPane::askDeleteMatching);
    gate(byField, decision(m_canDelete, matching ? matching->clusterName() : QString()),
         matching && !matching->currentNamespace().isEmpty());
    if (matching && matching->currentNamespace().isEmpty() &&
        decision(m_canDelete, matching->clusterName()).allowed)
        byField->setToolTip(QStringLiteral("Choose one namespace first: a delete by selector acts on one"));
    else if (!matching)
        byField->setToolTip(QStringLiteral("Select a pod of the cluster to act on first"));
    return menu;
}

void PodsPane::confirmAndRun(const ActionPlan &plan, Kube::ClusterConnection *connection)
{
    if (connection)
        emit confirmationShown(ActionConfirmDialog::ask(plan, connection, this));
}

void PodsPane::showOutcome(const QString &sentence, bool ok)
{
    m_lastOutcome = sentence;
    m_outcome->setText((ok ? QStringLiteral("\u2714 ") : QStringLiteral("\u2716 ")) + sentence);
    m_outcome->setToolTip(sentence);
    m_outcome->setStyleSheet(ok ? QStringLiteral("color:#2e9d4f") : QStringLiteral("color:#d62d2d"));
}

bool PodsPane::selectPod(const QString &key, const QString &cluster)
{
    m_model->flush();
    const int row = cluster.isEmpty() ? m_model->rowOf(key) : m_model->rowOf(key, cluster);
    if (row < 0) {
        showOutcome(
            QStringLiteral("pod %1 is not in the table: deleted since, or outside the namespace shown")
                .arg(cluster.isEmpty() ? key : cluster + QStringLiteral(": ") + key),
            false);
        return false;
    }
    QModelIndex i = m_proxy->mapFromSource(m_model->index(row, 0));
    if (!i.isValid()) {
        // A filter hides it: the user asked for this pod, so show it rather than nothing.
        m_filter->clear();
        m_selector->clear();
        m_status->setCurrentIndex(0);
        m_chips->setClusterShown(m_model->rowAt(row)->cluster, true);
        m_proxy->setHiddenClusters(m_chips->hiddenClusters());
        i = m_proxy->mapFromSource(m_model->index(row, 0));
    }
    m_view->selectionModel()->setCurrentIndex(i, QItemSelectionModel::ClearAndSelect |
                                                     QItemSelectionModel::Rows);
    m_view->scrollTo(i);
    m_view->setFocus();
    return i.isValid();
}

void PodsPane::deleteSelected()
{
    QList<Selected> rows = selectedRows();
    if (rows.isEmpty() && !currentKey().isEmpty())
        rows << Selected{currentCluster(), currentKey()};
    if (rows.isEmpty() || m_clusters->isEmpty())
        return;
    // Group by cluster and namespace: one plan (one confirmation naming its cluster) per group keeps every
    // request explicit; a cluster whose RBAC says no gets none.
    QMap<QPair<QString, QString>, QStringList> groups;
    for (const Selected &s : std::as_const(rows)) {
        if (!decision(m_canDelete, s.cluster).allowed)
            continue;
        groups[{s.cluster, s.key.section(QLatin1Char('/'), 0, 0)}] << s.key.section(QLatin1Char('/'), 1);
    }
    for (auto it = groups.begin(); it != groups.end(); ++it)
        confirmAndRun(Actions::deletePods(it.key().second, it.value()), m_clusters->byName(it.key().first));
}

QInputDialog *PodsPane::askDeleteMatching()
{
    Kube::ClusterConnection *c = matchingCluster();
    if (!c || c->currentNamespace().isEmpty() || !decision(m_canDelete, c->clusterName()).allowed)
        return nullptr;
    auto *dialog = new QInputDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(QStringLiteral("Delete pods by field selector"));
    const QString labels = m_selector->text().trimmed();
    dialog->setLabelText(
        QStringLiteral("Delete the pods in %1%2 whose fields match (kubectl --field-selector)%3.\n"
                       "The matching pods are listed before anything is deleted.")
            .arg(c->currentNamespace(),
                 m_clusters->several() ? QStringLiteral(" on cluster ") + c->clusterName() : QString(),
                 labels.isEmpty() ? QString() : QStringLiteral(" and labels match %1").arg(labels)));
    dialog->setTextValue(QStringLiteral("status.phase=Failed"));
    connect(dialog, &QInputDialog::textValueSelected, this, &PodsPane::deleteMatching);
    dialog->open(); // window-modal, no nested event loop
    emit fieldSelectorAsked(dialog);
    return dialog;
}

void PodsPane::deleteMatching(const QString &fieldSelector)
{
    Kube::ClusterConnection *c = matchingCluster();
    if (!c || c->currentNamespace().isEmpty())
        return;
    const QString fields = fieldSelector.trimmed();
    // An empty selector would match every pod of the namespace: that is not what this action is for.
    static const QRegularExpression term(QStringLiteral(R"(^\s*[A-Za-z0-9_.\-]+\s*(==|!=|=)\s*[^,=!]*\s*$)"));
    const QStringList terms = fields.split(QLatin1Char(','));
    if (fields.isEmpty() ||
        !std::all_of(terms.begin(), terms.end(), [](const QString &t) { return term.match(t).hasMatch(); })) {
        const QString why =
            QStringLiteral("\"%1\" is not a field selector: write field=value, e.g. status.phase=Failed")
                .arg(fields);
        showOutcome(why, false);
        emit actionFinished(why, false);
        return;
    }
    QPointer<Kube::ClusterConnection> conn = c;
    c->actions()->prepareDeleteMatching(c->currentNamespace(), fields, m_selector->text().trimmed(), this,
                                        [this, conn](const Core::Result<ActionPlan> &plan) {
                                            if (!plan) {
                                                showOutcome(plan.error().message, false);
                                                emit actionFinished(plan.error().message, false);
                                                return;
                                            }
                                            confirmAndRun(*plan, conn);
                                        });
}

void PodsPane::restartOwnerOfCurrent()
{
    const QString cluster = currentCluster();
    const PodRow *r = m_model->rowAt(m_model->rowOf(currentKey(), cluster));
    Kube::ClusterConnection *c = m_clusters->byName(cluster);
    if (!r || !c || !decision(m_canPatchDeployments, cluster).allowed)
        return;
    const QString dep = deploymentOfOwner(r->pod.owner);
    if (dep.isEmpty())
        return;
    confirmAndRun(Actions::rolloutRestart(r->pod.ns, dep, m_clock.now()), c);
}

void PodsPane::describeCurrent()
{
    const QString key = currentKey();
    Kube::ClusterConnection *c = m_clusters->byName(currentCluster());
    if (key.isEmpty() || !c)
        return;
    const QString ns = key.section(QLatin1Char('/'), 0, 0);
    const QString name = key.section(QLatin1Char('/'), 1);
    const QString title = m_clusters->several() ? QStringLiteral("pod %1 on %2").arg(key, c->clusterName())
                                                : QStringLiteral("pod %1").arg(key);
    Kube::KubeCall *call = c->client()->get(
        Kube::resourcePath(QString(), QStringLiteral("v1"), QStringLiteral("pods"), ns, name), {},
        QStringLiteral("get pod %1 in %2").arg(name, ns));
    connect(call, &Kube::KubeCall::finished, this, [this, call, title] {
        const QJsonObject pod = call->ok() ? call->json() : QJsonObject();
        if (pod.isEmpty()) {
            m_lastOutcome = call->errorText();
            m_outcome->setText(call->errorText());
            return;
        }
        auto *d = new DescribeDialog(title, pod, this);
        d->setAttribute(Qt::WA_DeleteOnClose);
        d->show();
        emit describeShown(d);
    });
}

} // namespace Sitrep::Ui
