// What checking an incident file costs when it opens: PRAGMA quick_check on a 10,000-event journal
// (the bar: under 100 ms, else the check runs in the background), the whole open, and how long
// salvaging a damaged one takes. Prints BENCH lines; never asserts on time.
#include "core/Journal.h"
#include "core/JournalRecovery.h"
#include "core/JournalSalvage.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>

using namespace Sitrep::Core;

namespace {

void bench(const char *name, double value, const char *unit)
{
    std::printf("BENCH %s %.1f %s\n", name, value, unit);
    std::fflush(stdout);
}

int fail(const QString &why)
{
    std::fprintf(stderr, "bench_journal: %s\n", qPrintable(why));
    return 1;
}

double median(QList<double> v)
{
    std::sort(v.begin(), v.end());
    return v.at(v.size() / 2);
}

// A realistic mix: short notes, command runs with output, Kubernetes events.
TimelineEvent eventNumber(int i)
{
    const EventKind kinds[] = {EventKind::Note, EventKind::CommandRun, EventKind::KubeEvent,
                               EventKind::Alert};
    const EventKind kind = kinds[i % 4];
    QJsonObject payload{{QStringLiteral("n"), i}};
    if (kind == EventKind::CommandRun)
        payload.insert(QStringLiteral("output"), QString(600, QLatin1Char('o')));
    else
        payload.insert(QStringLiteral("text"), QString(150, QLatin1Char('t')));
    return makeEvent(kind, 1'700'000'000'000 + i * 1000LL, QStringLiteral("alice"),
                     QStringLiteral("event %1 of the incident").arg(i), payload);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    constexpr int kEvents = 10000;
    QTemporaryDir dir;
    if (!dir.isValid())
        return fail(QStringLiteral("no temporary directory"));
    const QString path = dir.filePath(QStringLiteral("big.sitrep"));
    {
        Journal j;
        if (auto r = j.open(path); !r)
            return fail(r.error().text());
        QList<TimelineEvent> events;
        for (int i = 0; i < kEvents; ++i)
            events << eventNumber(i);
        if (auto r = j.appendAll(events); !r)
            return fail(r.error().text());
    }
    bench("journal_10k_file_kb", double(QFileInfo(path).size()) / 1024.0, "KB");

    QList<double> opens;
    QList<double> checks;
    for (int round = 0; round < 7; ++round) {
        QElapsedTimer t;
        t.start();
        Journal j;
        if (auto r = j.open(path); !r)
            return fail(r.error().text());
        opens << double(t.nsecsElapsed()) / 1e6;
        if (j.health().state != JournalHealth::State::Healthy)
            return fail(QStringLiteral("the check ran in the background or found damage: %1")
                            .arg(j.health().sentence()));
        checks << double(j.health().checkMs);
        if (j.events().size() != kEvents)
            return fail(QStringLiteral("read %1 events, wrote %2").arg(j.events().size()).arg(kEvents));
    }
    bench("journal_quick_check_10k_ms", median(checks), "ms");
    bench("journal_open_10k_ms", median(opens), "ms");

    // Damage a leaf in the middle: the salvage (SQL one id at a time, then the raw pages) and recovery.
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("stat"));
        db.setDatabaseName(path);
        if (!db.open())
            return fail(QStringLiteral("cannot open for dbstat"));
        QSqlQuery q(db);
        int leaf = 0;
        if (q.exec(QStringLiteral("SELECT pageno FROM dbstat WHERE name='events' AND pagetype='leaf' "
                                  "ORDER BY pageno")))
            for (int i = 0; q.next(); ++i)
                leaf = i < 400 ? q.value(0).toInt() : leaf;
        q = QSqlQuery();
        db.close();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(QStringLiteral("stat"));
        if (leaf == 0)
            return fail(QStringLiteral("no leaf page found"));
        QFile f(path);
        if (!f.open(QIODevice::ReadWrite) || !f.seek(qint64(leaf - 1) * 4096) ||
            f.write(QByteArray(4096, '\x5a')) != 4096)
            return fail(QStringLiteral("cannot damage the copy"));
    }
    QElapsedTimer t;
    t.start();
    const auto salvage = JournalSalvage::read(path);
    bench("journal_salvage_10k_ms", double(t.nsecsElapsed()) / 1e6, "ms");
    if (salvage.readable() < kEvents - 100 || salvage.readable() >= kEvents)
        return fail(QStringLiteral("salvaged %1 of %2").arg(salvage.readable()).arg(kEvents));
    t.restart();
    const auto report =
        JournalRecovery::recover(path, dir.filePath(QStringLiteral("new.sitrep")), QStringLiteral("b"));
    if (!report)
        return fail(report.error().text());
    bench("journal_recover_10k_ms", double(t.nsecsElapsed()) / 1e6, "ms");
    return 0;
}
