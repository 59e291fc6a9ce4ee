#pragma once

#include "core/Clock.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QString>

#include <deque>
#include <functional>
#include <map>
#include <optional>

namespace Sitrep::Sim {

// One change to the simulated cluster, as a watch stream reports it.
struct WatchEvent
{
    qint64 resourceVersion = 0;
    QString resource; // plural, e.g. "pods"
    QString type;     // ADDED, MODIFIED, DELETED
    QJsonObject object;
};

// The store of the simulated API server: objects per resource with a global resourceVersion,
// and a bounded history of changes so watches can replay from a resourceVersion (410 when too old).
class ClusterState final : public QObject
{
    Q_OBJECT
public:
    using Predicate = std::function<bool(const QJsonObject &)>;

    explicit ClusterState(const Core::Clock &clock, QObject *parent = nullptr);

    const Core::Clock &clock() const { return m_clock; }
    qint64 nowMs() const { return m_clock.nowMs(); }
    qint64 resourceVersion() const { return m_rv; }

    static QString keyOf(const QString &ns, const QString &name);

    std::optional<QJsonObject> get(const QString &resource, const QString &ns, const QString &name) const;
    // All objects of a resource (ns empty = every namespace), in key order.
    QList<QJsonObject> list(const QString &resource, const QString &ns = {},
                            const Predicate &filter = {}) const;
    // One page in key order after `afterKey`; `nextKey` is empty when there is nothing more.
    QList<QJsonObject> listPage(const QString &resource, const QString &ns, const QString &afterKey,
                                int limit, const Predicate &filter, QString *nextKey) const;
    // The same page as compact JSON, serialized once per object version (the list fast path).
    QList<QByteArray> listPageJson(const QString &resource, const QString &ns, const QString &afterKey,
                                   int limit, const Predicate &filter, QString *nextKey) const;
    int count(const QString &resource) const;

    // Fills uid, resourceVersion, creationTimestamp (and generation 1); replaces an existing object of that
    // name.
    QJsonObject create(const QString &resource, QJsonObject object);
    // Stores the object as given (bumping resourceVersion); bumpGeneration when the spec changed.
    QJsonObject update(const QString &resource, QJsonObject object, bool bumpGeneration = false);
    std::optional<QJsonObject> remove(const QString &resource, const QString &ns, const QString &name);

    // Events after `resourceVersion` for one resource, or nullopt when history no longer reaches back that
    // far.
    std::optional<QList<WatchEvent>> eventsSince(const QString &resource, qint64 resourceVersion) const;
    qint64 oldestReplayableVersion() const;
    void setHistoryLimit(int limit) { m_historyLimit = qMax(1, limit); }
    // Drops history so that watches from older versions get 410 (tests, fault injection).
    void compactHistory(qint64 keepAfterVersion);

signals:
    void changed(const Sitrep::Sim::WatchEvent &event);

private:
    struct Stored
    {
        QJsonObject object;
        mutable QByteArray json; // compact JSON, filled on first list
    };
    using Visit = std::function<void(const Stored &)>;
    void scan(const QString &resource, const QString &ns, const QString &afterKey, int limit,
              const Predicate &filter, QString *nextKey, const Visit &visit) const;
    void record(const QString &resource, const QString &type, const QJsonObject &object);

    const Core::Clock &m_clock;
    QHash<QString, std::map<QString, Stored>> m_objects;
    std::deque<WatchEvent> m_history;
    qint64 m_compactedUpTo = 0;
    int m_historyLimit = 20000;
    qint64 m_rv = 1000;
    quint64 m_uidCounter = 0;
};

} // namespace Sitrep::Sim
