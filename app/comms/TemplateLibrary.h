#pragma once

#include "comms/UpdateTemplate.h"
#include "core/Result.h"
#include "core/Status.h"

#include <QList>
#include <QString>

namespace Sitrep::Comms {

// A template as the runbook module finds it ("INCIDENT TEMPLATE:" block): a name and labelled lines.
// A plain struct so comms never includes app/runbook; the composition root converts.
struct RunbookTemplateSpec
{
    struct Field
    {
        QString label; // "Impact"
        QString
            value; // "[Brief description of user impact]" (a hint) or "DeepTech Radar API" (a fixed value)
    };
    QString name; // "INCIDENT TEMPLATE", "INCIDENT RESOLVED"
    QList<Field> fields;
    QString runbook; // where it came from, for the user
};

// Every template a user can pick: built-in, from the incident's runbook, and from template files.
class TemplateLibrary final
{
public:
    TemplateLibrary(); // starts with the built-ins

    static QList<UpdateTemplate> builtIns(); // initial, update, resolved, tactical
    static UpdateTemplate fromRunbook(const RunbookTemplateSpec &spec);
    // resources/templates in the source/install tree and $XDG_CONFIG_HOME/sitrep/templates.
    static QStringList defaultDirectories(const QString &resourceDir);

    // Loads *.json, *.txt, *.tmpl, *.md of a folder (a missing folder is not an error). A bad file does
    // not stop the others: its error is returned. A file template replaces one with the same name.
    QList<Core::Error> loadDirectory(const QString &dir);
    void addRunbookTemplates(const QList<RunbookTemplateSpec> &specs);
    void add(const UpdateTemplate &t);

    const QList<UpdateTemplate> &templates() const { return m_templates; }
    QStringList names() const;
    std::optional<UpdateTemplate> find(const QString &name) const;
    // The template to prefill for a status: "resolved" once resolved, "initial" before any update, else
    // "update".
    QString suggestedFor(Core::Status status, int updatesPublished) const;

private:
    QList<UpdateTemplate> m_templates;
};

} // namespace Sitrep::Comms
