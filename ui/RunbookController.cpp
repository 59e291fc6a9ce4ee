#include "RunbookController.h"

#include "IncidentHeader.h"
#include "MainWindow.h"
#include "RunbookWizard.h"
#include "RunnerSelector.h"
#include "core/IncidentFile.h"
#include "core/IncidentSession.h"
#include "runbook/RunPolicy.h"
#include "runbook/RunbookLibrary.h"
#include "RunbookPickerDialog.h"
#include "runbook/RunbookParser.h"
#include "secrets/SecretStore.h"

#include <QAction>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QSettings>
#include <QStandardPaths>

namespace Sitrep::Ui {

using namespace Sitrep::Runbook;

namespace {
const QString kReadOnlyKey = QStringLiteral("runbook/readOnly");
}

RunbookController::RunbookController(Core::IncidentFile &file, MainWindow &window,
                                     Secrets::SecretStore &secrets, const QString &resourceDir,
                                     QObject *parent)
    : QObject(parent)
    , m_file(file)
    , m_window(window)
    , m_secrets(secrets)
    , m_resourceDir(resourceDir)
    , m_policy(std::make_unique<RunPolicy>())
{
    m_wizard = new RunbookWizard(&m_window);
    m_wizard->setObjectName(QStringLiteral("runbookWizard"));
    m_wizard->setPolicy(m_policy.get());
    m_runners = new RunnerSelector(*m_wizard, &m_window, this);
    connect(m_runners, &RunnerSelector::message, this, [this](const QString &s) { m_window.showMessage(s); });
    connect(m_wizard, &RunbookWizard::chartRequested, this, &RunbookController::chartRequested);
    setUpPrompts();

    auto attach = [this] {
        m_wizard->setSession(m_file.isOpen() ? m_file.session() : nullptr);
        reopenFromJournal();
    };
    connect(&m_file, &Core::IncidentFile::incidentOpened, this, attach);
    connect(&m_file, &Core::IncidentFile::incidentClosed, this, attach);
    m_wizard->setSession(m_file.isOpen() ? m_file.session() : nullptr);
    m_window.addPane(QStringLiteral("runbook"), tr("Runbook"), m_wizard, Qt::LeftDockWidgetArea,
                     QKeySequence(Qt::CTRL | Qt::Key_R));

    m_window.incidentMenu()->addAction(
        tr("Open &runbook\u2026"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R), this, [this] {
            auto *picker = pickRunbook();
            connect(picker, &QDialog::accepted, this, [this, picker] { openRunbook(picker->selectedPath()); });
            picker->open();
        });

    // Read-only mode: during a tense incident, only commands that read may run; the header says so.
    m_readOnlyAction = m_window.incidentMenu()->addAction(tr("Read-only &mode (runbook commands)"));
    m_readOnlyAction->setObjectName(QStringLiteral("readOnlyMode"));
    m_readOnlyAction->setCheckable(true);
    m_readOnlyBadge = new QLabel(tr("\U0001F512 READ-ONLY"), &m_window);
    m_readOnlyBadge->setObjectName(QStringLiteral("readOnlyBadge"));
    m_readOnlyBadge->setToolTip(tr("Runbook commands that change or delete something are refused "
                                   "(Incident \u2192 Read-only mode)"));
    m_readOnlyBadge->setStyleSheet(QStringLiteral(
        "background:#455a64;color:#ffffff;font-weight:bold;border-radius:4px;padding:2px 8px;"));
    m_window.header()->addTrailingWidget(m_readOnlyBadge);
    connect(m_readOnlyAction, &QAction::toggled, this, &RunbookController::setReadOnly);
    setReadOnly(QSettings().value(kReadOnlyKey, false).toBool());
}

RunbookController::~RunbookController() = default;

void RunbookController::setUpPrompts()
{
    // Change and destructive commands show the final command and target; destructive ones need a typed word.
    m_wizard->setConfirmer([this](const RunPolicy::Decision &d, QString *typed) {
        if (d.confirmation == RunPolicy::Confirmation::Typed) {
            bool ok = false;
            *typed = QInputDialog::getText(&m_window, tr("Confirm destructive command"),
                                           tr("%1\n\nType %2 to run it:").arg(d.prompt, d.typedWord),
                                           QLineEdit::Normal, {}, &ok);
            return ok;
        }
        return QMessageBox::question(&m_window, tr("Run this command?"), d.prompt) == QMessageBox::Yes;
    });
    // Values the context does not know are asked once; secret ones are masked and go to the keychain.
    m_wizard->setValueAsker([this](const Placeholder &p) -> std::optional<QString> {
        const bool secret = p.type == Placeholder::Type::Secret;
        const QString key = QStringLiteral("runbook/") + p.name;
        if (secret && m_secrets.has(key))
            return m_secrets.cached(key);
        bool ok = false;
        const QString value = QInputDialog::getText(
            &m_window, tr("Value needed"),
            secret ? tr("%1 (a secret: kept in the keychain, masked in the timeline):").arg(p.token)
                   : tr("Value for %1:").arg(p.token),
            secret ? QLineEdit::Password : QLineEdit::Normal, {}, &ok);
        if (!ok)
            return std::nullopt;
        if (secret) {
            m_secrets.store(key, value, [this, key, value](const Core::Result<void> &r) {
                if (r)
                    return;
                m_secrets.keepForSession(key, value);
                m_window.showMessage(tr("%1 is kept for this session only: %2").arg(key, r.error().text()),
                                     true);
            });
        }
        return value;
    });
}

QString RunbookController::userRunbookDir()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation) +
           QStringLiteral("/sitrep/runbooks");
}

