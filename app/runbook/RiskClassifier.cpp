#include "runbook/RiskClassifier.h"

#include "runbook/ShellParser.h"
#include "runbook/SqlSplitter.h"
#include "runbook/ToolReaders.h"

#include <QFileInfo>
#include <QRegularExpression>

namespace Sitrep::Runbook {

using namespace Internal;

namespace {

using Result = RiskClassifier::Result;

bool isAssignment(const QString &w)
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*="));
    return re.match(w).hasMatch();
}

// The words after the tool's global options, verb first; the global options follow (kubectl -n x scale).
QStringList afterGlobalOptions(const QString &tool, const QStringList &args)
{
    const QStringList withValue = RiskRules::globalOptionsWithValue(tool);
    if (withValue.isEmpty())
        return args;
    qsizetype i = 0;
    while (i < args.size() && args.at(i).startsWith(QLatin1Char('-')) && args.at(i) != QLatin1String("--"))
        i += withValue.contains(args.at(i)) ? 2 : 1;
    i = qMin(i, args.size());
    return args.mid(i) + args.mid(0, i);
}

class Classifier
{
public:
    Result line(const QString &text, int depth, bool tty, const Input &input = {})
    {
        Result total;
        if (depth > ShellParser::kMaxDepth)
            return verdict(Risk::Change, QStringLiteral("too deeply nested"));
        bool first = true;
        for (const ShellCommand &c : ShellParser::parse(text)) {
            Result r = command(c, depth, tty, c.depth == 0 ? input : Input());
            if (r.reason.isEmpty() || depth == 0)
                r.reason = c.text;
            merge(total, r, first);
            first = false;
        }
        return total;
    }

private:
    Result command(const ShellCommand &c, int depth, bool tty, Input in)
    {
        if (c.tooDeep)
            return verdict(Risk::Change, QStringLiteral("too deeply nested"));
        if (!c.heredocs.isEmpty())
            in = Input{c.heredocs.join(QLatin1Char('\n')), false};
        for (const ShellRedirect &r : c.redirects) {
            if (r.op == QLatin1String("<"))
                in = Input{QString(), true};
            else if (r.op == QLatin1String("<<<"))
                in = Input{r.target, false};
        }
        Result out = words(c.texts(), in, depth, tty);
        for (const ShellRedirect &r : c.redirects) {
            if (r.writesFile())
                merge(out, verdict(Risk::Change, QStringLiteral("output redirection")));
        }
        return out;
    }

    Result words(QStringList w, const Input &in, int depth, bool tty)
    {
        static const QStringList reserved = {
            QStringLiteral("!"),    QStringLiteral("if"),    QStringLiteral("then"),  QStringLiteral("else"),
            QStringLiteral("elif"), QStringLiteral("do"),    QStringLiteral("while"), QStringLiteral("until"),
            QStringLiteral("{"),    QStringLiteral("}"),     QStringLiteral("done"),  QStringLiteral("fi"),
            QStringLiteral("esac"), QStringLiteral("coproc")};
        while (!w.isEmpty() && reserved.contains(w.first()))
            w.removeFirst();
        if (w.isEmpty() || w.first() == QLatin1String("for") || w.first() == QLatin1String("case") ||
            w.first() == QLatin1String("function"))
            return Result(); // the loop's words run nothing; its $(...) are commands of their own
        if (depth > ShellParser::kMaxDepth)
            return verdict(Risk::Change, QStringLiteral("too deeply nested"));
        const QString tool = QFileInfo(w.first()).fileName();
        const QStringList args = w.mid(1);
        if (const WrapperRule *wrapper = RiskRules::wrapper(tool))
            return wrap(*wrapper, tool, args, in, depth, tty);
        Result r = dispatch(tool, args, in, depth, tty);
        applyTerminal(r, tool, ownArgs(tool, args), tty);
        return r;
    }

    static QString ownArgs(const QString &tool, const QStringList &args)
    {
        QStringList a = afterGlobalOptions(tool, args);
        if (tool == QLatin1String("kubectl") || tool == QLatin1String("oc")) {
            const qsizetype dd = a.indexOf(QStringLiteral("--"));
            if (dd >= 0)
                a = a.mid(0, dd);
        } else if (tool == QLatin1String("docker") || tool == QLatin1String("podman") ||
                   tool == QLatin1String("nerdctl")) {
            qsizetype k = a.value(0) == QLatin1String("compose") ? 2 : 1;
            while (k < a.size() && a.at(k).startsWith(QLatin1Char('-')))
                ++k;
            a = a.mid(0, k);
        }
        return a.join(QLatin1Char(' '));
    }

