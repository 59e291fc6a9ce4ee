#include "kube/PodSummary.h"

#include "kube/JsonFields.h"

#include <QJsonArray>

#include <algorithm>

namespace Sitrep::Kube {

using namespace JsonFields;

namespace {

bool conditionTrue(const QJsonObject &status, const char *type)
{
    for (const auto &c : arr(status, "conditions")) {
        const QJsonObject co = c.toObject();
        if (str(co, "type") == QLatin1String(type))
            return str(co, "status") == QLatin1String("True");
    }
    return false;
}

// A sidecar: an init container with restartPolicy Always.
bool restartableInit(const QJsonArray &initSpecs, const QString &name)
{
    for (const auto &c : initSpecs) {
        const QJsonObject co = c.toObject();
        if (str(co, "name") == name)
            return str(co, "restartPolicy") == QLatin1String("Always");
    }
    return false;
}

QString terminatedReason(const QJsonObject &t, const QString &prefix)
{
    const QString reason = str(t, "reason");
    if (!reason.isEmpty())
        return prefix + reason;
    const int signal = t.value(QLatin1String("signal")).toInt();
    if (signal != 0)
        return QStringLiteral("%1Signal:%2").arg(prefix).arg(signal);
    return QStringLiteral("%1ExitCode:%2").arg(prefix).arg(t.value(QLatin1String("exitCode")).toInt());
}

} // namespace

qint64 parseKubeTime(const QString &rfc3339)
{
    if (rfc3339.isEmpty())
        return 0;
    const QDateTime t = QDateTime::fromString(rfc3339, Qt::ISODateWithMs);
    return t.isValid() ? t.toMSecsSinceEpoch() : 0;
}

QString humanDuration(qint64 seconds)
{
    // Port of k8s.io/apimachinery/pkg/util/duration.HumanDuration.
    if (seconds < -1)
        return QStringLiteral("<invalid>");
    if (seconds < 0)
        return QStringLiteral("0s");
    if (seconds < 60 * 2)
        return QStringLiteral("%1s").arg(seconds);
    const qint64 minutes = seconds / 60;
    if (minutes < 10) {
        const qint64 s = seconds % 60;
        return s == 0 ? QStringLiteral("%1m").arg(minutes) : QStringLiteral("%1m%2s").arg(minutes).arg(s);
    }
    if (minutes < 60 * 3)
        return QStringLiteral("%1m").arg(minutes);
    const qint64 hours = seconds / 3600;
    if (hours < 8) {
        const qint64 m = minutes % 60;
        return m == 0 ? QStringLiteral("%1h").arg(hours) : QStringLiteral("%1h%2m").arg(hours).arg(m);
    }
    if (hours < 48)
        return QStringLiteral("%1h").arg(hours);
    if (hours < 24 * 8) {
        const qint64 h = hours % 24;
        return h == 0 ? QStringLiteral("%1d").arg(hours / 24)
                      : QStringLiteral("%1d%2h").arg(hours / 24).arg(h);
    }
    if (hours < 24 * 365 * 2)
        return QStringLiteral("%1d").arg(hours / 24);
    if (hours < 24 * 365 * 8) {
        const qint64 dy = (hours / 24) % 365;
        return dy == 0 ? QStringLiteral("%1y").arg(hours / 24 / 365)
                       : QStringLiteral("%1y%2d").arg(hours / 24 / 365).arg(dy);
    }
    return QStringLiteral("%1y").arg(hours / 24 / 365);
}

QString timeSince(qint64 thenMs, const QDateTime &now)
{
    if (thenMs == 0)
        return QStringLiteral("<unknown>");
    // Go's Duration.Seconds() truncated to int.
    return humanDuration((now.toMSecsSinceEpoch() - thenMs) / 1000);
}

QString PodSummary::restartsText(const QDateTime &now) const
{
    if (restarts != 0 && lastRestartMs != 0)
        return QStringLiteral("%1 (%2 ago)").arg(restarts).arg(timeSince(lastRestartMs, now));
    return QString::number(restarts);
}

QString PodSummary::age(const QDateTime &now) const
{
    return timeSince(createdMs, now);
}

QString PodSummary::lastTermination() const
{
    if (lastTerminationReason.isEmpty() && lastExitCode < 0)
        return {};
    if (lastExitCode < 0)
        return lastTerminationReason;
    return QStringLiteral("%1 (%2)")
        .arg(lastTerminationReason.isEmpty() ? QStringLiteral("Exited") : lastTerminationReason)
        .arg(lastExitCode);
}

PodSummary::Health PodSummary::health() const
{
    return healthOf(status, readyContainers == totalContainers);
}

PodSummary::Health PodSummary::healthOf(const QString &status, bool allReady)
{
    if (status == QLatin1String("Running"))
        return allReady ? Health::Healthy : Health::Progressing;
    if (status == QLatin1String("Completed") || status == QLatin1String("Succeeded"))
        return Health::Done;
    if (status == QLatin1String("Pending") || status == QLatin1String("ContainerCreating") ||
        status == QLatin1String("PodInitializing") || status == QLatin1String("Terminating") ||
        (status.startsWith(QLatin1String("Init:")) && status.contains(QLatin1Char('/'))))
        return Health::Progressing;
    return Health::Failing;
}

PodSummary PodSummary::fromJson(const QJsonObject &pod)
{
    // Port of printPod in kubernetes/pkg/printers/internalversion/printers.go (v1.32).
    PodSummary s;
    const QJsonObject meta = obj(pod, "metadata");
    const QJsonObject spec = obj(pod, "spec");
    const QJsonObject status = obj(pod, "status");
    s.uid = str(meta, "uid");
    s.name = str(meta, "name");
    s.ns = str(meta, "namespace");
    s.resourceVersion = str(meta, "resourceVersion");
    s.createdMs = parseKubeTime(str(meta, "creationTimestamp"));
    s.deleting = meta.contains(QLatin1String("deletionTimestamp")) &&
                 !meta.value(QLatin1String("deletionTimestamp")).isNull();
    s.node = str(spec, "nodeName");
    const QJsonArray podIPs = arr(status, "podIPs");
    s.ip = podIPs.isEmpty() ? str(status, "podIP") : str(podIPs.first().toObject(), "ip");
    for (const auto &o : arr(meta, "ownerReferences")) {
        const QJsonObject ref = o.toObject();
        if (ref.value(QLatin1String("controller")).toBool()) {
            s.owner = str(ref, "kind") + QLatin1Char('/') + str(ref, "name");
            break;
        }
    }
    const QJsonObject labels = obj(meta, "labels");
    QStringList lp;
    for (auto it = labels.begin(); it != labels.end(); ++it)
        lp << it.key() + QLatin1Char('=') + it.value().toString();
    s.labels = lp.join(QLatin1Char(',')); // QJsonObject keys are sorted already

    const QJsonArray containers = arr(spec, "containers");
    const QJsonArray initSpecs = arr(spec, "initContainers");
    int restarts = 0;
    int restartableInitRestarts = 0;
    int total = int(containers.size());
    int ready = 0;
    qint64 lastRestart = 0;
    qint64 lastRestartableInitRestart = 0;
    s.phase = str(status, "phase");
    QString reason = s.phase;
    if (!str(status, "reason").isEmpty())
        reason = str(status, "reason");
    for (const auto &c : arr(status, "conditions")) {
        const QJsonObject co = c.toObject();
        if (str(co, "type") == QLatin1String("PodScheduled") &&
            str(co, "reason") == QLatin1String("SchedulingGated"))
            reason = QStringLiteral("SchedulingGated");
    }
    for (const auto &c : initSpecs)
        if (str(c.toObject(), "restartPolicy") == QLatin1String("Always"))
            ++total;

    qint64 newestTermination = -1;
    auto noteTermination = [&s, &newestTermination](const QJsonObject &cs) {
        // Sitrep's extra column: the newest termination of any container, current or last.
        const QJsonObject lastT = obj(obj(cs, "lastState"), "terminated");
        const QJsonObject curT = obj(obj(cs, "state"), "terminated");
        const QJsonObject t = !curT.isEmpty() ? curT : lastT;
        if (t.isEmpty())
            return;
        const qint64 at = parseKubeTime(str(t, "finishedAt"));
        if (at > newestTermination) {
            newestTermination = at;
            s.lastTerminationReason = str(t, "reason");
            s.lastExitCode = t.value(QLatin1String("exitCode")).toInt();
        }
    };

    bool initializing = false;
    const QJsonArray initStatuses = arr(status, "initContainerStatuses");
    for (qsizetype i = 0; i < initStatuses.size(); ++i) {
        const QJsonObject cs = initStatuses.at(i).toObject();
        const int rc = cs.value(QLatin1String("restartCount")).toInt();
        restarts += rc;
        const QJsonObject lastT = obj(obj(cs, "lastState"), "terminated");
        const qint64 finished = lastT.isEmpty() ? 0 : parseKubeTime(str(lastT, "finishedAt"));
        if (!lastT.isEmpty() && finished > lastRestart)
            lastRestart = finished;
        const bool sidecar = restartableInit(initSpecs, str(cs, "name"));
        if (sidecar) {
            restartableInitRestarts += rc;
            if (!lastT.isEmpty() && finished > lastRestartableInitRestart)
                lastRestartableInitRestart = finished;
        }
        const QJsonObject state = obj(cs, "state");
        const QJsonObject term = obj(state, "terminated");
        const QJsonObject waiting = obj(state, "waiting");
        const bool hasTerm = state.contains(QLatin1String("terminated"));
        if (hasTerm && term.value(QLatin1String("exitCode")).toInt() == 0)
            continue;
        if (sidecar && cs.value(QLatin1String("started")).toBool()) {
            if (cs.value(QLatin1String("ready")).toBool())
                ++ready;
            continue;
        }
        noteTermination(cs);
        if (hasTerm) {
            reason = terminatedReason(term, QStringLiteral("Init:"));
        } else if (state.contains(QLatin1String("waiting")) && !str(waiting, "reason").isEmpty() &&
                   str(waiting, "reason") != QLatin1String("PodInitializing")) {
            reason = QStringLiteral("Init:") + str(waiting, "reason");
        } else {
            reason = QStringLiteral("Init:%1/%2").arg(i).arg(initSpecs.size());
        }
        initializing = true;
        break;
    }

    if (!initializing || conditionTrue(status, "Initialized")) {
        restarts = restartableInitRestarts;
        lastRestart = lastRestartableInitRestart;
        bool hasRunning = false;
        const QJsonArray statuses = arr(status, "containerStatuses");
        for (qsizetype i = statuses.size() - 1; i >= 0; --i) {
            const QJsonObject cs = statuses.at(i).toObject();
            restarts += cs.value(QLatin1String("restartCount")).toInt();
            const QJsonObject lastT = obj(obj(cs, "lastState"), "terminated");
            if (!lastT.isEmpty()) {
                const qint64 finished = parseKubeTime(str(lastT, "finishedAt"));
                if (finished > lastRestart)
                    lastRestart = finished;
            }
            noteTermination(cs);
            const QJsonObject state = obj(cs, "state");
            const QJsonObject waiting = obj(state, "waiting");
            const QJsonObject term = obj(state, "terminated");
            const bool hasTerm = state.contains(QLatin1String("terminated"));
            if (state.contains(QLatin1String("waiting")) && !str(waiting, "reason").isEmpty()) {
                reason = str(waiting, "reason");
            } else if (hasTerm) {
                reason = terminatedReason(term, QString());
            } else if (cs.value(QLatin1String("ready")).toBool() &&
                       state.contains(QLatin1String("running"))) {
                hasRunning = true;
                ++ready;
            }
        }
        if (reason == QLatin1String("Completed") && hasRunning)
            reason = conditionTrue(status, "Ready") ? QStringLiteral("Running") : QStringLiteral("NotReady");
    }

    const bool terminal = s.phase == QLatin1String("Succeeded") || s.phase == QLatin1String("Failed");
    if (s.deleting && str(status, "reason") == QLatin1String("NodeLost"))
        reason = QStringLiteral("Unknown");
    else if (s.deleting && !terminal)
        reason = QStringLiteral("Terminating");

    s.status = reason;
    s.readyContainers = ready;
    s.totalContainers = total;
    s.restarts = restarts;
    s.lastRestartMs = restarts != 0 ? lastRestart : 0;
    return s;
}

} // namespace Sitrep::Kube
