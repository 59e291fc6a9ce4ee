#pragma once

#include "core/Result.h"

#include <QString>
#include <QStringList>

namespace Sitrep::Core {

// The incident lifecycle: INVESTIGATING -> IDENTIFIED -> MONITORING -> RESOLVED, reopen allowed.
enum class Status { Investigating, Identified, Monitoring, Resolved };

QString statusName(Status s);  // "investigating"
QString statusTitle(Status s); // "Investigating"
Result<Status> parseStatus(const QString &text);
QStringList statusNames();
// A reopen is Resolved -> anything else; every other change is allowed but must be a change.
bool isReopen(Status from, Status to);

} // namespace Sitrep::Core
