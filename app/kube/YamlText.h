#pragma once

#include <QJsonValue>
#include <QString>

namespace Sitrep::Kube {

// Renders a Kubernetes object as YAML (kubectl get -o yaml style) for the describe view.
struct YamlText
{
    static QString fromJson(const QJsonValue &value);
};

} // namespace Sitrep::Kube
