#pragma once

#include <QString>

namespace Sitrep::Core {

// What the integrity check of an incident file found.
struct JournalHealth
{
    enum class State { Unchecked, Checking, Healthy, Damaged };
    State state = State::Unchecked;
    QString damage;             // what SQLite said: "Page 7: btreeInitPage() returns error code 11"
    qint64 readableEvents = 0;  // events that can be read (all of them when healthy)
    qint64 expectedEvents = -1; // events the file once held, when it still says (-1: unknown)
    QString lost;               // "lost: 33-45" when ids are missing
    qint64 checkMs = -1;        // how long PRAGMA quick_check took

    bool isDamaged() const { return state == State::Damaged; }
    // "The incident file is damaged (...): 287 of 300 events readable (lost: 33-45)"
    QString sentence() const;
};

} // namespace Sitrep::Core
