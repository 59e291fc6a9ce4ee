#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace Sitrep::Kube {

// One pod reduced to what the pods table shows, computed exactly like kubectl's printPod (STATUS, READY,
// RESTARTS) plus the last termination of any container. Compact: the table keeps these, not the JSON.
struct PodSummary
{
    QString uid;
    QString name;
    QString ns;
    QString status; // kubectl's STATUS column
    QString phase;  // status.phase
    int readyContainers = 0;
    int totalContainers = 0;
    int restarts = 0;
    qint64 lastRestartMs = 0; // newest lastState.terminated.finishedAt counted, 0 = none
    qint64 createdMs = 0;
    QString ip;
    QString node;
    QString lastTerminationReason; // e.g. "OOMKilled" (from lastState, or the current terminated state)
    int lastExitCode = -1;         // -1 = none
    QString owner;                 // "ReplicaSet/api-7d9f" (controller owner)
    QString labels;                // "app=api,pod-template-hash=7d9f" (sorted)
    QString resourceVersion;
    bool deleting = false;

    QString key() const { return ns + QLatin1Char('/') + name; }
    QString ready() const { return QStringLiteral("%1/%2").arg(readyContainers).arg(totalContainers); }
    // "5 (3m ago)" like kubectl, or "0".
    QString restartsText(const QDateTime &now) const;
    QString age(const QDateTime &now) const;
    // "OOMKilled (137)" or empty.
    QString lastTermination() const;
    // A coarse class for colouring: healthy, progressing, failing, done.
    enum class Health { Healthy, Progressing, Failing, Done };
    Health health() const;
    // The class of a STATUS column value; allReady matters only for Running.
    static Health healthOf(const QString &status, bool allReady);

    static PodSummary fromJson(const QJsonObject &pod);
};

// kubectl's duration.HumanDuration: "45s", "5m30s", "3h2m", "2d", "1y20d".
QString humanDuration(qint64 seconds);
// translateTimestampSince: "<unknown>" for no time.
QString timeSince(qint64 thenMs, const QDateTime &now);
// Kubernetes RFC 3339 timestamps ("2026-11-23T07:00:00Z") to ms since the epoch, 0 when empty/invalid.
qint64 parseKubeTime(const QString &rfc3339);

} // namespace Sitrep::Kube
