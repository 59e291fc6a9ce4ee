#include "CommsController.h"

#include "CadenceLabel.h"
#include "ChannelSettingsDialog.h"
#include "CommsPaneHost.h"
#include "CommsSettingsDialog.h"
#include "IncidentHeader.h"
#include "MainWindow.h"
#include "PluginListModel.h"
#include "UpdateDueNotifier.h"
#include "UpdatesPane.h"
#include "comms/Cadence.h"
#include "comms/CommsSettings.h"
#include "comms/EscalationPolicy.h"
#include "comms/PluginLoader.h"
#include "runbook/Runbook.h"
#include "secrets/SecretStore.h"

#include <QCoreApplication>
#include <QDialog>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QMenu>
#include <QSettings>
#include <QSystemTrayIcon>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace Sitrep::Ui {

using namespace Sitrep::Comms;

namespace {

// The escalation the cadence prompts for: the escalation section's own lines ("Level 2 (15-30 min): ..."),
// else the parser's rules from tables and "When to escalate" lists: a time limit becomes a timed prompt
// (for its severity, to the second contact of the escalation path), a condition without one an
// immediate prompt.
EscalationPolicy escalationOf(const Runbook::Runbook &runbook, const QStringList &sectionLines)
{
    EscalationPolicy policy = EscalationPolicy::fromLines(sectionLines);
    QStringList path;
    for (const Runbook::EscalationRule &r : runbook.escalation) {
        if (r.afterMinutes < 0 && r.condition.isEmpty() && !r.contact.isEmpty())
            path << r.contact;
    }
    const QString next = path.value(1, path.value(0));
    int level = 0;
    for (const auto &l : std::as_const(policy.levels))
        level = std::max(level, l.level);
    const bool haveLevels = !policy.levels.isEmpty();
    for (const Runbook::EscalationRule &r : runbook.escalation) {
        if (r.afterMinutes > 0 && !haveLevels) {
            EscalationPolicy::Level l;
            l.level = ++level;
            l.afterMinutes = r.afterMinutes;
            l.contact = r.contact.isEmpty() ? next : r.contact;
            l.severity = r.severity;
            l.condition = r.condition;
            policy.levels << l;
        } else if (r.afterMinutes < 0 && !r.condition.isEmpty()) {
            const bool known = std::any_of(
                policy.immediate.cbegin(), policy.immediate.cend(), [&r](const EscalationPolicy::Trigger &t) {
                    return t.condition.compare(r.condition, Qt::CaseInsensitive) == 0;
                });
            if (!known)
                policy.immediate << EscalationPolicy::Trigger{r.condition, r.contact};
        }
    }
    return policy;
}

} // namespace

