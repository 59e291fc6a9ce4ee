#include "prom/PrometheusSettings.h"

namespace Sitrep::Prom {

QPair<QString, QString> PrometheusSettings::header(const QString &entry)
{
    const qsizetype eq = entry.indexOf(QLatin1Char('='));
    if (eq <= 0)
        return {entry.trimmed(), QString()};
    return {entry.left(eq).trimmed(), entry.mid(eq + 1).trimmed()};
}

QString PrometheusSettings::headerSecretName(const QString &environment, const QString &header)
{
    return QStringLiteral("prometheus/%1/header/%2").arg(environment, header);
}

QStringList PrometheusSettings::secretNames(const Core::Environment &e)
{
    QStringList out;
    if (!e.prometheusSecret.isEmpty())
        out << e.prometheusSecret;
    for (const QString &h : e.prometheusHeaders) {
        const QString entry = header(h).second;
        if (!entry.isEmpty() && !out.contains(entry))
            out << entry;
    }
    return out;
}

ServerConfig PrometheusSettings::serverConfig(const Core::Environment &e,
                                              const std::function<QString(const QString &)> &secret)
{
    ServerConfig c;
    c.url = e.hasPrometheus() ? QUrl::fromUserInput(e.prometheusUrl.trimmed()) : QUrl();
    c.name = QStringLiteral("Prometheus");
    c.caFile = e.prometheusCaFile;
    c.clientCertFile = e.prometheusClientCert;
    c.clientKeyFile = e.prometheusClientKey;
    c.serverName = e.prometheusServerName;
    c.insecureSkipVerify = e.prometheusSkipVerify;
    const QString stored = e.prometheusSecret.isEmpty() || !secret ? QString() : secret(e.prometheusSecret);
    // With a user the stored secret is the basic-auth password; without, a bearer token (Grafana's two).
    if (!e.prometheusUser.isEmpty()) {
        c.basicUser = e.prometheusUser;
        c.basicPassword = stored;
    } else {
        c.bearerToken = stored;
    }
    for (const QString &h : e.prometheusHeaders) {
        const auto [name, entry] = header(h);
        if (!name.isEmpty())
            c.headers.append(
                {name.toLatin1(), (secret && !entry.isEmpty() ? secret(entry) : QString()).toUtf8()});
    }
    return c;
}

} // namespace Sitrep::Prom
