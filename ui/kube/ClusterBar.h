#pragma once

#include "kube/ClusterConnection.h"

#include <QPointer>
#include <QWidget>

class QComboBox;
class QLabel;

namespace Sitrep::Ui {

// The namespace selector of the open cluster (one namespace, or "All namespaces") and the connection's
// warnings in words (insecure-skip-tls-verify, plain http). One class so that the main window's environment
// toolbar and ClusterWorkspace switch namespaces the same way: the combo lists the namespaces the user may
// list and stays editable for the ones they may not.
class ClusterBar final : public QWidget
{
    Q_OBJECT
public:
    explicit ClusterBar(QWidget *parent = nullptr);

    // Follows this connection (nullptr: nothing open); shows its warnings and lists its namespaces.
    void setConnection(Kube::ClusterConnection *connection);
    Kube::ClusterConnection *connection() const { return m_connection; }
    // "" = all namespaces. Replaces the connection's informers; every bound pane follows.
    void setNamespace(const QString &ns);
    QComboBox *namespaceCombo() const { return m_namespace; }
    QLabel *messageLabel() const { return m_message; }
    QString message() const;
    // An error (red) or a warning (amber), always as a sentence.
    void showMessage(const QString &text, bool error);
    static QString allNamespacesText();

signals:
    void namespaceChanged(const QString &ns);
    // The namespace list arrived (or the user may not list namespaces); tests wait on it.
    void namespacesLoaded(bool ok);

private:
    void loadNamespaces();
    void showCurrent();

    QPointer<Kube::ClusterConnection> m_connection;
    QComboBox *m_namespace = nullptr;
    QLabel *m_message = nullptr;
};

} // namespace Sitrep::Ui
