#include "Workspace.h"

#include "AlertsPane.h"
#include "ChannelSettingsDialog.h"
#include "ChartsPane.h"
#include "ClusterController.h"
#include "CommsController.h"
#include "CommsPaneHost.h"
#include "ConnectionChecks.h"
#include "ConnectionDialog.h"
#include "DeploymentsPane.h"
#include "EnvironmentBar.h"
#include "EnvironmentController.h"
#include "EventLinks.h"
#include "EventsPane.h"
#include "IncidentHeader.h"
#include "LogsPane.h"
#include "MainWindow.h"
#include "MonitoringConnection.h"
#include "NewIncidentDialog.h"
#include "PanelView.h"
#include "PodsModel.h"
#include "PodsPane.h"
#include "ResourcesPane.h"
#include "RunbookController.h"
#include "RunbookWizard.h"
#include "UpdatesPane.h"
#include "WallWindow.h"
#include "comms/Cadence.h"
#include "core/IncidentDigest.h"
#include "core/IncidentFile.h"
#include "core/Logging.h"
#include "core/Redactor.h"
#include "core/User.h"
#include "demo/DemoSession.h"
#include "kube/ClusterConnection.h"
#include "kube/ClusterSet.h"
#include "kube/KubeClient.h"
#include "kube/Kubeconfig.h"
#include "logs/LogSession.h"
#include "logs/PodTargetTracker.h"
#include "prom/BurnRate.h"
#include "prom/DashboardLoader.h"
#include "prom/PromClient.h"
#include "runbook/RunTypes.h"
#include "runbook/Runbook.h"
#include "runbook/RunbookParser.h"
#include "secrets/SecretStore.h"

#include <QCoreApplication>
#include <QDir>
#include <QDockWidget>
#include <QItemSelectionModel>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMenu>
#include <QNetworkAccessManager>
#include <QSettings>
#include <QTreeView>

#include <memory>

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
{
    // Keychain values are scrubbed from journals and the log from the first line on.
    m_file.setRedactor(m_redactor);
    Logging::setRedactor(m_redactor);
    m_secrets->probe();
    setUpComms();
    setUpRunbook();
    setUpPanes();
    setUpEnvironments();
    // The first layout (a saved one replaces it): the default for the screen's size class (ConsoleLayout).
    m_window.applyDefaultLayout();
}

Workspace::~Workspace()
{
    // The plugins' calls in flight use the network manager and the keychain: end them while both exist
    // (a child QObject would only be deleted after the members).
    delete m_commsController;
}

void Workspace::setUpComms()
{
    m_commsController = new CommsController(m_file, m_window, m_nam.get(), *m_secrets, resourceDir(), this);
    m_comms = m_commsController->host();
}

void Workspace::setUpRunbook()
{
    m_runbooks = new RunbookController(m_file, m_window, *m_secrets, resourceDir(), this);
    m_wizard = m_runbooks->wizard();
    // What a runbook says about updates (templates, cadence, escalation) goes to the updates pane.
    connect(m_runbooks, &RunbookController::runbookOpened, m_commsController, &CommsController::applyRunbook);
}

ChannelSettingsDialog *Workspace::editChannels()
{
    return m_commsController->editChannels();
}

bool Workspace::openRunbook(const QString &path)
{
    return m_runbooks->openRunbook(path);
}

