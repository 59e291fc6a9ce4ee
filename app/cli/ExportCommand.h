#pragma once

#include <QStringList>
#include <QTextStream>

namespace Sitrep::Cli {

// `sitrep export FILE --format md|html|pdf|json|csv [--pinned-only] [--local-time] [-o OUT]`.
// PDF needs a QGuiApplication; main() creates one (offscreen) for this command.
class ExportCommand final
{
public:
    ExportCommand(QTextStream &out, QTextStream &err)
        : m_out(out)
        , m_err(err)
    {}
    int run(const QStringList &args);

private:
    QTextStream &m_out;
    QTextStream &m_err;
};

} // namespace Sitrep::Cli
