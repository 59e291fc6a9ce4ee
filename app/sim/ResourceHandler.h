#pragma once

#include "sim/HttpRequest.h"
#include "sim/ResourceCatalog.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace Sitrep::Sim {

class ClusterState;
class Controllers;
class HttpConnection;
class PodLogs;
class Scenario;
class WatchHub;

// Where a resource request points: /api/v1/namespaces/NS/pods/NAME/log -> {pods, NS, NAME, log}.
struct ResourcePath
{
    const ResourceType *type = nullptr;
    QString ns;
    QString name;
    QString subresource;
};

// The verbs on resources: list (paged, Table or plain), watch, get, create, update, patch, delete,
// pods/log, deployments/scale, SelfSubjectAccessReview and metrics.k8s.io.
class ResourceHandler final
{
public:
    ResourceHandler(ClusterState &state, Controllers &controllers, PodLogs &logs, WatchHub &hub,
                    const ResourceCatalog &catalog);

    void setScenario(const Scenario *scenario) { m_scenario = scenario; }
    void setDeniedVerbs(const QStringList &rules) { m_denied = rules; }
    void setDropWatchAfter(int events) { m_dropWatchAfter = events; }

    void handle(HttpConnection *c, const HttpRequest &req, const ResourcePath &path);
    void watchExpired(HttpConnection *c, const HttpRequest &req, const ResourcePath &path, bool httpStatus);

    static QString encodeContinue(const QString &key, qint64 rv);
    static bool decodeContinue(const QString &token, QString *key, qint64 *rv);

private:
    void list(HttpConnection *c, const HttpRequest &req, const ResourcePath &path);
    void watch(HttpConnection *c, const HttpRequest &req, const ResourcePath &path);
    void get(HttpConnection *c, const HttpRequest &req, const ResourcePath &path);
    void create(HttpConnection *c, const HttpRequest &req, const ResourcePath &path);
    void replace(HttpConnection *c, const HttpRequest &req, const ResourcePath &path);
    void patch(HttpConnection *c, const HttpRequest &req, const ResourcePath &path);
    void remove(HttpConnection *c, const HttpRequest &req, const ResourcePath &path);
    void removeCollection(HttpConnection *c, const HttpRequest &req, const ResourcePath &path);
    void log(HttpConnection *c, const HttpRequest &req, const ResourcePath &path);
    void scale(HttpConnection *c, const HttpRequest &req, const ResourcePath &path);
    void accessReview(HttpConnection *c, const HttpRequest &req);
    void podMetrics(HttpConnection *c, const HttpRequest &req, const ResourcePath &path);
    void nodeMetrics(HttpConnection *c, const HttpRequest &req, const ResourcePath &path);
    // Stores a changed object and lets the controllers react to it.
    QJsonObject store(const ResourcePath &path, const QJsonObject &before, QJsonObject after);
    void afterChange(const ResourcePath &path, const QJsonObject &object, bool specChanged);
    bool wantsTable(const HttpRequest &req) const;
    QString qualifiedName(const ResourcePath &path) const;

    ClusterState &m_state;
    Controllers &m_controllers;
    PodLogs &m_logs;
    WatchHub &m_hub;
    const ResourceCatalog &m_catalog;
    const Scenario *m_scenario = nullptr;
    QStringList m_denied;
    int m_dropWatchAfter = -1;
};

} // namespace Sitrep::Sim
