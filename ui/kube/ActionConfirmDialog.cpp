#include "ActionConfirmDialog.h"

#include "ClusterStyle.h"
#include "kube/ClusterConnection.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QVBoxLayout>

namespace Sitrep::Ui {

ActionConfirmDialog::ActionConfirmDialog(const Kube::ActionPlan &plan, const QUrl &server,
                                         const QString &context, QWidget *parent)
    : QDialog(parent)
{
    m_verb = plan.verb;
    setWindowTitle(QStringLiteral("Confirm: %1").arg(plan.verb));
    auto *layout = new QVBoxLayout(this);
    m_cluster = new QLabel(this);
    m_cluster->setObjectName(QStringLiteral("cluster"));
    m_cluster->hide();
    layout->addWidget(m_cluster);
    auto *title = new QLabel(QStringLiteral("<b>%1</b><br>context <b>%2</b> (%3)")
                                 .arg(plan.title().toHtmlEscaped(), context.toHtmlEscaped(),
                                      server.toString(QUrl::RemoveUserInfo).toHtmlEscaped()),
                             this);
    title->setTextFormat(Qt::RichText);
    title->setWordWrap(true);
    layout->addWidget(title);
    if (!plan.kubectl.isEmpty()) {
        auto *k =
            new QLabel(QStringLiteral("Same as: <code>%1</code>").arg(plan.kubectl.toHtmlEscaped()), this);
        k->setTextInteractionFlags(Qt::TextSelectableByMouse);
        k->setWordWrap(true);
        layout->addWidget(k);
    }
    if (plan.objects.size() > 1) {
        // Several objects (a delete by selector): which ones, by name, before the raw requests.
        layout->addWidget(
            new QLabel(QStringLiteral("It acts on these %1 objects:").arg(plan.objects.size()), this));
        m_objects = new QListWidget(this);
        m_objects->setObjectName(QStringLiteral("objects"));
        m_objects->addItems(plan.objects);
        m_objects->setMaximumHeight(140);
        layout->addWidget(m_objects);
    }
    layout->addWidget(
        new QLabel(plan.requests.size() == 1
                       ? QStringLiteral("The request Sitrep will send:")
                       : QStringLiteral("The %1 requests Sitrep will send:").arg(plan.requests.size()),
                   this));
    m_requests = new QPlainTextEdit(this);
    m_requests->setObjectName(QStringLiteral("requests"));
    m_requests->setReadOnly(true);
    m_requests->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_requests->setPlainText(plan.requestText(server));
    m_requests->setMinimumSize(560, 160);
    layout->addWidget(m_requests, 1);
    auto *buttons = new QDialogButtonBox(this);
    QPushButton *cancel = buttons->addButton(QDialogButtonBox::Cancel);
    m_confirm =
        buttons->addButton(plan.verb.left(1).toUpper() + plan.verb.mid(1), QDialogButtonBox::AcceptRole);
    m_confirm->setObjectName(QStringLiteral("confirm"));
    cancel->setDefault(true);
    cancel->setFocus();
    m_confirm->setAutoDefault(false);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
}

ActionConfirmDialog *ActionConfirmDialog::ask(const Kube::ActionPlan &plan,
                                              Kube::ClusterConnection *connection, QWidget *parent)
{
    auto *dialog =
        new ActionConfirmDialog(plan, connection->client()->server(), connection->contextName(), parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (connection->namedInSentences())
        dialog->setCluster(connection->clusterName(), connection->colour());
    QPointer<Kube::ClusterConnection> conn = connection;
    connect(dialog, &QDialog::accepted, dialog, [conn, plan] {
        if (conn)
            conn->actions()->run(plan);
    });
    dialog->open();
    return dialog;
}

void ActionConfirmDialog::setCluster(const QString &name, const QString &colour)
{
    m_cluster->setText(QStringLiteral("on cluster %1").arg(name));
    m_cluster->setStyleSheet(ClusterStyle::chipStyle(QColor(colour.isEmpty() ? QStringLiteral("#546e7a") : colour),
                                                     false) +
                             QStringLiteral("font-size:120%;padding:6px 10px;"));
    m_cluster->show();
    setWindowTitle(QStringLiteral("Confirm: %1 on %2").arg(m_verb, name));
    m_confirm->setText(m_verb.left(1).toUpper() + m_verb.mid(1) + QStringLiteral(" on ") + name);
}

QString ActionConfirmDialog::clusterText() const
{
    return m_cluster->isHidden() ? QString() : m_cluster->text();
}

QStringList ActionConfirmDialog::objectsShown() const
{
    QStringList out;
    for (int i = 0; m_objects && i < m_objects->count(); ++i)
        out << m_objects->item(i)->text();
    return out;
}

QString ActionConfirmDialog::requestText() const
{
    return m_requests->toPlainText();
}

} // namespace Sitrep::Ui
