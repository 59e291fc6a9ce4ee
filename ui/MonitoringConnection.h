#pragma once

#include "core/Environment.h"
#include "core/Result.h"
#include "prom/AlertmanagerClient.h" // complete: a signal carries a pointer to it

#include <QHash>
#include <QObject>
#include <QUrl>

#include <memory>

namespace Sitrep::Prom {
class PromClient;
}
namespace Sitrep::Secrets {
class SecretStore;
}

namespace Sitrep::Ui {

// The live Prometheus and Alertmanager clients of the active environment, shared by the charts and alerts
// panes. Prometheus is reached as Grafana's data source reaches it (PrometheusSettings: TLS files, server
// name, skip-verify, basic auth or a token, custom headers); the secrets it names are read from the keychain
// (asynchronously) before the client is configured, so no request goes out without them; the values live
// only in the client's memory and, through the SecretStore, in the Redactor: never in settings, files or
// the log.
class MonitoringConnection final : public QObject
{
    Q_OBJECT
public:
    explicit MonitoringConnection(Sitrep::Secrets::SecretStore *secrets, QObject *parent = nullptr);
    ~MonitoringConnection() override;

    // Always there (the panes hold it); usable once prometheusReady was emitted.
    Sitrep::Prom::PromClient *prometheus() const { return m_prom.get(); }
    // Null while the environment names no Alertmanager.
    Sitrep::Prom::AlertmanagerClient *alertmanager() const { return m_alertmanager.get(); }

    // Points both clients at what the environment names, once the Prometheus token has been read from the
    // keychain: Prometheus first (prometheusReady), then Alertmanager (alertmanagerChanged). A later apply()
    // or usePrometheus() wins over an earlier apply() whose secret has not arrived yet.
    void apply(const Sitrep::Core::Environment &environment);
    // A Prometheus that needs no credentials (the demo's), configured at once.
    Sitrep::Core::Result<void> usePrometheus(const QUrl &url);

signals:
    void prometheusReady(const QUrl &url);
    void alertmanagerChanged(Sitrep::Prom::AlertmanagerClient *alertmanager);
    // What did not work, as a sentence for the status bar.
    void failed(const QString &sentence);

private:
    Sitrep::Core::Result<void> configurePrometheus();
    // Reads the next secret the environment names, then connects once all are in.
    void loadSecrets(int request, QStringList names);
    void connectBoth();
    void useAlertmanager(const QString &url);

    Sitrep::Secrets::SecretStore *m_secrets;
    std::unique_ptr<Sitrep::Prom::PromClient> m_prom;
    std::unique_ptr<Sitrep::Prom::AlertmanagerClient> m_alertmanager;
    QUrl m_promUrl;
    Sitrep::Core::Environment m_environment; // its Prometheus settings (no secrets)
    QStringList m_secretNames;               // keychain entries they name
    QHash<QString, QString> m_secretValues;  // read for this environment
    QString m_alertmanagerUrl;
    int m_request = 0; // which apply() a secret read belongs to
};

} // namespace Sitrep::Ui