    static void applyTerminal(Result &r, const QString &tool, const QString &own, bool tty)
    {
        for (const TerminalRule &t : RiskRules::terminalRules()) {
            if (!t.tools.contains(tool))
                continue;
            if (!t.pattern.pattern().isEmpty() && !t.pattern.match(own).hasMatch())
                continue;
            r.endless = r.endless || t.endless;
            if (tty && int(t.terminal) > int(r.terminal))
                r.terminal = t.terminal;
            if (!r.trail.contains(t.name))
                r.trail << t.name;
        }
    }

    Result inner(const QStringList &w, const Input &in, int depth, bool tty, const QString &rule)
    {
        Result r = words(w, in, depth + 1, tty);
        r.trail.prepend(rule);
        if (r.rule.isEmpty())
            r.rule = rule;
        return r;
    }

    Result wrap(const WrapperRule &w, const QString &tool, const QStringList &args, const Input &in,
                int depth, bool tty)
    {
        qsizetype i = 0;
        auto skipOptions = [&](bool assignments) {
            while (i < args.size()) {
                const QString &a = args.at(i);
                if (a == QLatin1String("--")) {
                    ++i;
                    break;
                }
                if (assignments && isAssignment(a)) {
                    ++i;
                } else if (a.size() > 1 &&
                           (a.startsWith(QLatin1Char('-')) || a.startsWith(QLatin1Char('+')))) {
                    i += w.optionsWithValue.contains(a) ? 2 : 1;
                } else {
                    break;
                }
            }
            i = qMin(i, args.size());
        };
        Result r;
        switch (w.kind) {
        case WrapperRule::Kind::Prefix: {
            skipOptions(tool == QLatin1String("env") || tool == QLatin1String("sudo") ||
                        tool == QLatin1String("doas"));
            applyTerminal(r, tool, args.mid(0, i).join(QLatin1Char(' ')), tty);
            i = qMin(i + w.positionals, args.size());
            const QStringList rest = args.mid(i);
            if (rest.isEmpty()) {
                const bool shell = tool == QLatin1String("sudo") || tool == QLatin1String("doas") ||
                                   tool == QLatin1String("runuser");
                merge(r, shell ? session(tty) : verdict(Risk::Read, w.name), true);
                return r;
            }
            merge(r, inner(rest, in, depth, tty && w.passesTerminal, w.name), true);
            return r;
        }
        case WrapperRule::Kind::ShellCode: {
            QStringList a = args;
            if (tool == QLatin1String("busybox")) {
                static const QStringList shells = {QStringLiteral("sh"), QStringLiteral("ash"),
                                                   QStringLiteral("hush")};
                if (a.isEmpty())
                    return verdict(Risk::Read, w.name);
                if (!shells.contains(a.first()))
                    return words(a, in, depth + 1, tty);
                a.removeFirst();
            }
            std::optional<QString> code;
            std::optional<QString> script;
            for (qsizetype k = 0; k < a.size(); ++k) {
                const QString &o = a.at(k);
                if (tool == QLatin1String("su")) {
                    if (o == QLatin1String("-c") || o == QLatin1String("--command")) {
                        code = a.value(k + 1);
                        break;
                    }
                    if (o.startsWith(QLatin1String("--command="))) {
                        code = o.mid(10);
                        break;
                    }
                    if (w.optionsWithValue.contains(o))
                        ++k;
                    continue;
                }
                if (o == QLatin1String("--")) {
                    if (k + 1 < a.size())
                        script = a.at(k + 1);
                    break;
                }
                if (w.optionsWithValue.contains(o)) {
                    ++k;
                } else if (clusterHas(o, QLatin1Char('c'))) {
                    code = a.value(k + 1);
                    break;
                } else if (!(o.startsWith(QLatin1Char('-')) || o.startsWith(QLatin1Char('+')))) {
                    script = o;
                    break;
                }
            }
            applyTerminal(r, tool, a.join(QLatin1Char(' ')), tty); // su may ask for a password
            Result out;
            if (code) {
                out = line(*code, depth + 1, tty);
                out.trail.prepend(w.name);
            } else if (script || (in.text.isEmpty() && in.fromFile)) {
                out = verdict(Risk::Change, QStringLiteral("a script Sitrep cannot see"));
            } else if (!in.text.isEmpty()) { // bash <<EOF ... EOF: the heredoc is the script
                out = line(in.text, depth + 1, false);
                out.trail.prepend(w.name);
            } else {
                out = session(tty);
            }
            merge(r, out, true);
            return r;
        }
        case WrapperRule::Kind::WatchText: {
            skipOptions(false);
            applyTerminal(r, tool, args.mid(0, i).join(QLatin1Char(' ')), tty);
            const QString text = args.mid(i).join(QLatin1Char(' '));
            if (text.trimmed().isEmpty()) {
                merge(r, verdict(Risk::Read, w.name), true);
                return r;
            }
            Result in2 = line(text, depth + 1, tty && w.passesTerminal, in);
            in2.trail.prepend(w.name);
            merge(r, in2, true);
            return r;
        }
        case WrapperRule::Kind::Remote: {
            static const QString valueLetters = QStringLiteral("BbcDEeFIiJLlmOoPpQRSWw");
            bool t = false;
            while (i < args.size() && args.at(i).startsWith(QLatin1Char('-')) && args.at(i).size() > 1) {
                const QString &o = args.at(i);
                t = t || clusterHas(o, QLatin1Char('t'), valueLetters);
                const QChar last = o.at(o.size() - 1);
                const bool takesNext = valueLetters.contains(last) && !o.startsWith(QLatin1String("--")) &&
                                       o.indexOf(last) == o.size() - 1;
                i += takesNext ? 2 : 1;
            }
            i = qMin(i, args.size());
            applyTerminal(r, tool, args.mid(0, i).join(QLatin1Char(' ')), tty);
            if (i >= args.size()) {
                merge(r, verdict(Risk::Read, w.name), true);
                return r;
            }
            const QString remote = args.mid(i + 1).join(QLatin1Char(' '));
            if (remote.trimmed().isEmpty()) {
                if (r.endless) { // ssh -N: a tunnel
                    merge(r, verdict(Risk::Read, w.name), true);
                    return r;
                }
                merge(r, session(tty), true);
                return r;
            }
            Result inner2 = line(remote, depth + 1, tty && t, in);
            inner2.trail.prepend(w.name);
            merge(r, inner2, true);
            return r;
        }
        }
        return verdict(Risk::Change, QStringLiteral("unknown program"));
    }

