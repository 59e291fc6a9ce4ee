#include "SecretEntryDialog.h"

#include "secrets/SecretStore.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QVBoxLayout>

namespace Sitrep::Ui {

using Sitrep::Secrets::SecretStore;

SecretEntryDialog::SecretEntryDialog(SecretStore &store, const QString &name, const QString &what,
                                     QWidget *parent)
    : QDialog(parent)
    , m_store(store)
    , m_name(new QLineEdit(name, this))
    , m_value(new QLineEdit(this))
    , m_status(new QLabel(this))
    , m_save(new QPushButton(QStringLiteral("&Save in keychain"), this))
    , m_session(new QPushButton(QStringLiteral("&Keep for this session only"), this))
{
    setWindowTitle(QStringLiteral("Secret: %1").arg(what));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(
        QStringLiteral(
            "%1 is kept in the system keychain, never in the settings file; settings refer to it by "
            "name.")
            .arg(what),
        this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    auto *form = new QFormLayout;
    form->addRow(QStringLiteral("&Name:"), m_name);
    m_value->setEchoMode(QLineEdit::Password);
    m_value->setAccessibleName(what);
    form->addRow(QStringLiteral("&Value:"), m_value);
    layout->addLayout(form);
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::PlainText);
    layout->addWidget(m_status);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    buttons->addButton(m_save, QDialogButtonBox::AcceptRole);
    buttons->addButton(m_session, QDialogButtonBox::ActionRole);
    layout->addWidget(buttons);
    m_save->setDefault(true);
    // Offered only once the keychain has been found missing.
    m_session->setVisible(store.availability() == SecretStore::Availability::Unavailable);
    if (store.availability() == SecretStore::Availability::Unavailable)
        m_status->setText(store.unavailableReason());
    // The box's accepted() must not close the dialog before the keychain answered.
    disconnect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_save, &QPushButton::clicked, this, &SecretEntryDialog::save);
    connect(m_session, &QPushButton::clicked, this, &SecretEntryDialog::keepForSession);
}

QString SecretEntryDialog::name() const
{
    return m_name->text().trimmed();
}

QString SecretEntryDialog::statusText() const
{
    return m_status->text();
}

void SecretEntryDialog::save()
{
    if (name().isEmpty() || m_value->text().isEmpty()) {
        m_status->setText(QStringLiteral("Enter a name and a value."));
        return;
    }
    m_save->setEnabled(false);
    m_status->setText(QStringLiteral("Saving in the keychain…"));
    QPointer<SecretEntryDialog> self(this);
    m_store.store(name(), m_value->text(), [self](const Sitrep::Core::Result<void> &r) {
        if (!self)
            return;
        self->m_save->setEnabled(true);
        if (r) {
            self->m_value->clear();
            self->accept();
            return;
        }
        self->m_status->setText(r.error().message);
        self->m_session->setVisible(self->m_store.availability() == SecretStore::Availability::Unavailable);
    });
}

void SecretEntryDialog::keepForSession()
{
    if (name().isEmpty() || m_value->text().isEmpty()) {
        m_status->setText(QStringLiteral("Enter a name and a value."));
        return;
    }
    m_store.keepForSession(name(), m_value->text());
    m_value->clear();
    accept();
}

} // namespace Sitrep::Ui
