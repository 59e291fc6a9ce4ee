#pragma once

#include "core/Result.h"

#include <QString>

namespace Sitrep::Core {

// The people an incident needs named: who leads, who talks to stakeholders, who keeps the record.
enum class Role { Commander, CommsLead, Scribe };

constexpr int kRoleCount = 3;
QString roleName(Role r);  // "commander"
QString roleTitle(Role r); // "Incident commander"
Result<Role> parseRole(const QString &text);

} // namespace Sitrep::Core
