#include "TeamController.h"

#include "BackgroundTask.h"
#include "IncidentHeader.h"
#include "JoinDialog.h"
#include "MainWindow.h"
#include "ShareDialog.h"
#include "TeamStatusWidget.h"
#include "TimelineModel.h"
#include "TimelinePane.h"
#include "core/IncidentFile.h"
#include "core/JournalReplica.h"
#include "core/User.h"
#include "secrets/SecretStore.h"
#include "team/TeamOperations.h"

#include <QAction>
#include <QDir>
#include <QFileInfo>
#include <QMenu>
#include <QMessageBox>
#include <QSettings>
#include <QStandardPaths>
#include <QTableView>

using namespace Sitrep::Core;
using Sitrep::Team::ReplicaConfig;
using Sitrep::Team::ReplicaStatus;
using Sitrep::Team::ServerSchema;
using Sitrep::Team::ServerUrl;
using Sitrep::Team::TeamOperations;

namespace Sitrep::Ui {

namespace {

const QString kServerSetting = QStringLiteral("team/server");

QString roleShort(Role r)
{
    switch (r) {
    case Role::Commander:
        return QObject::tr("IC");
    case Role::CommsLead:
        return QObject::tr("comms lead");
    case Role::Scribe:
        return QObject::tr("scribe");
    }
    return {};
}

} // namespace

TeamController::TeamController(IncidentFile &file, MainWindow &window, Secrets::SecretStore &secrets,
                               std::shared_ptr<const Redactor> redactor, QObject *parent)
    : QObject(parent)
    , m_file(file)
    , m_window(window)
    , m_secrets(secrets)
    , m_redactor(std::move(redactor))
    , m_status(new TeamStatusWidget(&window))
    , m_shareAction(new QAction(tr("S&hare with team\u2026"), this))
    , m_joinAction(new QAction(tr("&Join team incident\u2026"), this))
{
    m_shareAction->setObjectName(QStringLiteral("shareWithTeam"));
    m_joinAction->setObjectName(QStringLiteral("joinTeamIncident"));
    m_window.header()->addTrailingWidget(m_status);
    m_window.incidentMenu()->addSeparator();
    m_window.incidentMenu()->addAction(m_shareAction);
    // File menu: after "Open recent" (Declare, Open, Open recent, Export ...).
    QMenu *fileMenu = m_window.fileMenu();
    fileMenu->insertAction(fileMenu->actions().value(3), m_joinAction);
    connect(m_shareAction, &QAction::triggered, this, &TeamController::share);
    connect(m_joinAction, &QAction::triggered, this, &TeamController::join);
    connect(&m_file, &IncidentFile::incidentOpened, this, &TeamController::attach);
    connect(&m_file, &IncidentFile::incidentClosed, this, &TeamController::detach);
    if (m_file.isOpen())
        attach();
    else
        detach();
}

TeamController::~TeamController()
{
    m_sync.reset(); // joins the replicator's thread before the journal goes
}

QString TeamController::followerPath(const QString &teamId)
{
    return QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) +
           QStringLiteral("/team/%1-wall.sitrep").arg(teamId);
}

void TeamController::detach()
{
    ++m_generation;
    m_sync.reset();
    m_teamId.clear();
    m_plainTextWarning.clear();
    m_status->clear();
    m_window.timeline()->model()->setTeamMode(false);
    m_shareAction->setEnabled(m_file.isOpen() && !m_file.journal()->isReadOnly());
}

void TeamController::attach()
{
    detach();
    if (!m_file.isOpen())
        return;
    JournalReplica replica(*m_file.journal());
    m_teamId = replica.teamId();
    if (m_teamId.isEmpty())
        return;
    m_shareAction->setEnabled(false);
    auto server = ServerUrl::parse(replica.server());
    if (!server) {
        m_status->setView({m_teamId, {ReplicaStatus::State::Refused, server.error().text()}, {}, {}, {}});
        return;
    }
    m_window.timeline()->model()->setTeamMode(true);
    // Who and from where: "bob (bob@laptop-2)" needs more room than a name.
    QTableView *view = m_window.timeline()->view();
    view->setColumnWidth(
        TimelineModel::AuthorColumn,
        std::max(view->columnWidth(TimelineModel::AuthorColumn),
                 view->fontMetrics().horizontalAdvance(QStringLiteral("alice (alice@laptop-12)"))));
    ReplicaConfig config;
    config.journalPath = m_file.path();
    config.server = *server;
    config.teamId = m_teamId;
    config.redactor = m_redactor;
    config.access =
        m_file.journal()->isReadOnly() ? ServerSchema::Access::Wall : ServerSchema::Access::Responder;
    config.self = {{},
                   m_file.author(),
                   currentOrigin(),
                   m_wall || m_file.journal()->isReadOnly() ? QStringLiteral("wall")
                                                            : QStringLiteral("console"),
                   0};
    if (server->plainTextToRemote())
        m_plainTextWarning = tr("NOT ENCRYPTED (sslmode=%1)").arg(server->sslMode());
    refreshView();
    // The password typed when sharing or joining, from the keychain; without one libpq's conventions apply.
    const quint64 generation = m_generation;
    const QString name = server->secretName();
    if (m_secrets.has(name)) {
        config.password = m_secrets.cached(name);
        start(config);
        return;
    }
    m_secrets.load(name, [this, generation, config](const Result<QString> &value) mutable {
        if (generation != m_generation)
            return;
        if (value)
            config.password = *value;
        start(config);
    });
}

