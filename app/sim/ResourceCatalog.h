#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace Sitrep::Sim {

// One resource type the simulated API serves.
struct ResourceType
{
    QString group; // "" for core
    QString version;
    QString plural;
    QString singular;
    QString kind;
    bool namespaced = true;
    QStringList verbs;
    QStringList shortNames;
    QStringList categories;
    QStringList subresources; // "log", "scale", "status"
    bool stored = true;       // false: computed on request (metrics, access reviews)

    QString groupVersion() const { return group.isEmpty() ? version : group + QLatin1Char('/') + version; }
};

// What the simulated API server serves, and the discovery documents (aggregated v2 and legacy) built from it.
class ResourceCatalog final
{
public:
    ResourceCatalog();

    const QList<ResourceType> &types() const { return m_types; }
    const ResourceType *find(const QString &group, const QString &version, const QString &plural) const;
    // The stored resource name for a kind's objects (e.g. "pods"); ownerReferences use kinds.
    QString pluralForKind(const QString &kind) const;

    QJsonObject aggregatedCore() const;   // GET /api, apidiscovery v2
    QJsonObject aggregatedGroups() const; // GET /apis, apidiscovery v2
    QJsonObject legacyVersions(const QString &serverAddress) const;
    QJsonObject legacyGroups() const;
    // APIResourceList of /api/v1 or /apis/<group>/<version>; empty object when unknown.
    QJsonObject resourceList(const QString &group, const QString &version) const;

    // Minimal OpenAPI v3 (index and per group-version) so `kubectl apply` can validate server-side.
    QJsonObject openApiIndex() const;
    QJsonObject openApiDocument(const QString &group, const QString &version) const;

    static QByteArray aggregatedContentType();

private:
    QJsonObject discoveryGroup(const QString &group) const;
    QStringList groupNames() const;
    QStringList versionsOf(const QString &group) const;
    QList<ResourceType> m_types;
};

} // namespace Sitrep::Sim
