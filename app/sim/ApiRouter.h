#pragma once

#include "sim/HttpRequest.h"

#include <QObject>
#include <QString>

#include <functional>

namespace Sitrep::Sim {

class FaultInjector;
class HttpConnection;
class ResourceCatalog;
class ResourceHandler;
class ClusterState;

// Dispatches requests of the simulated API: bearer-token check, fault injection, /version, discovery
// (aggregated and legacy), /metrics, health, the /sim admin endpoints, then resources.
class ApiRouter final
{
public:
    struct Settings
    {
        QString token; // empty: no authentication
        QString gitVersion = QStringLiteral("v1.32.4-sim");
        int minor = 32;
        QString serverAddress;    // host:port, for legacy /api
        bool metricsOnly = false; // the plain-HTTP metrics listener
    };
    struct Hooks
    {
        std::function<QByteArray()> metrics;
        std::function<void(int)> addSyntheticPods;
        std::function<void(int)> churn;
        std::function<void()> step;
        std::function<void(HttpConnection *, const HttpRequest &)> exec; // pods/exec and pods/attach
    };

    ApiRouter(ResourceHandler &resources, const ResourceCatalog &catalog, FaultInjector &faults,
              const ClusterState &state);

    void setSettings(const Settings &settings) { m_settings = settings; }
    const Settings &settings() const { return m_settings; }
    void setHooks(const Hooks &hooks) { m_hooks = hooks; }

    void handle(HttpConnection *c, const HttpRequest &req);

private:
    bool authorized(const HttpRequest &req) const;
    bool applyFault(HttpConnection *c, const HttpRequest &req, int *watchFault, int *dropAfter);
    void discovery(HttpConnection *c, const HttpRequest &req, const QStringList &segments);
    void admin(HttpConnection *c, const HttpRequest &req);

    ResourceHandler &m_resources;
    const ResourceCatalog &m_catalog;
    FaultInjector &m_faults;
    const ClusterState &m_state;
    Settings m_settings;
    Hooks m_hooks;
};

} // namespace Sitrep::Sim