void TeamController::start(const ReplicaConfig &config)
{
    m_sync = std::make_unique<Team::TeamSync>(config);
    Journal *journal = m_file.journal();
    connect(m_sync.get(), &Team::TeamSync::journalChanged, journal, &Journal::refresh);
    connect(journal, &Journal::eventsAppended, m_sync.get(), &Team::TeamSync::nudge);
    connect(journal, &Journal::eventChanged, m_sync.get(), &Team::TeamSync::nudge);
    connect(m_sync.get(), &Team::TeamSync::statusChanged, this, &TeamController::refreshView);
    connect(m_sync.get(), &Team::TeamSync::peersChanged, this, &TeamController::refreshView);
    if (IncidentSession *session = m_file.session())
        connect(session, &IncidentSession::incidentChanged, this, &TeamController::refreshView);
    m_sync->start();
}

QHash<QString, QString> TeamController::roles() const
{
    QHash<QString, QString> out;
    if (!m_file.isOpen())
        return out;
    const Incident &incident = m_file.session()->incident();
    for (Role r : {Role::Commander, Role::CommsLead, Role::Scribe}) {
        const QString person = incident.role(r);
        if (!person.isEmpty() && !out.contains(person))
            out.insert(person, roleShort(r));
    }
    return out;
}

void TeamController::refreshView()
{
    if (m_teamId.isEmpty())
        return;
    TeamStatusWidget::View view;
    view.teamId = m_teamId;
    if (m_sync) {
        view.status = m_sync->status();
        view.peers = m_sync->peers();
    } else {
        view.status.state = ReplicaStatus::State::Connecting;
    }
    view.roles = roles();
    view.plainTextWarning = m_plainTextWarning;
    m_status->setView(view);
}

void TeamController::rememberPassword(const QString &secretName, const QString &password)
{
    if (password.isEmpty())
        return;
    // Usable at once (the keychain answers later); stays for this session only if the keychain refuses.
    m_secrets.keepForSession(secretName, password);
    m_secrets.store(secretName, password, [this](const Result<void> &r) {
        if (!r)
            m_window.showMessage(
                tr("The team server's password is kept for this session only: %1").arg(r.error().text()));
    });
}

