#pragma once

#include <QDateTime>
#include <QHash>
#include <QObject>

#include <functional>

namespace Sitrep::Kube {

class KubeClient;

// One question for SelfSubjectAccessReview: may I <verb> <group>/<resource>[/<subresource>] [name] in <ns>?
struct AccessQuery
{
    QString verb;
    QString group;
    QString resource;
    QString subresource;
    QString ns;
    QString name;

    QString key() const;
    QString describe() const; // "patch deployments in demo"
};

// The answer, with the reason to show next to a disabled action.
struct AccessDecision
{
    bool allowed = false;
    bool known =
        false;      // false when the review itself failed (then the action stays enabled; the server decides)
    QString reason; // "not allowed: user bob may not patch deployments in demo: RBAC: ..."
};

// Asks the API server what the current user may do (SelfSubjectAccessReview with a JSON body), caching
// answers for a minute, so panes can disable actions and say why.
class AccessReview final : public QObject
{
    Q_OBJECT
public:
    explicit AccessReview(KubeClient *client, QObject *parent = nullptr);

    using Callback = std::function<void(const AccessDecision &)>;
    // Calls back on this object's thread; at once when cached. `context` guards the callback's lifetime.
    void check(const AccessQuery &query, QObject *context, Callback callback);
    void clearCache() { m_cache.clear(); }

    static QByteArray requestBody(const AccessQuery &query);

private:
    struct Cached
    {
        AccessDecision decision;
        qint64 atMs = 0;
    };
    KubeClient *m_client;
    QHash<QString, Cached> m_cache;
};

} // namespace Sitrep::Kube
