// Child process for tst_journal's crash test: appends events forever and prints "ack <id>" after each
// append() returned, i.e. after the event was acknowledged as durable.
#include "core/Journal.h"

#include <QCoreApplication>
#include <cstdio>

using namespace Sitrep::Core;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc < 2)
        return 2;
    Journal journal;
    if (auto r = journal.open(QString::fromLocal8Bit(argv[1])); !r) {
        std::fprintf(stderr, "%s\n", qPrintable(r.error().text()));
        return 1;
    }
    for (qint64 i = 0;; ++i) {
        auto e = journal.append(makeEvent(
            EventKind::Note, QDateTime::currentMSecsSinceEpoch(), QStringLiteral("writer"),
            QStringLiteral("note %1").arg(i),
            {{QStringLiteral("seq"), i}, {QStringLiteral("blob"), QString(200, QLatin1Char('x'))}}));
        if (!e)
            return 1;
        std::printf("ack %lld\n", static_cast<long long>(e->id));
        std::fflush(stdout);
    }
}
