#include "Workspace.h"

#include "AlertsPane.h"
#include "CadenceLabel.h"
#include "ChannelSettingsDialog.h"
#include "ChartsPane.h"
#include "CommsPaneHost.h"
#include "ConnectionChecks.h"
#include "ConnectionDialog.h"
#include "DeploymentsPane.h"
#include "EnvironmentBar.h"
#include "EnvironmentController.h"
#include "EventsPane.h"
#include "IncidentHeader.h"
#include "LogsPane.h"
#include "MainWindow.h"
#include "PanelView.h"
#include "PodsModel.h"
#include "PodsPane.h"
#include "ResourcesPane.h"
#include "RunbookWizard.h"
#include "RunnerSelector.h"
#include "UpdateDueNotifier.h"
#include "UpdatesPane.h"
#include "WallWindow.h"
#include "comms/Cadence.h"
#include "comms/CadencePolicy.h"
#include "comms/EscalationPolicy.h"
#include "comms/PluginLoader.h"
#include "comms/TemplateLibrary.h"
#include "core/IncidentDigest.h"
#include "core/IncidentFile.h"
#include "core/Logging.h"
#include "core/Redactor.h"
#include "core/User.h"
#include "demo/DemoSession.h"
#include "kube/ClusterConnection.h"
#include "kube/KubeClient.h"
#include "kube/Kubeconfig.h"
#include "logs/LogSession.h"
#include "logs/PodTargetTracker.h"
#include "prom/DashboardLoader.h"
#include "prom/PromClient.h"
#include "runbook/RunPolicy.h"
#include "runbook/RunTypes.h"
#include "runbook/Runbook.h"
#include "runbook/RunbookLibrary.h"
#include "runbook/RunbookParser.h"
#include "secrets/SecretStore.h"

#include <QCoreApplication>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QInputDialog>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMenu>
#include <QMessageBox>
#include <QNetworkAccessManager>
#include <QSettings>
#include <QSystemTrayIcon>

using namespace Sitrep::Core;

