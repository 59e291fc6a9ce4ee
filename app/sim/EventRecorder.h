#pragma once

#include <QHash>
#include <QJsonObject>
#include <QString>

namespace Sitrep::Sim {

class ClusterState;

// Writes core/v1 Events the way the kubelet and controllers do: repeats of the same reason and
// message on the same object bump count and lastTimestamp instead of adding a new Event.
class EventRecorder final
{
public:
    explicit EventRecorder(ClusterState &state)
        : m_state(state)
    {}

    void record(const QJsonObject &involved, const QString &type, const QString &reason,
                const QString &message, const QString &component, const QString &host = {},
                const QString &fieldPath = {}, int count = 1, qint64 firstMs = -1);
    void setMaxEvents(int max) { m_maxEvents = max; }

private:
    ClusterState &m_state;
    QHash<QString, QString> m_byKey; // dedupe key -> "ns/name" of the Event
    int m_maxEvents = 3000;
    quint64 m_counter = 0;
};

} // namespace Sitrep::Sim
