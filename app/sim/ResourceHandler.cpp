#include "sim/ResourceHandler.h"

#include "sim/AccessReview.h"
#include "sim/ApiReply.h"
#include "sim/ClusterState.h"
#include "sim/Controllers.h"
#include "sim/FieldSelector.h"
#include "sim/HttpConnection.h"
#include "sim/JsonPatch.h"
#include "sim/LabelSelector.h"
#include "sim/PodLogs.h"
#include "sim/ProtoObjects.h"
#include "sim/Scenario.h"
#include "sim/SimTime.h"
#include "sim/TableRenderer.h"
#include "sim/WatchHub.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::Literals::StringLiterals;

namespace Sitrep::Sim {

namespace {

QJsonObject metaOf(const QJsonObject &o)
{
    return o.value("metadata"_L1).toObject();
}

QString listKind(const ResourceType &t)
{
    return t.kind + u"List"_s;
}

} // namespace

ResourceHandler::ResourceHandler(ClusterState &state, Controllers &controllers, PodLogs &logs, WatchHub &hub,
                                 const ResourceCatalog &catalog)
    : m_state(state)
    , m_controllers(controllers)
    , m_logs(logs)
    , m_hub(hub)
    , m_catalog(catalog)
{}

QString ResourceHandler::encodeContinue(const QString &key, qint64 rv)
{
    const QByteArray json =
        QJsonDocument(QJsonObject{{u"k"_s, key}, {u"rv"_s, rv}}).toJson(QJsonDocument::Compact);
    return QString::fromLatin1(json.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

bool ResourceHandler::decodeContinue(const QString &token, QString *key, qint64 *rv)
{
    const auto decoded = QByteArray::fromBase64Encoding(
        token.toLatin1(), QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return false;
    const QJsonObject o = QJsonDocument::fromJson(*decoded).object();
    if (!o.contains("k"_L1))
        return false;
    *key = o.value("k"_L1).toString();
    *rv = o.value("rv"_L1).toInteger();
    return true;
}

QString ResourceHandler::qualifiedName(const ResourcePath &path) const
{
    return path.type->group.isEmpty() ? path.type->plural
                                      : path.type->plural + QLatin1Char('.') + path.type->group;
}

bool ResourceHandler::wantsTable(const HttpRequest &req) const
{
    return req.header("accept").contains("as=Table");
}

void ResourceHandler::handle(HttpConnection *c, const HttpRequest &req, const ResourcePath &path)
{
    const ResourceType &t = *path.type;
    const QByteArray m = req.method;
    if (t.plural == "selfsubjectaccessreviews"_L1) {
        if (m != "POST")
            return ApiReply::status(c, 405, u"MethodNotAllowed"_s, u"only create is supported"_s);
        return accessReview(c, req);
    }
    if (t.plural == "selfsubjectreviews"_L1) {
        // `kubectl auth whoami`: who the bearer token belongs to.
        if (m != "POST")
            return ApiReply::status(c, 405, u"MethodNotAllowed"_s, u"only create is supported"_s);
        return ApiReply::json(
            c, 201,
            QJsonObject{{u"kind"_s, u"SelfSubjectReview"_s},
                        {u"apiVersion"_s, u"authentication.k8s.io/v1"_s},
                        {u"metadata"_s, QJsonObject{{u"creationTimestamp"_s, QJsonValue::Null}}},
                        {u"status"_s,
                         QJsonObject{{u"userInfo"_s,
                                      QJsonObject{{u"username"_s, u"sitrep-sim-admin"_s},
                                                  {u"groups"_s, QJsonArray{u"system:masters"_s,
                                                                           u"system:authenticated"_s}}}}}}});
    }
    if (t.group == "metrics.k8s.io"_L1) {
        if (m != "GET")
            return ApiReply::status(c, 405, u"MethodNotAllowed"_s, u"metrics are read-only"_s);
        return t.plural == "pods"_L1 ? podMetrics(c, req, path) : nodeMetrics(c, req, path);
    }
    if (!path.subresource.isEmpty()) {
        if (path.subresource == "log"_L1 && t.plural == "pods"_L1 && m == "GET")
            return log(c, req, path);
        if (path.subresource == "scale"_L1 && t.subresources.contains(u"scale"_s))
            return scale(c, req, path);
        if (path.subresource == "status"_L1 && m == "GET")
            return get(c, req, path);
        return ApiReply::status(c, 404, u"NotFound"_s, u"the server could not find the requested resource"_s);
    }
    if (path.name.isEmpty()) {
        if (m == "GET")
            return req.flag(u"watch"_s) ? watch(c, req, path) : list(c, req, path);
        if (m == "POST")
            return create(c, req, path);
        if (m == "DELETE")
            return removeCollection(c, req, path);
    } else {
        if (m == "GET")
            return get(c, req, path);
        if (m == "PUT")
            return replace(c, req, path);
        if (m == "PATCH")
            return patch(c, req, path);
        if (m == "DELETE")
            return remove(c, req, path);
    }
    ApiReply::status(c, 405, u"MethodNotAllowed"_s,
                     u"the server does not allow this method on the requested resource"_s);
}

static Core::Result<ClusterState::Predicate> selectors(const HttpRequest &req)
{
    auto labels = LabelSelector::parse(req.param(u"labelSelector"_s));
    if (!labels)
        return Core::makeError(u"unable to parse requirement: %1"_s.arg(labels.error().message));
    auto fields = FieldSelector::parse(req.param(u"fieldSelector"_s));
    if (!fields)
        return Core::makeError(fields.error().message);
    if (labels->isEmpty() && fields->isEmpty())
        return ClusterState::Predicate();
    const LabelSelector l = *labels;
    const FieldSelector f = *fields;
    return ClusterState::Predicate([l, f](const QJsonObject &o) {
        return (l.isEmpty() || l.matches(o.value("metadata"_L1).toObject().value("labels"_L1).toObject())) &&
               (f.isEmpty() || f.matches(o));
    });
}

void ResourceHandler::list(HttpConnection *c, const HttpRequest &req, const ResourcePath &path)
{
    auto filter = selectors(req);
    if (!filter)
        return ApiReply::status(c, 400, u"BadRequest"_s, filter.error().message);
    const int limit = req.param(u"limit"_s).toInt();
    QString after;
    const QString token = req.param(u"continue"_s);
    if (!token.isEmpty()) {
        qint64 tokenRv = 0;
        if (!decodeContinue(token, &after, &tokenRv))
            return ApiReply::status(c, 400, u"BadRequest"_s, u"invalid continue token"_s);
        if (tokenRv < m_state.oldestReplayableVersion())
            return ApiReply::status(
                c, 410, u"Expired"_s,
                u"The provided continue parameter is too old to display a consistent list result. "
                "You can start a new list without the continue parameter."_s);
    }
    QString nextKey;
    const QString rv = QString::number(m_state.resourceVersion());
    if (wantsTable(req)) {
        const QList<QJsonObject> items =
            m_state.listPage(path.type->plural, path.ns, after, limit > 0 ? limit : -1, *filter, &nextKey);
        const QString next =
            nextKey.isEmpty() ? QString() : encodeContinue(nextKey, m_state.resourceVersion());
        const QJsonObject table =
            TableRenderer::table(path.type->plural, items, m_state.nowMs(),
                                 TableRenderer::parseInclude(req.param(u"includeObject"_s)), rv, next);
        return ApiReply::json(c, 200, table, "application/json;as=Table;v=v1;g=meta.k8s.io");
    }
    // Plain lists are assembled from cached per-object JSON: 500-item pages of pods are the hot path.
    const QList<QByteArray> items =
        m_state.listPageJson(path.type->plural, path.ns, after, limit > 0 ? limit : -1, *filter, &nextKey);
    const QString next = nextKey.isEmpty() ? QString() : encodeContinue(nextKey, m_state.resourceVersion());
    QByteArray body;
    qsizetype size = 256;
    for (const QByteArray &item : items)
        size += item.size() + 1;
    body.reserve(size);
    body += "{\"kind\":\"" + listKind(*path.type).toLatin1() + "\",\"apiVersion\":\"" +
            path.type->groupVersion().toLatin1() + "\",\"metadata\":{\"resourceVersion\":\"" + rv.toLatin1() +
            '"';
    if (!next.isEmpty())
        body += ",\"continue\":\"" + next.toLatin1() + '"';
    body += "},\"items\":[";
    for (qsizetype i = 0; i < items.size(); ++i) {
        if (i)
            body += ',';
        body += items.at(i);
    }
    body += "]}";
    c->respond(200, "application/json", body);
}

void ResourceHandler::watch(HttpConnection *c, const HttpRequest &req, const ResourcePath &path)
{
    auto labels = LabelSelector::parse(req.param(u"labelSelector"_s));
    auto fields = FieldSelector::parse(req.param(u"fieldSelector"_s));
    if (!labels || !fields)
        return ApiReply::status(c, 400, u"BadRequest"_s,
                                !labels ? labels.error().message : fields.error().message);
    WatchSpec spec;
    spec.resource = path.type->plural;
    spec.kind = path.type->kind;
    spec.apiVersion = path.type->groupVersion();
    spec.ns = path.ns;
    spec.labels = *labels;
    spec.fields = *fields;
    spec.table = wantsTable(req);
    spec.include = TableRenderer::parseInclude(req.param(u"includeObject"_s));
    spec.bookmarks = req.flag(u"allowWatchBookmarks"_s);
    spec.timeoutMs = req.param(u"timeoutSeconds"_s).toLongLong() * 1000;
    spec.dropAfterEvents = m_dropWatchAfter;
    const QString rvText = req.param(u"resourceVersion"_s);
    QList<WatchEvent> initial;
    if (rvText.isEmpty() || rvText == "0"_L1) {
        // No version: the current state as ADDED events, then changes.
        for (const QJsonObject &o : m_state.list(spec.resource, spec.ns))
            initial.append(WatchEvent{m_state.resourceVersion(), spec.resource, u"ADDED"_s, o});
    } else {
        bool ok = false;
        const qint64 rv = rvText.toLongLong(&ok);
        if (!ok)
            return ApiReply::status(c, 400, u"BadRequest"_s, u"invalid resourceVersion \"%1\""_s.arg(rvText));
        const auto replay = m_state.eventsSince(spec.resource, rv);
        if (!replay) {
            // What the apiserver does for a compacted version: a 200 stream with one ERROR event.
            return m_hub.startWatch(c, spec, {},
                                    ApiReply::statusObject(410, u"Expired"_s,
                                                           u"too old resource version: %1 (%2)"_s.arg(rv).arg(
                                                               m_state.oldestReplayableVersion() + 1)));
        }
        initial = *replay;
    }
    m_hub.startWatch(c, spec, initial);
}

void ResourceHandler::watchExpired(HttpConnection *c, const HttpRequest &req, const ResourcePath &path,
                                   bool httpStatus)
{
    const QString message = u"too old resource version: %1 (%2)"_s.arg(req.param(u"resourceVersion"_s))
                                .arg(m_state.resourceVersion());
    if (httpStatus)
        return ApiReply::status(c, 410, u"Expired"_s, message);
    WatchSpec spec;
    spec.resource = path.type->plural;
    m_hub.startWatch(c, spec, {}, ApiReply::statusObject(410, u"Expired"_s, message));
}

void ResourceHandler::get(HttpConnection *c, const HttpRequest &req, const ResourcePath &path)
{
    const auto object =
        m_state.get(path.type->plural, path.type->namespaced ? path.ns : QString(), path.name);
    if (!object)
        return ApiReply::notFound(c, qualifiedName(path), path.name);
    if (wantsTable(req)) {
        return ApiReply::json(c, 200,
                              TableRenderer::table(path.type->plural, {*object}, m_state.nowMs(),
                                                   TableRenderer::parseInclude(req.param(u"includeObject"_s)),
                                                   metaOf(*object).value("resourceVersion"_L1).toString(),
                                                   {}),
                              "application/json;as=Table;v=v1;g=meta.k8s.io");
    }
    ApiReply::json(c, 200, *object);
}

void ResourceHandler::afterChange(const ResourcePath &path, const QJsonObject &object, bool specChanged)
{
    const QString plural = path.type->plural;
    const QString ns = metaOf(object).value("namespace"_L1).toString();
    const QString name = metaOf(object).value("name"_L1).toString();
    if (plural == "deployments"_L1)
        m_controllers.reconcileDeployment(ns, name);
    else if (plural == "replicasets"_L1 && specChanged)
        m_controllers.reconcileReplicaSet(ns, name);
    else if (plural == "statefulsets"_L1 && specChanged)
        m_controllers.reconcileStatefulSet(ns, name);
    else if (plural == "services"_L1)
        m_controllers.refreshEndpoints(ns);
}

QJsonObject ResourceHandler::store(const ResourcePath &path, const QJsonObject &before, QJsonObject after)
{
    // Identity and status belong to the server.
    QJsonObject meta = after.value("metadata"_L1).toObject();
    const QJsonObject oldMeta = metaOf(before);
    for (const char *key :
         {"name", "namespace", "uid", "creationTimestamp", "generation", "resourceVersion"}) {
        if (oldMeta.contains(QLatin1String(key)))
            meta.insert(QLatin1String(key), oldMeta.value(QLatin1String(key)));
    }
    after.insert("metadata"_L1, meta);
    if (before.contains("status"_L1))
        after.insert("status"_L1, before.value("status"_L1));
    after.insert("kind"_L1, before.value("kind"_L1));
    after.insert("apiVersion"_L1, before.value("apiVersion"_L1));
    const bool specChanged = after.value("spec"_L1) != before.value("spec"_L1);
    if (after == before)
        return before;
    const QJsonObject stored =
        m_state.update(path.type->plural, after, specChanged && oldMeta.contains("generation"_L1));
    afterChange(path, stored, specChanged);
    return m_state.get(path.type->plural, path.type->namespaced ? path.ns : QString(), path.name)
        .value_or(stored);
}

void ResourceHandler::create(HttpConnection *c, const HttpRequest &req, const ResourcePath &path)
{
    QJsonObject object;
    if (req.header("content-type").contains("protobuf")) {
        // kubectl's typed client (create namespace / deployment / configmap / secret) sends protobuf.
        const auto decoded = ProtoObjects::decode(req.body);
        if (!decoded)
            return ApiReply::status(c, 415, u"UnsupportedMediaType"_s, decoded.error().message);
        if (decoded->kind != path.type->kind)
            return ApiReply::status(c, 400, u"BadRequest"_s,
                                    u"the body is a %1, not a %2"_s.arg(decoded->kind, path.type->kind));
        object = decoded->object;
    } else {
        QJsonParseError error{};
        object = QJsonDocument::fromJson(req.body, &error).object();
        if (error.error != QJsonParseError::NoError)
            return ApiReply::status(c, 400, u"BadRequest"_s,
                                    u"request body is not JSON: %1"_s.arg(error.errorString()));
    }
    QJsonObject meta = object.value("metadata"_L1).toObject();
    if (meta.value("name"_L1).toString().isEmpty() && !meta.value("generateName"_L1).toString().isEmpty())
        meta.insert("name"_L1, meta.value("generateName"_L1).toString() +
                                   QString::number(m_state.resourceVersion(), 36).right(5));
    if (meta.value("name"_L1).toString().isEmpty())
        return ApiReply::status(c, 422, u"Invalid"_s,
                                u"%1 is invalid: metadata.name: Required value"_s.arg(path.type->kind));
    if (path.type->namespaced)
        meta.insert("namespace"_L1, path.ns.isEmpty() ? u"default"_s : path.ns);
    object.insert("metadata"_L1, meta);
    object.insert("kind"_L1, path.type->kind);
    object.insert("apiVersion"_L1, path.type->groupVersion());
    const QString name = meta.value("name"_L1).toString();
    const QString ns = meta.value("namespace"_L1).toString();
    if (m_state.get(path.type->plural, ns, name))
        return ApiReply::status(c, 409, u"AlreadyExists"_s,
                                u"%1 \"%2\" already exists"_s.arg(qualifiedName(path), name));
    if (req.param(u"dryRun"_s) == "All"_L1)
        return ApiReply::json(c, 201, object);
    if (path.type->plural == "deployments"_L1 && !object.value("status"_L1).isObject())
        object.insert("status"_L1, QJsonObject());
    const QJsonObject created = m_state.create(path.type->plural, object);
    afterChange(path, created, true);
    ApiReply::json(c, 201, m_state.get(path.type->plural, ns, name).value_or(created));
}

void ResourceHandler::replace(HttpConnection *c, const HttpRequest &req, const ResourcePath &path)
{
    const auto before =
        m_state.get(path.type->plural, path.type->namespaced ? path.ns : QString(), path.name);
    if (!before)
        return ApiReply::notFound(c, qualifiedName(path), path.name);
    QJsonParseError error{};
    const QJsonObject object = QJsonDocument::fromJson(req.body, &error).object();
    if (error.error != QJsonParseError::NoError)
        return ApiReply::status(c, 400, u"BadRequest"_s,
                                u"request body is not JSON: %1"_s.arg(error.errorString()));
    const QString expected = metaOf(object).value("resourceVersion"_L1).toString();
    if (!expected.isEmpty() && expected != metaOf(*before).value("resourceVersion"_L1).toString())
        return ApiReply::status(
            c, 409, u"Conflict"_s,
            u"Operation cannot be fulfilled on %1 \"%2\": the object has been modified; please apply "
            "your changes to the latest version and try again"_s.arg(qualifiedName(path), path.name));
    ApiReply::json(c, 200, store(path, *before, object));
}

void ResourceHandler::patch(HttpConnection *c, const HttpRequest &req, const ResourcePath &path)
{
    const auto before =
        m_state.get(path.type->plural, path.type->namespaced ? path.ns : QString(), path.name);
    if (!before)
        return ApiReply::notFound(c, qualifiedName(path), path.name);
    auto patched = JsonPatch::apply(*before, req.header("content-type"), req.body);
    if (!patched) {
        const int code = patched.error().message.startsWith("unsupported"_L1) ? 415 : 422;
        return ApiReply::status(c, code, code == 415 ? u"UnsupportedMediaType"_s : u"Invalid"_s,
                                patched.error().text());
    }
    ApiReply::json(c, 200, store(path, *before, *patched));
}

void ResourceHandler::remove(HttpConnection *c, const HttpRequest &req, const ResourcePath &path)
{
    const QString ns = path.type->namespaced ? path.ns : QString();
    if (!m_state.get(path.type->plural, ns, path.name))
        return ApiReply::notFound(c, qualifiedName(path), path.name);
    const QString propagation =
        QJsonDocument::fromJson(req.body)
            .object()
            .value("propagationPolicy"_L1)
            .toString(req.param(u"propagationPolicy"_s).isEmpty() ? u"Background"_s
                                                                  : req.param(u"propagationPolicy"_s));
    const auto removed = m_state.remove(path.type->plural, ns, path.name);
    m_controllers.deleteDependents(*removed, propagation);
    if (path.type->plural == "pods"_L1)
        m_controllers.podDeleted(*removed);
    ApiReply::json(c, 200, *removed);
}

void ResourceHandler::removeCollection(HttpConnection *c, const HttpRequest &req, const ResourcePath &path)
{
    auto filter = selectors(req);
    if (!filter)
        return ApiReply::status(c, 400, u"BadRequest"_s, filter.error().message);
    QJsonArray items;
    for (const QJsonObject &o : m_state.list(path.type->plural, path.ns, *filter)) {
        if (auto removed = m_state.remove(path.type->plural, metaOf(o).value("namespace"_L1).toString(),
                                          metaOf(o).value("name"_L1).toString())) {
            m_controllers.deleteDependents(*removed, u"Background"_s);
            if (path.type->plural == "pods"_L1)
                m_controllers.podDeleted(*removed);
            items.append(*removed);
        }
    }
    ApiReply::json(
        c, 200,
        {{u"kind"_s, listKind(*path.type)},
         {u"apiVersion"_s, path.type->groupVersion()},
         {u"metadata"_s, QJsonObject{{u"resourceVersion"_s, QString::number(m_state.resourceVersion())}}},
         {u"items"_s, items}});
}

void ResourceHandler::log(HttpConnection *c, const HttpRequest &req, const ResourcePath &path)
{
    const auto pod = m_state.get(u"pods"_s, path.ns, path.name);
    if (!pod)
        return ApiReply::notFound(c, u"pods"_s, path.name);
    QStringList names;
    for (const QJsonValue &cv : pod->value("spec"_L1).toObject().value("containers"_L1).toArray())
        names << cv.toObject().value("name"_L1).toString();
    QString container = req.param(u"container"_s);
    if (container.isEmpty()) {
        if (names.size() != 1)
            return ApiReply::status(
                c, 400, u"BadRequest"_s,
                u"a container name must be specified for pod %1, choose one of: [%2]"_s.arg(
                    path.name, names.join(QLatin1Char(' '))));
        container = names.first();
    }
    if (!names.contains(container))
        return ApiReply::status(c, 400, u"BadRequest"_s,
                                u"container %1 is not valid for pod %2"_s.arg(container, path.name));
    LogQuery q;
    q.previous = req.flag(u"previous"_s);
    q.timestamps = req.flag(u"timestamps"_s);
    if (req.hasParam(u"tailLines"_s))
        q.tailLines = req.param(u"tailLines"_s).toInt();
    if (req.hasParam(u"limitBytes"_s))
        q.limitBytes = req.param(u"limitBytes"_s).toLongLong();
    if (req.hasParam(u"sinceSeconds"_s))
        q.sinceMs = m_state.nowMs() - req.param(u"sinceSeconds"_s).toLongLong() * 1000;
    if (req.hasParam(u"sinceTime"_s)) {
        q.sinceMs = SimTime::parseMs(req.param(u"sinceTime"_s));
        if (q.sinceMs < 0)
            return ApiReply::status(c, 400, u"BadRequest"_s, u"sinceTime must be RFC3339"_s);
    }
    QJsonObject containerState;
    for (const QJsonValue &cs : pod->value("status"_L1).toObject().value("containerStatuses"_L1).toArray()) {
        if (cs.toObject().value("name"_L1).toString() == container)
            containerState = cs.toObject();
    }
    if (q.previous && !m_logs.hasPrevious(path.ns, path.name, container))
        return ApiReply::status(
            c, 400, u"BadRequest"_s,
            u"previous terminated container \"%1\" in pod \"%2\" not found"_s.arg(container, path.name));
    const QString waiting = containerState.value("state"_L1)
                                .toObject()
                                .value("waiting"_L1)
                                .toObject()
                                .value("reason"_L1)
                                .toString();
    if (!q.previous && (containerState.isEmpty() || waiting == "ContainerCreating"_L1))
        return ApiReply::status(
            c, 400, u"BadRequest"_s,
            u"container \"%1\" in pod \"%2\" is waiting to start: %3"_s.arg(
                container, path.name, waiting.isEmpty() ? u"ContainerCreating"_s : waiting));
    const QByteArray body = m_logs.read(path.ns, path.name, container, q);
    const bool running = containerState.value("state"_L1).toObject().contains("running"_L1);
    if (!req.flag(u"follow"_s) || q.previous || !running)
        return c->respond(200, "text/plain", body);
    c->startStream(200, "text/plain");
    c->writeChunk(body);
    if (q.limitBytes >= 0 && body.size() >= q.limitBytes)
        return c->finishStream();
    m_hub.startFollow(c, PodLogs::keyOf(path.ns, path.name, container), q.timestamps,
                      q.limitBytes >= 0 ? q.limitBytes - body.size() : -1, 0);
}

void ResourceHandler::scale(HttpConnection *c, const HttpRequest &req, const ResourcePath &path)
{
    const auto object = m_state.get(path.type->plural, path.ns, path.name);
    if (!object)
        return ApiReply::notFound(c, qualifiedName(path), path.name);
    auto scaleOf = [&](const QJsonObject &o) {
        const QJsonObject meta = metaOf(o);
        QStringList selector;
        const QJsonObject ml =
            o.value("spec"_L1).toObject().value("selector"_L1).toObject().value("matchLabels"_L1).toObject();
        for (auto it = ml.begin(); it != ml.end(); ++it)
            selector << it.key() + QLatin1Char('=') + it.value().toString();
        return QJsonObject{
            {u"kind"_s, u"Scale"_s},
            {u"apiVersion"_s, u"autoscaling/v1"_s},
            {u"metadata"_s, QJsonObject{{u"name"_s, meta.value("name"_L1)},
                                        {u"namespace"_s, meta.value("namespace"_L1)},
                                        {u"uid"_s, meta.value("uid"_L1)},
                                        {u"resourceVersion"_s, meta.value("resourceVersion"_L1)},
                                        {u"creationTimestamp"_s, meta.value("creationTimestamp"_L1)}}},
            {u"spec"_s, QJsonObject{{u"replicas"_s, o.value("spec"_L1).toObject().value("replicas"_L1)}}},
            {u"status"_s,
             QJsonObject{{u"replicas"_s, o.value("status"_L1).toObject().value("replicas"_L1).toInt()},
                         {u"selector"_s, selector.join(QLatin1Char(','))}}}};
    };
    const QJsonObject current = scaleOf(*object);
    if (req.method == "GET")
        return ApiReply::json(c, 200, current);
    Core::Result<QJsonObject> next = current;
    if (req.method == "PATCH")
        next = JsonPatch::apply(current, req.header("content-type"), req.body);
    else if (req.method == "PUT")
        next = QJsonDocument::fromJson(req.body).object();
    else
        return ApiReply::status(c, 405, u"MethodNotAllowed"_s, u"scale supports get, update and patch"_s);
    if (!next)
        return ApiReply::status(c, 422, u"Invalid"_s, next.error().text());
    const QJsonValue replicas = next->value("spec"_L1).toObject().value("replicas"_L1);
    if (!replicas.isDouble() || replicas.toInt() < 0)
        return ApiReply::status(c, 422, u"Invalid"_s,
                                u"Scale.spec.replicas must be a non-negative integer"_s);
    QJsonObject updated = *object;
    QJsonObject spec = updated.value("spec"_L1).toObject();
    spec.insert("replicas"_L1, replicas.toInt());
    updated.insert("spec"_L1, spec);
    const QJsonObject stored = store(path, *object, updated);
    ApiReply::json(c, 200, scaleOf(stored));
}

void ResourceHandler::accessReview(HttpConnection *c, const HttpRequest &req)
{
    auto attributes = AccessReview::decode(req.header("content-type"), req.body);
    if (!attributes)
        return ApiReply::status(c, 400, u"BadRequest"_s, attributes.error().message);
    const bool ok = AccessReview::allowed(*attributes, m_denied);
    ApiReply::json(c, 201, AccessReview::response(*attributes, ok));
}

void ResourceHandler::podMetrics(HttpConnection *c, const HttpRequest &req, const ResourcePath &path)
{
    auto filter = selectors(req);
    if (!filter)
        return ApiReply::status(c, 400, u"BadRequest"_s, filter.error().message);
    const QString now = SimTime::rfc3339(m_state.nowMs());
    QJsonArray items;
    QList<QJsonObject> pods =
        path.name.isEmpty() ? m_state.list(u"pods"_s, path.ns, *filter) : QList<QJsonObject>();
    if (!path.name.isEmpty()) {
        if (auto pod = m_state.get(u"pods"_s, path.ns, path.name))
            pods << *pod;
        else
            return ApiReply::notFound(c, u"pods.metrics.k8s.io"_s, path.name);
    }
    for (const QJsonObject &pod : pods) {
        QJsonArray containers;
        for (const QJsonValue &cs :
             pod.value("status"_L1).toObject().value("containerStatuses"_L1).toArray()) {
            const QJsonObject s = cs.toObject();
            if (!s.value("state"_L1).toObject().contains("running"_L1))
                continue;
            const ImageProfile profile =
                m_scenario ? m_scenario->profileFor(s.value("image"_L1).toString()) : ImageProfile();
            const uint h =
                qHash(metaOf(pod).value("name"_L1).toString() + QString::number(m_state.nowMs() / 15000));
            const int cpu = qMax(1, int(profile.cpuMilli * (0.85 + (h % 30) / 100.0)));
            const int memKi = int(profile.memoryMi * 1024 * (0.95 + (h % 10) / 100.0));
            containers.append(QJsonObject{{u"name"_s, s.value("name"_L1)},
                                          {u"usage"_s, QJsonObject{{u"cpu"_s, u"%1m"_s.arg(cpu)},
                                                                   {u"memory"_s, u"%1Ki"_s.arg(memKi)}}}});
        }
        if (containers.isEmpty())
            continue;
        const QJsonObject meta = metaOf(pod);
        items.append(QJsonObject{{u"metadata"_s, QJsonObject{{u"name"_s, meta.value("name"_L1)},
                                                             {u"namespace"_s, meta.value("namespace"_L1)},
                                                             {u"labels"_s, meta.value("labels"_L1)},
                                                             {u"creationTimestamp"_s, now}}},
                                 {u"timestamp"_s, now},
                                 {u"window"_s, u"15s"_s},
                                 {u"containers"_s, containers}});
    }
    if (!path.name.isEmpty()) {
        if (items.isEmpty())
            return ApiReply::notFound(c, u"pods.metrics.k8s.io"_s, path.name);
        QJsonObject one = items.first().toObject();
        one.insert("kind"_L1, u"PodMetrics"_s);
        one.insert("apiVersion"_L1, u"metrics.k8s.io/v1beta1"_s);
        return ApiReply::json(c, 200, one);
    }
    ApiReply::json(c, 200,
                   {{u"kind"_s, u"PodMetricsList"_s},
                    {u"apiVersion"_s, u"metrics.k8s.io/v1beta1"_s},
                    {u"metadata"_s, QJsonObject()},
                    {u"items"_s, items}});
}

void ResourceHandler::nodeMetrics(HttpConnection *c, const HttpRequest &req, const ResourcePath &path)
{
    Q_UNUSED(req)
    const QString now = SimTime::rfc3339(m_state.nowMs());
    QHash<QString, int> cpu, memMi;
    for (const QJsonObject &pod : m_state.list(u"pods"_s)) {
        const QString node = pod.value("spec"_L1).toObject().value("nodeName"_L1).toString();
        for (const QJsonValue &cs :
             pod.value("status"_L1).toObject().value("containerStatuses"_L1).toArray()) {
            const ImageProfile p = m_scenario
                                       ? m_scenario->profileFor(cs.toObject().value("image"_L1).toString())
                                       : ImageProfile();
            cpu[node] += p.cpuMilli;
            memMi[node] += p.memoryMi;
        }
    }
    QJsonArray items;
    for (const QJsonObject &node : m_state.list(u"nodes"_s)) {
        const QString name = metaOf(node).value("name"_L1).toString();
        if (!path.name.isEmpty() && name != path.name)
            continue;
        items.append(QJsonObject{
            {u"metadata"_s, QJsonObject{{u"name"_s, name}, {u"creationTimestamp"_s, now}}},
            {u"timestamp"_s, now},
            {u"window"_s, u"15s"_s},
            {u"usage"_s, QJsonObject{{u"cpu"_s, u"%1m"_s.arg(cpu.value(name) + 180)},
                                     {u"memory"_s, u"%1Ki"_s.arg((memMi.value(name) + 900) * 1024)}}}});
    }
    if (!path.name.isEmpty()) {
        if (items.isEmpty())
            return ApiReply::notFound(c, u"nodes.metrics.k8s.io"_s, path.name);
        QJsonObject one = items.first().toObject();
        one.insert("kind"_L1, u"NodeMetrics"_s);
        one.insert("apiVersion"_L1, u"metrics.k8s.io/v1beta1"_s);
        return ApiReply::json(c, 200, one);
    }
    ApiReply::json(c, 200,
                   {{u"kind"_s, u"NodeMetricsList"_s},
                    {u"apiVersion"_s, u"metrics.k8s.io/v1beta1"_s},
                    {u"metadata"_s, QJsonObject()},
                    {u"items"_s, items}});
}

} // namespace Sitrep::Sim
