#include "PodsPane.h"

#include "ActionConfirmDialog.h"
#include "DescribeDialog.h"
#include "KubeStateLabel.h"
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
    , m_model(new PodsModel(clock, this))
    , m_proxy(new PodsFilterProxy(this))
{
    setObjectName(QStringLiteral("podsPane"));
    m_proxy->setPodsModel(m_model);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
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
    m_view->header()->resizeSection(PodsModel::Namespace, 110);
    m_view->header()->resizeSection(PodsModel::Name, 260);
    m_view->header()->resizeSection(PodsModel::Ready, 60);
    m_view->header()->resizeSection(PodsModel::Status, 190);
    m_view->header()->resizeSection(PodsModel::Restarts, 110);
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
    if (m_connection)
        m_connection->disconnect(this);
    m_connection = connection;
    if (connection) {
        connect(connection, &Kube::ClusterConnection::informersReplaced, this, &PodsPane::bindInformer);
        connect(connection->actions(), &Kube::ActionRunner::finished, this,
                [this](int, const Kube::ActionOutcome &o) {
                    showOutcome(o.sentence, o.ok);
                    emit actionFinished(o.sentence, o.ok);
                });
    }
    bindInformer();
}

void PodsPane::bindInformer()
{
    m_model->clear();
    Kube::Informer *pods = m_connection ? m_connection->pods() : nullptr;
    m_state->setInformer(pods);
    if (pods)
        connect(pods, &Kube::Informer::eventsReady, m_model, &PodsModel::enqueue);
    m_view->setColumnHidden(PodsModel::Namespace,
                            m_connection && !m_connection->currentNamespace().isEmpty());
    checkPermissions();
    updateCount();
}

void PodsPane::checkPermissions()
{
    m_canDelete = {true, false, {}};
    m_canPatchDeployments = {true, false, {}};
    if (!m_connection)
        return;
    const QString ns = m_connection->currentNamespace();
    m_connection->access()->check(
        {QStringLiteral("delete"), QString(), QStringLiteral("pods"), QString(), ns, QString()}, this,
        [this](const Kube::AccessDecision &d) { m_canDelete = d; });
    m_connection->access()->check({QStringLiteral("patch"), QStringLiteral("apps"),
                                   QStringLiteral("deployments"), QString(), ns, QString()},
                                  this, [this](const Kube::AccessDecision &d) { m_canPatchDeployments = d; });
}

void PodsPane::updateCount()
{
    const int total = m_model->rowCount();
    const int shown = m_proxy->rowCount();
    m_state->setNote(total == shown ? QStringLiteral("%L1 pods").arg(total)
                                    : QStringLiteral("%L1 of %L2 pods shown").arg(shown).arg(total));
}

QStringList PodsPane::selectedKeys() const
{
    QStringList keys;
    for (const QModelIndex &i : m_view->selectionModel()->selectedRows())
        keys << i.data(PodsModel::KeyRole).toString();
    return keys;
}

QString PodsPane::currentKey() const
{
    const QModelIndex i = m_view->currentIndex();
    return i.isValid() ? i.siblingAtColumn(0).data(PodsModel::KeyRole).toString() : QString();
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
    const QStringList keys = selectedKeys();
    const QString key = currentKey();
    const bool one = keys.size() == 1 || (keys.isEmpty() && !key.isEmpty());
    const QString single = keys.size() == 1 ? keys.first() : key;

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
    describe->setEnabled(one && m_connection);
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
    const int row = m_model->rowOf(single);
    const PodRow *r = m_model->rowAt(row);
    const QString deployment = r ? deploymentOfOwner(r->pod.owner) : QString();
    QAction *restart =
        menu->addAction(deployment.isEmpty() ? QStringLiteral("Restart deployment")
                                             : QStringLiteral("Restart deployment %1").arg(deployment),
                        this, &PodsPane::restartOwnerOfCurrent);
    gate(restart, m_canPatchDeployments, one && !deployment.isEmpty() && m_connection);
    QAction *del = menu->addAction(keys.size() > 1 ? QStringLiteral("Delete %1 pods\u2026").arg(keys.size())
                                                   : QStringLiteral("Delete pod\u2026"),
                                   this, &PodsPane::deleteSelected);
    del->setShortcut(QKeySequence(Qt::Key_Delete));
    gate(del, m_canDelete, (!keys.isEmpty() || one) && m_connection);
    QAction *matching = menu->addAction(QStringLiteral("Delete pods by field selector (e.g. failed)\u2026"),
                                        this, &PodsPane::askDeleteMatching);
    gate(matching, m_canDelete, m_connection && !m_connection->currentNamespace().isEmpty());
    if (m_connection && m_connection->currentNamespace().isEmpty() && m_canDelete.allowed)
        matching->setToolTip(QStringLiteral("Choose one namespace first: a delete by selector acts on one"));
    return menu;
}

