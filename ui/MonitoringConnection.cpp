#include "MonitoringConnection.h"

#include "prom/AlertmanagerClient.h"
#include "prom/PromClient.h"
#include "prom/PrometheusSettings.h"
#include "secrets/SecretStore.h"

namespace Sitrep::Ui {

using Core::Result;

MonitoringConnection::MonitoringConnection(Secrets::SecretStore *secrets, QObject *parent)
    : QObject(parent)
    , m_secrets(secrets)
    , m_prom(std::make_unique<Prom::PromClient>())
{
    // A token changed in the Connections dialog reaches the live client without reconnecting the panes.
    if (m_secrets) {
        connect(m_secrets, &Secrets::SecretStore::secretChanged, this, [this](const QString &name) {
            if (!name.isEmpty() && m_secretNames.contains(name) && !m_promUrl.isEmpty()) {
                m_secretValues.insert(name, m_secrets->cached(name));
                if (auto r = configurePrometheus(); !r)
                    emit failed(tr("Prometheus not connected: %1").arg(r.error().text()));
            }
        });
    }
}

MonitoringConnection::~MonitoringConnection()
{
    // Calls in flight end without answering; their panes may already be gone.
    if (m_alertmanager)
        m_alertmanager->shutdown();
    m_prom->shutdown();
}

Result<void> MonitoringConnection::configurePrometheus()
{
    Prom::ServerConfig config = Prom::PrometheusSettings::serverConfig(
        m_environment, [this](const QString &name) { return m_secretValues.value(name); });
    config.url = m_promUrl;
    return m_prom->configure(config);
}

Result<void> MonitoringConnection::usePrometheus(const QUrl &url)
{
    ++m_request;
    m_promUrl = url;
    m_environment = Core::Environment{};
    m_secretNames.clear();
    m_secretValues.clear();
    // Nothing of the previous environment stays: no Alertmanager of production under the demo's banner.
    m_alertmanagerUrl.clear();
    useAlertmanager({});
    return configurePrometheus();
}

void MonitoringConnection::apply(const Core::Environment &e)
{
    ++m_request;
    m_promUrl = e.hasPrometheus() ? QUrl::fromUserInput(e.prometheusUrl) : QUrl();
    m_environment = e;
    m_secretNames = Prom::PrometheusSettings::secretNames(e);
    m_secretValues.clear();
    m_alertmanagerUrl = e.alertmanagerUrl;
    if (m_promUrl.isEmpty()) {
        // Forget the previous environment's address and secrets: the panes must not keep polling it.
        m_environment = Core::Environment{};
        (void)configurePrometheus();
        useAlertmanager(m_alertmanagerUrl);
        return;
    }
    if (m_secretNames.isEmpty() || !m_secrets) {
        connectBoth();
        return;
    }
    loadSecrets(m_request, m_secretNames);
}

void MonitoringConnection::loadSecrets(int request, QStringList names)
{
    if (names.isEmpty()) {
        connectBoth();
        return;
    }
    const QString name = names.takeFirst();
    m_secrets->load(name, [this, request, name, names](const Result<QString> &value) {
        if (request != m_request)
            return; // another environment was chosen meanwhile
        if (!value) {
            // Without it Prometheus may still answer (e.g. on a trusted network); if not, the panels say so
            // with its HTTP status.
            emit failed(
                tr("The Prometheus secret \"%1\" could not be read from the keychain (%2); connecting "
                   "without it.")
                    .arg(name, value.error().text()));
        } else {
            m_secretValues.insert(name, *value);
        }
        loadSecrets(request, names);
    });
}

void MonitoringConnection::connectBoth()
{
    const auto configured = configurePrometheus();
    // Alertmanager after Prometheus: the alerts pane's first poll asks both with their final settings.
    useAlertmanager(m_alertmanagerUrl);
    if (configured)
        emit prometheusReady(m_promUrl);
    else
        emit failed(tr("Prometheus not connected: %1").arg(configured.error().text()));
}

void MonitoringConnection::useAlertmanager(const QString &url)
{
    const QUrl parsed = url.trimmed().isEmpty() ? QUrl() : QUrl::fromUserInput(url.trimmed());
    if (m_alertmanager && m_alertmanager->config().url == parsed)
        return;
    // The pane lets go of the old client before it is deleted.
    auto old = std::move(m_alertmanager);
    if (parsed.isValid() && !parsed.isEmpty()) {
        auto client = std::make_unique<Prom::AlertmanagerClient>();
        Prom::ServerConfig config;
        config.url = parsed;
        config.name = QStringLiteral("Alertmanager");
        if (auto r = client->configure(config); r)
            m_alertmanager = std::move(client);
        else
            emit failed(tr("Alertmanager not connected: %1").arg(r.error().text()));
    }
    emit alertmanagerChanged(m_alertmanager.get());
}

} // namespace Sitrep::Ui
