#include "ClusterWorkspace.h"

#include "ClusterBar.h"
#include "DeploymentsPane.h"
#include "EventLinks.h"
#include "EventsPane.h"
#include "PodsPane.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QTabWidget>
#include <QVBoxLayout>

namespace Sitrep::Ui {

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
    m_bar = new ClusterBar(this);
    bar->addWidget(contextLabel);
    bar->addWidget(m_context);
    bar->addWidget(m_bar, 1);
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
    m_links = new EventLinks(
        m_events, m_pods, m_deployments, [this](QWidget *pane) { m_tabs->setCurrentWidget(pane); }, this);
    connect(m_context, &QComboBox::activated, this,
            [this](int) { (void)openContext(m_context->currentText()); });
}

ClusterWorkspace::~ClusterWorkspace()
{
    m_bar->setConnection(nullptr);
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

QComboBox *ClusterWorkspace::namespaceCombo() const
{
    return m_bar->namespaceCombo();
}

QString ClusterWorkspace::message() const
{
    return m_bar->message();
}

Core::Result<void> ClusterWorkspace::openContext(const QString &context)
{
    m_bar->setConnection(nullptr);
    m_pods->setConnection(nullptr);
    m_events->setConnection(nullptr);
    m_deployments->setConnection(nullptr);
    m_connection.reset();
    auto conn = Kube::ClusterConnection::open(m_kubeconfig, context, m_clock, m_session);
    if (!conn) {
        m_bar->showMessage(conn.error().text(), true);
        emit connectionChanged(nullptr);
        return conn.error();
    }
    m_connection = std::move(conn).value();
    m_pods->setConnection(m_connection.get());
    m_events->setConnection(m_connection.get());
    m_deployments->setConnection(m_connection.get());
    m_connection->start();
    m_context->setCurrentText(m_connection->contextName());
    m_bar->setConnection(m_connection.get()); // its warnings (insecure TLS ...) and namespaces
    emit connectionChanged(m_connection.get());
    return {};
}

void ClusterWorkspace::setNamespace(const QString &ns)
{
    m_bar->setNamespace(ns);
}

} // namespace Sitrep::Ui