void Workspace::setUpPanes()
{
    m_pods = new PodsPane(m_file.clock(), &m_window);
    m_events = new EventsPane(m_file.clock(), &m_window);
    m_deployments = new DeploymentsPane(m_file.clock(), &m_window);
    m_monitoring = std::make_unique<MonitoringConnection>(m_secrets.get());
    m_charts = new ChartsPane(m_monitoring->prometheus(), &m_window);
    m_window.addPane(QStringLiteral("pods"), tr("Pods"), m_pods, Qt::BottomDockWidgetArea,
                     QKeySequence(Qt::ALT | Qt::Key_1));
    // The selected pod fills the runbook's <pod-name>.
    connect(m_pods->view()->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        const QString key = m_pods->selectedKeys().value(0);
        m_runbooks->setSelectedPod(key.section(QLatin1Char('/'), 0, 0), key.section(QLatin1Char('/'), 1));
    });
    // A reset (another cluster or namespace) drops the selection without saying so.
    connect(m_pods->view()->model(), &QAbstractItemModel::modelReset, this,
            [this] { m_runbooks->setSelectedPod({}, {}); });
    m_window.addPane(QStringLiteral("events"), tr("Events"), m_events, Qt::BottomDockWidgetArea,
                     QKeySequence(Qt::ALT | Qt::Key_2));
    m_window.addPane(QStringLiteral("deployments"), tr("Deployments"), m_deployments,
                     Qt::BottomDockWidgetArea, QKeySequence(Qt::ALT | Qt::Key_3));
    m_resources = new ResourcesPane(m_file.clock(), &m_window);
    m_window.addPane(QStringLiteral("cluster"), tr("Cluster"), m_resources, Qt::BottomDockWidgetArea,
                     QKeySequence(Qt::ALT | Qt::Key_7));
    // The clusters the panes show: the incident's (Incident > Clusters…), else the environment's.
    m_clusters = new ClusterController(m_file.clock(), &m_window, this);
    m_clusters->addPanes(m_pods, m_events, m_deployments, m_resources);
    connect(m_clusters, &ClusterController::clustersChanged, this, &Workspace::clustersChanged);
    connect(m_clusters, &ClusterController::message, this,
            [this](const QString &sentence, bool error) { m_window.showMessage(sentence, error); });
    m_window.incidentMenu()->addAction(tr("C&lusters\u2026"), m_clusters, [this] { m_clusters->showDialog(); });
    // Declaring an incident names its clusters: the ones watched now, to change before it is declared.
    connect(&m_window, &MainWindow::declaring, this, [this](NewIncidentDialog *dialog) {
        auto *editor = new ClusterListEditor(dialog);
        editor->setObjectName(QStringLiteral("declareClusters"));
        editor->setChoices(m_clusters->choices());
        editor->setClusters(m_clusters->clusters());
        dialog->addSection(tr("C&lusters"), editor);
    });
    connect(&m_window, &MainWindow::declared, this, [this](NewIncidentDialog *dialog) {
        if (auto *editor = dialog->findChild<ClusterListEditor *>(QStringLiteral("declareClusters")))
            (void)m_clusters->chooseClusters(editor->clusters());
    });
    m_window.addPane(QStringLiteral("charts"), tr("Charts"), m_charts, Qt::RightDockWidgetArea,
                     QKeySequence(Qt::ALT | Qt::Key_4));
    // Firing alerts from Prometheus and Alertmanager, each linked to the runbook that declares it.
    m_alerts = new AlertsPane(m_monitoring->prometheus(), m_monitoring->alertmanager(), &m_window);
    connect(m_monitoring.get(), &MonitoringConnection::prometheusReady, this,
            &Workspace::prometheusConnected);
    connect(m_monitoring.get(), &MonitoringConnection::failed, this,
            [this](const QString &sentence) { m_window.showMessage(sentence, true); });
    connect(m_monitoring.get(), &MonitoringConnection::alertmanagerChanged, this,
            [this](Prom::AlertmanagerClient *alertmanager) {
                m_alerts->setAlertmanager(alertmanager);
                if (alertmanager) {
                    m_alerts->setPollIntervalMs(10000);
                    m_alerts->refresh();
                }
            });
    // A runbook's own burn-rate thresholds replace the SRE workbook's on the burn-rate panels.
    connect(m_runbooks, &RunbookController::runbookOpened, this, [this](const Runbook::Runbook &runbook) {
        QString text;
        for (const Runbook::Section &section : runbook.sections)
            text += section.markdown + QLatin1Char('\n');
        const auto thresholds = Prom::BurnRate::thresholdsFromText(text);
        if (m_charts->applyBurnThresholds(thresholds) > 0 && !thresholds.isEmpty()) {
            QStringList said;
            for (const auto &t : thresholds)
                said << QStringLiteral("%1x %2").arg(t.factor).arg(t.severity);
            m_window.showMessage(
                tr("Burn-rate thresholds from the runbook: %1").arg(said.join(QStringLiteral(", "))));
        }
    });
    // A runbook's query step, charted on the dashboard the commander is looking at.
    connect(m_runbooks, &RunbookController::chartRequested, this,
            [this](const QString &title, const QString &promql) {
                m_charts->addQueryPanel(title, promql);
                if (auto *dock = m_window.findChild<QDockWidget *>(QStringLiteral("charts")))
                    dock->raise();
            });
    m_alerts->setRunbooks(m_runbooks->alertRunbooks());
    connect(m_alerts, &AlertsPane::runbookRequested, m_runbooks, &RunbookController::openForAlert);
    m_window.addPane(QStringLiteral("alerts"), tr("Alerts"), m_alerts, Qt::RightDockWidgetArea,
                     QKeySequence(Qt::ALT | Qt::Key_6));

    m_logSession = new Logs::LogSession(this);
    m_logTargets = new Logs::PodTargetTracker(m_logSession, this);
    m_logs = new LogsPane(m_logSession, &m_window);
    m_logs->setTargetTracker(m_logTargets);
    m_window.addPane(QStringLiteral("logs"), tr("Logs"), m_logs, Qt::BottomDockWidgetArea,
                     QKeySequence(Qt::ALT | Qt::Key_5));
    connect(m_logs, &LogsPane::targetSelectionChanged, this,
            [this](const QString &ns, const QString &selector) {
                QString error;
                if (!m_logTargets->setSelection(ns, selector, &error))
                    m_window.showMessage(tr("Logs: %1").arg(error), true);
            });
    connect(m_pods, &PodsPane::logsRequested, this, [this](const QString &ns, const QStringList &pods) {
        const QString selector = QStringLiteral("pod/") + pods.join(QStringLiteral(" pod/"));
        m_logs->setTargetSelection(ns, selector);
        QString error;
        if (!m_logTargets->setSelection(ns, selector, &error))
            m_window.showMessage(tr("Logs: %1").arg(error), true);
    });
    auto bindSession = [this] {
        IncidentSession *session = m_file.isOpen() ? m_file.session() : nullptr;
        m_clusters->setSession(session);
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
    connect(m_resources, &ResourcesPane::actionFinished, this,
            [this](const QString &sentence, bool ok) { m_window.showMessage(sentence, !ok); });
    // An activated event brings its pod or deployment forward: its dock is raised, the row selected.
    auto raiseDock = [](QWidget *pane) {
        if (auto *dock = qobject_cast<QDockWidget *>(pane->parentWidget())) {
            dock->show();
            dock->raise();
        }
    };
    new EventLinks(m_events, m_pods, m_deployments, raiseDock, this);
}

