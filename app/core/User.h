#pragma once

#include <QString>

namespace Sitrep::Core {

// Who is acting: $SITREP_USER, else the login name. Every journal entry carries it.
QString currentUser();
// Where this program runs, as user@host: every journal entry records it (team incidents show it).
// $SITREP_HOST overrides the host name (several "laptops" on one test machine).
QString currentOrigin();

} // namespace Sitrep::Core
