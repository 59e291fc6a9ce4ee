#pragma once

#include "logs/LogTarget.h"

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QString>

namespace Sitrep::Logs {

class LogSession;

// Turns the pod watch into log targets, stern-style: the caller feeds pod objects (JSON, as the
// API returns them) from its informer; the tracker keeps the pods matching the selection, makes
// one target per container (init containers on request), tells the session when the set changes,
// when a container's restartCount grows and when a container starts running or becomes ready (so
// that a stream which gave up on a slow-starting container comes back). Pure data: no Kubernetes
// client code.
class PodTargetTracker final : public QObject
{
    Q_OBJECT
public:
    explicit PodTargetTracker(LogSession *session, QObject *parent = nullptr);

    // What to stream, as typed in the pane: "" (every pod of the namespace), a pod name,
    // "pod/NAME", several pods ("pod/a,pod/b", "pod/a pod/b" or "a b"), a label selector
    // ("app=api,tier!=db,canary", "env in (a,b)") or "deployment/NAME" (pods whose controlling
    // ReplicaSet is NAME-<hash>). Returns false with a sentence when the selector cannot be parsed.
    // Always hands the session its targets again, so that failed streams of them retry.
    bool setSelection(const QString &ns, const QString &selector, QString *error = nullptr);
    void setIncludeInit(bool include);
    // Only this container ("" = all).
    void setContainer(const QString &container);

    // A pod of one of the incident's clusters ("" when it watches one); its targets carry the cluster.
    void upsert(const QJsonObject &pod, const QString &cluster = {});
    void remove(const QJsonObject &pod, const QString &cluster = {});
    // Forgets every pod of a cluster (it left the incident, or its namespace changed).
    void removeCluster(const QString &cluster);
    // Replaces the known pods (after a relist).
    void reset(const QList<QJsonObject> &pods);

    QList<LogTarget> targets() const;
    bool matches(const QJsonObject &pod) const;
    // Every container name of the matched pods, whatever the container choice (init containers when
    // included), sorted: what the pane offers to choose from.
    QStringList containerNames() const;
    const QString &container() const { return m_container; }
    bool includeInit() const { return m_includeInit; }

signals:
    void targetsChanged(const QList<Sitrep::Logs::LogTarget> &targets);

private:
    struct Requirement
    {
        QString key;
        enum class Op { Equals, NotEquals, In, NotIn, Exists, NotExists } op = Op::Equals;
        QStringList values;
    };
    struct Pod
    {
        QString ns;
        QString name;
        QString cluster;
        QList<LogTarget> containers;
        QStringList names; // every container, before the container choice
        QHash<QString, int> restarts;
        QHash<QString, bool> running;
        QHash<QString, bool> ready;
    };
    static bool parseSelector(const QString &text, QList<Requirement> *out, QString *error);
    // Tells the session (and targetsChanged) when the targets or names changed, or always if forced.
    void apply(bool force = false);

    LogSession *m_session;
    QString m_ns;
    QStringList m_podNames;
    QString m_deployment;
    QList<Requirement> m_requirements;
    bool m_includeInit = false;
    QString m_container;
    QHash<QString, QJsonObject> m_all; // every pod seen, by [cluster|]ns/name
    QHash<QString, QString> m_clusterOf; // the cluster of a pod of m_all, when there are several
    QHash<QString, Pod> m_matched;
    QList<LogTarget> m_lastTargets;
    QStringList m_lastNames;
};

} // namespace Sitrep::Logs
