#pragma once

#include <QString>

namespace Sitrep::Core {

// Who is acting: $SITREP_USER, else the login name. Every journal entry carries it.
QString currentUser();

} // namespace Sitrep::Core
