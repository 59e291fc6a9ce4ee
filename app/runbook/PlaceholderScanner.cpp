#include "runbook/PlaceholderScanner.h"

#include "runbook/ShellText.h"

#include <QRegularExpression>

namespace Sitrep::Runbook {

namespace {

// `<p>` in `--from-literal=html='<html><body>...'` is HTML, not a placeholder.
const QSet<QString> &htmlTags()
{
    static const QSet<QString> tags = {
        QStringLiteral("html"), QStringLiteral("head"),   QStringLiteral("body"),  QStringLiteral("title"),
        QStringLiteral("h1"),   QStringLiteral("h2"),     QStringLiteral("h3"),    QStringLiteral("h4"),
        QStringLiteral("h5"),   QStringLiteral("h6"),     QStringLiteral("p"),     QStringLiteral("div"),
        QStringLiteral("span"), QStringLiteral("br"),     QStringLiteral("hr"),    QStringLiteral("b"),
        QStringLiteral("i"),    QStringLiteral("a"),      QStringLiteral("em"),    QStringLiteral("strong"),
        QStringLiteral("ul"),   QStringLiteral("ol"),     QStringLiteral("li"),    QStringLiteral("pre"),
        QStringLiteral("code"), QStringLiteral("table"),  QStringLiteral("tr"),    QStringLiteral("td"),
        QStringLiteral("th"),   QStringLiteral("script"), QStringLiteral("style"), QStringLiteral("meta"),
    };
    return tags;
}

// Variables every shell has, and the ones the runner pins itself.
const QSet<QString> &shellVariables()
{
    static const QSet<QString> vars = {
        QStringLiteral("HOME"),    QStringLiteral("PATH"),   QStringLiteral("USER"),
        QStringLiteral("PWD"),     QStringLiteral("SHELL"),  QStringLiteral("HOSTNAME"),
        QStringLiteral("RANDOM"),  QStringLiteral("UID"),    QStringLiteral("KUBECONFIG"),
        QStringLiteral("OLDPWD"),  QStringLiteral("LANG"),   QStringLiteral("TERM"),
        QStringLiteral("SECONDS"), QStringLiteral("LINENO"), QStringLiteral("IFS"),
        QStringLiteral("PPID"),
    };
    return vars;
}

} // namespace

QSet<QString> PlaceholderScanner::assignedVariables(const QString &shell)
{
    static const QRegularExpression assign(QStringLiteral("^([A-Za-z_][A-Za-z0-9_]*)=(?!=)"));
    static const QRegularExpression name(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*$"));
    QSet<QString> out;
    // Only words at the start of a simple command assign (not `--from-literal=x=`).
    for (const QString &cmd : ShellText::simpleCommands(shell)) {
        const QStringList w = ShellText::words(cmd);
        qsizetype i = 0;
        if (i < w.size() && (w.at(i) == QLatin1String("export") || w.at(i) == QLatin1String("local") ||
                             w.at(i) == QLatin1String("readonly")))
            ++i;
        for (; i < w.size(); ++i) {
            const auto m = assign.match(w.at(i));
            if (!m.hasMatch())
                break;
            out.insert(m.captured(1));
        }
        // for NAME in ...; read [-r] NAME ...
        if (!w.isEmpty() && w.first() == QLatin1String("for") && w.size() > 1)
            out.insert(w.at(1));
        if (!w.isEmpty() && w.first() == QLatin1String("read")) {
            for (qsizetype j = 1; j < w.size(); ++j) {
                if (name.match(w.at(j)).hasMatch())
                    out.insert(w.at(j));
            }
        }
    }
    return out;
}

QList<Placeholder> PlaceholderScanner::scan(const QString &command, const QSet<QString> &assigned)
{
    static const QRegularExpression angle(QStringLiteral("(?<!<)<([A-Za-z][A-Za-z0-9_.-]*)>"));
    static const QRegularExpression dollar(
        QStringLiteral("\\$(?:\\{([A-Za-z_][A-Za-z0-9_]*)(?:[:#%/^,][^}]*)?\\}|([A-Za-z_][A-Za-z0-9_]*))"));
    struct Hit
    {
        qsizetype pos;
        Placeholder p;
    };
    QList<Hit> hits;
    auto it = angle.globalMatch(command);
    while (it.hasNext()) {
        const auto m = it.next();
        const QString name = m.captured(1);
        if (htmlTags().contains(name.toLower()))
            continue;
        hits.append({m.capturedStart(0), typed(name, m.captured(0))});
    }
    auto dit = dollar.globalMatch(command);
    while (dit.hasNext()) {
        const auto m = dit.next();
        const QString name = m.captured(1).isEmpty() ? m.captured(2) : m.captured(1);
        const qsizetype pos = m.capturedStart(0);
        if (pos > 0 && command.at(pos - 1) == QLatin1Char('\\'))
            continue; // \$X is a literal dollar
        if (assigned.contains(name) || shellVariables().contains(name) ||
            ShellText::insideSingleQuotes(command, pos))
            continue;
        hits.append({pos, typed(name, m.captured(0))});
    }
    std::sort(hits.begin(), hits.end(), [](const Hit &a, const Hit &b) { return a.pos < b.pos; });
    QList<Placeholder> out;
    for (const auto &h : hits) {
        if (!out.contains(h.p))
            out.append(h.p);
    }
    return out;
}

bool PlaceholderScanner::looksSecret(const QString &name)
{
    static const QRegularExpression re(
        QStringLiteral(
            "(TOKEN|PASSWORD|PASSWD|SECRET|API[_-]?KEY|(^|[_-])KEY($|[_-])|CREDENTIAL|(^|[_-])URL$|"
            "(^|[_-])DSN$|PRIVATE)"),
        QRegularExpression::CaseInsensitiveOption);
    return re.match(name).hasMatch();
}

QString PlaceholderScanner::contextKey(const QString &name)
{
    QString n = name.toLower();
    n.replace(QLatin1Char('_'), QLatin1Char('-'));
    for (const QString &suffix : {QStringLiteral("-name"), QStringLiteral("-id")}) {
        if (n.endsWith(suffix))
            n.chop(suffix.size());
    }
    if (n == QLatin1String("namespace") || n == QLatin1String("ns"))
        return QStringLiteral("namespace");
    if (n == QLatin1String("pod"))
        return QStringLiteral("pod");
    if (n == QLatin1String("deployment") || n == QLatin1String("deploy"))
        return QStringLiteral("deployment");
    if (n == QLatin1String("context") || n == QLatin1String("kube-context") || n == QLatin1String("cluster"))
        return QStringLiteral("context");
    if (n == QLatin1String("service") || n == QLatin1String("svc"))
        return QStringLiteral("service");
    return {};
}

Placeholder PlaceholderScanner::typed(const QString &name, const QString &token)
{
    Placeholder p;
    p.name = name;
    p.token = token;
    p.contextKey = contextKey(name);
    if (!p.contextKey.isEmpty())
        p.type = Placeholder::Type::Context;
    else if (looksSecret(name))
        p.type = Placeholder::Type::Secret;
    else
        p.type = Placeholder::Type::Value;
    return p;
}

} // namespace Sitrep::Runbook
