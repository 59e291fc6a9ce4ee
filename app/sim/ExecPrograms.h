#pragma once

#include "sim/ExecRules.h"

#include <QByteArray>
#include <QHash>
#include <QString>
#include <QStringList>

namespace Sitrep::Sim {

// Where an exec runs: the pod, its container and image, the image's scripted answers and the values they quote.
struct ExecContext
{
    QString ns;
    QString pod;
    QString container;
    QString image;
    ExecRules rules;
    QHash<QString, QString> vars; // counters and {pod}, {namespace}, {container}, {image}

    QString expand(QString text) const;
};

// What a program printed and how it ended; sleepMs delays the end (sleep 5).
struct ExecOutcome
{
    QByteArray out;
    QByteArray err;
    int exitCode = 0;
    int sleepMs = 0;
};

// A psql session as the simulated database's pods answer it: statements from -c, a script on stdin or typed
// at its prompt; aligned, --csv or -A/-t output; transactions (READ ONLY refuses writes), \echo, \set, \q,
// ON_ERROR_STOP; SELECTs and their rows from the image's "sql" answers.
class PsqlSession final
{
public:
    PsqlSession(const ExecContext &context, const QStringList &args);
    bool hasCommands() const { return !m_commands.isEmpty(); }
    bool readsStdin() const { return m_fromStdin; }
    bool listOnly() const { return m_list; }
    QString prompt() const;
    // Runs the -c commands; or a whole script (stdin); stops early on an error under ON_ERROR_STOP.
    ExecOutcome runCommands();
    ExecOutcome runScript(const QString &script);
    // A line typed at the prompt: statements run when they end with ';'. Sets *quit on \q.
    ExecOutcome typed(const QString &line, bool *quit);

private:
    ExecOutcome execute(const QString &text, bool script);
    bool statement(const QString &sql, int line, bool script, ExecOutcome &o);
    bool meta(const QString &line, ExecOutcome &o, bool *quit);
    QByteArray table(const QStringList &columns, const QList<QStringList> &rows) const;

    const ExecContext &m_context;
    QStringList m_commands;
    QString m_database;
    bool m_fromStdin = false;
    bool m_list = false;
    bool m_csv = false;
    bool m_unaligned = false;
    bool m_tuplesOnly = false;
    bool m_quiet = false;
    bool m_stopOnError = false;
    bool m_inTransaction = false;
    bool m_readOnly = false;
    QString m_pending; // a statement typed over several lines
};

// The other programs of a simulated container: redis-cli, pg_isready and the rules' commands, the shell's
// builtins and filters (echo, cat, grep, head, wc ...), and "command not found" (exit 127) for anything else.
class ExecPrograms final
{
public:
    // One command, argv[0] first, with what it reads on stdin. Shells (sh -c) run here too.
    static ExecOutcome run(const ExecContext &context, const QStringList &argv, const QByteArray &stdinData,
                           bool tty);
    // A line of shell: ;, &&, || and | with the builtins, variables assigned and expanded.
    static ExecOutcome shell(const ExecContext &context, const QString &code, const QByteArray &stdinData, bool tty,
                             bool *exitRequested = nullptr);
    // redis-cli's answer to one command, as a terminal or a pipe shows it.
    static ExecOutcome redis(const ExecContext &context, const QStringList &words, bool tty);
    static QStringList redisCommand(const QStringList &args, QString *host); // the command after the options
    static QStringList splitWords(const QString &text, const QHash<QString, QString> &env = {});
};

} // namespace Sitrep::Sim
