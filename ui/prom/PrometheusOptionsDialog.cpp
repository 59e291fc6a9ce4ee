#include "PrometheusOptionsDialog.h"

#include "prom/PrometheusSettings.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QRegularExpression>
#include <QStringListModel>
#include <QVBoxLayout>

using Sitrep::Core::Environment;
using Sitrep::Prom::PrometheusSettings;

namespace Sitrep::Ui {

PrometheusOptionsDialog::PrometheusOptionsDialog(const Environment &environment, QWidget *parent)
    : QDialog(parent)
    , m_environment(environment)
    , m_ca(fileField(QStringLiteral("promCaFile"), tr("optional: PEM file of the CA that signed the server")))
    , m_cert(fileField(QStringLiteral("promClientCert"), tr("optional: PEM client certificate")))
    , m_key(fileField(QStringLiteral("promClientKey"), tr("its PEM private key")))
    , m_serverName(new QLineEdit(this))
    , m_skipVerify(new QCheckBox(tr("Skip TLS certificate verification"), this))
    , m_skipWarning(new QLabel(this))
    , m_user(new QLineEdit(this))
    , m_headers(new QStringListModel(this))
    , m_headerList(new QListView(this))
    , m_headerName(new QLineEdit(this))
    , m_headerValue(new QLineEdit(this))
    , m_error(new QLabel(this))
{
    setWindowTitle(tr("Prometheus connection of %1").arg(environment.name));
    setObjectName(QStringLiteral("prometheusOptions"));
    m_ca->setText(environment.prometheusCaFile);
    m_cert->setText(environment.prometheusClientCert);
    m_key->setText(environment.prometheusClientKey);
    m_serverName->setObjectName(QStringLiteral("promServerName"));
    m_serverName->setText(environment.prometheusServerName);
    m_serverName->setPlaceholderText(
        tr("optional: the name in the server's certificate, if not the URL's host"));
    m_skipVerify->setObjectName(QStringLiteral("promSkipVerify"));
    m_skipVerify->setChecked(environment.prometheusSkipVerify);
    m_skipWarning->setText(
        tr("Anyone between Sitrep and Prometheus can read and change what the charts show. "
           "The banner says so while this is on."));
    m_skipWarning->setWordWrap(true);
    m_skipWarning->setStyleSheet(QStringLiteral("color:#e53935;"));
    m_skipWarning->setVisible(m_skipVerify->isChecked());
    connect(m_skipVerify, &QCheckBox::toggled, m_skipWarning, &QWidget::setVisible);
    m_user->setObjectName(QStringLiteral("promUser"));
    m_user->setText(environment.prometheusUser);
    m_user->setPlaceholderText(tr("optional: basic auth user (the token field then holds the password)"));
    m_headers->setStringList(environment.prometheusHeaders);
    m_headerList->setObjectName(QStringLiteral("promHeaders"));
    m_headerList->setModel(m_headers);
    m_headerList->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_headerList->setMaximumHeight(90);
    m_headerName->setObjectName(QStringLiteral("promHeaderName"));
    m_headerName->setPlaceholderText(tr("X-Scope-OrgID"));
    m_headerValue->setObjectName(QStringLiteral("promHeaderValue"));
    m_headerValue->setEchoMode(QLineEdit::Password);
    m_headerValue->setPlaceholderText(tr("value: stored in the keychain"));
    m_error->setObjectName(QStringLiteral("promError"));
    m_error->setStyleSheet(QStringLiteral("color:#e53935;"));
    m_error->setWordWrap(true);

    auto *add = new QPushButton(tr("Add header"), this);
    add->setObjectName(QStringLiteral("promAddHeader"));
    connect(add, &QPushButton::clicked, this, &PrometheusOptionsDialog::addHeader);
    auto *remove = new QPushButton(tr("Remove"), this);
    connect(remove, &QPushButton::clicked, this, &PrometheusOptionsDialog::removeHeader);
    auto *headerRow = new QHBoxLayout;
    headerRow->addWidget(m_headerName, 1);
    headerRow->addWidget(m_headerValue, 1);
    headerRow->addWidget(add);
    auto *headerBox = new QVBoxLayout;
    auto *listRow = new QHBoxLayout;
    listRow->addWidget(m_headerList, 1);
    listRow->addWidget(remove, 0, Qt::AlignTop);
    headerBox->addLayout(listRow);
    headerBox->addLayout(headerRow);

    auto *form = new QFormLayout;
    form->addRow(tr("CA file"), withBrowse(m_ca));
    form->addRow(tr("Client certificate"), withBrowse(m_cert));
    form->addRow(tr("Client key"), withBrowse(m_key));
    form->addRow(tr("Server name"), m_serverName);
    form->addRow(QString(), m_skipVerify);
    form->addRow(QString(), m_skipWarning);
    form->addRow(tr("Basic auth user"), m_user);
    form->addRow(tr("Custom headers"), headerBox);
    form->addRow(m_error);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &PrometheusOptionsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("As Grafana's Prometheus data source connects. The token or password is the "
                                "Connections dialog's; header values are kept in the keychain."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(buttons);
    resize(620, sizeHint().height());
}

QLineEdit *PrometheusOptionsDialog::fileField(const QString &objectName, const QString &placeholder)
{
    auto *field = new QLineEdit(this);
    field->setObjectName(objectName);
    field->setPlaceholderText(placeholder);
    return field;
}

QWidget *PrometheusOptionsDialog::withBrowse(QLineEdit *field)
{
    auto *row = new QWidget(this);
    auto *h = new QHBoxLayout(row);
    h->setContentsMargins(0, 0, 0, 0);
    auto *browse = new QPushButton(tr("Choose\u2026"), row);
    h->addWidget(field, 1);
    h->addWidget(browse);
    connect(browse, &QPushButton::clicked, this, [this, field] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Choose a PEM file"), field->text(),
                                                          tr("PEM files (*.pem *.crt *.key);;All files (*)"));
        if (!path.isEmpty())
            field->setText(path);
    });
    return row;
}

