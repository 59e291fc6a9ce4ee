#include "ClusterWorkspace.h"

#include "DeploymentsPane.h"
#include "EventsPane.h"
#include "PodsPane.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QTabWidget>
#include <QVBoxLayout>

namespace Sitrep::Ui {

namespace {
const QString kAllNamespaces = QStringLiteral("All namespaces");
}

ClusterWorkspace::ClusterWorkspace(const Core::Clock &clock, Core::IncidentSession *session, QWidget *parent)
    : QWidget(parent)
    , m_clock(clock)
    , m_session(session)
{
    setObjectName(QStringLiteral("clusterWorkspace"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *bar = new QHBoxLayout;
    auto *contextLabel = new QLabel(QStringLiteral("&Context:"), this);
    m_context = new QComboBox(this);
    m_context->setObjectName(QStringLiteral("contextCombo"));
    m_context->setMinimumContentsLength(16);
    contextLabel->setBuddy(m_context);
    auto *nsLabel = new QLabel(QStringLiteral("&Namespace:"), this);
    m_namespace = new QComboBox(this);
    m_namespace->setObjectName(QStringLiteral("namespaceCombo"));
    m_namespace->setEditable(true); // a namespace the user may not list can still be typed
    m_namespace->setMinimumContentsLength(14);
    nsLabel->setBuddy(m_namespace);
    bar->addWidget(contextLabel);
    bar->addWidget(m_context);
    bar->addWidget(nsLabel);
    bar->addWidget(m_namespace);
    m_message = new QLabel(this);
    m_message->setWordWrap(true);
    bar->addWidget(m_message, 1);
    layout->addLayout(bar);

    m_tabs = new QTabWidget(this);
    m_pods = new PodsPane(clock, m_tabs);
    m_events = new EventsPane(clock, m_tabs);
    m_deployments = new DeploymentsPane(clock, m_tabs);
    m_tabs->addTab(m_pods, QStringLiteral("&Pods"));
    m_tabs->addTab(m_events, QStringLiteral("&Events"));
    m_tabs->addTab(m_deployments, QStringLiteral("&Deployments"));
    layout->addWidget(m_tabs, 1);

    connect(m_pods, &PodsPane::logsRequested, this, &ClusterWorkspace::logsRequested);
    connect(m_events, &EventsPane::objectActivated, this,
            [this](const QString &kind, const QString &, const QString &name) {
                if (kind == QLatin1String("Pod")) {
                    m_tabs->setCurrentWidget(m_pods);
                    m_pods->filterEdit()->setText(name);
                } else if (kind == QLatin1String("Deployment")) {
                    m_tabs->setCurrentWidget(m_deployments);
                }
            });
    connect(m_context, &QComboBox::activated, this,
            [this](int) { (void)openContext(m_context->currentText()); });
    connect(m_namespace, &QComboBox::activated, this, [this](int) {
        const QString t = m_namespace->currentText().trimmed();
        setNamespace(t == kAllNamespaces ? QString() : t);
    });
}

ClusterWorkspace::~ClusterWorkspace()
{
    m_pods->setConnection(nullptr);
    m_events->setConnection(nullptr);
    m_deployments->setConnection(nullptr);
}

void ClusterWorkspace::setKubeconfig(const Kube::Kubeconfig &kubeconfig)
{
    m_kubeconfig = kubeconfig;
    m_updating = true;
    m_context->clear();
    m_context->addItems(kubeconfig.contextNames());
    m_context->setCurrentText(kubeconfig.currentContext());
    m_updating = false;
    (void)openContext(kubeconfig.currentContext());
}

void ClusterWorkspace::setSession(Core::IncidentSession *session)
{
    m_session = session;
    if (m_connection)
        m_connection->setSession(session);
}

void ClusterWorkspace::showMessage(const QString &text, bool error)
{
    m_message->setText(text);
    m_message->setStyleSheet(error ? QStringLiteral("color:#d62d2d") : QStringLiteral("color:#c78a00"));
    m_message->setToolTip(text);
}

QString ClusterWorkspace::message() const
{
    return m_message->text();
}

Core::Result<void> ClusterWorkspace::openContext(const QString &context)
{
    m_pods->setConnection(nullptr);
    m_events->setConnection(nullptr);
    m_deployments->setConnection(nullptr);
    m_connection.reset();
    auto conn = Kube::ClusterConnection::open(m_kubeconfig, context, m_clock, m_session);
    if (!conn) {
        showMessage(conn.error().text(), true);
        emit connectionChanged(nullptr);
        return conn.error();
    }
    m_connection = std::move(conn).value();
    const QStringList warnings = m_connection->client()->warnings();
    showMessage(warnings.isEmpty() ? QString()
                                   : QStringLiteral("\u26a0 ") + warnings.join(QStringLiteral("; ")),
                false);
    m_pods->setConnection(m_connection.get());
    m_events->setConnection(m_connection.get());
    m_deployments->setConnection(m_connection.get());
    m_connection->start();
    m_context->setCurrentText(m_connection->contextName());
    m_namespace->clear();
    m_namespace->addItem(kAllNamespaces);
    m_namespace->setCurrentText(m_connection->currentNamespace());
    loadNamespaces();
    emit connectionChanged(m_connection.get());
    return {};
}

void ClusterWorkspace::setNamespace(const QString &ns)
{
    if (!m_connection || ns == m_connection->currentNamespace())
        return;
    m_connection->setNamespace(ns);
    m_namespace->setCurrentText(ns.isEmpty() ? kAllNamespaces : ns);
}

void ClusterWorkspace::loadNamespaces()
{
    Kube::KubeCall *call = m_connection->client()->get(QStringLiteral("/api/v1/namespaces"), {},
                                                       QStringLiteral("list namespaces"));
    QPointer<Kube::ClusterConnection> conn = m_connection.get();
    connect(call, &Kube::KubeCall::finished, this, [this, call, conn] {
        if (!conn || conn != m_connection.get() || !call->ok())
            return; // not allowed to list namespaces: the combo stays editable
        const QString current = m_namespace->currentText();
        QStringList names;
        for (const auto &v : call->json().value(QLatin1String("items")).toArray())
            names << v.toObject()
                         .value(QLatin1String("metadata"))
                         .toObject()
                         .value(QLatin1String("name"))
                         .toString();
        names.sort();
        m_namespace->clear();
        m_namespace->addItem(kAllNamespaces);
        m_namespace->addItems(names);
        m_namespace->setCurrentText(current);
    });
}

} // namespace Sitrep::Ui