bool Workspace::connectCluster(const QString &kubeconfig, const QString &context)
{
    Kube::ClusterSpec spec;
    spec.kubeconfig = kubeconfig;
    spec.context = context;
    m_clusters->setEnvironmentClusters({spec});
    // An incident that names its own clusters keeps watching those; else the context must have opened (the
    // controller said why not).
    if (!m_clusters->incidentNamesClusters() && !m_clusters->set()->first())
        return false;
    m_window.showMessage(tr("Connected to cluster context %1").arg(context));
    return true;
}

Kube::ClusterConnection *Workspace::cluster() const
{
    return m_clusters->set()->first();
}

void Workspace::clustersChanged()
{
    const QList<Kube::ClusterConnection *> list = m_clusters->set()->connections();
    // One cluster: its namespace selector ("All namespaces") and TLS/credential warnings sit in the environment
    // toolbar. Several: each has its namespace in Incident > Clusters…, its state on the panes' chips.
    m_environments->bar()->showCluster(list.size() == 1 ? list.first() : nullptr);
    bindLogsToCluster();
    // Runbook commands run against the first cluster unless the wizard picks another (kubectl gets
    // --context; the user's kubeconfig is never changed).
    Kube::ClusterConnection *first = list.isEmpty() ? nullptr : list.first();
    if (!first)
        return;
    IncidentSession *session = m_file.isOpen() ? m_file.session() : nullptr;
    const QList<Kube::ClusterSpec> specs = m_clusters->clusters();
    QList<Runbook::RunTarget> targets;
    for (Kube::ClusterConnection *c : list) {
        Runbook::RunTarget target;
        for (const Kube::ClusterSpec &s : specs)
            if (s.context == c->contextName())
                target.kubeconfig = s.kubeconfig;
        target.kubeContext = c->contextName();
        target.kubeNamespace = c->currentNamespace();
        target.cluster = c->clusterName();
        targets << target;
    }
    QMap<QString, QString> values{{QStringLiteral("context"), targets.first().kubeContext},
                                  {QStringLiteral("namespace"), targets.first().kubeNamespace}};
    if (session && !session->incident().service().isEmpty()) {
        values.insert(QStringLiteral("service"), session->incident().service());
        values.insert(QStringLiteral("deployment"), session->incident().service());
    }
    m_runbooks->setContext(targets.first(), values);
    m_runbooks->setClusterTargets(targets);
}

