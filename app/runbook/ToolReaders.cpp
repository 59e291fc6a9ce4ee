#include "runbook/ToolReaders.h"

#include "runbook/RiskRules.h"

#include <QRegularExpression>

namespace Sitrep::Runbook::Internal {

using Result = RiskClassifier::Result;

Result verdict(Risk risk, const QString &rule)
{
    Result r;
    r.risk = risk;
    r.rule = rule;
    return r;
}

// Folds b into a: the riskier verdict wins (the earlier one on a tie); terminal use and endlessness add up.
void merge(Result &a, const Result &b, bool first)
{
    if (first || int(b.risk) > int(a.risk)) {
        a.risk = b.risk;
        a.rule = b.rule;
        a.reason = b.reason;
    }
    a.terminal = TerminalUse(qMax(int(a.terminal), int(b.terminal)));
    a.endless = a.endless || b.endless;
    for (const QString &t : b.trail) {
        if (!a.trail.contains(t))
            a.trail << t;
    }
    if (!b.rule.isEmpty() && !a.trail.contains(b.rule))
        a.trail << b.rule;
}

// An option cluster such as -it, -sX, -p2222 contains `letter` as a flag (not inside an attached value).
bool clusterHas(const QString &word, QChar letter, const QString &valueLetters)
{
    if (word.size() < 2 || word.at(0) != QLatin1Char('-') || word.at(1) == QLatin1Char('-'))
        return false;
    for (qsizetype i = 1; i < word.size(); ++i) {
        if (word.at(i) == letter)
            return true;
        if (valueLetters.contains(word.at(i)))
            return false;
    }
    return false;
}

Result session(bool tty, TerminalUse use)
{
    Result r = verdict(Risk::Change, QStringLiteral("interactive session"));
    r.terminal = tty ? use : TerminalUse::None;
    return r;
}

Result ToolReaders::curl(const QStringList &args)
{
    const QString shortWithValue = RiskRules::curlShortOptionsWithValue();
    const QSet<QString> &longWithValue = RiskRules::curlLongOptionsWithValue();
    const QSet<QString> &dataOptions = RiskRules::curlDataOptions();
    QString method;
    bool data = false, upload = false, get = false, head = false, file = false;
    auto toFile = [](const QString &v) {
        return !v.isEmpty() && v != QLatin1String("-") && v != QLatin1String("/dev/null");
    };
    auto option = [&](const QString &name, const QString &value) {
        if (name == QLatin1String("-X") || name == QLatin1String("--request"))
            method = value;
        if (dataOptions.contains(name))
            data = true;
        if (name == QLatin1String("-T") || name == QLatin1String("--upload-file"))
            upload = true;
        if (name == QLatin1String("-G") || name == QLatin1String("--get"))
            get = true;
        if (name == QLatin1String("-I") || name == QLatin1String("--head"))
            head = true;
        if (name == QLatin1String("-O") || name == QLatin1String("--remote-name") ||
            name == QLatin1String("--remote-name-all") ||
            ((name == QLatin1String("-o") || name == QLatin1String("--output") ||
              name == QLatin1String("-D") || name == QLatin1String("--dump-header") ||
              name == QLatin1String("-c") || name == QLatin1String("--cookie-jar")) &&
             toFile(value)))
            file = true;
    };
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString &a = args.at(i);
        if (a.startsWith(QLatin1String("--"))) {
            const QString name = a.section(QLatin1Char('='), 0, 0);
            QString value;
            if (a.contains(QLatin1Char('=')))
                value = a.section(QLatin1Char('='), 1);
            else if (longWithValue.contains(name) && i + 1 < args.size())
                value = args.at(++i);
            option(name, value);
        } else if (a.startsWith(QLatin1Char('-')) && a.size() > 1) {
            // A cluster: -sSfL, -sXPOST, -sX POST (the value follows the letter that takes one).
            for (qsizetype j = 1; j < a.size(); ++j) {
                const QString name = QStringLiteral("-") + a.at(j);
                if (shortWithValue.contains(a.at(j))) {
                    const QString value = j + 1 < a.size() ? a.mid(j + 1) : args.value(++i);
                    option(name, value);
                    break;
                }
                option(name, {});
            }
        }
    }
    if (method.isEmpty())
        method = head             ? QStringLiteral("HEAD")
                 : upload         ? QStringLiteral("PUT")
                 : (data && !get) ? QStringLiteral("POST")
                                  : QStringLiteral("GET");
    Result r = verdict(RiskRules::httpMethodRisk(method), QStringLiteral("http method"));
    if (file)
        merge(r, verdict(Risk::Change, QStringLiteral("http output to a file")));
    return r;
}