namespace Sitrep::Ui {

namespace {
// Where bundled resources (templates, runbooks, dashboards) live: the source tree's copy next to a
// build, or the installed share/sitrep.
QString resourceDir()
{
    const QString app = QCoreApplication::applicationDirPath();
    for (const QString &candidate :
         {app + QStringLiteral("/../share/sitrep"), QStringLiteral(SITREP_SOURCE_RESOURCES)}) {
        if (QDir(candidate).exists())
            return QDir(candidate).canonicalPath();
    }
    return {};
}
} // namespace

Workspace::Workspace(IncidentFile &file, MainWindow &window, QObject *parent)
    : QObject(parent)
    , m_file(file)
    , m_window(window)
    , m_redactor(std::make_shared<Redactor>())
    , m_nam(std::make_unique<QNetworkAccessManager>())
    , m_secrets(std::make_unique<Secrets::SecretStore>(QStringLiteral("sitrep"), m_redactor))
    , m_plugins(std::make_unique<Comms::PluginLoader>())
{
    // Keychain values are scrubbed from journals and the log from the first line on.
    m_file.setRedactor(m_redactor);
    Logging::setRedactor(m_redactor);
    m_secrets->probe();
    setUpComms();
    setUpRunbook();
    setUpPanes();
    setUpEnvironments();
    // The first layout (a saved one replaces it): cluster panes share one tabbed dock, as do charts, alerts
    // and updates, so every pane is large enough to read on a 1080p screen.
    auto dock = [this](const QString &id) { return m_window.findChild<QDockWidget *>(id); };
    for (const auto &[front, behind] : {std::pair{QStringLiteral("pods"), QStringLiteral("events")},
                                        std::pair{QStringLiteral("pods"), QStringLiteral("deployments")},
                                        std::pair{QStringLiteral("pods"), QStringLiteral("cluster")},
                                        std::pair{QStringLiteral("charts"), QStringLiteral("alerts")},
                                        std::pair{QStringLiteral("charts"), QStringLiteral("updates")}}) {
        if (dock(front) && dock(behind))
            m_window.tabifyDockWidget(dock(front), dock(behind));
    }
    for (const QString &id : {QStringLiteral("pods"), QStringLiteral("charts")}) {
        if (dock(id))
            dock(id)->raise();
    }
}

Workspace::~Workspace()
{
    m_plugins->abortAll();
}

void Workspace::setUpComms()
{
    for (const QString &dir : Comms::PluginLoader::defaultDirectories(QCoreApplication::applicationDirPath()))
        m_plugins->loadDirectory(dir);
    m_plugins->initialize({m_nam.get(), m_secrets->lookup(), 15000,
                           QStringLiteral("Sitrep/") + QStringLiteral(SITREP_VERSION)});
    for (const QString &failure : m_plugins->failures())
        qWarning("notifier plugin not loaded: %s", qPrintable(failure));

    QSettings settings;
    QList<Comms::Channel> channels = Comms::Channel::listFromJson(
        QJsonDocument::fromJson(settings.value(QStringLiteral("comms/channels")).toByteArray()).array());
    if (channels.isEmpty()) {
        // The offline channel always works: updates are saved as files next to the incident data.
        const QString dir = MainWindow::defaultIncidentDir() + QStringLiteral("/updates");
        channels.append({QStringLiteral("file"), QStringLiteral("file"), tr("Save to %1").arg(dir),
                         QJsonObject{{QStringLiteral("directory"), dir},
                                     {QStringLiteral("format"), QStringLiteral("markdown")}}});
    }
    QList<Comms::NotifierInterface *> notifiers;
    for (const auto &e : m_plugins->entries()) {
        if (e.loaded && e.notifier)
            notifiers.append(e.notifier);
    }
    m_comms = new CommsPaneHost(m_file, &m_window);
    m_comms->setNotifiers(notifiers);
    applyChannels(channels);
    for (const QString &dir : Comms::TemplateLibrary::defaultDirectories(resourceDir())) {
        for (const Error &e : m_templates.loadDirectory(dir))
            m_window.showMessage(tr("Template not loaded: %1").arg(e.text()), true);
    }
    m_comms->setTemplates(m_templates);
    m_window.addPane(QStringLiteral("updates"), tr("Updates"), m_comms, Qt::RightDockWidgetArea,
                     QKeySequence(Qt::CTRL | Qt::Key_U));
    m_window.incidentMenu()->addAction(tr("Update &channels\u2026"), this, &Workspace::editChannels);

    auto *countdown = new CadenceLabel(&m_window);
    countdown->setObjectName(QStringLiteral("headerCountdown"));
    m_window.header()->addTrailingWidget(countdown);
    connect(m_comms, &CommsPaneHost::cadenceChanged, countdown, &CadenceLabel::setCadence);
    countdown->setCadence(m_comms->cadence());

    // A desktop notification when an update falls due (where the desktop has a tray).
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        auto *tray = new QSystemTrayIcon(QIcon(QStringLiteral(":/icons/sitrep.svg")), &m_window);
        tray->show();
        auto *notifier = new UpdateDueNotifier(tray, this);
        connect(m_comms, &CommsPaneHost::cadenceChanged, notifier, &UpdateDueNotifier::setCadence);
        notifier->setCadence(m_comms->cadence());
    }
}

