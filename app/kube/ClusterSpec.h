#pragma once

#include "core/Result.h"
#include "core/TimelineEvent.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace Sitrep::Core {
class IncidentSession;
}

namespace Sitrep::Kube {

// One cluster an incident watches: a context of a kubeconfig file, the namespace filter for it and the colour
// its rows are marked with. An incident names its clusters in its journal (recordClusters), so reopening it,
// or following it from another PC, watches the same ones.
struct ClusterSpec
{
    QString kubeconfig;        // the file; "" = $KUBECONFIG or ~/.kube/config, as kubectl reads them
    QString context;           // "" = the file's current-context
    std::optional<QString> ns; // nullopt: the context's own namespace; "": all namespaces
    QString colour;            // "#1565c0"; empty: the set picks one
    QString name;              // what the panes call it; empty: the context

    QString displayName() const { return name.isEmpty() ? context : name; }
    // "prod-eu (namespace demo)", "prod-us (all namespaces)"
    QString describe() const;
    QJsonObject toJson() const;
    static ClusterSpec fromJson(const QJsonObject &o);
    // Same file and context: the same connection serves both (the namespace may differ).
    bool sameCluster(const ClusterSpec &o) const { return kubeconfig == o.kubeconfig && context == o.context; }
    bool operator==(const ClusterSpec &o) const
    {
        return sameCluster(o) && ns == o.ns && colour == o.colour && name == o.name;
    }
};

// The clusters an incident names, kept in its journal as a "clusters" field change whose payload lists them.
struct IncidentClusters
{
    // The clusters the newest such entry names (empty when the incident names none).
    static QList<ClusterSpec> fromEvents(const QList<Core::TimelineEvent> &events);
    // The clusters of one entry, or nullopt when the entry is not a clusters entry.
    static std::optional<QList<ClusterSpec>> fromEvent(const Core::TimelineEvent &event);
    // Appends the entry (who and when come from the session); fails like any journal write.
    static Core::Result<void> record(Core::IncidentSession &session, const QList<ClusterSpec> &clusters);
    // "prod-eu (namespace demo), prod-us (all namespaces)"
    static QString describe(const QList<ClusterSpec> &clusters);
    static constexpr const char *kField = "clusters";
};

} // namespace Sitrep::Kube
