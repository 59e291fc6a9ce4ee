#include "DeploymentsPane.h"

#include "ActionConfirmDialog.h"
#include "ClusterChips.h"
#include "ClusterFilterProxy.h"
#include "DeploymentsModel.h"
#include "KubeStateLabel.h"
#include "PaneClusters.h"
#include "kube/Actions.h"
#include "kube/PodSummary.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QSplitter>
#include <QTreeView>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Sitrep::Ui {

using Kube::ActionPlan;
using Kube::Actions;

DeploymentsPane::DeploymentsPane(const Core::Clock &clock, QWidget *parent)
    : QWidget(parent)
    , m_clock(clock)
    , m_clusters(new PaneClusters(this))
    , m_chips(new ClusterChips(this))
    , m_model(new DeploymentsModel(clock, this))
    , m_proxy(new ClusterFilterProxy(DeploymentsModel::ClusterRole, this))
{
    setObjectName(QStringLiteral("deploymentsPane"));
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(DeploymentsModel::SortRole);
    m_proxy->setDynamicSortFilter(true);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_chips);
    auto *split = new QSplitter(Qt::Vertical, this);
    m_view = new QTreeView(split);
    m_view->setObjectName(QStringLiteral("deploymentsView"));
    m_view->setModel(m_proxy);
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(DeploymentsModel::Name, Qt::AscendingOrder);
    m_view->setAllColumnsShowFocus(true);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_history = new QTreeWidget(split);
    m_history->setObjectName(QStringLiteral("historyView"));
    m_history->setRootIsDecorated(false);
    m_history->setHeaderLabels({QStringLiteral("REVISION"), QStringLiteral("CHANGE-CAUSE"),
                                QStringLiteral("IMAGES"), QStringLiteral("REPLICASET"),
                                QStringLiteral("PODS"), QStringLiteral("AGE")});
    split->addWidget(m_view);
    split->addWidget(m_history);
    layout->addWidget(split, 1);

    auto *buttons = new QHBoxLayout;
    m_restart = new QPushButton(QStringLiteral("&Restart\u2026"), this);
    m_replicas = new QSpinBox(this);
    m_replicas->setRange(0, 10000);
    m_replicas->setPrefix(QStringLiteral("replicas: "));
    m_scale = new QPushButton(QStringLiteral("&Scale\u2026"), this);
    m_undo = new QPushButton(QStringLiteral("&Undo to selected revision\u2026"), this);
    buttons->addWidget(m_restart);
    buttons->addWidget(m_replicas);
    buttons->addWidget(m_scale);
    buttons->addWidget(m_undo);
    buttons->addStretch(1);
    layout->addLayout(buttons);
    m_outcome = new QLabel(this);
    m_outcome->setWordWrap(true);
    m_outcome->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    layout->addWidget(m_outcome);
    m_state = new KubeStateLabel(this);
    layout->addWidget(m_state);

    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] {
        const QModelIndex i = m_view->currentIndex();
        if (i.isValid()) {
            const DeploymentRow *r = m_model->rowAt(m_model->rowOf(currentKey(), currentCluster()));
            if (r)
                m_replicas->setValue(r->replicas);
        }
        refreshHistory();
        updateButtons();
    });
    connect(m_history, &QTreeWidget::currentItemChanged, this, &DeploymentsPane::updateButtons);
    connect(m_chips, &ClusterChips::hiddenClustersChanged, this, [this](const QSet<QString> &hidden) {
        static_cast<ClusterFilterProxy *>(m_proxy)->setHiddenClusters(hidden);
    });
    connect(m_clusters, &PaneClusters::added, this, [this](Kube::ClusterConnection *c) {
        m_clusters->keep(c, connect(c->actions(), &Kube::ActionRunner::finished, this,
                                    [this](int, const Kube::ActionOutcome &o) {
                                        showOutcome(o.sentence, o.ok);
                                        refreshHistory();
                                    }));
        bind(c);
    });
    connect(m_clusters, &PaneClusters::informersReplaced, this, &DeploymentsPane::bind);
    connect(m_clusters, &PaneClusters::removed, this,
            [this](const Kube::ClusterConnection *, const QString &name) {
                m_model->clearCluster(name);
                m_canPatch.remove(name);
                m_canScale.remove(name);
                if (m_historyKey.startsWith(name + QLatin1Char('|'))) {
                    m_history->clear();
                    m_revisions.clear();
                }
            });
    connect(m_clusters, &PaneClusters::renamed, this,
            [this](const QString &from, const QString &to) { m_model->renameCluster(from, to); });
    connect(m_clusters, &PaneClusters::healthChanged, this, [this](Kube::ClusterConnection *c) {
        m_model->setClusterLook(c->clusterName(), c->colour(), PaneClusters::staleText(c));
    });
    connect(m_clusters, &PaneClusters::listChanged, this, &DeploymentsPane::updateColumns);
    connect(m_restart, &QPushButton::clicked, this, &DeploymentsPane::restartCurrent);
    connect(m_scale, &QPushButton::clicked, this, [this] { scaleCurrent(m_replicas->value()); });
    connect(m_undo, &QPushButton::clicked, this, [this] {
        QTreeWidgetItem *it = m_history->currentItem();
        undoCurrent(it ? it->data(0, Qt::UserRole).toLongLong() : 0);
    });
    updateButtons();
}

