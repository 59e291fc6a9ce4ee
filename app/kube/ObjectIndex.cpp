#include "kube/ObjectIndex.h"

namespace Sitrep::Kube {

bool ObjectIndex::apply(const ObjectEvent &event)
{
    if (event.type == ObjectEvent::Type::Deleted)
        return m_rv.remove(event.key) > 0;
    auto it = m_rv.find(event.key);
    if (it != m_rv.end() && it.value() == event.resourceVersion && !event.resourceVersion.isEmpty())
        return false;
    m_rv.insert(event.key, event.resourceVersion);
    return true;
}

void ObjectIndex::beginRelist()
{
    m_seen.clear();
    m_relisting = true;
}

bool ObjectIndex::relistItem(ObjectEvent &event)
{
    m_seen.insert(event.key);
    auto it = m_rv.find(event.key);
    if (it == m_rv.end()) {
        event.type = ObjectEvent::Type::Added;
        m_rv.insert(event.key, event.resourceVersion);
        return true;
    }
    if (it.value() == event.resourceVersion && !event.resourceVersion.isEmpty())
        return false;
    event.type = ObjectEvent::Type::Modified;
    it.value() = event.resourceVersion;
    return true;
}

QStringList ObjectIndex::endRelist()
{
    QStringList gone;
    for (auto it = m_rv.begin(); it != m_rv.end();) {
        if (!m_seen.contains(it.key())) {
            gone << it.key();
            it = m_rv.erase(it);
        } else {
            ++it;
        }
    }
    m_seen.clear();
    m_relisting = false;
    gone.sort();
    return gone;
}

} // namespace Sitrep::Kube
