#pragma once

#include <QStringList>
#include <QTextStream>

namespace Sitrep::Team {

// `sitrep team init|serve|share|join|sync|incidents|status ...`: team incidents from a terminal and from
// scripts (the tests drive replicas through it). Needs a QCoreApplication. Returns the exit code:
// 0 done (sync: both sides hold the same events), 1 failed (a sentence on stderr), 2 bad usage.
class TeamCommand final
{
public:
    TeamCommand(QTextStream &out, QTextStream &err)
        : m_out(out)
        , m_err(err)
    {}
    int run(const QStringList &args); // args start after "team"
    static QString usage();

private:
    int init(const QStringList &args);
    int serve(const QStringList &args);
    int share(const QStringList &args);
    int join(const QStringList &args);
    int sync(const QStringList &args);
    int incidents(const QStringList &args);
    int status(const QStringList &args);
    int fail(const QString &sentence);

    QTextStream &m_out;
    QTextStream &m_err;
};

} // namespace Sitrep::Team
