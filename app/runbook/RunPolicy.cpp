#include "runbook/RunPolicy.h"

#include "runbook/RiskClassifier.h"
#include "runbook/ShellText.h"

#include <QFileInfo>
#include <QRegularExpression>

namespace Sitrep::Runbook {

namespace {

// The object a destructive kubectl command acts on ("deployment/api-gateway"), to be typed back.
QString kubectlObject(const QString &command)
{
    for (const QString &simple : ShellText::simpleCommands(command)) {
        const QStringList w = ShellText::words(simple);
        if (w.isEmpty() || QFileInfo(w.first()).fileName() != QLatin1String("kubectl"))
            continue;
        for (const QString &word : w) {
            if (!word.startsWith(QLatin1Char('-')) && word.contains(QLatin1Char('/')) &&
                !word.contains(QLatin1Char('=')))
                return word;
        }
        // kubectl delete pod NAME / kubectl edit deployment NAME
        static const QRegularExpression verbKindName(QStringLiteral(
            "^(delete|edit|patch|drain|scale|replace|taint)\\s+([a-z.]+)\\s+([A-Za-z0-9][\\w.-]*)"));
        QStringList args;
        for (const QString &word : w.mid(1)) {
            if (!word.startsWith(QLatin1Char('-')))
                args << word;
        }
        const auto m = verbKindName.match(args.join(QLatin1Char(' ')));
        if (m.hasMatch())
            return m.captured(3);
    }
    return {};
}

} // namespace

TerminalUse RunPolicy::terminalUse(const QString &command)
{
    return RiskClassifier::classify(command).terminal;
}

RunPolicy::Decision RunPolicy::decide(const PreparedCommand &command, const RunTarget &target) const
{
    Decision d;
    d.pty = command.terminal == TerminalUse::Pty;
    d.handOff = command.terminal == TerminalUse::FullScreen;
    d.prompt =
        QStringLiteral("%1 command on %2%3%4:\n\n%5")
            .arg(riskName(command.risk), command.where.isEmpty() ? target.describe() : command.where,
                 command.dryRun ? QStringLiteral(" (server-side dry run)") : QString(),
                 d.handOff ? QStringLiteral(", opened in your terminal emulator") : QString(), command.display);
    if (!command.missing.isEmpty()) {
        d.allowed = false;
        d.reason = QStringLiteral("fill in %1 first").arg(command.missing.join(QStringLiteral(", ")));
        return d;
    }
    if (m_readOnly && command.risk != Risk::Read) {
        d.allowed = false;
        d.reason = QStringLiteral("read-only mode: %1 commands are refused; leave read-only mode to run it")
                       .arg(riskName(command.risk));
        return d;
    }
    if (!command.exposedTo.isEmpty())
        d.prompt += QStringLiteral("\n\nA secret value becomes a command-line argument of %1 here: any user of "
                                   "this machine can read it in the process list while it runs. Passing it in "
                                   "the environment (PGPASSWORD=<password> psql ...) avoids that.")
                        .arg(command.exposedTo.join(QStringLiteral(", ")));
    switch (command.risk) {
    case Risk::Read:
        // Exposing a secret is never done without asking.
        d.confirmation = command.exposedTo.isEmpty() ? Confirmation::None : Confirmation::Confirm;
        break;
    case Risk::Change:
        d.confirmation = Confirmation::Confirm;
        break;
    case Risk::Destructive: {
        d.confirmation = Confirmation::Typed;
        QString word = kubectlObject(command.command);
        if (word.isEmpty())
            word = command.confirmWord;
        if (word.isEmpty())
            word = target.isSsh() ? target.sshHost : target.kubeNamespace;
        if (word.isEmpty())
            word = QStringLiteral("destroy");
        d.typedWord = word;
        break;
    }
    }
    return d;
}

bool RunPolicy::confirms(const Decision &d, const QString &typed)
{
    if (!d.allowed)
        return false;
    if (d.confirmation != Confirmation::Typed)
        return true;
    return typed.trimmed() == d.typedWord;
}

} // namespace Sitrep::Runbook
