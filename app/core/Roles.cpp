#include "core/Roles.h"

namespace Sitrep::Core {

QString roleName(Role r)
{
    switch (r) {
    case Role::Commander:
        return QStringLiteral("commander");
    case Role::CommsLead:
        return QStringLiteral("comms-lead");
    case Role::Scribe:
        return QStringLiteral("scribe");
    }
    return {};
}

QString roleTitle(Role r)
{
    switch (r) {
    case Role::Commander:
        return QStringLiteral("Incident commander");
    case Role::CommsLead:
        return QStringLiteral("Comms lead");
    case Role::Scribe:
        return QStringLiteral("Scribe");
    }
    return {};
}

Result<Role> parseRole(const QString &text)
{
    const QString t = text.trimmed().toLower().replace(QLatin1Char('_'), QLatin1Char('-'));
    for (int i = 0; i < kRoleCount; ++i) {
        const auto r = static_cast<Role>(i);
        if (t == roleName(r) ||
            (r == Role::Commander && (t == QLatin1String("ic") || t == QLatin1String("incident-commander"))))
            return r;
    }
    return makeError(
        QStringLiteral("unknown role \"%1\"; expected commander, comms-lead or scribe").arg(text));
}

} // namespace Sitrep::Core
