#include "ResourcesPane.h"

#include "KubeStateLabel.h"
#include "ResourcesModel.h"
#include "kube/KubeCall.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLineEdit>
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

    auto *top = new QHBoxLayout;
    top->addWidget(m_kind);
    top->addWidget(m_filter, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(top);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_state);

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
    if (connection)
        connect(connection, &Kube::ClusterConnection::informersReplaced, this, &ResourcesPane::rebind);
    rebind();
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
