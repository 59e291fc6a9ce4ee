#pragma once

#include "core/Environment.h"
#include "core/Result.h"
#include "prom/AlertmanagerClient.h" // complete: a signal carries a pointer to it

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
// panes. The Prometheus token named by the environment is read from the keychain (asynchronously) before the
// client is configured, so no request goes out without it; the value lives only in the client's memory and,
// through the SecretStore, in the Redactor: never in settings, files or the log.
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
    Sitrep::Core::Result<void> configurePrometheus(const QUrl &url, const QString &bearerToken);
    void connectBoth(const QString &bearerToken);
    void useAlertmanager(const QString &url);

    Sitrep::Secrets::SecretStore *m_secrets;
    std::unique_ptr<Sitrep::Prom::PromClient> m_prom;
    std::unique_ptr<Sitrep::Prom::AlertmanagerClient> m_alertmanager;
    QUrl m_promUrl;
    QString m_secretName; // keychain entry of the Prometheus token; empty: none
    QString m_alertmanagerUrl;
    int m_request = 0; // which apply() a secret read belongs to
};

} // namespace Sitrep::Ui