    Result dispatch(const QString &tool, const QStringList &args, const Input &in, int depth, bool tty)
    {
        if (tool == QLatin1String("kubectl") || tool == QLatin1String("oc"))
            return kubectl(tool, args, in, depth, tty);
        if (tool == QLatin1String("docker") || tool == QLatin1String("podman") ||
            tool == QLatin1String("nerdctl"))
            return docker(tool, args, in, depth, tty);
        if (tool == QLatin1String("find"))
            return find(args, depth);
        if (tool == QLatin1String("curl"))
            return ToolReaders::curl(args);
        if (tool == QLatin1String("wget"))
            return ToolReaders::wget(args);
        if (tool == QLatin1String("http") || tool == QLatin1String("https") || tool == QLatin1String("xh") ||
            tool == QLatin1String("xhs"))
            return ToolReaders::httpie(args);
        if (tool == QLatin1String("awk") || tool == QLatin1String("gawk") || tool == QLatin1String("mawk") ||
            tool == QLatin1String("nawk"))
            return ToolReaders::awk(args);
        if (tool == QLatin1String("psql"))
            return ToolReaders::psql(args, in, tty);
        if (tool == QLatin1String("mysql") || tool == QLatin1String("mariadb"))
            return ToolReaders::mysql(args, in, tty);
        if (tool == QLatin1String("sqlite3"))
            return ToolReaders::sqlite(args, in, tty);
        if (tool == QLatin1String("mongosh") || tool == QLatin1String("mongo"))
            return ToolReaders::mongo(args, in, tty);
        if (tool == QLatin1String("redis-cli") || tool == QLatin1String("valkey-cli"))
            return ToolReaders::redis(args, in, tty);
        if (RiskRules::isCloudCli(tool))
            return cloud(tool, args, in, depth, tty);
        return byRules(tool, args);
    }