QStringList RunbookController::folders() const
{
    QStringList out;
    if (!m_resourceDir.isEmpty())
        out << m_resourceDir + QStringLiteral("/runbooks");
    out << userRunbookDir();
    return out;
}

RunbookPickerDialog *RunbookController::pickRunbook()
{
    // The library's runbooks and the files that failed to parse; Browse starts in the team's folder.
    const QDir mine(userRunbookDir());
    const QString start = !mine.entryList({QStringLiteral("*.md")}, QDir::Files).isEmpty()
                              ? mine.path()
                              : m_resourceDir + QStringLiteral("/runbooks");
    const auto scan = RunbookLibrary::scanAll(folders());
    for (const auto &f : scan.failures)
        m_window.showMessage(tr("Runbook not readable: %1").arg(f.error), true);
    auto *picker = new RunbookPickerDialog(scan, start, &m_window);
    picker->setAttribute(Qt::WA_DeleteOnClose);
    return picker;
}

QHash<QString, QString> RunbookController::alertRunbooks() const
{
    QHash<QString, QString> out;
    for (const auto &entry : RunbookLibrary::scan(folders())) {
        for (const QString &alert : entry.alerts)
            out.insert(alert, entry.path); // a later folder (the user's) wins
    }
    return out;
}

bool RunbookController::openRunbook(const QString &path)
{
    QString error;
    if (!m_wizard->openFile(path, &error)) {
        m_window.showMessage(tr("Runbook not opened: %1").arg(error), true);
        return false;
    }
    m_window.showMessage(tr("Runbook %1 opened").arg(path));
    if (const auto parsed = RunbookParser::parseFile(path); parsed) {
        // Its severity table defines the levels of the next incident declared (else the defaults).
        m_window.setSeverityScheme(parsed->severities.isEmpty() ? Core::SeverityScheme::defaults()
                                                                : parsed->severities);
        emit runbookOpened(*parsed, path);
    }
    return true;
}

bool RunbookController::openForAlert(const QString &alertName, const QString &runbook)
{
    const auto entries = RunbookLibrary::scan(folders());
    const auto suggestion = RunbookLibrary::suggest(entries, alertName, runbook);
    const QString path = suggestion ? suggestion->path : runbook;
    if (!openRunbook(path))
        return false;
    if (suggestion && !suggestion->section.isEmpty() && m_wizard->selectSection(suggestion->section))
        m_window.showMessage(
            tr("Runbook %1 opened where it handles %2").arg(QFileInfo(path).fileName(), alertName));
    return true;
}

