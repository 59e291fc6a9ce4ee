#include "core/User.h"

#include <QSysInfo>

#include <pwd.h>
#include <unistd.h>

namespace Sitrep::Core {

QString currentUser()
{
    for (const char *var : {"SITREP_USER", "USER", "LOGNAME"}) {
        const QString v = qEnvironmentVariable(var);
        if (!v.isEmpty())
            return v;
    }
    if (const passwd *pw = getpwuid(getuid()); pw && pw->pw_name)
        return QString::fromLocal8Bit(pw->pw_name);
    return QStringLiteral("unknown");
}

QString currentOrigin()
{
    QString host = qEnvironmentVariable("SITREP_HOST");
    if (host.isEmpty())
        host = QSysInfo::machineHostName();
    if (host.isEmpty())
        host = QStringLiteral("localhost");
    return currentUser() + QLatin1Char('@') + host;
}

} // namespace Sitrep::Core