void Workspace::setUpRunbook()
{
    m_policy = std::make_unique<Runbook::RunPolicy>();
    m_policy->setReadOnly(QSettings().value(QStringLiteral("runbook/readOnly"), false).toBool());
    m_wizard = new RunbookWizard(&m_window);
    m_wizard->setObjectName(QStringLiteral("runbookWizard"));
    m_runners = new RunnerSelector(*m_wizard, &m_window, this);
    connect(m_runners, &RunnerSelector::message, this, [this](const QString &s) { m_window.showMessage(s); });
    m_wizard->setPolicy(m_policy.get());
    // Change and destructive commands show the final command and target; destructive ones need a typed word.
    m_wizard->setConfirmer([this](const Runbook::RunPolicy::Decision &d, QString *typed) {
        if (d.confirmation == Runbook::RunPolicy::Confirmation::Typed) {
            bool ok = false;
            *typed = QInputDialog::getText(&m_window, tr("Confirm destructive command"),
                                           tr("%1\n\nType %2 to run it:").arg(d.prompt, d.typedWord),
                                           QLineEdit::Normal, {}, &ok);
            return ok;
        }
        return QMessageBox::question(&m_window, tr("Run this command?"), d.prompt) == QMessageBox::Yes;
    });
    // Values the context does not know are asked once; secret ones are masked and go to the keychain.
    m_wizard->setValueAsker([this](const Runbook::Placeholder &p) -> std::optional<QString> {
        const bool secret = p.type == Runbook::Placeholder::Type::Secret;
        const QString key = QStringLiteral("runbook/") + p.name;
        if (secret && m_secrets->has(key))
            return m_secrets->cached(key);
        bool ok = false;
        const QString value = QInputDialog::getText(
            &m_window, tr("Value needed"),
            secret ? tr("%1 (a secret: kept in the keychain, masked in the timeline):").arg(p.token)
                   : tr("Value for %1:").arg(p.token),
            secret ? QLineEdit::Password : QLineEdit::Normal, {}, &ok);
        if (!ok)
            return std::nullopt;
        if (secret) {
            m_secrets->store(key, value, [this, key, value](const Result<void> &r) {
                if (r)
                    return;
                m_secrets->keepForSession(key, value);
                m_window.showMessage(tr("%1 is kept for this session only: %2").arg(key, r.error().text()),
                                     true);
            });
        }
        return value;
    });
    auto attach = [this] { m_wizard->setSession(m_file.isOpen() ? m_file.session() : nullptr); };
    connect(&m_file, &IncidentFile::incidentOpened, this, attach);
    connect(&m_file, &IncidentFile::incidentClosed, this, attach);
    attach();
    m_window.addPane(QStringLiteral("runbook"), tr("Runbook"), m_wizard, Qt::LeftDockWidgetArea,
                     QKeySequence(Qt::CTRL | Qt::Key_R));
    m_window.incidentMenu()->addAction(
        tr("Open &runbook\u2026"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R), this, [this] {
            const QString path = QFileDialog::getOpenFileName(&m_window, tr("Open runbook"),
                                                              resourceDir() + QStringLiteral("/runbooks"),
                                                              tr("Markdown runbooks (*.md);;All files (*)"));
            if (!path.isEmpty())
                openRunbook(path);
        });
}

void Workspace::applyChannels(const QList<Comms::Channel> &channels)
{
    m_channels = channels;
    QStringList secretNames;
    for (const auto &c : channels)
        secretNames += c.secretNames();
    if (!secretNames.isEmpty()) {
        m_secrets->loadAll(secretNames, [this](const QStringList &errors) {
            for (const QString &e : errors)
                m_window.showMessage(tr("Secret not loaded: %1").arg(e), true);
        });
    }
    m_comms->setChannels(channels);
}

ChannelSettingsDialog *Workspace::editChannels()
{
    QHash<QString, QStringList> plugins;
    for (const auto &e : m_plugins->entries()) {
        if (e.loaded && e.notifier)
            plugins.insert(e.id, e.notifier->configKeys());
    }
    auto *dialog = new ChannelSettingsDialog(m_channels, plugins, m_secrets.get(), &m_window);
    dialog->setObjectName(QStringLiteral("channelSettings"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const auto channels = dialog->channels();
        if (!channels)
            return; // the dialog does not accept a list with a problem
        QSettings().setValue(
            QStringLiteral("comms/channels"),
            QJsonDocument(Comms::Channel::listToJson(*channels)).toJson(QJsonDocument::Compact));
        applyChannels(*channels);
        m_window.showMessage(tr("%n update channel(s) saved", nullptr, int(channels->size())));
    });
    dialog->open();
    return dialog;
}