void DeploymentsPane::setConnection(Kube::ClusterConnection *connection)
{
    setConnections(connection ? QList<Kube::ClusterConnection *>{connection} : QList<Kube::ClusterConnection *>{});
}

void DeploymentsPane::setConnections(const QList<Kube::ClusterConnection *> &connections)
{
    m_clusters->set(connections);
}

void DeploymentsPane::bind(Kube::ClusterConnection *c)
{
    m_model->clearCluster(c->clusterName());
    m_model->setClusterLook(c->clusterName(), c->colour(), PaneClusters::staleText(c));
    if (m_historyKey.startsWith(c->clusterName() + QLatin1Char('|'))) {
        m_history->clear();
        m_revisions.clear();
    }
    if (Kube::Informer *deps = c->deployments()) {
        QPointer<Kube::ClusterConnection> conn = c;
        m_clusters->keep(c, connect(deps, &Kube::Informer::eventsReady, m_model,
                                    [this, conn](const Kube::ObjectEvents &events) {
                                        if (conn)
                                            m_model->enqueue(conn->clusterName(), events);
                                    }));
    }
    checkPermissions(c);
    updateColumns();
}

void DeploymentsPane::updateColumns()
{
    const QList<Kube::ClusterConnection *> list = m_clusters->connections();
    QList<KubeStateLabel::Source> sources;
    for (Kube::ClusterConnection *c : list)
        sources << KubeStateLabel::Source{c->clusterName(), c->deployments(), c->health()};
    m_state->setSources(sources);
    m_view->setColumnHidden(DeploymentsModel::Cluster, list.size() < 2);
    m_view->setColumnHidden(DeploymentsModel::Namespace, m_clusters->singleNamespaces());
    m_chips->setConnections(list);
    static_cast<ClusterFilterProxy *>(m_proxy)->setHiddenClusters(m_chips->hiddenClusters());
    updateButtons();
}

void DeploymentsPane::checkPermissions(Kube::ClusterConnection *c)
{
    const QString name = c->clusterName();
    m_canPatch.insert(name, {true, false, {}});
    m_canScale.insert(name, {true, false, {}});
    const QString ns = c->currentNamespace();
    c->access()->check(
        {QStringLiteral("patch"), QStringLiteral("apps"), QStringLiteral("deployments"), QString(), ns, QString()},
        this, [this, name](const Kube::AccessDecision &d) {
            m_canPatch.insert(name, d);
            updateButtons();
        });
    c->access()->check({QStringLiteral("patch"), QStringLiteral("apps"), QStringLiteral("deployments"),
                        QStringLiteral("scale"), ns, QString()},
                       this, [this, name](const Kube::AccessDecision &d) {
                           m_canScale.insert(name, d);
                           updateButtons();
                       });
}

Kube::AccessDecision DeploymentsPane::decision(const QHash<QString, Kube::AccessDecision> &map) const
{
    return map.value(currentCluster(), Kube::AccessDecision{true, false, {}});
}

Kube::ClusterConnection *DeploymentsPane::currentConnection() const
{
    return currentKey().isEmpty() ? nullptr : m_clusters->byName(currentCluster());
}

void DeploymentsPane::updateButtons()
{
    const bool have = currentConnection() != nullptr;
    const Kube::AccessDecision canPatch = decision(m_canPatch);
    const Kube::AccessDecision canScale = decision(m_canScale);
    auto gate = [](QPushButton *b, const Kube::AccessDecision &d, bool enabled) {
        b->setEnabled(enabled && d.allowed);
        b->setToolTip(d.allowed ? QString() : d.reason);
    };
    gate(m_restart, canPatch, have);
    gate(m_scale, canScale, have);
    gate(m_undo, canPatch, have && m_revisions.size() > 1);
    m_replicas->setEnabled(have && canScale.allowed);
    // With several clusters the buttons say which one they act on.
    const QString on = have && m_clusters->several() ? QStringLiteral(" on ") + currentCluster() : QString();
    m_restart->setText(QStringLiteral("&Restart%1\u2026").arg(on));
    m_scale->setText(QStringLiteral("&Scale%1\u2026").arg(on));
    m_undo->setText(QStringLiteral("&Undo to selected revision%1\u2026").arg(on));
    if (!canPatch.allowed)
        m_state->setNote(canPatch.reason);
}

QString DeploymentsPane::currentKey() const
{
    const QModelIndex i = m_view->currentIndex();
    return i.isValid() ? i.data(DeploymentsModel::KeyRole).toString() : QString();
}

