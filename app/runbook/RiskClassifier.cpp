#include "runbook/RiskClassifier.h"

#include "runbook/RiskRules.h"
#include "runbook/ShellText.h"

#include <QFileInfo>
#include <QRegularExpression>

namespace Sitrep::Runbook {

namespace {

Risk maxRisk(Risk a, Risk b)
{
    return int(a) >= int(b) ? a : b;
}

// Drops the options that come before a tool's verb (kubectl -n ns get ...), with their values.
QStringList afterGlobalOptions(const QString &tool, const QStringList &args)
{
    const QStringList withValue = RiskRules::globalOptionsWithValue(tool);
    if (withValue.isEmpty())
        return args;
    qsizetype i = 0;
    while (i < args.size() && args.at(i).startsWith(QLatin1Char('-'))) {
        const QString a = args.at(i);
        const bool takesValue = withValue.contains(a);
        i += takesValue ? 2 : 1;
    }
    QStringList verbFirst = args.mid(qMin(i, args.size()));
    // Options before the verb still matter to rules that look for them (kubectl -n x scale --replicas=0).
    verbFirst.append(args.mid(0, qMin(i, args.size())));
    return verbFirst;
}

// The command after ` -- ` (kubectl exec POD -- cmd, kubectl run ... -- cmd).
QStringList afterDoubleDash(const QStringList &args)
{
    const qsizetype i = args.indexOf(QStringLiteral("--"));
    return i < 0 ? QStringList() : args.mid(i + 1);
}

RiskClassifier::Result classifyRedis(const QStringList &args)
{
    const QStringList withValue = RiskRules::redisOptionsWithValue();
    qsizetype i = 0;
    while (i < args.size() && args.at(i).startsWith(QLatin1Char('-')))
        i += withValue.contains(args.at(i)) ? 2 : 1;
    RiskClassifier::Result r;
    if (i >= args.size()) {
        r.interactive = true; // a bare redis-cli opens its prompt
        return r;
    }
    const QString cmd = args.at(i).toUpper();
    const QString sub = i + 1 < args.size() ? args.at(i + 1).toUpper() : QString();
    r.risk = RiskRules::redisCommandRisk(cmd).value_or(Risk::Change);
    if (cmd == QLatin1String("CONFIG") && sub != QLatin1String("GET"))
        r.risk = Risk::Change;
    if ((cmd == QLatin1String("CLIENT") && sub == QLatin1String("KILL")) ||
        (cmd == QLatin1String("SCRIPT") && sub == QLatin1String("FLUSH")) ||
        (cmd == QLatin1String("CLUSTER") &&
         (sub == QLatin1String("RESET") || sub == QLatin1String("FAILOVER") ||
          sub == QLatin1String("FORGET"))))
        r.risk = Risk::Destructive;
    if (cmd == QLatin1String("MONITOR") || cmd == QLatin1String("SUBSCRIBE") ||
        cmd == QLatin1String("PSUBSCRIBE"))
        r.interactive = true; // never ends
    return r;
}

RiskClassifier::Result classifyPsql(const QStringList &args)
{
    RiskClassifier::Result r;
    QStringList sql;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString a = args.at(i);
        if ((a == QLatin1String("-c") || a == QLatin1String("--command")) && i + 1 < args.size())
            sql << args.at(++i);
        else if (a.startsWith(QLatin1String("--command=")))
            sql << a.mid(10);
        else if (a == QLatin1String("-f") || a == QLatin1String("--file") ||
                 a.startsWith(QLatin1String("--file=")))
            r.risk = maxRisk(r.risk, Risk::Change); // a script we cannot see
    }
    for (const QString &s : sql)
        r.risk = maxRisk(r.risk, RiskClassifier::classifySql(s).risk);
    return r;
}

} // namespace

RiskClassifier::Result RiskClassifier::classifySql(const QString &sql)
{
    // Comments and string literals say nothing about what a statement does.
    static const QRegularExpression noise(QStringLiteral("--[^\\n]*|/\\*.*?\\*/|'(?:[^']|'')*'"),
                                          QRegularExpression::DotMatchesEverythingOption);
    QString s = sql;
    s.replace(noise, QStringLiteral(" "));
    Result r;
    for (const auto &[pattern, risk] : RiskRules::sqlKeywords()) {
        if (pattern.match(s).hasMatch()) {
            r.risk = risk;
            r.reason = sql.simplified();
            break;
        }
    }
    return r;
}

