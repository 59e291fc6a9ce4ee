#pragma once

#include "runbook/Runbook.h"

#include <QHash>
#include <QList>
#include <QRegularExpression>
#include <QSet>
#include <QString>
#include <QStringList>

#include <optional>

namespace Sitrep::Runbook {

// A rule over one tool's arguments (the words after the tool's global options, joined by spaces): the first
// rule of the tool that matches decides. An empty pattern matches anything: the tool's other verbs.
struct RiskRule
{
    QString name; // unique, names the rule in reasons and tests ("kubectl delete")
    QStringList tools;
    QRegularExpression pattern;
    Risk risk;
};

// A program that runs another command: the risk is the inner command's.
struct WrapperRule
{
    enum class Kind {
        Prefix,    // runs the words after its options and `positionals` fixed arguments: sudo, timeout 10
        ShellCode, // its -c argument is shell code: bash -c '...', su -c '...'
        WatchText, // its arguments joined are shell code: watch -n 2 'kubectl get pods'
        Remote,    // ssh HOST [command...]: the command, joined, runs in the remote shell
    };
    QString name;
    QStringList tools;
    Kind kind = Kind::Prefix;
    QStringList optionsWithValue; // options that take the next word
    int positionals = 0;          // fixed arguments before the command (timeout's DURATION)
    bool passesTerminal = true;   // the inner command gets this terminal (false: ssh without -t)
};

// A cloud CLI verb convention (aws, gcloud, az ...): the first word of the command path that matches decides.
struct VerbConvention
{
    QString name;
    QRegularExpression verb;
    Risk risk;
};

// A SQL rule over a statement with comments and literals blanked (case-insensitive).
struct SqlRule
{
    QString name;
    QRegularExpression pattern;
    Risk risk;
};

// A rule that makes a command need a terminal or never end, over the tool's arguments as for RiskRule.
struct TerminalRule
{
    QString name;
    QStringList tools;
    QRegularExpression pattern;
    TerminalUse terminal = TerminalUse::None;
    bool endless = false; // runs until stopped (logs -f, --watch, ping)
};

// The data the RiskClassifier applies, all of it in RiskRules.cpp, which is written to be read top to bottom
// by a reviewer: what each tool's verbs do, which programs wrap others, the cloud CLIs' verb conventions,
// HTTP methods, SQL and Redis commands, file writers and the terminal rules. Changing what counts as
// destructive means editing that file, not the classifier.
class RiskRules final
{
public:
    static const QList<WrapperRule> &wrappers();
    static const WrapperRule *wrapper(const QString &tool);
    // Options before a tool's verb that take a value (kubectl -n NS get ...).
    static QStringList globalOptionsWithValue(const QString &tool);
    static const QList<RiskRule> &rules();
    // Risk of a program with no rule of its own, with the rule's name; nullopt: unknown (change).
    static std::optional<std::pair<Risk, QString>> toolRisk(const QString &tool);

    // Cloud CLIs (aws, gcloud, az, doctl, hcloud): options with values and the verb conventions.
    static bool isCloudCli(const QString &tool);
    static QStringList cloudOptionsWithValue(const QString &tool);
    static const QList<VerbConvention> &cloudVerbs();

    // HTTP: risk of a method ("DELETE" destructive, "POST" change, "GET" read), curl's short options that
    // take a value, and which long options send data or write files.
    static Risk httpMethodRisk(const QString &method);
    static QString curlShortOptionsWithValue();
    static const QSet<QString> &curlLongOptionsWithValue();
    static const QSet<QString> &curlDataOptions();
    static const QSet<QString> &wgetDataOptions();

    // awk programs that run commands or write files; sed scripts that write files.
    static const QRegularExpression &awkWrites();

    // SQL: rules per statement (first match wins; a statement none matches is a change), psql
    // meta-commands that write or run something, MongoDB shell methods.
    static const QList<SqlRule> &sqlRules();
    static const QRegularExpression &psqlMetaWrites();
    static const QList<QPair<QRegularExpression, Risk>> &mongoKeywords();
    static QStringList psqlOptionsWithValue();
    static QStringList mysqlOptionsWithValue();

    // Redis: risk of a command (FLUSHALL destructive, LLEN read, unknown change), options with values.
    static std::optional<Risk> redisCommandRisk(const QString &command, const QString &subcommand = {});
    static QStringList redisOptionsWithValue();

    // Terminal use: full-screen programs, interactive prompts, endless commands.
    static const QList<TerminalRule> &terminalRules();

    // Every rule name the classifier can report, so a test can check each has a case.
    static QStringList allRuleNames();
};

} // namespace Sitrep::Runbook
