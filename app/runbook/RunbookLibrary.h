#pragma once

#include "runbook/Runbook.h"

#include <QStringList>

namespace Sitrep::Runbook {

// The runbooks a responder can pick: the ones bundled in the program (:/runbooks), a user folder and
// single files; and the one to suggest for a firing alert.
class RunbookLibrary final
{
public:
    struct Entry
    {
        QString path; // ":/runbooks/api-gateway-crashloop.md" or a file path
        QString title;
        QStringList alerts;
        QList<AlertLink> alertLinks;
    };
    struct Suggestion
    {
        QString path;
        QString section; // anchor where to start; empty for the top
    };

    // Bundled runbooks plus every *.md in the given folders (not recursive). Unparseable files are skipped.
    static QList<Entry> scan(const QStringList &folders = {});
    static QStringList bundled();
    // The runbook (and section) that names this alert; a runbook_url annotation wins when it points to one.
    static std::optional<Suggestion> suggest(const QList<Entry> &entries, const QString &alertName,
                                             const QString &runbookUrl = {});
};

} // namespace Sitrep::Runbook
