#include "sim/SimServer.h"

#include "sim/ApiRouter.h"
#include "sim/CertificateFactory.h"
#include "sim/ClusterState.h"
#include "sim/Controllers.h"
#include "sim/EventRecorder.h"
#include "sim/ExecServer.h"
#include "sim/FaultInjector.h"
#include "sim/HttpConnection.h"
#include "sim/MetricsModel.h"
#include "sim/PodLogs.h"
#include "sim/ResourceCatalog.h"
#include "sim/ResourceHandler.h"
#include "sim/ScenarioBuilder.h"
#include "sim/ScenarioTimeline.h"
#include "sim/Simulation.h"
#include "sim/WatchHub.h"

#include <QFile>
#include <QJsonArray>
#include <QSaveFile>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>

using namespace Qt::Literals::StringLiterals;

namespace Sitrep::Sim {

SimServer::SimServer(QObject *parent, const Core::Clock *clock)
    : QObject(parent)
{
    if (!clock) {
        m_ownClock = std::make_unique<Core::SystemClock>();
        clock = m_ownClock.get();
    }
    m_clock = clock;
    m_state = std::make_unique<ClusterState>(*m_clock);
    m_events = std::make_unique<EventRecorder>(*m_state);
    m_controllers = std::make_unique<Controllers>(*m_state, *m_events);
    m_logs = std::make_unique<PodLogs>();
    m_simulation = std::make_unique<Simulation>(*m_state, *m_controllers, *m_events, *m_logs);
    m_hub = std::make_unique<WatchHub>(*m_state, *m_logs);
    m_catalog = std::make_unique<ResourceCatalog>();
    m_faults = std::make_unique<FaultInjector>();
    m_resources = std::make_unique<ResourceHandler>(*m_state, *m_controllers, *m_logs, *m_hub, *m_catalog);
    m_router = std::make_unique<ApiRouter>(*m_resources, *m_catalog, *m_faults, *m_state);
    m_metricsRouter = std::make_unique<ApiRouter>(*m_resources, *m_catalog, *m_faults, *m_state);
    m_exec = std::make_unique<ExecServer>(*m_state);
    ApiRouter::Hooks hooks;
    hooks.metrics = [this] { return metricsText(); };
    hooks.exec = [this](HttpConnection *c, const HttpRequest &req) { m_exec->refuse(c, req); };
    hooks.addSyntheticPods = [this](int n) { addSyntheticPods(n); };
    hooks.churn = [this](int n) { churn(n); };
    hooks.step = [this] { step(); };
    m_router->setHooks(hooks);
    m_metricsRouter->setHooks(hooks);
    ApiRouter::Settings metricsOnly;
    metricsOnly.metricsOnly = true;
    m_metricsRouter->setSettings(metricsOnly);
    connect(m_simulation.get(), &Simulation::stepped, this, [this] {
        if (m_timeline)
            m_timeline->advance(m_state->nowMs());
        if (m_metrics)
            m_metrics->advance(m_state->nowMs());
        m_exec->advance(m_state->nowMs());
    });
}

SimServer::~SimServer()
{
    stop();
}

Core::Result<void> SimServer::loadScenario(const QString &nameOrPath)
{
    auto scenario = Scenario::load(nameOrPath);
    if (!scenario)
        return scenario.error();
    return loadScenario(*scenario);
}

Core::Result<void> SimServer::loadScenario(const Scenario &scenario)
{
    if (m_loaded)
        return Core::makeError(u"a scenario is already loaded; create a new SimServer for another one"_s);
    m_loaded = true;
    m_simulation->load(scenario);
    m_resources->setScenario(&m_simulation->scenario());
    m_resources->setDeniedVerbs(scenario.deniedVerbs);
    m_exec->setScenario(m_simulation->scenario());
    m_exec->advance(m_state->nowMs());
    m_timeline = std::make_unique<ScenarioTimeline>(*m_state, *m_controllers, *m_events,
                                                    m_simulation->scenario().timeline, m_state->nowMs());
    m_metrics = std::make_unique<MetricsModel>(*m_state, m_simulation->scenario(), m_state->nowMs());
    m_metrics->advance(m_state->nowMs());
    return Core::Ok{};
}

const Scenario &SimServer::scenario() const
{
    return m_simulation->scenario();
}

Core::Result<QUrl> SimServer::start(quint16 port, bool tls)
{
    if (m_server)
        return Core::makeError(u"the simulated cluster is already listening on %1"_s.arg(m_url.toString()));
    if (!m_loaded) {
        if (auto r = loadScenario(u"api-gateway-rollout"_s); !r)
            return r.error();
    }
    if (tls) {
        if (!QSslSocket::supportsSsl())
            return Core::makeError(u"this Qt has no TLS backend; run the simulator with --no-tls"_s);
        auto certs = CertificateFactory::generate();
        if (!certs)
            return certs.error();
        m_caPem = certs->caPem;
        QSslConfiguration config = QSslConfiguration::defaultConfiguration();
        config.setLocalCertificateChain(QSslCertificate::fromData(certs->serverCertPem, QSsl::Pem));
        config.setPrivateKey(QSslKey(certs->serverKeyPem, QSsl::Ec, QSsl::Pem));
        config.setPeerVerifyMode(QSslSocket::VerifyNone);
        if (config.privateKey().isNull())
            return Core::makeError(u"could not load the generated server key"_s);
        auto *server = new QSslServer(this);
        server->setSslConfiguration(config);
        server->setHandshakeTimeout(10000);
        m_server = server;
        if (!m_tokenSet)
            m_pendingToken = u"sim-token"_s;
    } else {
        m_server = new QTcpServer(this);
    }
    if (!m_server->listen(QHostAddress::LocalHost, port)) {
        const QString error = m_server->errorString();
        delete m_server;
        return Core::makeError(u"cannot listen on 127.0.0.1:%1: %2"_s.arg(port).arg(error));
    }
    QTcpServer *server = m_server;
    connect(server, &QTcpServer::pendingConnectionAvailable, this,
            [this, server] { onNewConnection(server, false); });
    m_url = QUrl(u"%1://127.0.0.1:%2"_s.arg(tls ? u"https"_s : u"http"_s).arg(server->serverPort()));
    ApiRouter::Settings settings = m_router->settings();
    settings.serverAddress = u"127.0.0.1:%1"_s.arg(server->serverPort());
    settings.token = m_pendingToken;
    m_router->setSettings(settings);
    if (m_running)
        m_simulation->start();
    return m_url;
}

Core::Result<QUrl> SimServer::startMetricsListener(quint16 port)
{
    if (m_metricsServer)
        return m_metricsUrl;
    m_metricsServer = new QTcpServer(this);
    if (!m_metricsServer->listen(QHostAddress::LocalHost, port)) {
        const QString error = m_metricsServer->errorString();
        delete m_metricsServer;
        return Core::makeError(u"cannot listen on 127.0.0.1:%1: %2"_s.arg(port).arg(error));
    }
    QTcpServer *server = m_metricsServer;
    connect(server, &QTcpServer::pendingConnectionAvailable, this,
            [this, server] { onNewConnection(server, true); });
    m_metricsUrl = QUrl(u"http://127.0.0.1:%1/metrics"_s.arg(server->serverPort()));
    return m_metricsUrl;
}

void SimServer::onNewConnection(QTcpServer *server, bool metricsOnly)
{
    while (server->hasPendingConnections()) {
        QTcpSocket *socket = server->nextPendingConnection();
        if (!socket)
            continue;
        auto *connection = new HttpConnection(socket, this);
        ApiRouter *router = metricsOnly ? m_metricsRouter.get() : m_router.get();
        if (!metricsOnly) {
            // kubectl exec: a WebSocket upgrade goes to the exec server before HTTP reads it.
            connection->setUpgradeHook([this](const HttpRequest &head) -> HttpConnection::Taker {
                m_exec->setToken(m_router->settings().token);
                if (!m_exec->accepts(head))
                    return {};
                return [this](QTcpSocket *socket) { m_exec->take(socket); };
            });
        }
        connect(connection, &HttpConnection::requestReceived, this,
                [this, router](HttpConnection *c, const HttpRequest &req) {
                    router->handle(c, req);
                    emit requestHandled(req.method, req.path);
                });
    }
}

void SimServer::stop()
{
    m_simulation->stop();
    m_hub->closeAll();
    for (QTcpServer *s : {m_server.data(), m_metricsServer.data()}) {
        if (s) {
            s->close();
            s->deleteLater();
        }
    }
    m_server.clear();
    m_metricsServer.clear();
    // Close the keep-alive connections too, so clients see the server go.
    for (HttpConnection *c : findChildren<HttpConnection *>(Qt::FindDirectChildrenOnly))
        c->abort();
}

bool SimServer::isListening() const
{
    return m_server && m_server->isListening();
}

Core::Result<void> SimServer::writeKubeconfig(const QString &path, const QString &contextName,
                                              const QString &defaultNamespace) const
{
    if (m_url.isEmpty())
        return Core::makeError(u"start the simulated cluster before writing its kubeconfig"_s, path);
    QString cluster = u"    server: %1\n"_s.arg(m_url.toString());
    if (!m_caPem.isEmpty())
        cluster += u"    certificate-authority-data: %1\n"_s.arg(QString::fromLatin1(m_caPem.toBase64()));
    QString user = u"  user: {}\n"_s;
    const QString token = m_router->settings().token;
    if (!token.isEmpty())
        user = u"  user:\n    token: %1\n"_s.arg(token);
    const QString yaml =
        u"apiVersion: v1\nkind: Config\nclusters:\n- name: %1\n  cluster:\n%2"
        "contexts:\n- name: %1\n  context:\n    cluster: %1\n    user: %1-user\n    namespace: %3\n"
        "current-context: %1\nusers:\n- name: %1-user\n%4preferences: {}\n"_s.arg(contextName, cluster,
                                                                                  defaultNamespace, user);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Core::makeError(u"cannot write the kubeconfig: %1"_s.arg(file.errorString()), path);
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    file.write(yaml.toUtf8());
    if (!file.commit())
        return Core::makeError(u"cannot write the kubeconfig: %1"_s.arg(file.errorString()), path);
    return Core::Ok{};
}

void SimServer::setVersionMinor(int minor)
{
    ApiRouter::Settings s = m_router->settings();
    s.minor = minor;
    s.gitVersion = u"v1.%1.4-sim"_s.arg(minor);
    m_router->setSettings(s);
}

int SimServer::versionMinor() const
{
    return m_router->settings().minor;
}

void SimServer::setToken(const QString &token)
{
    m_pendingToken = token;
    m_tokenSet = true;
    ApiRouter::Settings s = m_router->settings();
    s.token = token;
    m_router->setSettings(s);
}

QString SimServer::token() const
{
    return m_router->settings().token;
}

void SimServer::setDeniedVerbs(const QStringList &rules)
{
    m_resources->setDeniedVerbs(rules);
}

void SimServer::setBookmarkIntervalMs(int ms)
{
    m_hub->setBookmarkIntervalMs(ms);
}

void SimServer::setStreamTimeoutCapMs(qint64 ms)
{
    m_hub->setStreamTimeoutCapMs(ms);
}

void SimServer::setHistoryLimit(int events)
{
    m_state->setHistoryLimit(events);
}

void SimServer::setRunning(bool running)
{
    m_running = running;
    if (!running)
        m_simulation->stop();
    else if (m_server)
        m_simulation->start();
}

void SimServer::addSyntheticPods(int count, const QString &ns)
{
    ScenarioBuilder(*m_state, *m_controllers).createSyntheticPods(ns, count);
    m_churnNames.clear(); // more pods to churn
}

void SimServer::churn(int events)
{
    // The names are listed once, not on every call: at 30,000 pods a fresh list per tick was the cost of
    // the whole churn.
    if (m_churnNames.isEmpty()) {
        for (const QJsonObject &pod : m_state->list(u"pods"_s, u"load"_s))
            m_churnNames << pod.value("metadata"_L1).toObject().value("name"_L1).toString();
    }
    for (int i = 0; i < events && !m_churnNames.isEmpty(); ++i) {
        const QString name = m_churnNames.at(qsizetype(m_churnCursor++ % quint64(m_churnNames.size())));
        auto latest = m_state->get(u"pods"_s, u"load"_s, name);
        if (!latest) {
            m_churnNames.clear(); // a pod went away: list again next time
            break;
        }
        QJsonObject pod = *latest;
        QJsonObject meta = pod.value("metadata"_L1).toObject();
        QJsonObject annotations = meta.value("annotations"_L1).toObject();
        annotations.insert("sim.sitrep.io/churn"_L1, QString::number(m_churnCursor));
        meta.insert("annotations"_L1, annotations);
        pod.insert("metadata"_L1, meta);
        m_state->update(u"pods"_s, pod);
    }
}

void SimServer::step()
{
    m_simulation->step();
}

QByteArray SimServer::metricsText() const
{
    return m_metrics ? m_metrics->prometheusText() : QByteArray();
}

QByteArray SimServer::openMetricsBackfill(int hours, int stepSeconds) const
{
    return m_metrics ? m_metrics->openMetricsBackfill(hours, stepSeconds) : QByteArray("# EOF\n");
}

int SimServer::openStreams() const
{
    return m_hub->watchCount() + m_hub->followCount();
}

int SimServer::openExecSessions() const
{
    return m_exec->openSessions();
}

QHash<QString, QString> SimServer::execCounters() const
{
    return m_exec->counterValues();
}

} // namespace Sitrep::Sim
