#pragma once

#include "team/Replicator.h"

#include <QObject>
#include <QThread>

namespace Sitrep::Team {

// The GUI thread's handle on one team incident's replicator, which runs on a thread of its own. Signals
// arrive on the owner's thread; journalChanged means "refresh your journal now" (the replicator wrote
// events or acknowledgements through its own connection).
class TeamSync final : public QObject
{
    Q_OBJECT
public:
    explicit TeamSync(ReplicaConfig config, QObject *parent = nullptr);
    ~TeamSync() override; // stops and joins the thread

    void start();
    // Blocks until the replicator has said goodbye and closed its connections.
    void stop();
    bool isRunning() const { return m_thread.isRunning(); }
    // Something was written to the local journal: push it now rather than at the next local check.
    void nudge();

    const ReplicaConfig &config() const { return m_config; }
    ReplicaStatus status() const { return m_status; }
    QList<Peer> peers() const { return m_peers; }

signals:
    void statusChanged();
    void peersChanged();
    void journalChanged();

private:
    ReplicaConfig m_config;
    QThread m_thread;
    Replicator *m_replicator = nullptr;
    ReplicaStatus m_status;
    QList<Peer> m_peers;
};

} // namespace Sitrep::Team
