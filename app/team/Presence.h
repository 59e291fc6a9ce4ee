#pragma once

#include <QHash>
#include <QList>
#include <QString>

#include <optional>

namespace Sitrep::Team {

// Someone connected to a team incident right now: a responder's console, a terminal, or a wall.
struct Peer
{
    QString session; // one per running Sitrep
    QString name;    // who (SITREP_USER / login name)
    QString origin;  // user@host
    QString kind;    // "console", "wall", "cli"
    qint64 lastSeenMs = 0;

    bool isWall() const { return kind == QLatin1String("wall"); }
    friend bool operator==(const Peer &a, const Peer &b)
    {
        return a.session == b.session && a.name == b.name && a.origin == b.origin && a.kind == b.kind;
    }
};

// Who is connected, from the announcements every Sitrep sends on the server's presence channel
// (LISTEN/NOTIFY: nothing stored). A peer that stops announcing is dropped after expiryMs.
class PresenceTracker final
{
public:
    enum class State { Hello, Here, Bye };

    static QString encode(const QString &teamId, const Peer &self, State state);
    struct Message
    {
        QString teamId;
        Peer peer;
        State state = State::Here;
    };
    static std::optional<Message> decode(const QString &payload);

    PresenceTracker(QString teamId, QString ownSession)
        : m_teamId(std::move(teamId))
        , m_ownSession(std::move(ownSession))
    {}

    // Returns true when the list of peers changed. answer is set when the sender just arrived
    // (a hello) and deserves our own announcement at once.
    bool receive(const QString &payload, qint64 nowMs, bool *answer = nullptr);
    bool expire(qint64 nowMs, qint64 expiryMs);
    bool clear();
    QList<Peer> peers() const; // sorted: consoles by name, then walls

private:
    QString m_teamId;
    QString m_ownSession;
    QHash<QString, Peer> m_peers;
};

} // namespace Sitrep::Team