bool Workspace::openRunbook(const QString &path)
{
    QString error;
    if (!m_wizard->openFile(path, &error)) {
        m_window.showMessage(tr("Runbook not opened: %1").arg(error), true);
        return false;
    }
    m_window.showMessage(tr("Runbook %1 opened").arg(path));
    // The runbook's own update templates (INCIDENT TEMPLATE blocks) join the updates pane.
    if (const auto parsed = Runbook::RunbookParser::parseFile(path); parsed) {
        QList<Comms::RunbookTemplateSpec> specs;
        for (const auto &t : parsed->templates) {
            Comms::RunbookTemplateSpec spec;
            spec.name = t.name;
            spec.runbook = parsed->title;
            for (const auto &f : t.fields)
                spec.fields.append({f.name, f.hint});
            specs.append(spec);
        }
        if (!specs.isEmpty()) {
            m_templates.addRunbookTemplates(specs);
            m_comms->setTemplates(m_templates);
        }
        // Its communication and escalation sections set the update cadence and the escalation prompts.
        QStringList communication, escalation;
        for (const Runbook::Section &section : parsed->sections) {
            const QStringList lines = section.markdown.split(QLatin1Char('\n'));
            if (section.phase == Runbook::Phase::Communication)
                communication += lines;
            else if (section.phase == Runbook::Phase::Escalation)
                escalation += lines;
        }
        if (const auto rules = Comms::CadencePolicy::parseRunbookRules(communication); !rules.isEmpty()) {
            Comms::CadencePolicy policy = Comms::CadencePolicy::defaults();
            policy.applyRunbookRules(rules);
            m_comms->setCadencePolicy(policy);
            m_window.showMessage(
                tr("Update cadence taken from the runbook (%n rule(s))", nullptr, int(rules.size())));
        }
        if (const auto policy = Comms::EscalationPolicy::fromLines(escalation); !policy.isEmpty())
            m_comms->setEscalationPolicy(policy);
    }
    return true;
}