void RunbookController::reopenFromJournal()
{
    if (!m_file.isOpen())
        return;
    // The last runbook this incident opened, and the last step acted on: the walk goes on from there.
    QString path;
    QString lastStep;
    for (const Core::TimelineEvent &e : m_file.journal()->events()) {
        if (e.kind != Core::EventKind::ChecklistStep)
            continue;
        const QString runbook = e.payload.value(QLatin1String("runbook")).toString();
        if (e.payload.value(QLatin1String("state")).toString() == QLatin1String("opened")) {
            path = runbook;
            lastStep.clear();
        } else if (runbook == path) {
            lastStep = e.payload.value(QLatin1String("stepId")).toString();
        }
    }
    if (path.isEmpty() || path == m_wizard->openKey())
        return;
    if (!path.startsWith(QLatin1Char(':')) && !QFileInfo::exists(path)) {
        m_window.showMessage(
            tr("The incident's runbook %1 is no longer there; open it again from its new place "
               "(Incident \u2192 Open runbook)")
                .arg(path),
            true);
        return;
    }
    if (openRunbook(path) && !lastStep.isEmpty())
        m_wizard->selectStep(lastStep);
}

void RunbookController::setReadOnly(bool on)
{
    m_policy->setReadOnly(on);
    QSettings().setValue(kReadOnlyKey, on);
    if (m_readOnlyAction->isChecked() != on)
        m_readOnlyAction->setChecked(on);
    m_readOnlyBadge->setVisible(on);
}

bool RunbookController::isReadOnly() const
{
    return m_policy->readOnly();
}

void RunbookController::setContext(const RunTarget &target, const QMap<QString, QString> &values)
{
    m_wizard->setTarget(target);
    m_context = values;
    pushValues();
}

void RunbookController::setClusterTargets(const QList<RunTarget> &targets)
{
    m_wizard->setTargetChoices(targets);
}

void RunbookController::useDatabase(const DatabaseTarget &database)
{
    m_wizard->setDatabase(database);
}

void RunbookController::useEnvironment(const Core::Environment &e)
{
    ++m_environmentRequest;
    // SQL steps: the environment's database; its password comes from the keychain when it has one.
    DatabaseTarget database;
    database.url = e.databaseUrl;
    database.pod = e.databasePod;
    m_wizard->setDatabase(database);
    if (!e.databaseSecret.isEmpty()) {
        const int dbRequest = m_environmentRequest;
        m_secrets.load(e.databaseSecret, [this, dbRequest, database](const Core::Result<QString> &password) {
            if (dbRequest != m_environmentRequest)
                return;
            if (!password) {
                m_window.showMessage(tr("The database password could not be read from the keychain: %1")
                                         .arg(password.error().text()),
                                     true);
                return;
            }
            DatabaseTarget withPassword = database;
            withPassword.password = *password;
            m_wizard->setDatabase(withPassword);
        });
    }
    // Teams whose kubectl lives on a bastion: the runbook's commands run there, over SSH.
    if (e.sshBastion.isEmpty()) {
        m_runners->useLocal();
        return;
    }
    auto use = [this, e](const QString &passphrase) {
        const auto where = m_runners->useBastion(e.sshBastion, e.sshIdentityFile, passphrase);
        if (where)
            m_window.showMessage(tr("Runbook commands run on %1").arg(*where));
        else
            m_window.showMessage(tr("Runbook commands run here: %1").arg(where.error().text()), true);
    };
    if (e.sshKeySecret.isEmpty() || m_secrets.has(e.sshKeySecret))
        return use(e.sshKeySecret.isEmpty() ? QString() : m_secrets.cached(e.sshKeySecret));
    // The key's passphrase comes from the keychain (asynchronously, after a restart); a later environment
    // wins over this one if it is chosen meanwhile.
    const int request = m_environmentRequest;
    m_secrets.load(e.sshKeySecret, [this, request, use](const Core::Result<QString> &passphrase) {
        if (request != m_environmentRequest)
            return;
        if (!passphrase)
            m_window.showMessage(tr("The SSH key passphrase could not be read from the keychain: %1")
                                     .arg(passphrase.error().text()),
                                 true);
        use(passphrase ? *passphrase : QString());
    });
}

void RunbookController::setSelectedPod(const QString &ns, const QString &pod)
{
    m_pod.clear();
    if (!pod.isEmpty()) {
        m_pod.insert(QStringLiteral("pod"), pod);
        if (!ns.isEmpty())
            m_pod.insert(QStringLiteral("namespace"), ns);
    }
    pushValues();
}

void RunbookController::pushValues()
{
    QMap<QString, QString> values = m_context;
    for (auto it = m_pod.cbegin(); it != m_pod.cend(); ++it)
        values.insert(it.key(), it.value());
    m_wizard->setValues(values);
}

} // namespace Sitrep::Ui