Result ToolReaders::wget(const QStringList &args)
{
    QString method;
    bool data = false, spider = false;
    QString output;
    bool outputGiven = false;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString &a = args.at(i);
        const QString name = a.section(QLatin1Char('='), 0, 0);
        const bool hasValue = a.contains(QLatin1Char('='));
        if (name == QLatin1String("--method"))
            method = hasValue ? a.section(QLatin1Char('='), 1) : args.value(++i);
        else if (RiskRules::wgetDataOptions().contains(name))
            data = true;
        else if (name == QLatin1String("--spider"))
            spider = true;
        else if (name == QLatin1String("--output-document")) {
            output = hasValue ? a.section(QLatin1Char('='), 1) : args.value(++i);
            outputGiven = true;
        } else if (a.startsWith(QLatin1Char('-')) && !a.startsWith(QLatin1String("--"))) {
            const qsizetype o = a.indexOf(QLatin1Char('O'));
            if (o > 0) {
                output = o + 1 < a.size() ? a.mid(o + 1) : args.value(++i);
                outputGiven = true;
            }
        }
    }
    if (method.isEmpty())
        method = data ? QStringLiteral("POST") : QStringLiteral("GET");
    Result r = verdict(RiskRules::httpMethodRisk(method), QStringLiteral("http method"));
    const bool file =
        !spider && (!outputGiven || (output != QLatin1String("-") && output != QLatin1String("/dev/null")));
    if (file)
        merge(r, verdict(Risk::Change, QStringLiteral("http output to a file")));
    return r;
}

Result ToolReaders::httpie(const QStringList &args)
{
    static const QStringList withValue = {
        QStringLiteral("--auth"),     QStringLiteral("-a"),        QStringLiteral("--auth-type"),
        QStringLiteral("-A"),         QStringLiteral("--output"),  QStringLiteral("-o"),
        QStringLiteral("--session"),  QStringLiteral("--verify"),  QStringLiteral("--cert"),
        QStringLiteral("--cert-key"), QStringLiteral("--timeout"), QStringLiteral("--proxy"),
        QStringLiteral("--print"),    QStringLiteral("-p"),        QStringLiteral("--pretty"),
        QStringLiteral("--style"),    QStringLiteral("-s")};
    static const QRegularExpression methodRe(QStringLiteral("^[A-Z]+$"));
    static const QRegularExpression dataItem(QStringLiteral("^[^:=@]+(:=|=@|:=@|@|=)(?!=)"));
    QStringList positional;
    bool download = false;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString &a = args.at(i);
        if (a.startsWith(QLatin1Char('-'))) {
            download = download || a == QLatin1String("-d") || a == QLatin1String("--download") ||
                       a == QLatin1String("-o") || a == QLatin1String("--output");
            if (withValue.contains(a))
                ++i;
            continue;
        }
        positional << a;
    }
    QString method;
    if (!positional.isEmpty() && methodRe.match(positional.first()).hasMatch())
        method = positional.takeFirst();
    bool data = false;
    for (const QString &item : positional.mid(1))
        data = data || dataItem.match(item).hasMatch();
    if (method.isEmpty())
        method = data ? QStringLiteral("POST") : QStringLiteral("GET");
    Result r = verdict(RiskRules::httpMethodRisk(method), QStringLiteral("http method"));
    if (download)
        merge(r, verdict(Risk::Change, QStringLiteral("http output to a file")));
    return r;
}

Result ToolReaders::awk(const QStringList &args)
{
    static const QStringList withValue = {QStringLiteral("-F"), QStringLiteral("-v"),
                                          QStringLiteral("--field-separator"), QStringLiteral("--assign")};
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString &a = args.at(i);
        if (a == QLatin1String("-f") || a == QLatin1String("--file") ||
            a.startsWith(QLatin1String("--file=")))
            return verdict(Risk::Change, QStringLiteral("a script Sitrep cannot see"));
        if ((a == QLatin1String("-i") || a == QLatin1String("--include")) &&
            args.value(i + 1) == QLatin1String("inplace"))
            return verdict(Risk::Change, QStringLiteral("awk in place"));
        if (a == QLatin1String("-i") || a == QLatin1String("--include") || withValue.contains(a)) {
            ++i;
            continue;
        }
        if (a.startsWith(QLatin1Char('-')) && a != QLatin1String("-"))
            continue;
        // The first other word is the program.
        if (RiskRules::awkWrites().match(a).hasMatch())
            return verdict(Risk::Change, QStringLiteral("awk runs or writes"));
        break;
    }
    return verdict(Risk::Read, QStringLiteral("read-only program"));
}

