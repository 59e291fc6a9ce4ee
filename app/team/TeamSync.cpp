#include "team/TeamSync.h"

namespace Sitrep::Team {

TeamSync::TeamSync(ReplicaConfig config, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
{
    m_thread.setObjectName(QStringLiteral("team-") + m_config.teamId);
}

TeamSync::~TeamSync()
{
    stop();
}

void TeamSync::start()
{
    if (m_replicator)
        return;
    m_replicator = new Replicator(m_config);
    m_replicator->moveToThread(&m_thread);
    connect(&m_thread, &QThread::started, m_replicator, &Replicator::start);
    connect(m_replicator, &Replicator::statusChanged, this, [this](const ReplicaStatus &s) {
        m_status = s;
        emit statusChanged();
    });
    connect(m_replicator, &Replicator::peersChanged, this, [this](const QList<Peer> &peers) {
        m_peers = peers;
        emit peersChanged();
    });
    connect(m_replicator, &Replicator::journalChanged, this, &TeamSync::journalChanged);
    m_thread.start();
}

void TeamSync::stop()
{
    if (!m_replicator)
        return;
    // The replicator's connections belong to its thread: close them there, then end the thread.
    QMetaObject::invokeMethod(m_replicator, &Replicator::stop, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
    delete m_replicator;
    m_replicator = nullptr;
    m_peers.clear();
    m_status.state = ReplicaStatus::State::Stopped;
}

void TeamSync::nudge()
{
    if (m_replicator)
        QMetaObject::invokeMethod(m_replicator, &Replicator::syncSoon, Qt::QueuedConnection);
}

} // namespace Sitrep::Team
