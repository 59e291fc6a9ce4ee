#include "runbook/CommandPreparer.h"

#include "runbook/RiskClassifier.h"
#include "runbook/SecretPlacement.h"
#include "runbook/ShellText.h"

#include <QRandomGenerator>
#include <QRegularExpression>

#include <algorithm>

namespace Sitrep::Runbook {

namespace {

// kubectl verbs whose server-side dry run exists (kubectl 1.18+).
bool supportsServerDryRun(const QStringList &args)
{
    static const QRegularExpression verbs(QStringLiteral(
        "^(apply|create|delete|patch|replace|scale|annotate|label|expose|autoscale|drain|cordon|"
        "uncordon|run|set (image|env|resources|selector|serviceaccount|subject)|rollout undo|taint)\\b"));
    return verbs.match(args.join(QLatin1Char(' '))).hasMatch();
}

QStringList kubectlArgs(const QStringList &words)
{
    // Skip env assignments and sudo, then the global options before the verb.
    static const QRegularExpression assign(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*="));
    qsizetype i = 0;
    while (i < words.size() && (assign.match(words.at(i)).hasMatch() || words.at(i) == QLatin1String("sudo")))
        ++i;
    if (i >= words.size() || words.at(i).section(QLatin1Char('/'), -1) != QLatin1String("kubectl"))
        return {};
    ++i;
    static const QStringList withValue = {QStringLiteral("-n"), QStringLiteral("--namespace"),
                                          QStringLiteral("--context"), QStringLiteral("--kubeconfig")};
    while (i < words.size() && words.at(i).startsWith(QLatin1Char('-')))
        i += withValue.contains(words.at(i)) ? 2 : 1;
    return words.mid(qMin(i, words.size()));
}

} // namespace

QString CommandPreparer::secretVariable(const QString &token)
{
    QString name;
    for (const QChar c : token) {
        if (c.isLetterOrNumber() && c.unicode() < 128)
            name += c.toUpper();
        else if (c != QLatin1Char('<') && c != QLatin1Char('>'))
            name += QLatin1Char('_');
    }
    return QStringLiteral("SITREP_SECRET_") + name;
}

QString CommandPreparer::sqlLiteral(const QString &value)
{
    QString v = value;
    v.replace(QLatin1Char('\''), QLatin1String("''"));
    return QLatin1Char('\'') + v + QLatin1Char('\'');
}

Core::Result<PreparedCommand> CommandPreparer::prepareSql(const Step &step, const QMap<QString, QString> &values,
                                                          const DatabaseTarget &db)
{
    if (step.kind != StepKind::Sql)
        return Core::makeError(QStringLiteral("not a SQL step"), step.id);
    PreparedCommand p;
    p.stepId = step.id;
    QString sql = step.command;
    QString display = step.command;
    QList<QPair<qsizetype, Placeholder>> hits;
    for (const Placeholder &ph : step.placeholders) {
        QString value;
        if (const auto it = values.constFind(ph.name); it != values.cend())
            value = it.value();
        else if (const auto ctx = values.constFind(ph.contextKey); !ph.contextKey.isEmpty() && ctx != values.cend())
            value = ctx.value();
        else {
            p.missing << ph.token;
            continue;
        }
        for (qsizetype pos = sql.indexOf(ph.token); pos >= 0; pos = sql.indexOf(ph.token, pos + 1))
            hits.append({pos, ph});
        if (ph.type == Placeholder::Type::Secret && !value.isEmpty())
            p.secretValues << value;
        p.env.insert(ph.name, value);
    }
    if (!p.missing.isEmpty())
        return Core::makeError(QStringLiteral("no value for %1").arg(p.missing.join(QStringLiteral(", "))), step.id);
    std::sort(hits.begin(), hits.end(), [](const auto &a, const auto &b) { return a.first > b.first; });
    for (const auto &[pos, ph] : hits) {
        // A value is data: an SQL string literal, never SQL code. It travels to the server, not to a command line.
        const QString literal = sqlLiteral(p.env.value(ph.name));
        sql.replace(pos, ph.token.size(), literal);
        display.replace(pos, ph.token.size(),
                        ph.type == Placeholder::Type::Secret ? QStringLiteral("[REDACTED]") : literal);
    }
    p.env.clear();
    p.command = sql;
    p.display = display;
    p.risk = RiskClassifier::classifySql(sql).risk;
    p.where = db.describe();
    p.confirmWord = db.confirmWord();
    return p;
}

QString CommandPreparer::withServerDryRun(const QString &command, bool *changed)
{
    QString out = command;
    bool any = false;
    auto spans = ShellText::simpleCommandSpans(command);
    std::reverse(spans.begin(), spans.end()); // insert from the end so earlier offsets stay valid
    for (const auto &[start, end] : spans) {
        const QString simple = command.mid(start, end - start);
        const QStringList words = ShellText::words(simple);
        const QStringList args = kubectlArgs(words);
        if (args.isEmpty() || words.contains(QStringLiteral("--")) || !supportsServerDryRun(args))
            continue;
        bool hasDryRun = false;
        for (const QString &w : words)
            hasDryRun = hasDryRun || w.startsWith(QLatin1String("--dry-run"));
        if (hasDryRun)
            continue;
        out.insert(end, QStringLiteral(" --dry-run=server"));
        any = true;
    }
    if (changed)
        *changed = any;
    return out;
}

Core::Result<PreparedCommand> CommandPreparer::prepare(const Step &step, const QMap<QString, QString> &values,
                                                       bool dryRun)
{
    if (step.kind != StepKind::Command) {
        return Core::makeError(
            QStringLiteral("only shell command steps run here; copy this %1 step into its tool")
                .arg(stepKindName(step.kind)),
            step.id);
    }
    PreparedCommand p;
    p.stepId = step.id;
    QString command = step.command;
    QString display = step.command;
    auto valueOf = [&](const Placeholder &ph) -> std::optional<QString> {
        if (const auto it = values.constFind(ph.name); it != values.cend())
            return it.value();
        if (!ph.contextKey.isEmpty()) {
            if (const auto it = values.constFind(ph.contextKey); it != values.cend() && !it.value().isEmpty())
                return it.value();
        }
        return std::nullopt;
    };
    // Angle tokens: replace from the end so offsets stay valid; quote for the context at each spot.
    struct Hit
    {
        qsizetype pos;
        QString token;
        QString value;
        bool secret;
    };
    QList<Hit> hits;
    for (const Placeholder &ph : step.placeholders) {
        const auto v = valueOf(ph);
        if (!v) {
            p.missing << ph.token;
            continue;
        }
        const bool secret = ph.type == Placeholder::Type::Secret;
        if (secret && !v->isEmpty())
            p.secretValues << *v;
        if (ph.token.startsWith(QLatin1Char('$'))) {
            p.env.insert(ph.name, *v);
            continue;
        }
        for (qsizetype pos = command.indexOf(ph.token); pos >= 0; pos = command.indexOf(ph.token, pos + 1))
            hits.append({pos, ph.token, *v, secret});
    }
    if (!p.missing.isEmpty())
        return Core::makeError(QStringLiteral("no value for %1").arg(p.missing.join(QStringLiteral(", "))),
                               step.id);
    std::sort(hits.begin(), hits.end(), [](const Hit &a, const Hit &b) { return a.pos > b.pos; });
    // A secret's value never enters the command text: a marker takes its place, then a reference to the
    // environment variable that carries it (SecretPlacement writes it for where it stands).
    QList<SecretPlacement::Slot> secretSlots;
    QStringList secretVariables;
    for (const Placeholder &ph : step.placeholders) {
        if (ph.type == Placeholder::Type::Secret && ph.token.startsWith(QLatin1Char('$')))
            secretVariables << ph.name;
    }
    for (const Hit &h : hits) {
        if (h.secret) {
            const QString variable = secretVariable(h.token);
            auto slot = std::find_if(secretSlots.begin(), secretSlots.end(),
                                     [&variable](const SecretPlacement::Slot &s) { return s.variable == variable; });
            if (slot == secretSlots.end()) {
                secretSlots.append({QStringLiteral("SITREPSECRET%1X%2")
                                  .arg(secretSlots.size())
                                  .arg(QRandomGenerator::global()->generate(), 8, 16, QLatin1Char('0')),
                              variable, h.token});
                slot = secretSlots.end() - 1;
                p.env.insert(variable, h.value);
                secretVariables << variable;
            }
            command.replace(h.pos, h.token.size(), slot->marker);
            display.replace(h.pos, h.token.size(), QStringLiteral("[REDACTED]"));
            continue;
        }
        const QString quoted = ShellText::quoteFor(step.command, h.pos, h.value);
        command.replace(h.pos, h.token.size(), quoted);
        display.replace(h.pos, h.token.size(), quoted);
    }
    if (!secretSlots.isEmpty()) {
        auto placed = SecretPlacement::place(command, secretSlots);
        if (!placed)
            return Core::makeError(placed.error().message, step.id);
        command = *placed;
    }
    p.exposedTo = SecretPlacement::exposures(command, secretVariables);
    if (dryRun) {
        bool changed = false;
        command = withServerDryRun(command, &changed);
        display = withServerDryRun(display);
        p.dryRun = changed;
    }
    p.command = command;
    p.display = display;
    // Classified after substitution and dry-run: a server-side dry run changes nothing.
    const auto c = RiskClassifier::classify(command);
    p.risk = c.risk;
    p.interactive = c.interactive;
    p.terminal = c.terminal;
    return p;
}

} // namespace Sitrep::Runbook
