#pragma once

#include "kube/Informer.h"

#include <QDateTime>
#include <QJsonObject>
#include <QStringList>

namespace Sitrep::Kube {

// The columns `kubectl get` prints for the cluster's other kinds (nodes, services, endpoints, ingresses,
// HPAs, replica sets) and `kubectl top` for pod and node metrics, built from the objects' JSON. Each row also
// carries a problem sentence when something needs the commander's eye (node NotReady or under pressure,
// service without ready endpoints, HPA pinned at its maximum), so the pane can mark it with words.
class ResourcePrinter final
{
public:
    enum class Kind { Nodes, Services, Endpoints, Ingresses, Hpas, ReplicaSets, TopPods, TopNodes };
    struct Row
    {
        QStringList cells; // one per header
        QString problem;   // empty when all is well
    };

    static QList<Kind> kinds();
    static QString title(Kind kind); // "Nodes", "Top (pods)"
    static bool isClusterScoped(Kind kind);
    // Metrics have no watch: the pane polls these.
    static bool isPolled(Kind kind);
    // What to list (and watch) for kind in ns ("" = all namespaces).
    static ResourceRef ref(Kind kind, const QString &ns);
    static QStringList headers(Kind kind);
    static Row print(Kind kind, const QJsonObject &object, const QDateTime &now);

    // kubectl top's units: CPU "250m", memory "128Mi".
    static QString cpuText(const QString &quantity);
    static QString memoryText(const QString &quantity);
    static double cpuCores(const QString &quantity);
    static double memoryBytes(const QString &quantity);
};

} // namespace Sitrep::Kube
