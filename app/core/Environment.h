#pragma once

#include "core/Result.h"

#include <QList>
#include <QString>

class QSettings;

namespace Sitrep::Core {

// One place Sitrep can point at (prod-eu, staging, the demo): cluster context, Prometheus,
// Alertmanager, SSH bastion. Secrets are not here: only names of keychain entries.
struct Environment
{
    QString name;
    QString colour = QStringLiteral("#c62828"); // the banner colour, so nobody acts on the wrong cluster
    QString kubeconfig;                         // empty = $KUBECONFIG / ~/.kube/config
    QString kubeContext;                        // empty = none
    QString prometheusUrl;
    QString prometheusSecret; // keychain entry name for its token or password
    QString alertmanagerUrl;
    QString sshBastion;             // user@host[:port]
    QString sshIdentityFile;        // private key file; empty: the SSH agent's keys
    QString sshKeySecret;           // keychain entry name for the key passphrase
    QStringList otherContexts = {}; // more clusters watched with kubeContext (other regions), same kubeconfig
    // The database a runbook's SQL steps run against: a libpq URL (its password in the keychain under
    // databaseSecret), and/or a pod to run psql in through kubectl exec ("[namespace/]pod[:container]").
    QString databaseUrl = {};
    QString databaseSecret = {};
    QString databasePod = {};
    // Prometheus as a Grafana data source reaches it: a CA file, a client certificate and key, the name its
    // certificate carries, skip-verify (the banner warns), basic auth (prometheusUser, the password in the
    // keychain under prometheusSecret; without a user that entry is a bearer token) and custom headers
    // ("Name=keychain entry": their values are secrets too).
    QString prometheusCaFile = {};
    QString prometheusClientCert = {};
    QString prometheusClientKey = {};
    QString prometheusServerName = {};
    bool prometheusSkipVerify = false;
    QString prometheusUser = {};
    QStringList prometheusHeaders = {};

    bool hasCluster() const { return !kubeContext.isEmpty(); }
    // kubeContext, then the other contexts: every cluster the environment watches.
    QStringList contexts() const;
    bool hasPrometheus() const { return !prometheusUrl.isEmpty(); }
    // Sentences naming what is not configured, for the first-run screen.
    QStringList missing() const;
    Result<void> validate() const;
};

// The environments kept in the user's settings, and which one is active.
class EnvironmentStore final
{
public:
    explicit EnvironmentStore(QSettings &settings)
        : m_settings(settings)
    {}

    QList<Environment> load() const;
    void save(const QList<Environment> &environments);
    QString activeName() const;
    void setActiveName(const QString &name);
    std::optional<Environment> active() const;
    bool isFirstRun() const;

private:
    QSettings &m_settings;
};

} // namespace Sitrep::Core
