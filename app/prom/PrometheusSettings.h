#pragma once

#include "core/Environment.h"
#include "prom/ServerConfig.h"

#include <QPair>
#include <QStringList>

#include <functional>

namespace Sitrep::Prom {

// How an environment reaches its Prometheus, the way Grafana's Prometheus data source connects: URL, CA
// file, client certificate and key, server name, skip-verify, basic auth or a bearer token, custom headers;
// the secrets (token, password, header values) come from the keychain by name. The charts, the alerts pane
// and the connection check all build their client from here, so a passing check means the panes connect.
class PrometheusSettings final
{
public:
    // Every keychain entry the connection needs: the token or password, then each header's value.
    static QStringList secretNames(const Core::Environment &environment);
    // secret(name) gives a keychain entry's value ("" when there is none).
    static ServerConfig serverConfig(const Core::Environment &environment,
                                     const std::function<QString(const QString &)> &secret);
    // "X-Scope-OrgID=prometheus/prod/header/X-Scope-OrgID" -> {header name, keychain entry}
    static QPair<QString, QString> header(const QString &entry);
    // The keychain entry a header's value is stored under when it is typed in the settings.
    static QString headerSecretName(const QString &environment, const QString &header);
};

} // namespace Sitrep::Prom
