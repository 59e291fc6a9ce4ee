#pragma once

#include <QStringList>
#include <QTextStream>

namespace Sitrep::Prom {

// `sitrep dashboard inspect FILE [--json]`: what Sitrep makes of a dashboard (Sitrep's own or Grafana's), to
// check it before an incident. Exit codes: 0 read, 2 usage or a file that is not a dashboard.
class DashboardCommand final
{
public:
    DashboardCommand(QTextStream &out, QTextStream &err)
        : m_out(out)
        , m_err(err)
    {}
    int run(const QStringList &args);

private:
    int inspect(const QStringList &args);
    int usage();

    QTextStream &m_out;
    QTextStream &m_err;
};

} // namespace Sitrep::Prom