CommsController::CommsController(Core::IncidentFile &file, MainWindow &window, QNetworkAccessManager *nam,
                                 Secrets::SecretStore &secrets, const QString &resourceDir, QObject *parent)
    : QObject(parent)
    , m_file(file)
    , m_window(window)
    , m_nam(nam)
    , m_secrets(secrets)
    , m_plugins(std::make_unique<PluginLoader>())
{
    loadPlugins();

    QSettings settings;
    CommsSettings saved(settings);
    QList<Channel> channels = saved.channels();
    if (channels.isEmpty()) {
        // The offline channel always works: updates are saved as files next to the incident data.
        const QString dir = MainWindow::defaultIncidentDir() + QStringLiteral("/updates");
        channels.append({QStringLiteral("file"), QStringLiteral("file"), tr("Save to %1").arg(dir),
                         QJsonObject{{QStringLiteral("directory"), dir},
                                     {QStringLiteral("format"), QStringLiteral("markdown")}}});
    }
    QList<NotifierInterface *> notifiers;
    for (const auto &e : m_plugins->entries()) {
        if (e.loaded && e.notifier)
            notifiers.append(e.notifier);
    }
    m_host = new CommsPaneHost(m_file, &m_window);
    m_host->setNotifiers(notifiers);
    applyChannels(channels);
    for (const QString &dir : TemplateLibrary::defaultDirectories(resourceDir)) {
        for (const Core::Error &e : m_fileTemplates.loadDirectory(dir))
            m_window.showMessage(tr("Template not loaded: %1").arg(e.text()), true);
    }
    m_host->setTemplates(m_fileTemplates);
    if (const auto cadence = saved.cadence())
        m_configured = *cadence;
    else
        m_window.showMessage(
            tr("Update cadence not loaded, the defaults apply: %1").arg(cadence.error().text()), true);
    applyCadence();
    m_host->setStockSentences(saved.stockSentences());
    m_host->setUpdatesLink(saved.updatesLink());
    connect(m_host, &CommsPaneHost::stockSentencesEdited, this, [](const StockSentences &sentences) {
        QSettings s;
        CommsSettings(s).setStockSentences(sentences);
    });

    m_window.addPane(QStringLiteral("updates"), tr("Updates"), m_host, Qt::RightDockWidgetArea,
                     QKeySequence(Qt::CTRL | Qt::Key_U));
    m_window.incidentMenu()->addAction(tr("Update &channels\u2026"), this, &CommsController::editChannels);
    m_window.incidentMenu()->addAction(tr("Update ca&dence and link\u2026"), this,
                                       &CommsController::editSettings);
    m_window.incidentMenu()->addAction(tr("Notifier &plugins\u2026"), this, &CommsController::showPlugins);

    auto *countdown = new CadenceLabel(&m_window);
    countdown->setObjectName(QStringLiteral("headerCountdown"));
    m_window.header()->addTrailingWidget(countdown);
    connect(m_host, &CommsPaneHost::cadenceChanged, countdown, &CadenceLabel::setCadence);
    countdown->setCadence(m_host->cadence());

    // A desktop notification when an update falls due (where the desktop has a tray).
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        auto *tray = new QSystemTrayIcon(QIcon(QStringLiteral(":/icons/sitrep.svg")), &m_window);
        tray->show();
        auto *notifier = new UpdateDueNotifier(tray, this);
        connect(m_host, &CommsPaneHost::cadenceChanged, notifier, &UpdateDueNotifier::setCadence);
        notifier->setCadence(m_host->cadence());
    }
}

CommsController::~CommsController()
{
    m_plugins->abortAll();
}

void CommsController::loadPlugins()
{
    for (const QString &dir : PluginLoader::defaultDirectories(QCoreApplication::applicationDirPath()))
        m_plugins->loadDirectory(dir);
    m_plugins->initialize(
        {m_nam, m_secrets.lookup(), 15000, QStringLiteral("Sitrep/") + QStringLiteral(SITREP_VERSION)});
    const QStringList failures = m_plugins->failures();
    for (const QString &failure : failures)
        qWarning("notifier plugin not loaded: %s", qPrintable(failure));
    if (!failures.isEmpty())
        m_window.showMessage(tr("%n notifier plugin(s) not loaded (Incident > Notifier plugins says why): %1",
                                nullptr, int(failures.size()))
                                 .arg(failures.constFirst()),
                             true);
}

void CommsController::applyChannels(const QList<Channel> &channels)
{
    m_channels = channels;
    QStringList secretNames;
    for (const auto &c : channels)
        secretNames += c.secretNames();
    if (!secretNames.isEmpty()) {
        m_secrets.loadAll(secretNames, [this](const QStringList &errors) {
            for (const QString &e : errors)
                m_window.showMessage(tr("Secret not loaded: %1").arg(e), true);
        });
    }
    m_host->setChannels(channels);
}

void CommsController::applyCadence()
{
    m_host->setCadencePolicy(cadencePolicy());
}

CadencePolicy CommsController::cadencePolicy() const
{
    CadencePolicy policy = m_configured;
    policy.applyRunbookRules(m_runbookRules);
    return policy;
}