void PrometheusOptionsDialog::addHeader()
{
    const QString name = m_headerName->text().trimmed();
    static const QRegularExpression token(QStringLiteral("^[!#$%&'*+.^_`|~0-9A-Za-z-]+$"));
    if (!token.match(name).hasMatch()) {
        m_error->setText(tr("\"%1\" is not an HTTP header name.").arg(name));
        return;
    }
    const QString entry = PrometheusSettings::headerSecretName(m_environment.name, name);
    QStringList list = m_headers->stringList();
    list.erase(
        std::remove_if(list.begin(), list.end(),
                       [&name](const QString &h) { return PrometheusSettings::header(h).first == name; }),
        list.end());
    list << name + QLatin1Char('=') + entry;
    m_headers->setStringList(list);
    m_secrets.insert(entry, m_headerValue->text());
    m_headerName->clear();
    m_headerValue->clear();
    m_error->clear();
}

void PrometheusOptionsDialog::removeHeader()
{
    const QModelIndex i = m_headerList->currentIndex();
    if (i.isValid())
        m_headers->removeRow(i.row());
}

Environment PrometheusOptionsDialog::environment() const
{
    Environment e = m_environment;
    e.prometheusCaFile = m_ca->text().trimmed();
    e.prometheusClientCert = m_cert->text().trimmed();
    e.prometheusClientKey = m_key->text().trimmed();
    e.prometheusServerName = m_serverName->text().trimmed();
    e.prometheusSkipVerify = m_skipVerify->isChecked();
    e.prometheusUser = m_user->text().trimmed();
    e.prometheusHeaders = m_headers->stringList();
    return e;
}

void PrometheusOptionsDialog::accept()
{
    // A header typed but not added yet is what the user meant.
    if (!m_headerName->text().trimmed().isEmpty())
        addHeader();
    if (auto r = environment().validate(); !r) {
        m_error->setText(r.error().text());
        return;
    }
    QDialog::accept();
}

} // namespace Sitrep::Ui
