#pragma once

#include <QStringList>
#include <QTextStream>

namespace Sitrep::Core {
class Journal;
}

namespace Sitrep::Cli {

// `sitrep incident new|note|status|severity|role|milestone|show|check|recover ...`: the headless face of the journal,
// for scripts and for responders in a terminal. Returns the process exit code.
class IncidentCommands final
{
public:
    IncidentCommands(QTextStream &out, QTextStream &err)
        : m_out(out)
        , m_err(err)
    {}
    int run(const QStringList &args); // args start after "incident"

private:
    int newIncident(const QStringList &args);
    int note(const QStringList &args);
    int status(const QStringList &args);
    int severity(const QStringList &args);
    int role(const QStringList &args);
    int milestone(const QStringList &args);
    int show(const QStringList &args);
    int usage(int code);
    int damageWarning(const Core::Journal &journal, const QString &path);

    QTextStream &m_out;
    QTextStream &m_err;
};

} // namespace Sitrep::Cli
