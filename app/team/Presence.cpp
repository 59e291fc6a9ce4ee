#include "team/Presence.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace Sitrep::Team {

namespace {

QString stateName(PresenceTracker::State s)
{
    switch (s) {
    case PresenceTracker::State::Hello:
        return QStringLiteral("hello");
    case PresenceTracker::State::Bye:
        return QStringLiteral("bye");
    case PresenceTracker::State::Here:
        break;
    }
    return QStringLiteral("here");
}

} // namespace

QString PresenceTracker::encode(const QString &teamId, const Peer &self, State state)
{
    const QJsonObject o{{QStringLiteral("team"), teamId},    {QStringLiteral("session"), self.session},
                        {QStringLiteral("name"), self.name}, {QStringLiteral("origin"), self.origin},
                        {QStringLiteral("kind"), self.kind}, {QStringLiteral("state"), stateName(state)}};
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

std::optional<PresenceTracker::Message> PresenceTracker::decode(const QString &payload)
{
    const QJsonObject o = QJsonDocument::fromJson(payload.toUtf8()).object();
    Message m;
    m.teamId = o.value(QLatin1String("team")).toString();
    m.peer.session = o.value(QLatin1String("session")).toString();
    m.peer.name = o.value(QLatin1String("name")).toString().left(64);
    m.peer.origin = o.value(QLatin1String("origin")).toString().left(128);
    m.peer.kind = o.value(QLatin1String("kind")).toString().left(16);
    const QString state = o.value(QLatin1String("state")).toString();
    if (m.teamId.isEmpty() || m.peer.session.isEmpty())
        return std::nullopt;
    m.state = state == QLatin1String("hello") ? State::Hello
              : state == QLatin1String("bye") ? State::Bye
                                              : State::Here;
    return m;
}

bool PresenceTracker::receive(const QString &payload, qint64 nowMs, bool *answer)
{
    if (answer)
        *answer = false;
    const auto m = decode(payload);
    if (!m || m->teamId != m_teamId || m->peer.session == m_ownSession)
        return false;
    if (m->state == State::Bye)
        return m_peers.remove(m->peer.session) > 0;
    if (answer)
        *answer = m->state == State::Hello;
    Peer p = m->peer;
    p.lastSeenMs = nowMs;
    const auto it = m_peers.find(p.session);
    const bool changed = it == m_peers.end() || !(*it == p);
    m_peers.insert(p.session, p);
    return changed;
}

bool PresenceTracker::expire(qint64 nowMs, qint64 expiryMs)
{
    bool changed = false;
    for (auto it = m_peers.begin(); it != m_peers.end();) {
        if (nowMs - it->lastSeenMs > expiryMs) {
            it = m_peers.erase(it);
            changed = true;
        } else {
            ++it;
        }
    }
    return changed;
}

bool PresenceTracker::clear()
{
    const bool changed = !m_peers.isEmpty();
    m_peers.clear();
    return changed;
}

QList<Peer> PresenceTracker::peers() const
{
    QList<Peer> out = m_peers.values();
    std::sort(out.begin(), out.end(), [](const Peer &a, const Peer &b) {
        if (a.isWall() != b.isWall())
            return !a.isWall();
        if (a.name != b.name)
            return a.name < b.name;
        return a.session < b.session;
    });
    return out;
}

} // namespace Sitrep::Team
