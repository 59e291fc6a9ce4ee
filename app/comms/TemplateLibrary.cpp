#include "comms/TemplateLibrary.h"

#include <QDir>
#include <QStandardPaths>

namespace Sitrep::Comms {

namespace {

TemplateField f(const char *key, bool multiline = false)
{
    const QString k = QLatin1String(key);
    return TemplateField{k, UpdateTemplate::labelForKey(k), {}, multiline};
}

QString lines(std::initializer_list<const char *> l)
{
    QStringList out;
    for (const char *s : l)
        out << QString::fromUtf8(s);
    return out.join(QLatin1Char('\n'));
}

} // namespace

TemplateLibrary::TemplateLibrary()
    : m_templates(builtIns())
{}

QList<UpdateTemplate> TemplateLibrary::builtIns()
{
    // In the style of the shared runbooks' INCIDENT TEMPLATE and INCIDENT RESOLVED blocks.
    return {
        UpdateTemplate(QStringLiteral("initial"), QStringLiteral("Initial notification"),
                       {f("title"), f("status"), f("severity"), f("service"), f("impact", true),
                        f("start_time"), f("commander"), f("message", true), f("next_update"),
                        f("updates_link")},
                       lines({"# Incident: {{title}}", "Status: {{status}}", "Severity: {{severity}}",
                              "Service: {{service}}", "Impact: {{impact}}", "Start Time: {{start_time}}",
                              "Commander: {{commander}}", "", "{{message}}", "",
                              "Next update: {{next_update}}", "Updates: {{updates_link}}"})),
        UpdateTemplate(
            QStringLiteral("update"), QStringLiteral("Status update"),
            {f("title"), f("status"), f("severity"), f("service"), f("impact", true), f("duration"),
             f("message", true), f("next_update"), f("updates_link")},
            lines({"# Incident update: {{title}}", "Status: {{status}}", "Severity: {{severity}}",
                   "Service: {{service}}", "Impact: {{impact}}", "Duration: {{duration}}", "", "{{message}}",
                   "", "Next update: {{next_update}}", "Updates: {{updates_link}}"})),
        UpdateTemplate(
            QStringLiteral("resolved"), QStringLiteral("Incident resolved"),
            {f("title"), f("status"), f("severity"), f("service"), f("duration"), f("root_cause", true),
             f("resolution", true), f("prevention", true), f("message", true), f("updates_link")},
            lines({"# Incident resolved: {{title}}", "Status: {{status}}", "Severity: {{severity}}",
                   "Service: {{service}}", "Duration: {{duration}}", "Root Cause: {{root_cause}}",
                   "Resolution: {{resolution}}", "Prevention: {{prevention}}", "", "{{message}}", "",
                   "Updates: {{updates_link}}"})),
        UpdateTemplate(QStringLiteral("tactical"), QStringLiteral("Tactical (responders)"),
                       {f("title"), f("severity"), f("conditions", true), f("actions", true),
                        f("needs", true), f("next_update")},
                       lines({"# Tactical update: {{title}} ({{severity}})", "Conditions: {{conditions}}",
                              "Actions: {{actions}}", "Needs: {{needs}}", "Next update: {{next_update}}"})),
    };
}

UpdateTemplate TemplateLibrary::fromRunbook(const RunbookTemplateSpec &spec)
{
    QList<TemplateField> fields;
    QStringList body;
    QString heading = spec.name.trimmed();
    while (heading.endsWith(QLatin1Char(':')))
        heading.chop(1);
    body << QStringLiteral("# %1").arg(heading);
    for (const auto &rf : spec.fields) {
        TemplateField tf;
        tf.key = UpdateTemplate::keyForLabel(rf.label);
        tf.label = rf.label.trimmed();
        const QString v = rf.value.trimmed();
        // "[Brief description]" and "A / B / C" are hints for the writer, anything else is the runbook's
        // value.
        const bool hint = v.startsWith(QLatin1Char('[')) || v.contains(QLatin1String(" / "));
        if (!hint)
            tf.defaultValue = v;
        if (tf.key.isEmpty())
            continue;
        fields << tf;
        body << QStringLiteral("%1: {{%2}}").arg(tf.label, tf.key);
    }
    QString name = heading.toLower();
    name.replace(QLatin1Char(' '), QLatin1Char('-'));
    UpdateTemplate t(QStringLiteral("runbook:%1").arg(name), heading, fields, body.join(QLatin1Char('\n')),
                     TemplateOrigin::Runbook);
    t.setSource(spec.runbook);
    return t;
}

QStringList TemplateLibrary::defaultDirectories(const QString &resourceDir)
{
    QStringList dirs;
    if (!resourceDir.isEmpty())
        dirs << QDir(resourceDir).filePath(QStringLiteral("templates"));
    const QString config = QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation);
    if (!config.isEmpty())
        dirs << QDir(config).filePath(QStringLiteral("sitrep/templates"));
    return dirs;
}

QList<Core::Error> TemplateLibrary::loadDirectory(const QString &dir)
{
    QList<Core::Error> errors;
    const QDir d(dir);
    if (!d.exists())
        return errors;
    const QStringList files = d.entryList(
        {QStringLiteral("*.json"), QStringLiteral("*.txt"), QStringLiteral("*.tmpl"), QStringLiteral("*.md")},
        QDir::Files | QDir::Readable, QDir::Name);
    for (const auto &name : files) {
        auto t = UpdateTemplate::fromFile(d.filePath(name));
        if (!t)
            errors << t.error();
        else
            add(*t);
    }
    return errors;
}

void TemplateLibrary::addRunbookTemplates(const QList<RunbookTemplateSpec> &specs)
{
    for (const auto &s : specs)
        add(fromRunbook(s));
}

void TemplateLibrary::add(const UpdateTemplate &t)
{
    for (auto &existing : m_templates) {
        if (existing.name() == t.name()) {
            existing = t;
            return;
        }
    }
    m_templates << t;
}

QStringList TemplateLibrary::names() const
{
    QStringList out;
    for (const auto &t : m_templates)
        out << t.name();
    return out;
}

std::optional<UpdateTemplate> TemplateLibrary::find(const QString &name) const
{
    for (const auto &t : m_templates) {
        if (t.name() == name)
            return t;
    }
    return std::nullopt;
}

QString TemplateLibrary::suggestedFor(Core::Status status, int updatesPublished) const
{
    if (status == Core::Status::Resolved)
        return QStringLiteral("resolved");
    return updatesPublished == 0 ? QStringLiteral("initial") : QStringLiteral("update");
}

} // namespace Sitrep::Comms
