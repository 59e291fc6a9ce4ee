#include "DeploymentsPane.h"

#include "ActionConfirmDialog.h"
#include "DeploymentsModel.h"
#include "KubeStateLabel.h"
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
    , m_model(new DeploymentsModel(clock, this))
    , m_proxy(new QSortFilterProxyModel(this))
{
    setObjectName(QStringLiteral("deploymentsPane"));
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(DeploymentsModel::SortRole);
    m_proxy->setDynamicSortFilter(true);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
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
            const DeploymentRow *r = m_model->rowAt(m_model->rowOf(currentKey()));
            if (r)
                m_replicas->setValue(r->replicas);
        }
        refreshHistory();
        updateButtons();
    });
    connect(m_history, &QTreeWidget::currentItemChanged, this, &DeploymentsPane::updateButtons);
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
    if (m_connection)
        m_connection->disconnect(this);
    m_connection = connection;
    if (connection) {
        connect(connection, &Kube::ClusterConnection::informersReplaced, this,
                &DeploymentsPane::bindInformer);
        connect(connection->actions(), &Kube::ActionRunner::finished, this,
                [this](int, const Kube::ActionOutcome &o) {
                    showOutcome(o.sentence, o.ok);
                    refreshHistory();
                });
    }
    bindInformer();
}

void DeploymentsPane::bindInformer()
{
    m_model->clear();
    m_history->clear();
    m_revisions.clear();
    Kube::Informer *deps = m_connection ? m_connection->deployments() : nullptr;
    m_state->setInformer(deps);
    if (deps)
        connect(deps, &Kube::Informer::eventsReady, m_model, &DeploymentsModel::enqueue);
    m_view->setColumnHidden(DeploymentsModel::Namespace,
                            m_connection && !m_connection->currentNamespace().isEmpty());
    checkPermissions();
    updateButtons();
}

void DeploymentsPane::checkPermissions()
{
    m_canPatch = {true, false, {}};
    m_canScale = {true, false, {}};
    if (!m_connection)
        return;
    const QString ns = m_connection->currentNamespace();
    m_connection->access()->check({QStringLiteral("patch"), QStringLiteral("apps"),
                                   QStringLiteral("deployments"), QString(), ns, QString()},
                                  this, [this](const Kube::AccessDecision &d) {
                                      m_canPatch = d;
                                      updateButtons();
                                  });
    m_connection->access()->check({QStringLiteral("patch"), QStringLiteral("apps"),
                                   QStringLiteral("deployments"), QStringLiteral("scale"), ns, QString()},
                                  this, [this](const Kube::AccessDecision &d) {
                                      m_canScale = d;
                                      updateButtons();
                                  });
}

void DeploymentsPane::updateButtons()
{
    const bool have = m_connection && !currentKey().isEmpty();
    auto gate = [](QPushButton *b, const Kube::AccessDecision &d, bool enabled) {
        b->setEnabled(enabled && d.allowed);
        b->setToolTip(d.allowed ? QString() : d.reason);
    };
    gate(m_restart, m_canPatch, have);
    gate(m_scale, m_canScale, have);
    gate(m_undo, m_canPatch, have && m_revisions.size() > 1);
    m_replicas->setEnabled(have && m_canScale.allowed);
    if (!m_canPatch.allowed)
        m_state->setNote(m_canPatch.reason);
}

QString DeploymentsPane::currentKey() const
{
    const QModelIndex i = m_view->currentIndex();
    return i.isValid() ? i.data(DeploymentsModel::KeyRole).toString() : QString();
}

void DeploymentsPane::selectDeployment(const QString &key)
{
    m_model->flush();
    const int row = m_model->rowOf(key);
    if (row < 0)
        return;
    const QModelIndex i = m_proxy->mapFromSource(m_model->index(row, 0));
    m_view->setCurrentIndex(i);
}

void DeploymentsPane::refreshHistory()
{
    const QString key = currentKey();
    m_history->clear();
    m_revisions.clear();
    m_historyKey = key;
    if (key.isEmpty() || !m_connection)
        return;
    m_connection->actions()->fetchHistory(
        key.section(QLatin1Char('/'), 0, 0), key.section(QLatin1Char('/'), 1), this,
        [this, key](const Core::Result<QList<Kube::Revision>> &r) {
            if (key != m_historyKey)
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

void DeploymentsPane::confirmAndRun(const ActionPlan &plan)
{
    if (!m_connection)
        return;
    auto *dialog =
        new ActionConfirmDialog(plan, m_connection->client()->server(), m_connection->contextName(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    QPointer<Kube::ClusterConnection> conn = m_connection;
    connect(dialog, &QDialog::accepted, this, [conn, plan] {
        if (conn)
            conn->actions()->run(plan);
    });
    dialog->open();
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
    if (key.isEmpty() || !m_canPatch.allowed)
        return;
    confirmAndRun(Actions::rolloutRestart(key.section(QLatin1Char('/'), 0, 0),
                                          key.section(QLatin1Char('/'), 1), m_clock.now()));
}

void DeploymentsPane::scaleCurrent(int replicas)
{
    const QString key = currentKey();
    if (key.isEmpty() || !m_canScale.allowed)
        return;
    confirmAndRun(
        Actions::scale(key.section(QLatin1Char('/'), 0, 0), key.section(QLatin1Char('/'), 1), replicas));
}

void DeploymentsPane::undoCurrent(qint64 toRevision)
{
    const QString key = currentKey();
    if (key.isEmpty() || !m_connection || !m_canPatch.allowed)
        return;
    // A chosen revision equal to the current one is "previous" in kubectl's terms only when asked for 0.
    m_connection->actions()->prepareUndo(key.section(QLatin1Char('/'), 0, 0),
                                         key.section(QLatin1Char('/'), 1), toRevision, this,
                                         [this](const Core::Result<ActionPlan> &plan) {
                                             if (!plan) {
                                                 showOutcome(plan.error().message, false);
                                                 return;
                                             }
                                             confirmAndRun(*plan);
                                         });
}

} // namespace Sitrep::Ui