Result ToolReaders::sqlOf(const QStringList &statements)
{
    Result r;
    bool first = true;
    for (const QString &s : statements) {
        merge(r, RiskClassifier::classifySql(s), first);
        first = false;
    }
    return r;
}

Result ToolReaders::psql(const QStringList &args, const Input &in, bool tty)
{
    const QStringList withValue = RiskRules::psqlOptionsWithValue();
    QStringList sql;
    bool fromStdin = false, info = false, script = false;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString &a = args.at(i);
        const QString name = a.section(QLatin1Char('='), 0, 0);
        const bool eq = a.startsWith(QLatin1String("--")) && a.contains(QLatin1Char('='));
        const QString value =
            eq ? a.section(QLatin1Char('='), 1) : (withValue.contains(a) ? args.value(i + 1) : QString());
        if (name == QLatin1String("-c") || name == QLatin1String("--command"))
            sql << value;
        else if (a.startsWith(QLatin1String("-c")) && a.size() > 2)
            sql << a.mid(2);
        else if (name == QLatin1String("-f") || name == QLatin1String("--file"))
            (value == QLatin1String("-") ? fromStdin : script) = true;
        else if (name == QLatin1String("-l") || name == QLatin1String("--list") ||
                 name == QLatin1String("-V") || name == QLatin1String("--version") ||
                 name == QLatin1String("--help"))
            info = true;
        if (!eq && withValue.contains(a))
            ++i;
    }
    if (script)
        return verdict(Risk::Change, QStringLiteral("a script Sitrep cannot see"));
    if ((fromStdin || sql.isEmpty()) && !in.text.isEmpty())
        sql << in.text;
    else if ((fromStdin || sql.isEmpty()) && in.fromFile)
        return verdict(Risk::Change, QStringLiteral("a script Sitrep cannot see"));
    if (!sql.isEmpty())
        return sqlOf(sql);
    if (info)
        return verdict(Risk::Read, QStringLiteral("SQL read statement"));
    return session(tty, TerminalUse::FullScreen);
}

Result ToolReaders::mysql(const QStringList &args, const Input &in, bool tty)
{
    const QStringList withValue = RiskRules::mysqlOptionsWithValue();
    QStringList sql;
    bool passwordPrompt = false;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString &a = args.at(i);
        if (a == QLatin1String("-e") || a == QLatin1String("--execute"))
            sql << args.value(++i);
        else if (a.startsWith(QLatin1String("--execute=")))
            sql << a.mid(10);
        else if (a.startsWith(QLatin1String("-e")) && a.size() > 2)
            sql << a.mid(2);
        else if (a == QLatin1String("-p") || a == QLatin1String("--password"))
            passwordPrompt = true;
        else if (withValue.contains(a))
            ++i;
    }
    if (sql.isEmpty() && !in.text.isEmpty())
        sql << in.text;
    else if (sql.isEmpty() && in.fromFile)
        return verdict(Risk::Change, QStringLiteral("a script Sitrep cannot see"));
    if (sql.isEmpty())
        return session(tty, TerminalUse::FullScreen);
    Result r = sqlOf(sql);
    if (passwordPrompt && tty)
        r.terminal = TerminalUse::Pty;
    return r;
}

Result ToolReaders::sqlite(const QStringList &args, const Input &in, bool tty)
{
    static const QStringList withValue = {QStringLiteral("-cmd"), QStringLiteral("-separator"),
                                          QStringLiteral("-newline"), QStringLiteral("-nullvalue"),
                                          QStringLiteral("-init")};
    QStringList positional;
    for (qsizetype i = 0; i < args.size(); ++i) {
        if (withValue.contains(args.at(i)))
            ++i;
        else if (!args.at(i).startsWith(QLatin1Char('-')))
            positional << args.at(i);
    }
    QStringList sql = positional.mid(1);
    if (sql.isEmpty() && !in.text.isEmpty())
        sql << in.text;
    if (sql.isEmpty())
        return session(tty, TerminalUse::FullScreen);
    return sqlOf({sql.join(QLatin1Char(' '))});
}

