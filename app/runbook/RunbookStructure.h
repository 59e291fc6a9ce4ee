#pragma once

#include "runbook/MarkdownReader.h"
#include "runbook/Runbook.h"

#include <optional>

namespace Sitrep::Runbook {

// Turns tables, lists and plain-text blocks that mean something into structure: severity levels,
// escalation rules, alert -> section links and communication templates.
class RunbookStructure final
{
public:
    struct Range
    {
        int after = -1;
        int until = -1;
    };
    // "0-15 min" -> {0, 15}; "30+ min" -> {30, -1}; "within 1 hour" -> {60, -1}; "<15 min" -> {15, -1}.
    static Range minutes(const QString &text);

    static bool isSeverityTable(const MarkdownBlock &table);
    static QList<Core::SeverityLevel> severityLevels(const MarkdownBlock &table);
    static bool isEscalationTable(const MarkdownBlock &table, bool inEscalationSection);
    static QList<EscalationRule> escalationRules(const MarkdownBlock &table);

    // A quick-reference row: the alert/issue and where to go (an href like "#fix-1" or a title).
    struct QuickRef
    {
        QString alert;
        QString target;
    };
    static QList<QuickRef> quickReference(const MarkdownBlock &table);

    // One item of an escalation list: a path level ("**Level 1** (0-15 min): On-call") or, in a
    // "When to escalate" list, a condition ("P0 incident not resolved within 1 hour").
    static EscalationRule escalationItem(const MarkdownBlock &item, bool condition);
    // "**Critical**: Burn rate > 14.4x" under a "Severity Levels" heading.
    static std::optional<Core::SeverityLevel> severityItem(const MarkdownBlock &item);

    // A code block holding a message template ("INCIDENT TEMPLATE:" then "----" then "Key: value").
    static std::optional<MessageTemplate> messageTemplate(const QString &code);
    // A code block or comment holding a PromQL expression.
    static bool looksLikePromQL(const QString &code);
    // A code block without a language that still holds shell commands.
    static bool looksLikeShell(const QString &code);

    // Alert names stated in prose: "Alert: X", "**Alert Name**: `X`", "Prometheus alert: `X`",
    // "`up{job="x"} == 0`".
    static QStringList alertsInText(const QString &text);
    static QString stripMarkup(const QString &cell);
};

} // namespace Sitrep::Runbook
