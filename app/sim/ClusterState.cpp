#include "sim/ClusterState.h"

#include "sim/SimTime.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QJsonValue>

using namespace Qt::Literals::StringLiterals;

namespace Sitrep::Sim {

ClusterState::ClusterState(const Core::Clock &clock, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
{}

QString ClusterState::keyOf(const QString &ns, const QString &name)
{
    return ns + QLatin1Char('/') + name;
}

static QString nsOf(const QJsonObject &o)
{
    return o.value("metadata"_L1).toObject().value("namespace"_L1).toString();
}

static QString nameOf(const QJsonObject &o)
{
    return o.value("metadata"_L1).toObject().value("name"_L1).toString();
}

std::optional<QJsonObject> ClusterState::get(const QString &resource, const QString &ns,
                                             const QString &name) const
{
    const auto rit = m_objects.constFind(resource);
    if (rit == m_objects.constEnd())
        return std::nullopt;
    const auto it = rit->find(keyOf(ns, name));
    if (it == rit->end())
        return std::nullopt;
    return it->second.object;
}

QList<QJsonObject> ClusterState::list(const QString &resource, const QString &ns,
                                      const Predicate &filter) const
{
    QString next;
    return listPage(resource, ns, {}, -1, filter, &next);
}

QList<QJsonObject> ClusterState::listPage(const QString &resource, const QString &ns, const QString &afterKey,
                                          int limit, const Predicate &filter, QString *nextKey) const
{
    QList<QJsonObject> out;
    scan(resource, ns, afterKey, limit, filter, nextKey, [&out](const Stored &s) { out.append(s.object); });
    return out;
}

QList<QByteArray> ClusterState::listPageJson(const QString &resource, const QString &ns,
                                             const QString &afterKey, int limit, const Predicate &filter,
                                             QString *nextKey) const
{
    QList<QByteArray> out;
    scan(resource, ns, afterKey, limit, filter, nextKey, [&out](const Stored &s) {
        if (s.json.isEmpty())
            s.json = QJsonDocument(s.object).toJson(QJsonDocument::Compact);
        out.append(s.json);
    });
    return out;
}

void ClusterState::scan(const QString &resource, const QString &ns, const QString &afterKey, int limit,
                        const Predicate &filter, QString *nextKey, const Visit &visit) const
{
    if (nextKey)
        nextKey->clear();
    const auto rit = m_objects.constFind(resource);
    if (rit == m_objects.constEnd())
        return;
    const std::map<QString, Stored> &objects = *rit;
    // Keys are "ns/name": a namespace is a contiguous key range, so paging is a seek plus a short scan.
    const QString prefix = ns.isEmpty() ? QString() : ns + QLatin1Char('/');
    auto it = afterKey.isEmpty() ? objects.lower_bound(prefix) : objects.upper_bound(afterKey);
    int taken = 0;
    QString lastKey;
    for (; it != objects.end(); ++it) {
        if (!prefix.isEmpty() && !it->first.startsWith(prefix))
            break;
        if (filter && !filter(it->second.object))
            continue;
        if (limit > 0 && taken == limit) {
            // Report a next page only when something after the last returned key can still match.
            if (nextKey)
                *nextKey = lastKey;
            return;
        }
        visit(it->second);
        lastKey = it->first;
        ++taken;
    }
}

int ClusterState::count(const QString &resource) const
{
    const auto rit = m_objects.constFind(resource);
    return rit == m_objects.constEnd() ? 0 : int(rit->size());
}

QJsonObject ClusterState::create(const QString &resource, QJsonObject object)
{
    QJsonObject meta = object.value("metadata"_L1).toObject();
    if (!meta.contains("uid"_L1)) {
        // Deterministic, UUID-shaped uids keep test output stable between runs.
        const QByteArray seed = resource.toUtf8() + '/' + meta.value("namespace"_L1).toString().toUtf8() +
                                '/' + meta.value("name"_L1).toString().toUtf8() + '#' +
                                QByteArray::number(++m_uidCounter);
        const QByteArray h = QCryptographicHash::hash(seed, QCryptographicHash::Md5).toHex();
        meta.insert("uid"_L1, QString::fromLatin1(h.left(8) + '-' + h.mid(8, 4) + '-' + h.mid(12, 4) + '-' +
                                                  h.mid(16, 4) + '-' + h.mid(20, 12)));
    }
    if (meta.value("creationTimestamp"_L1).toString().isEmpty())
        meta.insert("creationTimestamp"_L1, SimTime::rfc3339(nowMs()));
    if (!meta.contains("generation"_L1) && resource != "pods"_L1 && resource != "events"_L1)
        meta.insert("generation"_L1, 1);
    meta.insert("resourceVersion"_L1, QString::number(++m_rv));
    object.insert("metadata"_L1, meta);
    const QString key = keyOf(meta.value("namespace"_L1).toString(), meta.value("name"_L1).toString());
    auto &objects = m_objects[resource];
    const bool existed = objects.count(key) > 0;
    objects[key] = Stored{object, {}};
    record(resource, existed ? u"MODIFIED"_s : u"ADDED"_s, object);
    return object;
}

QJsonObject ClusterState::update(const QString &resource, QJsonObject object, bool bumpGeneration)
{
    QJsonObject meta = object.value("metadata"_L1).toObject();
    if (bumpGeneration)
        meta.insert("generation"_L1, meta.value("generation"_L1).toInteger(1) + 1);
    meta.insert("resourceVersion"_L1, QString::number(++m_rv));
    object.insert("metadata"_L1, meta);
    m_objects[resource][keyOf(nsOf(object), nameOf(object))] = Stored{object, {}};
    record(resource, u"MODIFIED"_s, object);
    return object;
}

std::optional<QJsonObject> ClusterState::remove(const QString &resource, const QString &ns,
                                                const QString &name)
{
    auto rit = m_objects.find(resource);
    if (rit == m_objects.end())
        return std::nullopt;
    auto it = rit->find(keyOf(ns, name));
    if (it == rit->end())
        return std::nullopt;
    QJsonObject object = it->second.object;
    rit->erase(it);
    QJsonObject meta = object.value("metadata"_L1).toObject();
    meta.insert("resourceVersion"_L1, QString::number(++m_rv));
    if (!meta.contains("deletionTimestamp"_L1))
        meta.insert("deletionTimestamp"_L1, SimTime::rfc3339(nowMs()));
    object.insert("metadata"_L1, meta);
    record(resource, u"DELETED"_s, object);
    return object;
}

void ClusterState::record(const QString &resource, const QString &type, const QJsonObject &object)
{
    WatchEvent event{m_rv, resource, type, object};
    m_history.push_back(event);
    while (int(m_history.size()) > m_historyLimit) {
        m_compactedUpTo = m_history.front().resourceVersion;
        m_history.pop_front();
    }
    emit changed(event);
}

qint64 ClusterState::oldestReplayableVersion() const
{
    return m_compactedUpTo;
}

void ClusterState::compactHistory(qint64 keepAfterVersion)
{
    while (!m_history.empty() && m_history.front().resourceVersion <= keepAfterVersion) {
        m_compactedUpTo = m_history.front().resourceVersion;
        m_history.pop_front();
    }
    m_compactedUpTo = qMax(m_compactedUpTo, qMin(keepAfterVersion, m_rv));
}

std::optional<QList<WatchEvent>> ClusterState::eventsSince(const QString &resource,
                                                           qint64 resourceVersion) const
{
    if (resourceVersion < m_compactedUpTo)
        return std::nullopt;
    QList<WatchEvent> out;
    // History is ordered by version: binary search for the first newer event.
    auto it = std::upper_bound(m_history.begin(), m_history.end(), resourceVersion,
                               [](qint64 rv, const WatchEvent &e) { return rv < e.resourceVersion; });
    for (; it != m_history.end(); ++it) {
        if (it->resource == resource)
            out.append(*it);
    }
    return out;
}

} // namespace Sitrep::Sim
