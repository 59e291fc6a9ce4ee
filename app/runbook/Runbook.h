#pragma once

#include "core/Severity.h"

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

namespace Sitrep::Runbook {

// What running a command can do to the system it targets.
enum class Risk { Read, Change, Destructive };
QString riskName(Risk r); // "read", "change", "destructive"

// The phase of incident response a section or step belongs to (from heading words).
enum class Phase {
    Unknown,
    Detection,
    Triage,
    Investigation,
    Resolution,
    Rollback,
    Verification,
    Communication,
    Escalation,
    PostIncident,
    Prevention
};
QString phaseName(Phase p); // "" for Unknown, else "detection", "post-incident", ...

// How a command uses the terminal: not at all, a pseudo-terminal with an input line (kubectl exec -it, a
// shell, sudo's password prompt), or the whole screen (vim, top, less, an interactive psql), which is
// handed to the user's terminal emulator.
enum class TerminalUse { None, Pty, FullScreen };
QString terminalUseName(TerminalUse t); // "", "pty", "full-screen"

enum class StepKind { Command, Sql, Query, Checklist, Manual, Template };
QString stepKindName(StepKind k);

// A value a command needs before it can run: `<namespace>`, `$TOKEN`, `${DATABASE_URL}`.
struct Placeholder
{
    enum class Type { Context, Value, Secret };
    QString name;  // as written: "namespace", "pod-name", "DATABASE_URL"
    QString token; // the exact text to replace: "<pod-name>", "${DATABASE_URL}", "$TOKEN"
    Type type = Type::Value;
    QString contextKey; // for Context: "namespace", "pod", "deployment", "context" or "service"

    QJsonObject toJson() const;
    bool operator==(const Placeholder &o) const { return token == o.token; }
};
QString placeholderTypeName(Placeholder::Type t);

// One thing to do: a command, a query, a checklist tick, a manual action or a message template.
struct Step
{
    QString id; // stable within the file: "<section anchor>-<n>"
    StepKind kind = StepKind::Manual;
    QString text;     // what a human reads: the label comment, the list item, the template name
    QString comment;  // the `# comment` (or list item) that labels a command
    QString command;  // the command, SQL or PromQL as it will run (placeholders not yet filled)
    QString language; // fence info: "bash", "sql", "promql", "" ...
    QList<Placeholder> placeholders;
    Risk risk = Risk::Read;
    QString riskRule;         // the rule of RiskRules.cpp that decided the risk
    bool interactive = false; // needs a terminal or never ends (-it, --follow, watch, edit ...)
    TerminalUse terminal = TerminalUse::None;
    QString expected;     // "Expected: ..." comment after the command
    QString note;         // comment lines right after the command (follow-up instructions)
    bool checked = false; // checklist items written as `- [x]`
    Phase phase = Phase::Unknown;
    int line = 0; // 1-based line in the Markdown file

    bool isRunnable() const { return kind == StepKind::Command || kind == StepKind::Sql; }
    QJsonObject toJson() const;
};

// A heading and what follows it up to the next heading.
struct Section
{
    QString title;
    QString anchor;               // GitHub-style, unique within the runbook
    int level = 0;                // 1..6 (0 for text before the first heading)
    int parent = -1;              // index into Runbook::sections
    Phase phase = Phase::Unknown; // from its own heading words, else inherited
    int timeBudgetSeconds = 0;    // "(2 minutes)" in the heading
    QString markdown;             // the section's own source text (for rendering)
    QList<Step> steps;
    int line = 0;

    QJsonObject toJson() const;
};

// A communication template found in the runbook ("INCIDENT TEMPLATE:" block).
struct MessageTemplate
{
    struct Field
    {
        QString name;
        QString hint; // the value as written: "INVESTIGATING / IDENTIFIED / ..." or "[Timestamp]"
    };
    QString name;
    QList<Field> fields;
    QString text;
    QString section; // anchor of the section it sits in

    QStringList fieldNames() const;
    QJsonObject toJson() const;
};

// When and to whom to escalate ("Level 2 (15-30 min): Platform Team Lead").
struct EscalationRule
{
    QString level;         // "Level 1", "Primary", "1"
    QString contact;       // who
    QString condition;     // "P0 incident not resolved within 1 hour"
    QString severity;      // "P0" when the condition names one
    int afterMinutes = -1; // escalate once this much time has passed (-1: no time limit stated)
    int untilMinutes = -1; // end of the window ("0-15 min" gives 0 and 15)

    QJsonObject toJson() const;
};

// An alert (or issue) that a quick-reference table or heading maps to a section.
struct AlertLink
{
    QString alert;
    QString section; // anchor

    QJsonObject toJson() const;
};

// A whole imported runbook.
struct Runbook
{
    QString title;
    QString sourcePath;
    QMap<QString, QString> metadata; // "**Severity:** P1" lines before the first section
    QStringList alerts;
    QStringList relatedAlerts;
    QList<AlertLink> alertLinks;
    Core::SeverityScheme severities;
    QList<EscalationRule> escalation;
    QList<MessageTemplate> templates;
    QList<Section> sections;

    QList<const Step *> allSteps() const;
    const Step *findStep(const QString &id) const;
    int sectionOf(const QString &stepId) const;
    QJsonObject toJson() const;
};

} // namespace Sitrep::Runbook
