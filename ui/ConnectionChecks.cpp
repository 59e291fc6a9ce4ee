#include "ConnectionChecks.h"

#include "kube/KubeCall.h"
#include "kube/KubeClient.h"
#include "kube/Kubeconfig.h"
#include "prom/AlertmanagerClient.h"
#include "prom/PromClient.h"
#include "prom/PrometheusSettings.h"
#include "runbook/SshRunner.h"
#include "secrets/SecretStore.h"

#include <QJsonObject>
#include <QPointer>

#include <memory>

using namespace Sitrep::Core;

namespace Sitrep::Ui {

ConnectionChecks::ConnectionChecks(const Clock &clock, Secrets::SecretStore *secrets, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
    , m_secrets(secrets)
{}

ConnectionTesters ConnectionChecks::testers()
{
    ConnectionTesters t;
    t.listContexts = &ConnectionChecks::contexts;
    t.testCluster = [this](const Environment &e, ConnectionTesters::Done d) { testCluster(e, std::move(d)); };
    t.testPrometheus = [this](const Environment &e, ConnectionTesters::Done d) {
        testPrometheus(e, std::move(d));
    };
    t.testAlertmanager = [this](const Environment &e, ConnectionTesters::Done d) {
        testAlertmanager(e, std::move(d));
    };
    t.testSsh = [this](const Environment &e, ConnectionTesters::Done d) { testSsh(e, std::move(d)); };
    t.holdSecret = [this](const QString &name, const QString &value) { m_held.insert(name, value); };
    if (m_secrets)
        t.storeSecret = [this](const QString &name, const QString &value) {
            m_held.remove(name);
            m_secrets->store(name, value);
        };
    return t;
}

QString ConnectionChecks::secret(const QString &name) const
{
    if (const auto it = m_held.constFind(name); it != m_held.constEnd())
        return it.value();
    return m_secrets ? m_secrets->cached(name) : QString();
}

QStringList ConnectionChecks::contexts(const QString &kubeconfig)
{
    const auto kc = Kube::Kubeconfig::load(kubeconfig);
    return kc ? kc->contextNames() : QStringList{};
}

void ConnectionChecks::testCluster(const Environment &env, ConnectionTesters::Done done)
{
    if (env.kubeContext.isEmpty())
        return done(false, tr("No cluster context chosen."));
    const auto kc = Kube::Kubeconfig::load(env.kubeconfig);
    if (!kc)
        return done(false, kc.error().text());
    const auto cfg = kc->resolve(env.kubeContext);
    if (!cfg)
        return done(false, cfg.error().text());
    auto created = Kube::KubeClient::create(*cfg, m_clock);
    if (!created)
        return done(false, created.error().text());
    // The client lives until the last answer; /version needs no credentials on most clusters, so a one-pod
    // list follows to prove the token and the RBAC the panes need.
    std::shared_ptr<Kube::KubeClient> client(std::move(created).value().release(),
                                             [](Kube::KubeClient *c) { c->deleteLater(); });
    Kube::KubeRequest version;
    version.path = QStringLiteral("/version");
    version.timeoutMs = m_timeoutMs;
    version.what = tr("ask the cluster for its version");
    Kube::KubeCall *call = client->send(version);
    const QString ns = cfg->ns.isEmpty() ? QStringLiteral("default") : cfg->ns;
    const int timeout = m_timeoutMs;
    connect(call, &Kube::KubeCall::finished, this, [this, call, client, ns, timeout, done] {
        if (!call->ok())
            return done(false, call->errorText());
        const QString gitVersion = call->json().value(QLatin1String("gitVersion")).toString();
        Kube::KubeRequest pods;
        pods.path = Kube::resourcePath({}, QStringLiteral("v1"), QStringLiteral("pods"), ns);
        pods.query.addQueryItem(QStringLiteral("limit"), QStringLiteral("1"));
        pods.timeoutMs = timeout;
        pods.what = tr("list pods in %1").arg(ns);
        Kube::KubeCall *list = client->send(pods);
        connect(list, &Kube::KubeCall::finished, this, [list, client, ns, gitVersion, done] {
            if (!list->ok())
                return done(false, tr("The server answered (Kubernetes %1) but: %2")
                                       .arg(gitVersion.isEmpty() ? tr("unknown version") : gitVersion,
                                            list->errorText()));
            done(true, tr("Kubernetes %1 at %2 answered; pods in %3 can be listed.")
                           .arg(gitVersion, client->server().toDisplayString(), ns));
        });
    });
}

void ConnectionChecks::testPrometheus(const Environment &env, ConnectionTesters::Done done)
{
    const QUrl url = QUrl::fromUserInput(env.prometheusUrl);
    if (env.prometheusUrl.isEmpty() || !url.isValid())
        return done(false, tr("No Prometheus URL given."));
    // The settings the charts use (TLS, server name, auth, headers), with typed secrets before saved ones.
    Prom::ServerConfig config =
        Prom::PrometheusSettings::serverConfig(env, [this](const QString &name) { return secret(name); });
    config.timeoutMs = m_timeoutMs;
    auto client = std::shared_ptr<Prom::PromClient>(new Prom::PromClient,
                                                    [](Prom::PromClient *c) { c->deleteLater(); });
    if (auto r = client->configure(config); !r)
        return done(false, r.error().text());
    client->buildInfo(this, [client, url, done](Result<Prom::BuildInfo> info) {
        if (!info)
            return done(false, info.error().text());
        done(true, tr("Prometheus %1 at %2 answered.")
                       .arg(info->version, url.toDisplayString(QUrl::RemoveUserInfo)));
    });
}

void ConnectionChecks::testAlertmanager(const Environment &env, ConnectionTesters::Done done)
{
    const QUrl url = QUrl::fromUserInput(env.alertmanagerUrl);
    if (env.alertmanagerUrl.isEmpty() || !url.isValid())
        return done(false, tr("No Alertmanager URL given."));
    Prom::ServerConfig config;
    config.url = url;
    config.name = QStringLiteral("Alertmanager");
    config.timeoutMs = m_timeoutMs;
    auto client = std::shared_ptr<Prom::AlertmanagerClient>(
        new Prom::AlertmanagerClient, [](Prom::AlertmanagerClient *c) { c->deleteLater(); });
    if (auto r = client->configure(config); !r)
        return done(false, r.error().text());
    client->silences(this, [client, url, done](Result<QList<Prom::Silence>> silences) {
        if (!silences)
            return done(false, silences.error().text());
        done(true, tr("Alertmanager at %1 answered (%n silence(s)).", nullptr, int(silences->size()))
                       .arg(url.toDisplayString()));
    });
}

void ConnectionChecks::testSsh(const Environment &env, ConnectionTesters::Done done)
{
    auto parsed = Runbook::SshConfig::fromDestination(env.sshBastion);
    if (!parsed) {
        QString sentence = parsed.error().message;
        sentence[0] = sentence[0].toUpper();
        return done(false, sentence + QLatin1Char('.'));
    }
    Runbook::SshConfig config = *parsed;
    config.connectTimeoutSeconds = std::max(1, m_timeoutMs / 1000);
    config.identityFile = env.sshIdentityFile;
    if (!env.sshKeySecret.isEmpty())
        config.passphrase = secret(env.sshKeySecret);
    auto *runner = new Runbook::SshRunner(config, this);
    connect(runner, &Runbook::SshRunner::finished, this, [runner, env, done](const Runbook::RunResult &r) {
        runner->deleteLater();
        if (r.ok())
            done(true, tr("Logged in to %1 and ran a command.").arg(env.sshBastion));
        else
            done(false,
                 r.error.isEmpty()
                     ? tr("The command on %1 failed with exit code %2.").arg(env.sshBastion).arg(r.exitCode)
                     : r.error);
    });
    Runbook::RunRequest request;
    request.prepared.stepId = QStringLiteral("ssh-check");
    request.prepared.command = request.prepared.display = QStringLiteral("true");
    request.target.sshHost = config.host;
    request.target.sshPort = config.port;
    request.target.sshUser = config.user;
    request.timeoutMs = m_timeoutMs;
    runner->start(request);
}

} // namespace Sitrep::Ui
