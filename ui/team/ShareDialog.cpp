#include "ShareDialog.h"

#include "team/ServerUrl.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace Sitrep::Ui {

namespace {

// What the connection will be, in words: verified TLS, local, or a warning for plain text to a remote host.
QString describeConnection(const QString &text, bool *ok)
{
    auto url = Team::ServerUrl::parse(text);
    *ok = url.ok();
    if (!url)
        return url.error().text();
    if (url->isLoopback())
        return QObject::tr("A server on this machine (sslmode=%1).").arg(url->sslMode());
    if (url->plainTextToRemote())
        return QObject::tr("\u26a0 Not encrypted and verified: sslmode=%1 was chosen in the URL. Incident "
                           "entries travel readable by anyone on the network.")
            .arg(url->sslMode());
    return QObject::tr("TLS, the server's certificate checked (sslmode=%1).").arg(url->sslMode());
}

} // namespace

ShareDialog::ShareDialog(const QString &incidentTitle, const QString &server, QWidget *parent)
    : QDialog(parent)
    , m_server(new QLineEdit(server, this))
    , m_password(new QLineEdit(this))
    , m_note(new QLabel(this))
    , m_message(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("shareDialog"));
    setWindowTitle(tr("Share with team"));
    m_server->setObjectName(QStringLiteral("teamServer"));
    m_server->setPlaceholderText(QStringLiteral("postgresql://you@db.example:5432/sitrep"));
    m_password->setObjectName(QStringLiteral("teamPassword"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setPlaceholderText(tr("empty: the keychain, PGPASSWORD or ~/.pgpass"));
    m_note->setWordWrap(true);
    m_message->setObjectName(QStringLiteral("shareMessage"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *intro =
        new QLabel(tr("Publish \u201c%1\u201d to the team server: every responder who joins, and the "
                      "wall, sees its timeline live, and this laptop keeps working offline.")
                       .arg(incidentTitle),
                   this);
    intro->setWordWrap(true);
    auto *form = new QFormLayout;
    form->addRow(tr("Team &server:"), m_server);
    form->addRow(tr("&Password:"), m_password);
    QPushButton *share = m_buttons->addButton(tr("&Share"), QDialogButtonBox::AcceptRole);
    share->setObjectName(QStringLiteral("shareButton"));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_note);
    layout->addWidget(m_message);
    layout->addWidget(m_buttons);
    connect(m_server, &QLineEdit::textChanged, this, &ShareDialog::validate);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_buttons, &QDialogButtonBox::accepted, this, [this] {
        if (m_done) {
            accept();
            return;
        }
        m_message->clear();
        emit shareRequested(this->server(), password());
    });
    validate();
    resize(560, sizeHint().height());
}

QString ShareDialog::server() const
{
    return m_server->text().trimmed();
}

QString ShareDialog::password() const
{
    return m_password->text();
}

QString ShareDialog::message() const
{
    return m_message->text();
}

QString ShareDialog::connectionNote() const
{
    return m_note->text();
}

void ShareDialog::validate()
{
    bool ok = false;
    m_note->setText(server().isEmpty() ? tr("The team's PostgreSQL, as a libpq URL.")
                                       : describeConnection(server(), &ok));
    const auto buttons = m_buttons->buttons();
    for (QAbstractButton *b : buttons) {
        if (m_buttons->buttonRole(b) == QDialogButtonBox::AcceptRole)
            b->setEnabled((ok || m_done) && !m_busy);
    }
}

void ShareDialog::setBusy(bool busy)
{
    m_busy = busy;
    m_server->setEnabled(!busy && !m_done);
    m_password->setEnabled(!busy && !m_done);
    if (busy)
        m_message->setText(tr("Connecting to the team server\u2026"));
    validate();
}

void ShareDialog::showError(const QString &sentence)
{
    m_message->setStyleSheet(QStringLiteral("color:#e53935;"));
    m_message->setText(sentence);
}

void ShareDialog::showShared(const QString &teamId, const QString &joinCommand)
{
    m_done = true;
    m_message->setStyleSheet({});
    m_message->setText(tr("Shared as team incident %1. Others join with File > Join team incident, or:\n%2")
                           .arg(teamId, joinCommand));
    for (QAbstractButton *b : m_buttons->buttons()) {
        if (m_buttons->buttonRole(b) == QDialogButtonBox::AcceptRole)
            b->setText(tr("&Close"));
        else
            b->hide();
    }
    setBusy(false);
}

} // namespace Sitrep::Ui
