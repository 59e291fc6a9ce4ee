#include "kube/ClusterJournaler.h"

#include "core/IncidentSession.h"
#include "kube/PodSummary.h"

#include <QJsonArray>

namespace Sitrep::Kube {

namespace {

QJsonObject meta(const QJsonObject &o)
{
    return o.value(QLatin1String("metadata")).toObject();
}

bool deploymentComplete(const QJsonObject &dep)
{
    // kubectl rollout status's rule.
    const QJsonObject spec = dep.value(QLatin1String("spec")).toObject();
    const QJsonObject st = dep.value(QLatin1String("status")).toObject();
    const int generation = meta(dep).value(QLatin1String("generation")).toInt();
    const int observed = st.value(QLatin1String("observedGeneration")).toInt();
    const int replicas = spec.value(QLatin1String("replicas")).toInt(1);
    const int updated = st.value(QLatin1String("updatedReplicas")).toInt();
    return observed >= generation && updated == replicas &&
           st.value(QLatin1String("replicas")).toInt() == updated &&
           st.value(QLatin1String("availableReplicas")).toInt() == updated;
}

bool progressDeadlineExceeded(const QJsonObject &dep)
{
    for (const auto &c :
         dep.value(QLatin1String("status")).toObject().value(QLatin1String("conditions")).toArray()) {
        const QJsonObject co = c.toObject();
        if (co.value(QLatin1String("type")).toString() == QLatin1String("Progressing") &&
            co.value(QLatin1String("reason")).toString() == QLatin1String("ProgressDeadlineExceeded"))
            return true;
    }
    return false;
}

QString imagesOf(const QJsonObject &dep)
{
    QStringList out;
    const QJsonArray cs = dep.value(QLatin1String("spec"))
                              .toObject()
                              .value(QLatin1String("template"))
                              .toObject()
                              .value(QLatin1String("spec"))
                              .toObject()
                              .value(QLatin1String("containers"))
                              .toArray();
    for (const auto &c : cs)
        out << c.toObject().value(QLatin1String("image")).toString();
    return out.join(QStringLiteral(", "));
}

} // namespace

ClusterJournaler::ClusterJournaler(Core::IncidentSession *session, const Core::Clock &clock,
                                   QString contextName, QObject *parent)
    : QObject(parent)
    , m_session(session)
    , m_clock(clock)
    , m_context(std::move(contextName))
    , m_startMs(clock.nowMs())
{}

bool ClusterJournaler::isNotablePodStatus(const QString &status)
{
    static const QStringList notable{QStringLiteral("CrashLoopBackOff"),
                                     QStringLiteral("OOMKilled"),
                                     QStringLiteral("Error"),
                                     QStringLiteral("ImagePullBackOff"),
                                     QStringLiteral("ErrImagePull"),
                                     QStringLiteral("Evicted"),
                                     QStringLiteral("CreateContainerConfigError"),
                                     QStringLiteral("InvalidImageName"),
                                     QStringLiteral("RunContainerError"),
                                     QStringLiteral("CreateContainerError"),
                                     QStringLiteral("ContainerStatusUnknown"),
                                     QStringLiteral("Unknown")};
    if (notable.contains(status))
        return true;
    if (status.startsWith(QLatin1String("Init:")))
        return !status.contains(QLatin1Char('/'));
    return status.startsWith(QLatin1String("ExitCode:")) || status.startsWith(QLatin1String("Signal:"));
}

void ClusterJournaler::emitEvent(const QString &dedupKey, const QString &summary, QJsonObject payload)
{
    const qint64 now = m_clock.nowMs();
    if (auto it = m_lastRecorded.constFind(dedupKey);
        it != m_lastRecorded.constEnd() && now - *it < m_dedupMs)
        return;
    m_lastRecorded.insert(dedupKey, now);
    payload.insert(QStringLiteral("source"), QStringLiteral("kube"));
    payload.insert(QStringLiteral("context"), m_context);
    payload.insert(QStringLiteral("cluster"), m_cluster.isEmpty() ? m_context : m_cluster);
    const QString said = m_named && !m_cluster.isEmpty() ? m_cluster + QStringLiteral(": ") + summary : summary;
    if (m_session) {
        if (auto r = m_session->record(Core::EventKind::KubeEvent, said, payload); !r) {
            // The journal's writeFailed banner tells the user; forget the dedup mark so the same change is
            // recorded when writing works again instead of being lost behind it.
            m_lastRecorded.remove(dedupKey);
            ++m_unrecorded;
            return;
        }
    }
    ++m_recorded;
    emit recorded(said, payload);
}

void ClusterJournaler::onPodEvents(const ObjectEvents &events)
{
    for (const ObjectEvent &e : events) {
        if (e.type == ObjectEvent::Type::Deleted) {
            m_pods.remove(e.key);
            if (m_census)
                m_census->remove(e.key);
            continue;
        }
        const PodSummary p = PodSummary::fromJson(e.object);
        if (m_census)
            m_census->update(e.key, p);
        auto it = m_pods.find(e.key);
        const bool first = it == m_pods.end();
        if (first)
            it = m_pods.insert(e.key, PodMemo{QString(), p.restarts, p.restarts});
        PodMemo &memo = it.value();
        const QJsonObject payload{{QStringLiteral("kind"), QStringLiteral("pod")},
                                  {QStringLiteral("namespace"), p.ns},
                                  {QStringLiteral("name"), p.name},
                                  {QStringLiteral("status"), p.status},
                                  {QStringLiteral("restarts"), p.restarts},
                                  {QStringLiteral("restartsSinceStart"), p.restarts - memo.baselineRestarts},
                                  {QStringLiteral("lastTermination"), p.lastTermination()},
                                  {QStringLiteral("node"), p.node}};
        // A status change is recorded first; otherwise an OOM kill that flashed by between CrashLoopBackOff
        // states is recorded by itself.
        if (p.status != memo.status && isNotablePodStatus(p.status)) {
            QString summary =
                QStringLiteral("pod %1/%2 %3 %4")
                    .arg(p.ns, p.name, first ? QStringLiteral("is in") : QStringLiteral("entered"), p.status);
            if (!p.lastTermination().isEmpty() && !p.status.contains(p.lastTerminationReason))
                summary += QStringLiteral(" (last termination: %1)").arg(p.lastTermination());
            emitEvent(QStringLiteral("pod|%1|%2").arg(e.key, p.status), summary, payload);
        } else if (!first && p.lastTerminationReason == QLatin1String("OOMKilled") &&
                   p.restarts > memo.recordedRestarts && p.status != QLatin1String("OOMKilled"))
            emitEvent(
                QStringLiteral("pod|%1|OOMKilled").arg(e.key),
                QStringLiteral("pod %1/%2 was OOMKilled (exit %3)").arg(p.ns, p.name).arg(p.lastExitCode),
                payload);
        if (p.restarts - memo.recordedRestarts >= m_restartStep) {
            emitEvent(QStringLiteral("pod|%1|restarts|%2").arg(e.key).arg(p.restarts),
                      QStringLiteral("pod %1/%2 restarted %3 times since Sitrep connected (%4 in total)")
                          .arg(p.ns, p.name)
                          .arg(p.restarts - memo.baselineRestarts)
                          .arg(p.restarts),
                      payload);
            memo.recordedRestarts = p.restarts;
        }
        memo.status = p.status;
    }
    if (m_census)
        m_census->commit();
}

void ClusterJournaler::onDeploymentEvents(const ObjectEvents &events)
{
    for (const ObjectEvent &e : events) {
        if (e.type == ObjectEvent::Type::Deleted) {
            m_deployments.remove(e.key);
            continue;
        }
        const QJsonObject m = meta(e.object);
        const QString ns = m.value(QLatin1String("namespace")).toString();
        const QString name = m.value(QLatin1String("name")).toString();
        const QString revision = m.value(QLatin1String("annotations"))
                                     .toObject()
                                     .value(QLatin1String("deployment.kubernetes.io/revision"))
                                     .toString();
        const bool complete = deploymentComplete(e.object);
        auto it = m_deployments.find(e.key);
        const QJsonObject payload{{QStringLiteral("kind"), QStringLiteral("deployment")},
                                  {QStringLiteral("namespace"), ns},
                                  {QStringLiteral("name"), name},
                                  {QStringLiteral("revision"), revision},
                                  {QStringLiteral("images"), imagesOf(e.object)}};
        if (it == m_deployments.end()) {
            m_deployments.insert(e.key, DeploymentMemo{revision, !complete, false});
            continue; // a rollout already under way at connect is not news; its end will be
        }
        DeploymentMemo &memo = it.value();
        if (revision != memo.revision && !revision.isEmpty()) {
            emitEvent(QStringLiteral("deploy|%1|start|%2").arg(e.key, revision),
                      QStringLiteral("rollout of deployment %1/%2 started (revision %3%4)")
                          .arg(ns, name, revision,
                               imagesOf(e.object).isEmpty() ? QString()
                                                            : QStringLiteral(", ") + imagesOf(e.object)),
                      payload);
            memo.revision = revision;
            memo.rolling = true;
            memo.stalled = false;
        }
        if (memo.rolling && complete) {
            emitEvent(
                QStringLiteral("deploy|%1|done|%2").arg(e.key, revision),
                QStringLiteral("rollout of deployment %1/%2 finished (revision %3)").arg(ns, name, revision),
                payload);
            memo.rolling = false;
        } else if (!complete && !memo.stalled && progressDeadlineExceeded(e.object)) {
            emitEvent(QStringLiteral("deploy|%1|stalled|%2").arg(e.key, revision),
                      QStringLiteral(
                          "rollout of deployment %1/%2 stalled: progress deadline exceeded (revision %3)")
                          .arg(ns, name, revision),
                      payload);
            memo.stalled = true;
        } else if (!complete && !memo.rolling) {
            memo.rolling = true; // e.g. a scale-up or restart: report when it completes
        }
    }
}

void ClusterJournaler::onClusterEvents(const ObjectEvents &events)
{
    for (const ObjectEvent &e : events) {
        if (e.type == ObjectEvent::Type::Deleted)
            continue;
        const QJsonObject &ev = e.object;
        if (ev.value(QLatin1String("type")).toString() != QLatin1String("Warning"))
            continue;
        QString last = ev.value(QLatin1String("lastTimestamp")).toString();
        if (last.isEmpty())
            last = ev.value(QLatin1String("eventTime")).toString();
        if (last.isEmpty())
            last = meta(ev).value(QLatin1String("creationTimestamp")).toString();
        const qint64 lastMs = parseKubeTime(last);
        if (lastMs != 0 && lastMs < m_startMs - m_lookbackMs)
            continue;
        const QJsonObject inv = ev.value(QLatin1String("involvedObject")).toObject();
        const QString object = inv.value(QLatin1String("kind")).toString().toLower() + QLatin1Char('/') +
                               inv.value(QLatin1String("name")).toString();
        const QString ns = inv.value(QLatin1String("namespace")).toString();
        const QString reason = ev.value(QLatin1String("reason")).toString();
        const QString message = ev.value(QLatin1String("message")).toString();
        const int count = ev.value(QLatin1String("count")).toInt(1);
        const QJsonObject payload{{QStringLiteral("kind"), QStringLiteral("event")},
                                  {QStringLiteral("namespace"), ns},
                                  {QStringLiteral("object"), object},
                                  {QStringLiteral("reason"), reason},
                                  {QStringLiteral("message"), message},
                                  {QStringLiteral("count"), count}};
        emitEvent(QStringLiteral("event|%1|%2|%3|%4").arg(ns, object, reason, message),
                  QStringLiteral("Warning %1 on %2%3: %4")
                      .arg(reason, ns.isEmpty() ? QString() : ns + QLatin1Char('/'), object, message),
                  payload);
    }
}

} // namespace Sitrep::Kube