void Workspace::bindLogsToCluster()
{
    for (const auto &link : std::as_const(m_podsToLogs))
        disconnect(link);
    m_podsToLogs.clear();
    const QList<Kube::ClusterConnection *> list = m_clusters->set()->connections();
    QStringList names;
    // The pod watch tells the log session which containers exist, restart and go away; each pod is the
    // pod of one cluster, and its lines are asked of that cluster.
    auto feed = [this](Kube::ClusterConnection *c) {
        if (!c->pods())
            return;
        const QString name = c->clusterName();
        m_podsToLogs << connect(c->pods(), &Kube::Informer::eventsReady, m_logTargets,
                                [this, name](const Kube::ObjectEvents &events) {
                                    for (const auto &e : events) {
                                        if (e.type == Kube::ObjectEvent::Type::Deleted)
                                            m_logTargets->remove(e.object, name);
                                        else
                                            m_logTargets->upsert(e.object, name);
                                    }
                                });
    };
    for (Kube::ClusterConnection *c : list) {
        names << c->clusterName();
        QPointer<Kube::KubeClient> client = c->client();
        m_logSession->setConnection(c->clusterName(), client->server(), [client](const QUrl &url) {
            return client ? client->makeRequest(url) : QNetworkRequest(url);
        });
        // Another namespace: this cluster's pods are listed afresh; the other clusters' stay.
        QPointer<Kube::ClusterConnection> conn = c;
        m_podsToLogs << connect(c, &Kube::ClusterConnection::informersReplaced, this, [this, conn, feed] {
            if (!conn)
                return;
            m_logTargets->removeCluster(conn->clusterName());
            feed(conn);
        });
        feed(c);
    }
    for (const QString &gone : std::as_const(m_logClusters)) {
        if (!names.contains(gone)) {
            m_logTargets->removeCluster(gone);
            m_logSession->removeConnection(gone);
        }
    }
    m_logClusters = names;
}

bool Workspace::connectPrometheus(const QUrl &url)
{
    if (auto r = m_monitoring->usePrometheus(url); !r) {
        m_window.showMessage(tr("Prometheus not connected: %1").arg(r.error().text()), true);
        return false;
    }
    prometheusConnected();
    return true;
}