ShareDialog *TeamController::share()
{
    if (!m_file.isOpen() || !m_file.session()->incident().isDeclared()) {
        m_window.showMessage(tr("Declare or open an incident to share it with the team."), true);
        return nullptr;
    }
    if (m_shareDialog) {
        m_shareDialog->raise();
        return m_shareDialog;
    }
    auto *dialog = new ShareDialog(m_file.session()->incident().title(),
                                   QSettings().value(kServerSetting).toString(), &m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_shareDialog = dialog;
    connect(
        dialog, &ShareDialog::shareRequested, this,
        [this, dialog](const QString &text, const QString &password) {
            auto server = ServerUrl::parse(text);
            if (!server) {
                dialog->showError(server.error().text());
                return;
            }
            dialog->setBusy(true);
            const QString path = m_file.path();
            const TeamOperations::Credentials credentials{*server, password};
            auto redactor = m_redactor;
            runInBackground<Result<TeamOperations::Shared>>(
                dialog,
                [path, credentials, redactor] { return TeamOperations::share(path, credentials, redactor); },
                [this, dialog, credentials, password, path](const Result<TeamOperations::Shared> &shared) {
                    dialog->setBusy(false);
                    if (!shared) {
                        dialog->showError(shared.error().text());
                        return;
                    }
                    rememberPassword(credentials.server.secretName(), password);
                    QSettings().setValue(kServerSetting, credentials.server.toString());
                    dialog->showShared(shared->teamId,
                                       QStringLiteral("sitrep team join %1 --server '%2' -o FILE")
                                           .arg(shared->teamId, credentials.server.toString(false)));
                    if (m_file.path() == path)
                        attach();
                });
        });
    dialog->show();
    return dialog;
}

JoinDialog *TeamController::join()
{
    if (m_joinDialog) {
        m_joinDialog->raise();
        return m_joinDialog;
    }
    auto *dialog = new JoinDialog(QSettings().value(kServerSetting).toString(),
                                  MainWindow::defaultIncidentDir(), &m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_joinDialog = dialog;
    connect(dialog, &JoinDialog::listRequested, this,
            [this, dialog](const QString &text, const QString &password) {
                auto server = ServerUrl::parse(text);
                if (!server) {
                    dialog->showError(server.error().text());
                    return;
                }
                dialog->setBusy(true, tr("Asking the team server for its incidents\u2026"));
                const TeamOperations::Credentials credentials{
                    *server, password.isEmpty() ? m_secrets.cached(server->secretName()) : password};
                runInBackground<Result<QList<Team::TeamIncident>>>(
                    dialog, [credentials] { return TeamOperations::incidents(credentials); },
                    [dialog](const Result<QList<Team::TeamIncident>> &list) {
                        dialog->setBusy(false);
                        if (!list)
                            dialog->showError(list.error().text());
                        else
                            dialog->setIncidents(*list);
                    });
            });
    connect(
        dialog, &JoinDialog::joinRequested, this,
        [this, dialog](const QString &teamId, const QString &text, const QString &password,
                       const QString &file) {
            auto server = ServerUrl::parse(text);
            if (!server) {
                dialog->showError(server.error().text());
                return;
            }
            if (QFileInfo::exists(file)) {
                dialog->showError(tr("%1 already exists; not overwriting an incident").arg(file));
                return;
            }
            QDir().mkpath(QFileInfo(file).absolutePath());
            dialog->setBusy(true, tr("Copying team incident %1\u2026").arg(teamId));
            const TeamOperations::Credentials credentials{
                *server, password.isEmpty() ? m_secrets.cached(server->secretName()) : password};
            auto redactor = m_redactor;
            runInBackground<Result<Team::Replicator::Outcome>>(
                dialog,
                [teamId, credentials, file, redactor] {
                    return TeamOperations::join(teamId, credentials, file, redactor);
                },
                [this, dialog, credentials, password, file](const Result<Team::Replicator::Outcome> &joined) {
                    dialog->setBusy(false);
                    if (!joined) {
                        dialog->showError(joined.error().text());
                        return;
                    }
                    rememberPassword(credentials.server.secretName(), password);
                    QSettings().setValue(kServerSetting, credentials.server.toString());
                    openReplica(file, false);
                    dialog->accept();
                });
        });
    dialog->show();
    return dialog;
}

void TeamController::openReplica(const QString &path, bool readOnly)
{
    if (auto r = m_file.open(path, readOnly ? Journal::Mode::ReadOnly : Journal::Mode::ReadWrite); !r) {
        m_window.showMessage(r.error().text(), true);
        emit failed(r.error().text());
        return;
    }
    emit replicaOpened(path);
}

QString TeamController::follow(const QString &teamId, const QString &serverText)
{
    m_wall = true;
    auto server = ServerUrl::parse(serverText);
    auto fail = [this](const QString &sentence) {
        emit failed(sentence);
        auto *box = new QMessageBox(QMessageBox::Warning, tr("Cannot follow the team incident"), sentence);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->show();
        return sentence;
    };
    if (!server)
        return fail(server.error().text());
    const QString path = followerPath(teamId);
    if (QFileInfo::exists(path)) {
        openReplica(path, true); // the replicator catches up from where it stopped
        return {};
    }
    QDir().mkpath(QFileInfo(path).absolutePath());
    const TeamOperations::Credentials credentials{*server, m_secrets.cached(server->secretName())};
    auto redactor = m_redactor;
    runInBackground<Result<Team::Replicator::Outcome>>(
        this,
        [teamId, credentials, path, redactor] {
            return TeamOperations::join(teamId, credentials, path, redactor, ServerSchema::Access::Wall);
        },
        [this, path, fail](const Result<Team::Replicator::Outcome> &joined) {
            if (!joined) {
                fail(joined.error().text());
                return;
            }
            openReplica(path, true);
        });
    return {};
}

} // namespace Sitrep::Ui
