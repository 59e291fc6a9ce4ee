#include "core/JournalHealth.h"

namespace Sitrep::Core {

QString JournalHealth::sentence() const
{
    switch (state) {
    case State::Unchecked:
        return QStringLiteral("the incident file has not been checked yet");
    case State::Checking:
        return QStringLiteral("the incident file is being checked");
    case State::Healthy:
        return QStringLiteral("the incident file is intact (%1 events)").arg(readableEvents);
    case State::Damaged:
        break;
    }
    QString s = QStringLiteral("the incident file is damaged (%1): ").arg(damage);
    if (expectedEvents >= 0)
        s += QStringLiteral("%1 of %2 events readable").arg(readableEvents).arg(expectedEvents);
    else
        s += QStringLiteral("%1 events readable").arg(readableEvents);
    if (!lost.isEmpty())
        s += QStringLiteral(" (%1)").arg(lost);
    return s;
}

} // namespace Sitrep::Core