ChannelSettingsDialog *CommsController::editChannels()
{
    QHash<QString, QStringList> plugins;
    for (const auto &e : m_plugins->entries()) {
        if (e.loaded && e.notifier)
            plugins.insert(e.id, e.notifier->configKeys());
    }
    auto *dialog = new ChannelSettingsDialog(m_channels, plugins, &m_secrets, &m_window);
    dialog->setObjectName(QStringLiteral("channelSettings"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const auto channels = dialog->channels();
        if (!channels)
            return; // the dialog does not accept a list with a problem
        QSettings settings;
        CommsSettings(settings).setChannels(*channels);
        applyChannels(*channels);
        m_window.showMessage(tr("%n update channel(s) saved", nullptr, int(channels->size())));
    });
    dialog->open();
    return dialog;
}

CommsSettingsDialog *CommsController::editSettings()
{
    QSettings settings;
    auto *dialog = new CommsSettingsDialog(m_configured, CommsSettings(settings).updatesLink(), &m_window);
    dialog->setObjectName(QStringLiteral("commsSettings"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const auto policy = dialog->policy();
        if (!policy)
            return; // the dialog does not accept a table with a problem
        QSettings s;
        CommsSettings saved(s);
        saved.setCadence(*policy);
        if (saved.setUpdatesLink(dialog->link()))
            m_host->setUpdatesLink(saved.updatesLink());
        m_configured = *policy;
        applyCadence();
        m_window.showMessage(m_runbookRules.isEmpty()
                                 ? tr("Update cadence saved")
                                 : tr("Update cadence saved; the open runbook's rules still apply on top"));
    });
    dialog->open();
    return dialog;
}

QDialog *CommsController::showPlugins()
{
    auto *dialog = new QDialog(&m_window);
    dialog->setObjectName(QStringLiteral("notifierPlugins"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Notifier plugins"));
    auto *layout = new QVBoxLayout(dialog);
    auto *intro = new QLabel(tr("Plugins are loaded from: %1")
                                 .arg(PluginLoader::defaultDirectories(QCoreApplication::applicationDirPath())
                                          .join(QStringLiteral(", "))),
                             dialog);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    auto *view = new QTableView(dialog);
    view->setModel(new PluginListModel(m_plugins->entries(), view));
    view->horizontalHeader()->setStretchLastSection(true);
    view->verticalHeader()->hide();
    view->resizeColumnsToContents();
    layout->addWidget(view);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    layout->addWidget(buttons);
    dialog->resize(900, 320);
    dialog->open();
    return dialog;
}

void CommsController::applyRunbook(const Runbook::Runbook &runbook)
{
    TemplateLibrary templates = m_fileTemplates;
    QList<RunbookTemplateSpec> specs;
    for (const auto &t : runbook.templates) {
        RunbookTemplateSpec spec;
        spec.name = t.name;
        spec.runbook = runbook.title;
        for (const auto &f : t.fields)
            spec.fields.append({f.name, f.hint});
        specs.append(spec);
    }
    templates.addRunbookTemplates(specs);
    m_host->setTemplates(templates);

    QStringList communication, escalation;
    for (const Runbook::Section &section : runbook.sections) {
        const QStringList lines = section.markdown.split(QLatin1Char('\n'));
        if (section.phase == Runbook::Phase::Communication)
            communication += lines;
        else if (section.phase == Runbook::Phase::Escalation)
            escalation += lines;
    }
    m_runbookRules = CadencePolicy::parseRunbookRules(communication);
    applyCadence();
    if (!m_runbookRules.isEmpty())
        m_window.showMessage(
            tr("Update cadence taken from the runbook (%n rule(s))", nullptr, int(m_runbookRules.size())));
    m_escalation = escalationOf(runbook, escalation);
    m_host->setEscalationPolicy(m_escalation);
}

} // namespace Sitrep::Ui