void Workspace::setUpPanes()
{
    m_pods = new PodsPane(m_file.clock(), &m_window);
    m_events = new EventsPane(m_file.clock(), &m_window);
    m_deployments = new DeploymentsPane(m_file.clock(), &m_window);
    m_prom = std::make_unique<Prom::PromClient>();
    m_charts = new ChartsPane(m_prom.get(), &m_window);
    m_window.addPane(QStringLiteral("pods"), tr("Pods"), m_pods, Qt::BottomDockWidgetArea,
                     QKeySequence(Qt::ALT | Qt::Key_1));
    m_window.addPane(QStringLiteral("events"), tr("Events"), m_events, Qt::BottomDockWidgetArea,
                     QKeySequence(Qt::ALT | Qt::Key_2));
    m_window.addPane(QStringLiteral("deployments"), tr("Deployments"), m_deployments,
                     Qt::BottomDockWidgetArea, QKeySequence(Qt::ALT | Qt::Key_3));
    m_resources = new ResourcesPane(m_file.clock(), &m_window);
    m_window.addPane(QStringLiteral("cluster"), tr("Cluster"), m_resources, Qt::BottomDockWidgetArea,
                     QKeySequence(Qt::ALT | Qt::Key_7));
    m_window.addPane(QStringLiteral("charts"), tr("Charts"), m_charts, Qt::RightDockWidgetArea,
                     QKeySequence(Qt::ALT | Qt::Key_4));
    // Firing alerts from Prometheus, each linked to the runbook that declares it.
    m_alerts = new AlertsPane(m_prom.get(), nullptr, &m_window);
    QHash<QString, QString> runbooks;
    for (const auto &entry : Runbook::RunbookLibrary::scan({resourceDir() + QStringLiteral("/runbooks")})) {
        for (const QString &alert : entry.alerts)
            runbooks.insert(alert, entry.path);
    }
    m_alerts->setRunbooks(runbooks);
    connect(m_alerts, &AlertsPane::runbookRequested, this,
            [this](const QString &, const QString &runbook) { openRunbook(runbook); });
    m_window.addPane(QStringLiteral("alerts"), tr("Alerts"), m_alerts, Qt::RightDockWidgetArea,
                     QKeySequence(Qt::ALT | Qt::Key_6));

    m_logSession = new Logs::LogSession(this);
    m_logTargets = new Logs::PodTargetTracker(m_logSession, this);
    m_logs = new LogsPane(m_logSession, &m_window);
    m_window.addPane(QStringLiteral("logs"), tr("Logs"), m_logs, Qt::BottomDockWidgetArea,
                     QKeySequence(Qt::ALT | Qt::Key_5));
    connect(m_logs, &LogsPane::targetSelectionChanged, this,
            [this](const QString &ns, const QString &selector) {
                QString error;
                if (!m_logTargets->setSelection(ns, selector, &error))
                    m_window.showMessage(tr("Logs: %1").arg(error), true);
            });
    connect(m_pods, &PodsPane::logsRequested, this, [this](const QString &ns, const QString &pod) {
        const QString selector = QStringLiteral("pod/") + pod;
        m_logs->setTargetSelection(ns, selector);
        QString error;
        if (!m_logTargets->setSelection(ns, selector, &error))
            m_window.showMessage(tr("Logs: %1").arg(error), true);
    });
    auto bindSession = [this] {
        IncidentSession *session = m_file.isOpen() ? m_file.session() : nullptr;
        if (m_cluster)
            m_cluster->setSession(session);
        m_charts->setIncidentSession(session);
        m_logs->setIncidentSession(session);
        m_alerts->setIncidentSession(session);
        // Restarts count from the incident's start; the impact start can still be moved, so follow it.
        auto followStart = [this] {
            const bool declared = m_file.isOpen() && m_file.session()->incident().isDeclared();
            m_pods->model()->setIncidentStart(declared ? m_file.session()->incident().startMs() : 0);
        };
        followStart();
        disconnect(m_followStart);
        if (session)
            m_followStart = connect(m_file.journal(), &Journal::eventsAppended, m_pods, followStart);
    };
    connect(&m_file, &IncidentFile::incidentOpened, this, bindSession);
    connect(&m_file, &IncidentFile::incidentClosed, this, bindSession);
    connect(m_pods, &PodsPane::actionFinished, this,
            [this](const QString &sentence, bool ok) { m_window.showMessage(sentence, !ok); });
}

bool Workspace::connectCluster(const QString &kubeconfig, const QString &context)
{
    auto config = Kube::Kubeconfig::load(kubeconfig);
    if (!config) {
        m_window.showMessage(tr("Cluster not connected: %1").arg(config.error().text()), true);
        return false;
    }
    IncidentSession *session = m_file.isOpen() ? m_file.session() : nullptr;
    auto connection = Kube::ClusterConnection::open(*config, context, m_file.clock(), session);
    if (!connection) {
        m_window.showMessage(tr("Cluster not connected: %1").arg(connection.error().text()), true);
        return false;
    }
    m_pods->setConnection(nullptr);
    m_events->setConnection(nullptr);
    m_deployments->setConnection(nullptr);
    m_resources->setConnection(nullptr);
    m_cluster = std::move(connection).value();
    m_pods->setConnection(m_cluster.get());
    m_events->setConnection(m_cluster.get());
    m_deployments->setConnection(m_cluster.get());
    m_resources->setConnection(m_cluster.get());
    connect(m_cluster.get(), &Kube::ClusterConnection::informersReplaced, this,
            &Workspace::bindLogsToCluster);
    m_cluster->start();
    bindLogsToCluster();
    // Runbook commands run against the same cluster the panes show (kubectl pinned to this context).
    Runbook::RunTarget target;
    target.kubeconfig = kubeconfig;
    target.kubeContext = m_cluster->contextName();
    target.kubeNamespace = m_cluster->currentNamespace();
    m_wizard->setTarget(target);
    QMap<QString, QString> values{{QStringLiteral("context"), target.kubeContext},
                                  {QStringLiteral("namespace"), target.kubeNamespace}};
    if (session && !session->incident().service().isEmpty()) {
        values.insert(QStringLiteral("service"), session->incident().service());
        values.insert(QStringLiteral("deployment"), session->incident().service());
    }
    m_wizard->setValues(values);
    m_window.showMessage(tr("Connected to cluster context %1").arg(context));
    return true;
}

