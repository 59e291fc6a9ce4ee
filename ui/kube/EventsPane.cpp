#include "EventsPane.h"

#include "EventsModel.h"
#include "KubeStateLabel.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QTreeView>
#include <QVBoxLayout>

namespace Sitrep::Ui {

namespace {

// Text filter over reason/object/message, plus "warnings only".
class EventsFilter final : public QSortFilterProxyModel
{
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;
    bool warningsOnly = false;
    QString text;
    void refresh() { invalidateRowsFilter(); }

protected:
    bool filterAcceptsRow(int row, const QModelIndex &parent) const override
    {
        const QModelIndex i = sourceModel()->index(row, 0, parent);
        if (warningsOnly && !i.data(EventsModel::WarningRole).toBool())
            return false;
        if (text.isEmpty())
            return true;
        for (int c : {EventsModel::Reason, EventsModel::Object, EventsModel::Message, EventsModel::Namespace})
            if (i.siblingAtColumn(c).data().toString().contains(text, Qt::CaseInsensitive))
                return true;
        return false;
    }
};

} // namespace

EventsPane::EventsPane(const Core::Clock &clock, QWidget *parent)
    : QWidget(parent)
    , m_model(new EventsModel(clock, this))
    , m_proxy(new EventsFilter(this))
{
    setObjectName(QStringLiteral("eventsPane"));
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(EventsModel::SortRole);
    m_proxy->setDynamicSortFilter(true);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
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
    m_view->header()->resizeSection(EventsModel::LastSeen, 80);
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
                             i.data(EventsModel::ObjectNameRole).toString());
    });
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
    if (m_connection)
        m_connection->disconnect(this);
    m_connection = connection;
    if (connection)
        connect(connection, &Kube::ClusterConnection::informersReplaced, this, &EventsPane::bindInformer);
    bindInformer();
}

void EventsPane::bindInformer()
{
    m_model->clear();
    Kube::Informer *events = m_connection ? m_connection->events() : nullptr;
    m_state->setInformer(events);
    if (events)
        connect(events, &Kube::Informer::eventsReady, m_model, &EventsModel::enqueue);
    m_view->setColumnHidden(EventsModel::Namespace,
                            m_connection && !m_connection->currentNamespace().isEmpty());
}

} // namespace Sitrep::Ui
