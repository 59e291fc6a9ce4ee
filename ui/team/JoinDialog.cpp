#include "JoinDialog.h"

#include "TeamIncidentsModel.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace Sitrep::Ui {

JoinDialog::JoinDialog(const QString &server, const QString &incidentDir, QWidget *parent)
    : QDialog(parent)
    , m_incidentDir(incidentDir)
    , m_server(new QLineEdit(server, this))
    , m_password(new QLineEdit(this))
    , m_list(new QPushButton(tr("&List open incidents"), this))
    , m_model(new TeamIncidentsModel(this))
    , m_view(new QTableView(this))
    , m_file(new QLineEdit(this))
    , m_message(new QLabel(this))
    , m_join(new QPushButton(tr("&Join"), this))
{
    setObjectName(QStringLiteral("joinDialog"));
    setWindowTitle(tr("Join team incident"));
    m_server->setObjectName(QStringLiteral("teamServer"));
    m_server->setPlaceholderText(QStringLiteral("postgresql://you@db.example:5432/sitrep"));
    m_password->setObjectName(QStringLiteral("teamPassword"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setPlaceholderText(tr("empty: the keychain, PGPASSWORD or ~/.pgpass"));
    m_list->setObjectName(QStringLiteral("listButton"));
    m_join->setObjectName(QStringLiteral("joinButton"));
    m_join->setDefault(true);
    m_join->setEnabled(false);
    m_view->setObjectName(QStringLiteral("teamIncidents"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setColumnWidth(TeamIncidentsModel::TitleColumn, 260);
    m_file->setObjectName(QStringLiteral("replicaFile"));
    m_message->setObjectName(QStringLiteral("joinMessage"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *serverRow = new QHBoxLayout;
    serverRow->addWidget(m_server, 1);
    serverRow->addWidget(m_list);
    auto *form = new QFormLayout;
    form->addRow(tr("Team &server:"), serverRow);
    form->addRow(tr("&Password:"), m_password);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    buttons->addButton(m_join, QDialogButtonBox::AcceptRole);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_view, 1);
    auto *fileForm = new QFormLayout;
    fileForm->addRow(tr("Local &replica:"), m_file);
    layout->addLayout(fileForm);
    layout->addWidget(m_message);
    layout->addWidget(buttons);

    connect(m_list, &QPushButton::clicked, this, [this] {
        m_message->clear();
        emit listRequested(this->server(), password());
    });
    connect(m_server, &QLineEdit::returnPressed, m_list, &QPushButton::click);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &JoinDialog::selectionChanged);
    connect(m_view, &QTableView::doubleClicked, m_join, &QPushButton::click);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_join, &QPushButton::clicked, this, [this] {
        if (selectedTeamId().isEmpty() || filePath().isEmpty())
            return;
        m_message->clear();
        emit joinRequested(selectedTeamId(), this->server(), password(), filePath());
    });
    resize(820, 420);
}

QString JoinDialog::server() const
{
    return m_server->text().trimmed();
}

QString JoinDialog::password() const
{
    return m_password->text();
}

QString JoinDialog::filePath() const
{
    return m_file->text().trimmed();
}

QString JoinDialog::message() const
{
    return m_message->text();
}

QString JoinDialog::selectedTeamId() const
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : rows.first().data(TeamIncidentsModel::TeamIdRole).toString();
}

void JoinDialog::selectionChanged()
{
    const QString id = selectedTeamId();
    if (!id.isEmpty())
        m_file->setText(QDir(m_incidentDir).filePath(QStringLiteral("team-%1.sitrep").arg(id)));
    m_join->setEnabled(!id.isEmpty() && !m_busy);
}

void JoinDialog::setBusy(bool busy, const QString &what)
{
    m_busy = busy;
    m_list->setEnabled(!busy);
    m_server->setEnabled(!busy);
    m_password->setEnabled(!busy);
    m_join->setEnabled(!busy && !selectedTeamId().isEmpty());
    if (busy) {
        m_message->setStyleSheet({});
        m_message->setText(what);
    }
}

void JoinDialog::setIncidents(const QList<Team::TeamIncident> &incidents)
{
    QList<Team::TeamIncident> open;
    for (const auto &t : incidents) {
        if (t.isOpen())
            open << t;
    }
    m_model->setIncidents(open);
    m_message->setStyleSheet({});
    m_message->setText(open.isEmpty()
                           ? tr("No open incidents on this server.")
                           : tr("%n open incident(s): pick one to join.", nullptr, int(open.size())));
    if (!open.isEmpty())
        m_view->selectRow(0);
}

void JoinDialog::showError(const QString &sentence)
{
    m_message->setStyleSheet(QStringLiteral("color:#e53935;"));
    m_message->setText(sentence);
}

} // namespace Sitrep::Ui
