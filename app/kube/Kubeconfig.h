#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include <optional>

namespace Sitrep::Kube {

// users[].user.exec: a credential plugin (client.authentication.k8s.io/v1 or v1beta1).
struct ExecConfig
{
    QString apiVersion;
    QString command;
    QStringList args;
    QList<QPair<QString, QString>> env;
    QString installHint;
    bool provideClusterInfo = false;
    QString interactiveMode; // Never / IfAvailable / Always; Sitrep never has a terminal to offer
};

// users[]: how to authenticate. Paths are already absolute (relative to the file that named them).
struct AuthInfo
{
    QString name;
    QString token;
    QString tokenFile;
    QString clientCertificate;
    QByteArray clientCertificateData; // decoded PEM
    QString clientKey;
    QByteArray clientKeyData; // decoded PEM
    QString username;
    QString password;
    std::optional<ExecConfig> exec;
    QString sourceFile;
};

// clusters[]: where the API server is and how to trust it.
struct ClusterInfo
{
    QString name;
    QString server;
    QString certificateAuthority;
    QByteArray certificateAuthorityData; // decoded PEM
    QString tlsServerName;
    bool insecureSkipTlsVerify = false;
    QString proxyUrl;
    QString sourceFile;
};

// contexts[]: a (cluster, user, namespace) triple with a name.
struct ContextInfo
{
    QString name;
    QString cluster;
    QString user;
    QString ns;
    QString sourceFile;
};

// Everything needed to talk to one cluster as one user: what a KubeClient is built from.
struct ClusterConfig
{
    ContextInfo context;
    ClusterInfo cluster;
    AuthInfo user;
    QString ns = QStringLiteral("default"); // the context's namespace, or "default"
    QStringList warnings;                   // shown by the UI (e.g. TLS verification disabled)
};

// The merged kubeconfig, read the way kubectl reads it: $KUBECONFIG files in order (first file
// to define a name wins, first non-empty current-context wins), else ~/.kube/config.
class Kubeconfig final
{
public:
    // The files kubectl would read for this environment (missing ones are skipped at load time).
    static QStringList
    defaultFiles(const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment());
    // Loads and merges; a file in the list that does not exist is ignored like kubectl does,
    // but at least one must exist.
    static Core::Result<Kubeconfig> loadFiles(const QStringList &files);
    static Core::Result<Kubeconfig>
    loadDefault(const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment());
    // The file the user named, or kubectl's default files when path is empty.
    static Core::Result<Kubeconfig> load(const QString &path);
    // Parses one file's text (fileName is used for messages and to resolve relative paths).
    static Core::Result<Kubeconfig> parse(const QByteArray &yaml, const QString &fileName);

    // Adds what `other` defines and this one does not (kubectl's merge rule: first wins).
    void mergeFrom(const Kubeconfig &other);

    QString currentContext() const { return m_currentContext; }
    QStringList contextNames() const;
    const QList<ContextInfo> &contexts() const { return m_contexts; }
    const QList<ClusterInfo> &clusters() const { return m_clusters; }
    const QList<AuthInfo> &users() const { return m_users; }
    QStringList files() const { return m_files; }

    // The cluster/user/namespace of a context (the current one when empty).
    Core::Result<ClusterConfig> resolve(const QString &contextName = {}) const;

private:
    QString m_currentContext;
    QList<ContextInfo> m_contexts;
    QList<ClusterInfo> m_clusters;
    QList<AuthInfo> m_users;
    QStringList m_files;
};

} // namespace Sitrep::Kube
