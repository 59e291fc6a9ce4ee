#pragma once

#include "runbook/Runbook.h"

#include <QList>
#include <QRegularExpression>
#include <QString>

namespace Sitrep::Runbook {

// The data the RiskClassifier applies: per tool, ordered regular expressions over the tool's arguments
// (after its global options), the first match deciding; plus keyword tables for SQL and Redis.
// Changing what counts as destructive means editing these tables, not the classifier.
struct RiskRule
{
    QString tool; // program name ("kubectl"), "*" for any
    QRegularExpression pattern;
    Risk risk;
};

struct InteractiveRule
{
    QString tool;
    QRegularExpression pattern; // over the arguments; a match marks the command interactive or endless
};

class RiskRules final
{
public:
    static const QList<RiskRule> &rules();
    static const QList<InteractiveRule> &interactiveRules();
    // Risk of a program with no rule of its own (read-only tools, destructive tools); nullopt: unknown.
    static std::optional<Risk> toolRisk(const QString &tool);
    // Tools whose options before the verb take a value (kubectl -n NS get ...).
    static QStringList globalOptionsWithValue(const QString &tool);
    static const QList<QPair<QRegularExpression, Risk>> &sqlKeywords();
    static std::optional<Risk> redisCommandRisk(const QString &command);
    static QStringList redisOptionsWithValue();
};

} // namespace Sitrep::Runbook