void Workspace::prometheusConnected()
{
    // The bundled dashboards, then the user's (~/.config/sitrep/dashboards), which override them.
    QList<Prom::LoadedDashboard> dashboards;
    for (const auto &d :
         Prom::DashboardLoader::loadDirectory(Prom::DashboardLoader::defaultDirectories(resourceDir()))) {
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
    if (e.contexts().size() > 1) {
        // Several regions: every context of the environment, side by side.
        QList<Kube::ClusterSpec> specs;
        for (const QString &context : e.contexts())
            specs << Kube::ClusterSpec{e.kubeconfig, context, std::nullopt, {}, {}};
        m_clusters->setEnvironmentClusters(specs);
    } else if (e.hasCluster()) {
        connectCluster(e.kubeconfig, e.kubeContext);
    }
    m_runbooks->useEnvironment(e);
    // Prometheus is connected once its token has been read from the keychain (prometheusReady).
    m_monitoring->apply(e);
    if (!e.hasPrometheus())
        m_charts->setUnavailableText(tr("No Prometheus is configured. Add its URL under Incident \u2192 "
                                        "Connections\u2026 (Ctrl+,), or try the demo."));
    for (const QString &sentence : e.missing())
        m_window.showMessage(sentence);
}

bool Workspace::startDemo()
{
    if (m_demo)
        return true;
    m_demo = std::make_unique<Demo::DemoSession>();
    const QString dir = MainWindow::defaultIncidentDir() + QStringLiteral("/demo-") +
                        QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd-HHmmss"));
    // The demo's environment in the toolbar, with where its Prometheus stands.
    auto showDemo = [this](const QString &prometheus) {
        Environment demo;
        demo.name = tr("demo");
        demo.colour = QStringLiteral("#2e7d32");
        demo.kubeconfig = m_demo->kubeconfigPath();
        demo.kubeContext = m_demo->contextName();
        for (const Demo::DemoSession::Cluster &c : m_demo->clusters().mid(1))
            demo.otherContexts << c.context;
        demo.prometheusUrl = prometheus;
        m_environments->bar()->showActive(demo);
    };
    // Connected before start(): a Prometheus that is not installed is reported from within start().
    auto prometheusFailed = std::make_shared<bool>(false);
    connect(m_demo.get(), &Demo::DemoSession::prometheusReady, this, [this, showDemo](const QUrl &url) {
        showDemo(url.toString());
        connectPrometheus(url);
    });
    connect(m_demo.get(), &Demo::DemoSession::prometheusFailed, this,
            [this, showDemo, prometheusFailed](const QString &why) {
                *prometheusFailed = true;
                showDemo({});
                m_window.showMessage(why, true);
                m_charts->setUnavailableText(why);
            });
    QFile rules(resourceDir() + QStringLiteral("/demo/prometheus-rules.yml"));
    (void)rules.open(QIODevice::ReadOnly);
    if (auto r = m_demo->start(dir, rules.readAll(), m_demoScenario); !r) {
        m_window.showMessage(tr("The demo could not start: %1").arg(r.error().text()), true);
        m_demo.reset();
        return false;
    }
    if (!*prometheusFailed)
        showDemo(tr("(starting Prometheus\u2026)"));
    IncidentSession::Declaration d;
    const bool regions = m_demo->clusters().size() > 1;
    d.title = regions ? tr("api-gateway returns 502 in prod-eu after the v2 rollout")
                      : tr("api-gateway returns 502 after the v2 rollout");
    d.service = QStringLiteral("api-gateway");
    d.severity = QStringLiteral("P1");
    d.commander = currentUser();
    d.impactStarted = QDateTime::currentDateTimeUtc().addSecs(-12 * 60);
    if (auto c = m_file.create(dir + QStringLiteral("/demo.sitrep"), d); !c)
        m_window.showMessage(tr("Demo incident not declared: %1").arg(c.error().text()), true);
    if (regions) {
        // Both regions, side by side; the incident names them, as a commander would have.
        QList<Kube::ClusterSpec> specs;
        for (const Demo::DemoSession::Cluster &c : m_demo->clusters())
            specs << Kube::ClusterSpec{c.kubeconfig, c.context, std::nullopt, c.colour, c.name};
        m_clusters->setEnvironmentClusters(specs);
        (void)m_clusters->chooseClusters(specs);
    } else {
        connectCluster(m_demo->kubeconfigPath(), m_demo->contextName());
    }
    // The demo's SQL steps run in its postgres pod (psql through kubectl exec), as a team's can.
    Runbook::DatabaseTarget database;
    database.url = QStringLiteral("postgresql://postgres@/orders");
    database.pod = QStringLiteral("demo/postgres-0:postgres");
    m_runbooks->useDatabase(database);
    // The runbook the demo's burn alert names (its runbook_url), opened where the runbook's quick reference
    // sends that alert: triage.
    m_runbooks->openForAlert(QStringLiteral("ApiGatewayErrorBudgetBurn"),
                             QStringLiteral("sitrep://runbooks/api-gateway-crashloop.md"));
    return true;
}

void Workspace::attachWall(WallWindow &wall)
{
    wall.setCountdownProvider([this]() -> WallWindow::Countdown {
        const auto *cadence = m_comms ? m_comms->cadence() : nullptr;
        if (!cadence)
            return {};
        const auto state = cadence->state();
        return {state.countdownText, state.overdue};
    });
    wall.setPodsProvider([this]() -> std::optional<IncidentDigest::Pods> {
        if (m_clusters->set()->isEmpty())
            return std::nullopt;
        return m_clusters->set()->pods();
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
    // Mirrors rebuild their axes with new data: the wall's colours and label sizes go back on at once.
    connect(m_charts, &ChartsPane::refreshed, &wall, &WallWindow::restyleCharts);
    addCharts();
}

} // namespace Sitrep::Ui
