#pragma once

#include <QDateTime>

namespace Sitrep::Core {

// The source of "now": injected everywhere time matters so tests can drive it.
class Clock
{
public:
    virtual ~Clock() = default;
    virtual QDateTime now() const = 0;
    qint64 nowMs() const { return now().toMSecsSinceEpoch(); }
};

// Wall-clock time in UTC.
class SystemClock final : public Clock
{
public:
    QDateTime now() const override { return QDateTime::currentDateTimeUtc(); }
};

} // namespace Sitrep::Core
