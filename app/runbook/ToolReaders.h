#pragma once

#include "runbook/RiskClassifier.h"

#include <QStringList>

namespace Sitrep::Runbook::Internal {

// What a command reads on stdin: a heredoc or here-string it was given, or a file (a script we cannot see).
struct Input
{
    QString text;
    bool fromFile = false;
};

RiskClassifier::Result verdict(Risk risk, const QString &rule);
// Folds b into a: the riskier verdict wins (the earlier one on a tie); terminal use and endlessness add up.
void merge(RiskClassifier::Result &a, const RiskClassifier::Result &b, bool first = false);
// An option cluster such as -it, -sX, -p2222 contains `letter` as a flag (not inside an attached value).
bool clusterHas(const QString &word, QChar letter, const QString &valueLetters = {});
// An interactive session (a shell, a REPL): it can do anything, so it is a change.
RiskClassifier::Result session(bool tty, TerminalUse use = TerminalUse::Pty);

// The RiskClassifier's readers for tools whose risk lies in their options (HTTP clients, awk) or in the
// language they carry (SQL for psql, mysql and sqlite3, JavaScript for mongosh, Redis commands).
class ToolReaders final
{
public:
    using Result = RiskClassifier::Result;
    static Result curl(const QStringList &args);
    static Result wget(const QStringList &args);
    static Result httpie(const QStringList &args);
    static Result awk(const QStringList &args);
    static Result psql(const QStringList &args, const Input &in, bool tty);
    static Result mysql(const QStringList &args, const Input &in, bool tty);
    static Result sqlite(const QStringList &args, const Input &in, bool tty);
    static Result mongo(const QStringList &args, const Input &in, bool tty);
    static Result redis(const QStringList &args, const Input &in, bool tty);

private:
    static Result sqlOf(const QStringList &statements);
    static Result redisWords(const QStringList &words);
};

} // namespace Sitrep::Runbook::Internal
