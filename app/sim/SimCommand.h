#pragma once

#include <QStringList>
#include <QTextStream>

namespace Sitrep::Sim {

// `sitrep sim --port N [--scenario NAME|FILE] [--tls|--no-tls] [--k8s-version 1.32] [--token T]
//  [--write-kubeconfig FILE] [--metrics-port N] [--backfill FILE --backfill-hours H]`:
// serves the simulated cluster in the foreground until SIGTERM/SIGINT. Needs a QCoreApplication.
class SimCommand final
{
public:
    SimCommand(QTextStream &out, QTextStream &err)
        : m_out(out)
        , m_err(err)
    {}
    // args are the arguments after "sim". Returns the exit code (0 after a clean stop, 2 on bad usage).
    int run(const QStringList &args);
    static QString usage();

private:
    QTextStream &m_out;
    QTextStream &m_err;
};

} // namespace Sitrep::Sim
