#include "core/Environment.h"

#include <QFileInfo>
#include <QRegularExpression>
#include <QSettings>
#include <QUrl>

namespace Sitrep::Core {

QStringList Environment::missing() const
{
    QStringList out;
    if (!hasCluster())
        out << QStringLiteral("No Kubernetes context is chosen: the pods, events and logs panes stay empty.");
    if (!hasPrometheus())
        out << QStringLiteral("No Prometheus URL is set: the charts and alerts panes stay empty.");
    return out;
}

QStringList Environment::contexts() const
{
    QStringList out;
    for (const QString &c : QStringList{kubeContext} + otherContexts)
        if (!c.trimmed().isEmpty() && !out.contains(c.trimmed()))
            out << c.trimmed();
    return out;
}

Result<void> Environment::validate() const
{
    if (name.trimmed().isEmpty())
        return makeError(QStringLiteral("an environment needs a name"), QStringLiteral("name"));
    for (const auto &[field, value] : {std::pair{QStringLiteral("prometheusUrl"), prometheusUrl},
                                       std::pair{QStringLiteral("alertmanagerUrl"), alertmanagerUrl}}) {
        if (value.isEmpty())
            continue;
        const QUrl url(value, QUrl::StrictMode);
        if (!url.isValid() ||
            (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")) ||
            url.host().isEmpty())
            return makeError(QStringLiteral("\"%1\" is not an http(s) URL").arg(value), field);
        if (!url.password().isEmpty())
            return makeError(QStringLiteral("put the password in the keychain, not in the URL"), field);
    }
    if (!databaseUrl.isEmpty()) {
        const QUrl url(databaseUrl, QUrl::StrictMode);
        if (!url.isValid() ||
            (url.scheme() != QLatin1String("postgresql") && url.scheme() != QLatin1String("postgres")))
            return makeError(
                QStringLiteral("\"%1\" is not a PostgreSQL URL (postgresql://user@host:5432/dbname)")
                    .arg(databaseUrl),
                QStringLiteral("databaseUrl"));
        if (!url.password().isEmpty())
            return makeError(QStringLiteral("put the database password in the keychain, not in the URL"),
                             QStringLiteral("databaseUrl"));
    }
    static const QRegularExpression pod(
        QStringLiteral("^([a-z0-9]([-a-z0-9]*[a-z0-9])?/)?[a-z0-9]([-.a-z0-9]*[a-z0-9])?"
                       "(:[a-z0-9]([-a-z0-9]*[a-z0-9])?)?$"));
    if (!databasePod.isEmpty() && !pod.match(databasePod).hasMatch())
        return makeError(QStringLiteral("\"%1\" is not a pod to run psql in ([namespace/]pod[:container])")
                             .arg(databasePod),
                         QStringLiteral("databasePod"));
    for (const auto &[field, path] :
         {std::pair{QStringLiteral("prometheusCaFile"), prometheusCaFile},
          std::pair{QStringLiteral("prometheusClientCert"), prometheusClientCert},
          std::pair{QStringLiteral("prometheusClientKey"), prometheusClientKey}}) {
        if (!path.isEmpty() && !(QFileInfo(path).isFile() && QFileInfo(path).isReadable()))
            return makeError(QStringLiteral("\"%1\" is not a readable file").arg(path), field);
    }
    if (prometheusClientCert.isEmpty() != prometheusClientKey.isEmpty())
        return prometheusClientKey.isEmpty() ? makeError(QStringLiteral("a client certificate needs its key"),
                                                         QStringLiteral("prometheusClientKey"))
                                             : makeError(QStringLiteral("a client key needs its certificate"),
                                                         QStringLiteral("prometheusClientCert"));
    static const QRegularExpression token(QStringLiteral("^\\s*[!#$%&'*+.^_`|~0-9A-Za-z-]+\\s*=\\s*\\S.*$"));
    for (const QString &h : prometheusHeaders) {
        if (!token.match(h).hasMatch())
            return makeError(
                QStringLiteral("\"%1\" is not an HTTP header name with its keychain entry (Name=entry)")
                    .arg(h),
                QStringLiteral("prometheusHeaders"));
    }
    static const QRegularExpression hex(QStringLiteral("^#[0-9a-fA-F]{6}$"));
    if (!hex.match(colour).hasMatch())
        return makeError(QStringLiteral("\"%1\" is not a colour").arg(colour), QStringLiteral("colour"));
    return {};
}

QList<Environment> EnvironmentStore::load() const
{
    QList<Environment> out;
    const int n = m_settings.beginReadArray(QStringLiteral("environments"));
    for (int i = 0; i < n; ++i) {
        m_settings.setArrayIndex(i);
        Environment e;
        e.name = m_settings.value(QStringLiteral("name")).toString();
        e.colour = m_settings.value(QStringLiteral("colour"), e.colour).toString();
        e.kubeconfig = m_settings.value(QStringLiteral("kubeconfig")).toString();
        e.kubeContext = m_settings.value(QStringLiteral("kubeContext")).toString();
        e.otherContexts = m_settings.value(QStringLiteral("otherContexts")).toStringList();
        e.prometheusUrl = m_settings.value(QStringLiteral("prometheusUrl")).toString();
        e.prometheusSecret = m_settings.value(QStringLiteral("prometheusSecret")).toString();
        e.alertmanagerUrl = m_settings.value(QStringLiteral("alertmanagerUrl")).toString();
        e.sshBastion = m_settings.value(QStringLiteral("sshBastion")).toString();
        e.sshIdentityFile = m_settings.value(QStringLiteral("sshIdentityFile")).toString();
        e.sshKeySecret = m_settings.value(QStringLiteral("sshKeySecret")).toString();
        e.databaseUrl = m_settings.value(QStringLiteral("databaseUrl")).toString();
        e.databaseSecret = m_settings.value(QStringLiteral("databaseSecret")).toString();
        e.databasePod = m_settings.value(QStringLiteral("databasePod")).toString();
        e.prometheusCaFile = m_settings.value(QStringLiteral("prometheusCaFile")).toString();
        e.prometheusClientCert = m_settings.value(QStringLiteral("prometheusClientCert")).toString();
        e.prometheusClientKey = m_settings.value(QStringLiteral("prometheusClientKey")).toString();
        e.prometheusServerName = m_settings.value(QStringLiteral("prometheusServerName")).toString();
        e.prometheusSkipVerify = m_settings.value(QStringLiteral("prometheusSkipVerify"), false).toBool();
        e.prometheusUser = m_settings.value(QStringLiteral("prometheusUser")).toString();
        e.prometheusHeaders = m_settings.value(QStringLiteral("prometheusHeaders")).toStringList();
        out.append(e);
    }
    m_settings.endArray();
    return out;
}

void EnvironmentStore::save(const QList<Environment> &environments)
{
    m_settings.beginWriteArray(QStringLiteral("environments"), int(environments.size()));
    for (int i = 0; i < environments.size(); ++i) {
        const Environment &e = environments.at(i);
        m_settings.setArrayIndex(i);
        m_settings.setValue(QStringLiteral("name"), e.name);
        m_settings.setValue(QStringLiteral("colour"), e.colour);
        m_settings.setValue(QStringLiteral("kubeconfig"), e.kubeconfig);
        m_settings.setValue(QStringLiteral("kubeContext"), e.kubeContext);
        m_settings.setValue(QStringLiteral("otherContexts"), e.otherContexts);
        m_settings.setValue(QStringLiteral("prometheusUrl"), e.prometheusUrl);
        m_settings.setValue(QStringLiteral("prometheusSecret"), e.prometheusSecret);
        m_settings.setValue(QStringLiteral("alertmanagerUrl"), e.alertmanagerUrl);
        m_settings.setValue(QStringLiteral("sshBastion"), e.sshBastion);
        m_settings.setValue(QStringLiteral("sshIdentityFile"), e.sshIdentityFile);
        m_settings.setValue(QStringLiteral("sshKeySecret"), e.sshKeySecret);
        m_settings.setValue(QStringLiteral("databaseUrl"), e.databaseUrl);
        m_settings.setValue(QStringLiteral("databaseSecret"), e.databaseSecret);
        m_settings.setValue(QStringLiteral("databasePod"), e.databasePod);
        m_settings.setValue(QStringLiteral("prometheusCaFile"), e.prometheusCaFile);
        m_settings.setValue(QStringLiteral("prometheusClientCert"), e.prometheusClientCert);
        m_settings.setValue(QStringLiteral("prometheusClientKey"), e.prometheusClientKey);
        m_settings.setValue(QStringLiteral("prometheusServerName"), e.prometheusServerName);
        m_settings.setValue(QStringLiteral("prometheusSkipVerify"), e.prometheusSkipVerify);
        m_settings.setValue(QStringLiteral("prometheusUser"), e.prometheusUser);
        m_settings.setValue(QStringLiteral("prometheusHeaders"), e.prometheusHeaders);
    }
    m_settings.endArray();
    m_settings.sync();
}

QString EnvironmentStore::activeName() const
{
    return m_settings.value(QStringLiteral("activeEnvironment")).toString();
}

void EnvironmentStore::setActiveName(const QString &name)
{
    m_settings.setValue(QStringLiteral("activeEnvironment"), name);
}

std::optional<Environment> EnvironmentStore::active() const
{
    const QString name = activeName();
    for (const auto &e : load()) {
        if (e.name == name)
            return e;
    }
    return std::nullopt;
}

bool EnvironmentStore::isFirstRun() const
{
    return !m_settings.contains(QStringLiteral("environments/size"));
}

} // namespace Sitrep::Core
