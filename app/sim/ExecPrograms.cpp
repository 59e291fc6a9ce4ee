#include "sim/ExecPrograms.h"

#include <QFileInfo>
#include <QRegularExpression>

using namespace Qt::Literals::StringLiterals;

namespace Sitrep::Sim {

QString ExecContext::expand(QString text) const
{
    for (auto it = vars.cbegin(); it != vars.cend(); ++it)
        text.replace(QLatin1Char('{') + it.key() + QLatin1Char('}'), it.value());
    return text;
}

namespace {

QByteArray line(const QString &s)
{
    return s.toUtf8() + '\n';
}

bool isNumber(const QString &s)
{
    static const QRegularExpression re(u"^-?\\d+(\\.\\d+)?$"_s);
    return re.match(s).hasMatch();
}

// Statements of a SQL text split at ';' outside quotes; each with the 1-based line it starts on.
QList<QPair<QString, int>> statements(const QString &sql)
{
    QList<QPair<QString, int>> out;
    QString current;
    int lineNo = 1;
    int start = 1;
    QChar quote;
    for (const QChar c : sql) {
        if (c == QLatin1Char('\n'))
            ++lineNo;
        if (!quote.isNull()) {
            if (c == quote)
                quote = QChar();
            current += c;
            continue;
        }
        if (c == QLatin1Char('\'') || c == QLatin1Char('"')) {
            quote = c;
        } else if (c == QLatin1Char(';')) {
            if (!current.trimmed().isEmpty())
                out.append({current.trimmed(), start});
            current.clear();
            start = lineNo;
            continue;
        }
        if (current.trimmed().isEmpty() && !c.isSpace())
            start = lineNo;
        current += c;
    }
    if (!current.trimmed().isEmpty())
        out.append({current.trimmed(), start});
    return out;
}

} // namespace

PsqlSession::PsqlSession(const ExecContext &context, const QStringList &args)
    : m_context(context)
    , m_database(context.rules.database)
{
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString &a = args.at(i);
        const QString next = args.value(i + 1);
        if (a == "-c"_L1 || a == "--command"_L1) {
            m_commands << next;
            ++i;
        } else if (a.startsWith("--command="_L1)) {
            m_commands << a.mid(10);
        } else if (a == "-f"_L1 || a == "--file"_L1) {
            m_fromStdin = next == "-"_L1;
            ++i;
        } else if (a == "-d"_L1 || a == "--dbname"_L1) {
            m_database = next;
            ++i;
        } else if (a == "-U"_L1 || a == "-h"_L1 || a == "-p"_L1 || a == "-P"_L1 || a == "--username"_L1 ||
                   a == "--host"_L1 || a == "--port"_L1) {
            ++i;
        } else if (a == "-v"_L1 || a == "--set"_L1 || a == "--variable"_L1) {
            m_stopOnError = m_stopOnError || next.startsWith("ON_ERROR_STOP=1"_L1) ||
                            next.startsWith("ON_ERROR_STOP=on"_L1);
            ++i;
        } else if (a == "--csv"_L1) {
            m_csv = true;
        } else if (a == "-A"_L1 || a == "--no-align"_L1) {
            m_unaligned = true;
        } else if (a == "-t"_L1 || a == "--tuples-only"_L1) {
            m_tuplesOnly = true;
        } else if (a == "-At"_L1 || a == "-tA"_L1) {
            m_unaligned = m_tuplesOnly = true;
        } else if (a == "-q"_L1 || a == "--quiet"_L1) {
            m_quiet = true;
        } else if (a == "-l"_L1 || a == "--list"_L1) {
            m_list = true;
        } else if (!a.startsWith(QLatin1Char('-')) && i == args.size() - 1) {
            m_database = a.section(QLatin1Char('/'), -1); // a dbname or URL as the last word
        }
    }
}

QString PsqlSession::prompt() const
{
    return m_database + (m_inTransaction ? u"=*# "_s : u"=# "_s);
}