void Workspace::bindLogsToCluster()
{
    Kube::KubeClient *client = m_cluster->client();
    m_logSession->setConnection(client->server(),
                                [client](const QUrl &url) { return client->makeRequest(url); });
    // The pod watch tells the log session which containers exist, restart and go away.
    disconnect(m_podsToLogs);
    if (!m_cluster->pods())
        return;
    m_podsToLogs = connect(m_cluster->pods(), &Kube::Informer::eventsReady, m_logTargets,
                           [this](const Kube::ObjectEvents &events) {
                               for (const auto &e : events) {
                                   if (e.type == Kube::ObjectEvent::Type::Deleted)
                                       m_logTargets->remove(e.object);
                                   else
                                       m_logTargets->upsert(e.object);
                               }
                           });
}

bool Workspace::connectPrometheus(const QUrl &url)
{
    Prom::ServerConfig config;
    config.url = url;
    config.name = QStringLiteral("Prometheus");
    if (auto r = m_prom->configure(config); !r) {
        m_window.showMessage(tr("Prometheus not connected: %1").arg(r.error().text()), true);
        return false;
    }
    QList<Prom::LoadedDashboard> dashboards;
    for (const auto &d :
         Prom::DashboardLoader::loadDirectory({resourceDir() + QStringLiteral("/dashboards")})) {
        if (d)
            dashboards.append(*d);
        else
            m_window.showMessage(tr("Dashboard not loaded: %1").arg(d.error().text()), true);
    }
    if (!dashboards.isEmpty())
        m_charts->setDashboards(dashboards);
    m_charts->setRelativeRange(3600 * 1000);
    m_charts->setAutoRefreshMs(10000);
    m_alerts->setPollIntervalMs(10000);
    return true;
}

void Workspace::setUpEnvironments()
{
    m_environments = new EnvironmentController(
        m_window, new ConnectionChecks(m_file.clock(), m_secrets.get(), this), this);
    m_environments->setChannelEditor([this] { editChannels(); });
    connect(m_environments, &EnvironmentController::environmentChosen, this, &Workspace::applyEnvironment);
    connect(m_environments, &EnvironmentController::demoRequested, this, &Workspace::startDemo);
    m_environments->restoreActive();
}

bool Workspace::isFirstRun() const
{
    return m_environments->isFirstRun();
}

ConnectionDialog *Workspace::showConnections()
{
    return m_environments->showConnections();
}

void Workspace::applyEnvironment(const Environment &e)
{
    m_environments->bar()->showActive(e);
    if (e.hasCluster())
        connectCluster(e.kubeconfig, e.kubeContext);
    useBastion(e);
    if (e.hasPrometheus())
        connectPrometheus(QUrl::fromUserInput(e.prometheusUrl));
    else
        m_charts->setUnavailableText(tr("No Prometheus is configured. Add its URL under Incident \u2192 "
                                        "Connections\u2026 (Ctrl+,), or try the demo."));
    for (const QString &sentence : e.missing())
        m_window.showMessage(sentence);
}

