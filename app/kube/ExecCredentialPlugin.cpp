#include "kube/ExecCredentialPlugin.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTimer>

namespace Sitrep::Kube {

using Core::makeError;
using Core::Result;

ExecCredentialPlugin::ExecCredentialPlugin(ExecConfig exec, ClusterInfo cluster, const Core::Clock &clock,
                                           QObject *parent)
    : QObject(parent)
    , m_exec(std::move(exec))
    , m_cluster(std::move(cluster))
    , m_clock(clock)
    , m_timer(new QTimer(this))
{
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, [this] {
        if (!m_process)
            return;
        m_process->disconnect(this);
        m_process->kill();
        m_process->deleteLater();
        m_process = nullptr;
        emit failed(QStringLiteral("the credential plugin \"%1\" did not answer within %2 s")
                        .arg(m_exec.command)
                        .arg(m_timeoutMs / 1000));
    });
}

ExecCredentialPlugin::~ExecCredentialPlugin()
{
    if (m_process) {
        m_process->disconnect(this);
        m_process->kill();
        m_process->waitForFinished(1000);
    }
}

std::optional<Credential> ExecCredentialPlugin::cached() const
{
    if (m_cache && !m_cache->expiredAt(m_clock.now()))
        return m_cache;
    return std::nullopt;
}

void ExecCredentialPlugin::invalidate()
{
    m_cache.reset();
}

QByteArray ExecCredentialPlugin::execInfo() const
{
    QJsonObject spec{{QStringLiteral("interactive"), false}};
    if (m_exec.provideClusterInfo) {
        QJsonObject cluster{{QStringLiteral("server"), m_cluster.server}};
        if (!m_cluster.tlsServerName.isEmpty())
            cluster.insert(QStringLiteral("tls-server-name"), m_cluster.tlsServerName);
        if (m_cluster.insecureSkipTlsVerify)
            cluster.insert(QStringLiteral("insecure-skip-tls-verify"), true);
        if (!m_cluster.certificateAuthorityData.isEmpty())
            cluster.insert(QStringLiteral("certificate-authority-data"),
                           QString::fromLatin1(m_cluster.certificateAuthorityData.toBase64()));
        spec.insert(QStringLiteral("cluster"), cluster);
    }
    const QJsonObject info{{QStringLiteral("kind"), QStringLiteral("ExecCredential")},
                           {QStringLiteral("apiVersion"), m_exec.apiVersion},
                           {QStringLiteral("spec"), spec}};
    return QJsonDocument(info).toJson(QJsonDocument::Compact);
}

void ExecCredentialPlugin::fetch()
{
    if (m_process)
        return;
    ++m_runs;
    m_process = new QProcess(this);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const auto &[k, v] : m_exec.env)
        env.insert(k, v);
    env.insert(QStringLiteral("KUBERNETES_EXEC_INFO"), QString::fromUtf8(execInfo()));
    m_process->setProcessEnvironment(env);
    m_process->setProgram(m_exec.command);
    m_process->setArguments(m_exec.args);
    // stdin is closed: Sitrep has no terminal to offer an interactive login.
    m_process->setStandardInputFile(QProcess::nullDevice());
    connect(m_process, &QProcess::finished, this, &ExecCredentialPlugin::onFinished);
    connect(m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError e) {
        if (e != QProcess::FailedToStart || !m_process)
            return;
        const QString why = m_process->errorString();
        m_process->deleteLater();
        m_process = nullptr;
        m_timer->stop();
        QString msg =
            QStringLiteral("the credential plugin \"%1\" could not be started: %2").arg(m_exec.command, why);
        if (!m_exec.installHint.isEmpty())
            msg += QStringLiteral(". ") + m_exec.installHint.trimmed();
        emit failed(msg);
    });
    m_timer->start(m_timeoutMs);
    m_process->start();
}

void ExecCredentialPlugin::onFinished()
{
    QProcess *p = m_process;
    if (!p)
        return;
    m_process = nullptr;
    m_timer->stop();
    p->deleteLater();
    const QByteArray out = p->readAllStandardOutput();
    const QString err = QString::fromUtf8(p->readAllStandardError()).trimmed();
    if (p->exitStatus() != QProcess::NormalExit || p->exitCode() != 0) {
        emit failed(QStringLiteral("the credential plugin \"%1\" failed (exit %2)%3")
                        .arg(m_exec.command)
                        .arg(p->exitCode())
                        .arg(err.isEmpty() ? QString() : QStringLiteral(": ") + err.left(500)));
        return;
    }
    auto cred = parseOutput(out, m_exec.apiVersion);
    if (!cred) {
        emit failed(
            QStringLiteral("the credential plugin \"%1\" %2").arg(m_exec.command, cred.error().message));
        return;
    }
    m_cache = *cred;
    emit ready(*cred);
}

Result<Credential> ExecCredentialPlugin::parseOutput(const QByteArray &json,
                                                     const QString &expectedApiVersion)
{
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject())
        return makeError(
            QStringLiteral("printed something that is not an ExecCredential JSON object (%1 at offset %2)")
                .arg(pe.errorString())
                .arg(pe.offset));
    const QJsonObject o = doc.object();
    if (o.value(QStringLiteral("kind")).toString() != QLatin1String("ExecCredential"))
        return makeError(QStringLiteral("printed kind \"%1\" instead of ExecCredential")
                             .arg(o.value(QStringLiteral("kind")).toString()));
    const QString apiVersion = o.value(QStringLiteral("apiVersion")).toString();
    if (!expectedApiVersion.isEmpty() && apiVersion != expectedApiVersion)
        return makeError(QStringLiteral("answered with apiVersion \"%1\" but the kubeconfig asks for \"%2\"")
                             .arg(apiVersion, expectedApiVersion));
    const QJsonObject status = o.value(QStringLiteral("status")).toObject();
    Credential c;
    c.token = status.value(QStringLiteral("token")).toString();
    c.clientCertificatePem = status.value(QStringLiteral("clientCertificateData")).toString().toUtf8();
    c.clientKeyPem = status.value(QStringLiteral("clientKeyData")).toString().toUtf8();
    const QString exp = status.value(QStringLiteral("expirationTimestamp")).toString();
    if (!exp.isEmpty()) {
        c.expiry = QDateTime::fromString(exp, Qt::ISODateWithMs);
        if (!c.expiry.isValid())
            return makeError(QStringLiteral("printed an unreadable expirationTimestamp \"%1\"").arg(exp));
    }
    if (c.token.isEmpty() && (c.clientCertificatePem.isEmpty() || c.clientKeyPem.isEmpty()))
        return makeError(QStringLiteral("printed neither status.token nor status.clientCertificateData and "
                                        "clientKeyData"));
    return c;
}

} // namespace Sitrep::Kube
