#include "kube/ActionRunner.h"

#include "core/IncidentSession.h"
#include "kube/Actions.h"
#include "kube/KubeClient.h"

#include <QDebug>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Sitrep::Kube {

using Core::makeError;
using Core::Result;

ActionRunner::ActionRunner(KubeClient *client, Core::IncidentSession *session, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_session(session)
{
    qRegisterMetaType<Sitrep::Kube::ActionOutcome>();
}

void ActionRunner::fetchDeploymentAndReplicaSets(
    const QString &ns, const QString &deployment, QObject *context,
    std::function<void(const Result<std::pair<QJsonObject, QJsonArray>> &)> cb)
{
    QPointer<QObject> guard(context);
    KubeCall *get = m_client->get(resourcePath(QStringLiteral("apps"), QStringLiteral("v1"),
                                               QStringLiteral("deployments"), ns, deployment),
                                  {}, QStringLiteral("get deployment %1 in %2").arg(deployment, ns));
    connect(get, &KubeCall::finished, this, [this, get, ns, guard, cb] {
        if (!guard)
            return;
        const QJsonObject dep = get->ok() ? get->json() : QJsonObject();
        if (dep.isEmpty()) {
            cb(makeError(get->errorText()));
            return;
        }
        // The selector from spec.selector.matchLabels, as kubectl rollout history does.
        const QJsonObject match = dep.value(QLatin1String("spec"))
                                      .toObject()
                                      .value(QLatin1String("selector"))
                                      .toObject()
                                      .value(QLatin1String("matchLabels"))
                                      .toObject();
        QStringList sel;
        for (auto it = match.begin(); it != match.end(); ++it)
            sel << it.key() + QLatin1Char('=') + it.value().toString();
        QUrlQuery q;
        if (!sel.isEmpty())
            q.addQueryItem(QStringLiteral("labelSelector"),
                           QString::fromLatin1(QUrl::toPercentEncoding(sel.join(QLatin1Char(',')))));
        KubeCall *list = m_client->get(
            resourcePath(QStringLiteral("apps"), QStringLiteral("v1"), QStringLiteral("replicasets"), ns), q,
            QStringLiteral("list replicasets in %1").arg(ns));
        connect(list, &KubeCall::finished, this, [list, dep, guard, cb] {
            if (!guard)
                return;
            const QJsonObject o = list->ok() ? list->json() : QJsonObject();
            if (o.isEmpty()) {
                cb(makeError(list->errorText()));
                return;
            }
            cb(std::pair{dep, o.value(QLatin1String("items")).toArray()});
        });
    });
}

void ActionRunner::fetchHistory(const QString &ns, const QString &deployment, QObject *context,
                                HistoryCallback callback)
{
    fetchDeploymentAndReplicaSets(ns, deployment, context, [callback](const auto &r) {
        if (!r)
            callback(r.error());
        else
            callback(RolloutHistory::fromReplicaSets(r->first, r->second));
    });
}

void ActionRunner::prepareUndo(const QString &ns, const QString &deployment, qint64 toRevision,
                               QObject *context, PlanCallback callback)
{
    fetchDeploymentAndReplicaSets(ns, deployment, context, [callback, toRevision](const auto &r) {
        if (!r)
            callback(r.error());
        else
            callback(Actions::rolloutUndo(r->first, r->second, toRevision));
    });
}

void ActionRunner::prepareDeleteMatching(const QString &ns, const QString &fieldSelector,
                                         const QString &labelSelector, QObject *context,
                                         PlanCallback callback)
{
    QPointer<QObject> guard(context);
    QUrlQuery q;
    if (!fieldSelector.isEmpty())
        q.addQueryItem(QStringLiteral("fieldSelector"),
                       QString::fromLatin1(QUrl::toPercentEncoding(fieldSelector)));
    if (!labelSelector.isEmpty())
        q.addQueryItem(QStringLiteral("labelSelector"),
                       QString::fromLatin1(QUrl::toPercentEncoding(labelSelector)));
    KubeCall *list = m_client->get(resourcePath(QString(), QStringLiteral("v1"), QStringLiteral("pods"), ns),
                                   q, QStringLiteral("list pods in %1").arg(ns));
    connect(list, &KubeCall::finished, this, [list, ns, fieldSelector, labelSelector, guard, callback] {
        if (!guard)
            return;
        const QJsonObject o = list->ok() ? list->json() : QJsonObject();
        if (o.isEmpty()) {
            callback(makeError(list->errorText()));
            return;
        }
        QStringList names;
        for (const auto &v : o.value(QLatin1String("items")).toArray())
            names << v.toObject()
                         .value(QLatin1String("metadata"))
                         .toObject()
                         .value(QLatin1String("name"))
                         .toString();
        if (names.isEmpty()) {
            callback(makeError(
                QStringLiteral("no pods in %1 match %2")
                    .arg(ns, QStringList{fieldSelector, labelSelector}.join(QLatin1Char(' ')).trimmed())));
            return;
        }
        callback(Actions::deleteMatchingPods(ns, names, fieldSelector, labelSelector));
    });
}

QString ActionRunner::titleOf(const ActionPlan &plan) const
{
    return m_named && !m_cluster.isEmpty() ? plan.title() + QStringLiteral(" on ") + m_cluster : plan.title();
}

int ActionRunner::run(const ActionPlan &plan)
{
    const int id = m_nextId++;
    ActionOutcome outcome;
    if (m_session) {
        // Fail closed: an action on production whose record cannot be kept is not taken.
        const auto intent = m_session->journal().recordIntent(
            m_session->author(), plan.kubectl.isEmpty() ? titleOf(plan) : plan.kubectl,
            {{QStringLiteral("source"), QStringLiteral("kube")},
             {QStringLiteral("context"), m_client->contextName()},
             {QStringLiteral("verb"), plan.verb},
             {QStringLiteral("target"), plan.target},
             {QStringLiteral("namespace"), plan.ns}});
        if (!intent) {
            outcome.sentence = QStringLiteral("%1 refused: %2; nothing was sent to the cluster")
                                   .arg(titleOf(plan), intent.error().message);
            QMetaObject::invokeMethod(
                this, [this, id, outcome] { emit finished(id, outcome); }, Qt::QueuedConnection);
            return id;
        }
        outcome.intentId = *intent;
    }
    step(id, plan, 0, outcome);
    return id;
}

void ActionRunner::step(int id, ActionPlan plan, int index, ActionOutcome outcome)
{
    if (index >= plan.requests.size()) {
        outcome.ok = outcome.failedRequests == 0;
        if (outcome.ok)
            outcome.sentence = titleOf(plan) + QStringLiteral(" succeeded");
        else if (plan.requests.size() > 1)
            outcome.sentence = QStringLiteral("%1 failed for %2 of %3 requests: %4")
                                   .arg(titleOf(plan))
                                   .arg(outcome.failedRequests)
                                   .arg(plan.requests.size())
                                   .arg(outcome.sentence);
        else
            outcome.sentence = titleOf(plan) + QStringLiteral(" failed: ") + outcome.sentence;
        record(plan, outcome);
        emit finished(id, outcome);
        return;
    }
    KubeCall *call = m_client->send(plan.requests.at(index));
    connect(call, &KubeCall::finished, this, [this, call, id, plan, index, outcome]() mutable {
        outcome.statuses << call->httpStatus();
        if (!call->ok()) {
            if (outcome.failedRequests == 0)
                outcome.sentence = call->errorText(); // the first failure explains the rest
            ++outcome.failedRequests;
        }
        step(id, std::move(plan), index + 1, std::move(outcome));
    });
}

void ActionRunner::record(const ActionPlan &plan, const ActionOutcome &outcome)
{
    if (!m_session)
        return;
    QJsonArray requests;
    for (int i = 0; i < plan.requests.size(); ++i) {
        const KubeRequest &r = plan.requests.at(i);
        QJsonObject o{{QStringLiteral("method"), QString::fromLatin1(r.method)},
                      {QStringLiteral("path"), r.pathWithQuery()},
                      {QStringLiteral("status"), i < outcome.statuses.size() ? outcome.statuses.at(i) : 0}};
        if (!r.body.isEmpty())
            o.insert(QStringLiteral("body"), QString::fromUtf8(r.body.left(4000)));
        if (!r.contentType.isEmpty())
            o.insert(QStringLiteral("contentType"), QString::fromLatin1(r.contentType));
        requests.append(o);
    }
    const QJsonObject payload{
        {QStringLiteral("source"), QStringLiteral("kube")},
        {QStringLiteral("who"), m_session->author()},
        {QStringLiteral("kubeUser"), m_client->userName()},
        {QStringLiteral("context"), m_client->contextName()},
        {QStringLiteral("cluster"), m_cluster.isEmpty() ? m_client->contextName() : m_cluster},
        {QStringLiteral("server"), m_client->server().toString(QUrl::RemoveUserInfo)},
        {QStringLiteral("verb"), plan.verb},
        {QStringLiteral("target"), plan.target},
        {QStringLiteral("namespace"), plan.ns},
        {QStringLiteral("kubectl"), plan.kubectl},
        {QStringLiteral("objects"), QJsonArray::fromStringList(plan.objects)},
        {QStringLiteral("requests"), requests},
        {QStringLiteral("outcome"), outcome.ok ? QStringLiteral("succeeded") : QStringLiteral("failed")},
        {QStringLiteral("intentId"), outcome.intentId},
        {QStringLiteral("error"), outcome.ok ? QString() : outcome.sentence},
    };
    // A failure here reaches the user through the journal's writeFailed banner; the intent is on record.
    if (auto r = m_session->record(Core::EventKind::Action, outcome.sentence, payload); !r)
        qWarning().noquote() << "the outcome of" << plan.title() << "was not recorded:" << r.error().text();
}

} // namespace Sitrep::Kube
