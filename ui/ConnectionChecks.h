#pragma once

#include "ConnectionDialog.h"
#include "core/Clock.h"

#include <QHash>
#include <QObject>

namespace Sitrep::Secrets {
class SecretStore;
}

namespace Sitrep::Ui {

// The connection dialog's Test buttons, done with the clients the panes use, so a passing test means the
// panes will connect too: the cluster (GET /version, then a one-pod list to prove the credentials and RBAC),
// Prometheus (buildinfo), Alertmanager (silences) and the SSH bastion (runs `true`). Each answers with a
// sentence that says what worked or failed.
class ConnectionChecks final : public QObject
{
    Q_OBJECT
public:
    ConnectionChecks(const Sitrep::Core::Clock &clock, Sitrep::Secrets::SecretStore *secrets,
                     QObject *parent = nullptr);

    ConnectionTesters testers();
    void setTimeoutMs(int ms) { m_timeoutMs = ms; }

    static QStringList contexts(const QString &kubeconfig);
    void testCluster(const Sitrep::Core::Environment &env, ConnectionTesters::Done done);
    void testPrometheus(const Sitrep::Core::Environment &env, ConnectionTesters::Done done);
    void testAlertmanager(const Sitrep::Core::Environment &env, ConnectionTesters::Done done);
    void testSsh(const Sitrep::Core::Environment &env, ConnectionTesters::Done done);

private:
    // A secret typed in the dialog (held for Test), else the keychain's.
    QString secret(const QString &name) const;

    const Sitrep::Core::Clock &m_clock;
    Sitrep::Secrets::SecretStore *m_secrets;
    // Typed but not saved: only the checks use them; the live clients and the keychain never see them.
    QHash<QString, QString> m_held;
    int m_timeoutMs = 8000;
};

} // namespace Sitrep::Ui