void Workspace::useBastion(const Environment &e)
{
    // Teams whose kubectl lives on a bastion: the runbook's commands run there, over SSH.
    if (e.sshBastion.isEmpty()) {
        m_runners->useLocal();
        return;
    }
    const auto where = m_runners->useBastion(
        e.sshBastion, e.sshKeySecret.isEmpty() ? QString() : m_secrets->cached(e.sshKeySecret));
    if (where)
        m_window.showMessage(tr("Runbook commands run on %1").arg(*where));
    else
        m_window.showMessage(tr("Runbook commands run here: %1").arg(where.error().text()), true);
}

bool Workspace::startDemo()
{
    if (m_demo)
        return true;
    m_demo = std::make_unique<Demo::DemoSession>();
    const QString dir = MainWindow::defaultIncidentDir() + QStringLiteral("/demo-") +
                        QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd-HHmmss"));
    QFile rules(resourceDir() + QStringLiteral("/demo/prometheus-rules.yml"));
    (void)rules.open(QIODevice::ReadOnly);
    if (auto r = m_demo->start(dir, rules.readAll()); !r) {
        m_window.showMessage(tr("The demo could not start: %1").arg(r.error().text()), true);
        m_demo.reset();
        return false;
    }
    Environment demo;
    demo.name = tr("demo");
    demo.colour = QStringLiteral("#2e7d32");
    demo.kubeconfig = m_demo->kubeconfigPath();
    demo.kubeContext = m_demo->contextName();
    demo.prometheusUrl = tr("(starting Prometheus…)");
    m_environments->bar()->showActive(demo);
    connect(m_demo.get(), &Demo::DemoSession::prometheusReady, this, [this, demo](const QUrl &url) mutable {
        demo.prometheusUrl = url.toString();
        m_environments->bar()->showActive(demo);
        connectPrometheus(url);
    });
    connect(m_demo.get(), &Demo::DemoSession::prometheusFailed, this,
            [this, demo](const QString &why) mutable {
                demo.prometheusUrl.clear();
                m_environments->bar()->showActive(demo);
                m_window.showMessage(why, true);
                m_charts->setUnavailableText(why);
            });
    IncidentSession::Declaration d;
    d.title = tr("api-gateway returns 502 after the v2 rollout");
    d.service = QStringLiteral("api-gateway");
    d.severity = QStringLiteral("P1");
    d.commander = currentUser();
    d.impactStarted = QDateTime::currentDateTimeUtc().addSecs(-12 * 60);
    if (auto c = m_file.create(dir + QStringLiteral("/demo.sitrep"), d); !c)
        m_window.showMessage(tr("Demo incident not declared: %1").arg(c.error().text()), true);
    connectCluster(m_demo->kubeconfigPath(), m_demo->contextName());
    if (openRunbook(QStringLiteral(":/runbooks/api-gateway-crashloop.md")))
        m_wizard->selectPhase(Runbook::Phase::Triage); // the commander starts where the runbook says to look
    return true;
}

void Workspace::attachWall(WallWindow &wall)
{
    wall.setCountdownProvider([this] {
        const auto *cadence = m_comms ? m_comms->cadence() : nullptr;
        return cadence ? cadence->state().countdownText : QString();
    });
    wall.setPodsProvider([this]() -> std::optional<IncidentDigest::Pods> {
        if (!m_cluster)
            return std::nullopt;
        return m_cluster->census()->pods();
    });
    // The dashboard's key panels, mirrored: the wall follows every refresh of the charts pane.
    auto addCharts = [this, &wall] {
        wall.clearCharts();
        for (int i : m_charts->keyPanels(4)) {
            if (PanelView *mirror = m_charts->mirrorPanel(i))
                wall.addChart(mirror);
        }
    };
    connect(m_charts, &ChartsPane::dashboardChanged, &wall, addCharts);
    addCharts();
}

} // namespace Sitrep::Ui
