// Child process for the journal tests.
//   journal_writer FILE: prints the durability PRAGMAs, then appends events forever and prints
//     "ack <id>" after each append() returned, i.e. after the event was acknowledged as durable
//     (tst_journal kills it with -9).
//   journal_writer --fill DIR | --remount-ro DIR: run inside a private mount namespace (unshare); mounts
//     a small tmpfs on DIR, writes until the file system is full or after remounting it read-only, and
//     prints what the journal reported (tst_journalintegrity reads it).
#include "core/Journal.h"

#include <QCoreApplication>
#include <QProcess>
#include <QSignalSpy>
#include <cstdio>

using namespace Sitrep::Core;

namespace {

bool run(const QString &program, const QStringList &args)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::ForwardedChannels);
    p.start(program, args);
    return p.waitForFinished(20000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
}

TimelineEvent bulky(qint64 i)
{
    return makeEvent(EventKind::Action, QDateTime::currentMSecsSinceEpoch(), QStringLiteral("writer"),
                     QStringLiteral("action %1").arg(i),
                     {{QStringLiteral("seq"), i}, {QStringLiteral("blob"), QString(2000, QLatin1Char('y'))}});
}

int filesystemCase(const QString &mode, const QString &dir)
{
    const QString size =
        mode == QLatin1String("--fill") ? QStringLiteral("size=192k") : QStringLiteral("size=8m");
    if (!run(QStringLiteral("mount"), {QStringLiteral("-t"), QStringLiteral("tmpfs"), QStringLiteral("-o"),
                                       size, QStringLiteral("tmpfs"), dir})) {
        std::fprintf(stderr, "cannot mount a tmpfs on %s\n", qPrintable(dir));
        return 3;
    }
    const QString path = dir + QStringLiteral("/incident.sitrep");
    qint64 lastAcked = 0;
    {
        Journal journal;
        if (auto r = journal.open(path); !r) {
            std::fprintf(stderr, "%s\n", qPrintable(r.error().text()));
            return 1;
        }
        for (qint64 i = 1; i <= 5; ++i) {
            auto e = journal.append(bulky(i));
            if (!e) {
                std::fprintf(stderr, "early failure: %s\n", qPrintable(e.error().text()));
                return 1;
            }
            lastAcked = e->id;
        }
        if (mode == QLatin1String("--remount-ro")) {
            journal.close();
            if (!run(QStringLiteral("mount"), {QStringLiteral("-o"), QStringLiteral("remount,ro"), dir})) {
                std::fprintf(stderr, "cannot remount %s read-only\n", qPrintable(dir));
                return 3;
            }
            if (auto r = journal.open(path); !r) {
                std::printf("reopen failed: %s\n", qPrintable(r.error().text()));
                return 1;
            }
            std::printf("opened %s: %s\n", journal.isReadOnly() ? "read-only" : "read-write",
                        qPrintable(journal.readOnlyReason()));
        }
        QSignalSpy failed(&journal, &Journal::writeFailed);
        QString refusal;
        for (qint64 i = 6; i < 10000 && refusal.isEmpty(); ++i) {
            auto e = journal.append(bulky(i));
            if (e)
                lastAcked = e->id;
            else
                refusal = e.error().message;
        }
        if (refusal.isEmpty()) {
            std::printf("never refused\n");
            return 1;
        }
        std::printf("acked %lld\nrefused: %s\nsignalled %lld\n", static_cast<long long>(lastAcked),
                    qPrintable(refusal), static_cast<long long>(failed.count()));
    }
    Journal check;
    if (auto r = check.open(path, Journal::Mode::ReadOnly); !r) {
        std::printf("reopened: cannot open: %s\n", qPrintable(r.error().text()));
        return 0;
    }
    const auto events = check.events();
    const bool complete = !events.isEmpty() && events.size() == lastAcked && events.last().id == lastAcked;
    std::printf("reopened: %s (%lld events)\n",
                complete ? "all acknowledged events present" : "MISSING acknowledged events",
                static_cast<long long>(events.size()));
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() == 3 &&
        (args.at(1) == QLatin1String("--fill") || args.at(1) == QLatin1String("--remount-ro")))
        return filesystemCase(args.at(1), args.at(2));
    if (args.size() < 2)
        return 2;
    Journal journal;
    if (auto r = journal.open(args.at(1)); !r) {
        std::fprintf(stderr, "%s\n", qPrintable(r.error().text()));
        return 1;
    }
    // The crash test is only worth something if the promise's PRAGMAs are in force.
    const auto d = journal.durability();
    std::printf("pragmas %s %d\n", qPrintable(d.journalMode), d.synchronous);
    std::fflush(stdout);
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