RiskClassifier::Result RiskClassifier::classifySimple(const QStringList &wordsIn, int depth)
{
    Result r;
    QStringList words = wordsIn;
    // Wrappers that run the rest: sudo, env, time, nohup, timeout N, VAR=value prefixes.
    static const QRegularExpression assign(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*="));
    while (!words.isEmpty()) {
        const QString w = words.first();
        if (assign.match(w).hasMatch() || w == QLatin1String("sudo") || w == QLatin1String("env") ||
            w == QLatin1String("time") || w == QLatin1String("nohup") || w == QLatin1String("exec") ||
            w == QLatin1String("command")) {
            words.removeFirst();
        } else if (w == QLatin1String("timeout") && words.size() > 1) {
            words.remove(0, 2);
        } else {
            break;
        }
    }
    if (words.isEmpty() || depth > 4)
        return r;
    const QString tool = QFileInfo(words.first()).fileName();
    const QStringList rawArgs = words.mid(1);
    const QStringList args = afterGlobalOptions(tool, rawArgs);
    const QString argText = args.join(QLatin1Char(' '));
    r.reason = words.join(QLatin1Char(' '));

    for (const auto &rule : RiskRules::interactiveRules()) {
        if (rule.tool == tool && rule.pattern.match(argText).hasMatch())
            r.interactive = true;
    }

    if (tool == QLatin1String("watch")) {
        QStringList inner = rawArgs;
        while (!inner.isEmpty() && inner.first().startsWith(QLatin1Char('-'))) {
            const bool takesValue =
                inner.first() == QLatin1String("-n") || inner.first() == QLatin1String("--interval");
            inner.remove(0, takesValue ? qMin<qsizetype>(2, inner.size()) : 1);
        }
        const Result in = classifySimple(inner, depth + 1);
        r.risk = in.risk;
        return r;
    }
    if (tool == QLatin1String("redis-cli")) {
        const Result in = classifyRedis(rawArgs);
        r.risk = in.risk;
        r.interactive = r.interactive || in.interactive;
        return r;
    }
    if (tool == QLatin1String("psql")) {
        r.risk = classifyPsql(rawArgs).risk;
        return r;
    }
    // kubectl exec/run -- cmd: the inner command decides, a plain `kubectl run` creates a pod.
    if ((tool == QLatin1String("kubectl") || tool == QLatin1String("oc") ||
         tool == QLatin1String("docker")) &&
        !args.isEmpty() && (args.first() == QLatin1String("exec") || args.first() == QLatin1String("run"))) {
        const QStringList inner = afterDoubleDash(rawArgs);
        const bool ephemeral =
            args.first() == QLatin1String("exec") || rawArgs.contains(QStringLiteral("--rm"));
        if (!inner.isEmpty() && ephemeral) {
            const Result in = classifySimple(inner, depth + 1);
            r.risk = in.risk;
            r.interactive = r.interactive || in.interactive;
            r.reason = in.reason;
            return r;
        }
        if (inner.isEmpty() && args.first() == QLatin1String("exec")) {
            r.risk = Risk::Change; // a shell in the container can do anything
            return r;
        }
    }

    for (const auto &rule : RiskRules::rules()) {
        if (rule.tool != tool && rule.tool != QLatin1String("*"))
            continue;
        if (rule.pattern.match(rule.tool == QLatin1String("*") ? r.reason : argText).hasMatch()) {
            r.risk = rule.risk;
            return r;
        }
    }
    // Unknown tools may change anything: ask before running them.
    r.risk = RiskRules::toolRisk(tool).value_or(Risk::Change);
    return r;
}

RiskClassifier::Result RiskClassifier::classify(const QString &command)
{
    Result total;
    bool first = true;
    for (const QString &simple : ShellText::simpleCommands(command)) {
        const Result r = classifySimple(ShellText::words(simple), 0);
        total.interactive = total.interactive || r.interactive;
        if (first || int(r.risk) > int(total.risk)) {
            total.risk = r.risk;
            total.reason = r.reason;
        }
        first = false;
    }
    return total;
}

} // namespace Sitrep::Runbook
