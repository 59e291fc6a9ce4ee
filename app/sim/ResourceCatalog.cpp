#include "sim/ResourceCatalog.h"

#include <QJsonArray>

using namespace Qt::Literals::StringLiterals;

namespace Sitrep::Sim {

namespace {

const QStringList kAllVerbs{u"create"_s, u"delete"_s, u"deletecollection"_s, u"get"_s,
                            u"list"_s,   u"patch"_s,  u"update"_s,           u"watch"_s};
const QStringList kReadVerbs{u"get"_s, u"list"_s};

QJsonArray toArray(const QStringList &list)
{
    return QJsonArray::fromStringList(list);
}

QJsonObject subresourceKind(const ResourceType &t, const QString &sub)
{
    if (sub == "scale"_L1)
        return {{u"group"_s, u"autoscaling"_s}, {u"version"_s, u"v1"_s}, {u"kind"_s, u"Scale"_s}};
    if (sub == "log"_L1)
        return {{u"group"_s, QString()}, {u"version"_s, u"v1"_s}, {u"kind"_s, u"Pod"_s}};
    return {{u"group"_s, t.group}, {u"version"_s, t.version}, {u"kind"_s, t.kind}};
}

QStringList subresourceVerbs(const QString &sub)
{
    if (sub == "log"_L1)
        return {u"get"_s};
    return {u"get"_s, u"patch"_s, u"update"_s};
}

} // namespace

ResourceCatalog::ResourceCatalog()
{
    const QStringList all{u"all"_s};
    m_types = {
        {{},
         u"v1"_s,
         u"namespaces"_s,
         u"namespace"_s,
         u"Namespace"_s,
         false,
         kAllVerbs,
         {u"ns"_s},
         {},
         {u"status"_s}},
        {{},
         u"v1"_s,
         u"pods"_s,
         u"pod"_s,
         u"Pod"_s,
         true,
         kAllVerbs,
         {u"po"_s},
         all,
         {u"log"_s, u"status"_s}},
        {{}, u"v1"_s, u"events"_s, u"event"_s, u"Event"_s, true, kAllVerbs, {u"ev"_s}, {}, {}},
        {{},
         u"v1"_s,
         u"services"_s,
         u"service"_s,
         u"Service"_s,
         true,
         kAllVerbs,
         {u"svc"_s},
         all,
         {u"status"_s}},
        {{}, u"v1"_s, u"endpoints"_s, u"endpoints"_s, u"Endpoints"_s, true, kAllVerbs, {u"ep"_s}, {}, {}},
        {{}, u"v1"_s, u"nodes"_s, u"node"_s, u"Node"_s, false, kAllVerbs, {u"no"_s}, {}, {u"status"_s}},
        {{}, u"v1"_s, u"configmaps"_s, u"configmap"_s, u"ConfigMap"_s, true, kAllVerbs, {u"cm"_s}, {}, {}},
        // Every cluster serves these; clients list them (a "default" service account per namespace).
        {{}, u"v1"_s, u"secrets"_s, u"secret"_s, u"Secret"_s, true, kAllVerbs, {}, {}, {}},
        {{}, u"v1"_s, u"serviceaccounts"_s, u"serviceaccount"_s, u"ServiceAccount"_s, true, kAllVerbs, {u"sa"_s},
         {}, {}},
        {u"apps"_s,
         u"v1"_s,
         u"daemonsets"_s,
         u"daemonset"_s,
         u"DaemonSet"_s,
         true,
         kAllVerbs,
         {u"ds"_s},
         all,
         {u"status"_s}},
        {u"apps"_s,
         u"v1"_s,
         u"deployments"_s,
         u"deployment"_s,
         u"Deployment"_s,
         true,
         kAllVerbs,
         {u"deploy"_s},
         all,
         {u"scale"_s, u"status"_s}},
        {u"apps"_s,
         u"v1"_s,
         u"replicasets"_s,
         u"replicaset"_s,
         u"ReplicaSet"_s,
         true,
         kAllVerbs,
         {u"rs"_s},
         all,
         {u"scale"_s, u"status"_s}},
        {u"apps"_s,
         u"v1"_s,
         u"statefulsets"_s,
         u"statefulset"_s,
         u"StatefulSet"_s,
         true,
         kAllVerbs,
         {u"sts"_s},
         all,
         {u"scale"_s, u"status"_s}},
        {u"autoscaling"_s,
         u"v2"_s,
         u"horizontalpodautoscalers"_s,
         u"horizontalpodautoscaler"_s,
         u"HorizontalPodAutoscaler"_s,
         true,
         kAllVerbs,
         {u"hpa"_s},
         all,
         {u"status"_s}},
        {u"networking.k8s.io"_s,
         u"v1"_s,
         u"ingresses"_s,
         u"ingress"_s,
         u"Ingress"_s,
         true,
         kAllVerbs,
         {u"ing"_s},
         {},
         {u"status"_s}},
        {u"authentication.k8s.io"_s,
         u"v1"_s,
         u"selfsubjectreviews"_s,
         u"selfsubjectreview"_s,
         u"SelfSubjectReview"_s,
         false,
         {u"create"_s},
         {},
         {},
         {},
         false},
        {u"authorization.k8s.io"_s,
         u"v1"_s,
         u"selfsubjectaccessreviews"_s,
         u"selfsubjectaccessreview"_s,
         u"SelfSubjectAccessReview"_s,
         false,
         {u"create"_s},
         {},
         {},
         {},
         false},
        {u"metrics.k8s.io"_s,
         u"v1beta1"_s,
         u"pods"_s,
         u"pod"_s,
         u"PodMetrics"_s,
         true,
         kReadVerbs,
         {},
         {},
         {},
         false},
        {u"metrics.k8s.io"_s,
         u"v1beta1"_s,
         u"nodes"_s,
         u"node"_s,
         u"NodeMetrics"_s,
         false,
         kReadVerbs,
         {},
         {},
         {},
         false},
    };
}

const ResourceType *ResourceCatalog::find(const QString &group, const QString &version,
                                          const QString &plural) const
{
    for (const ResourceType &t : m_types) {
        if (t.group == group && t.version == version && t.plural == plural)
            return &t;
    }
    return nullptr;
}

QString ResourceCatalog::pluralForKind(const QString &kind) const
{
    for (const ResourceType &t : m_types) {
        if (t.kind == kind && t.stored)
            return t.plural;
    }
    return {};
}

QJsonObject ResourceCatalog::openApiIndex() const
{
    QJsonObject paths;
    for (const ResourceType &t : m_types) {
        const QString gv =
            t.group.isEmpty() ? u"api/"_s + t.version : u"apis/"_s + t.group + QLatin1Char('/') + t.version;
        paths.insert(gv, QJsonObject{{u"serverRelativeURL"_s, u"/openapi/v3/%1?hash=5151"_s.arg(gv)}});
    }
    return {{u"paths"_s, paths}};
}

QJsonObject ResourceCatalog::openApiDocument(const QString &group, const QString &version) const
{
    QJsonObject paths;
    for (const ResourceType &t : m_types) {
        if (t.group != group || t.version != version || !t.stored)
            continue;
        const QString base =
            group.isEmpty() ? u"/api/"_s + version : u"/apis/"_s + group + QLatin1Char('/') + version;
        const QString item =
            base + (t.namespaced ? u"/namespaces/{namespace}/"_s : u"/"_s) + t.plural + u"/{name}"_s;
        const QJsonObject gvk{{u"group"_s, t.group}, {u"version"_s, t.version}, {u"kind"_s, t.kind}};
        const QJsonObject op{{u"x-kubernetes-group-version-kind"_s, gvk},
                             {u"parameters"_s, QJsonArray{QJsonObject{{u"name"_s, u"fieldValidation"_s},
                                                                      {u"in"_s, u"query"_s}}}}};
        paths.insert(item, QJsonObject{{u"get"_s, op}, {u"put"_s, op}, {u"patch"_s, op}, {u"delete"_s, op}});
    }
    if (paths.isEmpty())
        return {};
    return {{u"openapi"_s, u"3.0.0"_s},
            {u"info"_s, QJsonObject{{u"title"_s, u"Kubernetes (sitrep simulated cluster)"_s},
                                    {u"version"_s, u"v1.32.4"_s}}},
            {u"paths"_s, paths},
            {u"components"_s, QJsonObject{{u"schemas"_s, QJsonObject()}}}};
}

QByteArray ResourceCatalog::aggregatedContentType()
{
    return "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";
}

QStringList ResourceCatalog::groupNames() const
{
    QStringList out;
    for (const ResourceType &t : m_types) {
        if (!t.group.isEmpty() && !out.contains(t.group))
            out << t.group;
    }
    return out;
}

QStringList ResourceCatalog::versionsOf(const QString &group) const
{
    QStringList out;
    for (const ResourceType &t : m_types) {
        if (t.group == group && !out.contains(t.version))
            out << t.version;
    }
    return out;
}

QJsonObject ResourceCatalog::discoveryGroup(const QString &group) const
{
    QJsonArray versions;
    for (const QString &version : versionsOf(group)) {
        QJsonArray resources;
        for (const ResourceType &t : m_types) {
            if (t.group != group || t.version != version)
                continue;
            QJsonObject r{
                {u"resource"_s, t.plural},
                {u"responseKind"_s,
                 QJsonObject{{u"group"_s, t.group}, {u"version"_s, t.version}, {u"kind"_s, t.kind}}},
                {u"scope"_s, t.namespaced ? u"Namespaced"_s : u"Cluster"_s},
                {u"singularResource"_s, t.singular},
                {u"verbs"_s, toArray(t.verbs)}};
            if (!t.shortNames.isEmpty())
                r.insert("shortNames"_L1, toArray(t.shortNames));
            if (!t.categories.isEmpty())
                r.insert("categories"_L1, toArray(t.categories));
            QJsonArray subs;
            for (const QString &sub : t.subresources) {
                subs.append(QJsonObject{{u"subresource"_s, sub},
                                        {u"responseKind"_s, subresourceKind(t, sub)},
                                        {u"verbs"_s, toArray(subresourceVerbs(sub))}});
            }
            if (!subs.isEmpty())
                r.insert("subresources"_L1, subs);
            resources.append(r);
        }
        versions.append(QJsonObject{
            {u"version"_s, version}, {u"resources"_s, resources}, {u"freshness"_s, u"Current"_s}});
    }
    return {{u"metadata"_s, QJsonObject{{u"name"_s, group}}}, {u"versions"_s, versions}};
}

QJsonObject ResourceCatalog::aggregatedCore() const
{
    return {{u"kind"_s, u"APIGroupDiscoveryList"_s},
            {u"apiVersion"_s, u"apidiscovery.k8s.io/v2"_s},
            {u"metadata"_s, QJsonObject()},
            {u"items"_s, QJsonArray{discoveryGroup(QString())}}};
}

QJsonObject ResourceCatalog::aggregatedGroups() const
{
    QJsonArray items;
    for (const QString &g : groupNames())
        items.append(discoveryGroup(g));
    return {{u"kind"_s, u"APIGroupDiscoveryList"_s},
            {u"apiVersion"_s, u"apidiscovery.k8s.io/v2"_s},
            {u"metadata"_s, QJsonObject()},
            {u"items"_s, items}};
}

QJsonObject ResourceCatalog::legacyVersions(const QString &serverAddress) const
{
    return {{u"kind"_s, u"APIVersions"_s},
            {u"versions"_s, QJsonArray{u"v1"_s}},
            {u"serverAddressByClientCIDRs"_s, QJsonArray{QJsonObject{{u"clientCIDR"_s, u"0.0.0.0/0"_s},
                                                                     {u"serverAddress"_s, serverAddress}}}}};
}

QJsonObject ResourceCatalog::legacyGroups() const
{
    QJsonArray groups;
    for (const QString &g : groupNames()) {
        QJsonArray versions;
        for (const QString &v : versionsOf(g))
            versions.append(QJsonObject{{u"groupVersion"_s, g + QLatin1Char('/') + v}, {u"version"_s, v}});
        groups.append(
            QJsonObject{{u"name"_s, g}, {u"versions"_s, versions}, {u"preferredVersion"_s, versions.at(0)}});
    }
    return {{u"kind"_s, u"APIGroupList"_s}, {u"apiVersion"_s, u"v1"_s}, {u"groups"_s, groups}};
}

QJsonObject ResourceCatalog::resourceList(const QString &group, const QString &version) const
{
    QJsonArray resources;
    for (const ResourceType &t : m_types) {
        if (t.group != group || t.version != version)
            continue;
        QJsonObject r{{u"name"_s, t.plural},
                      {u"singularName"_s, t.singular},
                      {u"namespaced"_s, t.namespaced},
                      {u"kind"_s, t.kind},
                      {u"verbs"_s, toArray(t.verbs)}};
        if (!t.shortNames.isEmpty())
            r.insert("shortNames"_L1, toArray(t.shortNames));
        if (!t.categories.isEmpty())
            r.insert("categories"_L1, toArray(t.categories));
        resources.append(r);
        for (const QString &sub : t.subresources) {
            const QJsonObject kind = subresourceKind(t, sub);
            QJsonObject s{{u"name"_s, t.plural + QLatin1Char('/') + sub},
                          {u"singularName"_s, QString()},
                          {u"namespaced"_s, t.namespaced},
                          {u"kind"_s, kind.value("kind"_L1)},
                          {u"verbs"_s, toArray(subresourceVerbs(sub))}};
            if (sub == "scale"_L1) {
                s.insert("group"_L1, u"autoscaling"_s);
                s.insert("version"_L1, u"v1"_s);
            }
            resources.append(s);
        }
    }
    if (resources.isEmpty())
        return {};
    return {{u"kind"_s, u"APIResourceList"_s},
            {u"apiVersion"_s, u"v1"_s},
            {u"groupVersion"_s, group.isEmpty() ? version : group + QLatin1Char('/') + version},
            {u"resources"_s, resources}};
}

} // namespace Sitrep::Sim
