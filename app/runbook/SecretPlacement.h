#pragma once

#include "core/Result.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace Sitrep::Runbook {

// Keeps secret values off command lines and out of the shell's parser. A secret placeholder (`<db-password>`)
// is replaced by a reference to an environment variable holding its value, written for where it stands:
// "${V}" as a plain argument, ${V} inside double quotes or an unquoted heredoc, '"${V}"' inside single
// quotes, and, inside code that a shell run by the command parses again (sh -c '...', watch '...', bash
// <<EOF), as a reference that inner shell expands itself from its inherited environment. Code that runs on
// another machine (kubectl exec, ssh) cannot inherit it: there the value is quoted for that shell by bash
// (${V@Q}).
class SecretPlacement final
{
public:
    struct Slot
    {
        QString marker;   // the unique text that stands where the placeholder was
        QString variable; // the environment variable that holds the value
        QString token;    // the placeholder as written, for messages
    };
    static Core::Result<QString> place(const QString &text, const QList<Slot> &secretSlots);

    // The programs (first word of their simple command) that would receive the value of one of `variables`
    // as a command-line argument, where any user of the machine can read it in the process list.
    static QStringList exposures(const QString &command, const QStringList &variables);
};

} // namespace Sitrep::Runbook
