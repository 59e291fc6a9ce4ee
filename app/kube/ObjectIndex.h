#pragma once

#include "kube/ObjectEvent.h"

#include <QHash>
#include <QSet>
#include <QString>
#include <QStringList>

namespace Sitrep::Kube {

// What an informer knows about the objects it has delivered (key -> resourceVersion), so that a relist after
// 410 Gone can be reconciled: changed objects become Modified, new ones Added, and objects that vanished
// while the watch was down become Deleted events instead of being silently left in the view.
class ObjectIndex final
{
public:
    // Applies a watch event; returns false when it changes nothing (a duplicate).
    bool apply(const ObjectEvent &event);

    void beginRelist();
    // Classifies one listed object; nullopt-like false when unchanged (same resourceVersion).
    bool relistItem(ObjectEvent &event);
    // Ends the relist: keys delivered before that the list no longer holds (now removed from the index).
    QStringList endRelist();
    bool relisting() const { return m_relisting; }

    qsizetype size() const { return m_rv.size(); }
    bool contains(const QString &key) const { return m_rv.contains(key); }
    QString resourceVersion(const QString &key) const { return m_rv.value(key); }
    void clear()
    {
        m_rv.clear();
        m_seen.clear();
        m_relisting = false;
    }

private:
    QHash<QString, QString> m_rv;
    QSet<QString> m_seen;
    bool m_relisting = false;
};

} // namespace Sitrep::Kube
