#include "sim/ApiRouter.h"

#include "sim/ApiReply.h"
#include "sim/ClusterState.h"
#include "sim/FaultInjector.h"
#include "sim/HttpConnection.h"
#include "sim/ResourceCatalog.h"
#include "sim/ResourceHandler.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

using namespace Qt::Literals::StringLiterals;

namespace Sitrep::Sim {

ApiRouter::ApiRouter(ResourceHandler &resources, const ResourceCatalog &catalog, FaultInjector &faults,
                     const ClusterState &state)
    : m_resources(resources)
    , m_catalog(catalog)
    , m_faults(faults)
    , m_state(state)
{}

bool ApiRouter::authorized(const HttpRequest &req) const
{
    if (m_settings.token.isEmpty())
        return true;
    return req.header("authorization") == "Bearer " + m_settings.token.toUtf8();
}

bool ApiRouter::applyFault(HttpConnection *c, const HttpRequest &req, int *watchFault, int *dropAfter)
{
    const bool isWatch = req.flag(u"watch"_s);
    const auto fault = m_faults.take(req.method, req.path, isWatch, req.header("x-sim-fault"));
    if (!fault)
        return false;
    *watchFault = int(fault->kind);
    *dropAfter = fault->parameter;
    switch (fault->kind) {
    case FaultInjector::Kind::TooManyRequests:
        c->respond(429, "application/json",
                   QJsonDocument(
                       ApiReply::statusObject(429, u"TooManyRequests"_s,
                                              u"the server has received too many requests and has asked us "
                                              "to try again later"_s,
                                              {{u"retryAfterSeconds"_s, 1}}))
                       .toJson(QJsonDocument::Compact),
                   {{"Retry-After", "1"}});
        return true;
    case FaultInjector::Kind::InternalError:
        ApiReply::status(
            c, 500, u"InternalError"_s,
            u"an error on the server (\"injected fault\") has prevented the request from succeeding"_s);
        return true;
    case FaultInjector::Kind::Hang:
        c->hang();
        return true;
    case FaultInjector::Kind::MalformedJson:
        c->respond(200, "application/json",
                   "{\"kind\":\"PodList\",\"apiVersion\":\"v1\",\"items\":[{\"metadata\":");
        return true;
    case FaultInjector::Kind::Watch410:
    case FaultInjector::Kind::WatchExpired:
    case FaultInjector::Kind::DropWatch:
        return false; // handled once the resource is resolved
    }
    return false;
}

void ApiRouter::handle(HttpConnection *c, const HttpRequest &req)
{
    // The API server answers "/version/" like "/version" (the Python client asks with the slash).
    QString path = req.path;
    while (path.size() > 1 && path.endsWith(QLatin1Char('/')))
        path.chop(1);
    if (path == "/healthz"_L1 || path == "/livez"_L1 || path == "/readyz"_L1)
        return c->respond(200, "text/plain", "ok");
    if (path == "/metrics"_L1) {
        const QByteArray text = m_hooks.metrics ? m_hooks.metrics() : QByteArray();
        return c->respond(200, "text/plain; version=0.0.4; charset=utf-8", text);
    }
    if (m_settings.metricsOnly)
        return ApiReply::status(c, 404, u"NotFound"_s, u"this listener serves /metrics only"_s);
    if (path == "/version"_L1) {
        return ApiReply::json(c, 200,
                              {{u"major"_s, u"1"_s},
                               {u"minor"_s, QString::number(m_settings.minor)},
                               {u"gitVersion"_s, m_settings.gitVersion},
                               {u"gitCommit"_s, u"5e1a3b0c9d2f4a6e8b7c1d0e3f2a4b6c8d0e1f2a"_s},
                               {u"gitTreeState"_s, u"clean"_s},
                               {u"buildDate"_s, u"2026-11-01T00:00:00Z"_s},
                               {u"goVersion"_s, u"go1.23.6"_s},
                               {u"compiler"_s, u"gc"_s},
                               {u"platform"_s, u"linux/amd64"_s}});
    }
    if (!authorized(req)) {
        return ApiReply::status(c, 401, u"Unauthorized"_s, u"Unauthorized"_s);
    }
    int watchFault = -1;
    int dropAfter = -1;
    if (applyFault(c, req, &watchFault, &dropAfter))
        return;
    if (path.startsWith("/sim/"_L1))
        return admin(c, req);

    QStringList segments = path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    if (segments.value(0) == "openapi"_L1) {
        if (segments.value(1) == "v3"_L1 && segments.size() == 2)
            return ApiReply::json(c, 200, m_catalog.openApiIndex());
        if (segments.value(1) == "v3"_L1 && segments.size() >= 4) {
            const bool core = segments.at(2) == "api"_L1;
            const QJsonObject doc = core ? m_catalog.openApiDocument(QString(), segments.value(3))
                                         : m_catalog.openApiDocument(segments.value(3), segments.value(4));
            if (!doc.isEmpty())
                return ApiReply::json(c, 200, doc);
        }
        return ApiReply::status(c, 404, u"NotFound"_s, u"the server could not find the requested resource"_s);
    }
    QString group, version;
    qsizetype rest = 0;
    if (segments.value(0) == "api"_L1) {
        if (segments.size() <= 2)
            return discovery(c, req, segments);
        version = segments.at(1);
        rest = 2;
    } else if (segments.value(0) == "apis"_L1) {
        if (segments.size() <= 3)
            return discovery(c, req, segments);
        group = segments.at(1);
        version = segments.at(2);
        rest = 3;
    } else {
        return ApiReply::status(c, 404, u"NotFound"_s, u"the server could not find the requested resource"_s);
    }
    const QStringList tail = segments.mid(rest);
    ResourcePath rp;
    QString plural;
    if (tail.value(0) == "namespaces"_L1 && tail.size() >= 3) {
        rp.ns = tail.at(1);
        plural = tail.at(2);
        rp.name = tail.value(3);
        rp.subresource = tail.value(4);
    } else {
        plural = tail.value(0);
        rp.name = tail.value(1);
        rp.subresource = tail.value(2);
    }
    rp.type = m_catalog.find(group, version, plural);
    if (!rp.type)
        return ApiReply::status(c, 404, u"NotFound"_s, u"the server could not find the requested resource"_s);
    if ((rp.subresource == "exec"_L1 || rp.subresource == "attach"_L1) && plural == "pods"_L1 && m_hooks.exec)
        return m_hooks.exec(c, req); // an exec that was not upgraded to a WebSocket: why, as a Status
    if (req.flag(u"watch"_s)) {
        if (watchFault == int(FaultInjector::Kind::Watch410))
            return m_resources.watchExpired(c, req, rp, true);
        if (watchFault == int(FaultInjector::Kind::WatchExpired))
            return m_resources.watchExpired(c, req, rp, false);
        m_resources.setDropWatchAfter(watchFault == int(FaultInjector::Kind::DropWatch) ? dropAfter : -1);
    }
    m_resources.handle(c, req, rp);
}

void ApiRouter::discovery(HttpConnection *c, const HttpRequest &req, const QStringList &segments)
{
    const QByteArray accept = req.header("accept");
    const bool aggregated = accept.contains("g=apidiscovery.k8s.io;v=v2;") ||
                            accept.contains("g=apidiscovery.k8s.io;v=v2,") ||
                            accept.endsWith("g=apidiscovery.k8s.io;v=v2");
    if (segments.size() == 1) {
        const bool core = segments.at(0) == "api"_L1;
        if (aggregated)
            return ApiReply::json(c, 200, core ? m_catalog.aggregatedCore() : m_catalog.aggregatedGroups(),
                                  ResourceCatalog::aggregatedContentType());
        return ApiReply::json(
            c, 200, core ? m_catalog.legacyVersions(m_settings.serverAddress) : m_catalog.legacyGroups());
    }
    const bool core = segments.at(0) == "api"_L1;
    if (core && segments.size() == 2) {
        const QJsonObject list = m_catalog.resourceList(QString(), segments.at(1));
        if (!list.isEmpty())
            return ApiReply::json(c, 200, list);
    } else if (!core && segments.size() == 3) {
        const QJsonObject list = m_catalog.resourceList(segments.at(1), segments.at(2));
        if (!list.isEmpty())
            return ApiReply::json(c, 200, list);
    } else if (!core && segments.size() == 2) {
        for (const QJsonValue &g : m_catalog.legacyGroups().value("groups"_L1).toArray()) {
            if (g.toObject().value("name"_L1).toString() == segments.at(1)) {
                QJsonObject group = g.toObject();
                group.insert("kind"_L1, u"APIGroup"_s);
                group.insert("apiVersion"_L1, u"v1"_s);
                return ApiReply::json(c, 200, group);
            }
        }
    }
    ApiReply::status(c, 404, u"NotFound"_s, u"the server could not find the requested resource"_s);
}

// Test and bench helpers over HTTP, for a simulator running as a child process.
void ApiRouter::admin(HttpConnection *c, const HttpRequest &req)
{
    const QString what = req.path.mid(5);
    const int count = req.param(u"count"_s).toInt();
    if (what == "synthetic"_L1 && req.method == "POST" && m_hooks.addSyntheticPods) {
        m_hooks.addSyntheticPods(count);
        return ApiReply::json(c, 200, {{u"created"_s, count}});
    }
    if (what == "churn"_L1 && req.method == "POST" && m_hooks.churn) {
        m_hooks.churn(count);
        return ApiReply::json(c, 200, {{u"events"_s, count}});
    }
    if (what == "step"_L1 && req.method == "POST" && m_hooks.step) {
        m_hooks.step();
        return ApiReply::json(c, 200, {{u"resourceVersion"_s, QString::number(m_state.resourceVersion())}});
    }
    if (what == "faults"_L1 && req.method == "DELETE") {
        m_faults.clear();
        return ApiReply::json(c, 200, {{u"cleared"_s, true}});
    }
    if (what == "faults"_L1 && req.method == "POST") {
        const QJsonObject o = QJsonDocument::fromJson(req.body).object();
        auto rule = FaultInjector::parseHeader(o.value("kind"_L1).toString().toUtf8());
        if (!rule)
            return ApiReply::status(
                c, 400, u"BadRequest"_s,
                u"unknown fault kind; use 429, 500, hang, malformed, watch410, watchexpired or dropwatch=N"_s);
        rule->path = QRegularExpression(o.value("path"_L1).toString(u".*"_s));
        rule->times = o.value("times"_L1).toInt(-1);
        rule->method = o.value("method"_L1).toString().toLatin1();
        m_faults.add(*rule);
        return ApiReply::json(c, 200, {{u"added"_s, true}});
    }
    ApiReply::status(c, 404, u"NotFound"_s, u"unknown simulator endpoint %1"_s.arg(req.path));
}

} // namespace Sitrep::Sim
