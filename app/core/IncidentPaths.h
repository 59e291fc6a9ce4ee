#pragma once

#include <QString>
#include <QStringList>

namespace Sitrep::Core {

// Where incident files live: ~/.local/share/sitrep/incidents ($XDG_DATA_HOME/sitrep/incidents), as the
// README says. Sitrep 0.1 put them one folder deeper (the organisation and the application name both
// added a folder: ~/.local/share/sitrep/sitrep/incidents); those are still found.
class IncidentPaths final
{
public:
    // The folder new incidents go to (created when missing).
    static QString incidentDir();
    // The folder earlier versions used; empty when it holds no incident.
    static QString legacyIncidentDir();
    // Every incident file in both folders, newest first.
    static QStringList knownIncidents();
};

} // namespace Sitrep::Core