    static Result byRules(const QString &tool, const QStringList &args)
    {
        const QString argText = afterGlobalOptions(tool, args).join(QLatin1Char(' '));
        const RiskRule *anyTool = nullptr;
        for (const RiskRule &rule : RiskRules::rules()) {
            if (rule.tools.contains(QStringLiteral("*")))
                anyTool = &rule;
            if (!rule.tools.contains(tool))
                continue;
            if (rule.pattern.pattern().isEmpty() || rule.pattern.match(argText).hasMatch())
                return verdict(rule.risk, rule.name);
        }
        if (const auto known = RiskRules::toolRisk(tool))
            return verdict(known->first, known->second);
        // A program we do not know: never assumed to only read; a failover script is destructive.
        if (anyTool && anyTool->pattern.match(tool + QLatin1Char(' ') + argText).hasMatch())
            return verdict(anyTool->risk, anyTool->name);
        return verdict(Risk::Change, QStringLiteral("unknown program"));
    }

    Result kubectl(const QString &tool, const QStringList &args, const Input &in, int depth, bool tty)
    {
        const QStringList a = afterGlobalOptions(tool, args);
        const QString verb = a.value(0);
        const qsizetype dd = args.indexOf(QStringLiteral("--"));
        const QStringList own = dd < 0 ? args : args.mid(0, dd);
        const QStringList innerWords = dd < 0 ? QStringList() : args.mid(dd + 1);
        bool ownTty = false;
        bool ownStdin = false;
        for (const QString &o : own) {
            ownTty = ownTty || o == QLatin1String("--tty") || o == QLatin1String("--tty=true") ||
                     clusterHas(o, QLatin1Char('t'), QStringLiteral("cnlf"));
            ownStdin = ownStdin || o == QLatin1String("--stdin") || o == QLatin1String("--stdin=true") ||
                       clusterHas(o, QLatin1Char('i'), QStringLiteral("cnlf"));
        }
        const Input passed = ownStdin ? in : Input();
        if (verb == QLatin1String("exec")) {
            if (innerWords.isEmpty())
                return verdict(Risk::Change, QStringLiteral("kubectl exec without a command"));
            return inner(innerWords, passed, depth, tty && ownTty,
                         QStringLiteral("kubectl exec: inner command"));
        }
        if (verb == QLatin1String("run") && own.contains(QStringLiteral("--rm")) && !innerWords.isEmpty())
            return inner(innerWords, passed, depth, tty && ownTty,
                         QStringLiteral("kubectl run --rm: inner command"));
        return byRules(tool, args);
    }

