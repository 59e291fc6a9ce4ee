#include "runbook/SecretPlacement.h"

#include "runbook/RiskRules.h"
#include "runbook/ShellParser.h"

#include <QFileInfo>
#include <QSet>

#include <algorithm>
#include <functional>

namespace Sitrep::Runbook {

namespace {

enum class Code { None, Local, Remote }; // is a word shell code, and for which shell

struct Context
{
    QChar quote;           // '\'', '"', '(' , '`' or null
    qsizetype opened = -1; // where that quoting began
};

// The innermost quoting at pos and where it opened (quotes, $( ), backticks and backslashes as bash reads
// them).
Context contextAt(const QString &s, qsizetype pos)
{
    struct Frame
    {
        QChar c;
        qsizetype at;
    };
    QList<Frame> stack;
    bool escape = false;
    for (qsizetype i = 0; i < pos && i < s.size(); ++i) {
        const QChar c = s.at(i);
        const QChar top = stack.isEmpty() ? QChar() : stack.last().c;
        if (escape) {
            escape = false;
            continue;
        }
        if (top == QLatin1Char('\'')) {
            if (c == QLatin1Char('\''))
                stack.removeLast();
            continue;
        }
        if (c == QLatin1Char('\\')) {
            escape = true;
        } else if (top == QLatin1Char('`')) {
            if (c == QLatin1Char('`'))
                stack.removeLast();
        } else if (c == QLatin1Char('$') && i + 1 < s.size() && s.at(i + 1) == QLatin1Char('(')) {
            stack.append({QLatin1Char('('), i});
            ++i;
        } else if (c == QLatin1Char('`')) {
            stack.append({c, i});
        } else if (top == QLatin1Char('"')) {
            if (c == QLatin1Char('"'))
                stack.removeLast();
        } else if (c == QLatin1Char('\'') || c == QLatin1Char('"')) {
            stack.append({c, i});
        } else if (c == QLatin1Char('(') && top == QLatin1Char('(')) {
            stack.append({c, i});
        } else if (c == QLatin1Char(')') && top == QLatin1Char('(')) {
            stack.removeLast();
        }
    }
    return stack.isEmpty() ? Context{} : Context{stack.last().c, stack.last().at};
}

QString base(const QString &word)
{
    return QFileInfo(word).fileName();
}

bool isShell(const QString &tool)
{
    static const QSet<QString> shells = {
        QStringLiteral("sh"),  QStringLiteral("bash"), QStringLiteral("zsh"),  QStringLiteral("dash"),
        QStringLiteral("ksh"), QStringLiteral("ash"),  QStringLiteral("mksh"), QStringLiteral("busybox")};
    return shells.contains(tool);
}

bool runsElsewhere(const QString &tool)
{
    static const QSet<QString> remote = {
        QStringLiteral("kubectl"), QStringLiteral("oc"),  QStringLiteral("docker"),  QStringLiteral("podman"),
        QStringLiteral("nerdctl"), QStringLiteral("ssh"), QStringLiteral("autossh"), QStringLiteral("gcloud"),
        QStringLiteral("aws"),     QStringLiteral("az")};
    return remote.contains(tool);
}

bool isDashC(const QString &w)
{
    if (w == QLatin1String("--command"))
        return true;
    if (w.size() < 2 || w.at(0) != QLatin1Char('-') || w.at(1) == QLatin1Char('-'))
        return false;
    for (qsizetype i = 1; i < w.size(); ++i) {
        if (!w.at(i).isLetter())
            return false;
    }
    return w.contains(QLatin1Char('c'));
}

// Whether word `index` of a simple command is code another shell parses, and whether that shell runs here.
Code shellCode(const QStringList &words, qsizetype index)
{
    bool remote = false;
    if (index < words.size() && words.at(index).startsWith(QLatin1String("--command=")))
        return Code::Remote; // gcloud compute ssh --command=...
    for (qsizetype j = 0; j < index; ++j) {
        const QString tool = base(words.at(j));
        if ((isShell(tool) || tool == QLatin1String("su")) && index - 1 > j && isDashC(words.at(index - 1)))
            return remote ? Code::Remote : Code::Local;
        if (tool == QLatin1String("watch") || tool == QLatin1String("viddy") || tool == QLatin1String("eval"))
            return remote ? Code::Remote : Code::Local;
        if (tool == QLatin1String("ssh") || tool == QLatin1String("autossh")) {
            for (qsizetype k = j + 1; k < index; ++k) {
                if (!words.at(k).startsWith(QLatin1Char('-')))
                    return Code::Remote; // words after the host run in the host's shell
            }
        }
        if (runsElsewhere(tool))
            remote = true;
    }
    return Code::None;
}

// Whether the heredoc given to this command is read by a shell as code (bash <<EOF, kubectl exec -i p -- sh
// <<EOF).
Code heredocCode(const QStringList &words)
{
    bool remote = false;
    for (const QString &w : words) {
        const QString tool = base(w);
        if (runsElsewhere(tool))
            remote = true;
        if (isShell(tool))
            return remote ? Code::Remote : Code::Local;
    }
    return Code::None;
}

// A reference to variable v for a shell that reads it in quoting context q.
QString referenceFor(QChar q, const QString &v)
{
    if (q == QLatin1Char('"'))
        return QStringLiteral("${%1}").arg(v);
    if (q == QLatin1Char('\''))
        return QStringLiteral("'\"${%1}\"'").arg(v);
    return QStringLiteral("\"${%1}\"").arg(v);
}

// Text written inside double quotes so that the shell reading them passes it on unchanged.
QString escapeForDoubleQuotes(const QString &s)
{
    QString out;
    for (const QChar c : s) {
        if (c == QLatin1Char('\\') || c == QLatin1Char('"') || c == QLatin1Char('$') || c == QLatin1Char('`'))
            out += QLatin1Char('\\');
        out += c;
    }
    return out;
}

// Text written in an unquoted heredoc so that it reaches the reader unchanged ($, ` and \ are special there).
QString escapeForHeredoc(const QString &s)
{
    QString out;
    for (const QChar c : s) {
        if (c == QLatin1Char('\\') || c == QLatin1Char('$') || c == QLatin1Char('`'))
            out += QLatin1Char('\\');
        out += c;
    }
    return out;
}

struct Where
{
    const ShellCommand *command = nullptr;
    qsizetype word = -1; // -1: an assignment or a redirection target
    qsizetype heredoc = -1;
};

} // namespace

Core::Result<QString> SecretPlacement::place(const QString &text, const QList<Slot> &secretSlots)
{
    if (secretSlots.isEmpty())
        return text;
    const QList<ShellCommand> commands = ShellParser::parse(text);
    // Quoting is judged with heredoc bodies blanked: their apostrophes are data, not quotes.
    QString quoting = text;
    for (const ShellCommand &c : commands) {
        if (c.depth != 0)
            continue;
        for (const auto &[from, to] : c.heredocSpans) {
            for (qsizetype i = from; i < to && i < quoting.size(); ++i) {
                if (quoting.at(i) != QLatin1Char('\n'))
                    quoting[i] = QLatin1Char(' ');
            }
        }
    }
    struct Hit
    {
        qsizetype pos;
        const Slot *slot;
    };
    QList<Hit> hits;
    for (const Slot &s : secretSlots) {
        for (qsizetype p = text.indexOf(s.marker); p >= 0; p = text.indexOf(s.marker, p + s.marker.size()))
            hits.append({p, &s});
    }
    std::sort(hits.begin(), hits.end(), [](const Hit &a, const Hit &b) { return a.pos > b.pos; });

    QString out = text;
    for (const Hit &h : hits) {
        const Slot &slot = *h.slot;
        const QString &v = slot.variable;
        Where where;
        for (const ShellCommand &c : commands) {
            for (qsizetype k = 0; k < c.heredocSpans.size() && c.depth == 0; ++k) {
                if (h.pos >= c.heredocSpans.at(k).first && h.pos < c.heredocSpans.at(k).second)
                    where = {&c, -1, k};
            }
            for (qsizetype k = 0; k < c.words.size() && !where.command; ++k) {
                if (c.words.at(k).text.contains(slot.marker))
                    where = {&c, k, -1};
            }
            if (where.command)
                break;
        }
        QString replacement;
        if (where.heredoc >= 0) {
            const ShellCommand &c = *where.command;
            if (c.heredocQuoted.value(where.heredoc))
                return Core::makeError(
                    QStringLiteral(
                        "%1 stands in a quoted heredoc (<<'EOF'), where nothing expands: Sitrep would "
                        "have to paste the secret into the command. Write <<EOF instead")
                        .arg(slot.token));
            const Code code = heredocCode(c.texts());
            const qsizetype start = c.heredocSpans.at(where.heredoc).first;
            const QChar inner = contextAt(text.mid(start, h.pos - start), h.pos - start).quote;
            if (code == Code::None) {
                replacement = QStringLiteral("${%1}").arg(v); // data: expanded once, never parsed
            } else if (code == Code::Local) {
                replacement = escapeForHeredoc(referenceFor(inner, v)); // the inner shell expands it
            } else {
                if (!inner.isNull())
                    return Core::makeError(
                        QStringLiteral(
                            "%1 stands inside quotes in a script that runs in another shell (through "
                            "kubectl exec or ssh); Sitrep cannot pass a secret there safely. Leave "
                            "the quotes around it out: Sitrep quotes the value itself")
                            .arg(slot.token));
                replacement = QStringLiteral("${%1@Q}").arg(v);
            }
        } else {
            const Context outer = contextAt(quoting, h.pos);
            const Code code = where.command ? shellCode(where.command->texts(), where.word) : Code::None;
            if (code == Code::None) {
                replacement = referenceFor(outer.quote, v);
            } else {
                // The code inside the quotes that contain the marker, up to it.
                const QString prefix =
                    outer.opened >= 0 ? text.mid(outer.opened + 1, h.pos - outer.opened - 1) : QString();
                const QChar inner = contextAt(prefix, prefix.size()).quote;
                if (code == Code::Local) {
                    const QString ref = referenceFor(inner, v);
                    if (outer.quote == QLatin1Char('\''))
                        replacement = ref;
                    else if (outer.quote == QLatin1Char('"'))
                        replacement = escapeForDoubleQuotes(ref);
                    else
                        replacement = QLatin1Char('\'') + ref + QLatin1Char('\'');
                } else {
                    if (!inner.isNull())
                        return Core::makeError(
                            QStringLiteral(
                                "%1 stands inside quotes in a command that runs in another shell "
                                "(through kubectl exec or ssh); Sitrep cannot pass a secret there "
                                "safely. Leave the quotes around it out: Sitrep quotes the value itself")
                                .arg(slot.token));
                    const QString ref = QStringLiteral("${%1@Q}").arg(v);
                    replacement = outer.quote == QLatin1Char('\'')  ? QStringLiteral("'\"%1\"'").arg(ref)
                                  : outer.quote == QLatin1Char('"') ? ref
                                                                    : QStringLiteral("\"%1\"").arg(ref);
                }
            }
        }
        out.replace(h.pos, slot.marker.size(), replacement);
    }
    return out;
}

QStringList SecretPlacement::exposures(const QString &command, const QStringList &variables)
{
    static const QSet<QString> builtins = {
        QStringLiteral("echo"),     QStringLiteral("printf"),  QStringLiteral("test"),
        QStringLiteral("["),        QStringLiteral("[["),      QStringLiteral("export"),
        QStringLiteral("local"),    QStringLiteral("declare"), QStringLiteral("typeset"),
        QStringLiteral("readonly"), QStringLiteral("read"),    QStringLiteral("set"),
        QStringLiteral(":"),        QStringLiteral("let"),     QStringLiteral("cd"),
        QStringLiteral("return"),   QStringLiteral("exit"),    QStringLiteral("true"),
        QStringLiteral("false"),    QStringLiteral("unset"),   QStringLiteral("shift")};
    const QSet<QString> wanted(variables.cbegin(), variables.cend());
    QStringList out;
    std::function<void(const QString &, int)> check = [&](const QString &text, int depth) {
        if (depth > 4)
            return;
        for (const ShellCommand &c : ShellParser::parse(text)) {
            if (c.words.isEmpty())
                continue;
            const QStringList words = c.texts();
            const QString program = base(words.first());
            for (qsizetype i = 1; i < c.words.size(); ++i) {
                const ShellWord &w = c.words.at(i);
                bool hit = false;
                for (const QString &e : w.expands)
                    hit = hit || wanted.contains(e);
                if (hit && !builtins.contains(program) && program != QLatin1String("eval") &&
                    !out.contains(program))
                    out << program;
                if (shellCode(words, i) == Code::Local)
                    check(w.text, depth + 1); // the inner shell passes it on to its own programs
            }
        }
    };
    check(command, 0);
    return out;
}

} // namespace Sitrep::Runbook
