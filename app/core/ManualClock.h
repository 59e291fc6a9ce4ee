#pragma once

#include "core/Clock.h"

namespace Sitrep::Core {

// A clock that moves only when told to; tests use it instead of sleeping.
class ManualClock final : public Clock
{
public:
    explicit ManualClock(QDateTime start = QDateTime::fromMSecsSinceEpoch(1'795'000'000'000, Qt::UTC))
        : m_now(start.toUTC())
    {}
    QDateTime now() const override { return m_now; }
    void set(const QDateTime &t) { m_now = t.toUTC(); }
    void advanceMs(qint64 ms) { m_now = m_now.addMSecs(ms); }
    void advanceSecs(qint64 s) { m_now = m_now.addSecs(s); }

private:
    QDateTime m_now;
};

} // namespace Sitrep::Core
