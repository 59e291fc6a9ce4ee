// A standalone `sitrep sim` for tests and manual runs: the same SimCommand the CLI wires in.
#include "sim/SimCommand.h"

#include <QCoreApplication>
#include <QTextStream>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    QTextStream err(stderr);
    return Sitrep::Sim::SimCommand(out, err).run(QCoreApplication::arguments().mid(1));
}
