#pragma once

#include "kube/ActionPlan.h"

#include <QDialog>

class QPlainTextEdit;
class QPushButton;

namespace Sitrep::Ui {

// Asks before a cluster action, showing the exact requests (method, URL, content type, body) and the kubectl
// equivalent. Cancel is the default button; the confirm button names the verb.
class ActionConfirmDialog final : public QDialog
{
    Q_OBJECT
public:
    ActionConfirmDialog(const Kube::ActionPlan &plan, const QUrl &server, const QString &context,
                        QWidget *parent = nullptr);
    QString requestText() const;
    QPushButton *confirmButton() const { return m_confirm; }

private:
    QPlainTextEdit *m_requests = nullptr;
    QPushButton *m_confirm = nullptr;
};

} // namespace Sitrep::Ui
