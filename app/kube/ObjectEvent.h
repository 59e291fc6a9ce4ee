#pragma once

#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>

namespace Sitrep::Kube {

// One change to one object as an informer delivers it (watch events and list/relist results alike).
struct ObjectEvent
{
    enum class Type { Added, Modified, Deleted };
    Type type = Type::Added;
    QString key; // "namespace/name" (or "name" for cluster-scoped objects)
    QString resourceVersion;
    QJsonObject object; // for reconciled deletions only metadata.name/namespace are set

    static QString keyOf(const QJsonObject &object)
    {
        const QJsonObject meta = object.value(QLatin1String("metadata")).toObject();
        const QString ns = meta.value(QLatin1String("namespace")).toString();
        const QString name = meta.value(QLatin1String("name")).toString();
        return ns.isEmpty() ? name : ns + QLatin1Char('/') + name;
    }
};

using ObjectEvents = QList<ObjectEvent>;

} // namespace Sitrep::Kube

Q_DECLARE_METATYPE(Sitrep::Kube::ObjectEvents)