QByteArray PsqlSession::table(const QStringList &columns, const QList<QStringList> &rows) const
{
    QByteArray out;
    if (m_csv) {
        auto csv = [](const QString &v) {
            if (v.contains(QLatin1Char(',')) || v.contains(QLatin1Char('"')) || v.contains(QLatin1Char('\n'))) {
                QString q = v;
                q.replace(u"\""_s, u"\"\""_s);
                return QLatin1Char('"') + q + QLatin1Char('"');
            }
            return v;
        };
        if (!m_tuplesOnly) {
            QStringList h;
            for (const QString &c : columns)
                h << csv(c);
            out += line(h.join(QLatin1Char(',')));
        }
        for (const QStringList &r : rows) {
            QStringList cells;
            for (const QString &v : r)
                cells << csv(v);
            out += line(cells.join(QLatin1Char(',')));
        }
        return out;
    }
    if (m_unaligned) {
        if (!m_tuplesOnly)
            out += line(columns.join(QLatin1Char('|')));
        for (const QStringList &r : rows)
            out += line(r.join(QLatin1Char('|')));
        if (!m_tuplesOnly)
            out += line(rows.size() == 1 ? u"(1 row)"_s : u"(%1 rows)"_s.arg(rows.size()));
        return out;
    }
    // psql's aligned format: centred headers, numbers to the right, text to the left.
    QList<int> widths;
    for (qsizetype c = 0; c < columns.size(); ++c) {
        int w = int(columns.at(c).size());
        for (const QStringList &r : rows)
            w = qMax(w, int(r.value(c).size()));
        widths << w;
    }
    if (!m_tuplesOnly) {
        QStringList head, rule;
        for (qsizetype c = 0; c < columns.size(); ++c) {
            const int pad = widths.at(c) - int(columns.at(c).size());
            head << QString(pad / 2, QLatin1Char(' ')) + columns.at(c) + QString(pad - pad / 2, QLatin1Char(' '));
            rule << QString(widths.at(c) + 2, QLatin1Char('-'));
        }
        out += line(QLatin1Char(' ') + head.join(u" | "_s) + QLatin1Char(' '));
        out += line(rule.join(QLatin1Char('+')));
    }
    for (const QStringList &r : rows) {
        QStringList cells;
        for (qsizetype c = 0; c < columns.size(); ++c) {
            const QString v = r.value(c);
            cells << (isNumber(v) ? v.rightJustified(widths.at(c)) : v.leftJustified(widths.at(c)));
        }
        QString row = QLatin1Char(' ') + cells.join(u" | "_s);
        while (row.endsWith(QLatin1Char(' ')))
            row.chop(1); // psql pads no data row at its end
        out += line(row);
    }
    if (!m_tuplesOnly)
        out += line(rows.size() == 1 ? u"(1 row)"_s : u"(%1 rows)"_s.arg(rows.size())) + '\n';
    return out;
}

bool PsqlSession::meta(const QString &text, ExecOutcome &o, bool *quit)
{
    const QStringList words = text.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    const QString cmd = words.value(0);
    if (cmd == "\\echo"_L1) {
        QStringList args = words.mid(1);
        for (QString &a : args) {
            if (a.size() >= 2 && a.startsWith(QLatin1Char('\'')) && a.endsWith(QLatin1Char('\'')))
                a = a.mid(1, a.size() - 2);
        }
        o.out += line(args.join(QLatin1Char(' ')));
    } else if (cmd == "\\q"_L1) {
        if (quit)
            *quit = true;
    } else if (cmd == "\\set"_L1 || cmd == "\\timing"_L1 || cmd == "\\pset"_L1) {
        if (words.value(1) == "ON_ERROR_STOP"_L1)
            m_stopOnError = words.value(2) != "off"_L1 && words.value(2) != "0"_L1;
    } else if (cmd == "\\x"_L1) {
        o.out += line(u"Expanded display is on."_s);
    } else if (cmd == "\\dt"_L1 || cmd == "\\d"_L1) {
        o.out += line(u"Did not find any relations."_s);
    } else {
        o.err += line(u"invalid command %1\nTry \\? for help."_s.arg(cmd));
        return false;
    }
    return true;
}