QString DeploymentsPane::currentCluster() const
{
    const QModelIndex i = m_view->currentIndex();
    return i.isValid() ? i.data(DeploymentsModel::ClusterRole).toString() : QString();
}

void DeploymentsPane::selectDeployment(const QString &key, const QString &cluster)
{
    m_model->flush();
    const int row = cluster.isEmpty() ? m_model->rowOf(key) : m_model->rowOf(key, cluster);
    if (row < 0)
        return;
    QModelIndex i = m_proxy->mapFromSource(m_model->index(row, 0));
    if (!i.isValid()) {
        m_chips->setClusterShown(m_model->rowAt(row)->cluster, true);
        static_cast<ClusterFilterProxy *>(m_proxy)->setHiddenClusters(m_chips->hiddenClusters());
        i = m_proxy->mapFromSource(m_model->index(row, 0));
    }
    m_view->setCurrentIndex(i);
}

void DeploymentsPane::refreshHistory()
{
    const QString key = currentKey();
    Kube::ClusterConnection *c = currentConnection();
    m_history->clear();
    m_revisions.clear();
    const QString asked = currentCluster() + QLatin1Char('|') + key;
    m_historyKey = asked;
    if (key.isEmpty() || !c)
        return;
    c->actions()->fetchHistory(
        key.section(QLatin1Char('/'), 0, 0), key.section(QLatin1Char('/'), 1), this,
        [this, asked](const Core::Result<QList<Kube::Revision>> &r) {
            if (asked != m_historyKey)
                return; // the selection moved on
            if (!r) {
                showOutcome(r.error().message, false);
                return;
            }
            m_revisions = *r;
            m_history->clear();
            for (auto it = m_revisions.crbegin(); it != m_revisions.crend(); ++it) {
                auto *item = new QTreeWidgetItem(m_history);
                item->setText(0, QString::number(it->revision));
                item->setData(0, Qt::UserRole, it->revision);
                item->setText(1, it->changeCause.isEmpty() ? QStringLiteral("<none>") : it->changeCause);
                item->setText(2, it->images);
                item->setText(3, it->replicaSet);
                item->setText(4, QString::number(it->replicas));
                item->setText(5, Kube::timeSince(it->createdMs, m_clock.now()));
                if (it == m_revisions.crbegin()) {
                    QFont f = item->font(0);
                    f.setBold(true);
                    item->setFont(0, f);
                    item->setText(0, item->text(0) + QStringLiteral(" (current)"));
                }
            }
            if (m_revisions.size() > 1)
                m_history->setCurrentItem(m_history->topLevelItem(1)); // the previous revision
            updateButtons();
            emit historyLoaded();
        });
}

void DeploymentsPane::confirmAndRun(const ActionPlan &plan, Kube::ClusterConnection *connection)
{
    if (!connection)
        return;
    ActionConfirmDialog *dialog = ActionConfirmDialog::ask(plan, connection, this);
    emit confirmationShown(dialog);
}

void DeploymentsPane::showOutcome(const QString &sentence, bool ok)
{
    m_lastOutcome = sentence;
    m_outcome->setText((ok ? QStringLiteral("\u2714 ") : QStringLiteral("\u2716 ")) + sentence);
    m_outcome->setStyleSheet(ok ? QStringLiteral("color:#2e9d4f") : QStringLiteral("color:#d62d2d"));
    emit actionFinished(sentence, ok);
}

void DeploymentsPane::restartCurrent()
{
    const QString key = currentKey();
    if (key.isEmpty() || !decision(m_canPatch).allowed)
        return;
    confirmAndRun(Actions::rolloutRestart(key.section(QLatin1Char('/'), 0, 0),
                                          key.section(QLatin1Char('/'), 1), m_clock.now()),
                  currentConnection());
}

void DeploymentsPane::scaleCurrent(int replicas)
{
    const QString key = currentKey();
    if (key.isEmpty() || !decision(m_canScale).allowed)
        return;
    confirmAndRun(
        Actions::scale(key.section(QLatin1Char('/'), 0, 0), key.section(QLatin1Char('/'), 1), replicas),
        currentConnection());
}

void DeploymentsPane::undoCurrent(qint64 toRevision)
{
    const QString key = currentKey();
    Kube::ClusterConnection *c = currentConnection();
    if (key.isEmpty() || !c || !decision(m_canPatch).allowed)
        return;
    // A chosen revision equal to the current one is "previous" in kubectl's terms only when asked for 0.
    QPointer<Kube::ClusterConnection> conn = c;
    c->actions()->prepareUndo(key.section(QLatin1Char('/'), 0, 0), key.section(QLatin1Char('/'), 1),
                              toRevision, this, [this, conn](const Core::Result<ActionPlan> &plan) {
                                  if (!plan) {
                                      showOutcome(plan.error().message, false);
                                      return;
                                  }
                                  confirmAndRun(*plan, conn);
                              });
}

} // namespace Sitrep::Ui
