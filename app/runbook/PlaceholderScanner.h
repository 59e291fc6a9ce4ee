#pragma once

#include "runbook/Runbook.h"

#include <QSet>

namespace Sitrep::Runbook {

// Finds the values a command needs (`<namespace>`, `<pod-name>`, `$TOKEN`, `${DATABASE_URL}`) and types
// them: known context values, secrets (masked, kept in the keychain) and plain values asked once.
class PlaceholderScanner final
{
public:
    // Variables the block itself assigns (POD=$(...), for X in ...) are not placeholders.
    static QSet<QString> assignedVariables(const QString &shell);
    static QList<Placeholder> scan(const QString &command, const QSet<QString> &assigned = {});
    static Placeholder typed(const QString &name, const QString &token);
    static bool looksSecret(const QString &name);
    // "pod-name" -> "pod", "NAMESPACE" -> "namespace"; empty when the name is no context value.
    static QString contextKey(const QString &name);
};

} // namespace Sitrep::Runbook
