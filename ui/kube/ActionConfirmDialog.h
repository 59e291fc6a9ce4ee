#pragma once

#include "kube/ActionPlan.h"

#include <QStringList>

#include <QDialog>

class QLabel;
class QListWidget;
class QPlainTextEdit;
class QPushButton;

namespace Sitrep::Kube {
class ClusterConnection;
}

namespace Sitrep::Ui {

// Asks before a cluster action, showing the exact requests (method, URL, content type, body) and the kubectl
// equivalent, and, when the incident watches several clusters, which one it acts on in a band of that cluster's
// colour. Cancel is the default button; the confirm button names the verb (and the cluster).
class ActionConfirmDialog final : public QDialog
{
    Q_OBJECT
public:
    ActionConfirmDialog(const Kube::ActionPlan &plan, const QUrl &server, const QString &context,
                        QWidget *parent = nullptr);
    // The panes' one way to act: opens the dialog (window-modal, no nested event loop); accepting runs the
    // plan on the connection's ActionRunner, which journals it. Returns the open dialog (tests accept it).
    static ActionConfirmDialog *ask(const Kube::ActionPlan &plan, Kube::ClusterConnection *connection,
                                    QWidget *parent);

    // Names the cluster the plan acts on, in its colour, above everything else.
    void setCluster(const QString &name, const QString &colour);
    QString clusterText() const;

    QString requestText() const;
    // The objects the plan touches, as listed ("pod/a", "node/n1").
    QStringList objectsShown() const;
    QPushButton *confirmButton() const { return m_confirm; }

private:
    QLabel *m_cluster = nullptr;
    QString m_verb;
    QListWidget *m_objects = nullptr;
    QPlainTextEdit *m_requests = nullptr;
    QPushButton *m_confirm = nullptr;
};

} // namespace Sitrep::Ui
