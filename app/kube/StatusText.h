#pragma once

#include <QByteArray>
#include <QString>

namespace Sitrep::Kube {

// Turns an API server reply (a metav1.Status body, or no body) into a sentence saying what failed and what to
// do.
struct StatusText
{
    // httpStatus: the HTTP code; body: the reply; user: the kubeconfig user; what: "list pods in demo".
    static QString sentence(int httpStatus, const QByteArray &body, const QString &user, const QString &what);
    // The message of a Status object, empty when the body is not one.
    static QString statusMessage(const QByteArray &body);
};

} // namespace Sitrep::Kube
