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
    // A file in a runbook folder that could not be read as a runbook, and why (file:line: what).
    struct Failure
    {
        QString path;
        QString error;
    };
    struct Scan
    {
        QList<Entry> entries;
        QList<Failure> failures;
    };
    struct Suggestion
    {
        QString path;
        QString section; // anchor where to start; empty for the top
    };

    // Bundled runbooks plus every *.md in the given folders (not recursive), and the files that failed to
    // parse with their error (also logged): nothing is dropped without a word.
    static Scan scanAll(const QStringList &folders = {});
    // The runbooks only (alert links, suggestions); failures are still logged.
    static QList<Entry> scan(const QStringList &folders = {}) { return scanAll(folders).entries; }
    static QStringList bundled();
    // The runbook (and section) that names this alert; a runbook_url annotation wins when it points to one.
    static std::optional<Suggestion> suggest(const QList<Entry> &entries, const QString &alertName,
                                             const QString &runbookUrl = {});
};

} // namespace Sitrep::Runbook