    Result docker(const QString &tool, const QStringList &args, const Input &in, int depth, bool tty)
    {
        const QStringList a = afterGlobalOptions(tool, args);
        const bool compose = a.value(0) == QLatin1String("compose");
        const QString verb = compose ? a.value(1) : a.value(0);
        qsizetype k = compose ? 2 : 1;
        bool t = false;
        bool stdinFlag = false;
        auto scanOptions = [&](const QStringList &withValue, const QString &valueLetters,
                               bool strict) -> bool {
            while (k < a.size() && a.at(k).startsWith(QLatin1Char('-'))) {
                const QString &o = a.at(k);
                t = t || o == QLatin1String("--tty") || clusterHas(o, QLatin1Char('t'), valueLetters);
                stdinFlag = stdinFlag || o == QLatin1String("--interactive") ||
                            clusterHas(o, QLatin1Char('i'), valueLetters);
                const QString name = o.section(QLatin1Char('='), 0, 0);
                if (o.contains(QLatin1Char('=')) || !o.startsWith(QLatin1String("--"))) {
                    const bool shortWithValue =
                        !o.startsWith(QLatin1String("--")) && o.size() == 2 && valueLetters.contains(o.at(1));
                    k += shortWithValue ? 2 : 1;
                } else if (withValue.contains(name)) {
                    k += 2;
                } else {
                    static const QStringList flags = {
                        QStringLiteral("--rm"),          QStringLiteral("--tty"),
                        QStringLiteral("--interactive"), QStringLiteral("--detach"),
                        QStringLiteral("--privileged"),  QStringLiteral("--init"),
                        QStringLiteral("--read-only"),   QStringLiteral("--no-deps"),
                        QStringLiteral("--no-TTY"),      QStringLiteral("--service-ports")};
                    if (strict && !flags.contains(name))
                        return false; // an option we cannot tell a flag from: do not guess the image
                    ++k;
                }
            }
            return true;
        };
        if (verb == QLatin1String("exec")) {
            scanOptions({QStringLiteral("--env"), QStringLiteral("--env-file"), QStringLiteral("--user"),
                         QStringLiteral("--workdir"), QStringLiteral("--detach-keys"),
                         QStringLiteral("--index")},
                        QStringLiteral("euw"), false);
            const QStringList cmd = a.mid(k + 1);
            if (k >= a.size() || cmd.isEmpty())
                return byRules(tool, args);
            return inner(cmd, stdinFlag ? in : Input(), depth, tty && t,
                         QStringLiteral("docker exec: inner command"));
        }
        if (verb == QLatin1String("run") && a.contains(QStringLiteral("--rm"))) {
            static const QStringList withValue = {
                QStringLiteral("--env"),      QStringLiteral("--volume"),     QStringLiteral("--publish"),
                QStringLiteral("--name"),     QStringLiteral("--network"),    QStringLiteral("--user"),
                QStringLiteral("--workdir"),  QStringLiteral("--entrypoint"), QStringLiteral("--env-file"),
                QStringLiteral("--label"),    QStringLiteral("--memory"),     QStringLiteral("--cpus"),
                QStringLiteral("--mount"),    QStringLiteral("--add-host"),   QStringLiteral("--dns"),
                QStringLiteral("--hostname"), QStringLiteral("--platform"),   QStringLiteral("--pull"),
                QStringLiteral("--restart"),  QStringLiteral("--log-driver"), QStringLiteral("--log-opt")};
            QString entrypoint;
            for (qsizetype j = 0; j + 1 < a.size(); ++j) {
                if (a.at(j) == QLatin1String("--entrypoint"))
                    entrypoint = a.at(j + 1);
                else if (a.at(j).startsWith(QLatin1String("--entrypoint=")))
                    entrypoint = a.at(j).mid(13);
            }
            if (scanOptions(withValue, QStringLiteral("evpuwhlmc"), true) && k < a.size()) {
                QStringList cmd = a.mid(k + 1);
                if (!entrypoint.isEmpty())
                    cmd.prepend(entrypoint);
                if (!cmd.isEmpty())
                    return inner(cmd, stdinFlag ? in : Input(), depth, tty && t,
                                 QStringLiteral("docker run --rm: inner command"));
            }
        }
        return byRules(tool, args);
    }

    Result find(const QStringList &args, int depth)
    {
        Result r = verdict(Risk::Read, QStringLiteral("read-only program"));
        static const QStringList exec = {QStringLiteral("-exec"), QStringLiteral("-execdir"),
                                         QStringLiteral("-ok"), QStringLiteral("-okdir")};
        static const QStringList writes = {QStringLiteral("-fprint"), QStringLiteral("-fprint0"),
                                           QStringLiteral("-fprintf"), QStringLiteral("-fls")};
        for (qsizetype i = 0; i < args.size(); ++i) {
            const QString &a = args.at(i);
            if (a == QLatin1String("-delete")) {
                merge(r, verdict(Risk::Destructive, QStringLiteral("find -delete")));
            } else if (writes.contains(a)) {
                merge(r, verdict(Risk::Change, QStringLiteral("find writes a file")));
            } else if (exec.contains(a)) {
                qsizetype j = i + 1;
                while (j < args.size() && args.at(j) != QLatin1String(";") &&
                       args.at(j) != QLatin1String("+"))
                    ++j;
                merge(r, inner(args.mid(i + 1, j - i - 1), {}, depth, false,
                               QStringLiteral("find -exec: inner command")));
                i = j;
            }
        }
        return r;
    }

