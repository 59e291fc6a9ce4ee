#pragma once

#include "kube/KubeRequest.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace Sitrep::Kube {

// A cluster action made of the exact requests it will send, so the confirmation dialog can show them verbatim
// and the journal can record them.
struct ActionPlan
{
    QString verb;    // "rollout restart", "scale", "rollout undo", "delete", "cordon"
    QString target;  // "deployment/api-gateway"
    QString ns;      // empty for cluster-scoped targets
    QString kubectl; // the equivalent kubectl command line, for people who think in kubectl
    QString note;    // e.g. "to revision 3 (image api:1.4.2)"
    // Every object the plan touches ("pod/api-7d9f-x2k4q"), listed in the confirmation: for a delete by
    // selector this is the only place the user sees which pods match before they go.
    QStringList objects;
    bool destructive = true;
    QList<KubeRequest> requests;

    // "rollout restart deployment/api-gateway in demo"
    QString title() const;
    // Every request as METHOD URL, Content-Type and body: what the confirmation dialog shows.
    QString requestText(const QUrl &server) const;
};

} // namespace Sitrep::Kube
