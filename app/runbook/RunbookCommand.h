#pragma once

#include <QStringList>
#include <QTextStream>

namespace Sitrep::Runbook {

// `sitrep runbook inspect FILE [--json]` and `sitrep runbook lint FILE [--set NAME=VALUE ...]`.
// Exit codes: 0 fine, 1 lint findings, 2 usage or unreadable file.
class RunbookCommand final
{
public:
    RunbookCommand(QTextStream &out, QTextStream &err)
        : m_out(out)
        , m_err(err)
    {}
    int run(const QStringList &args);

private:
    int inspect(const QStringList &args);
    int lint(const QStringList &args);
    int usage();

    QTextStream &m_out;
    QTextStream &m_err;
};

} // namespace Sitrep::Runbook