    Result cloud(const QString &tool, const QStringList &args, const Input &in, int depth, bool tty)
    {
        const QStringList withValue = RiskRules::cloudOptionsWithValue(tool);
        QStringList path; // the words that are neither options nor their known values
        QString command;
        bool dryRun = false;
        for (qsizetype i = 0; i < args.size(); ++i) {
            const QString &a = args.at(i);
            if (a.startsWith(QLatin1Char('-'))) {
                const QString name = a.section(QLatin1Char('='), 0, 0);
                dryRun = dryRun || name == QLatin1String("--dry-run");
                if (name == QLatin1String("--command"))
                    command =
                        a.contains(QLatin1Char('=')) ? a.section(QLatin1Char('='), 1) : args.value(i + 1);
                if (!a.contains(QLatin1Char('=')) &&
                    (withValue.contains(a) || name == QLatin1String("--command")))
                    ++i;
                continue;
            }
            path << a;
        }
        const QString joined = path.join(QLatin1Char(' '));
        // Remote shells and consoles: gcloud compute ssh VM [--command=...], aws ssm start-session, az ssh.
        static const QRegularExpression shell(
            QStringLiteral("^((alpha|beta)\\s+)?compute\\s+ssh\\b|^ssm\\s+start-session\\b|^ecs\\s+execute-"
                           "command\\b|^ssh\\b|"
                           "^compute\\s+ssh\\b"));
        if (shell.match(joined).hasMatch()) {
            if (!command.isEmpty()) {
                Result r = line(command, depth + 1, false, in);
                r.trail.prepend(QStringLiteral("cloud remote command"));
                return r;
            }
            Result r = session(tty);
            r.trail << QStringLiteral("cloud remote command");
            return r;
        }
        static const QRegularExpression console(QStringLiteral("^((alpha|beta)\\s+)?sql\\s+connect\\b"));
        if (console.match(joined).hasMatch())
            return session(tty, TerminalUse::FullScreen);
        const QList<VerbConvention> &verbs = RiskRules::cloudVerbs();
        if (dryRun)
            return verdict(verbs.first().risk, verbs.first().name);
        // aws SERVICE OPERATION: the service is never the verb. gcloud / az groups that look like verbs
        // (gcloud run, gcloud deploy, az tag) are skipped when a later word is a verb.
        static const QStringList groups = {QStringLiteral("run"), QStringLiteral("deploy"),
                                           QStringLiteral("tag"), QStringLiteral("lock")};
        auto verbOf = [&verbs](const QString &word) -> const VerbConvention * {
            for (qsizetype v = 1; v < verbs.size(); ++v) {
                if (verbs.at(v).verb.match(word).hasMatch())
                    return &verbs.at(v);
            }
            return nullptr;
        };
        const qsizetype from = tool == QLatin1String("aws") ? 1 : 0;
        const VerbConvention *groupVerb = nullptr;
        for (qsizetype k = from; k < path.size(); ++k) {
            const VerbConvention *v = verbOf(path.at(k));
            if (!v)
                continue;
            if (tool != QLatin1String("aws") && groups.contains(path.at(k))) {
                if (!groupVerb)
                    groupVerb = v; // used only when no later word is a verb
                continue;
            }
            return verdict(v->risk, v->name);
        }
        if (groupVerb)
            return verdict(groupVerb->risk, groupVerb->name);
        return verdict(Risk::Change, QStringLiteral("cloud CLI unknown verb"));
    }
};

} // namespace

RiskClassifier::Result RiskClassifier::classify(const QString &command)
{
    Result r = Classifier().line(command, 0, true);
    r.interactive = r.terminal != TerminalUse::None || r.endless;
    return r;
}

RiskClassifier::Result RiskClassifier::classifySql(const QString &sql)
{
    Result total;
    bool first = true;
    for (const SqlStatement &st : SqlSplitter::split(sql)) {
        Result r;
        if (st.kind == SqlStatement::Kind::Meta) {
            r = verdict(RiskRules::psqlMetaWrites().match(st.text).hasMatch() ? Risk::Change : Risk::Read,
                        QStringLiteral("psql meta-command"));
        } else {
            r = verdict(Risk::Change, QStringLiteral("SQL unknown statement"));
            for (const SqlRule &rule : RiskRules::sqlRules()) {
                if (rule.pattern.match(st.bare).hasMatch()) {
                    r = verdict(rule.risk, rule.name);
                    break;
                }
            }
        }
        r.reason = st.text.simplified().left(200);
        merge(total, r, first);
        first = false;
    }
    return total;
}

} // namespace Sitrep::Runbook
