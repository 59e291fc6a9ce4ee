#include "ClusterBar.h"

#include "kube/KubeCall.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>

namespace Sitrep::Ui {

ClusterBar::ClusterBar(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("clusterBar"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *label = new QLabel(QStringLiteral("&Namespace:"), this);
    m_namespace = new QComboBox(this);
    m_namespace->setObjectName(QStringLiteral("namespaceCombo"));
    // A namespace the user may not list can still be typed (Return switches to it and adds it to the list).
    m_namespace->setEditable(true);
    m_namespace->setMinimumContentsLength(14);
    m_namespace->setToolTip(QStringLiteral("The namespace the cluster panes show, or all namespaces"));
    label->setBuddy(m_namespace);
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("clusterWarning"));
    m_message->setWordWrap(true);
    // A long sentence wraps instead of pushing the toolbar's other widgets away.
    m_message->setMaximumWidth(520);
    // Compact in the toolbar: the combo is as wide as a namespace name, the warning as long as it needs.
    m_namespace->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_namespace->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    setSizePolicy(QSizePolicy::Maximum, QSizePolicy::Preferred);
    layout->addWidget(label);
    layout->addWidget(m_namespace);
    layout->addWidget(m_message);

    connect(m_namespace, &QComboBox::activated, this, [this](int) {
        const QString t = m_namespace->currentText().trimmed();
        setNamespace(t == allNamespacesText() ? QString() : t);
    });
    setConnection(nullptr);
}

QString ClusterBar::allNamespacesText()
{
    return QStringLiteral("All namespaces");
}

void ClusterBar::setConnection(Kube::ClusterConnection *connection)
{
    if (m_connection)
        m_connection->disconnect(this);
    m_connection = connection;
    m_namespace->clear();
    m_namespace->setEnabled(connection != nullptr);
    if (!connection) {
        showMessage(QString(), false);
        return;
    }
    // Someone else may switch the namespace (a test, the workspace): the combo follows.
    connect(connection, &Kube::ClusterConnection::informersReplaced, this, &ClusterBar::showCurrent);
    const QStringList warnings = connection->client()->warnings();
    showMessage(warnings.isEmpty() ? QString()
                                   : QStringLiteral("\u26a0 ") + warnings.join(QStringLiteral("; ")),
                false);
    m_namespace->addItem(allNamespacesText());
    showCurrent();
    loadNamespaces();
}

void ClusterBar::showCurrent()
{
    if (!m_connection)
        return;
    const QString text =
        m_connection->currentNamespace().isEmpty() ? allNamespacesText() : m_connection->currentNamespace();
    // The listed entry when there is one (so the popup opens on it), else the typed text.
    if (const int i = m_namespace->findText(text); i >= 0)
        m_namespace->setCurrentIndex(i);
    else
        m_namespace->setEditText(text);
}

void ClusterBar::setNamespace(const QString &ns)
{
    if (!m_connection)
        return;
    if (ns != m_connection->currentNamespace()) {
        m_connection->setNamespace(ns);
        emit namespaceChanged(ns);
    }
    showCurrent();
}

void ClusterBar::showMessage(const QString &text, bool error)
{
    m_message->setText(text);
    m_message->setVisible(!text.isEmpty());
    m_message->setStyleSheet(error ? QStringLiteral("color:#d62d2d;font-weight:bold")
                                   : QStringLiteral("color:#c78a00;font-weight:bold"));
    m_message->setToolTip(text);
}

QString ClusterBar::message() const
{
    return m_message->text();
}

void ClusterBar::loadNamespaces()
{
    Kube::KubeCall *call = m_connection->client()->get(QStringLiteral("/api/v1/namespaces"), {},
                                                       QStringLiteral("list namespaces"));
    QPointer<Kube::ClusterConnection> conn = m_connection;
    connect(call, &Kube::KubeCall::finished, this, [this, call, conn] {
        if (!conn || conn != m_connection)
            return;
        if (!call->ok()) {
            emit namespacesLoaded(false); // not allowed to list namespaces: the combo stays editable
            return;
        }
        QStringList names;
        for (const auto &v : call->json().value(QLatin1String("items")).toArray())
            names << v.toObject()
                         .value(QLatin1String("metadata"))
                         .toObject()
                         .value(QLatin1String("name"))
                         .toString();
        names.sort();
        m_namespace->clear();
        m_namespace->addItem(allNamespacesText());
        m_namespace->addItems(names);
        showCurrent();
        emit namespacesLoaded(true);
    });
}

} // namespace Sitrep::Ui