Result ToolReaders::mongo(const QStringList &args, const Input &in, bool tty)
{
    QString eval;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString &a = args.at(i);
        if (a == QLatin1String("--eval"))
            eval += args.value(++i) + QLatin1Char('\n');
        else if (a.startsWith(QLatin1String("--eval=")))
            eval += a.mid(7) + QLatin1Char('\n');
        else if (a == QLatin1String("-f") || a == QLatin1String("--file") || a.endsWith(QLatin1String(".js")))
            return verdict(Risk::Change, QStringLiteral("a script Sitrep cannot see"));
    }
    if (eval.isEmpty())
        eval = in.text;
    if (eval.trimmed().isEmpty())
        return session(tty, TerminalUse::FullScreen);
    for (const auto &[pattern, risk] : RiskRules::mongoKeywords()) {
        if (pattern.match(eval).hasMatch())
            return verdict(risk, QStringLiteral("mongo shell"));
    }
    return verdict(Risk::Change, QStringLiteral("mongo shell"));
}

Result ToolReaders::redisWords(const QStringList &w)
{
    Result r = verdict(RiskRules::redisCommandRisk(w.value(0), w.value(1)).value_or(Risk::Change),
                       QStringLiteral("redis command"));
    const QString cmd = w.value(0).toUpper();
    if (cmd == QLatin1String("MONITOR") || cmd == QLatin1String("SUBSCRIBE") ||
        cmd == QLatin1String("PSUBSCRIBE") || cmd == QLatin1String("SSUBSCRIBE"))
        r.endless = true;
    return r;
}

Result ToolReaders::redis(const QStringList &args, const Input &in, bool tty)
{
    const QStringList withValue = RiskRules::redisOptionsWithValue();
    static const QStringList readModes = {QStringLiteral("--scan"),
                                          QStringLiteral("--bigkeys"),
                                          QStringLiteral("--memkeys"),
                                          QStringLiteral("--hotkeys"),
                                          QStringLiteral("--stat"),
                                          QStringLiteral("--latency"),
                                          QStringLiteral("--latency-history"),
                                          QStringLiteral("--latency-dist"),
                                          QStringLiteral("--intrinsic-latency")};
    static const QStringList endlessModes = {QStringLiteral("--stat"), QStringLiteral("--latency"),
                                             QStringLiteral("--latency-history"),
                                             QStringLiteral("--latency-dist")};
    qsizetype i = 0;
    bool readMode = false, endless = false, writeMode = false;
    QString cluster;
    while (i < args.size() && args.at(i).startsWith(QLatin1Char('-'))) {
        const QString &a = args.at(i);
        readMode = readMode || readModes.contains(a);
        endless = endless || endlessModes.contains(a);
        writeMode = writeMode || a == QLatin1String("--pipe") || a == QLatin1String("--rdb") ||
                    a == QLatin1String("--functions-rdb") || a == QLatin1String("--eval");
        if (a == QLatin1String("--cluster"))
            cluster = args.value(i + 1);
        i += withValue.contains(a) ? 2 : 1;
    }
    if (!cluster.isEmpty()) {
        static const QStringList clusterRead = {QStringLiteral("check"), QStringLiteral("info"),
                                                QStringLiteral("help")};
        static const QStringList clusterDestructive = {QStringLiteral("del-node"), QStringLiteral("reset"),
                                                       QStringLiteral("fix")};
        return verdict(clusterRead.contains(cluster)          ? Risk::Read
                       : clusterDestructive.contains(cluster) ? Risk::Destructive
                                                              : Risk::Change,
                       QStringLiteral("redis command"));
    }
    if (writeMode)
        return verdict(Risk::Change, QStringLiteral("a script Sitrep cannot see"));
    if (i < args.size())
        return redisWords(args.mid(i));
    if (readMode) {
        Result r = verdict(Risk::Read, QStringLiteral("redis read mode"));
        r.endless = endless;
        return r;
    }
    if (!in.text.isEmpty()) { // commands one per line on stdin
        Result r;
        bool first = true;
        for (const QString &l : in.text.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
            merge(r, redisWords(l.simplified().split(QLatin1Char(' '))), first);
            first = false;
        }
        return r;
    }
    if (in.fromFile)
        return verdict(Risk::Change, QStringLiteral("a script Sitrep cannot see"));
    return session(tty); // a bare redis-cli opens its prompt
}

} // namespace Sitrep::Runbook::Internal
