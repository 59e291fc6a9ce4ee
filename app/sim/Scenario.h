#pragma once

#include "core/Result.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace Sitrep::Sim {

// How containers of one image behave (healthy, crash-looping) and what they log.
struct ImageProfile
{
    QString image;
    QString behaviour = QStringLiteral("healthy"); // healthy | crashloop
    double logLinesPerSecond = 1.0;
    QStringList logs;        // templates: {method} {path} {status} {ms} {id} {n}
    QStringList startupLogs; // printed at each container start
    QString crashLog;        // last line before a crash
    int exitCode = 1;
    int crashAfterSeconds = 3;
    int backoffSeconds = 20;
    int readyAfterSeconds = 2;
    int cpuMilli = 50; // typical usage
    int memoryMi = 64; // typical usage
    QJsonObject exec;  // what kubectl exec into it answers (ExecRules)
};

struct ContainerSpec
{
    QString name;
    QString image;
    int port = 0;
    QString cpuLimit = QStringLiteral("500m");
    QString memoryLimit = QStringLiteral("256Mi");
};

struct Revision
{
    QString image;
    QString changeCause;
    int minutesAgo = 0;
};

struct Traffic
{
    double requestsPerSecond = 0;
    double baselineErrorRatio = 0.0005;
    double p50Ms = 30;
};

// A Deployment or StatefulSet of the scenario, with its Service, HPA, Ingress and traffic.
struct Workload
{
    QString kind = QStringLiteral("Deployment");
    QString ns;
    QString name;
    int replicas = 1;
    QString strategy = QStringLiteral("RollingUpdate");
    QJsonObject labels;
    QList<ContainerSpec> containers;
    QList<Revision> revisions; // oldest first; the last one is live
    int servicePort = 0;       // 0: no Service
    int hpaMin = 0, hpaMax = 0, hpaCpuPercent = 0;
    QString ingressHost;
    Traffic traffic;
    int createdMinutesAgo = 2880;
};

struct NodeSpec
{
    QString name;
    QString cpu = QStringLiteral("8");
    QString memory = QStringLiteral("32Gi");
    QString internalIp;
};

// Something that happens at a set time after the scenario starts (a drill's script): a rollout of a new
// image, a scale, a node condition, a Warning event.
struct TimelineStep
{
    int atSeconds = 0;
    QString action; // rollout | scale | nodeCondition | event
    QString ns;
    QString target; // workload, node, or object name
    QString kind;   // for events: the involved object's kind (Deployment, Pod, Node)
    QString image;  // rollout
    QString changeCause;
    int replicas = -1; // scale
    QString condition; // nodeCondition: MemoryPressure, DiskPressure, Ready ...
    QString status;    // nodeCondition: "True" / "False"
    QString reason;    // event reason, condition reason
    QString message;   // event message, condition message
};

// A simulated cluster and how it misbehaves, loaded from resources/scenarios/<name>.json.
class Scenario final
{
public:
    static Core::Result<Scenario> load(const QString &nameOrPath);
    static Core::Result<Scenario> fromJson(const QByteArray &json, const QString &where);
    static QStringList builtinNames();

    QString name;
    QString description;
    int tickMs = 1000;
    quint32 seed = 1;
    QStringList namespaces;
    QList<NodeSpec> nodes;
    QHash<QString, ImageProfile> images;
    QList<Workload> workloads;
    QString syntheticNamespace = QStringLiteral("load");
    int syntheticPods = 0;
    QStringList deniedVerbs;      // "delete pods", "delete" ... for SelfSubjectAccessReview
    QList<TimelineStep> timeline; // by time
    QJsonObject counters;         // numbers exec answers quote, moving with the cluster (ExecCounters)

    ImageProfile profileFor(const QString &image) const;
};

} // namespace Sitrep::Sim