bool PsqlSession::statement(const QString &sql, int lineNo, bool script, ExecOutcome &o)
{
    static const QRegularExpression begin(u"^(BEGIN|START\\s+TRANSACTION)\\b(.*)$"_s,
                                          QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression end(u"^(COMMIT|ROLLBACK|END|ABORT)\\b"_s, QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression set(u"^(SET|RESET)\\b"_s, QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression write(u"^(INSERT|UPDATE|DELETE|TRUNCATE|DROP|ALTER|CREATE|GRANT|REVOKE|VACUUM)\\b"_s,
                                          QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression from(u"\\bFROM\\s+([A-Za-z_][A-Za-z0-9_.]*)"_s,
                                         QRegularExpression::CaseInsensitiveOption);
    auto tag = [&](const QString &t) {
        if (!m_quiet)
            o.out += line(t);
    };
    auto fail = [&](const QString &message) {
        o.err += (script ? u"psql:<stdin>:%1: "_s.arg(lineNo) : QString()).toUtf8() + line(u"ERROR:  "_s + message);
        return false;
    };
    const QString s = sql.simplified();
    const QString keyword = s.section(QLatin1Char(' '), 0, 0).toUpper();
    if (const auto m = begin.match(s); m.hasMatch()) {
        m_inTransaction = true;
        m_readOnly = m.captured(2).contains("READ ONLY"_L1, Qt::CaseInsensitive);
        tag(u"BEGIN"_s);
        return true;
    }
    if (const auto m = end.match(s); m.hasMatch()) {
        m_inTransaction = false;
        m_readOnly = false;
        tag(m.captured(1).toUpper() == "ABORT"_L1 ? u"ROLLBACK"_s : m.captured(1).toUpper());
        return true;
    }
    if (set.match(s).hasMatch()) {
        tag(keyword);
        return true;
    }
    if (m_readOnly && write.match(s).hasMatch())
        return fail(u"cannot execute %1 in a read-only transaction"_s.arg(keyword));
    for (const ExecRules::Sql &rule : m_context.rules.sql) {
        if (!rule.match.match(s).hasMatch())
            continue;
        if (!rule.error.isEmpty())
            return fail(m_context.expand(rule.error));
        if (!rule.columns.isEmpty()) {
            QList<QStringList> rows;
            for (const QStringList &r : rule.rows) {
                QStringList expanded;
                for (const QString &v : r)
                    expanded << m_context.expand(v);
                rows << expanded;
            }
            o.out += table(rule.columns, rows);
            return true;
        }
        tag(m_context.expand(rule.tag.isEmpty() ? keyword : rule.tag));
        return true;
    }
    if (write.match(s).hasMatch()) {
        tag(keyword == "INSERT"_L1 ? u"INSERT 0 0"_s : keyword == "UPDATE"_L1 || keyword == "DELETE"_L1 ? keyword + u" 0"_s : keyword);
        return true;
    }
    if (keyword == "SELECT"_L1 || keyword == "SHOW"_L1 || keyword == "WITH"_L1 || keyword == "EXPLAIN"_L1) {
        if (const auto m = from.match(s); m.hasMatch())
            return fail(u"relation \"%1\" does not exist"_s.arg(m.captured(1)));
        const QString expr = s.mid(keyword.size()).trimmed();
        QString value = expr;
        if (value.startsWith(QLatin1Char('\'')) && value.endsWith(QLatin1Char('\'')))
            value = value.mid(1, value.size() - 2);
        o.out += table({keyword == "SHOW"_L1 ? expr : u"?column?"_s}, {{value}});
        return true;
    }
    return fail(u"syntax error at or near \"%1\""_s.arg(s.section(QLatin1Char(' '), 0, 0)));
}

ExecOutcome PsqlSession::execute(const QString &text, bool script)
{
    ExecOutcome o;
    // Backslash commands are lines of their own; statements end at ';'.
    QString sql;
    int sqlLine = 1;
    int lineNo = 0;
    auto flush = [&]() -> bool {
        for (const auto &[st, offset] : statements(sql)) {
            if (!statement(st, sqlLine + offset - 1, script, o)) {
                o.exitCode = script ? (m_stopOnError ? 3 : 0) : 1;
                if (m_stopOnError || !script)
                    return false;
            }
        }
        sql.clear();
        return true;
    };
    for (const QString &l : text.split(QLatin1Char('\n'))) {
        ++lineNo;
        const QString t = l.trimmed();
        if (t.startsWith(QLatin1Char('\\'))) {
            if (!flush())
                return o;
            bool quit = false;
            if (!meta(t, o, &quit) && m_stopOnError) {
                o.exitCode = 3;
                return o;
            }
            if (quit)
                return o;
            sqlLine = lineNo + 1;
            continue;
        }
        if (sql.isEmpty())
            sqlLine = lineNo;
        sql += l + QLatin1Char('\n');
    }
    flush();
    return o;
}

ExecOutcome PsqlSession::runCommands()
{
    ExecOutcome total;
    if (m_list) {
        total.out = table({u"Name"_s, u"Owner"_s, u"Encoding"_s}, {{m_database, u"postgres"_s, u"UTF8"_s}});
        return total;
    }
    for (const QString &c : std::as_const(m_commands)) {
        const ExecOutcome o = c.trimmed().startsWith(QLatin1Char('\\')) ? execute(c, false) : execute(c, false);
        total.out += o.out;
        total.err += o.err;
        if (o.exitCode != 0) {
            total.exitCode = o.exitCode;
            break;
        }
    }
    return total;
}

ExecOutcome PsqlSession::runScript(const QString &script)
{
    return execute(script, true);
}

ExecOutcome PsqlSession::typed(const QString &text, bool *quit)
{
    ExecOutcome o;
    const QString t = text.trimmed();
    if (t.startsWith(QLatin1Char('\\'))) {
        meta(t, o, quit);
        return o;
    }
    m_pending += text + QLatin1Char('\n');
    if (!t.endsWith(QLatin1Char(';')))
        return o;
    const QString sql = m_pending;
    m_pending.clear();
    for (const auto &[st, offset] : statements(sql)) {
        Q_UNUSED(offset)
        statement(st, 1, false, o);
    }
    return o;
}

QStringList ExecPrograms::splitWords(const QString &text, const QHash<QString, QString> &env)
{
    QStringList out;
    QString word;
    bool inWord = false;
    QChar quote;
    static const QRegularExpression var(u"^\\$(\\{)?([A-Za-z_][A-Za-z0-9_]*)(\\})?"_s);
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quote == QLatin1Char('\'')) {
            if (c == quote)
                quote = QChar();
            else
                word += c;
            continue;
        }
        if (c == QLatin1Char('$')) {
            const auto m = var.match(QStringView(text).mid(i));
            if (m.hasMatch() && (m.captured(1).isEmpty() || !m.captured(3).isEmpty())) {
                word += env.value(m.captured(2));
                inWord = true;
                i += m.capturedLength() - 1;
                continue;
            }
        }
        if (quote == QLatin1Char('"')) {
            if (c == quote)
                quote = QChar();
            else if (c == QLatin1Char('\\') && i + 1 < text.size())
                word += text.at(++i);
            else
                word += c;
            continue;
        }
        if (c == QLatin1Char('\'') || c == QLatin1Char('"')) {
            quote = c;
            inWord = true;
        } else if (c == QLatin1Char('\\') && i + 1 < text.size()) {
            word += text.at(++i);
            inWord = true;
        } else if (c.isSpace()) {
            if (inWord)
                out << word;
            word.clear();
            inWord = false;
        } else {
            word += c;
            inWord = true;
        }
    }
    if (inWord)
        out << word;
    return out;
}

QStringList ExecPrograms::redisCommand(const QStringList &args, QString *host)
{
    static const QStringList withValue = {u"-h"_s, u"-p"_s, u"-a"_s, u"-n"_s, u"-u"_s, u"-r"_s, u"-i"_s,
                                          u"-s"_s, u"--user"_s, u"--pass"_s};
    QString h = u"127.0.0.1"_s, port = u"6379"_s;
    qsizetype i = 0;
    while (i < args.size() && args.at(i).startsWith(QLatin1Char('-'))) {
        if (args.at(i) == "-h"_L1)
            h = args.value(i + 1);
        if (args.at(i) == "-p"_L1)
            port = args.value(i + 1);
        i += withValue.contains(args.at(i)) ? 2 : 1;
    }
    if (host)
        *host = h + QLatin1Char(':') + port;
    return args.mid(i);
}

ExecOutcome ExecPrograms::redis(const ExecContext &context, const QStringList &words, bool tty)
{
    ExecOutcome o;
    const QString joined = words.join(QLatin1Char(' '));
    QString reply = u"error"_s;
    QStringList values{u"ERR unknown command '%1', with args beginning with: %2"_s.arg(
        words.value(0), words.mid(1).join(QLatin1Char(' ')))};
    bool found = false;
    for (const ExecRules::Redis &r : context.rules.redis) {
        if (r.match.match(joined).hasMatch()) {
            reply = r.reply;
            values.clear();
            for (const QString &v : r.values)
                values << context.expand(v);
            found = true;
            break;
        }
    }
    const QString cmd = words.value(0).toUpper();
    if (!found && cmd == "PING"_L1) {
        reply = u"status"_s;
        values = {u"PONG"_s};
    } else if (!found && cmd == "ECHO"_L1) {
        reply = u"string"_s;
        values = {words.value(1)};
    }
    const QString v = values.value(0);
    if (reply == "integer"_L1)
        o.out = line(tty ? u"(integer) "_s + v : v);
    else if (reply == "string"_L1)
        o.out = line(tty ? QLatin1Char('"') + v + QLatin1Char('"') : v);
    else if (reply == "status"_L1)
        o.out = line(v);
    else if (reply == "nil"_L1)
        o.out = tty ? line(u"(nil)"_s) : QByteArray("\n");
    else if (reply == "array"_L1) {
        if (values.isEmpty())
            o.out = tty ? line(u"(empty array)"_s) : QByteArray();
        for (qsizetype i = 0; i < values.size(); ++i)
            o.out += line(tty ? u"%1) \"%2\""_s.arg(i + 1).arg(values.at(i)) : values.at(i));
    } else {
        o.out = line((tty ? u"(error) "_s : QString()) + v);
        o.exitCode = 1;
    }
    return o;
}

ExecOutcome ExecPrograms::run(const ExecContext &context, const QStringList &argv, const QByteArray &stdinData,
                              bool tty)
{
    ExecOutcome o;
    if (argv.isEmpty())
        return o;
    const QString program = QFileInfo(argv.first()).fileName();
    const QStringList args = argv.mid(1);
    const QString joined = QStringList(QStringList{program} + args).join(QLatin1Char(' '));
    for (const ExecRules::Command &c : context.rules.commands) {
        if (c.match.match(joined).hasMatch()) {
            o.out = context.expand(c.out).toUtf8();
            o.err = context.expand(c.err).toUtf8();
            o.exitCode = c.exitCode;
            return o;
        }
    }
    const QStringList lines = QString::fromUtf8(stdinData).split(QLatin1Char('\n'));
    auto text = [&lines] {
        QStringList l = lines;
        if (!l.isEmpty() && l.last().isEmpty())
            l.removeLast();
        return l;
    };
    if (program == "sh"_L1 || program == "bash"_L1 || program == "ash"_L1) {
        const qsizetype c = args.indexOf(u"-c"_s);
        return shell(context, c >= 0 ? args.value(c + 1) : QString::fromUtf8(stdinData),
                     c >= 0 ? stdinData : QByteArray(), tty);
    }
    if (program == "psql"_L1) {
        PsqlSession psql(context, args);
        if (psql.hasCommands() || psql.listOnly())
            return psql.runCommands();
        return psql.runScript(QString::fromUtf8(stdinData));
    }
    if (program == "redis-cli"_L1) {
        const QStringList cmd = redisCommand(args, nullptr);
        if (!cmd.isEmpty())
            return redis(context, cmd, tty && !args.contains(u"--raw"_s));
        for (const QString &l : text()) { // commands one per line on stdin
            const ExecOutcome one = redis(context, splitWords(l), false);
            o.out += one.out;
        }
        return o;
    }
    if (program == "echo"_L1) {
        const bool noNewline = args.value(0) == "-n"_L1;
        o.out = (noNewline ? args.mid(1) : args).join(QLatin1Char(' ')).toUtf8() + (noNewline ? "" : "\n");
    } else if (program == "printf"_L1) {
        QString fmt = args.value(0);
        for (const QString &a : args.mid(1))
            fmt.replace(fmt.indexOf("%s"_L1) >= 0 ? fmt.indexOf("%s"_L1) : fmt.size(), 2, a);
        fmt.replace("\\n"_L1, "\n"_L1);
        o.out = fmt.toUtf8();
    } else if (program == "hostname"_L1) {
        o.out = line(context.pod);
    } else if (program == "env"_L1 || program == "printenv"_L1) {
        o.out = line(u"HOSTNAME="_s + context.pod) + line(u"KUBERNETES_SERVICE_HOST=10.96.0.1"_s) +
                line(u"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"_s);
    } else if (program == "true"_L1 || program == ":"_L1) {
    } else if (program == "false"_L1) {
        o.exitCode = 1;
    } else if (program == "whoami"_L1) {
        o.out = line(u"root"_s);
    } else if (program == "pwd"_L1) {
        o.out = line(u"/"_s);
    } else if (program == "sleep"_L1) {
        o.sleepMs = int(qBound(0.0, args.value(0).toDouble() * 1000.0, 300000.0));
    } else if (program == "cat"_L1) {
        if (args.isEmpty() || args.first() == "-"_L1)
            o.out = stdinData;
        else if (args.first() == "/etc/hostname"_L1)
            o.out = line(context.pod);
        else
            o = {{}, line(u"cat: %1: No such file or directory"_s.arg(args.first())), 1, 0};
    } else if (program == "grep"_L1) {
        bool invert = false, count = false;
        Qt::CaseSensitivity cs = Qt::CaseSensitive;
        QString pattern;
        for (const QString &a : args) {
            if (a.startsWith(QLatin1Char('-')) && pattern.isEmpty()) {
                invert = invert || a.contains(QLatin1Char('v'));
                count = count || a.contains(QLatin1Char('c'));
                if (a.contains(QLatin1Char('i')))
                    cs = Qt::CaseInsensitive;
            } else if (pattern.isEmpty()) {
                pattern = a;
            }
        }
        const QRegularExpression re(pattern, cs == Qt::CaseInsensitive ? QRegularExpression::CaseInsensitiveOption
                                                                         : QRegularExpression::NoPatternOption);
        int n = 0;
        for (const QString &l : text()) {
            if (re.match(l).hasMatch() != invert) {
                ++n;
                if (!count)
                    o.out += line(l);
            }
        }
        if (count)
            o.out = line(QString::number(n));
        o.exitCode = n > 0 ? 0 : 1;
    } else if (program == "head"_L1 || program == "tail"_L1) {
        int n = 10;
        for (qsizetype i = 0; i < args.size(); ++i) {
            if (args.at(i) == "-n"_L1)
                n = args.value(i + 1).toInt();
            else if (args.at(i).startsWith("-n"_L1) || (args.at(i).startsWith(QLatin1Char('-')) && args.at(i).size() > 1))
                n = args.at(i).mid(args.at(i).startsWith("-n"_L1) ? 2 : 1).toInt();
        }
        const QStringList l = text();
        for (const QString &s : program == "head"_L1 ? l.mid(0, n) : l.mid(qMax<qsizetype>(0, l.size() - n)))
            o.out += line(s);
    } else if (program == "wc"_L1) {
        o.out = line(QString::number(text().size()));
    } else if (program == "nslookup"_L1 || program == "getent"_L1) {
        const QString name = args.value(program == "getent"_L1 ? 1 : 0);
        const uint h = qHash(name);
        o.out = line(u"Server:\t\t10.96.0.10"_s) + line(u"Address:\t10.96.0.10#53"_s) + '\n' +
                line(u"Name:\t%1"_s.arg(name.contains(QLatin1Char('.')) ? name : name + u"."_s + context.ns + u".svc.cluster.local"_s)) +
                line(u"Address: 10.96.%1.%2"_s.arg((h >> 8) % 250 + 1).arg(h % 250 + 1));
    } else {
        o.err = line(u"%1: command not found"_s.arg(program));
        o.exitCode = 127;
    }
    return o;
}

ExecOutcome ExecPrograms::shell(const ExecContext &context, const QString &code, const QByteArray &stdinData, bool tty,
                                bool *exitRequested)
{
    // Split at newlines and ';' (outside quotes), then && / || and |; enough for runbook one-liners.
    ExecOutcome total;
    QHash<QString, QString> env{{u"HOSTNAME"_s, context.pod}, {u"HOME"_s, u"/root"_s}};
    QStringList commands;
    QString current;
    QChar quote;
    for (const QChar c : code) {
        if (!quote.isNull()) {
            if (c == quote)
                quote = QChar();
        } else if (c == QLatin1Char('\'') || c == QLatin1Char('"')) {
            quote = c;
        } else if (c == QLatin1Char(';') || c == QLatin1Char('\n')) {
            commands << current;
            current.clear();
            continue;
        }
        current += c;
    }
    commands << current;
    static const QRegularExpression andOr(u"\\s*(&&|\\|\\|)\\s*"_s);
    static const QRegularExpression assign(u"^([A-Za-z_][A-Za-z0-9_]*)=(.*)$"_s);
    int status = 0;
    for (const QString &command : std::as_const(commands)) {
        if (command.trimmed().isEmpty())
            continue;
        QString rest = command;
        QString connector;
        while (!rest.trimmed().isEmpty()) {
            const auto m = andOr.match(rest);
            const QString part = m.hasMatch() ? rest.left(m.capturedStart()) : rest;
            const QString next = m.hasMatch() ? m.captured(1) : QString();
            rest = m.hasMatch() ? rest.mid(m.capturedEnd()) : QString();
            const bool skip = (connector == "&&"_L1 && status != 0) || (connector == "||"_L1 && status == 0);
            connector = next;
            if (skip)
                continue;
            QByteArray input = stdinData;
            bool produced = false;
            for (const QString &stage : part.split(QLatin1Char('|'))) {
                QStringList words = splitWords(stage, env);
                while (!words.isEmpty()) {
                    const auto a = assign.match(words.first());
                    if (!a.hasMatch())
                        break;
                    env.insert(a.captured(1), a.captured(2));
                    words.removeFirst();
                }
                if (words.isEmpty())
                    continue;
                if (words.first() == "exit"_L1) {
                    total.exitCode = words.value(1).toInt();
                    if (exitRequested)
                        *exitRequested = true;
                    return total;
                }
                const ExecOutcome o = run(context, words, input, tty);
                total.err += o.err;
                total.sleepMs += o.sleepMs;
                input = o.out;
                produced = true;
                status = o.exitCode;
            }
            if (produced)
                total.out += input;
        }
    }
    total.exitCode = status;
    return total;
}

} // namespace Sitrep::Sim
