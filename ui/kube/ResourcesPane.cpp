#include "ResourcesPane.h"

#include "ActionConfirmDialog.h"
#include "KubeStateLabel.h"
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
    , m_model(new ResourcesModel(clock, this))
    , m_proxy(new QSortFilterProxyModel(this))
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
    m_view->sortByColumn(1, Qt::AscendingOrder);
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
    rebind();
}

ResourcesPane::~ResourcesPane()
{
    if (m_informer)
        m_informer->blockSignals(true);
}

ResourcePrinter::Kind ResourcesPane::kind() const
{
    return ResourcePrinter::Kind(m_kind->currentData().toInt());
}

void ResourcesPane::setConnection(Kube::ClusterConnection *connection)
{
    if (m_connection)
        m_connection->disconnect(this);
    m_connection = connection;
    if (connection) {
        connect(connection, &Kube::ClusterConnection::informersReplaced, this, &ResourcesPane::rebind);
        connect(connection->actions(), &Kube::ActionRunner::finished, this,
                [this](int, const Kube::ActionOutcome &o) {
                    // The runner is shared with the other panes: only node actions are this pane's to report.
                    if (!o.sentence.startsWith(QLatin1String("cordon node/")) &&
                        !o.sentence.startsWith(QLatin1String("uncordon node/")))
                        return;
                    m_lastOutcome = o.sentence;
                    m_outcome->setText((o.ok ? QStringLiteral("\u2714 ") : QStringLiteral("\u2716 ")) +
                                       o.sentence);
                    m_outcome->setToolTip(o.sentence);
                    m_outcome->setStyleSheet(o.ok ? QStringLiteral("color:#2e9d4f")
                                                  : QStringLiteral("color:#d62d2d"));
                    emit actionFinished(o.sentence, o.ok);
                });
    }
    checkPermissions();
    rebind();
}

void ResourcesPane::checkPermissions()
{
    m_canPatchNodes = {true, false, {}};
    if (!m_connection)
        return;
    // Cordon is a patch of the (cluster-scoped) node: kubectl needs "patch nodes".
    m_connection->access()->check(
        {QStringLiteral("patch"), QString(), QStringLiteral("nodes"), QString(), QString(), QString()}, this,
        [this](const Kube::AccessDecision &d) { m_canPatchNodes = d; });
}

QString ResourcesPane::currentNode() const
{
    const QModelIndex i = m_view->currentIndex();
    if (kind() != ResourcePrinter::Kind::Nodes || !i.isValid())
        return {};
    return i.siblingAtColumn(0).data(Qt::UserRole).toString();
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
    if (node.isEmpty() || !m_connection) {
        QAction *none = menu->addAction(tr("No actions for %1").arg(ResourcePrinter::title(kind())));
        none->setEnabled(false);
        return menu;
    }
    const bool cordoned = currentNodeCordoned();
    QAction *cordon =
        menu->addAction(tr("Cordon node %1\u2026").arg(node), this, [this] { cordonCurrent(true); });
    QAction *uncordon =
        menu->addAction(tr("Uncordon node %1\u2026").arg(node), this, [this] { cordonCurrent(false); });
    cordon->setEnabled(!cordoned && m_canPatchNodes.allowed);
    uncordon->setEnabled(cordoned && m_canPatchNodes.allowed);
    if (!m_canPatchNodes.allowed) {
        for (QAction *a : {cordon, uncordon}) {
            a->setText(a->text() + tr(" (not allowed)"));
            a->setToolTip(m_canPatchNodes.reason);
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
    if (node.isEmpty() || !m_connection || !m_canPatchNodes.allowed)
        return;
    emit confirmationShown(ActionConfirmDialog::ask(Kube::Actions::cordon(node, cordon), m_connection, this));
}

void ResourcesPane::setKind(ResourcePrinter::Kind kind)
{
    m_kind->setCurrentIndex(m_kind->findData(int(kind)));
    rebind();
}

void ResourcesPane::rebind()
{
    if (m_informer) {
        m_informer->stop();
        m_informer->deleteLater();
    }
    m_poll.stop();
    m_polledKeys.clear();
    m_columnsSized = false;
    const ResourcePrinter::Kind k = kind();
    m_model->setKind(k);
    m_view->setColumnHidden(0, ResourcePrinter::isClusterScoped(k) ||
                                   (m_connection && !m_connection->currentNamespace().isEmpty()));
    if (!m_connection) {
        m_state->setInformer(nullptr);
        return;
    }
    if (ResourcePrinter::isPolled(k)) {
        poll();
        m_poll.start();
        return;
    }
    m_informer = new Kube::Informer(m_connection->client(),
                                    ResourcePrinter::ref(k, m_connection->currentNamespace()), this);
    connect(m_informer, &Kube::Informer::eventsReady, m_model, &ResourcesModel::enqueue);
    m_state->setInformer(m_informer);
    m_informer->start();
}

void ResourcesPane::poll()
{
    if (!m_connection)
        return;
    const ResourcePrinter::Kind k = kind();
    const Kube::ResourceRef ref = ResourcePrinter::ref(k, m_connection->currentNamespace());
    Kube::KubeCall *call =
        m_connection->client()->get(Kube::resourcePath(ref.group, ref.version, ref.resource, ref.ns), {},
                                    tr("read %1 metrics").arg(ref.resource));
    connect(call, &Kube::KubeCall::finished, this, [this, call, k] {
        if (k != kind())
            return; // the user chose another kind meanwhile
        if (!call->ok()) {
            const QString why =
                call->httpStatus() == 404
                    ? tr("this cluster serves no metrics (metrics.k8s.io): install metrics-server "
                         "for kubectl top")
                    : call->errorText();
            m_state->showPolled(false, why);
            emit polled(false);
            return;
        }
        // A poll is a full list: what is missing since the last one is gone.
        Kube::ObjectEvents events;
        QSet<QString> seen;
        for (const QJsonValue &v : call->json().value(QLatin1String("items")).toArray()) {
            Kube::ObjectEvent e;
            e.object = v.toObject();
            e.key = Kube::ObjectEvent::keyOf(e.object);
            e.type = m_polledKeys.contains(e.key) ? Kube::ObjectEvent::Type::Modified
                                                  : Kube::ObjectEvent::Type::Added;
            seen.insert(e.key);
            events << e;
        }
        for (const QString &key : std::as_const(m_polledKeys)) {
            if (!seen.contains(key)) {
                Kube::ObjectEvent e;
                e.type = Kube::ObjectEvent::Type::Deleted;
                e.key = key;
                events << e;
            }
        }
        m_polledKeys = seen;
        m_model->enqueue(events);
        m_model->flush();
        m_state->showPolled(true, tr("live (every %1 s, as of %2)")
                                      .arg(m_poll.interval() / 1000)
                                      .arg(m_clock.now().toLocalTime().toString(QStringLiteral("HH:mm:ss"))));
        emit polled(true);
    });
}

} // namespace Sitrep::Ui