void PodsPane::confirmAndRun(const ActionPlan &plan)
{
    if (m_connection)
        emit confirmationShown(ActionConfirmDialog::ask(plan, m_connection, this));
}

void PodsPane::showOutcome(const QString &sentence, bool ok)
{
    m_lastOutcome = sentence;
    m_outcome->setText((ok ? QStringLiteral("\u2714 ") : QStringLiteral("\u2716 ")) + sentence);
    m_outcome->setToolTip(sentence);
    m_outcome->setStyleSheet(ok ? QStringLiteral("color:#2e9d4f") : QStringLiteral("color:#d62d2d"));
}

bool PodsPane::selectPod(const QString &key)
{
    m_model->flush();
    const int row = m_model->rowOf(key);
    if (row < 0) {
        showOutcome(
            QStringLiteral("pod %1 is not in the table: deleted since, or outside the namespace shown")
                .arg(key),
            false);
        return false;
    }
    QModelIndex i = m_proxy->mapFromSource(m_model->index(row, 0));
    if (!i.isValid()) {
        // A filter hides it: the user asked for this pod, so show it rather than nothing.
        m_filter->clear();
        m_selector->clear();
        m_status->setCurrentIndex(0);
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
    QStringList keys = selectedKeys();
    if (keys.isEmpty() && !currentKey().isEmpty())
        keys << currentKey();
    if (keys.isEmpty() || !m_connection || !m_canDelete.allowed)
        return;
    // Group by namespace (all-namespaces view): one plan per namespace keeps every request explicit.
    QMap<QString, QStringList> byNs;
    for (const QString &k : keys)
        byNs[k.section(QLatin1Char('/'), 0, 0)] << k.section(QLatin1Char('/'), 1);
    for (auto it = byNs.begin(); it != byNs.end(); ++it)
        confirmAndRun(Actions::deletePods(it.key(), it.value()));
}

QInputDialog *PodsPane::askDeleteMatching()
{
    if (!m_connection || m_connection->currentNamespace().isEmpty() || !m_canDelete.allowed)
        return nullptr;
    auto *dialog = new QInputDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(QStringLiteral("Delete pods by field selector"));
    const QString labels = m_selector->text().trimmed();
    dialog->setLabelText(
        QStringLiteral("Delete the pods in %1 whose fields match (kubectl --field-selector)%2.\n"
                       "The matching pods are listed before anything is deleted.")
            .arg(m_connection->currentNamespace(),
                 labels.isEmpty() ? QString() : QStringLiteral(" and labels match %1").arg(labels)));
    dialog->setTextValue(QStringLiteral("status.phase=Failed"));
    connect(dialog, &QInputDialog::textValueSelected, this, &PodsPane::deleteMatching);
    dialog->open(); // window-modal, no nested event loop
    emit fieldSelectorAsked(dialog);
    return dialog;
}

void PodsPane::deleteMatching(const QString &fieldSelector)
{
    if (!m_connection || m_connection->currentNamespace().isEmpty())
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
    m_connection->actions()->prepareDeleteMatching(m_connection->currentNamespace(), fields,
                                                   m_selector->text().trimmed(), this,
                                                   [this](const Core::Result<ActionPlan> &plan) {
                                                       if (!plan) {
                                                           showOutcome(plan.error().message, false);
                                                           emit actionFinished(plan.error().message, false);
                                                           return;
                                                       }
                                                       confirmAndRun(*plan);
                                                   });
}

void PodsPane::restartOwnerOfCurrent()
{
    const PodRow *r = m_model->rowAt(m_model->rowOf(currentKey()));
    if (!r || !m_connection)
        return;
    const QString dep = deploymentOfOwner(r->pod.owner);
    if (dep.isEmpty())
        return;
    confirmAndRun(Actions::rolloutRestart(r->pod.ns, dep, m_clock.now()));
}

void PodsPane::describeCurrent()
{
    const QString key = currentKey();
    if (key.isEmpty() || !m_connection)
        return;
    const QString ns = key.section(QLatin1Char('/'), 0, 0);
    const QString name = key.section(QLatin1Char('/'), 1);
    Kube::KubeCall *call = m_connection->client()->get(
        Kube::resourcePath(QString(), QStringLiteral("v1"), QStringLiteral("pods"), ns, name), {},
        QStringLiteral("get pod %1 in %2").arg(name, ns));
    connect(call, &Kube::KubeCall::finished, this, [this, call, key] {
        const QJsonObject pod = call->ok() ? call->json() : QJsonObject();
        if (pod.isEmpty()) {
            m_lastOutcome = call->errorText();
            m_outcome->setText(call->errorText());
            return;
        }
        auto *d = new DescribeDialog(QStringLiteral("pod %1").arg(key), pod, this);
        d->setAttribute(Qt::WA_DeleteOnClose);
        d->show();
        emit describeShown(d);
    });
}

} // namespace Sitrep::Ui
