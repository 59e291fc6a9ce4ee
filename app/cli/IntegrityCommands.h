#pragma once

#include <QStringList>
#include <QTextStream>

namespace Sitrep::Cli {

// `sitrep incident check FILE` and `sitrep incident recover FILE -o NEW`: whether an incident file is
// intact, and a new file with every event a damaged one still holds. Returns the process exit code:
// check exits 0 when intact, 1 when damaged or unreadable.
class IntegrityCommands final
{
public:
    IntegrityCommands(QTextStream &out, QTextStream &err)
        : m_out(out)
        , m_err(err)
    {}
    int check(const QStringList &args);
    int recover(const QStringList &args);

private:
    QTextStream &m_out;
    QTextStream &m_err;
};

} // namespace Sitrep::Cli
