#include "runbook/RunPolicy.h"

#include "runbook/ShellText.h"

#include <QFileInfo>
#include <QRegularExpression>
#include <QSet>

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

bool RunPolicy::needsTerminal(const QString &command)
{
    static const QSet<QString> screenTools = {
        QStringLiteral("vi"),   QStringLiteral("vim"),  QStringLiteral("nano"),  QStringLiteral("less"),
        QStringLiteral("more"), QStringLiteral("htop"), QStringLiteral("telnet")};
    static const QRegularExpression tty(QStringLiteral("^(-it|-ti|-t|--tty(=true)?)$"));
    for (const QString &simple : ShellText::simpleCommands(command)) {
        const QStringList w = ShellText::words(simple);
        if (w.isEmpty())
            continue;
        const QString tool = QFileInfo(w.first()).fileName();
        if (screenTools.contains(tool))
            return true;
        if (tool == QLatin1String("top") && !w.contains(QStringLiteral("-b")))
            return true;
        if (tool == QLatin1String("kubectl") || tool == QLatin1String("docker") ||
            tool == QLatin1String("podman")) {
            const qsizetype dd = w.indexOf(QStringLiteral("--"));
            const QStringList own = dd < 0 ? w : w.mid(0, dd);
            for (const QString &a : own) {
                if (tty.match(a).hasMatch())
                    return true;
            }
            if (own.contains(QStringLiteral("edit")))
                return true;
        }
        if (tool == QLatin1String("psql") &&
            !(w.contains(QStringLiteral("-c")) || w.contains(QStringLiteral("-f")) ||
              w.contains(QStringLiteral("-l")) || simple.contains(QLatin1String("--command")) ||
              simple.contains(QLatin1String("--file"))))
            return true;
        if (tool == QLatin1String("redis-cli")) {
            // Options with values come in pairs; a word left over is a command.
            static const QStringList withValue = {QStringLiteral("-h"), QStringLiteral("-p"),
                                                  QStringLiteral("-a"), QStringLiteral("-n"),
                                                  QStringLiteral("-u")};
            qsizetype i = 1;
            while (i < w.size() && w.at(i).startsWith(QLatin1Char('-')))
                i += withValue.contains(w.at(i)) ? 2 : 1;
            if (i >= w.size())
                return true;
        }
    }
    return false;
}

RunPolicy::Decision RunPolicy::decide(const PreparedCommand &command, const RunTarget &target) const
{
    Decision d;
    d.prompt =
        QStringLiteral("%1 command on %2%3:\n\n%4")
            .arg(riskName(command.risk), target.describe(),
                 command.dryRun ? QStringLiteral(" (server-side dry run)") : QString(), command.display);
    if (!command.missing.isEmpty()) {
        d.allowed = false;
        d.reason = QStringLiteral("fill in %1 first").arg(command.missing.join(QStringLiteral(", ")));
        return d;
    }
    if (needsTerminal(command.command)) {
        d.allowed = false;
        d.reason =
            QStringLiteral("this command needs an interactive terminal; copy it into your terminal instead");
        return d;
    }
    if (m_readOnly && command.risk != Risk::Read) {
        d.allowed = false;
        d.reason = QStringLiteral("read-only mode: %1 commands are refused; leave read-only mode to run it")
                       .arg(riskName(command.risk));
        return d;
    }
    switch (command.risk) {
    case Risk::Read:
        d.confirmation = Confirmation::None;
        break;
    case Risk::Change:
        d.confirmation = Confirmation::Confirm;
        break;
    case Risk::Destructive: {
        d.confirmation = Confirmation::Typed;
        QString word = kubectlObject(command.command);
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
